package stats

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
)

// referenceMaximal is the chain listing as the figures define it,
// written plainly over ids: each chain of sorted that match accepts and
// that holds no incident outside one chain listed before.
func referenceMaximal(sorted []Chain, match func(*Chain) bool) []Chain {
	var kept []Chain
	for i := range sorted {
		c := &sorted[i]
		if !match(c) {
			continue
		}
		inside := slices.ContainsFunc(kept, func(k Chain) bool {
			return !slices.ContainsFunc(c.IDs, func(id string) bool { return !slices.Contains(k.IDs, id) })
		})
		if !inside {
			kept = append(kept, *c)
		}
	}
	return kept
}

// TestChainIndexMatchesReference checks the chains of every term page
// and of the report, found through the chain index, against
// referenceMaximal over every chain of a generated corpus.
func TestChainIndexMatchesReference(t *testing.T) {
	kb, _ := corpustest.Load(t, corpus.Options{N: 1000, Seed: 7})
	s := selectIncidents(kb, Options{})
	g := buildRepeats(s.all, s.window)
	chains := g.chains()
	ci := newChainIndex(g, chains)
	terms := s.forTerms(g, ci, -1)
	checked := 0
	for kind, m := range map[string]map[string]*TermReport{KindSystem: terms.Systems, KindCause: terms.Causes} {
		for key, tr := range m {
			ids := map[string]bool{}
			for _, x := range s.in {
				if slices.Contains(termsOf(x, kind), key) {
					ids[x.p.ID] = true
				}
			}
			want := referenceMaximal(chains, func(c *Chain) bool {
				return (c.Related || (kind == KindSystem && c.System == key) || (kind == KindCause && c.Cause == key)) &&
					slices.ContainsFunc(c.IDs, func(id string) bool { return ids[id] })
			})
			if tr.ChainsTotal != len(want) {
				t.Errorf("%s %s: %d chains, want %d", kind, key, tr.ChainsTotal, len(want))
			}
			if diff := cmp.Diff(want[:min(len(want), MaxChains)], tr.Chains); diff != "" {
				t.Errorf("%s %s chains (-want +got):\n%s", kind, key, diff)
			}
			checked += len(want)
		}
	}
	r := Compute(kb, Options{})
	want := referenceMaximal(chains, func(*Chain) bool { return true })
	if r.Repeats.ChainsTotal != len(want) {
		t.Errorf("report: %d chains, want %d", r.Repeats.ChainsTotal, len(want))
	}
	if diff := cmp.Diff(want[:min(len(want), MaxChains)], r.Repeats.Chains); diff != "" {
		t.Errorf("report chains (-want +got):\n%s", diff)
	}
	if checked == 0 || len(want) < 2 {
		t.Fatalf("the corpus has too few chains to check (%d, %d)", checked, len(want))
	}

	// A report of a period lists the chains that hold one of its
	// incidents, some of which began before it.
	days := make([]string, len(s.all))
	for i, x := range s.all {
		days[i] = x.day.String()
	}
	slices.Sort(days)
	period := Options{Since: day(t, days[len(days)/3]), Until: day(t, days[len(days)/2])}
	counted := map[string]bool{}
	for _, x := range selectIncidents(kb, period).in {
		counted[x.p.ID] = true
	}
	r = Compute(kb, period)
	want = referenceMaximal(chains, func(c *Chain) bool {
		return slices.ContainsFunc(c.IDs, func(id string) bool { return counted[id] })
	})
	all := referenceMaximal(chains, func(*Chain) bool { return true })
	if len(want) < 2 || len(want) == len(all) {
		t.Fatalf("the period holds %d of %d chains: too few to tell a filter from none", len(want), len(all))
	}
	if r.Repeats.ChainsTotal != len(want) {
		t.Errorf("report %s…%s: %d chains, want %d", period.Since, period.Until, r.Repeats.ChainsTotal, len(want))
	}
	if diff := cmp.Diff(want[:min(len(want), MaxChains)], r.Repeats.Chains); diff != "" {
		t.Errorf("report %s…%s chains (-want +got):\n%s", period.Since, period.Until, diff)
	}
}
