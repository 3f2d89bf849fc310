package search

import (
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestCacheLoadsInParts: a cold cache loads its changed files loadPart at
// a time rather than all at once (QA 18 A-F3: 200 MB of postmortems held
// at once, and in batches of 500 documents, took 6 GB), and still indexes
// every one of them, with each problem kept.
func TestCacheLoadsInParts(t *testing.T) {
	kb, _ := corpusKB(t, 2*loadPart+17)
	pms := kb.Postmortems
	l := newKBLoader(pms)
	l.problems = map[string]string{pms[loadPart+3].Path: "x.md:1: error: broken"}
	var calls []int
	load := func(paths []string) ([]*model.Postmortem, map[string]string, error) {
		calls = append(calls, len(paths))
		return l.load(paths)
	}
	ix, err := OpenCache(t.TempDir(), &kb.Config, entriesOf(pms, "a"), load)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if want := []int{loadPart, loadPart, 17}; !slices.Equal(calls, want) {
		t.Errorf("the loader was asked for %v paths at a time, want %v", calls, want)
	}
	if ix.Len() != len(pms)-1 || len(ix.Unread()) != 1 {
		t.Errorf("indexed %d of %d postmortems, %d unread; want all but the broken one", ix.Len(), len(pms), len(ix.Unread()))
	}
}
