package model

import (
	"slices"
	"time"
)

// LocalKind says how a wall-clock reading without an offset maps to
// instants in a time zone.
type LocalKind int

const (
	// LocalOnce: the reading happens once.
	LocalOnce LocalKind = iota
	// LocalRepeated: the clocks went back over the reading, which happens
	// twice (01:30 on a fall-back night).
	LocalRepeated
	// LocalSkipped: the clocks went forward over the reading, which never
	// happens (02:30 on a spring-forward night).
	LocalSkipped
)

// LocalTime is the instant in loc that the wall-clock reading wall names
// (wall's date and clock are read, its location is not), by one rule in
// every zone, the rule of Python's zoneinfo with fold=0:
//
//   - a reading that happens twice is its first occurrence (the offset
//     before the clocks went back); other is the second occurrence;
//   - a reading that does not exist is read with the offset before the
//     clocks went forward, so it lands as far after the change as it was
//     written after it: 02:30 in America/Los_Angeles' 02:00→03:00 gap is
//     03:30 PDT, and 00:00 on a day whose midnight is skipped is the
//     day's first instant. other is the instant of the change.
//
// Go's time.Date leaves both choices open ("not guaranteed"), and makes
// them differently by zone (QA 17 B-F1, B-F2). The result is in loc.
func LocalTime(wall time.Time, loc *time.Location) (t time.Time, kind LocalKind, other time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	y, mo, d := wall.Date()
	h, mi, s := wall.Clock()
	u := time.Date(y, mo, d, h, mi, s, wall.Nanosecond(), time.UTC)
	// The instant is u minus the offset, and offsets stay within a day:
	// walk the zone's periods from a day before u to a day after it.
	type period struct {
		start  time.Time
		offset int
	}
	var periods [8]period
	ps := periods[:0]
	end := u.Add(30 * time.Hour)
	for at := u.Add(-30 * time.Hour); len(ps) < len(periods); {
		at = at.In(loc)
		_, offset := at.Zone()
		start, next := at.ZoneBounds()
		ps = append(ps, period{start, offset})
		// ZoneBounds does not advance past year 10000 (QA 17 B-F3).
		if next.IsZero() || !next.After(at) || !next.Before(end) {
			break
		}
		at = next
	}
	var found [2]time.Time
	n := 0
	for _, p := range ps {
		at := u.Add(-time.Duration(p.offset) * time.Second).In(loc)
		if _, o := at.Zone(); o == p.offset && !slices.ContainsFunc(found[:n], at.Equal) && n < len(found) {
			found[n] = at
			n++
		}
	}
	switch {
	case n == 2:
		if found[1].Before(found[0]) {
			found[0], found[1] = found[1], found[0]
		}
		return found[0], LocalRepeated, found[1]
	case n == 1:
		return found[0], LocalOnce, time.Time{}
	}
	for i := 1; i < len(ps); i++ {
		before, change := ps[i-1].offset, ps[i].start
		if !u.Add(-time.Duration(before)*time.Second).Before(change) && u.Add(-time.Duration(ps[i].offset)*time.Second).Before(change) {
			return u.Add(-time.Duration(before) * time.Second).In(loc), LocalSkipped, change.In(loc)
		}
	}
	// Not reached for a zone from the tz database; Go's reading then.
	return time.Date(y, mo, d, h, mi, s, wall.Nanosecond(), loc), LocalOnce, time.Time{}
}

// DayStart is the first instant of day d in loc: its midnight, or, on a
// day whose midnight the clocks skip, the instant they jump to (never a
// moment of the day before).
func DayStart(d Date, loc *time.Location) time.Time {
	t, _, _ := LocalTime(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), loc)
	return t
}
