package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseSizes(t *testing.T) {
	tests := []struct {
		in      string
		want    []int
		wantErr bool
	}{
		{in: "1000,10000", want: []int{1000, 10000}},
		{in: "10000, 1000,1000", want: []int{1000, 10000}},
		{in: "5", want: []int{5}},
		{in: "", wantErr: true},
		{in: "1000,", wantErr: true},
		{in: "0", wantErr: true},
		{in: "-3", wantErr: true},
		{in: "1k", wantErr: true},
	}
	for _, tt := range tests {
		got, err := parseSizes(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseSizes(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("parseSizes(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseFlagsRejects(t *testing.T) {
	for _, args := range [][]string{
		{"-runs", "0"},
		{"-today", "2026-13-01"},
		{"-n", "x"},
		{"extra"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("parseFlags(%q) accepted", args)
		}
	}
	cfg, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.sizes, []int{1000, 10000}) || cfg.runs != 3 || cfg.today.String() != "2026-11-27" {
		t.Errorf("defaults = %+v", cfg)
	}
}

func TestSummarize(t *testing.T) {
	r := result{n: 10, samples: []sample{
		{wall: 3 * time.Second, cpu: 5 * time.Second, maxRSS: 100},
		{wall: 1 * time.Second, cpu: 2 * time.Second, maxRSS: 300},
		{wall: 2 * time.Second, cpu: 9 * time.Second, maxRSS: 200},
	}}
	r.summarize()
	if r.wallMedian != 2*time.Second || r.wallMin != time.Second || r.cpuMedian != 5*time.Second || r.cpuMin != 2*time.Second || r.maxRSS != 300 {
		t.Errorf("summarize = median %v, min %v, cpu %v, rss %d", r.wallMedian, r.wallMin, r.cpuMedian, r.maxRSS)
	}
	if got := median([]time.Duration{4, 1, 3, 2}); got != 2 { // (2+3)/2 in integer nanoseconds
		t.Errorf("median of an even count = %v, want 2", got)
	}
}

func TestTable(t *testing.T) {
	r := result{n: 1000, inFiles: 1000, inBytes: 2 << 20, outFiles: 1160, outBytes: 28 << 20,
		samples: []sample{{wall: 2 * time.Second, cpu: 3 * time.Second, maxRSS: 128 << 20}}}
	r.summarize()
	got := table([]result{r})
	want := "| 1000 | 1000 files, 2.0 MB | 2.00 s | 2.00 s | 3.00 s | 3.00 s | 500 | 128.0 MB | 1160 files, 28.0 MB |\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("table =\n%s\nwant last row\n%s", got, want)
	}
}

func TestParseValue(t *testing.T) {
	tests := map[string]float64{
		"10ms": 1e7, "1.50s": 1.5e9, "250us": 2.5e5, "0": 0,
		"256kB": 256 << 10, "1.50MB": 1.5 * (1 << 20), "3GB": 3 << 30, "12B": 12,
	}
	for in, want := range tests {
		got, err := parseValue(in)
		if err != nil || got != want {
			t.Errorf("parseValue(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseValue("bytes:"); err == nil {
		t.Error(`parseValue("bytes:") accepted`)
	}
}

// tracesText is `go tool pprof -traces` output in the shape the tool
// prints, frames leaf first.
const tracesText = `File: pmkb-bench
Type: cpu
-----------+-------------------------------------------------------
     bytes:  256kB
      30ms   text/template.(*state).walk
             html/template.(*Template).ExecuteTemplate
             github.com/pmkb/pmkb/generator/internal/render.(*builder).emit
             github.com/pmkb/pmkb/generator/internal/render.Site
             github.com/pmkb/pmkb/generator.Render
             main.profile
-----------+-------------------------------------------------------
      10ms   github.com/pmkb/pmkb/generator/internal/render.escapePath
             github.com/pmkb/pmkb/generator/internal/render.Site
             github.com/pmkb/pmkb/generator.Render
-----------+-------------------------------------------------------
      40ms   regexp.(*Regexp).backtrack
             github.com/pmkb/pmkb/generator/internal/lint.secretPattern.check
             github.com/pmkb/pmkb/generator.lintFiles
             github.com/pmkb/pmkb/generator.Load
-----------+-------------------------------------------------------
      10ms   github.com/alecthomas/chroma/v2/lexers.(*x).Tokenise
             github.com/yuin/goldmark-highlighting/v2.(*highlighting).renderFencedCodeBlock
             github.com/yuin/goldmark/renderer.(*renderer).Render
             github.com/pmkb/pmkb/generator/internal/source.(*markdown).render
             github.com/pmkb/pmkb/generator/internal/source.LoadFiles.func1
-----------+-------------------------------------------------------
       5ms   runtime.scanobject
             runtime.gcDrain
             runtime.gcBgMarkWorker
-----------+-------------------------------------------------------
       5ms   github.com/pmkb/pmkb/generator.pagePaths
             github.com/pmkb/pmkb/generator.Render
-----------+-------------------------------------------------------
         0   runtime.mallocgc
             main.main
-----------+-------------------------------------------------------
`

func TestSplit(t *testing.T) {
	traces, err := parseTraces(strings.NewReader(tracesText))
	if err != nil {
		t.Fatal(err)
	}
	if len(traces) != 7 || len(traces[0].frames) != 6 || traces[0].value != 3e7 {
		t.Fatalf("parseTraces = %+v", traces)
	}
	rows := split(traces)
	var got []string
	for _, r := range rows {
		var parts []string
		for _, p := range r.parts {
			parts = append(parts, p.name)
		}
		got = append(got, r.stage+" "+strings.Join(parts, ",")+" "+amount(r.value, false))
	}
	want := []string{
		"lint regexp 0.04 s",
		"render html/template,own code 0.04 s",
		"source alecthomas/chroma 0.01 s",
		"GC (background) runtime 0.01 s",
		"generator (facade) own code 0.01 s",
	}
	if !slices.Equal(got, want) {
		t.Errorf("split =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rows[0].share != 0.4 {
		t.Errorf("lint share = %v, want 0.4", rows[0].share)
	}
	if tab := splitTable(rows, false); !strings.Contains(tab, "| render | 40.0% | 0.04 s | html/template 75%, own code 25% |") {
		t.Errorf("splitTable =\n%s", tab)
	}
}

func TestLibrary(t *testing.T) {
	tests := map[string]string{
		"github.com/yuin/goldmark/parser.(*parser).Parse":  "yuin/goldmark",
		"github.com/goccy/go-yaml.Unmarshal":               "goccy/go-yaml",
		"text/template.(*state).walk":                      "text/template",
		"runtime.mallocgc":                                 "runtime",
		"internal/runtime/maps.(*Map).getWithKeySmall":     "runtime",
		"regexp.(*Regexp).backtrack":                       "regexp",
		"slices.SortFunc[go.shape.[]string,go.shape.func]": "slices",
	}
	for in, want := range tests {
		if got := library(in); got != want {
			t.Errorf("library(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStages(t *testing.T) {
	stderr := "content/postmortems/a.md:1: warning: no action items 3 1s\n" +
		"load                           1000  1.5s\n" +
		"search, similar and stats        12  250ms\n" +
		"pages                          1146  3.25s\n" +
		"write                          1159  800ms\n"
	got := parseStages(stderr)
	want := []stageTime{{"load", 1500 * time.Millisecond}, {"search, similar and stats", 250 * time.Millisecond},
		{"pages", 3250 * time.Millisecond}, {"write", 800 * time.Millisecond}}
	if !slices.Equal(got, want) {
		t.Fatalf("parseStages = %v, want %v", got, want)
	}
	small := result{n: 10, samples: []sample{
		{wall: 1, stages: []stageTime{{"load", 3}, {"pages", 9}}},
		{wall: 1, stages: []stageTime{{"load", 1}, {"pages", 7}}},
		{wall: 1, stages: []stageTime{{"load", 2}, {"pages", 8}}},
	}}
	small.summarize()
	big := result{n: 100, samples: []sample{{wall: 1, stages: []stageTime{{"load", 2 * time.Second}, {"write", time.Second}}}}}
	big.summarize()
	tab := stageTable([]result{small, big})
	wantTab := "| stage | 10 | 100 |\n|---|---:|---:|\n| load | 0.00 s | 2.00 s |\n| pages | 0.00 s | – |\n| write | – | 1.00 s |\n"
	if tab != wantTab {
		t.Errorf("stageTable =\n%s\nwant\n%s", tab, wantTab)
	}
	if small.stages[1] != (stageTime{"pages", 8}) {
		t.Errorf("median of pages = %v, want 8ns", small.stages[1])
	}
	if stageTable([]result{{n: 1}}) != "" {
		t.Error("stageTable without stages is not empty")
	}
}

func TestReplaceSections(t *testing.T) {
	in := "# B\n\n<!-- results -->\nold table\n<!-- /results -->\n\ntext\n<!-- profile -->\n<!-- /profile -->\nend\n"
	got, err := replaceSections(in, map[string]string{"results": "new table\n\n", "profile": "split"})
	if err != nil {
		t.Fatal(err)
	}
	want := "# B\n\n<!-- results -->\nnew table\n<!-- /results -->\n\ntext\n<!-- profile -->\nsplit\n<!-- /profile -->\nend\n"
	if got != want {
		t.Errorf("replaceSections =\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{"no markers\n", "<!-- results -->\nno end\n"} {
		if _, err := replaceSections(bad, map[string]string{"results": "x"}); err == nil {
			t.Errorf("replaceSections(%q) accepted", bad)
		}
	}
}

// TestScratchRemovesOnlyWhatItMade checks that -work naming a folder that
// is already there loses only what pmkb-bench wrote into it, while a folder
// pmkb-bench made (-work naming a new path, or the default temporary one)
// goes whole. Removing the named folder whole deleted everything else in
// it (-work "$PWD" in the repository deleted it; os.RemoveAll refuses ".").
func TestScratchRemovesOnlyWhatItMade(t *testing.T) {
	exists := func(p string) bool { _, err := os.Lstat(p); return err == nil }
	write := func(p string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	mine := t.TempDir()
	write(filepath.Join(mine, "notes.txt"))
	write(filepath.Join(mine, "corpus-old", "keep.md"))
	sc, err := newScratch(mine)
	if err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(sc.path("corpus-10"), "content", "a.md"))
	write(sc.path("pmkb"))
	if err := sc.remove(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{mine, filepath.Join(mine, "notes.txt"), filepath.Join(mine, "corpus-old", "keep.md")} {
		if !exists(p) {
			t.Errorf("an existing -work folder lost %s, which pmkb-bench did not make", p)
		}
	}
	for _, p := range []string{filepath.Join(mine, "corpus-10"), filepath.Join(mine, "pmkb")} {
		if exists(p) {
			t.Errorf("%s, made by pmkb-bench, was kept", p)
		}
	}

	for _, work := range []string{filepath.Join(t.TempDir(), "new", "work"), ""} {
		sc, err := newScratch(work)
		if err != nil {
			t.Fatal(err)
		}
		write(filepath.Join(sc.path("corpus-10"), "content", "a.md"))
		write(filepath.Join(sc.dir, "other"))
		if err := sc.remove(); err != nil {
			t.Fatal(err)
		}
		if exists(sc.dir) {
			t.Errorf("-work %q: the folder pmkb-bench made, %s, was kept", work, sc.dir)
		}
	}
}
