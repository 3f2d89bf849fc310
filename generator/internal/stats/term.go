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
	// Chains are the repeat chains with at least one of the term's
	// postmortems.
	Chains []Chain `json:"chains"`
	// OpenActions are the unclosed action items of the term's postmortems:
	// overdue first, then by due date (none last), then key.
	OpenActions []ActionRow `json:"open_actions"`
}

// ForTerm returns the figures of the postmortems that name slug as a system
// (kind "system") or a cause (kind "cause"), under opts; slugs compare
// trimmed and case-folded.
func ForTerm(kb *model.KnowledgeBase, kind, slug string, opts Options) *TermReport {
	s := selectIncidents(kb, opts)
	want := key(slug)
	has := func(x incident) bool {
		if kind == KindCause {
			return slices.Contains(x.causes, want)
		}
		return slices.Contains(x.systems, want)
	}
	t := &TermReport{Kind: kind, Key: want, PerQuarter: []PeriodCount{}, Chains: []Chain{}, OpenActions: []ActionRow{}}
	var mine []incident
	for _, x := range s.in {
		if has(x) {
			mine = append(mine, x)
		}
	}
	t.Postmortems = len(mine)
	if len(mine) == 0 {
		return t
	}
	q0, q1 := quarterOf(mine[0].day), quarterOf(mine[len(mine)-1].day)
	for q := q0; q <= q1; q++ {
		t.PerQuarter = append(t.PerQuarter, PeriodCount{Period: q.label(Quarter)})
	}
	links := findRepeats(s.all, s.window)
	ids := map[string]bool{}
	for _, x := range mine {
		ids[x.p.ID] = true
		t.PerQuarter[quarterOf(x.day)-q0].Count++
		if _, ok := links[x.p.ID]; ok {
			t.Repeats++
		}
		for i := range x.p.ActionItems {
			if it := &x.p.ActionItems[i]; !it.IsClosed() {
				t.OpenActions = append(t.OpenActions, actionRow(x.p, it, x.day, s.today))
			}
		}
	}
	for _, c := range chains(s.all, links) {
		if slices.ContainsFunc(c.IDs, func(id string) bool { return ids[id] }) {
			t.Chains = append(t.Chains, c)
		}
	}
	slices.SortFunc(t.OpenActions, func(a, b ActionRow) int {
		return cmp.Or(-cmpBool(a.Overdue, b.Overdue), cmpDue(a.Due, b.Due), cmp.Compare(a.Key, b.Key))
	})
	return t
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
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

// Chart draws the term's incidents per quarter, texts in lang.
func (t *TermReport) Chart(lang string) []byte {
	title := map[string]string{"en": "Incidents per quarter", "ja": "四半期ごとのインシデント数"}[lang]
	if title == "" {
		title = "Incidents per quarter"
	}
	labels := make([]string, len(t.PerQuarter))
	values := make([]float64, len(t.PerQuarter))
	for i, pc := range t.PerQuarter {
		labels[i], values[i] = pc.Period, float64(pc.Count)
	}
	var series []chart.Series
	if len(labels) > 0 {
		series = []chart.Series{{Name: title, Values: values}}
	}
	return chart.Columns{Meta: chart.Meta{ID: t.Kind + "-" + t.Key, Title: title + ": " + t.Key,
		Desc: fmt.Sprintf("%d. %s", t.Postmortems, chart.Describe(labels, values, "", 40)), Empty: tr(lang)("nodata")},
		Labels: labels, Series: series}.SVG()
}
