package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// site writes a small site into a temp folder and returns its root.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const okPM = `---
title: Search index disk filled up
date: 2024-01-18
severity: SEV2
systems: [search-api]
causes: [disk-full]
teams: [search]
action_items:
  - title: Alert at 80% disk
    owner: mei
    due: 2024-02-01
  - title: Rotate logs
    owner: ben
    due: 2030-01-01
---
The disk filled up.
`

// pmkb runs the CLI with a fixed clock and returns the exit code, stdout
// and stderr.
func pmkb(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
	code := e.dispatch(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestBuildWritesSiteAndSummary(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	dest := filepath.Join(root, "public")
	code, out, errOut := pmkb(t, "build", "--source", root)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"built 1 postmortem", "pages", "0 warnings", "today 2026-11-27"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary %q lacks %q", out, want)
		}
	}
	for _, f := range []string{"index.html", "postmortems/disk/index.html", "feed.xml", "api/postmortems.json", "404.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
}

func TestBuildFailureLeavesPreviousSite(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	if code, _, errOut := pmkb(t, "build", "--source", root); code != 0 {
		t.Fatal(errOut)
	}
	before, err := os.ReadFile(filepath.Join(root, "public/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	bad := "---\ntitle: Broken\ndate: 2024-02-30\nseverity: SEV9\nsystems: [a]\ncauses: [b]\n---\n"
	if err := os.WriteFile(filepath.Join(root, "content/postmortems/bad.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := pmkb(t, "build", "--source", root)
	if code != exitContent {
		t.Fatalf("exit %d, want %d", code, exitContent)
	}
	for _, want := range []string{
		"content/postmortems/bad.md:3: error: date: \"2024-02-30\" is not a date",
		"content/postmortems/bad.md:4: error: unknown severity \"SEV9\"",
		"       4 | severity: SEV9\n",
		"build failed: 2 errors",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	after, _ := os.ReadFile(filepath.Join(root, "public/index.html"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed the published site")
	}
	if _, err := os.Stat(filepath.Join(root, "public/postmortems/bad")); err == nil {
		t.Error("a failed build published the broken postmortem")
	}
}

func TestUsageErrors(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "--nope"},
		{"build", "--source", root, "extra"},
		{"build", "--today", "2024-02-30"},
		{"build", "--source", root, "--base-url", "not-a-url"},
		{"build", "--source", root, "--base-url", "ftp://host/"},
		{"build", "--source", root, "--destination", root},
		{"build", "--source", root, "--destination", filepath.Join(root, "content", "out")},
		{"actions", "--source", root, "--format", "xml"},
		{"lint", "--source", root, "--format", "xml"},
		{"stats", "--source", root, "--since", "2025-01-01", "--until", "2024-01-01"},
		{"notify", "--source", root},
	} {
		if code, _, _ := pmkb(t, args...); code != exitUsage {
			t.Errorf("pmkb %q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := pmkb(t, "help")
	if code != 0 || !strings.Contains(out, "build") || !strings.Contains(out, "lint") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	code, out, _ = pmkb(t, "version")
	if code != 0 || !strings.HasPrefix(out, "pmkb ") {
		t.Errorf("version: exit %d %q", code, out)
	}
	// Help that was asked for goes to stdout (it can be piped to a
	// pager); after a bad flag it goes to stderr with exit 2.
	for _, args := range [][]string{{"help", "build"}, {"build", "--help"}, {"build", "-h"}} {
		code, out, errOut := pmkb(t, args...)
		if code != 0 || !strings.Contains(out, "--destination") || errOut != "" {
			t.Errorf("%q: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
		}
	}
	code, out, errOut := pmkb(t, "build", "--drafts=maybe")
	if code != 2 || out != "" || errOut != "pmkb build: invalid boolean value \"maybe\" for --drafts: parse error\nRun \"pmkb help build\" for its flags.\n" {
		t.Errorf("build --drafts=maybe: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, out, errOut = pmkb(t, "help", "nosuch")
	if code != 2 || out != "" || !strings.Contains(errOut, `unknown command "nosuch"`) {
		t.Errorf("help nosuch: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	// The scheduled commands say they take the clock, not the config's
	// today, which build's help promises.
	for _, c := range []struct{ cmd, want string }{
		{"build", "default: the config's today, else the clock"},
		{"actions", "default: the clock's date in the site's timeZone"},
		{"notify", "default: the clock's date in the site's timeZone"},
	} {
		if code, out, _ := pmkb(t, "help", c.cmd); code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("help %s: exit %d, --today does not say %q:\n%s", c.cmd, code, c.want, out)
		}
	}
	// A command without flags has no empty "Flags:" heading.
	if code, out, _ := pmkb(t, "help", "version"); code != 0 || strings.Contains(out, "Flags:") || strings.Contains(out, "version \n") {
		t.Errorf("help version: exit %d\n%q", code, out)
	}
}

func TestActionsFailOnOverdue(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	code, out, errOut := pmkb(t, "actions", "--source", root, "--format", "json", "--fail-on-overdue")
	if code != exitContent {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(rows) != 2 || rows[0]["owner"] != "mei" || rows[0]["overdue"] != true || rows[1]["overdue"] != false {
		t.Errorf("rows = %v", rows)
	}
	if code, _, _ := pmkb(t, "actions", "--source", root, "--today", "2024-01-20", "--fail-on-overdue"); code != 0 {
		t.Errorf("nothing is overdue on 2024-01-20, exit %d", code)
	}
}

func TestLintGitHubFormat(t *testing.T) {
	leaky := strings.Replace(okPM, "The disk filled up.", "The disk filled up.\n\n    export GITHUB_TOKEN=ghp_"+strings.Repeat("aB3dE5fG7h", 3)+"J1kL2m\n", 1)
	root := site(t, map[string]string{"content/postmortems/a.md": leaky})
	t.Chdir(root) // as in CI: at the repository root, the site is "."
	code, out, _ := pmkb(t, "lint", "--source", ".", "--format", "github")
	if code != exitContent {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	if !strings.Contains(out, "::error file=content/postmortems/a.md,line=18") || strings.Contains(out, "aB3dE5fG7haB3dE5fG7h") {
		t.Errorf("annotation missing or secret not redacted:\n%s", out)
	}
	// The same secret blocks a build.
	if code, _, errOut := pmkb(t, "build", "--source", root); code != exitContent || !strings.Contains(errOut, "a.md:18") {
		t.Errorf("build with a secret: exit %d\n%s", code, errOut)
	}
}

func TestStatsJSON(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	code, out, errOut := pmkb(t, "stats", "--source", root, "--json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["postmortems"] != float64(1) {
		t.Errorf("postmortems = %v", doc["postmortems"])
	}
	for _, k := range []string{"by_cause", "by_system", "by_severity", "by_detection"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
}

func TestSearchJSONAndCache(t *testing.T) {
	other := strings.NewReplacer("Search index disk filled up", "Checkout certificate expired", "disk-full", "expired-certificate", "The disk filled up.", "The certificate expired.").Replace(okPM)
	root := site(t, map[string]string{"content/postmortems/disk.md": okPM, "content/postmortems/cert.md": other})
	code, out, errOut := pmkb(t, "search", "--source", root, "--json", "certificates")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var res struct {
		Query string
		Total int
		Hits  []struct{ ID, Title, URL, Snippet string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.Total != 1 || res.Hits[0].ID != "cert" || res.Hits[0].URL != "/postmortems/cert/" {
		t.Errorf("result = %+v", res)
	}
	if _, err := os.Stat(filepath.Join(root, ".pmkb-cache", "search")); err != nil {
		t.Errorf("no cache: %v", err)
	}
	// An edit is seen on the next query (the cache refreshes changed files).
	edited := strings.Replace(okPM, "The disk filled up.", "The disk filled up; a certificate was fine.", 1)
	if err := os.WriteFile(filepath.Join(root, "content/postmortems/disk.md"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	_ = os.Chtimes(filepath.Join(root, "content/postmortems/disk.md"), future, future)
	code, out, _ = pmkb(t, "search", "--source", root, "certificate")
	if code != 0 || !strings.HasSuffix(out, "\n2 postmortems\n") {
		t.Errorf("after the edit: exit %d\n%s", code, out)
	}
	if code, out, _ := pmkb(t, "search", "--source", root, "--limit", "1", "certificate"); code != 0 || !strings.HasSuffix(out, "\n1 of 2 postmortems\n") {
		t.Errorf("--limit 1: exit %d\n%s", code, out)
	}
	if code, out, _ := pmkb(t, "search", "--source", root, "filled"); code != 0 || !strings.HasSuffix(out, "\n1 postmortem\n") {
		t.Errorf("one hit: exit %d\n%s", code, out)
	}
	if code, _, _ := pmkb(t, "search", "--source", root); code != exitUsage {
		t.Errorf("no query: exit %d", code)
	}
	// Only invisible characters, which search leaves out of words and
	// queries, is no query either (QA 21r2: 'no postmortem matches ""').
	if code, _, _ := pmkb(t, "search", "--source", root, "\u200b\u00ad"); code != exitUsage {
		t.Errorf("a query of invisible characters: exit %d", code)
	}
	// A folder without postmortems is an error, and gets no cache.
	empty := t.TempDir()
	code, out, errOut = pmkb(t, "search", "--source", empty, "dns")
	if code != exitUsage || !strings.Contains(errOut, "content/postmortems") {
		t.Errorf("no content: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(empty, ".pmkb-cache")); err == nil {
		t.Error("a folder without postmortems got a search cache")
	}
}

// TestStatsCache runs pmkb stats twice (the second from the metadata
// cache) and once after an edit: the cached answer must equal the fresh
// one, and the edit must show.
func TestStatsCache(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM,
		"content/postmortems/b.md": strings.Replace(okPM, "disk-full", "dns", 1)})
	_, first, _ := pmkb(t, "stats", "--source", root, "--json")
	// Any version of the cache file: the version changes with its format.
	if m, _ := filepath.Glob(filepath.Join(root, ".pmkb-cache", "metadata-v*.gob")); len(m) != 1 {
		t.Fatalf("want one metadata cache file, found %q", m)
	}
	_, second, _ := pmkb(t, "stats", "--source", root, "--json")
	if first != second || !strings.Contains(first, `"key": "dns"`) {
		t.Fatalf("cached stats differ from fresh ones:\n%s\n---\n%s", first, second)
	}
	edited := strings.Replace(okPM, "disk-full", "capacity", 1)
	p := filepath.Join(root, "content/postmortems/b.md")
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	_ = os.Chtimes(p, future, future)
	_, third, _ := pmkb(t, "stats", "--source", root, "--json")
	if strings.Contains(third, `"key": "dns"`) || !strings.Contains(third, `"key": "capacity"`) {
		t.Errorf("the edit is not seen:\n%s", third)
	}
}

// TestBuildWithThemeFolder builds with a copy of the built-in theme whose
// base layout is marked: the pages must come from the folder.
func TestBuildWithThemeFolder(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	theme := filepath.Join(t.TempDir(), "theme")
	if err := os.CopyFS(theme, os.DirFS("../../themes/default")); err != nil {
		t.Fatal(err)
	}
	// Mark the site footer, wherever the theme defines it.
	layouts, err := filepath.Glob(filepath.Join(theme, "layouts", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	marked := false
	for _, name := range layouts {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(data), `<footer class="site-footer"`, `<footer class="site-footer" data-theme="custom"`, 1)
		if s == string(data) {
			continue
		}
		if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		marked = true
	}
	if !marked {
		t.Fatal(`no layout has <footer class="site-footer"`)
	}
	if code, _, errOut := pmkb(t, "build", "--source", root, "--theme", theme); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	page, _ := os.ReadFile(filepath.Join(root, "public", "index.html"))
	if !strings.Contains(string(page), `data-theme="custom"`) {
		t.Error("the page was not rendered with the theme folder")
	}
	if code, _, _ := pmkb(t, "build", "--source", root, "--theme", filepath.Join(root, "nope")); code != exitUsage {
		t.Errorf("missing theme folder: exit %d", code)
	}
}

// TestBuildInterrupted proves Ctrl-C (a cancelled context) stops a build
// with exit code 130 and publishes nothing.
func TestBuildInterrupted(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
	if code := e.dispatch(ctx, []string{"build", "--source", root}); code != exitInterrupted {
		t.Fatalf("exit %d, want %d\n%s", code, exitInterrupted, errOut.String())
	}
	if !strings.Contains(errOut.String(), "build interrupted") {
		t.Errorf("stderr %q does not say the build was interrupted", errOut.String())
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("public/ exists after an interrupted build: %v", err)
	}
	entries, _ := os.ReadDir(root)
	for _, en := range entries {
		if strings.Contains(en.Name(), ".pmkb-") {
			t.Errorf("left behind: %s", en.Name())
		}
	}
}

// TestShownPath checks that messages name files from the current folder.
func TestShownPath(t *testing.T) {
	wd := t.TempDir()
	t.Chdir(wd)
	elsewhere := t.TempDir()
	for _, tt := range []struct{ source, p, want string }{
		{".", "content/postmortems/a.md", filepath.FromSlash("content/postmortems/a.md")},
		{"site", "content/postmortems/a.md", filepath.FromSlash("site/content/postmortems/a.md")},
		{"./site/", "pmkb.toml", filepath.FromSlash("site/pmkb.toml")},
		{filepath.Join(wd, "site"), "content/postmortems/a.md", filepath.FromSlash("site/content/postmortems/a.md")},
		{elsewhere, "content/postmortems/a.md", filepath.Join(elsewhere, "content", "postmortems", "a.md")},
		{"..", "x.md", filepath.FromSlash("../x.md")},
		{"site", "", ""},
	} {
		if got := shownPaths(tt.source)(tt.p); got != tt.want {
			t.Errorf("shownPaths(%q)(%q) = %q, want %q", tt.source, tt.p, got, tt.want)
		}
	}
}
