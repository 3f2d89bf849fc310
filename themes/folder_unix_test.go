//go:build unix

package themes

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFolderNeverOpensNamedPipe checks that a named pipe among a theme
// folder's files is an error that says so, not a read that waits for a
// writer forever: a stray mkfifo in --theme hung pmkb build (QA 17 C-F2's
// leftover). A failing run ends at the timeout, not with a hung test.
func TestFolderNeverOpensNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "layouts", "base.html")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Lets a blocked read of a failing run end.
		if f, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	if err := os.WriteFile(filepath.Join(dir, "layouts", "page.html"), []byte("ok"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, fsys := range []fs.FS{Folder(dir, "th"), Overlay(Folder(dir, "th"))} {
		done := make(chan error, 1)
		go func() {
			_, err := fs.ReadFile(fsys, "layouts/base.html")
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("reading a named pipe of the theme: err = %v; want not a regular file", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("reading a named pipe of the theme blocked")
		}
		if b, err := fs.ReadFile(fsys, "layouts/page.html"); err != nil || string(b) != "ok" {
			t.Errorf("reading a regular file of the theme: %q, %v", b, err)
		}
	}
}
