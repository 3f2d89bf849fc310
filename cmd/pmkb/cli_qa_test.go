package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testEnv returns an environment like pmkb's (fixed clock, empty
// environment) whose fields a test can change, and its outputs.
func testEnv() (e *env, stdout, stderr *bytes.Buffer) {
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	e = &env{stdout: stdout, stderr: stderr, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
	return e, stdout, stderr
}

// TestActionsRejectsUnknownFilters proves a filter that can select nothing
// is a usage error (exit 2) naming the valid values or the near name,
// not "0 items" with exit 0 that lets a CI gate pass (QA 4 #4).
func TestActionsRejectsUnknownFilters(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--status", "opne", "--fail-on-overdue"}, `pmkb: status "opne" is not an action-item status (want open, in-progress, done, wont-do); did you mean "open"?`},
		{[]string{"--kind", "fix"}, `pmkb: kind "fix" is not an action-item kind (want prevent, detect, mitigate, process)`},
		{[]string{"--overdue", "--team", "saerch", "--fail-on-overdue"}, `pmkb: no postmortem has team "saerch"; did you mean "search"?`},
		{[]string{"--system", "search-apii"}, `pmkb: no postmortem or systems catalog entry has system "search-apii"; did you mean "search-api"?`},
		{[]string{"--owner", "nobody-at-all"}, `pmkb: no action item has owner "nobody-at-all"`},
	} {
		code, out, errOut := pmkb(t, append([]string{"actions", "--source", root}, tt.args...)...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tt.want+"\n") {
			t.Errorf("actions %q: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, exitUsage, out, errOut)
		}
	}
	// Two problems: both reported, one line each.
	_, _, errOut := pmkb(t, "actions", "--source", root, "--status", "x", "--team", "y")
	if strings.Count(errOut, "pmkb: ") != 2 {
		t.Errorf("want both problems, got:\n%s", errOut)
	}
	// Known values still work, whatever their case.
	if code, out, errOut := pmkb(t, "actions", "--source", root, "--status", "Open", "--team", "Search", "--owner", "mei"); code != 0 || !strings.Contains(out, "1 item, 1 overdue") {
		t.Errorf("known values: exit %d\n%s%s", code, out, errOut)
	}
}

// TestActionsTableUncutWhenPiped proves titles are not cut to a terminal
// width when stdout is not a terminal, even with $COLUMNS set (QA 4 #29).
func TestActionsTableUncutWhenPiped(t *testing.T) {
	long := "Alert at 80% disk " + strings.Repeat("and page the on-call owner ", 6) + "END"
	root := site(t, map[string]string{"content/postmortems/a.md": strings.Replace(okPM, "Alert at 80% disk", long, 1)})
	e, out, _ := testEnv()
	e.getenv = func(k string) string {
		if k == "COLUMNS" {
			return "60"
		}
		return ""
	}
	if code := e.dispatch(t.Context(), []string{"actions", "--source", root}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out.String(), long) {
		t.Errorf("the title was cut in piped output:\n%s", out)
	}
}

// TestNewFollowsTheSite proves pmkb new writes the template in the site's
// language unless --lang is given (QA 4 #6), refuses a language without a
// template, a severity that is not a level and a taken id (QA 4 #20), and
// hints at --id when the file name keeps little of the title (QA 4 #9).
func TestNewFollowsTheSite(t *testing.T) {
	root := site(t, map[string]string{"pmkb.toml": "language = \"ja\"\n"})
	code, out, errOut := pmkb(t, "new", "--source", root, "テスト障害")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	created := strings.TrimSpace(strings.TrimPrefix(out, "created "))
	data, err := os.ReadFile(created)
	if err != nil {
		t.Fatalf("%v (stdout %q)", err, out)
	}
	if !strings.Contains(string(data), "\nlang: \"ja\"\n") || !strings.Contains(string(data), "## 概要") {
		t.Errorf("a ja site got another template:\n%s", data)
	}
	if strings.Contains(errOut, "hint:") {
		t.Errorf("a kana title needs no hint:\n%s", errOut)
	}
	if code, out, errOut := pmkb(t, "new", "--source", root, "--lang", "en", "Disk full"); code != 0 ||
		!strings.Contains(readCreated(t, out), "\nlang: \"en\"\n") {
		t.Errorf("--lang en: exit %d\n%s", code, errOut)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--lang", "fr", "Panne DNS"}, `pmkb: no postmortem template in language "fr" (there are: en, ja)`},
		{[]string{"--severity", "SEV9", "DNS outage"}, `pmkb: severity "SEV9" is not one of the site's levels (SEV1, SEV2, SEV3, SEV4)`},
		{[]string{"テスト障害"}, `pmkb: id "2026-11-27-テスト障害" is taken by content/postmortems/2026/2026-11-27-テスト障害.md; to start another postmortem, give it another id: pmkb new --id 2026-11-27-テスト障害-2`},
	} {
		code, out, errOut := pmkb(t, append([]string{"new", "--source", root}, tt.args...)...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("new %q: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, exitUsage, out, errOut)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(root, "content/postmortems/2026")); len(entries) != 2 {
		t.Errorf("refused runs wrote files: %v", entries)
	}

	// A kanji title keeps its letters on a ja site, and a second title
	// that gives the same id takes the next free one (QA 7a #14).
	code, out, errOut = pmkb(t, "new", "--source", root, "決済APIの証明書期限切れ")
	if code != 0 || !strings.Contains(out, "2026-11-27-決済apiの証明書期限切れ.md") || strings.Contains(errOut, "hint:") {
		t.Errorf("kanji title: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, out, errOut = pmkb(t, "new", "--source", root, "決済APIの証明書期限切れ!")
	if code != 0 || !strings.Contains(out, "2026-11-27-決済apiの証明書期限切れ-2.md") ||
		!strings.Contains(errOut, "2026-11-27-決済apiの証明書期限切れ.md has the id the title gives, so this postmortem is 2026-11-27-決済apiの証明書期限切れ-2") {
		t.Errorf("second title with the same id: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	// The whole hint line, with the day of the file name to keep (QA 14
	// A-F15: without --date it read "(-….md").
	if code, _, errOut := pmkb(t, "new", "--source", root, "🔥🔥"); code != 0 ||
		!strings.Contains("\n"+errOut, "\nhint: the id \"2026-11-27-incident\" keeps little of the title; for a readable URL, rename the file to a few words of the title (2026-11-27-….md: its name is the id; Japanese letters are fine), or pass --id next time\n") {
		t.Errorf("emoji title: exit %d\nstderr:\n%s", code, errOut)
	}
	if code, _, errOut := pmkb(t, "new", "--source", root, "--date", "2025-01-02", "!!!"); code != 0 ||
		!strings.Contains("\n"+errOut, "\nhint: the id \"2025-01-02-incident\" keeps little of the title; for a readable URL, rename the file to a few words of the title (2025-01-02-….md: its name is the id; Japanese letters are fine), or pass --id next time\n") {
		t.Errorf("emoji title, --date: exit %d\nstderr:\n%s", code, errOut)
	}
	// --id names the file, and a Latin title is folded to ASCII.
	if code, out, errOut := pmkb(t, "new", "--source", root, "--id", "2026-11-27-payment-cert", "決済APIの証明書期限切れ"); code != 0 ||
		!strings.HasSuffix(strings.TrimSpace(out), filepath.FromSlash("2026/2026-11-27-payment-cert.md")) || strings.Contains(errOut, "hint:") {
		t.Errorf("--id: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if code, out, _ := pmkb(t, "new", "--source", root, "Löschen der Datenbank"); code != 0 || !strings.Contains(out, "2026-11-27-loschen-der-datenbank.md") {
		t.Errorf("Latin title: exit %d\n%s", code, out)
	}

	// The help says where the language comes from.
	if _, out, _ := pmkb(t, "help", "new"); !strings.Contains(out, "default: the site's language") || strings.Contains(out, `(default "en")`) {
		t.Errorf("help new:\n%s", out)
	}

	// A broken config stops pmkb new (its language and levels are unknown).
	bad := site(t, map[string]string{"pmkb.toml": "language = \"fr\"\n"})
	if code, _, errOut := pmkb(t, "new", "--source", bad, "x"); code != exitContent || !strings.Contains(errOut, "pmkb.toml:1:") {
		t.Errorf("broken config: exit %d\n%s", code, errOut)
	}
}

// readCreated returns the file pmkb new reported on stdout.
func readCreated(t *testing.T, stdout string) string {
	t.Helper()
	data, err := os.ReadFile(strings.TrimSpace(strings.TrimPrefix(stdout, "created ")))
	if err != nil {
		t.Fatalf("%v (stdout %q)", err, stdout)
	}
	return string(data)
}

// TestBaseURLWithQueryRefused proves --base-url and baseURL refuse a query
// or fragment (QA 4 #12), and that a second config file is named in a
// warning (QA 4 #34).
func TestBaseURLWithQueryRefused(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	code, _, errOut := pmkb(t, "build", "--source", root, "--base-url", "https://x.example/pm/?a=1")
	if code != exitUsage || !strings.Contains(errOut, `pmkb: --base-url "https://x.example/pm/?a=1" has a query or fragment`) {
		t.Errorf("--base-url with a query: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("a refused --base-url built the site")
	}
	both := site(t, map[string]string{"content/postmortems/a.md": okPM,
		"pmkb.toml": "baseURL = \"https://x.example/pm/#top\"\n", "pmkb.yaml": "title: Ignored\n"})
	code, _, errOut = pmkb(t, "build", "--source", both)
	if code != exitContent || !strings.Contains(errOut, `pmkb.toml:1: error: baseURL "https://x.example/pm/#top" has a query or fragment`) ||
		!strings.Contains(errOut, "pmkb.yaml:1: warning: ignored: the site's config is pmkb.toml") {
		t.Errorf("config: exit %d\n%s", code, errOut)
	}
}

// TestFlagErrorsAndVersion proves flag errors name flags as the help and
// README do (--date, not -date) in one line and a pointer to the help, as
// an unknown flag does, not the whole usage (QA 9a #12), that --version
// and -v work like "pmkb version", and that a build without a module
// version shows the commit it was built from (QA 4 #19).
func TestFlagErrorsAndVersion(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "--date", "2024-02-30", "x"}, `pmkb new: invalid value "2024-02-30" for flag --date: `},
		{[]string{"new", "-date", "yesterday", "x"}, `pmkb new: invalid value "yesterday" for flag --date: `},
		{[]string{"new", "--date"}, "pmkb new: flag needs an argument: --date\n"},
		{[]string{"build", "--drafts=maybe"}, `pmkb build: invalid boolean value "maybe" for --drafts: `},
	} {
		code, out, errOut := pmkb(t, tt.args...)
		help := "\nRun \"pmkb help " + tt.args[0] + "\" for its flags.\n"
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, tt.want) || !strings.HasSuffix(errOut, help) || strings.Count(errOut, "\n") != 2 {
			t.Errorf("%q: exit %d\nstdout:\n%s\nstderr:\n%s\nwant the stderr to start with %q, then %q", tt.args, code, out, errOut, tt.want, help)
		}
	}
	_, want, _ := pmkb(t, "version")
	for _, arg := range []string{"--version", "-version", "-v"} {
		if code, out, errOut := pmkb(t, arg); code != 0 || out != want || errOut != "" {
			t.Errorf("pmkb %s: exit %d, %q %q; want %q", arg, code, out, errOut, want)
		}
	}
}

// TestSourceInsideSiteHint proves that a --source naming the site's
// content folder, or its postmortems folder, gets the site's folder in
// the hint instead of the first-run advice to start a postmortem.
func TestSourceInsideSiteHint(t *testing.T) {
	pm := "---\ntitle: A\ndate: 2024-02-03\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n---\n"
	root := site(t, map[string]string{"content/postmortems/a.md": pm})
	t.Chdir(root)
	for _, tt := range []struct{ source, want string }{
		{"content", "pass --source ., the site's folder"},
		{filepath.Join("content", "postmortems"), "pass --source ., the site's folder"},
		{filepath.Join(root, "content"), "pass --source " + root + ", the site's folder"},
	} {
		for _, cmd := range []string{"build", "lint", "actions"} {
			code, _, errOut := pmkb(t, cmd, "--source", tt.source)
			if code != exitUsage || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "pmkb new") {
				t.Errorf("%s --source %s: exit %d, stderr:\n%s\nwant %q", cmd, tt.source, code, errOut, tt.want)
			}
		}
	}
}

// TestBuildInsideASite: pmkb build reads the current folder only, so run
// in a folder of a site it names the site's folder to cd to, where it told
// the user to start a new site (QA 12 F16).
func TestBuildInsideASite(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/a.md": "---\ntitle: A\ndate: 2024-02-01\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n---\n"})
	t.Chdir(filepath.Join(root, "content", "postmortems", "2024"))
	code, _, errOut := pmkb(t, "build")
	up := filepath.Join("..", "..", "..")
	want := "pmkb build runs in the site's folder (the one with content/postmortems): cd " + up + ", or pass --source " + up + "\n"
	if code != exitUsage || !strings.Contains(errOut, want) || strings.Contains(errOut, "pmkb new") {
		t.Errorf("build in content/postmortems/2024: exit %d, stderr:\n%s\nwant %q", code, errOut, want)
	}
}

// TestFirstRunHint proves a folder without content/postmortems gets a
// hint instead of a raw stat error, and that a failed build does not
// claim to leave untouched a destination that does not exist (QA 4 #22).
func TestFirstRunHint(t *testing.T) {
	empty := t.TempDir()
	t.Chdir(empty)
	for _, args := range [][]string{{"build"}, {"actions"}, {"stats"}, {"search", "dns"}} {
		code, out, errOut := pmkb(t, args...)
		want := "pmkb: no " + filepath.FromSlash("content/postmortems") + " here: run `pmkb new \"Title\"` to start the first postmortem, or pass --source"
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, want) || strings.Contains(errOut, "stat ") || strings.Contains(errOut, "untouched") {
			t.Errorf("%q in an empty folder: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, out, errOut)
		}
	}
	for _, made := range []string{"public", ".pmkb-cache"} {
		if _, err := os.Stat(filepath.Join(empty, made)); err == nil {
			t.Errorf("%s/ was made", made)
		}
	}

	// A first build that fails publishes nothing and says so.
	bad := "---\ntitle: Broken\ndate: 2024-02-30\nseverity: SEV2\nsystems: [a]\ncauses: [b]\n---\n"
	root := site(t, map[string]string{"content/postmortems/bad.md": bad})
	code, _, errOut := pmkb(t, "build", "--source", root)
	if code != exitContent || !strings.Contains(errOut, "; nothing was published\n") {
		t.Errorf("first failed build: exit %d\n%s", code, errOut)
	}
	// Once there is a site, a failed build names it as left untouched.
	if err := os.MkdirAll(filepath.Join(root, "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = pmkb(t, "build", "--source", root)
	if code != exitContent || !strings.Contains(errOut, "; "+filepath.Join(root, "public")+" left untouched\n") {
		t.Errorf("failed build over a site: exit %d\n%s", code, errOut)
	}
}
