package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

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
				// The index library may write a file while the folder
				// is removed ("directory not empty"): as rm -rf run
				// again, until it is gone.
				var err error
				for range 100 {
					if err = os.RemoveAll(filepath.Join(root, filepath.FromSlash(tc.only))); err == nil {
						break
					}
					time.Sleep(time.Millisecond)
				}
				if err != nil {
					t.Error(err)
				}
			})
			got, parsed := answer(t, dir, kb, q)
			if !slices.Equal(got, want) {
				t.Errorf("with the cache removed while indexing: %v, want %v", got, want)
			}
			// Made again at most once, then in memory: all files parsed
			// again each time the removal was seen. Whether a removal
			// is seen before the index library is done with the
			// folder depends on its own goroutines (a removal right
			// after it wrote its last file changes nothing), so the
			// count is bounded, not exact.
			n := len(kb.Postmortems)
			if removed == 0 || removed > 2 || parsed%n != 0 || parsed < n || parsed > (removed+1)*n {
				t.Errorf("folder removed %d times, %d files parsed; want 1-2 removals and %d files for each try", removed, parsed, n)
			}
			withCacheHooks(t, 1000, 500, nil)
			// The next search: from the cache made again (warm), or,
			// after the index in memory, a new one.
			if got, parsed := answer(t, dir, kb, q); !slices.Equal(got, want) || parsed != 0 && parsed != n {
				t.Errorf("the next search: %v, %d files parsed; want %v, 0 or %d", got, parsed, want, n)
			}
		})
	}
}
