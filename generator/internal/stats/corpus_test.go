package stats_test

import (
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/internal/stats"
)

// TestCorpusCountsAgree loads a generated corpus of 1,000 postmortems the
// way a build does and checks the figures against the counts the generator
// recorded.
func TestCorpusCountsAgree(t *testing.T) {
	kb, c := corpustest.Load(t, corpus.Options{N: 1000, Seed: 42, Formats: true})
	r := stats.Compute(kb, stats.Options{})
	truth := c.Truth

	if r.Postmortems != len(truth.IDs) {
		t.Errorf("postmortems = %d; want %d", r.Postmortems, len(truth.IDs))
	}
	for name, pair := range map[string]struct {
		got  []stats.KeyCount
		want map[string][]string
	}{
		"cause": {r.ByCause, truth.ByCause}, "system": {r.BySystem, truth.BySystem},
		"severity": {r.BySeverity, truth.BySeverity}, "detection": {r.ByDetection, truth.ByDetection},
	} {
		got := map[string]int{}
		for _, kc := range pair.got {
			got[kc.Key] = kc.Count
		}
		// a postmortem without detection is "unknown" in the figures
		sum := 0
		for k, ids := range pair.want {
			sum += len(ids)
			if got[k] != len(ids) {
				t.Errorf("by %s %q = %d; want %d", name, k, got[k], len(ids))
			}
		}
		if name == "detection" && len(truth.IDs)-sum != got[stats.Unknown] {
			t.Errorf("unknown detection = %d; want %d", got[stats.Unknown], len(truth.IDs)-sum)
		}
		if len(got) > len(pair.want)+1 || (name != "detection" && len(got) != len(pair.want)) {
			t.Errorf("by %s has %d keys; want %d", name, len(got), len(pair.want))
		}
		if !slices.IsSortedFunc(pair.got, func(a, b stats.KeyCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			if a.Key < b.Key {
				return -1
			}
			return 1
		}) {
			t.Errorf("by %s is not sorted by count, then key", name)
		}
	}

	a, want := r.Actions, truth.Actions
	got := []int{a.Total, a.Open, a.InProgress, a.Done, a.WontDo, a.Overdue}
	exp := []int{want.Total, want.Open, want.InProgress, want.Done, want.WontDo, want.Overdue}
	if !slices.Equal(got, exp) {
		t.Errorf("action items total/open/in-progress/done/wont-do/overdue = %v; want %v", got, exp)
	}

	// every related: link to an earlier postmortem makes a repeat
	repeats := stats.Repeats(kb, 180)
	for id, rel := range truth.Related {
		p, _ := kb.ByID(id)
		for _, r := range rel {
			q, ok := kb.ByID(r)
			if ok && q.Date.Before(p.Date) && !slices.Contains(repeats[id], r) {
				t.Errorf("%s names earlier %s in related: but is not its repeat", id, r)
			}
		}
	}
}
