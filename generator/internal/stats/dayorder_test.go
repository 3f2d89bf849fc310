package stats

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/model"
)

// TestIncidentsInDayOrder checks that incidents are counted in the order
// of the days written in their files, not of their instants (QA 15 B-F1):
// an evening written with its own offset (-08:00) can be a later instant
// than the next day's incident on a UTC site. Ordered by instant, the
// first and last days were swapped, which made the per-month and
// per-quarter figures index out of range (a panic at a month's end), and
// the earlier day was a repeat of the later one, "-1 days earlier".
func TestIncidentsInDayOrder(t *testing.T) {
	api, capacity := []string{"api"}, []string{"capacity"}
	tests := []struct {
		name        string
		early, late string // dates: early's day is before late's (its instant after), or the same day
		days        int    // days from early's day to late's
		months      []PeriodCount
	}{
		{"new year's eve in California", "2024-12-31T20:00:00-08:00", "2025-01-01", 1,
			[]PeriodCount{{"2024-12", 1}, {"2025-01", 1}}},
		{"a month's end", "2025-03-31T20:00:00-08:00", "2025-04-01", 1,
			[]PeriodCount{{"2025-03", 1}, {"2025-04", 1}}},
		{"California and Tokyo across the new year", "2024-12-31T20:00:00-08:00", "2025-01-01T09:00:00+09:00", 1,
			[]PeriodCount{{"2024-12", 1}, {"2025-01", 1}}},
		{"within a month", "2025-02-10T20:00:00-08:00", "2025-02-11", 1,
			[]PeriodCount{{"2025-02", 2}}},
		{"the same day: the instant decides", "2025-02-10T08:00:00-08:00", "2025-02-10T23:00:00Z", 0,
			[]PeriodCount{{"2025-02", 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pms := []*model.Postmortem{
				pm(t, "a", tt.early, "SEV2", api, capacity, teams("core")),
				pm(t, "b", tt.late, "SEV2", api, capacity, teams("core")),
			}
			earlyDay, lateDay := pms[0].Day().String(), pms[1].Day().String()
			for _, ids := range [][2]string{{"a", "b"}, {"z", "b"}} { // either id first
				pms[0].ID = ids[0]
				// Today is the later day, so that the months end there.
				kb := newKB(time.UTC, pms[1].Day(), pms...)
				var r *Report
				if err := noPanic(func() { r = Compute(kb, Options{}) }); err != nil {
					t.Fatalf("ids %v: Compute: %v", ids, err)
				}
				if r.First != earlyDay || r.Last != lateDay {
					t.Errorf("ids %v: first, last = %s, %s; want %s, %s", ids, r.First, r.Last, earlyDay, lateDay)
				}
				if d := cmp.Diff(tt.months, r.IncidentsPerMonth); d != "" {
					t.Errorf("ids %v: incidents per month (-want +got):\n%s", ids, d)
				}
				want := []Repeat{{ID: "b", Title: "Incident b", Date: lateDay, Of: []Earlier{{
					Link:  Link{ID: ids[0], Systems: api, Causes: capacity, Days: tt.days},
					Title: "Incident a", Date: earlyDay, OpenActions: []ActionRow{}}}}}
				if d := cmp.Diff(want, r.Repeats.Items); d != "" {
					t.Errorf("ids %v: repeats (-want +got):\n%s", ids, d)
				}
				var terms TermReports
				if err := noPanic(func() { terms = ForTerms(kb, Options{}) }); err != nil {
					t.Fatalf("ids %v: ForTerms: %v", ids, err)
				}
				if q := terms.Systems["api"].PerQuarter; q[0].Period != periodOf(pms[0].Day(), Quarter).label(Quarter) {
					t.Errorf("ids %v: api per quarter = %v; want it to start at %s's quarter", ids, q, earlyDay)
				}
				if err := noPanic(func() { Site(kb, 3, 5, func(Repeat) {}) }); err != nil {
					t.Fatalf("ids %v: Site: %v", ids, err)
				}
			}
		})
	}
}

// noPanic runs f and returns its panic as an error.
func noPanic(f func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	f()
	return nil
}
