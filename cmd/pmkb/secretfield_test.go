package main

import (
	"os"
	"path/filepath"
	"regexp"
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
		// The commands that read front matter only quoted them in clear
		// (QA 20 A-F2).
		{"stats", "--source", root},
		{"actions", "--source", root, "--json"},
		{"notify", "--source", root, "--dry-run", "--site-url", "https://kb.example.com/"},
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

// TestSecretInAValueStopsEveryCommandThatPrintsIt: a key in an action
// item's title stops lint and build, but pmkb actions printed it, pmkb
// notify put it in the Slack message, and pmkb search showed a token of a
// summary or the body in its snippets (QA 20 A-F1). They now stop, or
// leave the file out of the search, with lint's redacted problem; a
// pmkb-lint-ignore comment, which lint and build honour, lets them print
// the value as they do.
func TestSecretInAValueStopsEveryCommandThatPrintsIt(t *testing.T) {
	const key, token = "AKIAIOSFODNN7EXAMPLQ", "ghp_R4nd0mT0k3nV4lu3Xy9Zq8wE3rT6yU1iO9pA"
	pm := strings.Replace(okPM, "title: Rotate logs", "title: Rotate key "+key+" now", 1)
	pm = strings.Replace(pm, "The disk filled up.", "The disk filled up; the env dump showed "+token+".", 1)
	root := site(t, map[string]string{"content/postmortems/a.md": pm})
	for _, args := range [][]string{
		{"actions", "--source", root},
		{"actions", "--source", root, "--json"},
		{"actions", "--source", root, "--format", "csv"},
		{"notify", "--source", root, "--dry-run", "--site-url", "https://kb.example.com/", "--today", "2031-01-01"},
		{"stats", "--source", root},
	} {
		code, out, errOut := pmkb(t, args...)
		all := out + errOut
		if code != exitContent || !strings.Contains(all, "[secret/aws-access-key]") {
			t.Errorf("%v: exit %d, want %d with the secret's problem:\n%s", args, code, exitContent, all)
		}
		if strings.Contains(all, key) {
			t.Errorf("%v: output holds the key:\n%s", args, all)
		}
	}
	code, out, errOut := pmkb(t, "search", "--source", root, "--cache", t.TempDir(), "env dump")
	if all := out + errOut; strings.Contains(all, token) || !strings.Contains(errOut, "a.md:") || !strings.Contains(errOut, "[redacted]") && !strings.Contains(errOut, "chars)") {
		t.Errorf("search: exit %d, the token shown or the file not named:\n%s", code, all)
	}
	// Declared not a secret where it stands: printed as lint and build allow.
	ignored := strings.Replace(pm, key+" now", key+" now # pmkb-lint-ignore secret/aws-access-key", 1)
	ignored = strings.Replace(ignored, token+".", "a token.", 1)
	root = site(t, map[string]string{"content/postmortems/a.md": ignored})
	if code, out, errOut := pmkb(t, "actions", "--source", root); code != exitOK || !strings.Contains(out, key) {
		t.Errorf("actions with the finding silenced: exit %d\n%s%s", code, out, errOut)
	}
}

// TestAllowingASecretReachesTheWarmCommands: whether a file holds a secret
// is kept in the metadata cache with its other problems (d79da2d), so the
// site's [lint] allow list is part of the cache's key: a fingerprint
// allowed after a run that stopped on it lets the next, warm run through.
func TestAllowingASecretReachesTheWarmCommands(t *testing.T) {
	const key = "AKIAIOSFODNN7EXAMPLQ"
	pm := strings.Replace(okPM, "title: Rotate logs", "title: Rotate key "+key+" now", 1)
	root := site(t, map[string]string{"content/postmortems/a.md": pm, "pmkb.toml": "title = \"T\"\n"})
	code, out, errOut := pmkb(t, "actions", "--source", root)
	fp := regexp.MustCompile(`fingerprint ([0-9a-f]{12})`).FindStringSubmatch(out + errOut)
	if code != exitContent || fp == nil {
		t.Fatalf("actions with a key: exit %d, no fingerprint:\n%s%s", code, out, errOut)
	}
	if err := os.WriteFile(filepath.Join(root, "pmkb.toml"), []byte("title = \"T\"\n[lint]\nallow = [\""+fp[1]+"\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := pmkb(t, "actions", "--source", root); code != exitOK || !strings.Contains(out, key) {
		t.Errorf("actions with the fingerprint allowed: exit %d\n%s%s", code, out, errOut)
	}
}
