package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hookDiff is the git command of the README's pre-commit hook (section
// "Checking", "As a Git pre-commit hook"): the staged postmortems and text
// files, deletions too, a rename as the deletion of its old name and the
// addition of its new one.
var hookDiff = []string{"-c", "core.quotePath=false", "diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRD", "--",
	":(glob,icase)content/postmortems/**/*.md", ":(glob,icase)content/postmortems/**/*.log",
	":(glob,icase)content/postmortems/**/*.txt", ":(glob,icase)content/postmortems/**/*.csv"}

// TestPreCommitHookCatchesRenameAndDelete runs the README's pre-commit
// hook's lint over a git mv and a git rm of a postmortem that another one
// names in related: and links to: the hook must fail as the build of the
// site will (QA 16 B-F2: "0 errors" and exit 0 for the rename, no file at
// all for the removal, and exit 2 "no such file" when the deleted path
// was passed).
func TestPreCommitHookCatchesRenameAndDelete(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	const (
		target = "content/postmortems/2024/2024-01-18-disk.md"
		other  = "content/postmortems/2024/2024-02-01-again.md"
	)
	again := strings.Replace(okPM, "causes: [disk-full]", "causes: [disk-full]\nrelated: [\"2024-01-18-disk\"]", 1) + "\nAs [before](../2024-01-18-disk/).\n"
	for _, tc := range []struct {
		name string
		git  []string
	}{
		{"git mv", []string{"mv", target, "content/postmortems/2024/2024-01-18-disk-full.md"}},
		{"git rm", []string{"rm", "-q", target}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := site(t, map[string]string{target: okPM, other: again})
			git := func(args ...string) string {
				t.Helper()
				cmd := exec.Command("git", args...)
				cmd.Dir = root
				cmd.Env = append(cmd.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_NOSYSTEM=1", "HOME="+root)
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("git %q: %v", args, err)
				}
				return string(out)
			}
			git("init", "-q")
			git("add", ".")
			git("commit", "-q", "-m", "kb")
			if code, _, errOut := pmkb(t, "lint", "--source", root); code != 0 {
				t.Fatalf("lint before the change: exit %d\n%s", code, errOut)
			}
			git(tc.git...)
			var paths []string
			for _, p := range bytes.Split([]byte(git(hookDiff...)), []byte{0}) {
				if len(p) > 0 {
					paths = append(paths, filepath.Join(root, string(p)))
				}
			}
			if len(paths) == 0 {
				t.Fatal("the hook passes no file")
			}
			code, out, errOut := pmkb(t, append([]string{"lint", "--source", root}, paths...)...)
			if code != exitContent || !strings.Contains(out, filepath.Join(root, other)+`:7: error: related: no postmortem has id "2024-01-18-disk"`) ||
				!strings.Contains(out, `warning: link "../2024-01-18-disk/" names the page of no postmortem`) {
				t.Errorf("hook's lint of %q: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", paths, code, exitContent, out, errOut)
			}
		})
	}
}
