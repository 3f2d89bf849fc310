package main

import (
	"os"
	"path/filepath"
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

// catalogSite has a systems catalog, a postmortem b-postmortem, and a
// postmortem a.md that misspells a system and a related id and has its
// timeline out of order: three problems of the content contract.
func catalogSite(t *testing.T, lintRules string) string {
	t.Helper()
	return site(t, map[string]string{
		"pmkb.toml": "[lint]\nrules = { " + lintRules + " }\n\n[systems.checkout-api]\nname = \"Checkout API\"\n",
		"content/postmortems/a.md": `---
title: A
date: 2024-03-14
severity: SEV3
systems: [checkout-apii]
causes: [dns]
related: [b-postmortm]
timeline:
  started: 2024-03-14T10:00:00Z
  detected: 2024-03-14T09:00:00Z
action_items:
  - title: Fix it
    owner: mei
    due: 2024-04-01
---
Body.
`,
		"content/postmortems/b-postmortem.md": strings.Replace(okPM, "[search-api]", "[checkout-api]", 1),
	})
}

// TestLintContractProblemsOnce proves each problem of the contract is
// reported once, as an error, and that a site re-grading or silencing one
// as if it were a lint rule is told it cannot (it was offered as a rule
// before, and the re-grade did nothing: QA4 #3).
func TestLintContractProblemsOnce(t *testing.T) {
	for _, rules := range []string{
		`"pii" = "warning"`,
		`"links/related" = "warning", "catalog" = "warning", "timeline/order" = "off"`,
		`"links" = "off", "catalog/system" = "off", "catalog/cause" = "error", "timeline" = "warning"`,
	} {
		root := catalogSite(t, rules)
		code, out, errOut := pmkb(t, "lint", "--source", root, "--today", "2024-06-01")
		if code != exitContent {
			t.Errorf("%s: exit %d, want %d\n%s%s", rules, code, exitContent, out, errOut)
		}
		a := filepath.Join(root, "content", "postmortems", "a.md")
		for _, want := range []string{
			a + `:5: error: systems: "checkout-apii" is not in the site's systems list in pmkb.toml; did you mean "checkout-api"? [contract]`,
			a + `:7: error: related: no postmortem has id "b-postmortm"; did you mean "b-postmortem"? [contract]`,
			a + `:10: error: timeline.detected (2024-03-14T09:00:00Z) is before timeline.started`,
		} {
			if n := strings.Count(out, want); n != 1 {
				t.Errorf("%s: %d times %q, want once, in\n%s", rules, n, want, out)
			}
		}
		if n := strings.Count(out, "a.md:"); n != 3 {
			t.Errorf("%s: %d findings on a.md, want 3:\n%s", rules, n, out)
		}
		if rules == `"pii" = "warning"` {
			if strings.Contains(out, "pmkb.toml:") {
				t.Errorf("valid lint rules reported:\n%s", out)
			}
			continue
		}
		want := strings.Count(rules, "=")
		if n := strings.Count(out, "is an error of the content contract, which cannot be re-graded or turned off"); n != want {
			t.Errorf("%s: %d config errors about contract checks, want %d:\n%s", rules, n, want, out)
		}
	}
}

// TestLintRulesListsNoContractChecks checks that `pmkb lint --rules` does
// not offer the contract's checks for re-grading.
func TestLintRulesListsNoContractChecks(t *testing.T) {
	code, out, _ := pmkb(t, "lint", "--rules")
	if code != exitOK || !strings.Contains(out, "secret/url-password") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, id := range []string{"links/related", "catalog/system", "catalog/cause", "timeline/order", "completeness/action-owner"} {
		if strings.Contains(out, id) {
			t.Errorf("--rules lists %s, a check of the contract:\n%s", id, out)
		}
	}
}

// TestLintIgnoreCommentDoesNotHideContract checks that an ignore comment
// naming a former rule id does not silence the contract's error.
func TestLintIgnoreCommentDoesNotHideContract(t *testing.T) {
	root := catalogSite(t, `"pii" = "warning"`)
	a := filepath.Join(root, "content", "postmortems", "a.md")
	data, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "related:", "# pmkb-lint-ignore links/related\nrelated:", 1))
	if err := os.WriteFile(a, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := pmkb(t, "lint", "--source", root, "--today", "2024-06-01")
	if code != exitContent || !strings.Contains(out, a+`:8: error: related: no postmortem has id "b-postmortm"`) {
		t.Errorf("exit %d, want %d and the related error at line 8:\n%s", code, exitContent, out)
	}
	want := a + `:7: warning: pmkb-lint-ignore links/related silences nothing: a related: id that names no postmortem is an error of the content contract [lint/unknown-ignore]`
	if !strings.Contains(out, want) {
		t.Errorf("no warning about the comment:\n%s\nin\n%s", want, out)
	}
}

// TestLintConfigErrorsHaveLines checks that a problem in the [lint] table
// names its line of pmkb.toml (QA4 #14).
func TestLintConfigErrorsHaveLines(t *testing.T) {
	root := site(t, map[string]string{
		"pmkb.toml":                "title = \"KB\"\n\n[lint.rules]\n\"pii/phone\" = \"off\"\n\"bogus/rule\" = \"off\"\n",
		"content/postmortems/a.md": okPM,
	})
	t.Chdir(root)
	code, out, _ := pmkb(t, "lint", "--today", "2024-06-01")
	want := `pmkb.toml:5: error: unknown lint rule "bogus/rule" (pmkb lint --rules lists them) [contract]`
	if code != exitContent || !strings.Contains(out, want+"\n") {
		t.Errorf("exit %d, want %d and\n%s\nin\n%s", code, exitContent, want, out)
	}
	// A build does not ignore the misspelt rule either, and tags it as
	// lint does (QA 15 D-F4).
	code, _, errOut := pmkb(t, "build", "--today", "2024-06-01")
	if code != exitContent || !strings.Contains(errOut, want+"\n") {
		t.Errorf("build: exit %d, want %d and\n%s\nin\n%s", code, exitContent, want, errOut)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("the build published a site with a broken lint config")
	}
}

// TestLintMissingFile checks that a path that does not exist is reported
// as such, not as "not a postmortem" (QA4 #21).
func TestLintMissingFile(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM, "notes.md": "# notes\n"})
	t.Chdir(root)
	for _, tt := range []struct{ path, want string }{
		// A .md under content/postmortems/ that does not exist may be
		// a deleted postmortem, which the pre-commit hook passes
		// (QA 16 B-F2: TestPreCommitHookCatchesRenameAndDelete).
		{"content/nonexist.md", "pmkb: content/nonexist.md: no such file\n"},
		{"content/postmortems/nonexist.png", "pmkb: content/postmortems/nonexist.png: no such file\n"},
		{"../nonexist.md", "pmkb: ../nonexist.md: no such file\n"},
		{"notes.md", "pmkb: notes.md is not a postmortem of this site (postmortems are the .md files under content/postmortems)\n"},
	} {
		code, _, errOut := pmkb(t, "lint", tt.path)
		if code != exitUsage || errOut != tt.want {
			t.Errorf("lint %s: exit %d, stderr %q; want %d, %q", tt.path, code, errOut, exitUsage, tt.want)
		}
	}
}

// TestLintMissingFileNearName checks that a path that does not exist but
// is one typo away from a postmortem beside it is named with a
// did-you-mean: it passes as a deleted postmortem when nothing refers to
// it, and a typed path's typo went unseen (left from QA 16).
func TestLintMissingFileNearName(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/dns-outage.md": okPM})
	t.Chdir(root)
	for _, tt := range []struct{ path, want string }{
		{"content/postmortems/2024/dns-outgae.md", "; did you mean content/postmortems/2024/dns-outage.md?\n"},
		{"content/postmortems/2024/something-else.md", "checked the site for what still refers to it\n"},
	} {
		code, _, errOut := pmkb(t, "lint", tt.path)
		if code != exitOK || !strings.Contains(errOut, "does not exist (deleted or renamed?)") || !strings.Contains(errOut, tt.want) {
			t.Errorf("lint %s: exit %d, stderr %q; want %d and %q", tt.path, code, errOut, exitOK, tt.want)
		}
	}
}
