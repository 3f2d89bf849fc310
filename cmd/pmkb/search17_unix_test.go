//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestSearchWaitsForCacheWriter is QA 17 C-F1: while another pmkb writes
// the search cache (holds the flock of its lock file), a search waits
// rather than rebuilding the index under it, and a signal (its context
// ending) stops the wait with exit 130.
func TestSearchWaitsForCacheWriter(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	dir := filepath.Join(root, ".pmkb-cache", "search")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, ".pmkb-lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	// Past a second of waiting it says so (QA 17r-b R4: a hung holder
	// made every later search wait without a word).
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
	code := e.dispatch(ctx, []string{"search", "--source", root, "disk"})
	if code != exitInterrupted || out.Len() > 0 {
		t.Errorf("with the cache locked: exit %d, want %d\n%s%s", code, exitInterrupted, out.String(), errOut.String())
	}
	if want := "pmkb: waiting for another pmkb that is using the search cache " + dir; !strings.Contains(errOut.String(), want) || strings.Count(errOut.String(), "waiting") != 1 {
		t.Errorf("with the cache locked, stderr %q lacks one %q", errOut.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "bleve")); err == nil {
		t.Error("the search wrote the index while another pmkb held the cache")
	}
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
	if code, out, errOut := pmkb(t, "search", "--source", root, "disk"); code != exitOK {
		t.Errorf("unlocked: exit %d\n%s%s", code, out, errOut)
	}
}
