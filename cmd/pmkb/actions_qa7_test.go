package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// qa7PM has items that tell the clock's today (2026-11-27) from an old
// one (2026-03-01), formula-like cells, and owners spelt several ways:
// bob 2 items against Bob's 1, carol 2 against @carol's 1.
const qa7PM = `---
title: API deploy broke checkout
date: 2026-01-10
severity: SEV1
systems: [api]
causes: [bad-deploy]
action_items:
  - id: A1
    title: Roll back faster
    owner: Bob
    due: 2026-02-01
  - id: A2
    title: "+1 rollback, \"quoted\"; semi"
    owner: "@carol"
    due: 2026-06-01
  - id: A3
    title: Canary deploys
    owner: bob
    due: 2030-01-01
  - id: A4
    title: Deploy freeze calendar
    owner: carol
    due: 2030-01-01
  - id: A5
    title: Review deploy checklist
    owner: bob
    due: 2030-01-01
  - id: A6
    title: Alert on 5xx
    owner: "=HYPERLINK(\"http://evil.example\",\"x\")"
    due: 2030-01-01
  - id: A7
    title: Staging parity
    owner: carol
    due: 2030-01-01
---
The deploy broke checkout.
`

// TestActionsOutputIsTheSitesAPI checks that `pmkb actions --format
// csv|json` writes the bytes of the site's api/actions.csv and
// api/actions.json: one CSV writer that defuses formulas and starts with a
// BOM, and one order, most urgent first (QA round 7, #6 and #11).
func TestActionsOutputIsTheSitesAPI(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": qa7PM})
	if code, _, errOut := pmkb(t, "build", "--source", root); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	for _, format := range []string{"csv", "json"} {
		code, out, errOut := pmkb(t, "actions", "--source", root, "--format", format)
		if code != exitOK {
			t.Fatalf("actions --format %s: exit %d\n%s", format, code, errOut)
		}
		api, err := os.ReadFile(filepath.Join(root, "public", "api", "actions."+format))
		if err != nil {
			t.Fatal(err)
		}
		if out != string(api) {
			t.Errorf("actions --format %s differs from api/actions.%s:\n%s\n---\n%s", format, format, out, api)
		}
		if format == "csv" {
			for _, want := range []string{"\uFEFFkey,postmortem,", `,"'=HYPERLINK(""http://evil.example"",""x"")",`, `,"'+1 rollback, ""quoted""; semi",'@carol,`} {
				if !strings.Contains(out, want) {
					t.Errorf("the CSV lacks %q:\n%s", want, out)
				}
			}
		}
	}
}

// TestScheduledCommandsUseTheClock checks that a today fixed in pmkb.toml
// for reproducible builds does not freeze actions and notify, which use
// the clock unless --today is given, and that stats, which keeps it (its
// --json is the site's /api/stats.json), says so (QA round 7, #3).
func TestScheduledCommandsUseTheClock(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": qa7PM, "pmkb.toml": "today = \"2026-03-01\"\n"})

	code, _, errOut := pmkb(t, "actions", "--source", root, "--overdue", "--fail-on-overdue")
	if want := "pmkb: 2 of the 2 listed action items are overdue (today is 2026-11-27)\n"; code != exitContent || errOut != want {
		t.Errorf("actions --fail-on-overdue: exit %d, stderr %q; want 1, %q", code, errOut, want)
	}
	code, _, errOut = pmkb(t, "actions", "--source", root, "--overdue", "--fail-on-overdue", "--today", "2026-03-01")
	if want := "pmkb: the one listed action item is overdue (today is 2026-03-01)\n"; code != exitContent || errOut != want {
		t.Errorf("actions --today 2026-03-01: exit %d, stderr %q; want 1, %q", code, errOut, want)
	}

	code, out, errOut := pmkb(t, "notify", "--source", root, "--dry-run")
	if code != exitOK || !strings.Contains(out, "As of 2026-11-27: *2 overdue*") {
		t.Errorf("notify --dry-run: exit %d\n%s\n%s", code, out, errOut)
	}

	note := "note: today is fixed to 2026-03-01 by pmkb.toml (271 days ago); pass --today to override\n"
	code, out, errOut = pmkb(t, "stats", "--source", root)
	if code != exitOK || errOut != note || !strings.Contains(out, "2026-03-01") {
		t.Errorf("stats: exit %d, stderr %q, want %q\n%s", code, errOut, note, out)
	}
	if code, _, errOut = pmkb(t, "stats", "--source", root, "--today", "2026-03-01"); code != exitOK || errOut != "" {
		t.Errorf("stats --today: exit %d, stderr %q, want no note", code, errOut)
	}
}

func TestOverdueMessage(t *testing.T) {
	for _, tt := range []struct {
		overdue, n int
		want       string
	}{
		{3, 3, "3 of the 3 listed action items are overdue (today is 2026-11-27)"},
		{1, 4, "1 of the 4 listed action items is overdue (today is 2026-11-27)"},
		{1, 1, "the one listed action item is overdue (today is 2026-11-27)"},
	} {
		if got := overdueMessage(tt.overdue, tt.n, model.Date{Year: 2026, Month: time.November, Day: 27}); got != tt.want {
			t.Errorf("overdueMessage(%d, %d) = %q, want %q", tt.overdue, tt.n, got, tt.want)
		}
	}
}

// TestNotifyDryRunSaysWhatTheRunDoes checks that a dry run with nothing
// to say prints what the real run prints, not a message it never posts
// (QA round 7, #10).
func TestNotifyDryRunSaysWhatTheRunDoes(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": qa7PM})
	code, out, errOut := pmkb(t, "notify", "--source", root, "--dry-run", "--today", "2025-01-01")
	if want := "nothing overdue or due soon; no message would be posted\n"; code != exitOK || out != want {
		t.Errorf("notify --dry-run: exit %d, stdout %q, want %q\n%s", code, out, want, errOut)
	}
}

// TestOwnerLabelIsTheMostUsedSpelling checks the owner index and the
// Slack digest name a folded owner as most of its items spell it (QA round
// 7, #12).
func TestOwnerLabelIsTheMostUsedSpelling(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": qa7PM})
	if code, _, errOut := pmkb(t, "build", "--source", root); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	index, err := os.ReadFile(filepath.Join(root, "public", "actions", "owners", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">bob</a>", ">carol</a>"} {
		if !bytes.Contains(index, []byte(want)) {
			t.Errorf("owner index lacks %q", want)
		}
	}
	for _, minority := range []string{">Bob</a>", ">@carol</a>"} {
		if bytes.Contains(index, []byte(minority)) {
			t.Errorf("owner index names %q", minority)
		}
	}
	_, out, _ := pmkb(t, "notify", "--source", root, "--dry-run")
	var msg struct {
		Blocks []struct {
			Text *struct{ Text string } `json:"text"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(out), &msg); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var owners []string
	for _, b := range msg.Blocks {
		if b.Text != nil && strings.HasPrefix(b.Text.Text, "*") {
			owners = append(owners, strings.SplitN(b.Text.Text, "*", 3)[1])
		}
	}
	if got := strings.Join(owners, ","); got != "bob,carol" {
		t.Errorf("digest owners %q, want bob,carol\n%s", got, out)
	}
}
