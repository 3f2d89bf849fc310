package generator_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/model"
)

const sessionPM = `---
title: Orders DB ran out of connections
date: 2024-05-22
severity: SEV2
systems: [orders-db]
causes: [db-connection-exhaustion]
action_items:
  - title: Cap pool size per pod
    owner: tomas
---
The pool was exhausted.
`

func fileData(files []generator.File, path string) string {
	for _, f := range files {
		if f.Path == path {
			return string(f.Data)
		}
	}
	return ""
}

// sessionSite makes a site folder with an empty content/postmortems for a
// session test, and write, which writes a file of it or fails the test.
func sessionSite(t *testing.T) (dir string, write func(path, data string)) {
	t.Helper()
	dir = t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content", "postmortems"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, func(path, data string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSessionRebuildsChangedFiles edits, breaks, fixes and deletes a
// postmortem between builds of one session, as pmkb serve does.
func TestSessionRebuildsChangedFiles(t *testing.T) {
	dir, write := sessionSite(t)
	a, b := filepath.Join(dir, "content", "postmortems", "a.md"), filepath.Join(dir, "content", "postmortems", "b.md")
	write(a, sessionPM)
	write(b, strings.Replace(sessionPM, "Orders DB ran out of connections", "Second incident", 1))
	s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}}, dir)
	ctx := context.Background()

	files, diags, _, err := s.Build(ctx, nil)
	if err != nil {
		t.Fatalf("first build: %v\n%s", err, diags)
	}
	if !strings.Contains(fileData(files, "postmortems/a/index.html"), "Orders DB ran out of connections") {
		t.Fatal("first build lacks postmortem a")
	}

	write(a, strings.Replace(sessionPM, "Orders DB ran out of connections", "Orders DB pool exhausted again", 1))
	files, _, partial, err := s.Build(ctx, []string{a})
	if err != nil || !partial || !strings.Contains(fileData(files, "postmortems/a/index.html"), "Orders DB pool exhausted again") {
		t.Fatalf("edit not rebuilt quickly: partial %v, %v", partial, err)
	}
	if strings.Contains(fileData(files, "postmortems/index.html"), "Orders DB pool exhausted again") {
		t.Error("the quick update re-rendered the list page too")
	}
	// Completing the build brings every page up to date.
	files, _, partial, err = s.Build(ctx, []string{})
	if err != nil || partial || !strings.Contains(fileData(files, "postmortems/index.html"), "Orders DB pool exhausted again") {
		t.Fatalf("completed build: partial %v, %v", partial, err)
	}

	write(a, strings.Replace(sessionPM, "severity: SEV2", "severity: SEV9", 1))
	_, diags, _, err = s.Build(ctx, []string{a})
	if !errors.Is(err, generator.ErrContent) || !strings.Contains(diags.String(), "content/postmortems/a.md:4: unknown severity \"SEV9\"") {
		t.Fatalf("broken file: err %v\n%s", err, diags)
	}

	write(a, sessionPM)
	if _, diags, _, err = s.Build(ctx, []string{a}); err != nil || diags.HasErrors() {
		t.Fatalf("fixed file still fails: %v\n%s", err, diags)
	}

	if err := os.Remove(b); err != nil {
		t.Fatal(err)
	}
	files, _, partial, err = s.Build(ctx, []string{b})
	if err != nil || partial || fileData(files, "postmortems/b/index.html") != "" {
		t.Fatalf("deleted postmortem still built: %v", err)
	}
}

// TestPreviewLinksFromTheRoot checks the dev server's build links its 404
// page from the root it serves at, not from the config's base path, and
// keeps a base URL asked for explicitly.
func TestPreviewLinksFromTheRoot(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"pmkb.toml":                `baseURL = "https://intranet.example/pm/"`,
		"content/postmortems/a.md": sessionPM,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build404 := func(opts generator.Options) string {
		t.Helper()
		files, diags, _, err := generator.NewSession(opts, dir).Build(context.Background(), nil)
		if err != nil {
			t.Fatalf("%v\n%s", err, diags)
		}
		return fileData(files, "404.html")
	}
	opts := generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}}
	if page := build404(opts); !strings.Contains(page, `href="/pm/postmortems/`) {
		t.Fatalf("a build for publishing should link from /pm/:\n%s", page)
	}
	page := build404(generator.PreviewOptions(opts))
	if strings.Contains(page, "/pm/") || !strings.Contains(page, `href="/postmortems/`) {
		t.Errorf("the preview's 404 page does not link from the root:\n%s", page)
	}
	opts.BaseURL = "/kb/"
	if page := build404(generator.PreviewOptions(opts)); !strings.Contains(page, `href="/kb/postmortems/`) {
		t.Errorf("an explicit base URL was not kept:\n%s", page)
	}
}

// TestSessionReportsBodyLinks checks that the dev server's session reports
// the warnings about body links and images as a fresh build does, after
// every edit: a missing image or a broken link typed while serving, one
// that goes away when fixed, a rename of a linked-to postmortem, and a
// [lint] rule that regrades them.
func TestSessionReportsBodyLinks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	second := strings.Replace(sessionPM, "Orders DB ran out of connections", "Second incident", 1)
	write("content/postmortems/a.md", sessionPM+"See [b](b.md).\n")
	b := write("content/postmortems/b.md", second)
	opts := generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}, Drafts: true}
	s := generator.NewSession(generator.PreviewOptions(opts), dir)
	ctx := context.Background()
	// build runs what pmkb serve runs after a change: the quick update,
	// then the build that completes it; it returns the complete build's
	// problems.
	build := func(changed ...string) (string, []generator.File) {
		t.Helper()
		files, diags, partial, err := s.Build(ctx, changed)
		if err == nil && partial {
			files, diags, _, err = s.Build(ctx, []string{})
		}
		if err != nil {
			t.Fatalf("build after %v: %v\n%s", changed, err, diags)
		}
		return diags.String(), files
	}
	// fresh is what pmkb build --drafts says about the same files.
	fresh := func() string {
		t.Helper()
		site, err := generator.Build(ctx, generator.PreviewOptions(opts))
		if err != nil {
			t.Fatalf("fresh build: %v\n%s", err, site.Diagnostics)
		}
		return site.Diagnostics.String()
	}
	const (
		image = `content/postmortems/a.md:13: warning: "images/missing.png" names content/postmortems/images/missing.png, which does not exist`
		link  = `content/postmortems/a.md:13: warning: link "nope.md" names content/postmortems/nope.md, which does not exist`
		gone  = `content/postmortems/a.md:12: warning: link "b.md" names content/postmortems/b.md, which does not exist`
	)
	for _, tc := range []struct {
		name    string
		edit    func() []string
		want    []string
		notWant []string
	}{
		{"start", func() []string { return nil }, nil, []string{image, link, gone}},
		{"a broken image and link typed while serving", func() []string {
			return []string{write("content/postmortems/a.md", sessionPM+"See [b](b.md).\n![missing](images/missing.png) and [gone](nope.md)\n")}
		}, []string{image, link}, []string{gone}},
		{"an unrelated edit keeps them", func() []string {
			return []string{write("content/postmortems/a.md", strings.Replace(sessionPM, "exhausted", "exhausted again", 1)+"See [b](b.md).\n![missing](images/missing.png) and [gone](nope.md)\n")}
		}, []string{image, link}, nil},
		{"fixed", func() []string { return []string{write("content/postmortems/a.md", sessionPM+"See [b](b.md).\n")} }, nil, []string{image, link}},
		{"the linked-to file renamed", func() []string {
			c := filepath.Join(dir, "content", "postmortems", "c.md")
			if err := os.Rename(b, c); err != nil {
				t.Fatal(err)
			}
			return []string{b, c}
		}, []string{gone}, nil},
		{"a link to a draft left out becomes text", func() []string {
			return []string{write("content/postmortems/a.md", sessionPM+"See [c](c.md).\n"),
				write("content/postmortems/c.md", strings.Replace(second, "severity: SEV2", "severity: SEV9\nstatus: draft", 1))}
		}, nil, []string{gone}},
		{"a [lint] rule turns markdown/links off", func() []string {
			return []string{write("pmkb.toml", "[lint.rules]\n\"markdown/links\" = \"off\"\n"), write("content/postmortems/a.md", sessionPM+"See [b](b.md).\n")}
		}, nil, []string{gone}},
	} {
		got, files := build(tc.edit()...)
		if page := fileData(files, "postmortems/a/index.html"); strings.Contains(page, `href="../c/`) {
			t.Errorf("%s: the page links to the left-out draft c", tc.name)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: missing %q in\n%s", tc.name, w, got)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s: still %q in\n%s", tc.name, w, got)
			}
		}
		if want := fresh(); got != want {
			t.Errorf("%s: the session says\n%s\na fresh build says\n%s", tc.name, got, want)
		}
	}
}

// TestSessionQuickUpdateSilences checks that the quick update of an
// edited page grades its loader warnings as a complete build does: a
// pmkb-lint-ignore comment silences the finding on the next line, and
// only that one.
func TestSessionQuickUpdateSilences(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "content", "postmortems", "a.md")
	if err := os.MkdirAll(filepath.Dir(a), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(a, []byte(sessionPM), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}}
	s := generator.NewSession(generator.PreviewOptions(opts), dir)
	ctx := context.Background()
	if _, diags, _, err := s.Build(ctx, nil); err != nil {
		t.Fatalf("first build: %v\n%s", err, diags)
	}
	edited := sessionPM + "<!-- pmkb-lint-ignore markdown/links -->\n[silenced](/postmortems/a/)\n\n[shown](/postmortems/a/)\n"
	if err := os.WriteFile(a, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags, partial, err := s.Build(ctx, []string{a})
	if err != nil || !partial {
		t.Fatalf("edit: partial %v, err %v\n%s", partial, err, diags)
	}
	got := diags.String()
	if !strings.Contains(got, "content/postmortems/a.md:15: warning: link \"/postmortems/a/\" starts at the site root") {
		t.Errorf("the unsilenced link on line 15 is not reported:\n%s", got)
	}
	if strings.Contains(got, "a.md:13:") {
		t.Errorf("the silenced link on line 13 is reported:\n%s", got)
	}
}

// TestSessionRelatedToUnparsedDraft checks that an edit of a postmortem
// whose related: names a draft with a YAML slip is a quick update, as any
// other edit is: the link is no error of the edited file (the draft's own
// warning says what is wrong), so it takes no complete build.
func TestSessionRelatedToUnparsedDraft(t *testing.T) {
	dir, write := sessionSite(t)
	a, b := filepath.Join(dir, "content", "postmortems", "a.md"), filepath.Join(dir, "content", "postmortems", "b.md")
	linking := strings.Replace(sessionPM, "causes:", "related: [b]\ncauses:", 1)
	write(a, linking)
	write(b, unparsedDraft)
	s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}}, dir)
	ctx := context.Background()
	if _, diags, _, err := s.Build(ctx, nil); err != nil {
		t.Fatalf("first build: %v\n%s", err, diags)
	}
	write(a, strings.Replace(linking, "Orders DB ran out of connections", "Orders DB pool exhausted again", 1))
	files, diags, partial, err := s.Build(ctx, []string{a})
	if err != nil || !partial || !strings.Contains(fileData(files, "postmortems/a/index.html"), "Orders DB pool exhausted again") {
		t.Fatalf("edit not rebuilt quickly: partial %v, %v\n%s", partial, err, diags)
	}
	for _, d := range diags.Items() {
		if strings.HasSuffix(d.Pos.Path, "a.md") {
			t.Errorf("the edited file has a problem: %s", d)
		}
	}
}
