package stats

import (
	"cmp"
	"slices"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/model"
)

// ActionCounts are the action-item figures of one group, as package actions
// defines them (the same numbers as the action-item pages): Open counts
// status "open" only, Unclosed adds in-progress; Overdue is the unclosed
// items due before today. The completion rate is on-time completion:
// OnTime of the Due items due before today were done with a closed date on
// or before their due date; null when none was due. The rate is exact, the
// JSON rounds it to 4 places. Ages are days from the
// postmortem's date to today, over the unclosed items.
type ActionCounts struct {
	Key            string   `json:"key,omitempty"`
	Total          int      `json:"total"`
	Open           int      `json:"open"`
	InProgress     int      `json:"in_progress"`
	Unclosed       int      `json:"unclosed"`
	Overdue        int      `json:"overdue"`
	Done           int      `json:"done"`
	WontDo         int      `json:"wont_do"`
	Due            int      `json:"due"`
	OnTime         int      `json:"on_time"`
	CompletionRate *float64 `json:"completion_rate"`
	OpenAgeMedian  *float64 `json:"open_age_median_days"`
	OldestOpenDays int      `json:"oldest_open_days"`
	OldestOpenKey  string   `json:"oldest_open_key"`
}

// ActionFigures are the action items of the postmortems counted.
type ActionFigures struct {
	ActionCounts
	// ByTeam has one group per team of the items' postmortems (an item
	// counts for each of its postmortem's teams; none for a postmortem
	// without teams), most unclosed first.
	ByTeam []ActionCounts `json:"by_team"`
}

func countsOf(key string, c actions.Counts, comp actions.Completion, age actions.Age) ActionCounts {
	out := ActionCounts{Key: key, Total: c.Total, Open: c.Open, InProgress: c.InProgress, Unclosed: c.Unclosed(),
		Overdue: c.Overdue, Done: c.Done, WontDo: c.WontDo, Due: comp.Due, OnTime: comp.OnTime,
		OldestOpenDays: age.OldestDays, OldestOpenKey: age.OldestKey}
	if r, ok := comp.Rate(); ok {
		out.CompletionRate = ptr(r)
	}
	if age.Items > 0 {
		out.OpenAgeMedian = ptr(age.MedianDays)
	}
	return out
}

// actionFigures sums the action items of inc with package actions: items
// due before today count for completion.
func actionFigures(inc []incident, today model.Date) ActionFigures {
	n := 0
	for _, x := range inc {
		n += len(x.p.ActionItems)
	}
	rows := make([]actions.Row, 0, n)
	for _, x := range inc {
		for i := range x.p.ActionItems {
			rows = append(rows, actions.RowOf(model.ActionRef{Postmortem: x.p, Item: &x.p.ActionItems[i]}, today))
		}
	}
	var period actions.Period
	if !today.IsZero() {
		period.To = today.AddDays(-1)
	}
	f := actions.ComputeRows(rows, today, period)
	out := ActionFigures{ActionCounts: countsOf("", f.Counts, f.Completion, f.Age), ByTeam: []ActionCounts{}}
	for _, g := range f.PerTeam {
		out.ByTeam = append(out.ByTeam, countsOf(g.Name, g.Counts, g.Completion, g.Age))
	}
	slices.SortStableFunc(out.ByTeam, func(a, b ActionCounts) int {
		return cmp.Or(cmp.Compare(b.Unclosed, a.Unclosed), cmp.Compare(b.Total, a.Total))
	})
	return out
}
