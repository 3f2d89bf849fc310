package model

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day without a time or zone: an action item's due date,
// the build's "today", the day an incident started. It is shown as the same
// day in every time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses "YYYY-MM-DD" and rejects impossible days such as
// 2024-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date (no date given).
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d, for arithmetic and sorting.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String formats d as "YYYY-MM-DD", or "" for the zero Date. Fields out
// of range are written as fmt's "%04d-%02d-%02d" would ("-005-02-03",
// "10000-01-02", "2024-13-100"). It does not use fmt: every row and page
// of the site formats dates.
func (d Date) String() string {
	var buf [10]byte
	return string(d.Append(buf[:0]))
}

// Append appends d as String formats it to b (nothing for the zero Date),
// for writers that build their output in a byte slice.
func (d Date) Append(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	y, m, day := d.Year, int(d.Month), d.Day
	if 0 <= y && y <= 9999 && 0 <= m && m <= 99 && 0 <= day && day <= 99 {
		return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
			byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
	}
	b = appendPadded(b, y, 4)
	b = appendPadded(append(b, '-'), m, 2)
	return appendPadded(append(b, '-'), day, 2)
}

// appendPadded appends n in decimal, zero-padded after any sign to width
// characters, as fmt's %0*d does.
func appendPadded(b []byte, n, width int) []byte {
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], int64(n), 10)
	if n < 0 {
		b = append(b, '-')
		digits = digits[1:]
		width--
	}
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e. It
// compares the fields: a Date is a valid day (ParseDate, AddDays), and
// sorting thousands of postmortems and action items calls it often
// (time.Date per call cost a sort of 10,000 action items a third of
// its time).
func (d Date) Compare(e Date) int {
	return cmp.Or(cmp.Compare(d.Year, e.Year), cmp.Compare(d.Month, e.Month), cmp.Compare(d.Day, e.Day))
}

// DaysUntil returns the number of days from d to e (negative when e is
// earlier). It divides the seconds between the two midnights, exact over
// any span: the time.Duration between them saturates at about 292 years,
// which read 106751 days for a due date typed a millennium off (QA 15
// B-F5).
func (d Date) DaysUntil(e Date) int { return int((e.Time().Unix() - d.Time().Unix()) / 86400) }

// AddDays returns the day n days after d.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// MarshalText formats d as "YYYY-MM-DD" (JSON exports use it).
func (d Date) MarshalText() ([]byte, error) { return d.Append(make([]byte, 0, 10)), nil }

// ZoneLabel names the zone of t for a heading over times shown without
// an offset, as a postmortem page heads its timeline and pmkb new names
// the site's zone: its abbreviation when the zone database has one
// ("JST", "CEST"), else its offset from UTC ("UTC+04:00", "UTC").
func ZoneLabel(t time.Time) string {
	abbr, off := t.Zone()
	if off == 0 && (abbr == "" || abbr == "UTC" || abbr == "GMT") {
		return "UTC"
	}
	if abbr != "" && strings.Trim(abbr, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return abbr
	}
	return "UTC" + t.Format("-07:00")
}
