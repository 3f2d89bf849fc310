package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildConflictAdviceNotInAName: the advice under a build refused for
// files pmkb did not write is the command's own, written after the list,
// whatever the names listed (review 15 R7: the command replaced the first
// occurrence of output's advice in the error's text, so a file named like
// it had its name changed in the list and the advice kept output's "clean
// option").
func TestBuildConflictAdviceNotInAName(t *testing.T) {
	const (
		advice = "or publish with the clean option to replace them"
		clean  = "move them away, or build again with --clean to replace them, deleting every file here pmkb did not write (dot paths are kept); "
	)
	for _, tt := range []struct {
		name    string
		foreign string // the file in the way, under the destination
	}{
		{"a plain name", "index.html/notes.txt"},
		{"named like the advice", "index.html/" + advice},
	} {
		root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
		dest := filepath.Join(t.TempDir(), "site")
		if code, _, errOut := pmkb(t, "build", "--source", root, "--destination", dest); code != exitOK {
			t.Fatalf("%s: first build: exit %d\n%s", tt.name, code, errOut)
		}
		p := filepath.Join(dest, filepath.FromSlash(tt.foreign))
		if err := os.Remove(filepath.Join(dest, "index.html")); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("mine\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := pmkb(t, "build", "--source", root, "--destination", dest)
		if code != exitUsage || !strings.HasSuffix(errOut, "\n"+clean+dest+" left untouched\n") {
			t.Errorf("%s: exit %d, want %d and the advice %q at the end of\n%s", tt.name, code, exitUsage, clean, errOut)
		}
		if want := "\t" + `"` + tt.foreign + `" was not written by pmkb and lies in the folder "index.html"`; !strings.Contains(errOut, want) {
			t.Errorf("%s: the list lacks %q:\n%s", tt.name, want, errOut)
		}
	}
}
