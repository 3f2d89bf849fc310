package export

import (
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/benchtest"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
)

// BenchmarkFiles10k is every export of a 10,000-postmortem build.
func BenchmarkFiles10k(b *testing.B) {
	kb, _ := corpustest.Shared(b, corpus.Options{N: 10_000, Seed: 1})
	pages := DefaultPages(kb)
	b.ResetTimer()
	start := benchtest.CPUTime()
	for range b.N {
		if _, err := Files(kb, Options{Generator: "pmkb test", Pages: pages}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}
