package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// eveningPM started on New Year's Eve in Los Angeles, which is already
// 2025-01-01 in UTC.
const eveningPM = `---
title: Checkout slow on New Year's Eve
date: 2024-12-31T20:00:00-08:00
severity: SEV2
systems: [checkout-api]
causes: [capacity]
timeline:
  started: 2024-12-31T20:00:00-08:00
  detected: 2024-12-31T20:10:00-08:00
  resolved: 2024-12-31T21:30:00-08:00
action_items:
  - title: Scale before the holidays
    owner: mei
    due: 2025-02-01
---
Checkout was slow.
`

// statsJSON runs `pmkb stats --json` with args and decodes the report.
func statsJSON(t *testing.T, root string, args ...string) map[string]any {
	t.Helper()
	code, out, errOut := pmkb(t, append([]string{"stats", "--source", root, "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("stats %q: exit %d\n%s", args, code, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestStatsDayIsThePostmortemsDay checks that stats, --since/--until and
// /api/stats.json put an incident on the day the rest of the site shows
// (QA round 4, #2), on a UTC site where the instant falls on the next day.
func TestStatsDayIsThePostmortemsDay(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/eve.md": eveningPM})

	doc := statsJSON(t, root)
	if doc["first"] != "2024-12-31" || doc["last"] != "2024-12-31" {
		t.Errorf("first, last = %v, %v; want 2024-12-31", doc["first"], doc["last"])
	}
	// The periods run on to today's quarter; the first is the incident's.
	if p, _ := json.Marshal(doc["periods"]); !strings.HasPrefix(string(p), `["2024-Q4",`) {
		t.Errorf("periods = %s; want them to start with \"2024-Q4\"", p)
	}
	for _, tt := range []struct {
		args []string
		want float64
	}{
		{[]string{"--until", "2024-12-31"}, 1},
		{[]string{"--since", "2024-12-31", "--until", "2024-12-31"}, 1},
		{[]string{"--since", "2025-01-01"}, 0},
	} {
		if got := statsJSON(t, root, tt.args...)["postmortems"]; got != tt.want {
			t.Errorf("stats %q: postmortems = %v; want %v", tt.args, got, tt.want)
		}
	}
	code, out, errOut := pmkb(t, "stats", "--source", root)
	if code != 0 || !strings.Contains(out, "(2024-12-31 … 2024-12-31)") {
		t.Errorf("stats text (exit %d) lacks the day 2024-12-31:\n%s%s", code, out, errOut)
	}

	// the built site agrees with itself: postmortems.json's day is stats.json's
	if code, _, errOut := pmkb(t, "build", "--source", root); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	api := filepath.Join(root, "public", "api")
	var pms struct {
		Postmortems []struct {
			Day string `json:"day"`
		} `json:"postmortems"`
	}
	var st struct {
		First   string   `json:"first"`
		Periods []string `json:"periods"`
	}
	for name, v := range map[string]any{"postmortems.json": &pms, "stats.json": &st} {
		b, err := os.ReadFile(filepath.Join(api, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if len(pms.Postmortems) != 1 || pms.Postmortems[0].Day != "2024-12-31" || st.First != pms.Postmortems[0].Day ||
		len(st.Periods) == 0 || st.Periods[0] != "2024-Q4" {
		t.Errorf("postmortems.json %+v, stats.json %+v; want day, first 2024-12-31 and first period 2024-Q4", pms.Postmortems, st)
	}
}

// TestStatsUnknownSeverity checks that --severities with a level the site
// does not know is a usage error naming the known levels, not empty tables
// (QA round 4, #4).
func TestStatsUnknownSeverity(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	for _, tt := range []struct {
		severities string
		want       []string
	}{
		{"SEV9", []string{`unknown severity "SEV9"`, "SEV1, SEV2, SEV3, SEV4"}},
		{"SEV2,SEV11", []string{`unknown severity "SEV11" (did you mean "SEV1"?)`, "SEV1, SEV2, SEV3, SEV4"}},
	} {
		for _, asJSON := range []bool{false, true} {
			args := []string{"stats", "--source", root, "--severities", tt.severities}
			if asJSON {
				args = append(args, "--json")
			}
			code, out, errOut := pmkb(t, args...)
			if code != exitUsage || out != "" {
				t.Errorf("pmkb %q: exit %d, stdout %q; want %d and nothing", args, code, out, exitUsage)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("pmkb %q: stderr %q lacks %q", args, errOut, w)
				}
			}
		}
	}
	if code, out, errOut := pmkb(t, "stats", "--source", root, "--severities", "SEV2,"); code != 0 || !strings.Contains(out, "Postmortems  1") {
		t.Errorf("--severities SEV2,: exit %d\n%s%s", code, out, errOut)
	}
	// A level in another case is the site's level, as for actions'
	// --status and search's severity: (QA 9a #12).
	if code, out, errOut := pmkb(t, "stats", "--source", root, "--severities", "sev2, Sev1"); code != 0 || !strings.Contains(out, "Postmortems  1") || !strings.Contains(out, "Counted      SEV1 SEV2 ") {
		t.Errorf("--severities sev2, Sev1: exit %d\n%s%s", code, out, errOut)
	}
	// So is a level in full-width letters or the label the site shows for
	// it, as search's severity: takes them.
	if code, out, errOut := pmkb(t, "stats", "--source", root, "--severities", "Major,ＳＥＶ１"); code != 0 || !strings.Contains(out, "Postmortems  1") || !strings.Contains(out, "Counted      SEV1 SEV2 ") {
		t.Errorf("--severities Major,ＳＥＶ１: exit %d\n%s%s", code, out, errOut)
	}
}

// TestStatsPeriodsAndNothingCounted checks that --since and --until take a
// year or a month as its first or last day, and that a selection without
// postmortems prints one sentence instead of empty tables (QA 5b #17).
func TestStatsPeriodsAndNothingCounted(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/eve.md": eveningPM})
	for _, tt := range []struct {
		args        []string
		since, till string
		want        float64
	}{
		{[]string{"--since", "2024"}, "2024-01-01", "", 1},
		{[]string{"--until", "2024"}, "", "2024-12-31", 1},
		{[]string{"--since", "2024-12", "--until", "2024-12"}, "2024-12-01", "2024-12-31", 1},
		{[]string{"--until", "2024-02"}, "", "2024-02-29", 0},
		{[]string{"--since", "2025"}, "2025-01-01", "", 0},
		{[]string{"--since", "2024-12-31"}, "2024-12-31", "", 1},
	} {
		doc := statsJSON(t, root, tt.args...)
		if doc["since"] != tt.since || doc["until"] != tt.till || doc["postmortems"] != tt.want {
			t.Errorf("stats %q: since %v, until %v, postmortems %v; want %q, %q, %v",
				tt.args, doc["since"], doc["until"], doc["postmortems"], tt.since, tt.till, tt.want)
		}
	}
	for _, bad := range []string{"24", "2024-13", "2024-02-30", "2024/12", "last-year"} {
		code, out, errOut := pmkb(t, "stats", "--source", root, "--since", bad)
		want := `pmkb stats: invalid value "` + bad + `" for flag --since: "` + bad + `" is not a day, month or year (want YYYY-MM-DD, YYYY-MM or YYYY)`
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, want) {
			t.Errorf("--since %s: exit %d\nstdout:\n%s\nstderr:\n%s", bad, code, out, errOut)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		// A period after today (the test clock's 2026-11-27) says so (QA
		// round 7, #16).
		{[]string{"--since", "2026-12-01"}, "No postmortems from 2026-12-01 on: that period lies after today (2026-11-27).\n"},
		{[]string{"--since", "2026-12", "--until", "2027"}, "No postmortems between 2026-12-01 and 2027-12-31: that period lies after today (2026-11-27).\n"},
		{[]string{"--since", "2026-11-27"}, "No postmortems between 2026-11-27 and today.\n"},
		{[]string{"--since", "2025", "--until", "2025"}, "No postmortems between 2025-01-01 and 2025-12-31.\n"},
		{[]string{"--until", "2023-06"}, "No postmortems on or before 2023-06-30.\n"},
		{[]string{"--severities", "SEV1"}, "No postmortems of severity SEV1.\n"},
		{[]string{"--severities", "SEV1,SEV3", "--since", "2024"}, "No postmortems of severity SEV1 or SEV3 between 2024-01-01 and today.\n"},
	} {
		code, out, errOut := pmkb(t, append([]string{"stats", "--source", root}, tt.args...)...)
		if code != exitOK || out != tt.want || errOut != "" {
			t.Errorf("stats %q: exit %d, stdout %q, stderr %q; want %q", tt.args, code, out, errOut, tt.want)
		}
	}
	// The JSON stays the whole document, for scripts.
	if doc := statsJSON(t, root, "--since", "2026-12-01"); doc["postmortems"] != 0.0 || doc["since"] != "2026-12-01" {
		t.Errorf("--json with nothing counted: %v", doc)
	}
}
