// Package actions gathers the action items of every postmortem into rows a
// person can chase: filtered, with overdue and age worked out against the
// knowledge base's today, summed into figures (open, overdue, completion
// rate, age, per owner and per team), and written as a terminal table, JSON
// or CSV for `pmkb actions` and the /api exports.
//
// Definitions used throughout:
//   - An item is overdue when it is not done/wont-do and its due date is
//     before today (model.ActionItem.Overdue); an item due today is not.
//   - An item's teams and systems are those of its postmortem.
//   - An item's age is the number of days from its postmortem's date to
//     today (0 for a postmortem dated in the future).
package actions

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/model"
)

// Filter selects action items. Zero fields match everything. Text fields
// match case-insensitively; Owner, Team and System also match by slug, so
// "Aiko Tanaka" and "aiko-tanaka" name the same owner, and in Rows System
// also matches by the name the systems catalog gives a system, the one
// the site shows ("決済API" for payment-api).
type Filter struct {
	// Status is one status or a comma-separated list of them
	// ("open,in-progress"); an item without a status is "open".
	Status string
	Owner  string
	// Team matches items whose postmortem lists the team.
	Team string
	// System matches items whose postmortem lists the system.
	System string
	// Kind is one kind or a comma-separated list of them
	// ("prevent,detect"); an item without a kind matches none.
	Kind string
	// Overdue keeps only overdue items.
	Overdue bool

	// catalogSystems are the slugs of the catalog entries whose name is
	// System (set by Rows).
	catalogSystems []string
}

// Row is one action item with everything a list of actions shows: the item's
// own fields, its postmortem's id, title, severity, systems and teams, and
// the figures derived from today.
type Row struct {
	// Key is the item's global key "<postmortem-id>#<item-id>".
	Key string
	// Postmortem is the postmortem's id; PostmortemTitle its title.
	Postmortem      string
	PostmortemTitle string
	ID              string
	Title           string
	Owner           string
	Due             model.Date
	Closed          model.Date
	// Status is the item's status, "open" when none was written.
	Status   string
	Priority string
	Kind     string
	Link     string
	Overdue  bool
	// DaysOverdue is how many days past due an overdue item is, else 0.
	DaysOverdue int
	Severity    string
	Systems     []string
	Teams       []string
	// AgeDays is the days from the postmortem's date to today (never
	// negative).
	AgeDays int

	// How the site names and links the item, set by Rows (RowOf knows
	// no site): URL is the item's row on its postmortem's page (ItemURL);
	// OwnerName is the owner as the site names them, one spelling for all
	// the ways they are written (OwnerLabels), and OwnerURL their page,
	// both "" for an item without an owner; TeamNames and TeamURLs hold,
	// for each of Teams, the team as the site names it (TeamLabels) and
	// its page. URLs are under SiteBase: absolute when the baseURL is,
	// else paths from the server's root, as the site's other exports
	// write them.
	URL, OwnerName, OwnerURL string
	TeamNames, TeamURLs      []string
}

// IsClosed reports whether the row is done or wont-do.
func (r *Row) IsClosed() bool {
	return r.Status == model.ActionDone || r.Status == model.ActionWontDo
}

// RowOf builds the row of one action item as of today.
func RowOf(ref model.ActionRef, today model.Date) Row {
	p, a := ref.Postmortem, ref.Item
	status := a.Status
	if status == "" {
		status = model.ActionOpen
	}
	age := p.Day().DaysUntil(today)
	if age < 0 || p.Date.IsZero() {
		age = 0
	}
	return Row{
		Key:             ref.Key(),
		Postmortem:      p.ID,
		PostmortemTitle: p.Title,
		ID:              a.ID,
		Title:           a.Title,
		Owner:           a.Owner,
		Due:             a.Due,
		Closed:          a.Closed,
		Status:          status,
		Priority:        a.Priority,
		Kind:            a.Kind,
		Link:            a.Link,
		Overdue:         a.Overdue(today),
		DaysOverdue:     a.DaysOverdue(today),
		Severity:        p.Severity,
		Systems:         p.Systems,
		Teams:           p.Teams,
		AgeDays:         age,
	}
}

// Rows returns the rows of every action item of kb that f selects, as of
// kb.Today, in knowledge-base order: newest postmortem first, then the
// items in the order written, with the site's names and links filled in.
// Use SortUrgent for a to-do order.
func Rows(kb *model.KnowledgeBase, f Filter) []Row {
	f.catalogSystems = catalogSlugs(kb.Config.Systems, f.System)
	refs := kb.Actions()
	rows := make([]Row, 0, len(refs))
	links := newSiteLinks(kb)
	for _, ref := range refs {
		r := RowOf(ref, kb.Today)
		if f.Match(&r) {
			links.fill(&r)
			rows = append(rows, r)
		}
	}
	return rows
}

// Match reports whether f selects r.
func (f Filter) Match(r *Row) bool {
	if f.Overdue && !r.Overdue {
		return false
	}
	if f.Status != "" && !inList(f.Status, r.Status) {
		return false
	}
	if f.Owner != "" && !sameName(f.Owner, r.Owner) {
		return false
	}
	if f.Kind != "" && !inList(f.Kind, r.Kind) {
		return false
	}
	if f.Team != "" && !containsName(r.Teams, f.Team) {
		return false
	}
	if f.System != "" && !containsName(r.Systems, f.System) &&
		!slices.ContainsFunc(f.catalogSystems, func(s string) bool { return slices.Contains(r.Systems, s) }) {
		return false
	}
	return true
}

// catalogSlugs returns the slugs of the entries of catalog whose name is
// name, compared as sameName compares (case and width folded).
func catalogSlugs(catalog []model.System, name string) []string {
	if strings.TrimSpace(name) == "" {
		return nil
	}
	var slugs []string
	for _, s := range catalog {
		if s.Name != "" && sameName(s.Name, name) {
			slugs = append(slugs, s.Slug)
		}
	}
	return slugs
}

// inList reports whether value is one of the comma-separated list
// (case-insensitive, spaces around the commas ignored); "" is in no list.
func inList(list, value string) bool {
	if value == "" {
		return false
	}
	for s := range strings.SplitSeq(list, ",") {
		if strings.EqualFold(strings.TrimSpace(s), value) {
			return true
		}
	}
	return false
}

// sameName compares two free names (owners, teams, systems) the way their
// pages do: equal text, or equal slugs.
func sameName(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return strings.EqualFold(a, b) || model.Slug(a) == model.Slug(b)
}

func containsName(list []string, name string) bool {
	for _, s := range list {
		if sameName(s, name) {
			return true
		}
	}
	return false
}

// SortUrgent orders rows as a to-do list: overdue items first (longest
// overdue first), then other unclosed items by due date (undated last), then
// closed items; ties are broken by key, a total order.
func SortUrgent(rows []Row) {
	// As SortUrgentRefs does, by index: SortStableFunc over the rows
	// themselves (~300 bytes each) was ~4x slower at 10k
	// (BenchmarkSortUrgent10k).
	us := make([]urgency, len(rows))
	for i := range rows {
		us[i] = urgencyOf(&rows[i])
	}
	Permute(rows, urgentOrder(us))
}

// SortUrgentRefs orders action items as SortUrgent orders their rows, as
// of today: the order of the site's action lists.
func SortUrgentRefs(refs []model.ActionRef, today model.Date) {
	// The items' urgencies are sorted by index: an unstable sort (pdqsort)
	// of small values, with the index breaking ties so the order is that of
	// a stable sort. SortStableFunc over the items themselves was ~4x
	// slower at 10k (BenchmarkSortUrgentRefs10k).
	us := make([]urgency, len(refs))
	for i, r := range refs {
		row := Row{Due: r.Item.Due, Status: cmp.Or(r.Item.Status, model.ActionOpen),
			Overdue: r.Item.Overdue(today), DaysOverdue: r.Item.DaysOverdue(today)}
		us[i] = urgencyOf(&row)
		// The key "<postmortem>#<item>" is compared in its two parts,
		// not built for every item.
		us[i].key, us[i].item, us[i].split = r.Postmortem.ID, r.Item.ID, true
	}
	Permute(refs, urgentOrder(us))
}

// urgentOrder returns the indexes of us in the order a stable sort by
// urgency puts them.
func urgentOrder(us []urgency) []int32 {
	idx := make([]int32, len(us))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if c := us[a].compare(&us[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return idx
}

// Permute puts s in the order of order, a permutation of its indexes
// (s[i] becomes the old s[order[i]]), in place, following each cycle;
// order is used up. Sorting indexes and then permuting moves each row
// once, where sorting rows of a few hundred bytes moves them many times.
func Permute[T any](s []T, order []int32) {
	for i := range s {
		if order[i] < 0 {
			continue
		}
		tmp, j := s[i], i
		for {
			k := int(order[j])
			order[j] = -1
			if k == i {
				s[j] = tmp
				break
			}
			s[j] = s[k]
			j = k
		}
	}
}

// urgency is what SortUrgent orders by.
type urgency struct {
	rank, daysOverdue, undated int
	due                        model.Date
	// key is the item's key, or with split its postmortem's id, the
	// item's id being item (the key is key + "#" + item).
	key, item string
	split     bool
}

func urgencyOf(r *Row) urgency {
	rank := 2
	switch {
	case r.Overdue:
		rank = 0
	case !r.IsClosed():
		rank = 1
	}
	return urgency{rank: rank, daysOverdue: r.DaysOverdue, undated: undated(r), due: r.Due, key: r.Key}
}

// compare orders a before b by urgency. It returns at the first field
// that differs (cmp.Or would compare the keys, long strings with long
// common prefixes, every time).
func (a *urgency) compare(b *urgency) int {
	if c := cmp.Compare(a.rank, b.rank); c != 0 {
		return c
	}
	if c := cmp.Compare(b.daysOverdue, a.daysOverdue); c != 0 {
		return c
	}
	if c := cmp.Compare(a.undated, b.undated); c != 0 {
		return c
	}
	if c := compareDates(a.due, b.due); c != 0 {
		return c
	}
	if !a.split {
		return strings.Compare(a.key, b.key)
	}
	return compareKeys(a.key, a.item, b.key, b.item)
}

// compareKeys compares the keys ap + "#" + ai and bp + "#" + bi as
// strings, building them only when one postmortem id is a prefix of the
// other.
func compareKeys(ap, ai, bp, bi string) int {
	if ap == bp {
		return strings.Compare(ai, bi)
	}
	n := min(len(ap), len(bp))
	if c := strings.Compare(ap[:n], bp[:n]); c != 0 {
		return c
	}
	return strings.Compare(ap+"#"+ai, bp+"#"+bi)
}

// undated sorts items without a due date after those with one.
func undated(r *Row) int {
	if r.Due.IsZero() {
		return 1
	}
	return 0
}

func compareDates(a, b model.Date) int {
	if a.IsZero() || b.IsZero() {
		return 0
	}
	return a.Compare(b)
}
