package serve

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchSkipsTheOutputFolder checks that the output folder is never
// watched even when it lies inside a watched tree (pmkb serve --theme .
// watches the whole site folder, public/ included): a build writing there,
// and a folder made there, start no rebuild, so a build never triggers
// the next one; the rest of the tree is still watched (bad-input case 15).
// TestWatchDebounceAndScope's public/ is outside every watched tree, so
// it cannot tell.
func TestWatchSkipsTheOutputFolder(t *testing.T) {
	root := t.TempDir()
	public := filepath.Join(root, "public")
	for _, d := range []string{"content", "public/postmortems/a"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(root, "content", "a.md"), "hello")
	l := serveSite(t, root, Options{Watch: []string{root}, Exclude: []string{public}, Debounce: 50 * time.Millisecond}, 100)
	l.expectBuild() // the first, full build

	write(t, filepath.Join(public, "index.html"), "built")
	write(t, filepath.Join(public, "postmortems", "a", "index.html"), "built")
	if err := os.MkdirAll(filepath.Join(public, "stats"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(public, "stats", "index.html"), "built")
	l.expectQuiet(500 * time.Millisecond)

	write(t, filepath.Join(root, "content", "a.md"), "hello again")
	l.expectBuild("content/a.md")
}
