package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestCacheConcurrentOpens is QA 17 C-F1: two pmkb search on a cold or
// stale cache at once failed with a vellum error ("invalid header < 16
// bytes", "no decoder for version …"), or one hung, because each removed
// and re-created the index under the other. Several opens at once, each
// with its own index handle as separate processes have, over many rounds
// of a cold and then a stale cache: every one must answer as a cache made
// alone does.
func TestCacheConcurrentOpens(t *testing.T) {
	kb, c := corpusKB(t, 120)
	var words []string
	for w := range c.Truth.Words {
		words = append(words, w)
	}
	slices.Sort(words)
	q := words[len(words)/2]
	want := cliResult(t, cliIndex(t, kb), jsQuery{Q: q}, 10)
	if want.Total == 0 {
		t.Fatalf("query %q matches nothing", q)
	}
	const racers, rounds = 3, 8
	for r := range rounds {
		dir := filepath.Join(t.TempDir(), "search")
		for _, fp := range []string{"cold", "stale"} {
			var wg sync.WaitGroup
			errs := make([]error, racers)
			for i := range racers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = func() error {
						ix, err := OpenCache(dir, &kb.Config, entriesOf(kb.Postmortems, fp), newKBLoader(kb.Postmortems).load)
						if err != nil {
							return err
						}
						defer ix.Close()
						res, err := Query(context.Background(), ix, q, 10)
						if err != nil {
							return err
						}
						if got := fmt.Sprint(res.Total, resultIDs(res)); got != fmt.Sprint(want.Total, want.IDs) {
							return fmt.Errorf("got %s, want %v %v", got, want.Total, want.IDs)
						}
						return nil
					}()
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("round %d, %s cache, search %d: %v", r, fp, i, err)
				}
			}
		}
		if t.Failed() {
			return
		}
	}
}

// resultIDs are the ids of res's hits.
func resultIDs(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestCacheLockWaits checks that a search waits while another process
// writes the cache (holds its lock exclusively) rather than rebuilding
// it, stops waiting when its context ends, and reads the cache once the
// lock is free (QA 17 C-F1).
func TestCacheLockWaits(t *testing.T) {
	kb, _ := corpusKB(t, 60)
	dir := filepath.Join(t.TempDir(), "search")
	entries := entriesOf(kb.Postmortems, "a")
	ix, err := OpenCache(dir, &kb.Config, entries, newKBLoader(kb.Postmortems).load)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	list := func() ([]Entry, error) { return entries, nil }
	for _, stale := range []bool{false, true} {
		lk, err := lockCache(context.Background(), dir, true)
		if err != nil {
			t.Fatal(err)
		}
		if stale {
			entries = entriesOf(kb.Postmortems, "b")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		start := time.Now()
		l := newKBLoader(kb.Postmortems)
		ix, err = OpenCacheListingContext(ctx, dir, &kb.Config, list, l.load)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || len(l.asked) > 0 {
			if ix != nil {
				ix.Close()
			}
			t.Fatalf("stale %v: opened with the lock held: %v, parsed %d files", stale, err, len(l.asked))
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("stale %v: stopped %v after its context ended", stale, d)
		}
		// Freed while a search waits: that search goes on.
		time.AfterFunc(200*time.Millisecond, lk.release)
		ix, err = OpenCacheListingContext(context.Background(), dir, &kb.Config, list, l.load)
		if err != nil {
			t.Fatal(err)
		}
		if ix.Len() != len(kb.Postmortems) {
			t.Errorf("stale %v: %d documents, want %d", stale, ix.Len(), len(kb.Postmortems))
		}
		ix.Close()
	}
}

// TestForceMergeStopsWithContext is QA 17 C-F1's hang: scorch's
// ForceMerge waits for its merger whatever its context says, and a search
// whose merger had died (its files removed by another pmkb) ignored
// SIGTERM for good. A read-only index has no merger at all: forceMerge
// must still end when its context does.
func TestForceMergeStopsWithContext(t *testing.T) {
	kb, _ := corpusKB(t, 30)
	dir := filepath.Join(t.TempDir(), "search")
	entries := entriesOf(kb.Postmortems, "a")
	ix, err := OpenCache(dir, &kb.Config, entries, newKBLoader(kb.Postmortems).load)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = OpenCache(dir, &kb.Config, entries, newKBLoader(kb.Postmortems).load) // warm: read-only
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- ix.forceMerge(ctx) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("forceMerge: %v, want the context's end", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("forceMerge still waits 10 s after its context ended")
	}
}

// TestCacheLockFileStays checks that the lock file is made in the cache
// folder and left there (a lock on a file unlinked under it would lock
// nothing), and that a cache folder that may not be written still opens.
func TestCacheLockFileStays(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "search")
	lk, err := lockCache(context.Background(), dir, true)
	if err != nil {
		t.Fatal(err)
	}
	lk.release()
	lk.release() // twice is harmless
	if _, err := os.Stat(filepath.Join(dir, cacheLockName)); err != nil {
		t.Errorf("lock file: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "none")
	lk, err = lockCache(context.Background(), missing, false)
	if err != nil {
		t.Errorf("shared lock of a missing folder: %v", err)
	}
	lk.release()
	// A lock file that cannot be made for another reason than
	// permission (a read-only file system's EROFS, which a test cannot
	// mount; here ENOTDIR) reads the cache unlocked too (QA 17r-b R3).
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	lk, err = lockCache(context.Background(), notDir, false)
	if err != nil {
		t.Errorf("shared lock where no lock file can be made: %v", err)
	}
	lk.release()
}
