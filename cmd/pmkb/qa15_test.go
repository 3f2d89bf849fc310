package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestNotifySiteURL proves pmkb notify refuses a --site-url that is not an
// absolute http(s) URL, before it reads the site, as it refuses such a
// --slack-webhook (QA 15 D-F12: --site-url foo or /pm/ gave Slack links
// <foo/actions/|…> that go nowhere, with exit 0 and no note).
func TestNotifySiteURL(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	const refused = "is not an absolute http(s) URL: Slack opens the digest's links from anywhere, so they need the published site's full address, e.g. https://kb.example.com/pm/\n"
	const alone = "must be the site's address alone, without a user, password, query or fragment, e.g. https://kb.example.com/pm/\n"
	for _, tt := range []struct {
		url    string
		code   int
		stdout string // in stdout when 0
		stderr string // all of stderr
	}{
		{"https://kb.example.com/pm/", exitOK, "<https://kb.example.com/pm/postmortems/disk/#item-", ""},
		{"http://intranet/pm", exitOK, "<http://intranet/pm/postmortems/disk/#item-", ""},
		{"foo", exitUsage, "", `pmkb: --site-url "foo" ` + refused},
		{"/pm/", exitUsage, "", `pmkb: --site-url "/pm/" ` + refused},
		{"kb.example.com/pm/", exitUsage, "", `pmkb: --site-url "kb.example.com/pm/" ` + refused},
		{"https:/pm/", exitUsage, "", `pmkb: --site-url "https:/pm/" ` + refused},
		{"ftp://kb.example.com/", exitUsage, "", `pmkb: --site-url "ftp://kb.example.com/" ` + refused},
		// Page paths go after it: no query, fragment or password (QA 15
		// regression pass, a-9, a-10).
		{"https://kb.example.com/pm/?x=1", exitUsage, "", `pmkb: --site-url "https://kb.example.com/pm/?x=1" ` + alone},
		{"https://kb.example.com/pm/#top", exitUsage, "", `pmkb: --site-url "https://kb.example.com/pm/#top" ` + alone},
		{"https://ana:hunter2@kb.example.com/pm/", exitUsage, "", `pmkb: --site-url "https://ana:xxxxx@kb.example.com/pm/" ` + alone},
	} {
		code, out, errOut := pmkb(t, "notify", "--source", root, "--dry-run", "--site-url", tt.url)
		if code != tt.code || errOut != tt.stderr || !strings.Contains(out, tt.stdout) {
			t.Errorf("--site-url %q: exit %d, want %d\nstdout:\n%s\nstderr: %q\nwant:   %q", tt.url, code, tt.code, out, errOut, tt.stderr)
		}
	}
}

// TestSearchHelpNamesEveryJSONKey proves pmkb help search names every key
// pmkb search --json prints, at the top and in a hit (QA 15 D-F9: the
// help left out "hints", which an OR query prints).
func TestSearchHelpNamesEveryJSONKey(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/2024/disk.md": okPM,
		// Not searched for its error: "unread".
		"content/postmortems/2024/bad.md": strings.Replace(okPM, "severity: SEV2", "severity: [SEV2", 1),
	})
	_, help, _ := pmkb(t, "help", "search")
	keys := map[string]bool{}
	for _, q := range []string{"disk OR tls", "disk"} {
		_, out, errOut := pmkb(t, "search", "--source", root, "--cache", t.TempDir(), "--json", q)
		var doc map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("search --json %q: %v\n%s\n%s", q, err, out, errOut)
		}
		for k := range doc {
			keys[k] = true
		}
		var hits []map[string]any
		if err := json.Unmarshal(doc["hits"], &hits); err != nil {
			t.Fatalf("search --json %q: hits: %v", q, err)
		}
		for _, h := range hits {
			for k := range h {
				keys[k] = true
			}
		}
	}
	for _, k := range []string{"query", "hits", "hints", "unread", "snippet"} {
		if !keys[k] {
			t.Errorf("search --json printed no %q: the test's queries no longer show every key", k)
		}
	}
	for k := range keys {
		if !strings.Contains(help, `"`+k+`"`) {
			t.Errorf("pmkb help search does not name the JSON key %q:\n%s", k, help)
		}
	}
}

// TestNewHelpSeverityDefault proves pmkb help new says what --severity
// defaults to on a site without SEV3, the level pmkb new then writes
// (QA 15 D-F8: the help said "(default SEV3)" and a P1…P5 site got P5).
func TestNewHelpSeverityDefault(t *testing.T) {
	_, help, _ := pmkb(t, "help", "new")
	if want := "(default SEV3, or the site's least severe level when it has no SEV3)"; !strings.Contains(help, want) {
		t.Errorf("pmkb help new lacks %q:\n%s", want, help)
	}
	var levels strings.Builder
	for _, l := range []string{"P1", "P2", "P3"} {
		levels.WriteString("[[severities]]\nlevel = \"" + l + "\"\n")
	}
	for _, tt := range []struct{ config, want string }{
		{"", "\nseverity: \"SEV3\"\n"},
		{levels.String(), "\nseverity: \"P3\"\n"},
	} {
		root := site(t, map[string]string{"pmkb.toml": tt.config})
		code, out, errOut := pmkb(t, "new", "--source", root, "Disk full")
		if code != 0 {
			t.Fatalf("new: exit %d\n%s", code, errOut)
		}
		if data := readCreated(t, out); !strings.Contains(data, tt.want) {
			t.Errorf("new on a site with %q: want %q in\n%s", tt.config, tt.want, data)
		}
	}
}

// TestNewIDNotADay proves pmkb new refuses an --id that starts with a day
// that is none, as it refuses such a --date, and writes nothing (QA 15
// D-F7: --id 2024-02-30-x wrote content/postmortems/2026/2024-02-30-x.md
// dated today, exit 0). An id that does not start like a day is an id
// like any other.
func TestNewIDNotADay(t *testing.T) {
	for _, tt := range []struct {
		id     string
		code   int
		stderr string // all of it, when refused
	}{
		{"2024-02-30-x", exitUsage, `pmkb: the id "2024-02-30-x" starts with 2024-02-30, which is not a day (February 2024 has 29 days); correct the day, or start the id with a letter` + "\n"},
		{"2023-02-29-leap", exitUsage, `pmkb: the id "2023-02-29-leap" starts with 2023-02-29, which is not a day (February 2023 has 28 days); correct the day, or start the id with a letter` + "\n"},
		{"2024-04-31", exitUsage, `pmkb: the id "2024-04-31" starts with 2024-04-31, which is not a day (April 2024 has 30 days); correct the day, or start the id with a letter` + "\n"},
		{"2024-00-10-x", exitUsage, `pmkb: the id "2024-00-10-x" starts with 2024-00-10, which is not a day (a month is 01 to 12); correct the day, or start the id with a letter` + "\n"},
		{"2024-02-29-leap", exitOK, ""},
		{"2024-1-2-not-a-day", exitOK, ""},
		{"20240230-x", exitOK, ""},
		{"2024-02-3x-y", exitOK, ""},
	} {
		root := site(t, map[string]string{"pmkb.toml": ""})
		code, out, errOut := pmkb(t, "new", "--source", root, "--id", tt.id, "X")
		if code != tt.code || (tt.code != exitOK && (errOut != tt.stderr || out != "")) {
			t.Errorf("new --id %s: exit %d, want %d\nstdout: %q\nstderr: %q\nwant:   %q", tt.id, code, tt.code, out, errOut, tt.stderr)
		}
		if tt.code != exitOK {
			if _, err := os.Stat(filepath.Join(root, "content")); err == nil {
				t.Errorf("new --id %s: refused, yet wrote content/", tt.id)
			}
		}
	}
}

// TestLintRulesFormats proves pmkb lint --rules honours --json and
// --format json, listing the rules the text lists, and refuses --format
// github, which is for problems, instead of printing the text table (QA 15
// D-F5: --rules --json printed the text, exit 0).
func TestLintRulesFormats(t *testing.T) {
	code, text, errOut := pmkb(t, "lint", "--rules")
	if code != exitOK {
		t.Fatalf("lint --rules: exit %d\n%s", code, errOut)
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		ids = append(ids, strings.Fields(l)[0])
	}
	if _, again, _ := pmkb(t, "lint", "--rules", "--format", "text"); again != text {
		t.Errorf("lint --rules --format text differs from lint --rules:\n%s", again)
	}
	for _, args := range [][]string{{"--json"}, {"--format", "json"}, {"--format", "JSON"}} {
		code, out, errOut := pmkb(t, append([]string{"lint", "--rules"}, args...)...)
		var doc struct {
			Rules []struct{ ID, Severity, Doc string }
		}
		if err := json.Unmarshal([]byte(out), &doc); code != exitOK || err != nil {
			t.Errorf("lint --rules %q: exit %d, %v\n%s\n%s", args, code, err, out, errOut)
			continue
		}
		var got []string
		for _, r := range doc.Rules {
			got = append(got, r.ID)
			if r.Severity != "warning" && r.Severity != "error" || r.Doc == "" {
				t.Errorf("lint --rules %q: rule %+v", args, r)
			}
		}
		if strings.Join(got, " ") != strings.Join(ids, " ") {
			t.Errorf("lint --rules %q lists\n%q\nthe text lists\n%q", args, got, ids)
		}
		if !strings.Contains(out, `"id": "blameless/`) {
			t.Errorf("lint --rules %q: want indented JSON as lint --json prints:\n%.300s", args, out)
		}
	}
	want := "pmkb: lint --rules prints the rules as text or json; --format github is for problems\n"
	if code, out, errOut := pmkb(t, "lint", "--rules", "--format", "github"); code != exitUsage || out != "" || errOut != want {
		t.Errorf("lint --rules --format github: exit %d, stdout %q, stderr %q; want 2, %q", code, out, errOut, want)
	}
}

// TestBuildConflictAdvice proves that a build refused for files pmkb did
// not write advises the flags, as typed, that let a build replace them
// there, and that following the advice publishes (QA 15 D-F11: "publish
// with the clean option" led, in a folder pmkb never built, to a second
// refusal asking for --force).
func TestBuildConflictAdvice(t *testing.T) {
	const (
		cleanForce = "move them away, or build again with --clean --force to replace them, deleting every file here pmkb did not write (dot paths are kept); "
		clean      = "move them away, or build again with --clean to replace them, deleting every file here pmkb did not write (dot paths are kept); "
	)
	second := strings.Replace(okPM, "title: Search index disk filled up", "title: Second disk", 1)
	for _, tt := range []struct {
		name    string
		built   bool   // pmkb built the destination before the foreign file came
		foreign string // the file in the way, under the destination
		advice  string
		follow  []string // the flags the advice names
	}{
		{"never built", false, "index.html", cleanForce, []string{"--clean", "--force"}},
		{"built before", true, "postmortems/second/index.html", clean, []string{"--clean"}},
	} {
		root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
		dest := filepath.Join(t.TempDir(), "site")
		if tt.built {
			if code, _, errOut := pmkb(t, "build", "--source", root, "--destination", dest); code != exitOK {
				t.Fatalf("%s: first build: exit %d\n%s", tt.name, code, errOut)
			}
		}
		p := filepath.Join(dest, filepath.FromSlash(tt.foreign))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("mine\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "content/postmortems/2024/second.md"), []byte(second), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := pmkb(t, "build", "--source", root, "--destination", dest)
		if code != exitUsage || !strings.Contains(errOut, "\n"+tt.advice+dest+" left untouched\n") || strings.Contains(errOut, "option") {
			t.Errorf("%s: exit %d, want %d and %q in\n%s", tt.name, code, exitUsage, tt.advice, errOut)
		}
		if len(tt.follow) == 2 {
			// The advice names --force because --clean alone is refused.
			if code, _, errOut := pmkb(t, "build", "--source", root, "--destination", dest, "--clean"); code != exitUsage {
				t.Errorf("%s: --clean alone: exit %d, want %d\n%s", tt.name, code, exitUsage, errOut)
			}
		}
		if code, _, errOut := pmkb(t, append([]string{"build", "--source", root, "--destination", dest}, tt.follow...)...); code != exitOK {
			t.Errorf("%s: build %q, as advised: exit %d\n%s", tt.name, tt.follow, code, errOut)
		}
	}
}

// TestCleanAdvice proves the advice leaves the flags out where no flag
// lets a build clean the folder: right inside a system folder.
func TestCleanAdvice(t *testing.T) {
	const dest = "/tmp/pmkb-qa15-never-made"
	if _, err := os.Stat(dest); err == nil {
		t.Skipf("%s exists", dest)
	}
	if got, want := cleanAdvice(dest, generator.PublishOptions{}), "or publish to another folder"; got != want {
		t.Errorf("cleanAdvice(%s) = %q, want %q", dest, got, want)
	}
}

// TestActionsCSVCannotDriveTheTerminal proves pmkb actions --format csv
// writes no escape sequence or other control character from a postmortem,
// to a terminal or a pipe alike, as the table does not (QA 15 A-F5: the
// CSV passed ESC and BEL through, CSI colours and OSC 0 window titles).
func TestActionsCSVCannotDriveTheTerminal(t *testing.T) {
	evil := strings.Replace(okPM, "  - title: Alert at 80% disk\n    owner: mei",
		"  - title: \"zebra \\u001b[41mBG\\u001b[0m \\u001b]0;TITLE\\u0007 \\u202eevil\"\n    owner: \"own\\u001b[32mer\"", 1)
	if evil == okPM {
		t.Fatal("the fixture did not change")
	}
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": evil})
	code, out, errOut := pmkb(t, "actions", "--source", root, "--format", "csv")
	if code != exitOK {
		t.Fatalf("actions --format csv: exit %d\n%s", code, errOut)
	}
	for i, r := range strings.ReplaceAll(out, "\r\n", "\n") {
		if r != '\n' && r != '\t' && (r < 0x20 || 0x7f <= r && r < 0xa0) || r == '\u202e' {
			t.Errorf("the CSV holds %U at byte %d:\n%q", r, i, out)
		}
	}
	// The loader closes the override at the title's end (a U+202C,
	// model.BalanceBidi), which the CSV writes as U+FFFD too.
	for _, want := range []string{"\uFEFFkey,postmortem,", ",zebra \uFFFD[41mBG\uFFFD[0m \uFFFD]0;TITLE\uFFFD \uFFFDevil\uFFFD,own\uFFFD[32mer,2024-02-01,"} {
		if !strings.Contains(out, want) {
			t.Errorf("the CSV lacks %q:\n%q", want, out)
		}
	}
}

// TestLintRulesSiteGrades checks that pmkb lint --rules shows the grade
// the site's [lint] rules give each rule, with the default beside a
// re-graded one, in text and JSON, and that a misspelt rule is reported
// with exit 1 (QA 15 D-F5: --rules listed blameless/* as warning on a
// site that made them errors, so a user could not check a re-grade).
func TestLintRulesSiteGrades(t *testing.T) {
	root := site(t, map[string]string{"pmkb.toml": "[lint]\nrules = { \"blameless\" = \"error\", \"pii/phone\" = \"off\" }\n"})
	code, out, errOut := pmkb(t, "lint", "--rules", "--source", root)
	if code != exitOK {
		t.Fatalf("lint --rules: exit %d\n%s", code, errOut)
	}
	grades := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(l)
		grades[f[0]] = strings.Join(f[1:min(len(f), 4)], " ")
	}
	for id, want := range map[string]string{
		"blameless/blame": "error (default warning)",
		"pii/phone":       "off (default warning)",
	} {
		if got := grades[id]; got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	if g := grades["pii/email"]; strings.Contains(g, "default") {
		t.Errorf("pii/email, not re-graded: %q", g)
	}
	code, out, errOut = pmkb(t, "lint", "--rules", "--json", "--source", root)
	var doc struct {
		Rules []struct{ ID, Severity, Default string }
	}
	if err := json.Unmarshal([]byte(out), &doc); code != exitOK || err != nil {
		t.Fatalf("lint --rules --json: exit %d, %v\n%s", code, err, errOut)
	}
	for _, r := range doc.Rules {
		if r.ID == "blameless/blame" && (r.Severity != "error" || r.Default != "warning") {
			t.Errorf("JSON: %+v, want severity error, default warning", r)
		}
	}
	if code, _, errOut := pmkb(t, "lint", "--rules", "--source", filepath.Join(root, "nope")); code != exitUsage || !strings.Contains(errOut, "no such folder") {
		t.Errorf("--rules with a --source that does not exist: exit %d, stderr %q; want 2", code, errOut)
	}
	bad := site(t, map[string]string{"pmkb.toml": "[lint]\nrules = { \"blamless\" = \"error\" }\n"})
	code, _, errOut = pmkb(t, "lint", "--rules", "--source", bad)
	if code != exitContent || !strings.Contains(errOut, "pmkb.toml:2: error:") || !strings.Contains(errOut, "blamless") {
		t.Errorf("a misspelt rule: exit %d, stderr %q; want 1 and the error at pmkb.toml:2", code, errOut)
	}
}

// TestThemeWarningPath checks that a warning about a theme folder's file
// names it as --theme named the folder: an absolute --theme lost its
// leading slash, being taken for a path inside the site (the lint
// engineer's note, QA 15).
func TestThemeWarningPath(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	theme := t.TempDir()
	if err := os.MkdirAll(filepath.Join(theme, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(theme, "i18n", "en.json"), []byte("{\n\"nav.postmortem\": \"X\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := pmkb(t, "build", "--source", root, "--theme", theme, "--destination", filepath.Join(t.TempDir(), "public"))
	want := filepath.Join(theme, "i18n", "en.json") + ":2: warning: "
	if code != exitOK || !strings.HasPrefix(errOut, want) && !strings.Contains(errOut, "\n"+want) {
		t.Errorf("exit %d, stderr:\n%s\nwant a line starting %q", code, errOut, want)
	}
}
