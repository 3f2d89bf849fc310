// Package corpustest loads generated corpora (generator/corpus) with the
// real loader, for the tests and benchmarks of the packages that work on
// a loaded knowledge base. It is a package of its own, not part of
// benchtest, because source's own tests import benchtest and cannot
// import what imports source.
package corpustest

import (
	"cmp"
	"io/fs"
	"sync"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// LoadFS loads the site in fsys as a build does: its config, then every
// postmortem; any error fails tb. today is the knowledge base's date.
func LoadFS(tb testing.TB, fsys fs.FS, today model.Date) *model.KnowledgeBase {
	tb.Helper()
	cfg, _, diags := source.LoadConfig(fsys)
	pms, more := source.Load(fsys, &cfg)
	diags.Merge(more)
	if diags.HasErrors() {
		tb.Fatalf("loading the corpus:\n%s", diags)
	}
	return model.New(cfg, today, pms)
}

// Load generates a corpus with opts and loads it (LoadFS) as of
// opts.Today, or corpus.DefaultToday when that is zero.
func Load(tb testing.TB, opts corpus.Options) (*model.KnowledgeBase, *corpus.Corpus) {
	tb.Helper()
	c := corpus.Generate(opts)
	return LoadFS(tb, c.FS(), cmp.Or(opts.Today, corpus.DefaultToday())), c
}

var shared sync.Map // corpus.Options → loaded

type loaded struct {
	kb *model.KnowledgeBase
	c  *corpus.Corpus
}

// Shared is Load once per opts for the whole test binary, for benchmarks
// and tests that only read it: callers must not modify what it returns.
func Shared(tb testing.TB, opts corpus.Options) (*model.KnowledgeBase, *corpus.Corpus) {
	tb.Helper()
	if l, ok := shared.Load(opts); ok {
		return l.(loaded).kb, l.(loaded).c
	}
	kb, c := Load(tb, opts)
	shared.Store(opts, loaded{kb, c})
	return kb, c
}
