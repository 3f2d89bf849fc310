package stats

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/model"
)

func TestRepeats(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	api, cfg := []string{"api"}, []string{"config-change"}
	tests := []struct {
		name string
		tz   *time.Location
		pms  []*model.Postmortem
		want map[string][]string
	}{
		{"no postmortems", nil, nil, map[string][]string{}},
		{"one incident", nil, []*model.Postmortem{pm(t, "a", "2024-01-01", "SEV1", api, cfg)}, map[string][]string{}},
		{"shares system and cause", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", api, cfg),
			pm(t, "b", "2024-02-01", "SEV2", []string{"db", "api"}, []string{"capacity", "config-change"}),
		}, map[string][]string{"b": {"a"}}},
		{"system only is no repeat", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", api, cfg),
			pm(t, "b", "2024-02-01", "SEV2", api, []string{"capacity"}),
		}, map[string][]string{}},
		{"cause only is no repeat", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", api, cfg),
			pm(t, "b", "2024-02-01", "SEV2", []string{"db"}, cfg),
		}, map[string][]string{}},
		{"system on one and cause on another incident", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", api, []string{"capacity"}),
			pm(t, "c", "2024-01-02", "SEV1", []string{"db"}, cfg),
			pm(t, "b", "2024-02-01", "SEV2", api, cfg),
		}, map[string][]string{}},
		{"labels are normalised", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", []string{"API "}, []string{"Config-Change"}),
			pm(t, "b", "2024-02-01", "SEV2", api, cfg),
		}, map[string][]string{"b": {"a"}}},
		{"same day, later time repeats", nil, []*model.Postmortem{
			pm(t, "late", "2024-01-01T15:00:00Z", "SEV1", api, cfg),
			pm(t, "early", "2024-01-01T09:00:00Z", "SEV1", api, cfg),
		}, map[string][]string{"late": {"early"}}},
		{"identical instants repeat neither", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01T09:00:00Z", "SEV1", api, cfg),
			pm(t, "b", "2024-01-01T18:00:00+09:00", "SEV1", api, cfg),
		}, map[string][]string{}},
		{"window boundary: exactly 180 days counts", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", api, cfg),
			pm(t, "b", "2024-06-29", "SEV1", api, cfg), // 2024 is a leap year: day 180
		}, map[string][]string{"b": {"a"}}},
		{"window boundary: 181 days does not", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", api, cfg),
			pm(t, "b", "2024-06-30", "SEV1", api, cfg),
		}, map[string][]string{}},
		{"the days written in the files (Tokyo site: 180)", tokyo, []*model.Postmortem{
			pm(t, "a", "2024-01-01T08:00:00+09:00", "SEV1", api, cfg), // 2023-12-31 in UTC
			pm(t, "b", "2024-06-29T10:00:00+09:00", "SEV1", api, cfg),
		}, map[string][]string{"b": {"a"}}},
		{"the days written in the files, not the site zone's (UTC site: 180)", time.UTC, []*model.Postmortem{
			pm(t, "a", "2024-01-01T08:00:00+09:00", "SEV1", api, cfg),
			pm(t, "b", "2024-06-29T10:00:00+09:00", "SEV1", api, cfg),
		}, map[string][]string{"b": {"a"}}},
		{"the days written in the files (UTC site: 181)", time.UTC, []*model.Postmortem{
			pm(t, "a", "2023-12-31T20:00:00-08:00", "SEV1", api, cfg), // 2024-01-01 in UTC
			pm(t, "b", "2024-06-29T10:00:00+09:00", "SEV1", api, cfg),
		}, map[string][]string{}},
		{"instants, not wall clocks, decide the order", nil, []*model.Postmortem{
			// 10:00 in Tokyo is 01:00 UTC, before 09:00 UTC
			pm(t, "tokyo", "2024-03-01T10:00:00+09:00", "SEV1", api, cfg),
			pm(t, "london", "2024-03-01T09:00:00Z", "SEV1", api, cfg),
		}, map[string][]string{"london": {"tokyo"}}},
		{"the day written decides the order, then the instant (QA 15 B-F1)", time.UTC, []*model.Postmortem{
			// 2025-02-11 04:00 UTC, but written on the 10th
			pm(t, "evening", "2025-02-10T20:00:00-08:00", "SEV1", api, cfg),
			pm(t, "next", "2025-02-11", "SEV1", api, cfg),
		}, map[string][]string{"next": {"evening"}}},
		{"related: names an earlier day of a later instant (QA 15 B-F1)", time.UTC, []*model.Postmortem{
			pm(t, "evening", "2025-02-10T20:00:00-08:00", "SEV1", []string{"dns"}, cfg, related("next")),
			pm(t, "next", "2025-02-11", "SEV1", api, cfg, related("evening")),
		}, map[string][]string{"next": {"evening"}}},
		{"related names an earlier one beyond the window", nil, []*model.Postmortem{
			pm(t, "old", "2020-01-01", "SEV1", []string{"dns"}, []string{"expired-certificate"}),
			pm(t, "new", "2024-01-01", "SEV1", api, cfg, related("old")),
		}, map[string][]string{"new": {"old"}}},
		{"related to a later, unknown or own id is ignored", nil, []*model.Postmortem{
			pm(t, "first", "2024-01-01", "SEV1", []string{"dns"}, []string{"capacity"}, related("second", "ghost", "first")),
			pm(t, "second", "2024-05-01", "SEV1", api, cfg),
		}, map[string][]string{}},
		{"several earlier ones, newest first", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", api, cfg),
			pm(t, "b", "2024-02-01", "SEV1", api, cfg),
			pm(t, "c", "2024-03-01", "SEV1", api, cfg),
		}, map[string][]string{"b": {"a"}, "c": {"b", "a"}}},
		{"no timeline needed", nil, []*model.Postmortem{
			pm(t, "a", "2024-01-01", "SEV1", api, cfg, timeline(t, "2024-01-01T00:00:00Z", -1, -1, -1)),
			pm(t, "b", "2024-01-05", "SEV1", api, cfg),
		}, map[string][]string{"b": {"a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tz := tt.tz
			if tz == nil {
				tz = time.UTC
			}
			got := Repeats(newKB(tz, model.Date{}, tt.pms...), 180)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Repeats (-want +got):\n%s", d)
			}
		})
	}
}

func TestRepeatLinkDetails(t *testing.T) {
	kb := newKB(time.UTC, day(t, "2024-12-31"),
		pm(t, "a", "2024-01-01", "SEV1", []string{"api", "db"}, []string{"capacity", "config-change"}),
		pm(t, "b", "2024-03-01", "SEV2", []string{"db", "api", "queue"}, []string{"config-change", "capacity"}, related("a")),
	)
	info := RepeatInfo(kb, 0)
	got := info["b"].Of
	want := []Earlier{{Link: Link{ID: "a", Related: true, Systems: []string{"api", "db"},
		Causes: []string{"capacity", "config-change"}, Days: 60}, Title: "Incident a", Date: "2024-01-01",
		OpenActions: []ActionRow{}}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("links (-want +got):\n%s", d)
	}
}

func TestOpenActionsAtRepeat(t *testing.T) {
	a := pm(t, "a", "2024-01-01", "SEV1", []string{"api"}, []string{"capacity"}, items(
		model.ActionItem{ID: "AI-1", Title: "closed before", Owner: "x", Status: "done", Closed: day(t, "2024-01-20"), Kind: "prevent"},
		model.ActionItem{ID: "AI-2", Title: "closed after", Owner: "x", Status: "done", Closed: day(t, "2024-03-02"), Kind: "prevent"},
		model.ActionItem{ID: "AI-3", Title: "still open", Owner: "y", Kind: "detect", Due: day(t, "2024-02-01")},
		model.ActionItem{ID: "AI-4", Title: "wont-do, no closed date", Owner: "y", Status: "wont-do"},
		model.ActionItem{ID: "AI-5", Title: "in progress", Owner: "z", Status: "in-progress", Kind: "prevent"},
		model.ActionItem{ID: "AI-6", Title: "closed the same day", Owner: "z", Status: "done", Closed: day(t, "2024-03-01")},
	))
	b := pm(t, "b", "2024-03-01T10:00:00Z", "SEV1", []string{"api"}, []string{"capacity"})
	kb := newKB(time.UTC, day(t, "2024-06-01"), a, b)
	r := Compute(kb, Options{})
	if len(r.Repeats.Items) != 1 {
		t.Fatalf("repeats = %+v; want one", r.Repeats.Items)
	}
	e := r.Repeats.Items[0].Of[0]
	var ids []string
	for _, row := range e.OpenActions {
		ids = append(ids, row.ID)
	}
	if want := []string{"AI-2", "AI-3", "AI-5"}; !slices.Equal(ids, want) {
		t.Errorf("open on repeat day = %v; want %v", ids, want)
	}
	if e.OpenPrevent != 2 {
		t.Errorf("open prevent = %d; want 2", e.OpenPrevent)
	}
	// overdue and age are as of the repeat's day, not the build's today
	if row := e.OpenActions[1]; !row.Overdue || row.AgeDays != 60 {
		t.Errorf("AI-3 = %+v; want overdue, 60 days old", row)
	}
}

func TestChains(t *testing.T) {
	api, db := []string{"api"}, []string{"db"}
	c := []string{"capacity"}
	kb := newKB(time.UTC, model.Date{},
		pm(t, "a1", "2024-01-01", "SEV1", api, c),
		pm(t, "a2", "2024-02-01", "SEV1", api, c),
		pm(t, "a3", "2024-09-01", "SEV1", api, c, related("a2")),
		pm(t, "d1", "2024-01-15", "SEV1", db, c),
		pm(t, "d2", "2024-01-20", "SEV1", db, c),
		pm(t, "lone", "2024-01-03", "SEV1", []string{"web"}, c),
	)
	r := Compute(kb, Options{})
	// a3 is 213 days after a2: beyond the window, so the api × capacity run
	// ends at a2, and a3 joins a2 only through related:
	want := []Chain{
		{Related: true, IDs: []string{"a2", "a3"}, First: "2024-02-01", Last: "2024-09-01"},
		{System: "api", Cause: "capacity", IDs: []string{"a1", "a2"}, First: "2024-01-01", Last: "2024-02-01"},
		{System: "db", Cause: "capacity", IDs: []string{"d1", "d2"}, First: "2024-01-15", Last: "2024-01-20"},
	}
	if d := cmp.Diff(want, r.Repeats.Chains); d != "" {
		t.Errorf("chains (-want +got):\n%s", d)
	}
	if r.Repeats.Count != 3 || r.Repeats.Rate != 0.5 || r.Repeats.ChainsTotal != 3 {
		t.Errorf("count=%d rate=%v chains=%d; want 3, 0.5, 3", r.Repeats.Count, r.Repeats.Rate, r.Repeats.ChainsTotal)
	}
	// newest repeat first
	if ids := []string{r.Repeats.Items[0].ID, r.Repeats.Items[1].ID, r.Repeats.Items[2].ID}; !slices.Equal(ids, []string{"a3", "a2", "d2"}) {
		t.Errorf("items = %v; want a3, a2, d2", ids)
	}
}

// TestChainsAreMaximal checks that a chain whose incidents all belong to a
// longer listed chain is not listed again (QA round 4, #15: "chain of 3
// x1 → x2 → x3" and "chain of 2 x2 … x3"), in the report and on the term
// pages, where only the chains of that term compete.
func TestChainsAreMaximal(t *testing.T) {
	apiDB, c := []string{"api", "db"}, []string{"capacity"}
	kb := newKB(time.UTC, model.Date{},
		// x1 → x2 → x3 by related:, x2 … x3 also share api × capacity
		pm(t, "x1", "2023-08-09", "SEV1", []string{"web"}, []string{"dns"}),
		pm(t, "x2", "2026-01-20", "SEV1", apiDB, c, related("x1")),
		pm(t, "x3", "2026-06-17", "SEV1", apiDB, c, related("x2")),
		// y1 … y2 share api × bad-deploy and, the same two, db × bad-deploy
		pm(t, "y1", "2025-01-01", "SEV2", apiDB, []string{"bad-deploy"}),
		pm(t, "y2", "2025-02-01", "SEV2", apiDB, []string{"bad-deploy"}),
	)
	r := Compute(kb, Options{})
	want := []Chain{
		{Related: true, IDs: []string{"x1", "x2", "x3"}, First: "2023-08-09", Last: "2026-06-17"},
		{System: "api", Cause: "bad-deploy", IDs: []string{"y1", "y2"}, First: "2025-01-01", Last: "2025-02-01"},
	}
	if d := cmp.Diff(want, r.Repeats.Chains); d != "" {
		t.Errorf("chains (-want +got):\n%s", d)
	}
	if r.Repeats.ChainsTotal != 2 {
		t.Errorf("chains_total = %d; want 2", r.Repeats.ChainsTotal)
	}

	// on the db page the api chains do not compete: its own chain of the
	// same incidents is listed, once
	terms := ForTerms(kb, Options{})
	var got []string
	for _, ch := range terms.Systems["db"].Chains {
		got = append(got, fmt.Sprintf("%s×%s %v related=%v", ch.System, ch.Cause, ch.IDs, ch.Related))
	}
	wantDB := []string{"× [x1 x2 x3] related=true", "db×bad-deploy [y1 y2] related=false"}
	if d := cmp.Diff(wantDB, got); d != "" || terms.Systems["db"].ChainsTotal != 2 {
		t.Errorf("db chains (total %d) (-want +got):\n%s", terms.Systems["db"].ChainsTotal, d)
	}
}
