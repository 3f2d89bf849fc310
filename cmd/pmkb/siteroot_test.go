package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
)

// badPM has one contract error, on line 4.
const badPM = "---\ntitle: Broken\ndate: 2024-02-02\nseverity: SEV9\nsystems: [a]\ncauses: [b]\n---\nBody.\n"

// TestCommandsFindTheSiteFromASubFolder checks that lint, actions, stats,
// notify and new, run inside a folder of the site without --source, use
// the site root above it as git does, and name files from the current
// folder (QA 5a #22, 5b #14).
func TestCommandsFindTheSiteFromASubFolder(t *testing.T) {
	root := site(t, map[string]string{
		"pmkb.toml":                          "title = \"KB\"\nbaseURL = \"https://kb.example/\"\n",
		"content/postmortems/2024/disk.md":   okPM,
		"content/postmortems/2023/broken.md": badPM,
	})
	t.Chdir(filepath.Join(root, "content", "postmortems", "2024"))

	// A file of the site is named from here, even by its own folder.
	for p, want := range map[string]string{"content/postmortems/2024/disk.md": "disk.md", "pmkb.toml": "../../../pmkb.toml"} {
		if got := shownPaths("../../..")(p); got != filepath.FromSlash(want) {
			t.Errorf("shownPaths(../../..)(%s) = %q, want %q", p, got, want)
		}
	}

	// lint: the whole site, files named from here
	code, out, _ := pmkb(t, "lint", "--today", "2024-06-01")
	wantBroken := filepath.FromSlash("../2023/broken.md") + ":4: error: "
	if code != exitContent || !strings.Contains(out, wantBroken) {
		t.Errorf("lint: exit %d, want %d and %q in\n%s", code, exitContent, wantBroken, out)
	}
	// lint FOLDER: only the postmortems under it
	for _, dir := range []string{".", "./", "../2024"} {
		code, out, errOut := pmkb(t, "lint", "--today", "2024-06-01", dir)
		if code != exitOK || strings.Contains(out, "broken.md") || !strings.HasPrefix(errOut, "0 errors") {
			t.Errorf("lint %s: exit %d\nstdout:\n%s\nstderr:\n%s", dir, code, out, errOut)
		}
	}
	code, out, _ = pmkb(t, "lint", "--today", "2024-06-01", "..")
	if code != exitContent || !strings.Contains(out, wantBroken) {
		t.Errorf("lint ..: exit %d\n%s", code, out)
	}

	// The read-only commands load the site above; the broken postmortem
	// is named from here.
	for _, args := range [][]string{{"actions"}, {"stats"}, {"notify", "--dry-run"}} {
		code, out, errOut := pmkb(t, args...)
		if code != exitContent || out != "" || !strings.HasPrefix(errOut, wantBroken[:len(wantBroken)-len("error: ")]) ||
			!strings.Contains(errOut, "pmkb: 1 error in the content; fix it first") {
			t.Errorf("%q: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
		}
	}
	if err := os.Remove(filepath.Join(root, "content", "postmortems", "2023", "broken.md")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"actions"}, {"stats"}, {"notify", "--dry-run"}} {
		if code, out, errOut := pmkb(t, args...); code != exitOK || !strings.Contains(out, "Alert at 80% disk") && args[0] != "stats" || errOut != "" {
			t.Errorf("%q: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
		}
	}

	// new writes into the site's content/postmortems, not under here.
	code, out, errOut := pmkb(t, "new", "--date", "2026-11-27", "Cache stampede")
	want := filepath.Join(root, "content", "postmortems", "2026", "2026-11-27-cache-stampede.md")
	if code != exitOK {
		t.Fatalf("new: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(want); err != nil {
		t.Errorf("new: %v\nstdout:\n%s", err, out)
	}

	// An explicit --source is taken as given.
	code, _, errOut = pmkb(t, "actions", "--source", ".")
	if code != exitUsage || !strings.HasPrefix(errOut, "pmkb: no "+filepath.FromSlash("content/postmortems")+" here") {
		t.Errorf("actions --source .: exit %d\n%s", code, errOut)
	}

	// build reads the current folder, never the site above it.
	code, out, errOut = pmkb(t, "build", "--today", "2024-06-01")
	if code != exitUsage || out != "" || !strings.HasPrefix(errOut, "pmkb: no "+filepath.FromSlash("content/postmortems")+" here") {
		t.Errorf("build in a folder of the site: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if _, err := os.Stat("public"); err == nil {
		t.Error("build in a folder of the site wrote public/ there")
	}
}

// TestNoSiteHereIsAUsageError checks that every command that reads a
// site says, with exit 2, that there is none, when neither the current
// folder nor a folder above is a site (QA 5b #14).
func TestNoSiteHereIsAUsageError(t *testing.T) {
	t.Chdir(t.TempDir())
	want := "pmkb: no " + filepath.FromSlash("content/postmortems") + " here: run `pmkb new \"Title\"`"
	for _, args := range [][]string{{"lint"}, {"actions"}, {"stats"}, {"notify", "--dry-run"}, {"build"}, {"search", "disk"}, {"serve", "--port", "0"}} {
		code, out, errOut := pmkb(t, args...)
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, want) || strings.Contains(errOut, "stat ") {
			t.Errorf("%q: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
		}
	}
}

// TestFindSiteRoot checks which folders count as a site root: one with a
// config file or with content/postmortems.
func TestFindSiteRoot(t *testing.T) {
	withConfig := site(t, map[string]string{"pmkb.yaml": "title: KB\n", "content/notes/x.txt": ""})
	withContent := site(t, map[string]string{"content/postmortems/2024/a.md": okPM})
	for _, tt := range []struct {
		dir, want string
	}{
		{withConfig, withConfig},
		{filepath.Join(withConfig, "content", "notes"), withConfig},
		{filepath.Join(withContent, "content", "postmortems", "2024"), withContent},
		{filepath.Join(withContent, "content"), withContent},
	} {
		got, ok := findSiteRoot(tt.dir)
		if !ok || got != tt.want {
			t.Errorf("findSiteRoot(%s) = %q, %v; want %q", tt.dir, got, ok, tt.want)
		}
	}
	if got, ok := findSiteRoot(t.TempDir()); ok {
		t.Errorf("an empty folder is in the site %q", got)
	}
}

// TestConfigErrorIsNotAContentError checks that a command stopped by the
// site's config says so, not "in the content" (QA 5a #22).
func TestConfigErrorIsNotAContentError(t *testing.T) {
	root := site(t, map[string]string{
		"pmkb.toml":                "title = \"KB\"\ncolour = \"red\"\n",
		"content/postmortems/a.md": okPM,
	})
	for _, args := range [][]string{{"actions"}, {"stats"}, {"notify", "--dry-run"}, {"search", "dns"}} {
		code, _, errOut := pmkb(t, append(args[:1:1], append([]string{"--source", root}, args[1:]...)...)...)
		want := "pmkb: 1 error in the site's config (pmkb.toml); fix it first (pmkb lint explains each)\n"
		if code != exitContent || !strings.HasSuffix(errOut, want) {
			t.Errorf("%q: exit %d\n%s\nwant the last line %q", args, code, errOut, want)
		}
	}
	// Every command checks the [lint] table alike: search too named only
	// the bad level, not the misspelt rule (QA 20 A-F8).
	root = site(t, map[string]string{
		"pmkb.toml":                "title = \"KB\"\n[lint]\nrules = { \"markdown/linkz\" = \"error\", \"secret\" = \"warn\" }\n",
		"content/postmortems/a.md": okPM,
	})
	for _, args := range [][]string{{"actions"}, {"stats"}, {"notify", "--dry-run"}, {"search", "dns"}} {
		code, _, errOut := pmkb(t, append(args[:1:1], append([]string{"--source", root}, args[1:]...)...)...)
		want := "pmkb: 2 errors in the site's config (pmkb.toml); fix them first (pmkb lint explains each)\n"
		if code != exitContent || !strings.HasSuffix(errOut, want) || !strings.Contains(errOut, `"markdown/linkz"`) {
			t.Errorf("%q: exit %d\n%s\nwant the misspelt rule named and the last line %q", args, code, errOut, want)
		}
	}

	at := func(path string, sev diag.Severity) diag.Diagnostic {
		return diag.Diagnostic{Pos: diag.Pos{Path: path, Line: 1}, Severity: sev, Message: "x"}
	}
	for _, tt := range []struct {
		items []diag.Diagnostic
		cfg   string
		want  string
	}{
		{[]diag.Diagnostic{at("content/postmortems/a.md", diag.Error)}, "pmkb.toml",
			"1 error in the content; fix it first (pmkb lint explains each)"},
		{[]diag.Diagnostic{at("content/postmortems/a.md", diag.Error), at("content/postmortems/b.md", diag.Error), at("pmkb.toml", diag.Warning)}, "pmkb.toml",
			"2 errors in the content; fix them first (pmkb lint explains each)"},
		{[]diag.Diagnostic{at("pmkb.yaml", diag.Error), at("pmkb.yaml", diag.Error)}, "pmkb.yaml",
			"2 errors in the site's config (pmkb.yaml); fix them first (pmkb lint explains each)"},
		{[]diag.Diagnostic{at("pmkb.toml", diag.Error), at("content/postmortems/a.md", diag.Error)}, "pmkb.toml",
			"1 error in the content and 1 in the site's config (pmkb.toml); fix them first (pmkb lint explains each)"},
	} {
		l := &diag.List{}
		for _, d := range tt.items {
			l.Add(d)
		}
		if got := whereErrors(l, tt.cfg); got != tt.want {
			t.Errorf("whereErrors = %q, want %q", got, tt.want)
		}
	}
}

// TestNotifySaysWhenThereAreNoLinks checks the note about a digest
// without links to the site (QA 5a #22).
func TestNotifySaysWhenThereAreNoLinks(t *testing.T) {
	const note = "note: the digest has no links to the site: pass --site-url or set an absolute baseURL\n"
	for _, tt := range []struct {
		config   string
		args     []string
		wantNote bool
	}{
		{"baseURL = \"/\"\n", nil, true},
		{"", nil, true},
		{"baseURL = \"/\"\n", []string{"--site-url", "https://kb.example/"}, false},
		{"baseURL = \"https://kb.example/pm/\"\n", nil, false},
	} {
		root := site(t, map[string]string{"pmkb.toml": tt.config, "content/postmortems/a.md": okPM})
		code, out, errOut := pmkb(t, append([]string{"notify", "--dry-run", "--source", root}, tt.args...)...)
		if code != exitOK || out == "" || (errOut == note) != tt.wantNote || (!tt.wantNote && errOut != "") {
			t.Errorf("config %q %q: exit %d, stderr %q; want the note: %v", tt.config, tt.args, code, errOut, tt.wantNote)
		}
	}
}
