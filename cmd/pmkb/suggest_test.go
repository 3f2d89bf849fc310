package main

import (
	"io"
	"slices"
	"strings"
	"testing"
)

// TestUnknownCommandSuggests checks a mistyped command gets the one it
// looks like, and an unrelated word gets no guess, in two lines without
// the usage (QA 13 F4).
func TestUnknownCommandSuggests(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"biuld"}, `pmkb: unknown command "biuld"; did you mean "build"?`},
		{[]string{"Lint"}, `pmkb: unknown command "Lint"; did you mean "lint"?`},
		{[]string{"srve"}, `pmkb: unknown command "srve"; did you mean "serve"?`},
		{[]string{"serach", "dns"}, `pmkb: unknown command "serach"; did you mean "search"?`},
		{[]string{"deploy"}, `pmkb: unknown command "deploy"`},
		// pmkb help with a mistyped command gets the same hint (QA 13 F4).
		{[]string{"help", "biuld"}, `pmkb: no help for unknown command "biuld"; did you mean "build"?`},
		{[]string{"help", "deploy"}, `pmkb: no help for unknown command "deploy"`},
	} {
		// Two lines, not the whole usage under (or over) the hint.
		want := c.want + "\n" + `Run "pmkb help" for the commands.` + "\n"
		code, out, errOut := pmkb(t, c.args...)
		if code != exitUsage || out != "" || errOut != want {
			t.Errorf("pmkb %q: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, out, errOut, want)
		}
	}
}

// TestUnknownFlagSuggests checks an undefined flag is named as it was
// typed, with the flag it most likely meant (Hugo's short flags, a
// command's only flag with that letter, a typo) and a pointer to the
// help instead of the whole usage (QA 5a #21).
func TestUnknownFlagSuggests(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "-d", "out"}, "pmkb build: unknown flag -d; did you mean --destination?\n"},
		{[]string{"build", "-D"}, "pmkb build: unknown flag -D; did you mean --drafts?\n"},
		{[]string{"build", "--d=out"}, "pmkb build: unknown flag --d; did you mean --destination?\n"},
		{[]string{"serve", "-p", "8080"}, "pmkb serve: unknown flag -p; did you mean --port?\n"},
		{[]string{"new", "x", "-l", "ja"}, "pmkb new: unknown flag -l; did you mean --lang?\n"},
		{[]string{"build", "--destinaton", "out"}, "pmkb build: unknown flag --destinaton; did you mean --destination?\n"},
		{[]string{"build", "-nope"}, "pmkb build: unknown flag -nope\n"},
		{[]string{"build", "--nope"}, "pmkb build: unknown flag --nope\n"},
		// no flag of stats starts with o
		{[]string{"stats", "-s"}, "pmkb stats: unknown flag -s; did you mean --source?\n"},
		{[]string{"lint", "-r"}, "pmkb lint: unknown flag -r; did you mean --rules?\n"},
		{[]string{"stats", "-o"}, "pmkb stats: unknown flag -o\n"},
		// --overdue and --owner: no guess
		{[]string{"actions", "-o", "x"}, "pmkb actions: unknown flag -o\n"},
		// A word to exclude from a search, typed as the query syntax has
		// it (QA 12 F4).
		{[]string{"search", "dns", "-zone"}, "pmkb search: unknown flag -zone; to leave out postmortems with \"zone\", put the query after --: pmkb search -- WORDS -zone\n"},
		{[]string{"search", "-s", "x"}, "pmkb search: unknown flag -s; did you mean --source?\n"},
	} {
		code, out, errOut := pmkb(t, c.args...)
		want := c.want + `Run "pmkb help ` + c.args[0] + `" for its flags.` + "\n"
		if code != exitUsage || out != "" || errOut != want {
			t.Errorf("pmkb %q: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", c.args, code, out, errOut, want)
		}
	}
}

// TestFlagsAfterDoubleDash checks that every word after "--" is
// positional, flag-like ones too, wherever the query starts: pmkb search
// -- dns -zone, the help's own advice, failed with "unknown flag -zone",
// since Parse consumed the "--" and the next round took -zone for a flag
// (QA 17r-b R2).
func TestFlagsAfterDoubleDash(t *testing.T) {
	for _, tt := range []struct{ args, want []string }{
		{[]string{"--", "dns", "-zone"}, []string{"dns", "-zone"}},
		{[]string{"--limit", "3", "--", "deploy", "-rollback"}, []string{"deploy", "-rollback"}},
		{[]string{"dns", "--limit", "3", "--", "-zone"}, []string{"dns", "-zone"}},
		{[]string{"--", "-zone", "dns"}, []string{"-zone", "dns"}},
		{[]string{"dns", "zone"}, []string{"dns", "zone"}},
	} {
		var errOut strings.Builder
		f := newFlags(&env{stdout: io.Discard, stderr: &errOut}, "search", "", "")
		f.Int("limit", 10, "")
		got, _, ok := f.parse(tt.args)
		if !ok || !slices.Equal(got, tt.want) {
			t.Errorf("parse %q = %q, ok %v (%s); want %q", tt.args, got, ok, errOut.String(), tt.want)
		}
	}
}
