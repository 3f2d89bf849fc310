//go:build unix

package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// mkfifo makes a named pipe at name and, when the test ends, opens it to
// write and closes it, which ends any read blocked on it: a test that
// fails by opening it does not leave a goroutine stuck.
func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	t.Cleanup(func() {
		for range 50 { // a reader may not have opened it yet
			if f, err := os.OpenFile(name, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
			time.Sleep(time.Millisecond)
		}
	})
}

// within runs f and fails the test when it has not returned after a
// while: a loader that opens a named pipe blocks forever, and a test
// must not hang CI with it.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s still running after 20 s: it opened a named pipe (QA 17 C-F2)", what)
	}
}

// TestNamedPipeIsNeverOpened is QA 17 C-F2: a named pipe called *.md in
// content/postmortems/ made lint, build and stats block forever in
// open(2), printing nothing. Each loader now skips it with a
// files/not-read warning naming it, and loads the rest; a config file
// that is a named pipe is an error, not a hang.
func TestNamedPipeIsNeverOpened(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "postmortems", "2025")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ok := "---\ntitle: Disk full\ndate: 2025-01-10\nseverity: SEV2\nsystems: [db]\ncauses: [capacity]\n---\nBody.\n"
	if err := os.WriteFile(filepath.Join(dir, "ok.md"), []byte(ok), 0o644); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(dir, "fifo.md"))
	// Outside content/postmortems/, where misplaced looks for front matter.
	mkfifo(t, filepath.Join(root, "content", "notes.md"))
	fsys := os.DirFS(root)
	cfg := model.DefaultSiteConfig()
	const fifo = "content/postmortems/2025/fifo.md"

	check := func(what string, n int, d *diag.List) {
		t.Helper()
		if n != 1 {
			t.Errorf("%s: %d postmortems, want 1 (ok.md): %v", what, n, d.Items())
		}
		var warned bool
		for _, it := range d.Items() {
			if it.Pos.Path == fifo && it.Severity == diag.Warning && it.Rule == RuleNotRead &&
				strings.Contains(it.Message, "not a regular file (a named pipe)") {
				warned = true
			} else if it.Severity == diag.Error {
				t.Errorf("%s: unexpected error %v", what, it)
			}
		}
		if !warned {
			t.Errorf("%s: no files/not-read warning for %s: %v", what, fifo, d.Items())
		}
	}
	within(t, "LoadFiles (lint, build, serve)", func() {
		files, d := LoadFiles(fsys, &cfg)
		check("LoadFiles", len(files), d)
	})
	within(t, "LoadFiles with DropRaw (build)", func() {
		files, d := LoadFiles(fsys, &cfg, LoadOptions{DropRaw: true})
		check("LoadFiles DropRaw", len(files), d)
	})
	within(t, "LoadMetadata (stats, actions)", func() {
		files, d := LoadMetadata(fsys, &cfg, t.TempDir())
		check("LoadMetadata", len(files), d)
	})

	mkfifo(t, filepath.Join(root, "pmkb.toml"))
	within(t, "LoadConfig", func() {
		_, read, d := LoadConfig(fsys)
		if read != "pmkb.toml" || !d.HasErrors() || !strings.Contains(d.Items()[0].Message, "not a regular file (a named pipe)") {
			t.Errorf("LoadConfig of a named pipe: read %q, %v", read, d.Items())
		}
	})
}

// TestLoadMetadataSkipsPipeMadeAfterTheWalk checks the second guard: a
// path the walk listed that is a named pipe by the time LoadMetadata
// stats it (a checkout under way) is not opened either.
func TestLoadMetadataSkipsPipeMadeAfterTheWalk(t *testing.T) {
	root := t.TempDir()
	name := filepath.Join(root, "content", "postmortems", "x.md")
	mkfifo(t, name)
	cfg := model.DefaultSiteConfig()
	// A file system whose listing shows x.md as a regular file.
	fsys := regularListing{os.DirFS(root)}
	within(t, "LoadMetadata", func() {
		files, d := LoadMetadata(fsys, &cfg, t.TempDir())
		if len(files) != 0 || d.HasErrors() || len(d.Items()) != 1 || !strings.Contains(d.Items()[0].Message, "named pipe") {
			t.Errorf("LoadMetadata: %d files, %v", len(files), d.Items())
		}
	})
}

// regularListing is a file system whose folder listings say every
// non-folder entry is a regular file.
type regularListing struct{ fs.FS }

func (r regularListing) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(r.FS, name)
	for i, e := range entries {
		if !e.IsDir() {
			entries[i] = regularEntry{e}
		}
	}
	return entries, err
}

type regularEntry struct{ fs.DirEntry }

func (regularEntry) Type() fs.FileMode { return 0 }

func (r regularListing) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.FS, name) }
