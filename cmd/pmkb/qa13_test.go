package main

import "testing"

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
