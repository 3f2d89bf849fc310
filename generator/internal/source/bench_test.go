package source_test

import (
	"io/fs"
	"os"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/benchtest"
	"github.com/pmkb/pmkb/generator/internal/source"
)

// BenchmarkLoadFiles loads a generated knowledge base of 1,000 postmortems
// (YAML, TOML and JSON front matter, a quarter in Japanese) from memory.
// PMKB_BENCH_SITE names a site folder to load instead (e.g. a 10,000-file
// corpus in /dev/shm made by pmkb-corpus). Besides wall time it reports
// the process's CPU time per load (cpu-ms/op), which neighbours on a
// shared machine disturb less.
func BenchmarkLoadFiles(b *testing.B) {
	benchmarkLoad(b)
}

// BenchmarkLoadFilesDropRaw is BenchmarkLoadFiles loading as a build does:
// without keeping the files' bytes (LoadOptions.DropRaw).
func BenchmarkLoadFilesDropRaw(b *testing.B) {
	benchmarkLoad(b, source.LoadOptions{DropRaw: true})
}

func benchmarkLoad(b *testing.B, opts ...source.LoadOptions) {
	var fsys fs.FS
	if dir := os.Getenv("PMKB_BENCH_SITE"); dir != "" {
		fsys = os.DirFS(dir)
	} else {
		fsys = corpus.Generate(corpus.Options{N: 1000, Seed: 1, Formats: true}).FS()
	}
	cfg, _, _ := source.LoadConfig(fsys)
	start := benchtest.CPUTime()
	b.ResetTimer()
	for b.Loop() {
		source.LoadFiles(fsys, &cfg, opts...)
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
