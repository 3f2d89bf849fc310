package stats

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/model"
)

// TestSiteMatchesSeparateCalls checks that Site, which shares the repeat
// search, gives exactly what Compute, RepeatInfo and ForTerms give, with
// the site's window and with the default one.
func TestSiteMatchesSeparateCalls(t *testing.T) {
	for _, window := range []int{0, 30} {
		kb := synthetic(1_500, 11)
		kb.Config.RepeatWindowDays = window
		got, repeats := siteRepeats(kb, -1)
		if d := cmp.Diff(mustJSON(t, Compute(kb, Options{})), mustJSON(t, got.Report)); d != "" {
			t.Errorf("window %d: report differs (-Compute +Site):\n%s", window, d)
		}
		if d := cmp.Diff(RepeatInfo(kb, kb.Config.RepeatWindowDays), repeats); d != "" {
			t.Errorf("window %d: repeats differ (-RepeatInfo +Site):\n%s", window, d)
		}
		if d := cmp.Diff(ForTerms(kb, Options{}), got.Terms); d != "" {
			t.Errorf("window %d: term reports differ (-ForTerms +Site):\n%s", window, d)
		}
		if len(repeats) == 0 || len(got.Terms.Systems) == 0 {
			t.Fatalf("window %d: nothing to compare", window)
		}
	}
}

// TestSiteTermOpen checks that Site with a limit of open action items
// gives ForTerms' term reports with only the first of them, still
// counting them all.
func TestSiteTermOpen(t *testing.T) {
	kb := synthetic(1_500, 11)
	want := ForTerms(kb, Options{})
	for _, n := range []int{0, 3, 20} {
		got := Site(kb, 5, n, func(Repeat) {}).Terms
		cut := 0
		for _, m := range []map[string]*TermReport{want.Systems, want.Causes} {
			for _, r := range m {
				if len(r.OpenActions) > n {
					cut++
				}
			}
		}
		if cut == 0 {
			t.Fatalf("limit %d: no term has more open action items", n)
		}
		for kind, pair := range map[string][2]map[string]*TermReport{KindSystem: {want.Systems, got.Systems}, KindCause: {want.Causes, got.Causes}} {
			if len(pair[0]) != len(pair[1]) {
				t.Errorf("limit %d: %d %s reports; want %d", n, len(pair[1]), kind, len(pair[0]))
			}
			for key, w := range pair[0] {
				g := pair[1][key]
				if g == nil {
					t.Errorf("limit %d: no report of %s %s", n, kind, key)
					continue
				}
				if g.OpenTotal != len(w.OpenActions) || w.OpenTotal != len(w.OpenActions) {
					t.Errorf("limit %d: %s %s: OpenTotal %d (ForTerms %d); want %d", n, kind, key, g.OpenTotal, w.OpenTotal, len(w.OpenActions))
				}
				cw := *w
				cw.OpenActions = cw.OpenActions[:min(n, len(cw.OpenActions))]
				if d := cmp.Diff(&cw, g); d != "" {
					t.Errorf("limit %d: %s %s (-want +got):\n%s", n, kind, key, d)
				}
			}
		}
	}
}

// TestSiteRepeatDetail checks that Site with a detail limit gives
// RepeatInfo's repeats with the same earlier incidents in the same order,
// detailing only the first n distinct ones other than the repeat's own id
// (as a postmortem page shows them) and leaving the rest without shared
// systems, causes and open action items.
func TestSiteRepeatDetail(t *testing.T) {
	open := items(model.ActionItem{ID: "AI-1", Title: "still open", Owner: "x", Kind: "prevent"})
	sys, cause := []string{"api"}, []string{"capacity"}
	dup := newKB(time.UTC, day(t, "2024-12-31"),
		pm(t, "a", "2024-01-01", "SEV1", sys, cause, open),
		pm(t, "b", "2024-01-02", "SEV1", sys, cause, open),
		pm(t, "b", "2024-01-03", "SEV1", sys, cause, open), // the same id again
		pm(t, "c", "2024-01-04", "SEV1", sys, cause, open),
		pm(t, "d", "2024-01-05", "SEV1", sys, cause, open), // d repeats its namesake
		pm(t, "d", "2024-01-06", "SEV1", sys, cause, open),
	)
	for _, tt := range []struct {
		name   string
		kb     *model.KnowledgeBase
		detail int
	}{
		{"duplicate ids, 2", dup, 2},
		{"duplicate ids, 0", dup, 0},
		{"duplicate ids, 9", dup, 9},
		{"synthetic, 5", synthetic(1_500, 11), 5},
		{"synthetic, 1", synthetic(1_500, 11), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			all := RepeatInfo(tt.kb, 0)
			_, got := siteRepeats(tt.kb, tt.detail)
			if len(got) != len(all) || len(all) == 0 {
				t.Fatalf("%d repeats; want %d (and some)", len(got), len(all))
			}
			undetailed := 0
			for id, full := range all {
				g := got[id]
				if len(g.Of) != len(full.Of) {
					t.Fatalf("%s: %d earlier; want %d", id, len(g.Of), len(full.Of))
				}
				var shown []string
				for k, e := range full.Of {
					if e.ID != id && !slices.Contains(shown, e.ID) && len(shown) < tt.detail {
						shown = append(shown, e.ID)
					} else {
						undetailed++
						e.Systems, e.Causes, e.OpenActions, e.OpenPrevent = nil, nil, nil, 0
					}
					if d := cmp.Diff(e, g.Of[k]); d != "" {
						t.Errorf("%s, earlier %d (-want +got):\n%s", id, k, d)
					}
				}
				if g.ID != full.ID || g.Title != full.Title || g.Date != full.Date {
					t.Errorf("%s: %s %q %s; want %s %q %s", id, g.ID, g.Title, g.Date, full.ID, full.Title, full.Date)
				}
			}
			if undetailed == 0 {
				t.Error("every earlier incident detailed: nothing left out to check")
			}
		})
	}
}

// siteRepeats is Site with a copy of every Repeat it hands over, by id
// (the later of two of the same id, as RepeatInfo keeps it).
func siteRepeats(kb *model.KnowledgeBase, detail int) (SiteFigures, map[string]Repeat) {
	repeats := map[string]Repeat{}
	f := Site(kb, detail, -1, func(r Repeat) {
		r.Of = slices.Clone(r.Of)
		for i := range r.Of {
			r.Of[i].OpenActions = slices.Clone(r.Of[i].OpenActions)
		}
		repeats[r.ID] = r
	})
	return f, repeats
}
