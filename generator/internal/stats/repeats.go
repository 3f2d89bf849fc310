package stats

import (
	"cmp"
	"slices"
	"sort"

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
	// Days is the number of calendar days from the earlier incident's day
	// to the later one's (each the day written in its file, Postmortem.Day).
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

// Chain is a run of repeats, oldest first. A system chain is the incidents
// that share System and Cause, each within the repeat window of the one
// before; a related chain (Related set, no system or cause) is a group of
// incidents joined by related: links. Lists of chains hold only maximal
// ones: a chain whose incidents all belong to a longer listed chain (or to
// a system chain of the same incidents) is left out.
type Chain struct {
	System  string   `json:"system,omitempty"`
	Cause   string   `json:"cause,omitempty"`
	Related bool     `json:"related,omitempty"`
	IDs     []string `json:"ids"`
	First   string   `json:"first"`
	Last    string   `json:"last"`
}

// incident is a postmortem with its derived keys, as repeat detection and
// the figures see it.
type incident struct {
	p       *model.Postmortem
	day     model.Date
	dayStr  string   // day.String()
	dayNum  int      // days since 1970-01-01 of day
	systems []string // normalised, sorted, distinct
	causes  []string
	// rows lists the action items, without the fields that depend on a
	// day (Overdue, AgeDays), once asked for: a postmortem's items are
	// listed at each of its repeats.
	rows *[]ActionRow
}

// newIncident derives the incident of p. Its day is p.Day(), the day written
// in the file, as every page, search and postmortems.json show it.
func newIncident(p *model.Postmortem) incident {
	d := p.Day()
	return incident{p: p, day: d, dayStr: d.String(), dayNum: int(d.Time().Unix() / 86400),
		systems: keys(p.Systems), causes: keys(p.Causes), rows: new([]ActionRow)}
}

// itemRow lists action item k of x; asOf sets Overdue and the age (days
// since the postmortem's day) when it is not zero.
func (x incident) itemRow(k int, asOf model.Date) ActionRow {
	if *x.rows == nil {
		rows := make([]ActionRow, len(x.p.ActionItems))
		for i := range x.p.ActionItems {
			it := &x.p.ActionItems[i]
			rows[i] = ActionRow{Key: it.Key(x.p.ID), Postmortem: x.p.ID, ID: it.ID, Title: it.Title, Owner: it.Owner,
				Kind: it.Kind, Status: statusOf(it), Due: it.Due.String(), Closed: it.Closed.String()}
		}
		*x.rows = rows
	}
	row := (*x.rows)[k]
	if !asOf.IsZero() {
		it := &x.p.ActionItems[k]
		row.Overdue = it.Overdue(asOf)
		if !it.IsClosed() {
			row.AgeDays = max(x.day.DaysUntil(asOf), 0)
		}
	}
	return row
}

// incidents derives the incidents of pms.
func incidents(pms []*model.Postmortem) []incident {
	out := make([]incident, len(pms))
	for i, p := range pms {
		out[i] = newIncident(p)
	}
	return out
}

// byStart orders incidents by when they started: by the day written in
// their files (the day they are shown and counted on), then by instant,
// then by id. An evening written with its own offset ("20:00-08:00" on a
// UTC site) can be a later instant than the next day's incident; it still
// comes first, as its day does (model.SortPostmortems orders alike).
func byStart(a, b incident) int {
	return cmp.Or(cmp.Compare(a.dayNum, b.dayNum), a.p.Date.Compare(b.p.Date), cmp.Compare(a.p.ID, b.p.ID))
}

// startsBefore reports whether a started before b: on an earlier day, or
// on the same day at an earlier instant (byStart without the id).
func startsBefore(a, b *incident) bool {
	return a.dayNum < b.dayNum || (a.dayNum == b.dayNum && a.p.Date.Before(b.p.Date))
}

// edge is one repeat link: the later incident repeats inc[a].
type edge struct {
	a       int32
	shared  bool // shares a system and a cause within the window
	related bool // named in related:
}

// repeatGraph is every repeat link among a set of incidents.
type repeatGraph struct {
	inc    []incident // oldest first
	index  map[string]int
	edges  [][]edge // per incident, the earlier ones it repeats, newest first
	window int
}

// buildRepeats finds the repeats among inc. B repeats A when A started
// before it (startsBefore) and either B's related: names A, or they share a
// system and a cause and B's day is at most window days after A's. inc
// is sorted by byStart in a copy, unless it already is so.
func buildRepeats(inc []incident, window int) *repeatGraph {
	g := &repeatGraph{inc: inc, index: make(map[string]int, len(inc)), window: window}
	if !slices.IsSortedFunc(inc, byStart) {
		g.inc = slices.Clone(inc)
		slices.SortFunc(g.inc, byStart)
	}
	g.edges = make([][]edge, len(g.inc))
	// intern causes so that intersections compare integers
	causeID := map[string]int32{}
	causes := make([][]int32, len(g.inc))
	bySystem := map[string][]int32{} // system → incident indexes, oldest first
	for i, x := range g.inc {
		g.index[x.p.ID] = i
		for _, c := range x.causes {
			id, ok := causeID[c]
			if !ok {
				id = int32(len(causeID))
				causeID[c] = id
			}
			causes[i] = append(causes[i], id)
		}
		slices.Sort(causes[i])
		for _, s := range x.systems {
			bySystem[s] = append(bySystem[s], int32(i))
		}
	}
	seen := make([]int32, len(g.inc)) // seen[a] == b+1 when a is already linked from b
	var found []int32
	for b, x := range g.inc {
		found = found[:0]
		for _, s := range x.systems {
			list := bySystem[s]
			k := sort.Search(len(list), func(k int) bool { return !startsBefore(&g.inc[list[k]], &g.inc[b]) })
			for k--; k >= 0; k-- {
				a := list[k]
				if x.dayNum-g.inc[a].dayNum > window {
					break
				}
				if seen[a] != int32(b+1) && sharesAny(causes[a], causes[b]) {
					seen[a] = int32(b + 1)
					found = append(found, a)
				}
			}
		}
		var related []int32
		for _, r := range x.p.Related {
			a, ok := g.index[r]
			if ok && a != b && startsBefore(&g.inc[a], &g.inc[b]) && !slices.Contains(related, int32(a)) {
				related = append(related, int32(a))
			}
		}
		if len(found) == 0 && len(related) == 0 {
			continue
		}
		es := make([]edge, 0, len(found)+len(related))
		for _, a := range found {
			es = append(es, edge{a: a, shared: true, related: slices.Contains(related, a)})
		}
		for _, a := range related {
			if seen[a] != int32(b+1) {
				es = append(es, edge{a: a, related: true})
			}
		}
		slices.SortFunc(es, func(p, q edge) int { return cmp.Compare(q.a, p.a) }) // newest first
		g.edges[b] = es
	}
	return g
}

// sharesAny reports whether two sorted slices have a common element.
func sharesAny(a, b []int32) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			return true
		}
	}
	return false
}

// intersect returns the strings in both sorted, distinct slices.
func intersect(a, b []string) []string {
	out := []string{}
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

// link details the link e of incident b.
func (g *repeatGraph) link(b int, e edge) Link {
	x, a := &g.inc[b], &g.inc[e.a]
	l := Link{ID: a.p.ID, Related: e.related, Systems: []string{}, Causes: []string{}, Days: x.dayNum - a.dayNum}
	if e.shared {
		l.Systems, l.Causes = intersect(a.systems, x.systems), intersect(a.causes, x.causes)
	}
	return l
}

// repeatScratch is the memory of the Repeats repeat makes, reused from
// one to the next.
type repeatScratch struct {
	of   []Earlier
	rows []ActionRow
	ids  []string
}

// repeat details incident b with the action items of the incidents it
// repeats that were open on its day. With detail ≥ 0 only the first
// detail distinct earlier incidents other than b's id are detailed: the
// rest keep their Title, Date and Link but for its Systems and Causes, and
// no OpenActions (all nil). Its Of and OpenActions are in sc's memory,
// valid until the next call with sc; a nil sc gives them memory of their
// own.
func (g *repeatGraph) repeat(b, detail int, sc *repeatScratch) Repeat {
	if sc == nil {
		sc = &repeatScratch{of: make([]Earlier, 0, len(g.edges[b]))}
	}
	x := g.inc[b]
	of, rows, detailed := sc.of[:0], sc.rows[:0], sc.ids[:0] // detailed: the ids, with detail ≥ 0
	for _, ed := range g.edges[b] {
		a := &g.inc[ed.a]
		if detail >= 0 {
			if id := a.p.ID; id == x.p.ID || len(detailed) == detail || slices.Contains(detailed, id) {
				of = append(of, Earlier{Link: Link{ID: id, Related: ed.related, Days: x.dayNum - a.dayNum},
					Title: a.p.Title, Date: a.dayStr})
				continue
			}
			detailed = append(detailed, a.p.ID)
		}
		e := Earlier{Link: g.link(b, ed), Title: a.p.Title, Date: a.dayStr}
		start := len(rows)
		for k := range a.p.ActionItems {
			it := &a.p.ActionItems[k]
			if openOn(it, x.day) {
				rows = append(rows, a.itemRow(k, x.day))
				if it.Kind == "prevent" {
					e.OpenPrevent++
				}
			}
		}
		// Earlier ones keep the rows of an array append has replaced.
		if e.OpenActions = rows[start:len(rows):len(rows)]; e.OpenActions == nil {
			e.OpenActions = []ActionRow{}
		}
		of = append(of, e)
	}
	sc.of, sc.rows, sc.ids = of, rows, detailed
	return Repeat{ID: x.p.ID, Title: x.p.Title, Date: x.dayStr, Of: of}
}

// openAtRepeat counts the action items, and those of kind prevent, of the
// incidents b repeats that were open on b's day.
func (g *repeatGraph) openAtRepeat(b int) (open, prevent int) {
	day := g.inc[b].day
	for _, e := range g.edges[b] {
		a := g.inc[e.a].p
		for k := range a.ActionItems {
			if it := &a.ActionItems[k]; openOn(it, day) {
				open++
				if it.Kind == "prevent" {
					prevent++
				}
			}
		}
	}
	return open, prevent
}

// chains returns the system chains and related chains of two or more
// incidents, longest first, then latest first.
func (g *repeatGraph) chains() []Chain {
	type pair struct{ system, cause string }
	runs := map[pair][]int{}
	var pairs []pair
	for i, x := range g.inc {
		for _, s := range x.systems {
			for _, c := range x.causes {
				p := pair{s, c}
				if _, ok := runs[p]; !ok {
					pairs = append(pairs, p)
				}
				runs[p] = append(runs[p], i)
			}
		}
	}
	var out []Chain
	emit := func(c Chain, members []int) {
		if len(members) < 2 {
			return
		}
		c.IDs = make([]string, len(members))
		for k, i := range members {
			c.IDs[k] = g.inc[i].p.ID
		}
		c.First, c.Last = g.inc[members[0]].dayStr, g.inc[members[len(members)-1]].dayStr
		out = append(out, c)
	}
	for _, p := range pairs {
		list := runs[p]
		start := 0
		for k := 1; k <= len(list); k++ {
			if k == len(list) || g.inc[list[k]].dayNum-g.inc[list[k-1]].dayNum > g.window ||
				!startsBefore(&g.inc[list[k-1]], &g.inc[list[k]]) {
				emit(Chain{System: p.system, Cause: p.cause}, list[start:k])
				start = k
			}
		}
	}
	// related chains: groups joined by related: links
	parent := make([]int, len(g.inc))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for b, es := range g.edges {
		for _, e := range es {
			if e.related {
				parent[find(b)] = find(int(e.a))
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range g.inc {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	for _, r := range roots {
		emit(Chain{Related: true}, groups[r])
	}
	slices.SortFunc(out, func(a, b Chain) int {
		return cmp.Or(cmp.Compare(len(b.IDs), len(a.IDs)), cmp.Compare(b.Last, a.Last),
			cmpBool(a.Related, b.Related), cmp.Compare(a.System, b.System), cmp.Compare(a.Cause, b.Cause),
			cmp.Compare(a.IDs[0], b.IDs[0]))
	})
	return out
}

// chainIndex is a list of chains (sorted as chains returns them) with
// their incidents as numbers: an incident's number is g.index of its id,
// so that incidents of the same id are one, as the ids compare.
type chainIndex struct {
	chains []Chain
	// members are the numbers of each chain's incidents.
	members [][]int32
	// holding lists, for each incident number, the chains that hold it,
	// in order.
	holding [][]int32
}

func newChainIndex(g *repeatGraph, chains []Chain) *chainIndex {
	ci := &chainIndex{chains: chains, members: make([][]int32, len(chains)), holding: make([][]int32, len(g.inc))}
	n := 0
	for _, c := range chains {
		n += len(c.IDs)
	}
	// Both lists of lists share one array each.
	flat := make([]int32, 0, n)
	count := make([]int32, len(g.inc)+1)
	for k, c := range chains {
		start := len(flat)
		for _, id := range c.IDs {
			i := int32(g.index[id])
			if !slices.Contains(flat[start:], i) {
				count[i+1]++
			}
			flat = append(flat, i)
		}
		ci.members[k] = flat[start:len(flat):len(flat)]
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	held := make([]int32, count[len(count)-1])
	for i := range ci.holding {
		ci.holding[i] = held[count[i]:count[i]:count[i+1]]
	}
	for k, m := range ci.members {
		for j, i := range m {
			if !slices.Contains(m[:j], i) {
				ci.holding[i] = append(ci.holding[i], int32(k))
			}
		}
	}
	return ci
}

// chainPicker finds the chains that hold any of a set of incidents; it is
// for one goroutine, and each of its results is valid until the next.
type chainPicker struct {
	ci    *chainIndex
	seen  []int32 // seen[k] == stamp: chain k is picked already
	stamp int32
	out   []int32
	// keptBy lists, for each incident number in touched, the kept chains
	// holding it (maximal).
	keptBy  [][]int32
	touched []int32
}

func (ci *chainIndex) picker() *chainPicker {
	return &chainPicker{ci: ci, seen: make([]int32, len(ci.chains)), keptBy: make([][]int32, len(ci.holding))}
}

// holding returns the chains, in order, that hold one of the incidents
// nums.
func (p *chainPicker) holding(nums []int32) []int32 {
	p.stamp++
	p.out = p.out[:0]
	for _, i := range nums {
		for _, k := range p.ci.holding[i] {
			if p.seen[k] != p.stamp {
				p.seen[k] = p.stamp
				p.out = append(p.out, k)
			}
		}
	}
	slices.Sort(p.out)
	return p.out
}

// maximal calls yield with each chain p.ci.chains[k], for k in picked (in
// order), for which match holds, skipping a chain whose incidents all
// belong to one yielded before: a run of repeats is listed once, in its
// longest chain, not again as the shorter system or related chain of some
// of its incidents. Of two chains of the same incidents the first is kept
// (a system chain before a related one).
func (p *chainPicker) maximal(picked []int32, match func(*Chain) bool, yield func(Chain)) {
	keptBy := p.keptBy // incident number → indexes of the kept chains holding it
	for _, i := range p.touched {
		keptBy[i] = keptBy[i][:0]
	}
	p.touched = p.touched[:0]
	kept := int32(0)
	for _, k := range picked {
		c := &p.ci.chains[k]
		if !match(c) {
			continue
		}
		members := p.ci.members[k]
		within := func(kc int32) bool {
			for _, i := range members[1:] {
				if !slices.Contains(keptBy[i], kc) {
					return false
				}
			}
			return true
		}
		if slices.ContainsFunc(keptBy[members[0]], within) {
			continue
		}
		for _, i := range members {
			if len(keptBy[i]) == 0 {
				p.touched = append(p.touched, i)
			}
			keptBy[i] = append(keptBy[i], kept)
		}
		kept++
		yield(*c)
	}
}

// Repeats returns, for every postmortem of kb that repeats earlier ones, the
// ids of those earlier postmortems, newest first. B repeats A when A started
// before B (on an earlier day, or the same day at an earlier instant) and
// either B's related: names A, or both share at
// least one system and one cause and B's calendar day (Postmortem.Day: the
// day written in its file) is at most windowDays after A's. A related: entry naming a later or
// unknown postmortem is ignored. windowDays ≤ 0 means the site's configured
// window.
func Repeats(kb *model.KnowledgeBase, windowDays int) map[string][]string {
	g := buildRepeats(incidents(kb.Postmortems), windowOf(kb, windowDays))
	out := map[string][]string{}
	for b, es := range g.edges {
		if len(es) == 0 {
			continue
		}
		ids := make([]string, len(es))
		for i, e := range es {
			ids[i] = g.inc[e.a].p.ID
		}
		out[g.inc[b].p.ID] = ids
	}
	return out
}

// RepeatInfo returns, for every postmortem of kb that repeats earlier ones,
// what it repeats and which of their action items were still open on its
// day: what a postmortem page shows. windowDays ≤ 0 means the site's
// configured window.
func RepeatInfo(kb *model.KnowledgeBase, windowDays int) map[string]Repeat {
	g := buildRepeats(incidents(kb.Postmortems), windowOf(kb, windowDays))
	n := 0
	for _, es := range g.edges {
		if len(es) > 0 {
			n++
		}
	}
	out := make(map[string]Repeat, n)
	for b, es := range g.edges {
		if len(es) > 0 {
			out[g.inc[b].p.ID] = g.repeat(b, -1, nil)
		}
	}
	return out
}

// each calls yield with every repeat of g, oldest first, each with
// repeat's detail and in the memory of one repeatScratch: a Repeat's Of
// and OpenActions are valid until yield returns.
func (g *repeatGraph) each(detail int, yield func(Repeat)) {
	var sc repeatScratch
	for b, es := range g.edges {
		if len(es) > 0 {
			yield(g.repeat(b, detail, &sc))
		}
	}
}

// openOn reports whether it was open on day: not closed, or closed after
// day. A closed item without a closed: date counts as closed.
func openOn(it *model.ActionItem, day model.Date) bool {
	if !it.IsClosed() {
		return true
	}
	return !it.Closed.IsZero() && day.Before(it.Closed)
}

func statusOf(it *model.ActionItem) string {
	if it.Status == "" {
		return model.ActionOpen
	}
	return it.Status
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
