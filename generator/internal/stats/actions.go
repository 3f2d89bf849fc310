package stats

import (
	"cmp"
	"slices"

	"github.com/pmkb/pmkb/generator/model"
)

// ActionCounts are the action items of a group by state. Open counts every
// item not done or wont-do (in-progress included); Overdue is the part of
// Open whose due date is before today. CompletionRate is Done ÷ (Total −
// WontDo), null when that is 0.
type ActionCounts struct {
	Key            string   `json:"key,omitempty"`
	Total          int      `json:"total"`
	Open           int      `json:"open"`
	InProgress     int      `json:"in_progress"`
	Overdue        int      `json:"overdue"`
	Done           int      `json:"done"`
	WontDo         int      `json:"wont_do"`
	CompletionRate *float64 `json:"completion_rate"`
}

// OpenAge is the age in days of the open action items, counted from their
// postmortem's day to today (an item's creation date is not recorded).
type OpenAge struct {
	N      int      `json:"n"`
	Median *float64 `json:"median_days"`
	P90    *float64 `json:"p90_days"`
	Oldest int      `json:"oldest_days"`
	// OldestKey is the oldest open item ("<postmortem>#<item>").
	OldestKey string `json:"oldest_key"`
}

// ActionFigures are the action items of the postmortems counted.
type ActionFigures struct {
	ActionCounts
	// OpenAge is empty when the build has no today.
	OpenAge OpenAge `json:"open_age"`
	// ByTeam counts the items per team of their postmortem (an item of a
	// postmortem with two teams counts for both; none is "unassigned").
	ByTeam []ActionCounts `json:"by_team"`
	// ByKind counts the items per kind ("" is "unspecified").
	ByKind []ActionCounts `json:"by_kind"`
}

// Unassigned is the team of a postmortem that names none.
const Unassigned = "unassigned"

func (c *ActionCounts) add(it *model.ActionItem, today model.Date) {
	c.Total++
	switch it.Status {
	case model.ActionDone:
		c.Done++
	case model.ActionWontDo:
		c.WontDo++
	default:
		c.Open++
		if it.Status == model.ActionInProgress {
			c.InProgress++
		}
		if !today.IsZero() && it.Overdue(today) {
			c.Overdue++
		}
	}
}

func (c *ActionCounts) finish() {
	if d := c.Total - c.WontDo; d > 0 {
		c.CompletionRate = ptr(share(c.Done, d))
	}
}

// actionFigures counts the action items of inc.
func actionFigures(inc []incident, today model.Date) ActionFigures {
	var f ActionFigures
	teams := map[string]*ActionCounts{}
	kinds := map[string]*ActionCounts{}
	var ages []float64
	for _, x := range inc {
		ts := keys(x.p.Teams)
		if len(ts) == 0 {
			ts = []string{Unassigned}
		}
		for i := range x.p.ActionItems {
			it := &x.p.ActionItems[i]
			f.add(it, today)
			for _, t := range ts {
				bucket(teams, t).add(it, today)
			}
			k := key(it.Kind)
			if k == "" {
				k = "unspecified"
			}
			bucket(kinds, k).add(it, today)
			if !it.IsClosed() && !today.IsZero() {
				age := max(x.day.DaysUntil(today), 0)
				ages = append(ages, float64(age))
				if age > f.OpenAge.Oldest || f.OpenAge.OldestKey == "" {
					f.OpenAge.Oldest, f.OpenAge.OldestKey = age, it.Key(x.p.ID)
				}
			}
		}
	}
	f.finish()
	slices.Sort(ages)
	f.OpenAge.N = len(ages)
	if m, ok := Percentile(ages, 50); ok {
		f.OpenAge.Median = ptr(round(m, 1))
		p, _ := Percentile(ages, 90)
		f.OpenAge.P90 = ptr(round(p, 1))
	}
	f.ByTeam, f.ByKind = flatten(teams), flatten(kinds)
	return f
}

func bucket(m map[string]*ActionCounts, k string) *ActionCounts {
	c, ok := m[k]
	if !ok {
		c = &ActionCounts{Key: k}
		m[k] = c
	}
	return c
}

// flatten lists the groups by open items, then total, then key.
func flatten(m map[string]*ActionCounts) []ActionCounts {
	out := make([]ActionCounts, 0, len(m))
	for _, c := range m {
		c.finish()
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b ActionCounts) int {
		return cmp.Or(cmp.Compare(b.Open, a.Open), cmp.Compare(b.Total, a.Total), cmp.Compare(a.Key, b.Key))
	})
	return out
}
