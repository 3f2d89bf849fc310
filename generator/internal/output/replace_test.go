package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReplaceFile checks that ReplaceFile creates the file's folders,
// replaces an existing file whole, leaves no temporary file beside it and
// makes the file as os.WriteFile with 0644 would.
func TestReplaceFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a", "b", "cache.bin")
	for _, data := range []string{"first, longer content", "second"} {
		if err := ReplaceFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != data {
			t.Fatalf("read %q, %v; want %q", got, err, data)
		}
	}
	entries, err := os.ReadDir(filepath.Dir(name))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only cache.bin: %v", len(entries), entries)
	}
	// The mode os.WriteFile gives under the same umask.
	like := filepath.Join(dir, "like")
	if err := os.WriteFile(like, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := os.Stat(like)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("mode %v, %v: want %v, as os.WriteFile with 0644 makes", fi.Mode(), err, want.Mode().Perm())
	}
	// A file in the way of the folder is an error, and nothing is left.
	blocked := filepath.Join(dir, "a", "b", "cache.bin", "x")
	if err := ReplaceFile(blocked, []byte("x")); err == nil {
		t.Errorf("ReplaceFile under a file succeeded")
	}
}
