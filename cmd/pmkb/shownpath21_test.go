package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestShownPathThroughALink checks that a site reached by another
// spelling than the current folder (a link to it, or the current folder
// entered through one, as macOS's /tmp is /private/tmp) is still named
// from the current folder (QA 21 B-F3: every path, GitHub annotations
// too, became absolute), and that a site really elsewhere keeps its
// absolute path.
func TestShownPathThroughALink(t *testing.T) {
	base := t.TempDir()
	site := filepath.Join(base, "site")
	link := filepath.Join(base, "link")
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(site, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	elsewhere := t.TempDir()
	want := filepath.FromSlash("content/postmortems/a.md")
	for _, tt := range []struct{ wd, source, want string }{
		{link, site, want}, // entered through the link, --source the real folder
		{site, link, want}, // the other way round
		{link, filepath.Join(link, "."), want},
		{site, filepath.Join(link, "content", ".."), want},
		{link, elsewhere, filepath.Join(elsewhere, "content", "postmortems", "a.md")},
	} {
		t.Chdir(tt.wd)
		t.Setenv("PWD", tt.wd) // os.Getwd answers with $PWD when it names the folder, as a shell's cd leaves it
		if got := shownPaths(tt.source)("content/postmortems/a.md"); got != tt.want {
			t.Errorf("in %s, --source %s: %q, want %q", tt.wd, tt.source, got, tt.want)
		}
	}
}
