package generator_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/corpus"
)

// Shapes of a knowledge base that made a build grow faster than its size
// (QA 18 A; BENCHMARKS.md "Linear in the shape of a knowledge base"):
// "same" puts every postmortem on one system and one cause, so each
// repeats every earlier one within the repeat window; "terms" gives
// postmortem i the free-form system sys-(i mod K) and sys-(7i+1 mod K) and
// the cause cause-(i mod K), K = 1,000, with no catalog, so the
// causes × systems matrix has ~K² cells. "seed1" is the corpus unchanged.
var shapes = []string{"seed1", "same", "terms"}

// shapeFS returns a YAML-only generated corpus of n postmortems in shape.
func shapeFS(n int, shape string) fstest.MapFS {
	c := corpus.Generate(corpus.Options{N: n, Seed: 1, Today: benchToday})
	fsys := c.FS()
	if shape == "seed1" {
		return fsys
	}
	const k = 1000
	paths := slices.Sorted(func(yield func(string) bool) {
		for p := range fsys {
			if strings.HasSuffix(p, ".md") && !yield(p) {
				return
			}
		}
	})
	// A list is written in flow style (systems: [a, b]) or as a block
	// (systems:, then "  - a" lines).
	systems := regexp.MustCompile(`(?m)^systems:(?: \[.*\]$|\n(?:  - .*\n)+)`)
	causes := regexp.MustCompile(`(?m)^causes:(?: \[.*\]$|\n(?:  - .*\n)+)`)
	replace := func(re *regexp.Regexp, data, with string) string {
		return re.ReplaceAllStringFunc(data, func(m string) string {
			if strings.HasSuffix(m, "\n") { // a block list ends with its line
				return with + "\n"
			}
			return with
		})
	}
	for i, p := range paths {
		data := string(fsys[p].Data)
		sys, cause := "systems: [checkout-api]", "causes: [config-change]"
		if shape == "terms" {
			sys = fmt.Sprintf("systems: [sys-%04d, sys-%04d]", i%k, (7*i+1)%k)
			cause = fmt.Sprintf("causes: [cause-%04d]", i%k)
		}
		data = replace(systems, data, sys)
		data = replace(causes, data, cause)
		fsys[p] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	}
	if shape == "terms" { // no catalog: any cause and system is valid
		cfg := regexp.MustCompile(`(?m)^\[(?:systems|causes)\.[^\]]+\]\n(?:[^\[\n][^\n]*\n)*\n?`).ReplaceAllString(string(fsys["pmkb.toml"].Data), "")
		fsys["pmkb.toml"] = &fstest.MapFile{Data: []byte(cfg), Mode: 0o644}
	}
	return fsys
}

// BenchmarkBuildShape builds each shape at 1,000 and 4,000 postmortems:
// time and allocations should grow about fourfold from one to the other,
// and a shape should cost about what seed1 costs at the same size.
//
//	go test -run XXX -bench BuildShape -benchtime 1x ./generator/
func BenchmarkBuildShape(b *testing.B) {
	for _, shape := range shapes {
		for _, n := range []int{1000, 4000} {
			b.Run(fmt.Sprintf("%s/%d", shape, n), func(b *testing.B) {
				opts := generator.Options{Source: shapeFS(n, shape), Today: benchToday, Version: "pmkb bench"}
				b.ReportAllocs()
				for b.Loop() {
					site, err := generator.Build(context.Background(), opts)
					if err != nil {
						b.Fatalf("build: %v", err)
					}
					if len(site.KB.Postmortems) != n {
						b.Fatalf("built %d postmortems, want %d", len(site.KB.Postmortems), n)
					}
				}
			})
		}
	}
}

// TestShapesBuild checks that each benchmark shape builds without errors
// and has its shape, so that BenchmarkBuildShape measures what it says.
func TestShapesBuild(t *testing.T) {
	for _, shape := range shapes {
		site, err := generator.Build(context.Background(), generator.Options{Source: shapeFS(60, shape), Today: benchToday})
		if err != nil {
			t.Fatalf("%s: %v", shape, err)
		}
		systems, causes := map[string]bool{}, map[string]bool{}
		for _, p := range site.KB.Postmortems {
			for _, s := range p.Systems {
				systems[s] = true
			}
			for _, c := range p.Causes {
				causes[c] = true
			}
		}
		switch {
		case len(site.KB.Postmortems) != 60:
			t.Errorf("%s: %d postmortems", shape, len(site.KB.Postmortems))
		case shape == "same" && (len(systems) != 1 || !systems["checkout-api"] || len(causes) != 1 || !causes["config-change"]):
			t.Errorf("same: systems %v, causes %v", systems, causes)
		case shape == "terms" && (len(causes) != 60 || len(systems) < 60 || len(site.KB.Config.Causes) != 0):
			t.Errorf("terms: %d systems, %d causes, %d in the catalog", len(systems), len(causes), len(site.KB.Config.Causes))
		case shape == "seed1" && len(systems) < 10:
			t.Errorf("seed1: %d systems", len(systems))
		}
	}
}
