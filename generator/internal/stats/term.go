package stats

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/pmkb/pmkb/generator/internal/chart"
	"github.com/pmkb/pmkb/generator/model"
)

// Term kinds for ForTerm.
const (
	KindSystem = "system"
	KindCause  = "cause"
)

// TermReport is the small version of the figures for one system's or one
// cause's page.
type TermReport struct {
	Kind        string `json:"kind"`
	Key         string `json:"key"`
	Postmortems int    `json:"postmortems"`
	// PerQuarter covers every quarter from the term's first incident to its
	// last.
	PerQuarter []PeriodCount `json:"per_quarter"`
	// Repeats counts the term's postmortems that repeat an earlier one.
	Repeats int `json:"repeats"`
	// Chains are the MaxChains longest repeat chains of the term: system
	// chains on this system or cause, and related chains with one of its
	// postmortems, each not part of a longer one listed; ChainsTotal
	// counts them all.
	ChainsTotal int     `json:"chains_total"`
	Chains      []Chain `json:"chains"`
	// OpenActions are the unclosed action items of the term's postmortems:
	// overdue first, then by due date (none last), then key.
	OpenActions []ActionRow `json:"open_actions"`
}

// ForTerm returns the figures of the postmortems that name slug as a system
// (kind "system") or a cause (kind "cause"), under opts; slugs compare
// trimmed and case-folded. To fill every system and cause page, ForTerms
// is faster.
func ForTerm(kb *model.KnowledgeBase, kind, slug string, opts Options) *TermReport {
	s := selectIncidents(kb, opts)
	g := buildRepeats(s.all, s.window)
	want := key(slug)
	var mine []incident
	for _, x := range s.in {
		if slices.Contains(termsOf(x, kind), want) {
			mine = append(mine, x)
		}
	}
	return termReport(s, g, g.chains(), kind, want, mine)
}

// TermReports are the TermReport of every system and cause, by normalised
// slug.
type TermReports struct {
	Systems map[string]*TermReport
	Causes  map[string]*TermReport
}

// ForTerms returns the TermReport of every system and cause that a counted
// postmortem names, finding repeats once for all of them.
func ForTerms(kb *model.KnowledgeBase, opts Options) TermReports {
	s := selectIncidents(kb, opts)
	g := buildRepeats(s.all, s.window)
	return s.forTerms(g, g.chains())
}

// forTerms builds the term reports of s, whose repeats are g with the
// chains.
func (s *selection) forTerms(g *repeatGraph, chains []Chain) TermReports {
	out := TermReports{Systems: map[string]*TermReport{}, Causes: map[string]*TermReport{}}
	for _, kind := range []string{KindSystem, KindCause} {
		groups := map[string][]incident{}
		var order []string
		for _, x := range s.in {
			for _, k := range termsOf(x, kind) {
				if _, ok := groups[k]; !ok {
					order = append(order, k)
				}
				groups[k] = append(groups[k], x)
			}
		}
		m := out.Systems
		if kind == KindCause {
			m = out.Causes
		}
		for _, k := range order {
			m[k] = termReport(s, g, chains, kind, k, groups[k])
		}
	}
	return out
}

func termsOf(x incident, kind string) []string {
	if kind == KindCause {
		return x.causes
	}
	return x.systems
}

// termReport builds the report of term key from its incidents mine.
func termReport(s *selection, g *repeatGraph, chains []Chain, kind, key string, mine []incident) *TermReport {
	t := &TermReport{Kind: kind, Key: key, Postmortems: len(mine), PerQuarter: []PeriodCount{}, Chains: []Chain{}, OpenActions: []ActionRow{}}
	if len(mine) == 0 {
		return t
	}
	q0, q1 := quarterOf(mine[0].day), quarterOf(mine[len(mine)-1].day)
	for q := q0; q <= q1; q++ {
		t.PerQuarter = append(t.PerQuarter, PeriodCount{Period: q.label(Quarter)})
	}
	ids := map[string]bool{}
	for _, x := range mine {
		ids[x.p.ID] = true
		t.PerQuarter[quarterOf(x.day)-q0].Count++
		if g.isRepeat(x.p.ID) {
			t.Repeats++
		}
		for i := range x.p.ActionItems {
			if it := &x.p.ActionItems[i]; !it.IsClosed() {
				t.OpenActions = append(t.OpenActions, x.itemRow(i, s.today))
			}
		}
	}
	match := func(c *Chain) bool {
		return (c.Related || (kind == KindSystem && c.System == key) || (kind == KindCause && c.Cause == key)) &&
			slices.ContainsFunc(c.IDs, func(id string) bool { return ids[id] })
	}
	maximalChains(chains, match, func(c Chain) bool {
		t.ChainsTotal++
		if len(t.Chains) < MaxChains {
			t.Chains = append(t.Chains, c)
		}
		return true
	})
	// Sorting indexes moves less than sorting rows, in the same order.
	order := make([]int32, len(t.OpenActions))
	for i := range order {
		order[i] = int32(i)
	}
	rows := t.OpenActions
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &rows[i], &rows[j]
		return cmp.Or(-cmpBool(a.Overdue, b.Overdue), cmpDue(a.Due, b.Due), cmp.Compare(a.Key, b.Key))
	})
	t.OpenActions = make([]ActionRow, len(rows))
	for k, i := range order {
		t.OpenActions[k] = rows[i]
	}
	return t
}

// cmpDue orders "YYYY-MM-DD" strings with the empty one last.
func cmpDue(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return cmp.Compare(a, b)
}

// Chart draws the term's incidents per quarter, texts in w's words, the
// term called name (its slug when name is "").
func (t *TermReport) Chart(w Words, name string) []byte {
	title := w.String("term.perQuarter")
	labels := make([]string, len(t.PerQuarter))
	values := make([]float64, len(t.PerQuarter))
	for i, pc := range t.PerQuarter {
		labels[i], values[i] = pc.Period, float64(pc.Count)
	}
	var series []chart.Series
	if len(labels) > 0 {
		series = []chart.Series{{Name: title, Values: values}}
	}
	return chart.Columns{Meta: chart.Meta{ID: t.Kind + "-" + t.Key, Title: title + ": " + cmp.Or(name, t.Key),
		Desc: fmt.Sprintf("%d. %s", t.Postmortems, chart.Describe(labels, values, "", 40)), Empty: w.String("chart.empty")},
		Labels: labels, Series: series}.SVG()
}
