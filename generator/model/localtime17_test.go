package model

import (
	"testing"
	"time"
)

// TestLocalTime checks LocalTime against Python's zoneinfo with fold=0
// (values from python3: datetime(..., fold=0, tzinfo=ZoneInfo(zone)))
// in zones where Go's time.Date reads a repeated or skipped hour one way
// in one zone and the other way in the next (QA 17 B-F1, B-F2).
func TestLocalTime(t *testing.T) {
	for _, c := range []struct {
		zone, wall, want string
		kind             LocalKind
		other            string
	}{
		{"Europe/London", "2026-10-25T01:10:00", "2026-10-25T01:10:00+01:00", LocalRepeated, "2026-10-25T01:10:00Z"},
		{"America/Los_Angeles", "2026-11-01T01:30:00", "2026-11-01T01:30:00-07:00", LocalRepeated, "2026-11-01T01:30:00-08:00"},
		{"Europe/London", "2026-03-29T01:30:00", "2026-03-29T02:30:00+01:00", LocalSkipped, "2026-03-29T02:00:00+01:00"},
		{"America/Los_Angeles", "2026-03-08T02:30:00", "2026-03-08T03:30:00-07:00", LocalSkipped, "2026-03-08T03:00:00-07:00"},
		{"America/Santiago", "2026-09-06T00:00:00", "2026-09-06T01:00:00-03:00", LocalSkipped, "2026-09-06T01:00:00-03:00"},
		{"America/Santiago", "2026-04-04T23:30:00", "2026-04-04T23:30:00-03:00", LocalRepeated, "2026-04-04T23:30:00-04:00"},
		{"Australia/Lord_Howe", "2026-04-05T01:45:00", "2026-04-05T01:45:00+11:00", LocalRepeated, "2026-04-05T01:45:00+10:30"},
		{"Asia/Tokyo", "2026-03-08T02:30:00", "2026-03-08T02:30:00+09:00", LocalOnce, ""},
		{"America/Los_Angeles", "2026-11-01T02:30:00", "2026-11-01T02:30:00-08:00", LocalOnce, ""},
		{"UTC", "9999-12-31T23:59:59", "9999-12-31T23:59:59Z", LocalOnce, ""},
		{"America/Los_Angeles", "9999-12-31T12:00:00", "9999-12-31T12:00:00-08:00", LocalOnce, ""},
	} {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		wall, err := time.Parse("2006-01-02T15:04:05", c.wall)
		if err != nil {
			t.Fatal(err)
		}
		got, kind, other := LocalTime(wall, loc)
		if s := got.Format(time.RFC3339); s != c.want || kind != c.kind {
			t.Errorf("%s %s: %s (kind %d), want %s (kind %d)", c.zone, c.wall, s, kind, c.want, c.kind)
		}
		if got.Location() != loc {
			t.Errorf("%s %s: in %v, want %v", c.zone, c.wall, got.Location(), loc)
		}
		if c.other != "" && other.Format(time.RFC3339) != c.other {
			t.Errorf("%s %s: other %s, want %s", c.zone, c.wall, other.Format(time.RFC3339), c.other)
		}
	}
}

// TestDayStart: a date-only date on a day whose midnight the clocks skip
// is that day's first instant, not 23:00 of the day before (QA 17 B-F2).
func TestDayStart(t *testing.T) {
	for _, c := range []struct{ zone, day, want string }{
		{"America/Santiago", "2026-09-06", "2026-09-06T01:00:00-03:00"},
		{"America/Havana", "2026-03-08", "2026-03-08T01:00:00-04:00"},
		{"Asia/Beirut", "2026-03-29", "2026-03-29T01:00:00+03:00"},
		{"America/Sao_Paulo", "2018-11-04", "2018-11-04T01:00:00-02:00"},
		{"Asia/Tokyo", "2026-11-28", "2026-11-28T00:00:00+09:00"},
	} {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseDate(c.day)
		if err != nil {
			t.Fatal(err)
		}
		got := DayStart(d, loc)
		if s := got.Format(time.RFC3339); s != c.want || DateOf(got) != d {
			t.Errorf("%s %s: %s (day %s), want %s", c.zone, c.day, s, DateOf(got), c.want)
		}
	}
}
