package stats

import (
	"cmp"
	"slices"
	"sort"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// Link says why a postmortem repeats an earlier one.
type Link struct {
	// ID is the earlier postmortem.
	ID string `json:"id"`
	// Related is set when the later postmortem names it in related:.
	Related bool `json:"related"`
	// Systems and Causes are those both share, when they are within the
	// repeat window of each other; empty for a related-only link.
	Systems []string `json:"systems"`
	Causes  []string `json:"causes"`
	// Days is the number of calendar days, in the site's time zone, from
	// the earlier incident to the later one.
	Days int `json:"days"`
}

// Repeat is one postmortem that repeats earlier ones, with what was still
// open from them when it happened.
type Repeat struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Date  string    `json:"date"`
	Of    []Earlier `json:"of"`
}

// Earlier is one incident a repeat repeats, with its action items that
// were still open on the repeat's date.
type Earlier struct {
	Link
	Title string `json:"title"`
	Date  string `json:"date"`
	// OpenActions are the earlier incident's action items that were open on
	// the repeat's day: not done/wont-do, or closed after that day. An item
	// marked done without a closed: date counts as closed in time. Their
	// Overdue and AgeDays are as of the repeat's day.
	OpenActions []ActionRow `json:"open_actions"`
	// OpenPrevent counts the OpenActions of kind "prevent".
	OpenPrevent int `json:"open_prevent"`
}

// ActionRow is one action item as the figures list it.
type ActionRow struct {
	Key        string `json:"key"`
	Postmortem string `json:"postmortem"`
	ID         string `json:"id"`
	Title      string `json:"title"`
	Owner      string `json:"owner"`
	Kind       string `json:"kind"`
	Status     string `json:"status"`
	Due        string `json:"due"`
	Closed     string `json:"closed,omitempty"`
	Overdue    bool   `json:"overdue"`
	AgeDays    int    `json:"age_days,omitempty"`
}

// Chain is a group of postmortems linked by repeats, oldest first.
type Chain struct {
	IDs   []string `json:"ids"`
	First string   `json:"first"`
	Last  string   `json:"last"`
}

// incident is a postmortem with its derived keys, as repeat detection and
// the figures see it.
type incident struct {
	p       *model.Postmortem
	day     model.Date
	systems []string // normalised, sorted, distinct
	causes  []string
}

func newIncident(p *model.Postmortem, tz *time.Location) incident {
	return incident{p: p, day: localDay(p.Date, tz), systems: keys(p.Systems), causes: keys(p.Causes)}
}

// findRepeats returns, for each incident that repeats earlier ones, its
// links, newest earlier incident first. B repeats A when A started at an
// earlier instant and either B's related: names A, or they share a system
// and a cause and B's local day is at most window days after A's.
func findRepeats(inc []incident, window int) map[string][]Link {
	order := slices.Clone(inc)
	slices.SortFunc(order, func(a, b incident) int {
		return cmp.Or(a.p.Date.Compare(b.p.Date), cmp.Compare(a.p.ID, b.p.ID))
	})
	bySystem := map[string][]int{} // system → indexes into order, ascending
	byID := make(map[string]int, len(order))
	for i, x := range order {
		byID[x.p.ID] = i
		for _, s := range x.systems {
			bySystem[s] = append(bySystem[s], i)
		}
	}
	out := map[string][]Link{}
	for j, b := range order {
		links := map[int]*Link{}
		link := func(i int) *Link {
			if l, ok := links[i]; ok {
				return l
			}
			l := &Link{ID: order[i].p.ID, Days: order[i].day.DaysUntil(b.day), Systems: []string{}, Causes: []string{}}
			links[i] = l
			return l
		}
		for _, s := range b.systems {
			list := bySystem[s]
			// first position whose incident does not start before b
			k := sort.Search(len(list), func(k int) bool { return !order[list[k]].p.Date.Before(b.p.Date) })
			for k--; k >= 0; k-- {
				a := order[list[k]]
				if a.day.DaysUntil(b.day) > window {
					break
				}
				shared := intersect(a.causes, b.causes)
				if len(shared) == 0 {
					continue
				}
				l := link(list[k])
				l.Systems = append(l.Systems, s)
				for _, c := range shared {
					if !slices.Contains(l.Causes, c) {
						l.Causes = append(l.Causes, c)
					}
				}
			}
		}
		for _, r := range b.p.Related {
			i, ok := byID[r]
			if !ok || i == j || !order[i].p.Date.Before(b.p.Date) {
				continue
			}
			link(i).Related = true
		}
		if len(links) == 0 {
			continue
		}
		list := make([]Link, 0, len(links))
		idx := make([]int, 0, len(links))
		for i := range links {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		for _, i := range slices.Backward(idx) {
			l := links[i]
			slices.Sort(l.Causes)
			list = append(list, *l)
		}
		out[b.p.ID] = list
	}
	return out
}

// intersect returns the strings in both sorted, distinct slices.
func intersect(a, b []string) []string {
	var out []string
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := cmp.Compare(a[i], b[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// Repeats returns, for every postmortem of kb that repeats earlier ones, the
// ids of those earlier postmortems, newest first. B repeats A when A started
// at an earlier instant and either B's related: names A, or both share at
// least one system and one cause and B's calendar day (in the site's time
// zone) is at most windowDays after A's. A related: entry naming a later or
// unknown postmortem is ignored.
func Repeats(kb *model.KnowledgeBase, windowDays int) map[string][]string {
	out := map[string][]string{}
	for id, links := range findRepeats(incidents(kb.Postmortems, zoneOf(kb)), windowDays) {
		ids := make([]string, len(links))
		for i, l := range links {
			ids[i] = l.ID
		}
		out[id] = ids
	}
	return out
}

// RepeatInfo returns, for every postmortem of kb that repeats earlier ones,
// what it repeats and which of their action items were still open on its
// day: what a postmortem page shows. windowDays ≤ 0 means the site's
// configured window.
func RepeatInfo(kb *model.KnowledgeBase, windowDays int) map[string]Repeat {
	if windowDays <= 0 {
		windowDays = windowOf(kb, 0)
	}
	inc := incidents(kb.Postmortems, zoneOf(kb))
	links := findRepeats(inc, windowDays)
	out := make(map[string]Repeat, len(links))
	for _, x := range inc {
		if l, ok := links[x.p.ID]; ok {
			out[x.p.ID] = repeatOf(kb, x, l)
		}
	}
	return out
}

// repeatOf details the links of repeat x.
func repeatOf(kb *model.KnowledgeBase, x incident, links []Link) Repeat {
	tz := zoneOf(kb)
	r := Repeat{ID: x.p.ID, Title: x.p.Title, Date: x.day.String(), Of: make([]Earlier, 0, len(links))}
	for _, l := range links {
		a, _ := kb.ByID(l.ID)
		e := Earlier{Link: l, OpenActions: []ActionRow{}}
		if a != nil {
			e.Title = a.Title
			aday := localDay(a.Date, tz)
			e.Date = aday.String()
			for i := range a.ActionItems {
				it := &a.ActionItems[i]
				if !openOn(it, x.day) {
					continue
				}
				e.OpenActions = append(e.OpenActions, actionRow(a, it, aday, x.day))
				if it.Kind == "prevent" {
					e.OpenPrevent++
				}
			}
		}
		r.Of = append(r.Of, e)
	}
	return r
}

// openOn reports whether it was open on day: not closed, or closed after
// day. A closed item without a closed: date counts as closed.
func openOn(it *model.ActionItem, day model.Date) bool {
	if !it.IsClosed() {
		return true
	}
	return !it.Closed.IsZero() && day.Before(it.Closed)
}

// actionRow lists it of p; asOf sets Overdue and the age (days since the
// postmortem's day) when it is not zero.
func actionRow(p *model.Postmortem, it *model.ActionItem, pday, asOf model.Date) ActionRow {
	row := ActionRow{Key: it.Key(p.ID), Postmortem: p.ID, ID: it.ID, Title: it.Title, Owner: it.Owner,
		Kind: it.Kind, Status: statusOf(it), Due: it.Due.String(), Closed: it.Closed.String()}
	if !asOf.IsZero() {
		row.Overdue = it.Overdue(asOf)
		if !it.IsClosed() {
			row.AgeDays = max(pday.DaysUntil(asOf), 0)
		}
	}
	return row
}

func statusOf(it *model.ActionItem) string {
	if it.Status == "" {
		return model.ActionOpen
	}
	return it.Status
}

// chains groups the incidents linked by repeats into connected chains of two
// or more, largest first, then oldest first.
func chains(inc []incident, links map[string][]Link) []Chain {
	idx := make(map[string]int, len(inc))
	for i, x := range inc {
		idx[x.p.ID] = i
	}
	parent := make([]int, len(inc))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, x := range inc {
		for _, l := range links[x.p.ID] {
			if j, ok := idx[l.ID]; ok {
				parent[find(idx[x.p.ID])] = find(j)
			}
		}
	}
	groups := map[int][]incident{}
	for i, x := range inc {
		r := find(i)
		groups[r] = append(groups[r], x)
	}
	roots := make([]int, 0, len(groups))
	for r, g := range groups {
		if len(g) > 1 {
			roots = append(roots, r)
		}
	}
	slices.Sort(roots)
	out := make([]Chain, 0, len(roots))
	for _, r := range roots {
		g := groups[r]
		slices.SortFunc(g, func(a, b incident) int {
			return cmp.Or(a.p.Date.Compare(b.p.Date), cmp.Compare(a.p.ID, b.p.ID))
		})
		c := Chain{IDs: make([]string, len(g)), First: g[0].day.String(), Last: g[len(g)-1].day.String()}
		for i, x := range g {
			c.IDs[i] = x.p.ID
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Chain) int {
		return cmp.Or(cmp.Compare(len(b.IDs), len(a.IDs)), cmp.Compare(a.First, b.First), cmp.Compare(a.IDs[0], b.IDs[0]))
	})
	return out
}

// incidents derives the incidents of pms.
func incidents(pms []*model.Postmortem, tz *time.Location) []incident {
	out := make([]incident, len(pms))
	for i, p := range pms {
		out[i] = newIncident(p, tz)
	}
	return out
}
