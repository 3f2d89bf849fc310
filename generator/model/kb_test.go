package model

import (
	"slices"
	"testing"
	"time"
)

// TestPostmortemOrder checks that a knowledge base lists its postmortems
// newest first by the day written in their date: (the day every page
// shows), then by instant, then by id and path (QA 15 B-F1): the home
// page's latest incidents, /postmortems/ and each term's latest follow
// this order. An evening written with its own offset is a later instant
// than the next day's incident on a UTC site, and was listed above it.
func TestPostmortemOrder(t *testing.T) {
	at := func(s string) time.Time {
		if v, err := time.Parse(time.DateOnly, s); err == nil {
			return v
		}
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	type doc struct{ id, path, date string }
	for _, tt := range []struct {
		name string
		docs []doc
		want []string // paths, in the knowledge base's order
	}{
		{"newest day first", []doc{{"a", "a.md", "2025-01-01"}, {"b", "b.md", "2025-03-01"}, {"c", "c.md", "2025-02-01"}},
			[]string{"b.md", "c.md", "a.md"}},
		{"the day written, not the instant", []doc{
			{"evening", "evening.md", "2025-02-10T20:00:00-08:00"}, // 2025-02-11 04:00 UTC
			{"next", "next.md", "2025-02-11"},
		}, []string{"next.md", "evening.md"}},
		{"across a year's end, Tokyo and California", []doc{
			{"tokyo", "tokyo.md", "2025-01-01T09:00:00+09:00"},     // 2025-01-01 00:00 UTC
			{"nye", "nye.md", "2024-12-31T20:00:00-08:00"},         // 2025-01-01 04:00 UTC
			{"later", "later.md", "2025-01-01T08:00:00+09:00"},     // 2024-12-31 23:00 UTC
			{"morning", "morning.md", "2024-12-31T06:00:00-08:00"}, // 2024-12-31 14:00 UTC
		}, []string{"tokyo.md", "later.md", "nye.md", "morning.md"}},
		{"the same day: the later instant first", []doc{
			{"a", "a.md", "2025-02-10T09:00:00Z"}, {"b", "b.md", "2025-02-10T18:00:00+09:00"}, {"c", "c.md", "2025-02-10T10:00:00Z"},
		}, []string{"c.md", "a.md", "b.md"}},
		{"the same instant: by id, then path", []doc{
			{"b", "x.md", "2025-02-10"}, {"a", "z.md", "2025-02-10"}, {"a", "y.md", "2025-02-10"},
		}, []string{"y.md", "z.md", "x.md"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var pms []*Postmortem
			for _, d := range tt.docs {
				pms = append(pms, &Postmortem{ID: d.id, Path: d.path, Date: at(d.date)})
			}
			backwards := slices.Clone(pms)
			slices.Reverse(backwards)
			for _, in := range [][]*Postmortem{pms, backwards} {
				SortPostmortems(in)
				var got []string
				for _, p := range in {
					got = append(got, p.Path)
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("order = %v; want %v", got, tt.want)
				}
			}
		})
	}
}
