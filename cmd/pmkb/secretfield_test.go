package main

import (
	"strings"
	"testing"
)

// TestSecretInAFieldIsNeverPrinted pastes keys where the contract quotes
// the value back (an unknown severity, a related id that does not exist):
// no command may print them, in any format, though the problems are still
// reported.
func TestSecretInAFieldIsNeverPrinted(t *testing.T) {
	const key, token = "AKIAZ7QF3XKJ4LMN2PQR", "ghp_R4nd0mT0k3nV4lu3Xy9Zq8wE3rT6yU1iO9pA"
	pm := strings.Replace(okPM, "severity: SEV2", "severity: "+key, 1)
	pm = strings.Replace(pm, "teams: [search]", "teams: [search]\nrelated: ["+token+"]", 1)
	root := site(t, map[string]string{"content/postmortems/a.md": pm})
	for _, args := range [][]string{
		{"build", "--source", root},
		{"lint", "--source", root},
		{"lint", "--source", root, "--format", "json"},
		{"lint", "--source", root, "--format", "github"},
	} {
		code, out, errOut := pmkb(t, args...)
		if code != exitContent {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, exitContent, out, errOut)
		}
		all := out + errOut
		for _, s := range []string{key, token} {
			if strings.Contains(all, s) {
				t.Errorf("%v: output holds the secret %q:\n%s", args, s, all)
			}
		}
		for _, want := range []string{"severity", "related", "[redacted]"} {
			if !strings.Contains(all, want) {
				t.Errorf("%v: no %q in the output:\n%s", args, want, all)
			}
		}
	}
}
