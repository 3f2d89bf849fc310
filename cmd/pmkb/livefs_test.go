package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestLiveDirFSReopensAReplacedFolder: pmkb serve read content/postmortems
// through an os.Root opened at its start, so after the folder was deleted
// and restored from a copy (or re-made by a git checkout), every build
// read the deleted folder: 0 postmortems, every page a 404, until serve
// was restarted (QA 19 B-F3). Refresh, which every build calls first,
// opens the folder the path names now; the folder it opened stays while
// the path still names it.
func TestLiveDirFSReopensAReplacedFolder(t *testing.T) {
	site := t.TempDir()
	dir := filepath.Join(site, "content", "postmortems")
	put := func(text string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put("first")
	l := newLiveDirFS(site)
	read := func() string {
		t.Helper()
		data, err := fs.ReadFile(l, "content/postmortems/a.md")
		if err != nil {
			return "error: " + err.Error()
		}
		return string(data)
	}
	if got := read(); got != "first" {
		t.Fatalf("read %q", got)
	}
	opened := l.fs()
	l.Refresh()
	if l.fs() != opened {
		t.Error("Refresh opened the same folder again")
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	put("restored")
	l.Refresh()
	if got := read(); got != "restored" {
		t.Errorf("after the folder was replaced: %q, want the new folder's", got)
	}
	// A linked folder re-pointed to another checkout.
	other := filepath.Join(t.TempDir(), "checkout")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "a.md"), []byte("checkout"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, dir); err != nil {
		t.Fatal(err)
	}
	l.Refresh()
	if got := read(); got != "checkout" {
		t.Errorf("after the link was made: %q, want the checkout's", got)
	}
}
