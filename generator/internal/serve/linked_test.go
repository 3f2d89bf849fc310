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

// TestWatchLinkedTreeRepointed: a tree root that is a link, re-pointed to
// another checkout (ln -sfn, as deploy tools switch releases), kept its
// watches on the old checkout's folders: the next edit in the new one did
// not rebuild (QA 19 B-F3). The link made anew rebuilds, and from then on
// the new checkout is watched.
func TestWatchLinkedTreeRepointed(t *testing.T) {
	root := t.TempDir()
	a, b := filepath.Join(root, "a", "postmortems"), filepath.Join(root, "b", "postmortems")
	for _, d := range []string{filepath.Join(a, "2024"), filepath.Join(b, "2024"), filepath.Join(root, "site", "content")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(a, "2024", "x.md"), "a")
	write(t, filepath.Join(b, "2024", "x.md"), "b")
	write(t, filepath.Join(root, "site", "content", "a.md"), "site") // the test builder reads it
	site := filepath.Join(root, "site")
	content := filepath.Join(site, "content")
	link := filepath.Join(content, "postmortems")
	if err := os.Symlink(a, link); err != nil {
		t.Fatal(err)
	}
	// As generator.Serve watches a site whose content/postmortems is a link.
	l := serveSite(t, site, Options{Watch: []string{content, link}, Debounce: 50 * time.Millisecond}, 100)
	l.expectBuild()

	// ln -sfn: a new link renamed over the old one.
	tmp := filepath.Join(content, ".postmortems.tmp")
	if err := os.Symlink(b, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, link); err != nil {
		t.Fatal(err)
	}
	// The new checkout's files count as changed: they may differ.
	l.expectBuild("content/postmortems", "content/postmortems/2024/x.md")
	write(t, filepath.Join(b, "2024", "x.md"), "b again")
	l.expectBuild("content/postmortems/2024/x.md")
}

// settle takes the builds that start until none has for quiet, so that a
// test goes on from a watcher that has seen every event so far.
func (l *liveServer) settle(quiet time.Duration) {
	l.t.Helper()
	for {
		select {
		case <-l.b.builds:
		case <-time.After(quiet):
			return
		}
	}
}

// TestWatchFolderSwappedForASibling: content/postmortems copied to a
// sibling folder while serve runs (so the copy's folders are watched, named
// content/pm2/…), the original moved away and the copy moved in its place.
// inotify watches folders, not paths: the moved-in folders kept their
// watches named content/pm2/…, the moved-away ones theirs named
// content/postmortems/…, and the walk of the new content/postmortems found
// its folders watched already, so no later edit rebuilt until serve was
// restarted (QA 19r F2). A folder renamed away drops its watches, and the
// one renamed in is watched by its new name.
func TestWatchFolderSwappedForASibling(t *testing.T) {
	for _, away := range []string{"outside", "inside"} {
		t.Run(away, func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "site")
			content := filepath.Join(site, "content")
			pm := filepath.Join(content, "postmortems")
			if err := os.MkdirAll(filepath.Join(pm, "2024"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(pm, "2024", "x.md"), "one")
			write(t, filepath.Join(content, "a.md"), "site") // the test builder reads it
			l := serveSite(t, site, Options{Watch: []string{content}, Debounce: 50 * time.Millisecond}, 100)
			l.expectBuild()

			// cp -r postmortems pm2
			pm2 := filepath.Join(content, "pm2")
			if err := os.MkdirAll(filepath.Join(pm2, "2024"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(pm2, "2024", "x.md"), "two")
			l.settle(500 * time.Millisecond)

			// mv postmortems <away> && mv pm2 postmortems
			old := filepath.Join(root, "old")
			if away == "inside" {
				old = filepath.Join(content, "pm.old")
			}
			if err := os.Rename(pm, old); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(pm2, pm); err != nil {
				t.Fatal(err)
			}
			l.settle(500 * time.Millisecond)

			write(t, filepath.Join(pm, "2024", "x.md"), "three")
			l.expectBuild("content/postmortems/2024/x.md")
			write(t, filepath.Join(pm, "2024", "y.md"), "new")
			l.expectBuild("content/postmortems/2024/y.md")
			if err := os.MkdirAll(filepath.Join(pm, "2025"), 0o755); err != nil {
				t.Fatal(err)
			}
			l.expectBuild("content/postmortems/2025")
			write(t, filepath.Join(pm, "2025", "z.md"), "z")
			l.expectBuild("content/postmortems/2025/z.md")

			// The folder moved away is no longer watched as the site's.
			write(t, filepath.Join(old, "2024", "x.md"), "old")
			if away == "inside" {
				l.expectBuild("content/pm.old/2024/x.md")
			} else {
				l.expectQuiet(500 * time.Millisecond)
			}
		})
	}
}
