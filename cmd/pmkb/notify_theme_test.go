package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestNotifyTheme checks that notify --theme says the UI strings of a
// site's theme, laid over the built-in ones as build lays them, so the
// digest uses the words the site uses; before, notify always said the
// built-in theme's words. A --theme that is not a folder is a usage error.
func TestNotifyTheme(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/a.md": qa7PM,
		"theme/i18n/en.json":       `{"notify.header": "Follow-ups: %d late, %d due soon"}`,
	})
	theme := filepath.Join(root, "theme")

	code, out, errOut := pmkb(t, "notify", "--source", root, "--dry-run", "--theme", theme)
	if code != exitOK {
		t.Fatalf("notify --theme: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "Follow-ups: 2 late, ") {
		t.Errorf("notify --theme: the digest lacks the theme's header\n%s", out)
	}
	if !strings.Contains(out, "As of 2026-11-27: *2 overdue*") {
		t.Errorf("notify --theme: strings the theme lacks should come from the built-in theme\n%s", out)
	}

	_, out, _ = pmkb(t, "notify", "--source", root, "--dry-run")
	if strings.Contains(out, "Follow-ups") {
		t.Errorf("notify without --theme says the theme's words\n%s", out)
	}

	code, _, errOut = pmkb(t, "notify", "--source", root, "--dry-run", "--theme", filepath.Join(root, "nope"))
	if code != exitUsage || !strings.Contains(errOut, "is not a folder") {
		t.Errorf("notify --theme nope: exit %d, stderr %q; want a usage error", code, errOut)
	}
}

// TestNotifyThemeWarnings checks that notify --theme reports the theme's
// problems as build does: a UI string key the theme misspells is a
// warning at its file, and an error that stops the digest when the site
// grades theme-unused an error; before, notify said nothing and the
// digest silently kept the built-in words (left from QA 16).
func TestNotifyThemeWarnings(t *testing.T) {
	for _, tt := range []struct {
		config string
		code   int
	}{
		{"", exitOK},
		{"[lint.rules]\n\"theme-unused\" = \"error\"\n", exitContent},
	} {
		root := site(t, map[string]string{
			"content/postmortems/a.md": qa7PM,
			"pmkb.toml":                "title = \"KB\"\ntoday = \"2026-11-27\"\n" + tt.config,
			"theme/i18n/en.json":       `{"notify.haeder": "Follow-ups: %d late, %d due soon"}`,
		})
		code, out, errOut := pmkb(t, "notify", "--source", root, "--dry-run", "--theme", filepath.Join(root, "theme"))
		if code != tt.code || !strings.Contains(errOut, "en.json") || !strings.Contains(errOut, "notify.haeder") {
			t.Errorf("notify --theme with %q: exit %d, stderr %q; want %d and the misspelt key at its file", tt.config, code, errOut, tt.code)
		}
		if tt.code != exitOK && strings.Contains(out, "overdue") {
			t.Errorf("notify --theme with %q printed a digest after the theme's error:\n%s", tt.config, out)
		}
	}
}
