package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cacheGoneWait is how long a test gives OpenCache before it calls it a
// hang: a search of 40 postmortems takes well under a second.
const cacheGoneWait = 60 * time.Second

// openWithin runs open and fails the test when it has not returned after
// cacheGoneWait (the goroutine is left behind: a hang cannot be stopped).
func openWithin(t *testing.T, open func() (*Index, error)) (*Index, error) {
	t.Helper()
	type opened struct {
		ix  *Index
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		ix, err := open()
		ch <- opened{ix, err}
	}()
	select {
	case o := <-ch:
		return o.ix, o.err
	case <-time.After(cacheGoneWait):
		t.Fatalf("OpenCache still running after %v: it hangs", cacheGoneWait)
		return nil, nil
	}
}

// withCacheHooks sets the merge threshold, the batch size and the hook
// called between indexing and the merge for one test.
func withCacheHooks(t *testing.T, mergeAfter, batch int, hook func(dir, stage string)) {
	t.Helper()
	oldMerge, oldBatch, oldHook := forceMergeAfter, batchDocs, indexedHook
	forceMergeAfter, batchDocs, indexedHook = mergeAfter, batch, hook
	t.Cleanup(func() { forceMergeAfter, batchDocs, indexedHook = oldMerge, oldBatch, oldHook })
}

// TestCacheMergerFailureEndsWait is the hang of QA 21 D-F2 on its own:
// the merger failing (here its folder replaced by a file, so that every
// segment it writes fails, as when the folder is gone) made OpenCache
// wait for it for ever, at 100 % CPU, for only ctx ended the wait. The
// merger's failure ends it: the cache folder is still there, so this is
// a real error (a full disk, a folder pmkb may not write), and the
// message says what to do.
func TestCacheMergerFailureEndsWait(t *testing.T) {
	kb, _ := corpusKB(t, 40)
	dir := filepath.Join(t.TempDir(), "search")
	withCacheHooks(t, 1, 15, func(d, stage string) {
		if stage != "merge" {
			return
		}
		store := filepath.Join(d, "bleve", "store")
		// The index library may write a file into the folder while it
		// is removed ("directory not empty"): removed again, as rm -rf
		// run again would, until the file takes its place.
		var err error
		for range 100 {
			if err = os.RemoveAll(store); err == nil {
				if err = os.WriteFile(store, nil, 0o644); err == nil {
					break
				}
			}
			time.Sleep(time.Millisecond)
		}
		if err != nil {
			t.Error(err)
		}
	})
	ix, err := openWithin(t, func() (*Index, error) {
		return OpenCache(dir, &kb.Config, entriesOf(kb.Postmortems, "a"), newKBLoader(kb.Postmortems).load)
	})
	if err == nil {
		// The library merged before the store was replaced (about 2
		// runs in 80 under load): nothing failed, and the point, that
		// the search ends, holds; openWithin fails a search that hangs.
		ix.Close()
		t.Log("the merge was done before the store was replaced; nothing to fail")
		return
	}
	for _, want := range []string{"not a directory", "--cache"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
