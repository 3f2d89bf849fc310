package generator_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// unparsedDraft is a `pmkb new` draft with the most common YAML slip, an
// unquoted ": " in the title (line 2): its front matter does not parse,
// but line 5 still says status: draft.
const unparsedDraft = `---
title: Incident Report: API Gateway 502s
date: 2026-11-02
severity: SEV2
status: draft
systems: []
---

# Summary
`

// TestUnparsedDraftIsADraft checks that a draft whose front matter does not
// parse fails no build, preview or lint check (qa6 #3): its syntax error is
// a warning with the draft prefix and the file is left out, while the same
// slip in a file without status: draft, or a secret in the draft, still
// fails.
func TestUnparsedDraftIsADraft(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		drafts bool
		prefix string
	}{
		{false, "in a draft, left out of the build: "},
		{true, "in a draft, left out until fixed: "},
	} {
		site, err := generator.Build(ctx, generator.Options{Source: overlay(t, map[string]string{draftPath: unparsedDraft}), Today: sampleToday, Drafts: tc.drafts})
		if err != nil {
			t.Fatalf("drafts=%v: %v\n%s", tc.drafts, err, site.Diagnostics)
		}
		assertDraftSyntaxWarning(t, site.Diagnostics, tc.prefix)
		for _, f := range site.Files {
			if strings.Contains(f.Path, "half-written") {
				t.Errorf("drafts=%v: the unparsed draft was published as %s", tc.drafts, f.Path)
			}
		}
		if want := map[bool]int{false: 2, true: 1}[tc.drafts]; site.Skipped != want {
			t.Errorf("drafts=%v: %d left out, want %d", tc.drafts, site.Skipped, want)
		}
	}

	list, err := generator.Lint(generator.LintOptions{Source: overlay(t, map[string]string{draftPath: unparsedDraft}), Today: sampleToday})
	if err != nil {
		t.Fatal(err)
	}
	assertDraftSyntaxWarning(t, list, "in a draft, left out until fixed: ")

	// Not a draft: the slip stays an error.
	published := strings.Replace(unparsedDraft, "status: draft", "status: published", 1)
	if _, err := generator.Build(ctx, generator.Options{Source: overlay(t, map[string]string{draftPath: published}), Today: sampleToday}); !errors.Is(err, generator.ErrContent) {
		t.Errorf("an unparsed published postmortem: error %v, want ErrContent", err)
	}
	// A secret stays an error in a draft that does not parse.
	leaky := unparsedDraft + "\n    export GITHUB_TOKEN=ghp_" + strings.Repeat("aB3dE5fG7h", 3) + "J1kL2m\n"
	site, err := generator.Build(ctx, generator.Options{Source: overlay(t, map[string]string{draftPath: leaky}), Today: sampleToday})
	if !errors.Is(err, generator.ErrContent) {
		t.Fatalf("a secret in an unparsed draft: error %v, want ErrContent", err)
	}
	for _, d := range site.Diagnostics.Items() {
		if d.Pos.Path == draftPath && d.Severity == diag.Error && !strings.HasPrefix(d.Rule, "secret/") {
			t.Errorf("only the secret should stay an error: %s", d)
		}
	}
}

// TestSessionUnparsedDraft checks pmkb serve's session the same way, on the
// first build and after the draft is edited into the slip.
func TestSessionUnparsedDraft(t *testing.T) {
	dir, write := sessionSite(t)
	a, d := filepath.Join(dir, "content", "postmortems", "a.md"), filepath.Join(dir, "content", "postmortems", "d.md")
	write(a, sessionPM)
	write(d, unparsedDraft)
	s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}, Drafts: true}, dir)
	ctx := context.Background()
	files, diags, _, err := s.Build(ctx, nil)
	if err != nil || fileData(files, "postmortems/a/index.html") == "" {
		t.Fatalf("first build with an unparsed draft: %v\n%s", err, diags)
	}
	assertDraftSyntaxWarning(t, diags, "in a draft, left out until fixed: ")

	write(d, strings.Replace(unparsedDraft, "Incident Report: API Gateway 502s", "Gateway outage", 1))
	if _, diags, _, err = s.Build(ctx, []string{d}); err != nil {
		t.Fatalf("fixed title: %v\n%s", err, diags)
	}
	write(d, unparsedDraft)
	if _, diags, _, err = s.Build(ctx, []string{d}); err != nil {
		t.Fatalf("edited into the slip: %v\n%s", err, diags)
	}
	assertDraftSyntaxWarning(t, diags, "in a draft, left out until fixed: ")
}

// assertDraftSyntaxWarning checks that diags hold the draft's YAML error as
// a warning at its line, starting with prefix.
func assertDraftSyntaxWarning(t *testing.T, diags *diag.List, prefix string) {
	t.Helper()
	found := false
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			t.Errorf("error left: %s", d)
		}
		if strings.HasSuffix(d.Pos.Path, ".md") && d.Pos.Line == 2 && strings.HasPrefix(d.Message, prefix+"invalid YAML: ") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning %q at line 2:\n%s", prefix+"invalid YAML: …", diags)
	}
}

// TestRelatedToUnparsedFile checks a related: link to a postmortem whose
// file exists but does not parse (qa9-a #2): it is no "no postmortem has
// id" error of the linking file, which names no broken file of its own, so
// `pmkb lint` of that file alone passes; a draft with a YAML slip that a
// published postmortem names fails no build, and the published one is
// built without the link; a published file with the slip fails the build
// with its own error only.
func TestRelatedToUnparsedFile(t *testing.T) {
	const (
		broken  = "content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md"
		linking = "content/postmortems/2025/2025-04-23-payments-mtls-certificate-expired.md"
	)
	data, err := os.ReadFile(filepath.Join(sampleRoot, broken))
	if err != nil {
		t.Fatal(err)
	}
	slip := strings.Replace(string(data), "systems: [checkout-api, api-gateway]", "systems: [checkout-api, api-gateway", 1)
	draft := strings.Replace(slip, "status: published", "status: draft", 1)
	if slip == string(data) || draft == slip {
		t.Fatal("the sample file changed; update the test")
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name, text string
		buildOK    bool
	}{
		{"published", slip, false},
		{"draft", draft, true},
	} {
		src := overlay(t, map[string]string{broken: tc.text})
		site, err := generator.Build(ctx, generator.Options{Source: src, Today: sampleToday})
		if (err == nil) != tc.buildOK {
			t.Errorf("%s: build error %v, want ok %v\n%s", tc.name, err, tc.buildOK, site.Diagnostics)
		}
		for _, d := range site.Diagnostics.Items() {
			if d.Pos.Path != broken {
				t.Errorf("%s: build reports a file that is not the broken one: %s", tc.name, d)
			}
		}
		if tc.buildOK && !strings.Contains(fileData(site.Files, "postmortems/2025-04-23-payments-mtls-certificate-expired/index.html"), "Related incidents") {
			t.Errorf("%s: the linking postmortem was not built with its other related incident", tc.name)
		}
		list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: []string{linking}})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range list.Items() {
			if strings.Contains(d.Message, "related") {
				t.Errorf("%s: lint of the linking file alone: %s", tc.name, d)
			}
		}
	}
}

// TestRefusedDraftIsADraft checks a draft that is refused before parsing,
// a Latin-1 byte pasted into its body or a NUL in its front matter (QA 20
// A-F3), the way an unparsed one is: every command that fails on a
// published file with it (build, build --drafts, lint, and the cached
// front-matter load of stats, actions and notify) warns and leaves the
// draft out, and the same byte in a published file stays an error.
func TestRefusedDraftIsADraft(t *testing.T) {
	ctx := context.Background()
	const draft = "---\ntitle: Gateway outage\ndate: 2026-11-02\nseverity: SEV2\nstatus: draft\nsystems: []\n---\n\n# Summary\n\nThe caf\xe9 team saw it.\n"
	for name, data := range map[string]string{
		"latin-1 in the body":    draft,
		"NUL in a value":         strings.Replace(draft, "Gateway outage", "Gateway\x00outage", 1),
		"latin-1 in TOML string": "+++\ntitle = \"caf\xe9\"\ndate = 2026-11-02\nstatus = \"draft\"\n+++\n\nbody\n",
	} {
		src := overlay(t, map[string]string{draftPath: data})
		for _, drafts := range []bool{false, true} {
			site, err := generator.Build(ctx, generator.Options{Source: src, Today: sampleToday, Drafts: drafts})
			if err != nil {
				t.Fatalf("%s, drafts=%v: %v\n%s", name, drafts, err, site.Diagnostics)
			}
			assertRefusedDraftWarning(t, name, site.Diagnostics)
			for _, f := range site.Files {
				if strings.Contains(f.Path, "half-written") {
					t.Errorf("%s, drafts=%v: the refused draft was published as %s", name, drafts, f.Path)
				}
			}
		}
		list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday})
		if err != nil {
			t.Fatalf("%s: lint: %v", name, err)
		}
		assertRefusedDraftWarning(t, name, list)
		for _, cache := range []string{"", t.TempDir()} { // cold and through the metadata cache
			_, site, err := generator.Load(generator.Options{Source: src, Today: sampleToday, MetadataOnly: true, CacheDir: cache})
			if err != nil {
				t.Fatalf("%s: metadata load (cache %q): %v\n%s", name, cache, err, site.Diagnostics)
			}
			assertRefusedDraftWarning(t, name, site.Diagnostics)
		}

		published := strings.Replace(data, "draft", "published", 1)
		if _, err := generator.Build(ctx, generator.Options{Source: overlay(t, map[string]string{draftPath: published}), Today: sampleToday}); !errors.Is(err, generator.ErrContent) {
			t.Errorf("%s in a published postmortem: error %v, want ErrContent", name, err)
		}
	}
}

// assertRefusedDraftWarning checks that diags hold no error and the
// draft's encoding problem as a draft's warning.
func assertRefusedDraftWarning(t *testing.T, name string, diags *diag.List) {
	t.Helper()
	found := false
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			t.Errorf("%s: error left: %s", name, d)
		}
		if d.Pos.Path == draftPath && strings.HasPrefix(d.Message, "in a draft, left out") && (strings.Contains(d.Message, "UTF-8") || strings.Contains(d.Message, "NUL byte")) {
			found = true
		}
	}
	if !found {
		t.Errorf("%s: no draft warning about the encoding:\n%s", name, diags)
	}
}
