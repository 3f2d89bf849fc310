package main

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestNewWritesTheSiteZone proves pmkb new names the site's timeZone
// above the timeline, in both templates (QA 14 A-F2: a Tokyo site got
// "All times UTC." and a UTC site "時刻はすべて JST。").
func TestNewWritesTheSiteZone(t *testing.T) {
	for _, tt := range []struct {
		config string
		args   []string
		want   []string
	}{
		{"", []string{"Disk full"}, []string{"\nAll times UTC.\n", "e.g. 2026-11-27T09:12:00Z;"}},
		{"", []string{"--lang", "ja", "決済障害"}, []string{"\n時刻はすべて UTC。\n"}},
		{"timeZone = \"Asia/Tokyo\"\n", []string{"Tz test two"}, []string{"\nAll times JST (Asia/Tokyo).\n", "e.g. 2026-11-27T09:12:00+09:00;"}},
		{"timeZone = \"Asia/Tokyo\"\nlanguage = \"ja\"\n", []string{"決済障害"}, []string{"\n時刻はすべて JST（Asia/Tokyo）。\n"}},
	} {
		root := site(t, map[string]string{"pmkb.toml": tt.config})
		code, out, errOut := pmkb(t, append([]string{"new", "--source", root}, tt.args...)...)
		if code != 0 {
			t.Errorf("%q %q: exit %d\n%s", tt.config, tt.args, code, errOut)
			continue
		}
		data := readCreated(t, out)
		for _, w := range tt.want {
			if !strings.Contains(data, w) {
				t.Errorf("%q %q: want %q in\n%s", tt.config, tt.args, w, data)
			}
		}
	}
}

// TestNewIDWithADate proves an --id that starts with a day sets date:
// and the year folder, so the file pmkb new writes has no warning of its
// own lint (dates/file-name), and that an --id and a --date that disagree
// are refused, naming both (QA 14 A-F8: --id 2024-03-01-old-one wrote
// content/postmortems/2026/ with today's date:).
func TestNewIDWithADate(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		code   int
		file   string // under content/postmortems
		date   string
		stderr string
	}{
		{[]string{"--id", "2024-03-01-old-one", "Old one"}, 0, "2024/2024-03-01-old-one.md", "2024-03-01", ""},
		{[]string{"--id", "2026-11-01-foo", "Foo"}, 0, "2026/2026-11-01-foo.md", "2026-11-01", ""},
		{[]string{"--id", "2024-03-01-same", "--date", "2024-03-01", "Same"}, 0, "2024/2024-03-01-same.md", "2024-03-01", ""},
		{[]string{"--id", "checkout-down", "Checkout down"}, 0, "2026/checkout-down.md", "2026-11-27", ""},
		{[]string{"--id", "checkout-later", "--date", "2025-01-02", "Checkout later"}, 0, "2025/checkout-later.md", "2025-01-02", ""},
		// Not a day: an id like any other.
		{[]string{"--id", "2024-1-x", "X"}, 0, "2026/2024-1-x.md", "2026-11-27", ""},
		// Written as a day that is none: refused (QA 15 D-F7, see
		// TestNewIDNotADay).
		{[]string{"--id", "2024-13-01-x", "X"}, exitUsage, "", "", `pmkb: the id "2024-13-01-x" starts with 2024-13-01, which is not a day`},
		{[]string{"--id", "2024-03-01-x", "--date", "2024-03-02", "X"}, exitUsage, "", "",
			`pmkb: the id "2024-03-01-x" starts with the day 2024-03-01, but the date given is 2024-03-02; make them agree, or give only one of them`},
	} {
		root := site(t, map[string]string{"pmkb.toml": ""})
		code, out, errOut := pmkb(t, append([]string{"new", "--source", root}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("new %q: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, tt.code, out, errOut)
			continue
		}
		if tt.code != 0 {
			if out != "" {
				t.Errorf("new %q: refused, yet stdout %q", tt.args, out)
			}
			continue
		}
		if want := filepath.Join(root, "content", "postmortems", filepath.FromSlash(tt.file)); strings.TrimSpace(out) != "created "+want {
			t.Errorf("new %q: %q, want created %s", tt.args, out, want)
			continue
		}
		if data := readCreated(t, out); !strings.Contains(data, "\ndate: "+tt.date+"\n") {
			t.Errorf("new %q: want date: %s in\n%s", tt.args, tt.date, data)
		}
		// The file pmkb new wrote has no dates/ warning of pmkb lint.
		_, lintOut, _ := pmkb(t, "lint", "--source", root, "--format", "json", strings.TrimSpace(strings.TrimPrefix(out, "created ")))
		if strings.Contains(lintOut, `"dates/`) {
			t.Errorf("new %q: lint warns about the date:\n%s", tt.args, lintOut)
		}
	}
}

// TestNewSeverityLabel proves pmkb new takes a level's label, as pmkb
// stats and search do, and suggests the level of a near one (QA 14 A-F16:
// --severity Critical was refused without a word of SEV1).
func TestNewSeverityLabel(t *testing.T) {
	root := site(t, map[string]string{"pmkb.toml": "[[severities]]\nlevel = \"P1\"\nlabel = \"重大\"\n[[severities]]\nlevel = \"P2\"\nlabel = \"軽微\"\n"})
	for _, tt := range []struct {
		severity string
		code     int
		want     string // in the file, or on stderr
	}{
		{"重大", 0, "\nseverity: \"P1\"\n"},
		{"p2", 0, "\nseverity: \"P2\"\n"},
		{"重", exitUsage, `pmkb: severity "重" is not one of the site's levels (P1, P2); did you mean P1 ("重大")?` + "\n"},
	} {
		code, out, errOut := pmkb(t, "new", "--source", root, "--severity", tt.severity, "Z "+tt.severity)
		if code != tt.code {
			t.Errorf("--severity %s: exit %d, want %d\n%s", tt.severity, code, tt.code, errOut)
			continue
		}
		got := errOut
		if code == 0 {
			got = readCreated(t, out)
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("--severity %s: want %q in\n%s", tt.severity, tt.want, got)
		}
	}
	root = site(t, nil)
	if code, out, errOut := pmkb(t, "new", "--source", root, "--severity", "Critical", "Z"); code != 0 || !strings.Contains(readCreated(t, out), "\nseverity: \"SEV1\"\n") {
		t.Errorf("--severity Critical: exit %d\n%s", code, errOut)
	}
}

// TestBuildSaysError proves pmkb build prints a problem as pmkb lint
// does, "path:line: error: message [rule]", with the source line under it
// as before, and that a problem about a whole file (over maxFileBytes) is
// at its line 1 in every format, so an editor or a GitHub annotation finds
// it (QA 14 A-F12: build wrote errors without "error:", told from warnings
// only by a missing word, and the size error had no line at all).
func TestBuildSaysError(t *testing.T) {
	bad := strings.Replace(okPM, "severity: SEV2", "severity: SEV9", 1)
	root := site(t, map[string]string{
		"pmkb.toml":                        "maxFileBytes = 2048\n",
		"content/postmortems/2024/bad.md":  bad,
		"content/postmortems/2024/huge.md": okPM + strings.Repeat("A long log line.\n", 200),
	})
	huge := filepath.Join("content", "postmortems", "2024", "huge.md")
	code, _, errOut := pmkb(t, "build", "--source", root)
	if code != exitContent {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, want := range []string{
		"\n" + filepath.Join(root, "content", "postmortems", "2024", "bad.md") + ":4: error: unknown severity \"SEV9\"",
		"\n       4 | severity: SEV9\n",
		"\n" + filepath.Join(root, huge) + ":1: error: file is ",
	} {
		if !strings.Contains("\n"+errOut, want) {
			t.Errorf("build: want %q in\n%s", want, errOut)
		}
	}
	// The whole-file error quotes no line (its first is no mistake).
	if strings.Contains(errOut, "       1 | ---") {
		t.Errorf("build quotes line 1 of the large file:\n%s", errOut)
	}
	for _, tt := range []struct {
		format, want string
	}{
		{"text", filepath.Join(root, huge) + ":1: error: file is "},
		{"github", "::error file=" + strings.ReplaceAll(filepath.Join(root, huge), ":", "%3A") + ",line=1,title=contract::file is "},
		{"json", `"line": 1,`},
	} {
		_, out, _ := pmkb(t, "lint", "--source", root, "--format", tt.format, filepath.Join(root, huge))
		if !strings.Contains(out, tt.want) {
			t.Errorf("lint --format %s: want %q in\n%s", tt.format, tt.want, out)
		}
	}
}

// TestSmallSlips14 proves the small ones of QA 14 A-F20: pmkb lint names
// a path outside the postmortems as it was typed, from the current
// folder; serve --bind to an address this machine has not, or a name that
// does not resolve, is a usage error that says so and lists the
// machine's addresses; pmkb new --source with a folder that does not
// exist, or with the content folder of a site, is refused.
func TestSmallSlips14(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/2026/a.md": okPM,
		"content/README.md":             "# About\n",
	})
	t.Chdir(filepath.Join(root, "content", "postmortems", "2026"))
	code, out, errOut := pmkb(t, "lint", filepath.Join("..", "..", "README.md"))
	if want := "pmkb: " + filepath.Join("..", "..", "README.md") + " is not a postmortem of this site"; code != exitUsage || out != "" || !strings.HasPrefix(errOut, want) {
		t.Errorf("lint ../../README.md: exit %d\nstdout:\n%s\nstderr:\n%s\nwant %q", code, out, errOut, want)
	}

	// An address for documentation (RFC 5737) that this machine has not.
	foreign := ""
	local, _ := net.InterfaceAddrs()
	for _, c := range []string{"203.0.113.77", "198.51.100.77", "192.0.2.177"} {
		if !slices.ContainsFunc(local, func(a net.Addr) bool { ipn, ok := a.(*net.IPNet); return ok && ipn.IP.String() == c }) {
			foreign = c
			break
		}
	}
	missing := filepath.Join(t.TempDir(), "typo-dir")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--source", root, "--port", "0", "--bind", foreign}, "pmkb: serve: --bind " + foreign + " is not an address of this machine; pass one of its addresses ("},
		{[]string{"serve", "--source", root, "--port", "0", "--bind", "nothost.invalid"}, "pmkb: serve: --bind nothost.invalid is not a name this machine can look up; pass one of its addresses ("},
		{[]string{"new", "--source", missing, "X"}, "pmkb: --source " + missing + " does not exist; pmkb new starts a site only in a folder that exists (mkdir it first, or check the path)\n"},
		{[]string{"new", "--source", filepath.Join(root, "content"), "X"}, "pmkb: --source " + filepath.Join(root, "content") + " is inside the content folder of the site " + root + "; pass --source " + root + "\n"},
		{[]string{"new", "--source", filepath.Join(root, "content", "postmortems"), "X"}, "pmkb: --source " + filepath.Join(root, "content", "postmortems") + " is inside the content folder of the site " + root + "; pass --source " + root + "\n"},
		{[]string{"new", "--source", filepath.Join("..", "2026"), "X"}, "pmkb: --source " + filepath.Join("..", "2026") + " is inside the content folder of the site " + filepath.Join("..", "..", "..") + "; pass --source " + filepath.Join("..", "..", "..") + "\n"},
	} {
		code, out, errOut := pmkb(t, tt.args...)
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, tt.want) || strings.Contains(errOut, "serving") {
			t.Errorf("%q: exit %d, want %d\nstdout:\n%s\nstderr:\n%s\nwant %q", tt.args, code, exitUsage, out, errOut, tt.want)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("pmkb new made %s", missing)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "content")); err == nil {
		t.Error("pmkb new made content/content")
	}
	// An empty folder that exists starts a site, as the current folder does.
	empty := t.TempDir()
	if code, out, errOut := pmkb(t, "new", "--source", empty, "X"); code != 0 || !strings.Contains(out, filepath.Join(empty, "content", "postmortems")) {
		t.Errorf("new --source EMPTY: exit %d\n%s%s", code, out, errOut)
	}
}

// TestPostmortemsFolderCase proves a site whose folder is
// content/Postmortems is told so, not "no content/postmortems here: run
// pmkb new" (QA 14 A-F11: the loader said it, but every command stopped
// before the loader ran).
func TestPostmortemsFolderCase(t *testing.T) {
	root := site(t, map[string]string{"content/Postmortems/2024/a.md": okPM})
	if _, err := os.Stat(filepath.Join(root, "content", "postmortems")); err == nil {
		t.Skip("this file system ignores case: content/postmortems is content/Postmortems here")
	}
	for _, args := range [][]string{{"build"}, {"lint"}, {"stats"}} {
		code, _, errOut := pmkb(t, append(args, "--source", root)...)
		want := "did you mean " + filepath.Join(root, "content", "Postmortems") + "? (folder names are case-sensitive: rename it to postmortems)"
		if code != exitUsage || !strings.Contains(errOut, want) || strings.Contains(errOut, "pmkb new") {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant %q", args, code, errOut, want)
		}
	}
}

// TestCleanNamesWhatItRemoved proves an allowed --clean names the files it
// deleted that pmkb had not made, and not pmkb's own stale pages (QA 14
// D-F5: "2 removed" was the only trace of a lost robots.txt).
func TestCleanNamesWhatItRemoved(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	www := filepath.Join(root, "www")
	if code, _, errOut := pmkb(t, "build", "--source", root, "--destination", www); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, errOut)
	}
	for name, data := range map[string]string{"robots.txt": "User-agent: *\n", "legacy/a.html": "old"} {
		p := filepath.Join(www, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A postmortem gone: its page is a stale page pmkb made, not named.
	if err := os.Rename(filepath.Join(root, "content/postmortems/2024/disk.md"), filepath.Join(root, "content/postmortems/2024/disk-full.md")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := pmkb(t, "build", "--source", root, "--destination", www, "--clean")
	want := "pmkb: --clean removed 2 files pmkb had not made: legacy/a.html, robots.txt\n"
	if code != exitOK || !strings.Contains(errOut, want) || !strings.Contains(out, "removed;") {
		t.Errorf("--clean: exit %d\nstdout:\n%s\nstderr:\n%s\nwant %q", code, out, errOut, want)
	}
	if strings.Contains(errOut, "postmortems/disk/") {
		t.Errorf("--clean named a stale page pmkb made:\n%s", errOut)
	}
	if got := shortList([]string{"a", "b", "c"}, 2); got != "a, b and 1 more" {
		t.Errorf("shortList = %q", got)
	}
}

// TestDestinationInsideTheme proves a destination inside the theme
// folder is refused, as one inside content/ is (QA 14 D-F7: each build
// nested the previous site in itself, site/site/site).
func TestDestinationInsideTheme(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM, "th/static/robots.txt": "User-agent: *\n"})
	dest := filepath.Join(root, "th", "static", "site")
	code, _, errOut := pmkb(t, "build", "--source", root, "--theme", filepath.Join(root, "th"), "--destination", dest)
	if code != exitUsage || !strings.Contains(errOut, "inside the theme folder") {
		t.Errorf("exit %d, want %d and the theme folder named\n%s", code, exitUsage, errOut)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Errorf("%s was made", dest)
	}
}
