package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBuildRefusesDangerousDestinations checks bad-input case 11 through
// the command: a destination that is the file system's root, the home
// folder or one holding it, the site folder, or content/ or a folder in it
// (the build would feed on its own output) is a usage error (exit 2) that
// says why, before anything is loaded or written. output's unit tests
// prove the rules; this proves build hands them the site and home folders.
func TestBuildRefusesDangerousDestinations(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	root := filepath.Join(home, "kb")
	for name, data := range map[string]string{"content/postmortems/2024/disk.md": okPM, "pmkb.toml": "title = \"KB\"\n"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := tree(t, home)
	for _, tt := range []struct{ dest, want string }{
		{"/", "it is the root of the file system"},
		{home, "it is the home folder"},
		{filepath.Dir(home), "it contains the home folder"},
		{root, "it is the site source folder"},
		{filepath.Join(root, "content"), "it is inside the content folder"},
		{filepath.Join(root, "content", "postmortems", "public"), "it is inside the content folder"},
	} {
		code, out, errOut := pmkb(t, "build", "--source", root, "--destination", tt.dest)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "refusing to publish to "+`"`+tt.dest+`": `+tt.want) {
			t.Errorf("--destination %s: exit %d, want %d and %q\nstdout:\n%s\nstderr:\n%s", tt.dest, code, exitUsage, tt.want, out, errOut)
		}
	}
	if after := tree(t, home); !slices.Equal(before, after) {
		t.Errorf("a refused build changed the home folder:\nbefore %q\nafter  %q", before, after)
	}
	// The same site builds into its usual folder.
	if code, _, errOut := pmkb(t, "build", "--source", root); code != exitOK {
		t.Errorf("build into public/: exit %d\n%s", code, errOut)
	}
}

// tree lists every path under dir.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var paths []string
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		paths = append(paths, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}
