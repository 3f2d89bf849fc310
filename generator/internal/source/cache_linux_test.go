package source

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestLoadMetadataSeesSameSizeEditWithRestoredMtime checks that the
// metadata cache notices an edit that keeps the file's size and restores
// its modification time, as touch -r, cp -p and rsync -a do (QA round 7,
// #15: the cache was keyed on size and mtime alone, so `pmkb actions`
// showed the old due date).
func TestLoadMetadataSeesSameSizeEditWithRestoredMtime(t *testing.T) {
	root, cache := t.TempDir(), t.TempDir()
	path := filepath.Join(root, "content", "postmortems", "a.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	pm := func(due string) []byte {
		return []byte("---\ntitle: Disk full\ndate: 2026-01-10\nseverity: SEV2\nsystems: [db]\ncauses: [capacity]\n" +
			"action_items:\n  - title: Alert\n    owner: carol\n    due: " + due + "\n---\nBody.\n")
	}
	if err := os.WriteFile(path, pm("2026-11-27"), 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	cfg := model.DefaultSiteConfig()
	due := func() string {
		t.Helper()
		files, d := LoadMetadata(os.DirFS(root), &cfg, cache)
		if d.HasErrors() || len(files) != 1 || len(files[0].PM.ActionItems) != 1 {
			t.Fatalf("load: %d files, %v", len(files), d.Items())
		}
		return files[0].PM.ActionItems[0].Due.String()
	}
	if got := due(); got != "2026-11-27" {
		t.Fatalf("first load: due %s", got)
	}
	before := ctime(t, path)

	// The same size, written in place (same inode), mtime restored.
	if err := os.WriteFile(path, pm("2026-11-20"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	// The change time has a clock tick's resolution: wait until it has
	// moved, as it has between a real edit and the next command.
	for i := 0; ctime(t, path) == before; i++ {
		if i == 1000 {
			t.Fatal("the change time does not move")
		}
		time.Sleep(time.Millisecond)
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	if got := due(); got != "2026-11-20" {
		t.Errorf("after a same-size edit with the mtime restored: due %s, want 2026-11-20 (stale cache)", got)
	}
}

func ctime(t *testing.T, path string) int64 {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		t.Fatal(err)
	}
	return st.Ctim.Nano()
}
