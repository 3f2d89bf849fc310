package generator_test

import (
	"context"
	"testing"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/model"
)

// benchToday is the build date of every benchmark corpus.
var benchToday = model.Date{Year: 2026, Month: 11, Day: 27}

// BenchmarkBuild1k builds a generated corpus of 1,000 postmortems in memory.
func BenchmarkBuild1k(b *testing.B) { benchmarkBuild(b, 1000) }

// BenchmarkBuild10k builds a generated corpus of 10,000 postmortems in
// memory: the size the performance target (under 3 s on 2 cores) is set for.
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 10000) }

// benchmarkBuild generates n postmortems (seed 1, mixed front-matter
// formats) once, then times generator.Build over them. Writing the site to
// disk is not part of it; cmd/pmkb-bench measures the whole command.
func benchmarkBuild(b *testing.B, n int) {
	c := corpus.Generate(corpus.Options{N: n, Seed: 1, Today: benchToday, Formats: true})
	fsys := c.FS()
	opts := generator.Options{Source: fsys, Today: benchToday, Version: "pmkb bench"}
	var files, bytes int
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		site, err := generator.Build(context.Background(), opts)
		if err != nil {
			b.Fatalf("build: %v", err)
		}
		if got := len(site.KB.Postmortems); got != n {
			b.Fatalf("built %d postmortems, want %d", got, n)
		}
		files, bytes = len(site.Files), 0
		for _, f := range site.Files {
			bytes += len(f.Data)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "postmortems/s")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(bytes)/(1<<20), "MB-out")
}
