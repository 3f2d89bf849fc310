package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// answer opens the cache in dir for kb's postmortems and queries q; the
// index is closed. parsed is the number of files the loader was asked
// for.
func answer(t *testing.T, dir string, kb *model.KnowledgeBase, q string) (ids []string, parsed int) {
	t.Helper()
	l := newKBLoader(kb.Postmortems)
	ix, err := openWithin(t, func() (*Index, error) {
		return OpenCache(dir, &kb.Config, entriesOf(kb.Postmortems, "a"), l.load)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := Query(context.Background(), ix, q, 10)
	if err != nil {
		t.Fatal(err)
	}
	return resultIDs(res), len(l.asked)
}

// TestCacheRemovedWhileIndexing is QA 21 D-F2: `rm -rf .pmkb-cache` (or
// `git clean -fdX`) while pmkb search indexed made the search fail with
// the index library's "….zap persist err: open …: no such file or
// directory" (exit 1, as if nothing matched), or never end, at 100 % CPU:
// the merger retried, for ever, to write into the folder that was gone,
// and the search waited for it. README says the cache is always safe to
// delete: the search answers anyway, from an index made again.
//
// The folder is removed at a fixed point (indexedHook): before the last
// batch of documents goes to the index, which then cannot write its
// segment (the error); or after it, before the merge (more than
// forceMergeAfter files, in several segments), which then cannot write
// the merged one (the hang). "every time" removes it at that point in
// the second try too: the index is then made in memory.
func TestCacheRemovedWhileIndexing(t *testing.T) {
	kb, _ := corpusKB(t, 40)
	q := queryWord(t, kb.Postmortems[0].Title)
	want, _ := answer(t, filepath.Join(t.TempDir(), "search"), kb, q)
	if len(want) == 0 {
		t.Fatalf("%q finds nothing", q)
	}
	for _, tc := range []struct {
		name        string
		stage       string
		removeTimes int
		only        string // what is removed under the cache folder; "" the folder
	}{
		{"before the last batch", "batch", 1, ""},
		{"before the merge", "merge", 1, ""},
		{"every time", "merge", 1 << 30, ""},
		// Only the index's folder, to reset it (QA 21r2 F3).
		{"the index alone, before the last batch", "batch", 1, "search/bleve"},
		{"the index alone, before the merge", "merge", 1, "search/bleve"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), ".pmkb-cache")
			dir := filepath.Join(root, "search")
			removed := 0
			mergeAfter := 1000
			if tc.stage == "merge" {
				mergeAfter = 1
			}
			// 15: the last batch holds 10 documents.
			withCacheHooks(t, mergeAfter, 15, func(d, stage string) {
				if d != dir || stage != tc.stage || removed == tc.removeTimes {
					return
				}
				removed++
				if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(tc.only))); err != nil {
					t.Error(err)
				}
			})
			got, parsed := answer(t, dir, kb, q)
			if !slices.Equal(got, want) {
				t.Errorf("with the cache removed while indexing: %v, want %v", got, want)
			}
			// Made again once; removed again too, in memory: each
			// time all files parsed again.
			tries := min(tc.removeTimes+1, 3)
			if removed != tries-1 || parsed != tries*len(kb.Postmortems) {
				t.Errorf("folder removed %d times, %d files parsed; want %d and %d", removed, parsed, tries-1, tries*len(kb.Postmortems))
			}
			withCacheHooks(t, 1000, 500, nil)
			// The next search: from the cache made again (warm), or,
			// after the index in memory, a new one.
			wantParsed := 0
			if tc.removeTimes > 1 {
				wantParsed = len(kb.Postmortems)
			}
			if got, parsed := answer(t, dir, kb, q); !slices.Equal(got, want) || parsed != wantParsed {
				t.Errorf("the next search: %v, %d files parsed; want %v, %d", got, parsed, want, wantParsed)
			}
		})
	}
}
