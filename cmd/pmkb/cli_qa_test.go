package main

import (
	"bytes"
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
