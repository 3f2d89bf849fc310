package output

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestForeignListings pins what each caller of the top-level listing of
// foreign entries reports for the same folders: neverBuilt (the refusal to
// clean a folder pmkb never built), stillForeign (the refusal to clean a
// folder whose manifest records foreign entries) and foreignTops (the
// names the next manifest records; index.html is the new site's).
func TestForeignListings(t *testing.T) {
	tests := []struct {
		name      string
		tree      map[string]string
		symlinks  map[string]string // name -> target
		mountRoot bool
		// neverBuilt, stillForeign and foreignTops are the wanted results.
		neverBuilt, stillForeign, foreignTops []string
	}{
		{
			name: "no manifest",
			tree: map[string]string{
				"index.html": "", "notes.txt": "", "site-a/index.html": "", ".git/config": "", "lost+found/x": "",
			},
			symlinks:     map[string]string{"link": "site-a"},
			neverBuilt:   []string{"index.html", "link", "lost+found/", "notes.txt", "…"},
			foreignTops:  []string{"link", "lost+found", "notes.txt", "site-a"},
			stillForeign: nil,
		},
		{
			name:        "no manifest, at the root of a mount",
			tree:        map[string]string{"notes.txt": "", "lost+found/x": "", ".well-known/x": ""},
			mountRoot:   true,
			neverBuilt:  []string{"notes.txt"},
			foreignTops: []string{"notes.txt"},
		},
		{
			name:        "no manifest, four entries",
			tree:        map[string]string{"a": "", "b": "", "c/x": "", "d": ""},
			neverBuilt:  []string{"a", "b", "c/", "d"},
			foreignTops: []string{"a", "b", "c", "d"},
		},
		{
			name:       "dot paths only",
			tree:       map[string]string{".well-known/x": "", ".keep": ""},
			neverBuilt: nil,
		},
		{
			name: "manifest with foreign entries, some gone",
			tree: map[string]string{
				"index.html": "", "site-a/index.html": "", "notes.txt": "", "later.txt": "",
				ManifestName: `{"paths": ["index.html"], "foreign": ["site-a", "gone.txt", "notes.txt", "link"]}`,
			},
			symlinks:     map[string]string{"link": "site-a"},
			stillForeign: []string{"site-a/", "notes.txt", "link"},
			foreignTops:  []string{"link", "notes.txt", "site-a"},
		},
		{
			name: "manifest recording the new site's own name",
			tree: map[string]string{
				"index.html": "", "notes.txt": "",
				ManifestName: `{"paths": [], "foreign": ["index.html", "notes.txt"]}`,
			},
			stillForeign: []string{"index.html", "notes.txt"},
			foreignTops:  []string{"notes.txt"},
		},
		{
			name:      "list manifest",
			tree:      map[string]string{"index.html": "", "notes.txt": "", ManifestName: `["index.html"]`},
			mountRoot: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.tree)
			for name, target := range tt.symlinks {
				if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
					t.Fatal(err)
				}
			}
			if got, err := neverBuilt(dir, tt.mountRoot); err != nil || !slices.Equal(got, tt.neverBuilt) {
				t.Errorf("neverBuilt = %q, %v; want %q", got, err, tt.neverBuilt)
			}
			if got := stillForeign(dir); !slices.Equal(got, tt.stillForeign) {
				t.Errorf("stillForeign = %q; want %q", got, tt.stillForeign)
			}
			old, err := readSite(dir, tt.mountRoot)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := old.foreignTops([]string{"index.html"}, false); err != nil || !slices.Equal(got, tt.foreignTops) {
				t.Errorf("foreignTops = %q, %v; want %q", got, err, tt.foreignTops)
			}
			if got, err := old.foreignTops([]string{"index.html"}, true); err != nil || got != nil {
				t.Errorf("foreignTops when cleaning = %q, %v; want none", got, err)
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "missing")
	if got, err := neverBuilt(missing, false); err != nil || got != nil {
		t.Errorf("neverBuilt of a missing folder = %q, %v; want none", got, err)
	}
	if got := stillForeign(missing); got != nil {
		t.Errorf("stillForeign of a missing folder = %q; want none", got)
	}
}
