package stats

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/model"
)

// fixture is four incidents whose figures are worked out by hand in
// TestComputeByHand.
func fixture(t testing.TB) *model.KnowledgeBase {
	return newKB(time.UTC, day(t, "2024-07-01"),
		pm(t, "p1", "2024-01-10", "SEV1", []string{"api", "db"}, []string{"config-change"},
			detection("alert"), teams("payments"), timeline(t, "2024-01-10T00:00:00Z", 10, 30, 60),
			items(model.ActionItem{ID: "AI-1", Title: "Roll back faster", Owner: "ana", Status: "done", Closed: day(t, "2024-01-20")},
				model.ActionItem{ID: "AI-2", Title: "Validate config", Owner: "ben", Due: day(t, "2024-02-01"), Kind: "prevent"})),
		pm(t, "p2", "2024-02-15", "SEV2", []string{"api"}, []string{"config-change", "capacity"},
			detection("customer-report"), teams("payments", "core"), timeline(t, "2024-02-15T00:00:00Z", 120, -1, 240),
			items(model.ActionItem{ID: "AI-1", Title: "Autoscale", Owner: "cy", Status: "wont-do"})),
		pm(t, "p3", "2024-04-02", "SEV2", []string{"db"}, []string{"capacity"},
			items(model.ActionItem{ID: "AI-1", Title: "Add replicas", Owner: "dee", Status: "in-progress", Due: day(t, "2024-12-01")})),
		pm(t, "p4", "2024-05-20", "SEV3", []string{"web"}, []string{"bad-deploy"},
			detection("alert"), timeline(t, "2024-05-20T00:00:00Z", 0, 5, 5)),
	)
}

func f(v float64) *float64 { return &v }

func TestComputeByHand(t *testing.T) {
	r := Compute(fixture(t), Options{})
	check := func(name string, want, got any) {
		t.Helper()
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", name, d)
		}
	}
	check("postmortems", 4, r.Postmortems)
	check("by_cause", []KeyCount{{"capacity", 2}, {"config-change", 2}, {"bad-deploy", 1}}, r.ByCause)
	check("by_system", []KeyCount{{"api", 2}, {"db", 2}, {"web", 1}}, r.BySystem)
	check("by_severity", []KeyCount{{"SEV2", 2}, {"SEV1", 1}, {"SEV3", 1}}, r.BySeverity)
	check("by_detection", []KeyCount{{"alert", 2}, {"customer-report", 1}, {"unknown", 1}}, r.ByDetection)
	check("by_team", []KeyCount{{"payments", 2}, {"core", 1}}, r.ByTeam)
	check("cause_share", []ShareCount{{"capacity", 2, 0.5}, {"config-change", 2, 0.5}, {"bad-deploy", 1, 0.25}}, r.CauseShare)
	// The periods run to today's (2024-07-01), after the last incident.
	check("quarters", []string{"2024-Q1", "2024-Q2", "2024-Q3"}, r.Quarters)
	check("cause_trend", Table{Columns: []string{"2024-Q1", "2024-Q2", "2024-Q3"}, Rows: []Row{
		{Key: "capacity", Total: 2, Counts: []int{1, 1, 0}, Shares: []float64{0.5, 0.5, 0}},
		{Key: "config-change", Total: 2, Counts: []int{2, 0, 0}, Shares: []float64{1, 0, 0}},
		{Key: "bad-deploy", Total: 1, Counts: []int{0, 1, 0}, Shares: []float64{0, 0.5, 0}},
	}}, r.CauseTrend)
	check("system_severity", Table{Columns: []string{"SEV1", "SEV2", "SEV3", "SEV4"}, Rows: []Row{
		{Key: "api", Total: 2, Counts: []int{1, 1, 0, 0}},
		{Key: "db", Total: 2, Counts: []int{1, 1, 0, 0}},
		{Key: "web", Total: 1, Counts: []int{0, 0, 1, 0}},
	}}, r.SystemSeverity)
	check("cause_system", Table{Columns: []string{"api", "db", "web"}, Rows: []Row{
		{Key: "capacity", Total: 2, Counts: []int{1, 1, 0}},
		{Key: "config-change", Total: 2, Counts: []int{2, 1, 0}},
		{Key: "bad-deploy", Total: 1, Counts: []int{0, 0, 1}},
	}}, r.CauseSystem)
	check("incidents_per_month", []PeriodCount{{"2024-01", 1}, {"2024-02", 1}, {"2024-03", 0}, {"2024-04", 1}, {"2024-05", 1}, {"2024-06", 0}, {"2024-07", 0}}, r.IncidentsPerMonth)
	check("severity_per_period", []Row{
		{Key: "SEV1", Total: 1, Counts: []int{1, 0, 0}}, {Key: "SEV2", Total: 2, Counts: []int{1, 1, 0}},
		{Key: "SEV3", Total: 1, Counts: []int{0, 1, 0}}, {Key: "SEV4", Counts: []int{0, 0, 0}},
	}, r.SeverityPerPeriod.Rows)
	check("detection_per_quarter", []Row{
		{Key: "alert", Total: 2, Counts: []int{1, 1, 0}, Shares: []float64{0.5, 0.5, 0}},
		{Key: "customer-report", Total: 1, Counts: []int{1, 0, 0}, Shares: []float64{0.5, 0, 0}},
		{Key: "unknown", Total: 1, Counts: []int{0, 1, 0}, Shares: []float64{0, 0.5, 0}},
	}, r.DetectionPerQuarter.Rows)

	// durations: p3 has no timeline, p2 no mitigated; p4 detected at start (0, counted)
	ttd := r.Durations[0]
	check("ttd metric", TimeToDetect, ttd.Metric)
	check("ttd all", DurationStat{Key: "all", N: 3, Missing: 1, Median: f(10), P90: f(98), Min: f(0), Max: f(120),
		SmallN: true, Histogram: []int{1, 1, 0, 0, 0, 1, 0, 0, 0, 0}}, ttd.All)
	check("ttm n/median", []any{2, 2, 17.5}, []any{r.Durations[1].All.N, r.Durations[1].All.Missing, *r.Durations[1].All.Median})
	check("ttr n/median", []any{3, 60.0}, []any{r.Durations[2].All.N, *r.Durations[2].All.Median})
	check("ttd by severity n", []int{1, 1, 1, 0}, []int{ttd.BySeverity[0].N, ttd.BySeverity[1].N, ttd.BySeverity[2].N, ttd.BySeverity[3].N})
	check("ttd by quarter", []any{"2024-Q1", 2, 65.0, "2024-Q2", 1, 1}, []any{ttd.ByQuarter[0].Key, ttd.ByQuarter[0].N,
		*ttd.ByQuarter[0].Median, ttd.ByQuarter[1].Key, ttd.ByQuarter[1].N, ttd.ByQuarter[1].Missing})
	byDet := r.TimeToDetectByDetection
	check("ttd by detection", []any{"alert", 2, 5.0, "customer-report", 1, 120.0, "unknown", 0, 1},
		[]any{byDet[0].Key, byDet[0].N, *byDet[0].Median, byDet[1].Key, byDet[1].N, *byDet[1].Median, byDet[2].Key, byDet[2].N, byDet[2].Missing})

	// action items (package actions' definitions): done, open+overdue, wont-do, in-progress not yet due;
	// only p1's AI-2 was due before today, and it is not done
	check("actions", ActionCounts{Total: 4, Open: 1, InProgress: 1, Unclosed: 2, Overdue: 1, Done: 1, WontDo: 1,
		Due: 1, OnTime: 0, CompletionRate: f(0), OpenAgeMedian: f(131.5), OldestOpenDays: 173, OldestOpenKey: "p1#AI-2"},
		r.Actions.ActionCounts)
	check("actions by team (p3 has no team)", []ActionCounts{
		{Key: "payments", Total: 3, Open: 1, Unclosed: 1, Overdue: 1, Done: 1, WontDo: 1, Due: 1, CompletionRate: f(0),
			OpenAgeMedian: f(173), OldestOpenDays: 173, OldestOpenKey: "p1#AI-2"},
		{Key: "core", Total: 1, WontDo: 1},
	}, r.Actions.ByTeam)

	// repeats: p2 repeats p1 (api + config-change, 36 days later) while p1's AI-2 was open
	check("repeat count", []any{1, 0.25, 1, 1}, []any{r.Repeats.Count, r.Repeats.Rate, r.Repeats.WithOpenActions, r.Repeats.WithOpenPrevent})
	check("repeat by quarter", []RepeatRate{{"2024-Q1", 2, 1, 0.5}, {"2024-Q2", 2, 0, 0}, {"2024-Q3", 0, 0, 0}}, r.Repeats.ByQuarter)
	check("chains", []Chain{{System: "api", Cause: "config-change", IDs: []string{"p1", "p2"}, First: "2024-01-10", Last: "2024-02-15"}}, r.Repeats.Chains)
	of := r.Repeats.Items[0].Of[0]
	check("repeat link", Link{ID: "p1", Systems: []string{"api"}, Causes: []string{"config-change"}, Days: 36}, of.Link)
	check("open at repeat", []string{"p1#AI-2"}, []string{of.OpenActions[0].Key})
	check("open prevent", 1, of.OpenPrevent)

	// changes: today is 2024-Q3; all four incidents are in the last four quarters
	check("cause changes", CauseChanges{PreviousFrom: "2022-Q4", PreviousTo: "2023-Q3", RecentFrom: "2023-Q4", RecentTo: "2024-Q3",
		Rising:  []Change{{"capacity", 0, 2, 2}, {"config-change", 0, 2, 2}, {"bad-deploy", 0, 1, 1}},
		Falling: []Change{}}, r.CauseChanges)
}

func TestComputeOptions(t *testing.T) {
	kb := fixture(t)
	r := Compute(kb, Options{Since: day(t, "2024-02-01"), Severities: []string{"SEV2"}, Granularity: Month, RepeatWindowDays: 30})
	if r.Postmortems != 2 || r.First != "2024-02-15" || r.Last != "2024-04-02" {
		t.Errorf("postmortems=%d first=%s last=%s; want 2 from 2024-02-15 to 2024-04-02", r.Postmortems, r.First, r.Last)
	}
	// From Since's month to today's (2024-07-01), not only the months
	// of the first and last incidents.
	if d := cmp.Diff([]string{"2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"}, r.Periods); d != "" {
		t.Errorf("periods (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"SEV2"}, r.Severities); d != "" {
		t.Errorf("severities (-want +got):\n%s", d)
	}
	// p1 is SEV1, so p2 repeats nothing counted
	if r.Repeats.Count != 0 || r.RepeatWindowDays != 30 {
		t.Errorf("repeats=%d window=%d; want 0, 30", r.Repeats.Count, r.RepeatWindowDays)
	}
	r = Compute(kb, Options{Until: day(t, "2024-02-15")})
	if r.Postmortems != 2 || r.CauseChanges.RecentTo != "2024-Q1" {
		t.Errorf("until: postmortems=%d recent_to=%s; want 2, 2024-Q1", r.Postmortems, r.CauseChanges.RecentTo)
	}
	// A Since long before the site's first incident starts the periods
	// there, not in year 1 (review 16).
	r = Compute(kb, Options{Since: day(t, "0001-01-01"), Until: day(t, "2024-02-15"), Granularity: Month})
	if d := cmp.Diff([]string{"2024-01", "2024-02"}, r.Periods); d != "" {
		t.Errorf("since year 1: periods (-want +got):\n%s", d)
	}
	// A today far in the future (9999-12-31, to see everything overdue)
	// runs the periods at most a hundred years from the first (2024-01):
	// it made 32,000 quarters on every term page. A quiet stretch of
	// twelve years up to today, asked with --until, is kept whole (QA
	// 17r-b R7: a ten-year cap cut it).
	far := *kb
	far.Today = day(t, "9999-12-31")
	r = Compute(&far, Options{Granularity: Quarter})
	if n := len(r.Periods); n == 0 || n > 401 || r.Periods[n-1] > "2123-Q4" || r.Periods[n-1] < "2123-Q3" {
		t.Errorf("today 9999-12-31: %d periods, the last %v; want them to end in 2123", n, r.Periods[max(n-1, 0):])
	}
	quiet := *kb
	quiet.Today = day(t, "2036-11-28")
	r = Compute(&quiet, Options{Granularity: Quarter, Until: day(t, "2036-11-28")})
	if n := len(r.Periods); n == 0 || r.Periods[n-1] != "2036-Q4" {
		t.Errorf("today 2036-11-28, twelve quiet years: the periods end at %v; want 2036-Q4", r.Periods[max(n-1, 0):])
	}
	// Since and Until before and after the incidents they select bound
	// the periods (March has none; p3 is in April, p4 in May).
	r = Compute(kb, Options{Since: day(t, "2024-03-01"), Until: day(t, "2024-06-30"), Granularity: Month})
	if d := cmp.Diff([]string{"2024-03", "2024-04", "2024-05", "2024-06"}, r.Periods); d != "" {
		t.Errorf("since and until: periods (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]PeriodCount{{"2024-03", 0}, {"2024-04", 1}, {"2024-05", 1}, {"2024-06", 0}}, r.IncidentsPerMonth); d != "" {
		t.Errorf("since and until: incidents per month (-want +got):\n%s", d)
	}
	// a repeat within Since…Until of an earlier incident before Since still counts
	r = Compute(kb, Options{Since: day(t, "2024-02-01")})
	if r.Repeats.Count != 1 || r.Repeats.Items[0].ID != "p2" {
		t.Errorf("repeats since 2024-02-01 = %+v; want p2", r.Repeats.Items)
	}
}

// TestDayIsTheWrittenDay checks that stats put an incident on the day the
// rest of the site shows (Postmortem.Day, the day written in date:), not on
// that instant's day in the site's time zone (QA round 4, #2).
func TestDayIsTheWrittenDay(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	// 20:00 on 31 December in Los Angeles is 1 January 2025 in UTC, and
	// 23:30 on 31 March in New York is 1 April in UTC and Tokyo
	newYear := pm(t, "new-year", "2024-12-31T20:00:00-08:00", "SEV1", []string{"api"}, []string{"capacity"})
	march := pm(t, "march", "2024-03-31T23:30:00-04:00", "SEV1", []string{"api"}, []string{"capacity"})
	for _, tz := range []*time.Location{time.UTC, ny, tokyo} {
		for _, tt := range []struct {
			p       *model.Postmortem
			day     string
			quarter string
			month   string
		}{{newYear, "2024-12-31", "2024-Q4", "2024-12"}, {march, "2024-03-31", "2024-Q1", "2024-03"}} {
			if got := tt.p.Day().String(); got != tt.day {
				t.Fatalf("%s: Postmortem.Day = %s; the test wants %s", tt.p.ID, got, tt.day)
			}
			kb := newKB(tz, model.Date{}, tt.p)
			r := Compute(kb, Options{})
			if r.First != tt.day || r.Last != tt.day || r.Quarters[0] != tt.quarter || r.Periods[0] != tt.quarter ||
				r.IncidentsPerMonth[0].Period != tt.month {
				t.Errorf("%s in %s: first %s last %s quarter %s period %s month %s; want %s %s %s",
					tt.p.ID, tz, r.First, r.Last, r.Quarters[0], r.Periods[0], r.IncidentsPerMonth[0].Period,
					tt.day, tt.quarter, tt.month)
			}
			d := day(t, tt.day)
			next := model.DateOf(d.Time().AddDate(0, 0, 1))
			for _, c := range []struct {
				opts Options
				want int
			}{
				{Options{Since: d, Until: d}, 1},
				{Options{Until: d}, 1},
				{Options{Since: next}, 0},
			} {
				if got := Compute(kb, c.opts).Postmortems; got != c.want {
					t.Errorf("%s in %s, since %s until %s: %d postmortems; want %d", tt.p.ID, tz, c.opts.Since, c.opts.Until, got, c.want)
				}
			}
		}
	}
}

func TestComputeEmpty(t *testing.T) {
	r := Compute(newKB(nil, model.Date{}), Options{})
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"by_cause", "by_system", "by_severity", "by_detection"} {
		if v, ok := doc[k].([]any); !ok || len(v) != 0 {
			t.Errorf("%s = %#v; want []", k, doc[k])
		}
	}
	if doc["postmortems"] != 0.0 {
		t.Errorf("postmortems = %v; want 0", doc["postmortems"])
	}
	// only numbers that do not exist are null; every list is [] when empty
	for _, line := range bytes.Split(b, []byte("\n")) {
		if bytes.Contains(line, []byte("null")) && !bytes.Contains(line, []byte("_minutes\"")) &&
			!bytes.Contains(line, []byte("_days\"")) && !bytes.Contains(line, []byte(`"completion_rate"`)) {
			t.Errorf("empty report has %s", line)
		}
	}
}

func TestJSONGoldenAndDeterministic(t *testing.T) {
	a, err := Compute(fixture(t), Options{}).JSON()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Compute(fixture(t), Options{}).JSON()
	if !bytes.Equal(a, b) {
		t.Fatal("two computations of the same knowledge base differ")
	}
	golden(t, "fixture.json", a)
}

func TestCheckSeverities(t *testing.T) {
	kb := newKB(time.UTC, model.Date{},
		pm(t, "a", "2024-01-01", "SEV2", []string{"api"}, []string{"capacity"}),
		pm(t, "b", "2024-02-01", "P0", []string{"api"}, []string{"capacity"}))
	const known = "; the site's severities are SEV1, SEV2, SEV3, SEV4, P0"
	for _, tt := range []struct {
		levels []string
		want   string // "" for no error
	}{
		{nil, ""},
		{[]string{"SEV1", " SEV2 ", ""}, ""},
		{[]string{"P0"}, ""}, // not configured, but a postmortem uses it
		{[]string{"SEV9"}, `unknown severity "SEV9"` + known},
		// Another case or width, or the level's label, as search's
		// severity: and validate take them.
		{[]string{"sev2", "ＳＥＶ２", "Major", "ｍａｊｏｒ", "p0"}, ""},
		{[]string{"SEV1", "SEV11", "X"}, `unknown severity "SEV11" (did you mean "SEV1"?); unknown severity "X"` + known},
	} {
		opts := Options{Severities: tt.levels}
		err := opts.CheckSeverities(kb)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("CheckSeverities(%q) = %q; want %q", tt.levels, got, tt.want)
		}
	}
	// Compute counts what CheckSeverities takes.
	for _, l := range []string{"SEV2", "sev2", "ＳＥＶ２", "Major", "ＭＡＪＯＲ"} {
		r := Compute(kb, Options{Severities: []string{l}})
		if r.Postmortems != 1 || strings.Join(r.Severities, " ") != "SEV2" {
			t.Errorf("Compute(%q): %d postmortems of %q; want 1 of SEV2", l, r.Postmortems, r.Severities)
		}
	}
}
