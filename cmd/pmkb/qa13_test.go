package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestActionsSpacedValue checks that a name of several words given to
// --owner, --team or --system without quotes is told to take quotes, with
// the words it was given, not only that actions takes no arguments (QA 13
// F2: the hint names "Checkout API", and --system Checkout API, typed
// from it, left API a stray argument).
func TestActionsSpacedValue(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--system", "Checkout", "API"}, `pmkb: actions takes no arguments, got ["API"]; quote a value with spaces: --system "Checkout API"` + "\n"},
		{[]string{"--overdue", "--team=SRE", "チーム", "on", "call", "--owner", "mei"}, `pmkb: actions takes no arguments, got ["チーム" "on" "call"]; quote a value with spaces: --team "SRE チーム on call"` + "\n"},
		{[]string{"-owner", "Mei", "Tanaka"}, `pmkb: actions takes no arguments, got ["Tanaka"]; quote a value with spaces: --owner "Mei Tanaka"` + "\n"},
		// Not after a name flag: no guess.
		{[]string{"stray", "--system", "search-api"}, `pmkb: actions takes no arguments, got ["stray"]` + "\n"},
		{[]string{"--overdue", "stray"}, `pmkb: actions takes no arguments, got ["stray"]` + "\n"},
	} {
		code, out, errOut := pmkb(t, append([]string{"actions", "--source", root}, tt.args...)...)
		if code != exitUsage || out != "" || errOut != tt.want {
			t.Errorf("actions %q: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", tt.args, code, out, errOut, tt.want)
		}
	}
}

// TestOutputFormats checks that every command that prints data takes
// --json, and that "text" and "table" name one command's human format as
// the other's (QA 13 F7: lint --json and actions --json were unknown
// flags, actions --format text and search --format table errors).
func TestOutputFormats(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/disk.md": okPM})
	for _, c := range []struct {
		cmd   []string
		human string // the command's name for its human format
	}{
		{[]string{"lint"}, "text"},
		{[]string{"actions"}, "table"},
		{[]string{"search", "disk"}, "text"},
		{[]string{"stats"}, "text"},
	} {
		run := func(flags ...string) (int, string, string) {
			args := append([]string{c.cmd[0], "--source", root}, flags...)
			return pmkb(t, append(args, c.cmd[1:]...)...)
		}
		for _, flags := range [][]string{{"--json"}, {"--format", "json"}, {"--format=json", "--json"}, {"--format", "JSON"}} {
			if code, out, errOut := run(flags...); code != 0 || !json.Valid([]byte(out)) {
				t.Errorf("%s %s: exit %d, not JSON:\n%s\n%s", c.cmd[0], flags, code, out, errOut)
			}
		}
		_, human, _ := run()
		for _, flags := range [][]string{{"--format", "text"}, {"--format", "table"}, {"--format", "Table"}} {
			if code, out, errOut := run(flags...); code != 0 || out != human {
				t.Errorf("%s %s: exit %d, want what %s prints without --format:\n%s\n%s", c.cmd[0], flags, code, c.cmd[0], out, errOut)
			}
		}
		for _, tt := range []struct {
			flags []string
			want  string
		}{
			{[]string{"--format", "tabel", "--json"}, fmt.Sprintf("; did you mean %q?", c.human)},
			{[]string{"--format", c.human, "--json"}, "pmkb: --json contradicts --format " + c.human + "\n"},
			// The other command's name for the human format, as typed.
			{[]string{"--format", "Text", "--json"}, "pmkb: --json contradicts --format Text\n"},
			{[]string{"--format", "TABLE", "--json"}, "pmkb: --json contradicts --format TABLE\n"},
		} {
			if code, out, errOut := run(tt.flags...); code != exitUsage || out != "" || !strings.Contains(errOut, tt.want) {
				t.Errorf("%s %s: exit %d, stderr:\n%s\nwant %q", c.cmd[0], tt.flags, code, errOut, tt.want)
			}
		}
	}
	// A third format is no human one: --json beside it contradicts it.
	if code, _, errOut := pmkb(t, "actions", "--source", root, "--format", "csv", "--json"); code != exitUsage || errOut != "pmkb: --json contradicts --format csv\n" {
		t.Errorf("actions --format csv --json: exit %d\n%s", code, errOut)
	}
}

// TestStatsTop checks pmkb stats --top: the long lists show N rows and a
// line that says how many more and how to see them, 0 shows them all, a
// negative count is a usage error, and no line ends in spaces (QA 13 F9).
func TestStatsTop(t *testing.T) {
	files := map[string]string{}
	for i, cause := range []string{"disk-full", "capacity", "dns", "bad-deploy"} {
		pm := strings.Replace(okPM, "causes: [disk-full]", "causes: ["+cause+"]", 1)
		files[fmt.Sprintf("content/postmortems/p%d.md", i)] = strings.Replace(pm, "date: 2024-01-18", fmt.Sprintf("date: 2024-01-1%d", i), 1)
	}
	root := site(t, files)
	for _, tt := range []struct {
		args    []string
		causes  int
		moreTxt string
	}{
		{nil, 4, ""},
		{[]string{"--top", "2"}, 2, "  … 2 more (--top 0 shows all)\n"},
		{[]string{"--top=0"}, 4, ""},
	} {
		code, out, errOut := pmkb(t, append([]string{"stats", "--source", root, "--today", "2024-06-01"}, tt.args...)...)
		if code != 0 {
			t.Fatalf("stats %q: exit %d\n%s", tt.args, code, errOut)
		}
		causes := out[strings.Index(out, "\nCauses"):]
		causes = causes[:strings.Index(causes[1:], "\n\n")+2]
		if n := strings.Count(causes, "%\n"); n != tt.causes || tt.moreTxt != "" && !strings.HasSuffix(causes, tt.moreTxt) || tt.moreTxt == "" && strings.Contains(causes, "more") {
			t.Errorf("stats %q: %d causes listed, want %d and %q:\n%s", tt.args, n, tt.causes, tt.moreTxt, causes)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("stats %q: a line ends in spaces: %q", tt.args, line)
			}
		}
	}
	if code, _, errOut := pmkb(t, "stats", "--source", root, "--top", "-1"); code != exitUsage || errOut != "pmkb: --top -1: want 0 (all) or more\n" {
		t.Errorf("stats --top -1: exit %d\n%s", code, errOut)
	}
}

// TestNotifyBadWebhook checks that a webhook that is no http(s) URL, from
// the flag or the environment, is a usage error (exit 2) found before the
// site is read, with no note before it and without the value, a secret
// (QA 13 F12: exit 1, after the note about links).
func TestNotifyBadWebhook(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	const want = " is not an http(s) URL (want the Slack incoming-webhook URL, https://hooks.slack.com/services/…)\n"
	for _, hook := range []string{"not a url", "hooks.slack.com/services/T0/B0/secretpart", "ftp://x/secretpart"} {
		code, out, errOut := pmkb(t, "notify", "--source", root, "--slack-webhook", hook)
		if code != exitUsage || out != "" || errOut != "pmkb: --slack-webhook"+want {
			t.Errorf("--slack-webhook %q: exit %d, stdout %q, stderr %q", hook, code, out, errOut)
		}
		e, stdout, stderr := testEnv()
		e.getenv = func(k string) string {
			if k == "PMKB_SLACK_WEBHOOK" {
				return hook
			}
			return ""
		}
		if code := e.dispatch(context.Background(), []string{"notify", "--source", root}); code != exitUsage || stdout.Len() > 0 || stderr.String() != "pmkb: $PMKB_SLACK_WEBHOOK"+want {
			t.Errorf("$PMKB_SLACK_WEBHOOK=%q: exit %d, stdout %q, stderr %q", hook, code, stdout, stderr)
		}
		// --dry-run posts nothing, so a placeholder in the environment
		// (or the flag) does not stop it (review of f79aa23).
		stdout.Reset()
		stderr.Reset()
		if code := e.dispatch(context.Background(), []string{"notify", "--source", root, "--dry-run", "--today", "2024-01-01"}); code != exitOK || stderr.Len() > 0 {
			t.Errorf("$PMKB_SLACK_WEBHOOK=%q --dry-run: exit %d, stdout %q, stderr %q", hook, code, stdout, stderr)
		}
	}
}

// TestLintPathOutsideSite checks that a path outside the site is named
// with the folder postmortems are in and the site's absolute path, not
// "the site ." (QA 13 F12).
func TestLintPathOutsideSite(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	outside := filepath.Join(t.TempDir(), "hostname")
	if err := os.WriteFile(outside, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	want := "pmkb: " + outside + " is outside this site's content/postmortems/ (the site is " + abs + ")\n"
	if code, out, errOut := pmkb(t, "lint", "--source", root, outside); code != exitUsage || out != "" || errOut != want {
		t.Errorf("lint %s: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", outside, code, out, errOut, want)
	}
}

// TestJSONNotHTMLEscaped checks that the JSON every command prints holds
// <, > and & as they are, not as encoding/json's \u003c escapes for HTML
// (QA 13 F12), and still decodes to the same strings.
func TestJSONNotHTMLEscaped(t *testing.T) {
	pm := strings.NewReplacer(
		"title: Search index disk filled up", `title: "Disk <full> & slow"`,
		"teams: [search]", `teams: ["R&D"]`,
		"title: Alert at 80% disk", `title: "Alert at <80%> & page"`,
	).Replace(okPM)
	root := site(t, map[string]string{"content/postmortems/disk.md": pm})
	// lint's messages quote a bad value.
	bad := site(t, map[string]string{"content/postmortems/disk.md": strings.Replace(okPM, "severity: SEV2", `severity: "<SEV9> & up"`, 1)})
	for _, c := range []struct {
		root string
		args []string
		want string // a string of the output as JSON decodes it
	}{
		{root, []string{"search", "--json", "disk"}, "Disk <full> & slow"},
		{root, []string{"actions", "--json"}, "Alert at <80%> & page"},
		{root, []string{"stats", "--json"}, "R&D"},
		{bad, []string{"lint", "--json"}, "<SEV9> & up"},
	} {
		_, out, errOut := pmkb(t, append([]string{c.args[0], "--source", c.root}, c.args[1:]...)...)
		var doc any
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Errorf("%q: not JSON (%v):\n%s\n%s", c.args, err, out, errOut)
			continue
		}
		decoded, _ := json.Marshal(doc) // HTML-escaped again
		if strings.Contains(out, `\u00`) || !strings.Contains(string(decoded), strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(c.want)) {
			t.Errorf("%q: want %q unescaped:\n%s", c.args, c.want, out)
		}
	}
}

// TestUnescapeHTML checks unescapeHTML on the escapes encoding/json
// writes, an escaped backslash before the text u003c, and other escapes.
func TestUnescapeHTML(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`{"a":"\u003cimg\u003e \u0026amp;"}`, `{"a":"<img> &amp;"}`},
		{`{"a":"\\u003c"}`, `{"a":"\\u003c"}`},
		{`{"a":"\\\u003c"}`, `{"a":"\\<"}`},
		{`{"a":"\"\u2028\n\u00e9"}`, `{"a":"\"\u2028\n\u00e9"}`},
		{`["\u003C"]`, `["\u003C"]`}, // encoding/json writes lower case only
		{`{"a":"x"}`, `{"a":"x"}`},
	} {
		got := string(unescapeHTML([]byte(tt.in)))
		if got != tt.want {
			t.Errorf("unescapeHTML(%s) = %s, want %s", tt.in, got, tt.want)
		}
		var a, b any
		if json.Unmarshal([]byte(tt.in), &a) != nil || json.Unmarshal([]byte(got), &b) != nil || fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("unescapeHTML(%s) = %s decodes otherwise", tt.in, got)
		}
	}
}

// TestSearchNothingFoundExit checks that pmkb search exits 1 when nothing
// matches, as grep does, saying so on stderr, and that --json still prints
// its document (QA 13 F3); a search that finds something exits 0, and
// its text in a pipe has no escapes.
func TestSearchNothingFoundExit(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/disk.md": okPM})
	code, out, errOut := pmkb(t, "search", "--source", root, "zzqqxx")
	// The hint names the word no postmortem has (QA 16 C-F1).
	if code != exitContent || out != "" || errOut != "no postmortem matches \"zzqqxx\"\nhint: no postmortem has the word \"zzqqxx\"\n" {
		t.Errorf("zzqqxx: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = pmkb(t, "search", "--source", root, "--json", "zzqqxx")
	var doc struct{ Total *int }
	if code != exitContent || errOut != "" || json.Unmarshal([]byte(out), &doc) != nil || doc.Total == nil || *doc.Total != 0 {
		t.Errorf("--json zzqqxx: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = pmkb(t, "search", "--source", root, "disk")
	if code != exitOK || !strings.Contains(out, "The disk filled up.") || strings.Contains(out, "\x1b") || errOut != "" {
		t.Errorf("disk: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestSearchStyle checks when pmkb search wraps and marks in bold: on a
// terminal, bold unless $NO_COLOR is set (to anything) or $TERM is dumb;
// in a file or a pipe (width 0), neither.
func TestSearchStyle(t *testing.T) {
	for _, tt := range []struct {
		width int
		env   map[string]string
		bold  bool
	}{
		{80, nil, true},
		{80, map[string]string{"NO_COLOR": "1"}, false},
		{80, map[string]string{"TERM": "dumb"}, false},
		{80, map[string]string{"TERM": "xterm-256color"}, true},
		{0, nil, false},
	} {
		got := searchStyle(tt.width, func(k string) string { return tt.env[k] })
		if got.Width != tt.width || got.Bold != tt.bold {
			t.Errorf("width %d, env %v: %+v, want bold %v", tt.width, tt.env, got, tt.bold)
		}
	}
}

// TestStatsNoNoteBeforeUsageError checks that the note about a today
// fixed in pmkb.toml is not printed above a usage error it has nothing to
// do with (QA 13 F12), and still comes with the figures.
func TestStatsNoNoteBeforeUsageError(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM, "pmkb.toml": "today = \"2026-03-01\"\n"})
	code, out, errOut := pmkb(t, "stats", "--source", root, "--severities", "SEV9")
	if code != exitUsage || out != "" || strings.Contains(errOut, "note:") || !strings.HasPrefix(errOut, "pmkb: --severities: ") {
		t.Errorf("stats --severities SEV9: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := pmkb(t, "stats", "--source", root); code != exitOK || !strings.HasPrefix(errOut, "note: today is fixed to 2026-03-01") {
		t.Errorf("stats: exit %d, stderr %q, want the note", code, errOut)
	}
}
