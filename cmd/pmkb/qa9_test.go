package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSourceNamingAFile proves that a --source naming a file (the slip
// --source site/pmkb.toml) gets one usage error from every command, with
// the folder to pass instead, and that serve does not start (QA 9a #3).
func TestSourceNamingAFile(t *testing.T) {
	root := site(t, map[string]string{"pmkb.toml": "title = \"KB\"\n", "content/postmortems/2024/disk.md": okPM})
	t.Chdir(filepath.Dir(root))
	base := filepath.Base(root)
	cfg := filepath.Join(base, "pmkb.toml")
	want := "pmkb: --source " + cfg + " is a file; pass the folder that holds it: --source " + base + "\n"
	for _, args := range [][]string{{"build"}, {"lint"}, {"stats"}, {"actions"}, {"search", "dns"}, {"new", "T"}, {"notify", "--dry-run"}} {
		code, out, errOut := pmkb(t, append(args, "--source", cfg)...)
		if code != exitUsage || out != "" || errOut != want {
			t.Errorf("%q --source %s: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 2 and %q", args, cfg, code, out, errOut, want)
		}
	}
	// serve must stop at once; were it serving, the timeout stops it.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var stderr lockedBuffer
	e := &env{stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
	if code := e.dispatch(ctx, []string{"serve", "--port", "0", "--source", cfg}); code != exitUsage || stderr.String() != want {
		t.Errorf("serve: exit %d\nstderr:\n%s", code, stderr.String())
	}
	// With a trailing slash, as a shell completes a folder, it is the file
	// still (QA 10: the old scattered errors came back).
	if code, _, errOut := pmkb(t, "build", "--source", cfg+"/"); code != exitUsage ||
		errOut != "pmkb: --source "+cfg+"/ is a file; pass the folder that holds it: --source "+base+"\n" {
		t.Errorf("build --source %s/: exit %d\n%s", cfg, code, errOut)
	}
	// From inside the site, the folder that holds pmkb.toml is ".".
	t.Chdir(root)
	if code, _, errOut := pmkb(t, "lint", "--source", "pmkb.toml"); code != exitUsage ||
		errOut != "pmkb: --source pmkb.toml is a file; pass the folder that holds it: --source .\n" {
		t.Errorf("lint --source pmkb.toml: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "postmortems", "2026")); err == nil {
		t.Error("new wrote a postmortem")
	}
}

// TestRepeatWindowBelowOneIsAUsageError proves --repeat-window 0 or less
// is refused as --soon-days -3 is, instead of silently counting with 180
// days (QA 9a #4).
func TestRepeatWindowBelowOneIsAUsageError(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	for _, n := range []string{"0", "-5"} {
		code, out, errOut := pmkb(t, "stats", "--source", root, "--repeat-window", n)
		if want := "pmkb: --repeat-window must be 1 or more days, not " + n + "\n"; code != exitUsage || out != "" || errOut != want {
			t.Errorf("--repeat-window %s: exit %d\nstdout:\n%s\nstderr:\n%s\nwant %q", n, code, out, errOut, want)
		}
	}
	if code, out, errOut := pmkb(t, "stats", "--source", root, "--repeat-window", "1"); code != exitOK || !strings.Contains(out, "repeat window 1 day") {
		t.Errorf("--repeat-window 1: exit %d\n%s%s", code, out, errOut)
	}
}

// TestBuildPrintsHints proves pmkb build prints each problem's hint under
// it as pmkb lint does: a deploy log is where an author first meets a
// leaked token, and must learn there to rotate it (QA 9a #5).
func TestBuildPrintsHints(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM + "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked\n"})
	code, _, errOut := pmkb(t, "build", "--source", root)
	want := filepath.Join(root, "content", "postmortems", "2024", "disk.md") + `:17: error: possible GitHub token "ghp_"…(40 chars) (fingerprint 03aafb028d53) [secret/github-token]
    hint: remove it and rotate it now; if it is not a secret, add a "pmkb-lint-ignore secret/github-token" comment or allow fingerprint 03aafb028d53 in the lint config
pmkb: build failed: 1 error, 0 warnings; nothing was published
`
	if code != exitContent || errOut != want {
		t.Errorf("build: exit %d\nstderr:\n%s\nwant:\n%s", code, errOut, want)
	}
}

// TestEnumFlagsFoldCaseAndSayOneThing proves the flags that take one of a
// few words take them in any case, as actions' --status does, and word an
// unknown one alike in every command, with the word meant when one is
// near; and that commands that take no arguments refuse them (QA 9a #12).
func TestEnumFlagsFoldCaseAndSayOneThing(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	for _, args := range [][]string{
		{"lint", "--format", "JSON"},
		{"actions", "--format", "Csv"},
		{"stats", "--format", "JSON"},
		{"stats", "--granularity", "Month"},
		{"search", "--format", "Json", "disk"},
		{"build", "--audience", "Public", "--destination", filepath.Join(t.TempDir(), "out")},
	} {
		if code, _, errOut := pmkb(t, append(args, "--source", root)...); code != exitOK {
			t.Errorf("%q: exit %d\n%s", args, code, errOut)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"lint", "--format", "jsno"}, `--format "jsno" is not a format (want text, json, github); did you mean "json"?`},
		{[]string{"actions", "--format", "yaml"}, `--format "yaml" is not a format (want table, json, csv)`},
		{[]string{"stats", "--format", "tetx"}, `--format "tetx" is not a format (want text, json); did you mean "text"?`},
		{[]string{"stats", "--granularity", "week"}, `--granularity "week" is not a granularity (want quarter, month)`},
		{[]string{"build", "--audience", "Publik"}, `--audience "Publik" is not an audience (want internal, public); did you mean "public"?`},
		{[]string{"version", "extra"}, `version takes no arguments, got ["extra"]`},
		{[]string{"lint", "--rules", "content/x.md"}, `lint --rules lists the rules and takes no paths, got ["content/x.md"]`},
	} {
		args := tt.args
		if args[0] != "version" {
			args = append(args, "--source", root)
		}
		// A bad flag value is named with its command and points to the
		// command's help, as a value the flag package refuses is.
		want := "pmkb: " + tt.want + "\n"
		if strings.HasPrefix(tt.want, "--") {
			want = fmt.Sprintf("pmkb %s: %s\nRun \"pmkb help %[1]s\" for its flags.\n", tt.args[0], tt.want)
		}
		code, out, errOut := pmkb(t, args...)
		if code != exitUsage || out != "" || errOut != want {
			t.Errorf("%q: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 2 and %q", tt.args, code, out, errOut, want)
		}
	}
	// serve must refuse it at once (it served with any --audience);
	// were it serving, the timeout stops it.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var stderr lockedBuffer
	e := &env{stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
	want := "pmkb serve: --audience \"everyone\" is not an audience (want internal, public)\nRun \"pmkb help serve\" for its flags.\n"
	if code := e.dispatch(ctx, []string{"serve", "--port", "0", "--source", root, "--audience", "everyone"}); code != exitUsage || stderr.String() != want {
		t.Errorf("serve --audience everyone: exit %d\nstderr:\n%s\nwant %q", code, stderr.String(), want)
	}
}

// TestBuildSummarySaysWhatWasLeftOut proves the build's summary line says
// what it left out: drafts, and in a public build the postmortems that are
// not public, instead of "(2 left out)" (qa9-a #12).
func TestBuildSummarySaysWhatWasLeftOut(t *testing.T) {
	draft := strings.Replace(okPM, "severity: SEV2\n", "severity: SEV2\nstatus: draft\n", 1)
	public := strings.Replace(okPM, "severity: SEV2\n", "severity: SEV2\nvisibility: public\n", 1)
	root := site(t, map[string]string{
		"content/postmortems/2024/2024-01-18-disk.md":   okPM,
		"content/postmortems/2024/2024-01-19-draft.md":  draft,
		"content/postmortems/2024/2024-01-20-public.md": public,
	})
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "built 2 postmortems (1 draft left out), "},
		{[]string{"--drafts"}, "built 3 postmortems, "},
		{[]string{"--audience", "public"}, "built 1 postmortem (1 draft left out, 1 not public), "},
		{[]string{"--audience", "public", "--drafts"}, "built 1 postmortem (2 not public), "},
	} {
		args := append([]string{"build", "--source", root, "--destination", filepath.Join(t.TempDir(), "out")}, tt.args...)
		if code, out, errOut := pmkb(t, args...); code != exitOK || !strings.HasPrefix(out, tt.want) {
			t.Errorf("build %q: exit %d\nstdout:\n%s\nstderr:\n%s\nwant stdout to start with %q", tt.args, code, out, errOut, tt.want)
		}
	}
}

// TestBuildRefusesWhatDoesNothing proves a build refuses, exit 2, a
// --force without --clean (it would do nothing) and a protocol-relative
// base URL, as a flag and in pmkb.toml (it made a sitemap of
// "//host/pm/" and no canonical links) (qa9-a #12).
func TestBuildRefusesWhatDoesNothing(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--force"}, "pmkb: --force goes with --clean (it lets --clean empty a folder pmkb never built); add --clean, or leave --force out\n"},
		{[]string{"--base-url", "//kb.example/pm/"}, `pmkb: --base-url "//kb.example/pm/" is protocol-relative: write it as an absolute URL (https://kb.example/pm/) or as a path with one leading /` + "\n"},
	} {
		code, out, errOut := pmkb(t, append([]string{"build", "--source", root}, tt.args...)...)
		if code != exitUsage || out != "" || errOut != tt.want {
			t.Errorf("build %q: exit %d\nstdout:\n%s\nstderr:\n%s\nwant %q", tt.args, code, out, errOut, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("a refused build published")
	}
	cfg := filepath.Join(root, "pmkb.toml")
	if err := os.WriteFile(cfg, []byte("title = \"KB\"\nbaseURL = \"//kb.example/pm/\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := pmkb(t, "build", "--source", root)
	if want := cfg + `:2: error: baseURL "//kb.example/pm/" is protocol-relative`; code != exitContent || !strings.HasPrefix(errOut, want) {
		t.Errorf("baseURL = \"//kb.example/pm/\": exit %d\n%s\nwant %q", code, errOut, want)
	}
}

// TestSmallCLIPointers proves three small ones of qa9-a #12: pmkb lint
// pmkb.toml says to run pmkb lint without a path; the read-only commands,
// stopped by a config error, print the errors only, not every draft's
// warnings first; and pmkb help new says --lang takes any language with
// a template.
func TestSmallCLIPointers(t *testing.T) {
	draft := "---\ntitle: Half written\ndate: 2024-02-02\nstatus: draft\nseverity: SEV9\n---\n"
	root := site(t, map[string]string{
		"pmkb.toml":                           "title = \"KB\"\n",
		"content/postmortems/2024/disk.md":    okPM,
		"content/postmortems/2024/draft-a.md": draft,
		"content/postmortems/2024/draft-b.md": draft,
	})
	t.Chdir(root)
	code, out, errOut := pmkb(t, "lint", "pmkb.toml")
	if want := "pmkb: pmkb.toml is the site's config, not a postmortem: run pmkb lint without a path to check it\n"; code != exitUsage || out != "" || errOut != want {
		t.Errorf("lint pmkb.toml: exit %d\nstdout:\n%s\nstderr:\n%s\nwant %q", code, out, errOut, want)
	}

	if err := os.WriteFile("pmkb.toml", []byte("title = \"KB\"\nlanguage = 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"stats"}, {"actions"}, {"notify", "--dry-run"}} {
		code, out, errOut := pmkb(t, args...)
		if code != exitContent || out != "" || !strings.HasPrefix(errOut, "pmkb.toml:2: ") || strings.Contains(errOut, "warning") {
			t.Errorf("%q with a config error: exit %d\nstdout:\n%s\nstderr:\n%s\nwant the config error only", args, code, out, errOut)
		}
	}

	_, out, _ = pmkb(t, "help", "new")
	if !strings.Contains(out, "one with a template (en, ja, or one of the site's templates/postmortem.LANG.md)") || strings.Contains(out, "en|ja") || strings.Contains(out, "en or ja") {
		t.Errorf("help new:\n%s", out)
	}
}

// TestNewConfigErrorCount checks the count of config errors pmkb new gives
// up on, in the singular for one ("the site's config has 1 errors"
// before).
func TestNewConfigErrorCount(t *testing.T) {
	for _, tt := range []struct {
		config, want string
	}{
		{"colour = 1\n", "the site's config has 1 error; fix it first\n"},
		{"colour = 1\nshade = 2\n", "the site's config has 2 errors; fix it first\n"},
	} {
		root := site(t, map[string]string{"pmkb.toml": tt.config, "content/postmortems/2024/disk.md": okPM})
		code, _, errOut := pmkb(t, "new", "--source", root, "T")
		if code == exitOK || !strings.HasSuffix(errOut, tt.want) {
			t.Errorf("config %q: exit %d, stderr:\n%s\nwant it to end %q", tt.config, code, errOut, tt.want)
		}
	}
}
