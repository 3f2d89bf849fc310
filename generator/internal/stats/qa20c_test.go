package stats

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// elevenOfQ1 is 11 postmortems of 2026-Q1, 6 detected by an alert and 5
// by a customer, with 6 of their 11 action items done on time: 6 of 11 is
// 54.545…%, 54.5% to one decimal, though its 4-place share 0.5455 is
// 54.6%.
func elevenOfQ1(t testing.TB) *model.KnowledgeBase {
	var pms []*model.Postmortem
	for i := range 11 {
		src, status := "alert", "done"
		if i >= 6 {
			src, status = "customer-report", "wont-do"
		}
		pms = append(pms, pm(t, fmt.Sprintf("p%02d", i+1), fmt.Sprintf("2026-01-%02d", i+2), "SEV3",
			[]string{fmt.Sprintf("sys%d", i)}, []string{"dns"}, detection(src),
			items(model.ActionItem{ID: "AI-1", Title: "Fix", Owner: "x", Status: status, Due: day(t, "2026-02-01"),
				Closed: day(t, "2026-01-20")})))
	}
	return newKB(time.UTC, day(t, "2026-03-12"), pms...)
}

// TestPercentagesRoundedOnce checks that a percentage shown is rounded once,
// from its count and total (QA 20 C-F4): 6 of 11 was rounded to the JSON's
// share 0.5455 and then to one decimal, 54.6% in `pmkb stats`, the
// detection chart's tooltips and the /stats/ tables. The JSON keeps its
// 4-place shares.
func TestPercentagesRoundedOnce(t *testing.T) {
	r := Compute(elevenOfQ1(t), Options{})
	var text bytes.Buffer
	if err := WriteText(&text, r, say(t, "en"), 0); err != nil {
		t.Fatal(err)
	}
	for _, want := range [][]string{{"alert", "6", "54.5%"}, {"completed", "on", "time", "54.5%", "(6"}} {
		found := false
		for line := range strings.Lines(text.String()) {
			found = found || slices.Equal(strings.Fields(line)[:min(len(want), len(strings.Fields(line)))], want)
		}
		if !found {
			t.Errorf("pmkb stats has no line %q:\n%s", want, text.String())
		}
	}
	if strings.Contains(text.String(), "54.6%") {
		t.Errorf("pmkb stats rounds 6 of 11 twice:\n%s", text.String())
	}
	for _, f := range Charts(r, words(t, "en")) {
		if f.Path == "stats/detection.svg" {
			titles := wellFormed(t, f.Path, f.Data)
			if !slices.Contains(titles, "2026-Q1 · Alert: 54.5%") {
				t.Errorf("detection.svg tooltips %q; want 2026-Q1 · Alert: 54.5%%", titles)
			}
		}
	}
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Detection struct {
			Rows []struct {
				Key    string    `json:"key"`
				Shares []float64 `json:"shares"`
			} `json:"rows"`
		} `json:"detection_per_quarter"`
		Actions struct {
			CompletionRate float64 `json:"completion_rate"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Detection.Rows[0]; got.Key != "alert" || !slices.Equal(got.Shares, []float64{0.5455}) {
		t.Errorf("JSON detection row %+v; want alert [0.5455]", got)
	}
	if doc.Actions.CompletionRate != 0.5455 {
		t.Errorf("JSON completion rate %v; want 0.5455", doc.Actions.CompletionRate)
	}
}

// TestDurationWordsFromExactMinutes checks that a duration said in words is
// rounded from its exact value (QA 20 C-F5): the 90th percentile of 1 s and
// 233 s, 209.8 s (3.4967 min), was rounded to 3.5 minutes for the JSON and
// that to the nearest minute, "4 min"; 3 min 29.8 s is 3 min to the nearest
// minute. The JSON keeps its 2 places.
func TestDurationWordsFromExactMinutes(t *testing.T) {
	detectAfter := func(start string, d time.Duration) func(*model.Postmortem) {
		return func(p *model.Postmortem) {
			p.Timeline.Started = at(t, start, time.UTC)
			p.Timeline.Detected = p.Timeline.Started.Add(d)
		}
	}
	kb := newKB(time.UTC, day(t, "2026-04-02"),
		pm(t, "a", "2026-01-05", "SEV2", []string{"api"}, []string{"dns"}, detection("alert"), detectAfter("2026-01-05T10:00:00Z", time.Second)),
		pm(t, "b", "2026-02-05", "SEV2", []string{"db"}, []string{"disk"}, detection("alert"), detectAfter("2026-02-05T10:00:00Z", 233*time.Second)))
	r := Compute(kb, Options{})
	ttd := r.Durations[0]
	if ttd.Metric != TimeToDetect || ttd.All.N != 2 {
		t.Fatalf("durations[0] is %s of %d; want time_to_detect of 2", ttd.Metric, ttd.All.N)
	}
	en := say(t, "en")
	if got := FormatDuration(ttd.All.P90, en); got != "3 min" {
		t.Errorf("p90 of 1 s and 233 s said %q; want 3 min", got)
	}
	var text bytes.Buffer
	if err := WriteText(&text, r, en, 0); err != nil {
		t.Fatal(err)
	}
	want := []string{"time", "to", "detect", "2*", "2", "min", "3", "min", "0"}
	found := false
	for line := range strings.Lines(text.String()) {
		found = found || slices.Equal(strings.Fields(line), want)
	}
	if !found {
		t.Errorf("pmkb stats has no line %q:\n%s", want, text.String())
	}
	for _, f := range Charts(r, words(t, "en")) {
		if f.Path == "stats/time-to-detect.svg" && !bytes.Contains(f.Data, []byte("p90 3 min")) {
			t.Errorf("time-to-detect.svg does not say p90 3 min:\n%s", f.Data)
		}
	}
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"median_minutes": 1.95,`)) || !bytes.Contains(b, []byte(`"p90_minutes": 3.5,`)) ||
		!bytes.Contains(b, []byte(`"min_minutes": 0.02,`)) || !bytes.Contains(b, []byte(`"max_minutes": 3.88,`)) {
		t.Errorf("JSON time to detect: want median 1.95, p90 3.5, min 0.02, max 3.88 minutes:\n%s", b)
	}
}
