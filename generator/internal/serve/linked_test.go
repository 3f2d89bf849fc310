//go:build unix

package serve

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchLinkedTree checks that a watched folder that is itself a
// symbolic link (content/ linked to a checkout elsewhere, which the build
// reads) is watched through the link: an edit below it rebuilds, named by
// the watched path, and a folder made there later is watched too. The walk
// that adds the watches did not follow the link, so such a site was
// served but never rebuilt.
func TestWatchLinkedTree(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "checkout", "content")
	if err := os.MkdirAll(filepath.Join(real, "2024"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(real, "a.md"), "hello")
	content := filepath.Join(root, "content")
	if err := os.Symlink(real, content); err != nil {
		t.Fatal(err)
	}
	l := serveSite(t, root, Options{Watch: []string{content}, Debounce: 50 * time.Millisecond}, 100)
	l.expectBuild() // the first, full build

	write(t, filepath.Join(real, "a.md"), "hello again")
	l.expectBuild("content/a.md")
	write(t, filepath.Join(content, "2024", "b.md"), "b")
	l.expectBuild("content/2024/b.md")
	if err := os.MkdirAll(filepath.Join(real, "2025"), 0o755); err != nil {
		t.Fatal(err)
	}
	l.expectBuild("content/2025")
	write(t, filepath.Join(real, "2025", "c.md"), "c")
	l.expectBuild("content/2025/c.md")
}
