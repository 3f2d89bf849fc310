package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/model"
)

// synthetic builds a knowledge base of n postmortems in memory: 40 systems,
// 15 causes, 1–3 of each, dates over six years, most with a heavy-tailed
// timeline, 0–5 action items, and some related: links to earlier ids.
func synthetic(n int, seed uint64) *model.KnowledgeBase {
	r := rand.New(rand.NewPCG(seed, 1))
	tz := time.FixedZone("JST", 9*3600)
	sevs := []string{"SEV1", "SEV2", "SEV3", "SEV4"}
	dets := []string{"alert", "customer-report", "internal-report", "synthetic-check", ""}
	kinds := []string{"prevent", "detect", "mitigate", "process", ""}
	statuses := []string{"open", "in-progress", "done", "done", "wont-do", ""}
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, tz)
	pick := func(prefix string, max, k int) []string {
		out := make([]string, 0, k)
		for range k {
			out = append(out, fmt.Sprintf("%s-%02d", prefix, r.IntN(max)))
		}
		return out
	}
	// a lognormal duration in minutes: median e^mu
	lognormal := func(mu, sigma float64) time.Duration {
		return time.Duration(math.Exp(mu+sigma*r.NormFloat64()) * float64(time.Minute))
	}
	pms := make([]*model.Postmortem, n)
	for i := range pms {
		date := start.Add(time.Duration(r.Int64N(int64(6 * 365 * 24 * time.Hour))))
		p := &model.Postmortem{ID: fmt.Sprintf("pm-%05d", i), Path: fmt.Sprintf("content/postmortems/pm-%05d.md", i),
			Title: "Incident", Date: date, Severity: sevs[r.IntN(len(sevs))], Systems: pick("sys", 40, 1+r.IntN(3)),
			Causes: pick("cause", 15, 1+r.IntN(3)), Teams: pick("team", 12, r.IntN(3)), Detection: dets[r.IntN(len(dets))]}
		if r.Float64() < 0.8 {
			p.Timeline.Started = date
			p.Timeline.Detected = date.Add(lognormal(3, 1.2))
			p.Timeline.Mitigated = p.Timeline.Detected.Add(lognormal(3.5, 1))
			p.Timeline.Resolved = p.Timeline.Mitigated.Add(lognormal(4, 1.3))
		}
		if i > 0 && r.Float64() < 0.05 {
			p.Related = []string{fmt.Sprintf("pm-%05d", r.IntN(i))}
		}
		for k := range r.IntN(6) {
			it := model.ActionItem{ID: fmt.Sprintf("AI-%d", k+1), Title: "Follow up", Owner: fmt.Sprintf("owner-%02d", r.IntN(60)),
				Status: statuses[r.IntN(len(statuses))], Kind: kinds[r.IntN(len(kinds))],
				Due: model.DateOf(date.AddDate(0, 0, 7+r.IntN(120)))}
			if it.IsClosed() && r.Float64() < 0.9 {
				it.Closed = model.DateOf(date.AddDate(0, 0, 1+r.IntN(200)))
			}
			p.ActionItems = append(p.ActionItems, it)
		}
		pms[i] = p
	}
	cfg := model.DefaultSiteConfig()
	cfg.TimeZone = tz
	return model.New(cfg, model.Date{Year: 2026, Month: 11, Day: 27}, pms)
}

// BenchmarkCompute10k is `pmkb stats` over 10,000 postmortems after
// loading: every figure, the JSON and every chart.
func BenchmarkCompute10k(b *testing.B) {
	kb := synthetic(10_000, 1)
	w := words(b, "en")
	b.ResetTimer()
	for b.Loop() {
		r := Compute(kb, Options{})
		if _, err := r.JSON(); err != nil {
			b.Fatal(err)
		}
		if len(Charts(r, w)) != len(ChartFiles()) {
			b.Fatal("missing charts")
		}
	}
}

// TestSyntheticCountsAgree checks the figures of a large synthetic
// knowledge base against counts made directly from its postmortems.
func TestSyntheticCountsAgree(t *testing.T) {
	kb := synthetic(2_000, 7)
	r := Compute(kb, Options{})
	cause, system, sev, det := counter{}, counter{}, counter{}, counter{}
	withTTD := 0
	for _, p := range kb.Postmortems {
		for _, c := range keys(p.Causes) {
			cause[c]++
		}
		for _, s := range keys(p.Systems) {
			system[s]++
		}
		sev[p.Severity]++
		det[detectionOf(p)]++
		if !p.Timeline.Detected.IsZero() {
			withTTD++
		}
	}
	for name, pair := range map[string][2][]KeyCount{
		"cause": {cause.sorted(), r.ByCause}, "system": {system.sorted(), r.BySystem},
		"severity": {sev.sorted(), r.BySeverity}, "detection": {det.sorted(), r.ByDetection},
	} {
		if fmt.Sprint(pair[0]) != fmt.Sprint(pair[1]) {
			t.Errorf("by %s = %v; want %v", name, pair[1], pair[0])
		}
	}
	if r.Postmortems != 2_000 || r.Durations[0].All.N != withTTD || r.Durations[0].All.N+r.Durations[0].All.Missing != 2_000 {
		t.Errorf("postmortems %d, ttd n %d + missing %d; want 2000, %d", r.Postmortems, r.Durations[0].All.N, r.Durations[0].All.Missing, withTTD)
	}
	sum := 0
	for _, pc := range r.IncidentsPerMonth {
		sum += pc.Count
	}
	if sum != 2_000 {
		t.Errorf("incidents per month sum to %d", sum)
	}
	// every repeat found by the indexed search is one a brute-force scan finds
	brute := map[string][]string{}
	inc := incidents(kb.Postmortems)
	for _, b := range inc {
		for _, a := range inc {
			if !a.p.Date.Before(b.p.Date) {
				continue
			}
			shared := len(intersect(a.systems, b.systems)) > 0 && len(intersect(a.causes, b.causes)) > 0
			if (shared && a.day.DaysUntil(b.day) <= 180) || containsStr(b.p.Related, a.p.ID) {
				brute[b.p.ID] = append(brute[b.p.ID], a.p.ID)
			}
		}
	}
	got := Repeats(kb, 180)
	if len(got) != len(brute) {
		t.Fatalf("%d repeats; brute force finds %d", len(got), len(brute))
	}
	for id, ids := range brute {
		if len(got[id]) != len(ids) {
			t.Errorf("%s repeats %v; brute force %v", id, got[id], ids)
		}
	}
	again := Compute(synthetic(2_000, 7), Options{})
	if a, b := mustJSON(t, r), mustJSON(t, again); string(a) != string(b) {
		t.Error("the same synthetic knowledge base gave different JSON")
	}
	c1, c2 := Charts(r, words(t, "en")), Charts(again, words(t, "en"))
	for i := range c1 {
		if string(c1[i].Data) != string(c2[i].Data) {
			t.Errorf("%s differs between two builds", c1[i].Path)
		}
	}
	if d := cmp.Diff(ForTerms(kb, Options{}), ForTerms(synthetic(2_000, 7), Options{}), cmp.Comparer(func(a, b *TermReport) bool {
		return cmp.Equal(*a, *b)
	})); d != "" {
		t.Errorf("ForTerms differs between two builds:\n%s", d)
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func mustJSON(t *testing.T, r *Report) []byte {
	t.Helper()
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
