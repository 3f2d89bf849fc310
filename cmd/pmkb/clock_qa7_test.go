package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pmkbAt runs the CLI with the clock at now.
func pmkbAt(t *testing.T, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" },
		now: func() time.Time { return now }}
	code := e.dispatch(context.Background(), args)
	return code, out.String(), errOut.String()
}

const clockPM = `---
title: Tonight's outage
date: 2026-11-28
severity: SEV2
status: published
systems: [api]
causes: [bad-deploy]
summary: The API was down.
impact: Nobody could pay.
action_items:
  - id: A1
    title: Roll back faster
    owner: bob
    due: 2026-11-27
---
## Summary

The API was down.
`

// TestTodayIsTheClocksDateInTheSitesZone checks that, with neither
// --today nor the config's today, every command's today is the clock's
// date in the site's timeZone, not in the machine's or UTC: at 16:28 UTC
// on 2026-11-27 it is already the 28th in Tokyo (QA round 7, #5).
func TestTodayIsTheClocksDateInTheSitesZone(t *testing.T) {
	now := time.Date(2026, 11, 27, 16, 28, 0, 0, time.UTC)
	for _, tt := range []struct {
		zone, today string
		overdue     bool // the item due 2026-11-27 is overdue
		future      bool // lint warns that date 2026-11-28 is after today
	}{
		{"Asia/Tokyo", "2026-11-28", true, false},
		{"UTC", "2026-11-27", false, true},
		{"America/Los_Angeles", "2026-11-27", false, true},
	} {
		t.Run(tt.zone, func(t *testing.T) {
			root := site(t, map[string]string{
				"pmkb.toml":                      "timeZone = \"" + tt.zone + "\"\n",
				"content/postmortems/tonight.md": clockPM,
			})
			code, out, errOut := pmkbAt(t, now, "build", "--source", root)
			if code != exitOK || !strings.Contains(out, "today "+tt.today) {
				t.Errorf("build: exit %d, want today %s\n%s%s", code, tt.today, out, errOut)
			}

			code, _, errOut = pmkbAt(t, now, "actions", "--source", root, "--fail-on-overdue")
			if got := code == exitContent; got != tt.overdue {
				t.Errorf("actions --fail-on-overdue: exit %d, stderr %q; want overdue %v", code, errOut, tt.overdue)
			}
			if tt.overdue && !strings.Contains(errOut, "(today is "+tt.today+")") {
				t.Errorf("actions --fail-on-overdue: stderr %q lacks today %s", errOut, tt.today)
			}

			_, out, _ = pmkbAt(t, now, "notify", "--source", root, "--dry-run")
			if !strings.Contains(out, "As of "+tt.today) {
				t.Errorf("notify: want As of %s\n%s", tt.today, out)
			}

			_, out, errOut = pmkbAt(t, now, "lint", "--source", root)
			if got := strings.Contains(out+errOut, "[dates/future]"); got != tt.future {
				t.Errorf("lint: dates/future %v, want %v\n%s%s", got, tt.future, out, errOut)
			}

			code, out, errOut = pmkbAt(t, now, "new", "--source", root, "Clock test")
			if code != exitOK {
				t.Fatalf("new: exit %d\n%s%s", code, out, errOut)
			}
			name := filepath.Join(root, "content", "postmortems", "2026", tt.today+"-clock-test.md")
			data, err := os.ReadFile(name)
			if err != nil || !strings.Contains(string(data), "date: "+tt.today) {
				t.Errorf("new: %v; want %s dated %s\n%s", err, name, tt.today, out)
			}
		})
	}
}

// TestConfigTodayAndFlagWinOverTheClock checks the order: --today, then
// the config's today (but for actions and notify), then the clock in the
// site's zone.
func TestConfigTodayAndFlagWinOverTheClock(t *testing.T) {
	now := time.Date(2026, 11, 27, 16, 28, 0, 0, time.UTC)
	root := site(t, map[string]string{
		"pmkb.toml":                      "timeZone = \"Asia/Tokyo\"\ntoday = \"2026-03-01\"\n",
		"content/postmortems/tonight.md": clockPM,
	})
	if _, out, _ := pmkbAt(t, now, "build", "--source", root); !strings.Contains(out, "today 2026-03-01") {
		t.Errorf("build: want the config's today\n%s", out)
	}
	if _, out, _ := pmkbAt(t, now, "build", "--source", root, "--today", "2026-05-05"); !strings.Contains(out, "today 2026-05-05") {
		t.Errorf("build --today: want 2026-05-05\n%s", out)
	}
	if _, out, _ := pmkbAt(t, now, "notify", "--source", root, "--dry-run"); !strings.Contains(out, "As of 2026-11-28") {
		t.Errorf("notify: want the clock's date in Tokyo\n%s", out)
	}
	note := "note: today is fixed to 2026-03-01 by pmkb.toml (272 days ago); pass --today to override\n"
	if _, _, errOut := pmkbAt(t, now, "stats", "--source", root); errOut != note {
		t.Errorf("stats: stderr %q, want %q", errOut, note)
	}
}

// TestActionExportsSpeakTheSitesLanguage checks, end to end, that a
// language = "ja" site's overdue feed, calendar and Slack digest are in
// Japanese (qa7-a #4).
func TestActionExportsSpeakTheSitesLanguage(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	root := site(t, map[string]string{
		"pmkb.toml":                      "language = \"ja\"\ntimeZone = \"Asia/Tokyo\"\n",
		"content/postmortems/tonight.md": clockPM,
	})
	if code, out, errOut := pmkbAt(t, now, "build", "--source", root); code != exitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
	}
	for file, want := range map[string]string{
		"public/actions/overdue.xml": "：期限切れのアクションアイテム</title>",
		"public/actions.ics":         "\\n状態：未着手\\n",
	} {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if text := strings.ReplaceAll(string(data), "\r\n ", ""); err != nil || !strings.Contains(text, want) {
			t.Errorf("%s: %v; lacks %q\n%s", file, err, want, data)
		}
	}
	_, out, _ := pmkbAt(t, now, "notify", "--source", root, "--dry-run")
	if want := "*bob* （期限切れ 1 件）"; !strings.Contains(out, want) {
		t.Errorf("notify: lacks %q\n%s", want, out)
	}
}
