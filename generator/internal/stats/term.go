package stats

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/pmkb/pmkb/generator/internal/actions"
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
	var mine []int32
	for k, x := range s.in {
		if slices.Contains(termsOf(x, kind), want) {
			mine = append(mine, int32(k))
		}
	}
	t := newTerms(s, g, newChainIndex(g, g.chains()))
	return t.report(kind, want, mine)
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
	return s.forTerms(g, newChainIndex(g, g.chains()))
}

// forTerms builds the term reports of s, whose repeats are g with the
// chains ci.
func (s *selection) forTerms(g *repeatGraph, ci *chainIndex) TermReports {
	out := TermReports{Systems: map[string]*TermReport{}, Causes: map[string]*TermReport{}}
	t := newTerms(s, g, ci)
	for _, kind := range []string{KindSystem, KindCause} {
		groups := map[string][]int32{} // term → indexes in s.in
		var order []string
		for k, x := range s.in {
			for _, term := range termsOf(x, kind) {
				if _, ok := groups[term]; !ok {
					order = append(order, term)
				}
				groups[term] = append(groups[term], int32(k))
			}
		}
		m := out.Systems
		if kind == KindCause {
			m = out.Causes
		}
		for _, k := range order {
			m[k] = t.report(kind, k, groups[k])
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

// terms makes the term reports of a selection, one after another.
type terms struct {
	s      *selection
	g      *repeatGraph
	picker *chainPicker
	// num is the incident number (g.index) of each of s.in.
	num  []int32
	nums []int32 // scratch
}

func newTerms(s *selection, g *repeatGraph, ci *chainIndex) *terms {
	t := &terms{s: s, g: g, picker: ci.picker(), num: make([]int32, len(s.in))}
	for k, x := range s.in {
		t.num[k] = int32(g.index[x.p.ID])
	}
	return t
}

// report builds the report of term key from its incidents mine (indexes
// in s.in, in order).
func (tr *terms) report(kind, key string, mine []int32) *TermReport {
	s, g := tr.s, tr.g
	t := &TermReport{Kind: kind, Key: key, Postmortems: len(mine), PerQuarter: []PeriodCount{}, Chains: []Chain{}, OpenActions: []ActionRow{}}
	if len(mine) == 0 {
		return t
	}
	q0, q1 := quarterOf(s.in[mine[0]].day), quarterOf(s.in[mine[len(mine)-1]].day)
	for q := q0; q <= q1; q++ {
		t.PerQuarter = append(t.PerQuarter, PeriodCount{Period: q.label(Quarter)})
	}
	open := 0
	for _, k := range mine {
		items := s.in[k].p.ActionItems
		for i := range items {
			if !items[i].IsClosed() {
				open++
			}
		}
	}
	t.OpenActions = make([]ActionRow, 0, open)
	tr.nums = tr.nums[:0]
	for _, k := range mine {
		x := &s.in[k]
		tr.nums = append(tr.nums, tr.num[k])
		t.PerQuarter[quarterOf(x.day)-q0].Count++
		if len(g.edges[tr.num[k]]) > 0 {
			t.Repeats++
		}
		for i := range x.p.ActionItems {
			if it := &x.p.ActionItems[i]; !it.IsClosed() {
				t.OpenActions = append(t.OpenActions, x.itemRow(i, s.today))
			}
		}
	}
	// The chains with one of the term's postmortems.
	match := func(c *Chain) bool {
		return c.Related || (kind == KindSystem && c.System == key) || (kind == KindCause && c.Cause == key)
	}
	tr.picker.maximal(tr.picker.holding(tr.nums), match, func(c Chain) {
		t.ChainsTotal++
		if len(t.Chains) < MaxChains {
			t.Chains = append(t.Chains, c)
		}
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
	actions.Permute(rows, order)
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
