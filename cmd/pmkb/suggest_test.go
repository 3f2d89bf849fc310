package main

import (
	"strings"
	"testing"
)

// TestUnknownCommandSuggests checks a mistyped command gets the one it
// looks like, and an unrelated word gets no guess.
func TestUnknownCommandSuggests(t *testing.T) {
	for _, c := range []struct {
		cmd, want string
	}{
		{"biuld", `unknown command "biuld"; did you mean "build"?`},
		{"Lint", `unknown command "Lint"; did you mean "lint"?`},
		{"srve", `unknown command "srve"; did you mean "serve"?`},
		{"deploy", `unknown command "deploy"` + "\n"},
	} {
		code, out, errOut := pmkb(t, c.cmd)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("pmkb %s: exit %d, stderr:\n%s\nwant %q", c.cmd, code, errOut, c.want)
		}
	}
}
