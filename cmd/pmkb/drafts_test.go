package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHalfWrittenDraftFailsNothing is the README's flow: a fresh `pmkb new`
// file, committed unchanged, must not fail the lint check, the build or
// the deploy preview (build --drafts) of the rest of the site. Its problems
// are reported as warnings naming the file, and the preview leaves it out.
func TestHalfWrittenDraftFailsNothing(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	code, out, errOut := pmkb(t, "new", "--source", root, "--lang", "en", "Queue outage")
	if code != exitOK {
		t.Fatalf("new: exit %d\n%s", code, errOut)
	}
	draft, err := filepath.Rel(root, strings.TrimSpace(strings.TrimPrefix(out, "created ")))
	if err != nil {
		t.Fatal(err)
	}
	draft = filepath.ToSlash(draft)
	t.Chdir(root)

	code, out, errOut = pmkb(t, "lint", "--format", "github")
	if code != exitOK {
		t.Errorf("lint: exit %d, want 0\n%s%s", code, out, errOut)
	}
	if strings.Contains(out, "::error") || !strings.Contains(out, "::warning file="+draft+",line=") ||
		!strings.Contains(out, `in a draft, left out until fixed: systems is empty: list at least one slug`) {
		t.Errorf("lint: want the draft's problems as warnings:\n%s", out)
	}

	for _, args := range [][]string{
		{"build", "--destination", filepath.Join(t.TempDir(), "public")},
		{"build", "--drafts", "--destination", filepath.Join(t.TempDir(), "public")},
	} {
		code, out, errOut := pmkb(t, args...)
		if code != exitOK {
			t.Errorf("%v: exit %d, want 0\n%s", args, code, errOut)
			continue
		}
		if !regexp.MustCompile(regexp.QuoteMeta(draft)+`:\d+: warning: in a draft, left out`).MatchString(errOut) || !strings.Contains(out+errOut, "(1 draft left out)") {
			t.Errorf("%v: want the draft's warnings and \"(1 draft left out)\":\n%s%s", args, out, errOut)
		}
		pages, _ := filepath.Glob(filepath.Join(args[len(args)-1], "postmortems", "*queue-outage*"))
		if len(pages) > 0 {
			t.Errorf("%v: the broken draft was built: %v", args, pages)
		}
		if _, err := os.Stat(filepath.Join(args[len(args)-1], "postmortems", "a", "index.html")); err != nil {
			t.Errorf("%v: the rest of the site was not built: %v", args, err)
		}
	}
}

// TestUnparsedDraftFailsNothing is qa6 #3: a `pmkb new` draft whose title
// got an unquoted ": " no longer parses, but its status: draft line keeps
// it a draft, so lint, build and build --drafts succeed and report the
// slip as a draft's warning at its line, and actions and stats succeed.
func TestUnparsedDraftFailsNothing(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	code, out, errOut := pmkb(t, "new", "--source", root, "--lang", "en", "Gateway outage")
	if code != exitOK {
		t.Fatalf("new: exit %d\n%s", code, errOut)
	}
	file := strings.TrimSpace(strings.TrimPrefix(out, "created "))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	title := regexp.MustCompile(`(?m)^title: .*$`)
	if !title.Match(data) {
		t.Fatalf("no title line in the new file:\n%s", data)
	}
	if err := os.WriteFile(file, title.ReplaceAll(data, []byte("title: Incident Report: API Gateway 502s")), 0o644); err != nil {
		t.Fatal(err)
	}
	draft, err := filepath.Rel(root, file)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	warning := regexp.MustCompile(regexp.QuoteMeta(filepath.ToSlash(draft)) + `:\d+: warning: in a draft, left out [a-z ]+: invalid YAML: a ": " inside a value`)
	for _, args := range [][]string{
		{"lint"},
		{"build", "--destination", filepath.Join(t.TempDir(), "public")},
		{"build", "--drafts", "--destination", filepath.Join(t.TempDir(), "public")},
	} {
		code, out, errOut := pmkb(t, args...)
		if code != exitOK || !warning.MatchString(out+errOut) {
			t.Errorf("%v: exit %d, want 0 and the draft's YAML slip as a warning:\n%s%s", args, code, out, errOut)
		}
	}
	// actions and stats read the front matter through a cache: the first
	// run fills it, the second reads the draft from it.
	for _, args := range [][]string{{"actions"}, {"stats"}, {"actions"}, {"stats"}} {
		if code, out, errOut := pmkb(t, args...); code != exitOK {
			t.Errorf("%v: exit %d, want 0\n%s%s", args, code, out, errOut)
		}
	}
}
