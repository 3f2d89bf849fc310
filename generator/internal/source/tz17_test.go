package source_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// tzDoc parses a postmortem dated date with the timeline lines given
// (each "  started: …") on a site in zone, and returns it with its
// diagnostics; the timeline starts at line 6.
func tzDoc(t *testing.T, zone, date string, timeline ...string) (*model.Postmortem, []diag.Diagnostic) {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	cfg := model.DefaultSiteConfig()
	cfg.TimeZone = loc
	text := []string{"---", "title: Clock change", "date: " + date, "severity: SEV2", "summary: Clocks.", "timeline:"}
	text = append(text, timeline...)
	text = append(text, "---", "", "Body.")
	p, diags := source.ParseFile("content/postmortems/x.md", []byte(strings.Join(text, "\n")), &cfg)
	if p == nil {
		t.Fatalf("does not parse:\n%s", diags)
	}
	return p, diags.Items()
}

// TestTimelineRepeatedAndSkippedHour: a time without an offset in the
// hour the clocks repeat or skip was read silently, the repeated hour as
// its second occurrence in London and its first in Los Angeles, a
// skipped time forward in London and backward in Los Angeles. Now one
// rule (Python's fold=0) in every zone, and a warning at the line
// naming what to write (QA 17 B-F1).
func TestTimelineRepeatedAndSkippedHour(t *testing.T) {
	for _, c := range []struct {
		zone, moment string
		want         string // RFC 3339, as read
		warn         string // in the warning at the moment's line; "" for none
	}{
		{"Europe/London", "2026-10-25T01:10:00", "2026-10-25T01:10:00+01:00",
			"timeline.detected 2026-10-25T01:10 happens twice in Europe/London (BST and GMT): write its offset, +01:00 or +00:00"},
		{"America/Los_Angeles", "2026-11-01T01:30:00", "2026-11-01T01:30:00-07:00",
			"timeline.detected 2026-11-01T01:30 happens twice in America/Los_Angeles (PDT and PST): write its offset, -07:00 or -08:00"},
		{"Europe/London", "2026-03-29T01:30:00", "2026-03-29T02:30:00+01:00",
			"timeline.detected 2026-03-29T01:30 does not exist in Europe/London (clocks went from 01:00 to 02:00)"},
		{"America/Los_Angeles", "2026-03-08T02:30:00", "2026-03-08T03:30:00-07:00",
			"timeline.detected 2026-03-08T02:30 does not exist in America/Los_Angeles (clocks went from 02:00 to 03:00)"},
		{"America/Los_Angeles", "2026-03-08 02:30", "2026-03-08T03:30:00-07:00", "does not exist"},
		// A lower-case t, which RFC 3339 allows, is warned about too (QA 17r-b R1).
		{"America/Los_Angeles", "2026-03-08t02:30:00", "2026-03-08T03:30:00-07:00", "does not exist"},
		{"Europe/London", "2026-10-25t01:10:00", "2026-10-25T01:10:00+01:00", "happens twice"},
		{"America/Los_Angeles", "2026-11-01T02:30:00", "2026-11-01T02:30:00-08:00", ""},
		// A change of standard offset, and a skipped day (QA 17r-b R6).
		{"Europe/Moscow", "2014-10-26T01:30:00", "2014-10-26T01:30:00+04:00", "happens twice in Europe/Moscow (UTC+04:00 and UTC+03:00)"},
		{"Pacific/Apia", "2011-12-30T12:00:00", "2011-12-31T12:00:00+14:00", "(clocks went from 2011-12-30 00:00 to 2011-12-31 00:00)"},
		{"Europe/London", "2026-10-25T02:10:00", "2026-10-25T02:10:00Z", ""},
	} {
		p, diags := tzDoc(t, c.zone, c.moment[:10], "  detected: "+c.moment)
		if got := p.Timeline.Detected.Format(time.RFC3339); got != c.want {
			t.Errorf("%s %s: read as %s, want %s", c.zone, c.moment, got, c.want)
		}
		var warned []string
		for _, d := range diags {
			if d.Severity == diag.Error {
				t.Errorf("%s %s: error %s", c.zone, c.moment, d)
			}
			if strings.Contains(d.Message, "happens twice") || strings.Contains(d.Message, "does not exist") {
				warned = append(warned, d.Message)
				if d.Pos.Line != 7 || d.Severity != diag.Warning {
					t.Errorf("%s %s: %s at line %d, want a warning at line 7", c.zone, c.moment, d, d.Pos.Line)
				}
			}
		}
		switch {
		case c.warn == "" && len(warned) > 0:
			t.Errorf("%s %s: unexpected %q", c.zone, c.moment, warned)
		case c.warn != "" && (len(warned) != 1 || !strings.Contains(warned[0], c.warn)):
			t.Errorf("%s %s: warnings %q, want one with %q", c.zone, c.moment, warned, c.warn)
		}
	}
}

// TestDateOnlySkippedMidnight: a date-only date on a day whose 00:00 the
// clocks skip was 23:00 of the day before, and the page, the feeds and
// stats then counted the incident on the wrong day (QA 17 B-F2).
func TestDateOnlySkippedMidnight(t *testing.T) {
	for _, c := range []struct{ zone, date, want string }{
		{"America/Santiago", "2026-09-06", "2026-09-06T01:00:00-03:00"},
		{"America/Havana", "2026-03-08", "2026-03-08T01:00:00-04:00"},
		{"America/Sao_Paulo", "2018-11-04", "2018-11-04T01:00:00-02:00"},
		{"Asia/Tokyo", "2026-09-06", "2026-09-06T00:00:00+09:00"},
	} {
		p, diags := tzDoc(t, c.zone, c.date, "  started: "+c.date+"T10:00:00")
		for _, d := range diags {
			if d.Severity == diag.Error {
				t.Errorf("%s %s: error %s", c.zone, c.date, d)
			}
		}
		if got := p.Date.Format(time.RFC3339); got != c.want || p.Day().String() != c.date {
			t.Errorf("%s %s: date %s, day %s; want %s, day %s", c.zone, c.date, got, p.Day(), c.want, c.date)
		}
	}
}

// TestTimeOffsetRangeAndCase: RFC 3339's offset is at most ±23:59, and
// its "T" and "Z" may be lower case. Go's time.Parse is the other way
// round on both: "+24:00" was read and re-emitted into the JSON that
// Python then refused, "2026-05-05t10:00:00z" was "not a time" (QA 17
// B-F6).
func TestTimeOffsetRangeAndCase(t *testing.T) {
	for _, c := range []struct {
		moment string
		want   string // RFC 3339 as read, or "" for an error at the line
	}{
		{"2026-05-05T10:00:00+24:00", ""},
		{"2026-05-05T10:00:00-24:00", ""},
		{"2026-05-05T10:00:00+23:60", ""},
		{"2026-05-05T10:00:00.5+24:00", ""},
		{"2026-05-05 10:00+24:00", ""},
		{"2026-05-05T10:00:00+23:59", "2026-05-05T10:00:00+23:59"},
		{"2026-05-05T10:00:00-23:59", "2026-05-05T10:00:00-23:59"},
		{"2026-05-05t10:00:00z", "2026-05-05T10:00:00Z"},
		{"2026-05-05t10:00:00.25+09:00", "2026-05-05T10:00:00+09:00"},
		{"2026-05-05T10:00:00z", "2026-05-05T10:00:00Z"},
	} {
		for _, where := range []string{"timeline", "date"} {
			date, line := "2026-05-05", 7
			if where == "date" {
				date, line = c.moment, 3
			}
			p, diags := tzDoc(t, "UTC", date, "  started: "+c.moment)
			var errs []diag.Diagnostic
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs = append(errs, d)
				}
			}
			got := p.Timeline.Started
			if where == "date" {
				got = p.Date
			}
			if c.want == "" {
				if len(errs) == 0 || errs[0].Pos.Line != line || !strings.Contains(errs[0].Message, "out of range (RFC 3339 allows -23:59 to +23:59)") {
					t.Errorf("%s %s: errors %v, want an out-of-range offset at line %d", where, c.moment, errs, line)
				}
				// No advice to write the offset again.
				for _, e := range errs {
					if strings.Contains(e.Message, "; write") {
						t.Errorf("%s %s: %s", where, c.moment, e.Message)
					}
				}
				continue
			}
			if len(errs) > 0 || got.Format(time.RFC3339) != c.want {
				t.Errorf("%s %s: read as %s (errors %v), want %s", where, c.moment, got.Format(time.RFC3339), errs, c.want)
			}
		}
	}
}

// TestDateInRepeatedOrSkippedHour checks that a date: with a time and no
// offset in the hour the clocks repeat or skip gets the timeline's
// warning, at its line, as README says of any such time: it was read by
// the rule silently (QA 17r-b R5). A date-only date: gets none.
func TestDateInRepeatedOrSkippedHour(t *testing.T) {
	for _, c := range []struct{ zone, date, warn string }{
		{"Europe/London", "2026-10-25T01:10:00", "date 2026-10-25T01:10 happens twice in Europe/London"},
		{"America/Los_Angeles", "2026-03-08T02:30:00", "date 2026-03-08T02:30 does not exist in America/Los_Angeles"},
		{"America/Los_Angeles", "2026-03-08", ""},
		{"America/Los_Angeles", "2026-03-08T02:30:00-08:00", ""},
	} {
		_, diags := tzDoc(t, c.zone, c.date, "  detected: "+c.date[:10]+"T12:00:00Z")
		var warned []string
		for _, d := range diags {
			if strings.Contains(d.Message, "happens twice") || strings.Contains(d.Message, "does not exist") {
				warned = append(warned, d.Message)
				if d.Pos.Line != 3 {
					t.Errorf("%s %s: %s at line %d, want line 3", c.zone, c.date, d, d.Pos.Line)
				}
			}
		}
		if (c.warn == "") != (len(warned) == 0) || (c.warn != "" && !strings.Contains(warned[0], c.warn)) {
			t.Errorf("%s %s: warnings %q, want %q", c.zone, c.date, warned, c.warn)
		}
	}
}
