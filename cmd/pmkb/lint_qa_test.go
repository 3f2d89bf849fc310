package main

import (
	"strings"
	"testing"
)

// TestBuildNeverPrintsSecrets proves that a build's error output (kept in
// CI and hosting logs) shows a pasted secret only redacted: the lines that
// hold one are not quoted under their findings, nor under any other error
// on the same line.
func TestBuildNeverPrintsSecrets(t *testing.T) {
	secrets := []string{
		"AKIAZ7QF3XKJ4LMN2PQR",
		"Xk9f2LmQ7vT3",
		"xoxb-2718281828-3141592653-Zq8wE3rT6yU1iO9pA2sD",
		"Zq8wE3rT6yU1",
	}
	body := strings.Join([]string{
		"Keys: " + secrets[0],
		"",
		"1. postgres://orders_app:" + secrets[1] + "@db.internal:5432/orders",
		"2. SLACK_BOT_TOKEN=" + secrets[2],
		"3. redis://:" + secrets[3] + "@cache.internal:6379",
	}, "\n")
	pm := strings.Replace(okPM, "The disk filled up.", body, 1)
	root := site(t, map[string]string{"content/postmortems/a.md": pm})
	for _, args := range [][]string{
		{"build", "--source", root},
		{"build", "--source", root, "--destination", t.TempDir(), "--verbose"},
	} {
		code, out, errOut := pmkb(t, args...)
		if code != exitContent {
			t.Fatalf("%v: exit %d, want %d\n%s", args, code, exitContent, errOut)
		}
		for _, rule := range []string{"AWS access key id", "password in a URL", "Slack token"} {
			if !strings.Contains(errOut, rule) {
				t.Errorf("%v: no %q finding in\n%s", args, rule, errOut)
			}
		}
		if n := strings.Count(errOut, "password in a URL"); n != 2 {
			t.Errorf("%v: %d password-in-URL findings, want 2 (postgres and redis)\n%s", args, n, errOut)
		}
		for _, s := range secrets {
			if strings.Contains(out+errOut, s) {
				t.Errorf("%v: output holds the secret %q:\n%s%s", args, s, out, errOut)
			}
		}
	}
}

// TestBuildStillQuotesOtherErrors keeps the source excerpt for errors that
// are not about secrets, so hiding secret lines does not hide all of them.
func TestBuildStillQuotesOtherErrors(t *testing.T) {
	pm := strings.Replace(okPM, "severity: SEV2", "severity: SEV9", 1)
	root := site(t, map[string]string{"content/postmortems/a.md": pm})
	code, _, errOut := pmkb(t, "build", "--source", root)
	if code != exitContent || !strings.Contains(errOut, "   4 | severity: SEV9") {
		t.Errorf("exit %d, want %d and the excerpt of line 4:\n%s", code, exitContent, errOut)
	}
}
