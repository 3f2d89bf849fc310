package export

import (
	"fmt"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/benchtest"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/internal/output"
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

// BenchmarkDataTo10k is the exports as a build makes them (all but the
// sitemap), with put done with each file when it returns, reusing buffers
// as a build does and not.
func BenchmarkDataTo10k(b *testing.B) {
	kb, _ := corpustest.Shared(b, corpus.Options{N: 10_000, Seed: 1})
	for _, reuse := range []bool{false, true} {
		b.Run(fmt.Sprintf("reuse=%v", reuse), func(b *testing.B) {
			start := benchtest.CPUTime()
			for b.Loop() {
				err := DataTo(kb, Options{Generator: "pmkb test", ReuseBuffers: reuse}, func(output.File) error { return nil })
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
