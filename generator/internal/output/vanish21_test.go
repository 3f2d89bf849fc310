//go:build unix

package output

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestKeptEntriesThatVanishAreNotKept proves that a file pmkb did not
// make which another process deletes while a build runs (git's
// .git/index.lock in a gh-pages worktree) is left out of the new site
// instead of failing the build (QA 21 D-F3), and likewise an empty
// folder, a symbolic link and a whole folder of kept files; beside the
// destination and inside it.
func TestKeptEntriesThatVanishAreNotKept(t *testing.T) {
	for _, place := range []placement{placeAuto, placeInside} {
		dest := filepath.Join(t.TempDir(), "public")
		mustWrite(t, dest, files("index.html", "v1"), Options{})
		writeTree(t, dest, map[string]string{
			".git/HEAD":              "ref: refs/heads/gh-pages",
			".git/index.lock":        "x",
			"drafts/a.txt":           "a",
			"drafts/deep/b.txt":      "b",
			"CNAME":                  "kb.example.org",
			"postmortems/notes.txt":  "n",
			"postmortems/gone.txt":   "g",
			"postmortems/x/only.txt": "o",
		})
		for _, dir := range []string{".git/refs/tmp", "empty"} {
			if err := os.MkdirAll(filepath.Join(dest, dir), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Symlink("index.html", filepath.Join(dest, "home.html")); err != nil {
			t.Fatal(err)
		}
		st, err := begin(context.Background(), dest, Options{}, place)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{".git/index.lock", ".git/refs/tmp", "empty", "home.html", "drafts", "postmortems/gone.txt", "postmortems/x"} {
			if err := os.RemoveAll(filepath.Join(dest, filepath.FromSlash(p))); err != nil {
				t.Fatal(err)
			}
		}
		putAll(t, st, files("index.html", "v2", "postmortems/a/index.html", "a"), 1)
		if _, err := st.Commit(); err != nil {
			t.Fatalf("place %d: Commit: %v", place, err)
		}
		want := map[string]string{
			".git":                     "dir",
			".git/HEAD":                "file:ref: refs/heads/gh-pages",
			".git/refs":                "dir",
			"CNAME":                    "file:kb.example.org",
			"index.html":               "file:v2",
			"postmortems":              "dir",
			"postmortems/a":            "dir",
			"postmortems/a/index.html": "file:a",
			"postmortems/notes.txt":    "file:n",
		}
		got := snapshot(t, dest)
		delete(got, ManifestName)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("place %d: site (-want +got):\n%s", place, diff)
		}
		assertNoLeftovers(t, dest)
	}
}

// TestKeptEntryThatCannotBeCarriedStillFails proves that only a vanished
// entry is left out: a kept file that became a folder since the build
// listed it still stops the build, and the site stays as it was.
func TestKeptEntryThatCannotBeCarriedStillFails(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dest, files("index.html", "v1"), Options{})
	writeTree(t, dest, map[string]string{"notes.txt": "n"})
	st, err := Begin(context.Background(), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	full := filepath.Join(dest, "notes.txt")
	if err := os.Remove(full); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(full, 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)
	putAll(t, st, files("index.html", "v2"), 1)
	_, err = st.Commit()
	if err == nil || !strings.Contains(err.Error(), "keeping notes.txt") {
		t.Fatalf("Commit: err = %v, want it to say it could not keep notes.txt", err)
	}
	if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
		t.Errorf("site changed by a failed build (-before +after):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}
