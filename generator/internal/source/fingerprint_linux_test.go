//go:build linux

package source

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFingerprintSeesARestoredModTime checks that Fingerprint, the key of
// the metadata and search caches, changes when a file is rewritten with
// the same size and its modification time put back (touch -r, cp -p,
// rsync -a), and when an editor saves through a new file: the inode and
// change time tell (QA round 7, #15; the search cache missed such edits).
func TestFingerprintSeesARestoredModTime(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.md")
	mtime := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	write := func(data string) string {
		t.Helper()
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(name, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		infos, errs := StatAll(os.DirFS(dir), []string{"a.md"})
		if errs[0] != nil {
			t.Fatal(errs[0])
		}
		return Fingerprint(infos[0])
	}
	first := write("status: draft\n")
	// The change time has a clock tick's resolution: wait until a rewrite
	// is sure to get another one.
	time.Sleep(20 * time.Millisecond)
	if second := write("status: public\n"[:14]); second == first {
		t.Errorf("same size, modification time restored: fingerprint %q unchanged", first)
	}
	if err := os.Rename(name, name+"~"); err != nil {
		t.Fatal(err)
	}
	third := write("status: draft\n")
	if third == first {
		t.Errorf("saved through a new file: fingerprint %q unchanged", first)
	}
}

// TestFingerprintFormat checks that Fingerprint keeps the form the caches
// on disk were keyed with ("size@mtime iINODE cCTIME", nanoseconds), so an
// unchanged file does not look changed, and that it makes one string and
// nothing else (a warm pmkb search makes one per postmortem).
func TestFingerprintFormat(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("title: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	infos, errs := StatAll(os.DirFS(dir), []string{"a.md"})
	if errs[0] != nil {
		t.Fatal(errs[0])
	}
	fi := infos[0]
	st := fi.Sys().(*syscall.Stat_t)
	want := fmt.Sprintf("%d@%d i%d c%d", fi.Size(), fi.ModTime().UnixNano(), st.Ino, st.Ctim.Nano())
	if got := Fingerprint(fi); got != want {
		t.Errorf("Fingerprint = %q, want %q", got, want)
	}
	if n := testing.AllocsPerRun(100, func() { Fingerprint(fi) }); n > 1 {
		t.Errorf("Fingerprint made %v allocations, want 1", n)
	}
}
