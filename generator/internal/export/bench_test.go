package export

import (
	"sync"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/benchtest"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

var benchKBs sync.Map

// benchKB loads a generated corpus of n postmortems with the real loader,
// once per n.
func benchKB(b *testing.B, n int) *model.KnowledgeBase {
	b.Helper()
	if kb, ok := benchKBs.Load(n); ok {
		return kb.(*model.KnowledgeBase)
	}
	c := corpus.Generate(corpus.Options{N: n, Seed: 1})
	fsys := c.FS()
	cfg, _, diags := source.LoadConfig(fsys)
	pms, more := source.Load(fsys, &cfg)
	diags.Merge(more)
	if diags.HasErrors() {
		b.Fatalf("loading:\n%s", diags)
	}
	kb := model.New(cfg, corpus.DefaultToday(), pms)
	benchKBs.Store(n, kb)
	return kb
}

// BenchmarkFiles10k is every export of a 10,000-postmortem build.
func BenchmarkFiles10k(b *testing.B) {
	kb := benchKB(b, 10_000)
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
