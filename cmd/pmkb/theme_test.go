package main

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestThemeNotAFolder proves that every command taking --theme refuses a
// path that is missing or a file with the same usage error and exit code
// (review: build, serve and notify each checked it in their own words).
func TestThemeNotAFolder(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/a.md": qa7PM,
		"theme.txt":                "not a folder",
	})
	for _, bad := range []string{filepath.Join(root, "nope"), filepath.Join(root, "theme.txt")} {
		for _, args := range [][]string{
			{"build", "--source", root, "--destination", filepath.Join(t.TempDir(), "public")},
			{"serve", "--source", root, "--port", "0"},
			{"notify", "--source", root, "--dry-run"},
		} {
			code, _, errOut := pmkb(t, append(args, "--theme", bad)...)
			want := fmt.Sprintf("pmkb: --theme %q is not a folder\n", bad)
			if code != exitUsage || errOut != want {
				t.Errorf("%s --theme %s: exit %d, stderr %q; want exit %d, %q", args[0], filepath.Base(bad), code, errOut, exitUsage, want)
			}
		}
	}
}
