package serve

import (
	"context"
	"net"
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
	b := &siteBuilder{root: root, builds: make(chan []string, 100)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := New(b.build, Options{Watch: []string{root}, Exclude: []string{public}, Debounce: 50 * time.Millisecond, Logf: t.Logf})
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	l := &liveServer{t: t, root: root, b: b, s: s}
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
