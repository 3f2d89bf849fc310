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
	// PerQuarter covers every quarter from the term's first incident (or
	// Since's, when earlier) to today's, or Until's when earlier (or its
	// last incident's, when later): selection.periodSpan.
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
	// overdue first, then by due date (none last), then key; only the
	// first of them from Site (see Site), all from ForTerm and ForTerms.
	// OpenTotal counts them all.
	OpenActions []ActionRow `json:"open_actions"`
	OpenTotal   int         `json:"open_total"`
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
	t := newTerms(s, g, newChainIndex(g, g.chains()), -1)
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
	return s.forTerms(g, newChainIndex(g, g.chains()), -1)
}

// forTerms builds the term reports of s, whose repeats are g with the
// chains ci, each with its first open open action items (all when open
// < 0).
func (s *selection) forTerms(g *repeatGraph, ci *chainIndex, open int) TermReports {
	out := TermReports{Systems: map[string]*TermReport{}, Causes: map[string]*TermReport{}}
	t := newTerms(s, g, ci, open)
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
	num []int32
	// open is how many open action items a report keeps (all when < 0).
	open int
	// Scratch: the incident numbers, open action items and their order
	// of one report.
	nums  []int32
	rows  []ActionRow
	order []int32
}

func newTerms(s *selection, g *repeatGraph, ci *chainIndex, open int) *terms {
	t := &terms{s: s, g: g, picker: ci.picker(), num: make([]int32, len(s.in)), open: open}
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
	first, last := s.periodSpan(s.in[mine[0]].day, s.in[mine[len(mine)-1]].day)
	q0, q1 := quarterOf(first), quarterOf(last)
	for q := q0; q <= q1; q++ {
		t.PerQuarter = append(t.PerQuarter, PeriodCount{Period: q.label(Quarter)})
	}
	// The open items are listed in scratch memory, of which the report
	// keeps only those shown.
	rows := tr.rows[:0]
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
				rows = append(rows, x.itemRow(i, s.today))
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
	order := tr.order[:0]
	for i := range rows {
		order = append(order, int32(i))
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &rows[i], &rows[j]
		return cmp.Or(-cmpBool(a.Overdue, b.Overdue), cmpDue(a.Due, b.Due), cmp.Compare(a.Key, b.Key))
	})
	n := len(rows)
	if tr.open >= 0 {
		n = min(n, tr.open)
	}
	t.OpenTotal = len(rows)
	t.OpenActions = make([]ActionRow, n)
	for i := range t.OpenActions {
		t.OpenActions[i] = rows[order[i]]
	}
	tr.rows, tr.order = rows[:0], order[:0]
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
