package stats

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestActionsChartTipsAgreeWithTable checks the tooltips of the "Action
// items per team" chart (QA 20 C-F3): its not-overdue segment was named
// "Not closed" with only the not-overdue count (core · Not closed: 1)
// where the table under the chart says Not closed 2 for the same team. The
// tooltip now gives the table's figure and the overdue part of it.
func TestActionsChartTipsAgreeWithTable(t *testing.T) {
	kb := newKB(time.UTC, day(t, "2026-03-12"),
		pm(t, "a", "2026-03-01", "SEV2", []string{"api"}, []string{"dns"}, teams("core"),
			items(model.ActionItem{ID: "AI-1", Title: "One", Owner: "x", Due: day(t, "2026-03-11")},
				model.ActionItem{ID: "AI-2", Title: "Two", Owner: "x", Due: day(t, "2026-04-01")},
				model.ActionItem{ID: "AI-3", Title: "Three", Owner: "x", Due: day(t, "2026-04-02")})))
	r := Compute(kb, Options{})
	if g := r.Actions.ByTeam[0]; g.Unclosed != 3 || g.Overdue != 1 {
		t.Fatalf("core: not closed %d, overdue %d; want 3, 1", g.Unclosed, g.Overdue)
	}
	for _, lang := range []string{"en", "ja"} {
		w := words(t, lang)
		var svg []byte
		for _, f := range Charts(r, w) {
			if f.Path == "stats/actions.svg" {
				svg = f.Data
			}
		}
		titles := wellFormed(t, lang+" actions.svg", svg)
		notClosed := "core · " + w.String("filter.active") + ": 3 (" + w.Format("actions.overdueN", 1) + ")"
		overdue := "core · " + w.String("actions.overdue") + ": 1"
		if !slices.Contains(titles, notClosed) || !slices.Contains(titles, overdue) {
			t.Errorf("%s: tooltips %q; want %q and %q", lang, titles, notClosed, overdue)
		}
		for _, s := range titles {
			if strings.HasSuffix(s, w.String("filter.active")+": 2") {
				t.Errorf("%s: tooltip %q names the not-overdue items as all not closed", lang, s)
			}
		}
	}
}
