package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pmkb/pmkb/generator"
)

// icalJS reads an iCalendar file on stdin with ical.js (Mozilla's
// parser, the one Thunderbird uses) and prints its events and, for each
// local time given as JSON in argv[3], the UTC offset its VTIMEZONE gives.
// ICAL.parse throws on a calendar it cannot read.
const icalJS = `
const ICAL = require(process.argv[1]);
let s = '';
process.stdin.on('data', d => s += d).on('end', () => {
  const cal = new ICAL.Component(ICAL.parse(s));
  const out = {events: [], tzid: '', offsets: {}};
  for (const c of cal.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(c);
    out.events.push({uid: e.uid, start: e.startDate.toString(), allDay: e.startDate.isDate});
  }
  const vtz = cal.getFirstSubcomponent('vtimezone');
  if (vtz) {
    const tz = new ICAL.Timezone(vtz);
    out.tzid = tz.tzid;
    for (const d of JSON.parse(process.argv[2])) out.offsets[d] = tz.utcOffset(ICAL.Time.fromDateTimeString(d));
  }
  console.log(JSON.stringify(out));
});
`

// donePostmortem has one action item, done: its site's calendar has no
// event.
const donePostmortem = `---
title: Disk filled up
date: 2026-11-01
severity: SEV3
systems: [search-api]
causes: [disk-full]
action_items:
  - title: Rotate logs daily
    owner: ana
    due: 2026-11-20
    status: done
    closed: 2026-11-10
---
The disk filled up.
`

// TestCalendarReadByICALjs checks actions.ics with an independent
// iCalendar parser: in several time zones, and with no event at all (QA 15
// B-F4 made the calendar always hold the site zone's VTIMEZONE, checked
// then against RFC 5545's grammar by reading only). ical.js must read
// every file, find one all-day event per open item with a due date (by
// its UID, on its due date), and give the VTIMEZONE the offsets Go's zone
// database has in the year of today and the next.
func TestCalendarReadByICALjs(t *testing.T) {
	lib := externalTool(t, "ical.js/dist/ical.es5.cjs")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("%v: ical.js runs in node (Debian: nodejs); %s=1 skips this test", err, skipExternalEnv)
	}
	moments := []string{"2026-12-15T12:00:00", "2027-07-15T12:00:00"}
	for _, tc := range []struct {
		zone    string
		allDone bool // every action item closed: no event
	}{
		{"UTC", false}, {"Asia/Tokyo", false}, {"America/Los_Angeles", false},
		{"Europe/Dublin", false}, {"Australia/Lord_Howe", false}, {"America/Los_Angeles", true},
	} {
		name := tc.zone
		if tc.allDone {
			name += ", no event"
		}
		t.Run(name, func(t *testing.T) {
			src := overlay(t, nil)
			cfg := strings.Replace(string(src["pmkb.toml"].Data), `timeZone = "UTC"`, `timeZone = "`+tc.zone+`"`, 1)
			if !strings.Contains(cfg, tc.zone) {
				t.Fatal("the sample's pmkb.toml has no timeZone line to change")
			}
			src["pmkb.toml"].Data = []byte(cfg)
			if tc.allDone { // one postmortem, its one item done
				src = fstest.MapFS{"pmkb.toml": src["pmkb.toml"], "content/postmortems/2026/2026-11-01-done.md": {Data: []byte(donePostmortem)}}
			}
			site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday})
			if err != nil {
				t.Fatalf("build: %v\n%v", err, site.Diagnostics)
			}
			// The events to expect: open items with a due date, from the
			// site's own list of action items.
			var items []struct {
				Key    string  `json:"key"`
				Due    *string `json:"due"`
				Closed *string `json:"closed"`
				Status string  `json:"status"`
			}
			if err := json.Unmarshal([]byte(fileData(site.Files, "api/actions.json")), &items); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{} // UID key → due date
			for _, it := range items {
				if it.Due != nil && it.Status != "done" && it.Status != "wont-do" {
					want[it.Key] = *it.Due
				}
			}
			if tc.allDone != (len(want) == 0) {
				t.Fatalf("%d open items with a due date; the case wants them %s", len(want), map[bool]string{true: "none", false: "some"}[tc.allDone])
			}
			arg, _ := json.Marshal(moments)
			cmd := exec.Command(node, "-e", icalJS, lib, string(arg))
			cmd.Stdin = strings.NewReader(fileData(site.Files, "actions.ics"))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("ical.js cannot read actions.ics: %v\n%s", err, stderr.String())
			}
			var got struct {
				Events []struct {
					UID, Start string
					AllDay     bool
				}
				Tzid    string
				Offsets map[string]int
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			var keys []string
			for _, e := range got.Events {
				key, _, _ := strings.Cut(e.UID, "@")
				keys = append(keys, key)
				if due, ok := want[key]; !ok || e.Start != due || !e.AllDay {
					t.Errorf("event %s on %s (all day %v); want an all-day event on the item's due date %q", e.UID, e.Start, e.AllDay, due)
				}
			}
			if slices.Sort(keys); len(slices.Compact(keys)) != len(want) {
				t.Errorf("%d distinct events, want %d", len(keys), len(want))
			}
			if got.Tzid != tc.zone {
				t.Errorf("VTIMEZONE %q, want %q", got.Tzid, tc.zone)
			}
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range moments {
				at, _ := time.ParseInLocation("2006-01-02T15:04:05", m, loc)
				if _, off := at.Zone(); got.Offsets[m] != off {
					t.Errorf("at %s ical.js reads the VTIMEZONE as UTC%+d s, Go's zone database says %+d s", m, got.Offsets[m], off)
				}
			}
		})
	}
}
