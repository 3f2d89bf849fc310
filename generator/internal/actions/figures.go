package actions

import (
	"cmp"
	"slices"

	"github.com/pmkb/pmkb/generator/model"
)

// Counts are the action items of a group by status. Open counts items whose
// status is "open" (or unset) only; Unclosed adds the in-progress ones.
type Counts struct {
	Total      int
	Open       int
	InProgress int
	Done       int
	WontDo     int
	// Overdue counts the overdue items (a subset of Open and InProgress).
	Overdue int
}

// Unclosed is the number of items neither done nor wont-do.
func (c Counts) Unclosed() int { return c.Open + c.InProgress }

func (c *Counts) add(r *Row) {
	c.Total++
	switch r.Status {
	case model.ActionDone:
		c.Done++
	case model.ActionWontDo:
		c.WontDo++
	case model.ActionInProgress:
		c.InProgress++
	default:
		// "open" and, defensively, any status validation let through.
		c.Open++
	}
	if r.Overdue {
		c.Overdue++
	}
}

// Period is an inclusive range of days. A zero From or To leaves that end
// open.
type Period struct {
	From, To model.Date
}

// Contains reports whether d lies in p; the zero Date lies in no period.
func (p Period) Contains(d model.Date) bool {
	if d.IsZero() {
		return false
	}
	return (p.From.IsZero() || !d.Before(p.From)) && (p.To.IsZero() || !p.To.Before(d))
}

// Completion is the on-time completion of the items due in a period:
// OnTime of Due items were done with a closed date on or before their due
// date. Items due in the period that are wont-do, still open, done late or
// done without a closed date count in Due but not in OnTime.
type Completion struct {
	Period Period
	// Due is the number of items whose due date lies in the period.
	Due int
	// OnTime is how many of them were done on or before their due date.
	OnTime int
}

// Rate is OnTime/Due, and false when no item was due in the period.
func (c Completion) Rate() (float64, bool) {
	if c.Due == 0 {
		return 0, false
	}
	return float64(c.OnTime) / float64(c.Due), true
}

func (c *Completion) add(r *Row) {
	if !c.Period.Contains(r.Due) {
		return
	}
	c.Due++
	if r.Status == model.ActionDone && !r.Closed.IsZero() && !r.Due.Before(r.Closed) {
		c.OnTime++
	}
}

// Age sums the ages (days since their postmortem's date) of unclosed items.
type Age struct {
	// Items is the number of unclosed items measured.
	Items int
	// MedianDays is the median age; the mean of the two middle ages when
	// Items is even; 0 when there are none.
	MedianDays float64
	// OldestDays is the largest age and OldestKey the key of that item
	// (the smallest key among equals).
	OldestDays int
	OldestKey  string
}

func ageOf(rows []*Row) Age {
	var ages []int
	var a Age
	for _, r := range rows {
		if r.IsClosed() {
			continue
		}
		ages = append(ages, r.AgeDays)
		if a.OldestKey == "" || r.AgeDays > a.OldestDays || (r.AgeDays == a.OldestDays && r.Key < a.OldestKey) {
			a.OldestDays, a.OldestKey = r.AgeDays, r.Key
		}
	}
	a.Items = len(ages)
	if len(ages) == 0 {
		return a
	}
	slices.Sort(ages)
	mid := len(ages) / 2
	if len(ages)%2 == 1 {
		a.MedianDays = float64(ages[mid])
	} else {
		a.MedianDays = float64(ages[mid-1]+ages[mid]) / 2
	}
	return a
}

// Group is the figures of one owner or team.
type Group struct {
	// Name is the owner or team as written in the postmortems. For names
	// sharing a slug, an owner is spelt as most of its items spell it (see
	// OwnerLabels), a team as first met in knowledge-base order.
	Name string
	// Slug is model.Slug(Name), the key groups are merged and sorted by.
	Slug       string
	Counts     Counts
	Completion Completion
	Age        Age
}

// Figures are the action-item figures of a knowledge base as of its today.
type Figures struct {
	Today model.Date
	Counts
	Completion Completion
	Age        Age
	// PerOwner holds one group per owner, PerTeam one per team (an item
	// counts for every team of its postmortem; items of postmortems without
	// teams count for none). Both are sorted by slug, then name.
	PerOwner []Group
	PerTeam  []Group
}

// Compute sums the action items of kb as of kb.Today. Completion is
// measured over period; the zero Period means every item due before today.
func Compute(kb *model.KnowledgeBase, period Period) Figures {
	if period == (Period{}) {
		period.To = kb.Today.AddDays(-1)
	}
	rows := Rows(kb, Filter{})
	return ComputeRows(rows, kb.Today, period)
}

// ComputeRows sums already-built rows (for instance a filtered selection).
func ComputeRows(rows []Row, today model.Date, period Period) Figures {
	f := Figures{Today: today, Completion: Completion{Period: period}}
	all := make([]*Row, len(rows))
	owners := grouper{votes: &spellingVotes{}}
	teams := grouper{}
	slugs := slugMemo{}
	for i := range rows {
		r := &rows[i]
		all[i] = r
		f.Counts.add(r)
		f.Completion.add(r)
		owners.add(r.Owner, slugs.of(r.Owner), r)
		seen := map[string]bool{}
		for _, t := range r.Teams {
			if s := slugs.of(t); !seen[s] {
				seen[s] = true
				teams.add(t, s, r)
			}
		}
	}
	f.Age = ageOf(all)
	f.PerOwner = owners.groups(period)
	f.PerTeam = teams.groups(period)
	return f
}

type grouper struct {
	order []string // slugs in first-seen order
	names map[string]string
	rows  map[string][]*Row
	// votes, when set, names each group by its most used spelling instead
	// of the first met.
	votes *spellingVotes
}

// add puts r in the group of name, whose model.Slug is s.
func (g *grouper) add(name, s string, r *Row) {
	if g.names == nil {
		g.names, g.rows = map[string]string{}, map[string][]*Row{}
	}
	if _, ok := g.names[s]; !ok {
		g.names[s] = name
		g.order = append(g.order, s)
	}
	g.rows[s] = append(g.rows[s], r)
	if g.votes != nil {
		g.votes.add(name, s, r.Key)
	}
}

// slugMemo remembers the model.Slug of each name met: a few hundred
// owners and teams are met on tens of thousands of items.
type slugMemo map[string]string

func (m slugMemo) of(name string) string {
	s, ok := m[name]
	if !ok {
		s = model.Slug(name)
		m[name] = s
	}
	return s
}

func (g *grouper) groups(period Period) []Group {
	if g.votes != nil {
		g.names = g.votes.labels()
	}
	out := make([]Group, 0, len(g.order))
	for _, s := range g.order {
		grp := Group{Name: g.names[s], Slug: s, Completion: Completion{Period: period}}
		for _, r := range g.rows[s] {
			grp.Counts.add(r)
			grp.Completion.add(r)
		}
		grp.Age = ageOf(g.rows[s])
		out = append(out, grp)
	}
	slices.SortFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Name, b.Name))
	})
	return out
}
