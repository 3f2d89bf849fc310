package render

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/pmkb/pmkb/generator/model"
)

// Repeated is an earlier incident a postmortem repeats, with the action
// items of that incident that were still open on the repeat's day (the
// question a review must ask). The facade fills it from package stats.
type Repeated struct {
	// ID is the earlier postmortem.
	ID string
	// Related is set when the repeat names it in related:.
	Related bool
	// Systems and Causes are those both incidents share; Days is how many
	// days earlier it happened.
	Systems, Causes []string
	Days            int
	OpenActions     []OpenAction
}

// OpenAction is an action item a figure lists: open now, or open on the day
// of a repeat. Overdue is as of that day.
type OpenAction struct {
	Postmortem, ID, Title, Owner, Kind, Status, Due string
	Overdue                                         bool
}

// TermFigures are the small statistics of one system's or cause's page.
type TermFigures struct {
	// Chart is the incidents-over-time chart (Src a site path).
	Chart *Figure
	// Repeats counts the term's postmortems that repeat an earlier one.
	Repeats int
	// Chains are runs of repeats, ChainsTotal how many there are in all.
	Chains      []Chain
	ChainsTotal int
	// OpenActions are the unclosed action items of the term's
	// postmortems, OpenTotal how many there are in all: the page lists
	// only the first MaxTermOpen, so a caller may leave the rest out.
	OpenActions []OpenAction
	OpenTotal   int
}

// Chain is a run of incidents that repeat each other, oldest first; Label
// says what joins them ("api × config-change").
type Chain struct {
	Label string
	IDs   []string
}

// MaxRepeatsShown is how many earlier incidents (the first of
// Options.Repeats that are other postmortems of the site) a postmortem page
// details; the rest are only counted, so a caller may leave their Systems,
// Causes and OpenActions out.
const MaxRepeatsShown = 5

// MaxSimilarShown is how many similar incidents a postmortem page lists:
// the first of Options.Similar that the page does not already link as a
// repeat, a related incident or a backlink.
const MaxSimilarShown = 5

// SimilarWanted is how many similar incidents to give for p in
// Options.Similar so that its page lists MaxSimilarShown when there are
// that many: those plus one for each incident the page may link above
// them.
func SimilarWanted(kb *model.KnowledgeBase, p *model.Postmortem) int {
	return MaxSimilarShown + MaxRepeatsShown + len(p.Related) + len(kb.Backlinks(p.ID))
}

// MaxTermOpen is how many open action items (the first of
// TermFigures.OpenActions: overdue first) a system or cause page lists.
const MaxTermOpen = 20

// Limits of the figures on a page; the counts shown cover everything.
const (
	// maxRepeatsShown is how many earlier incidents (the latest) a
	// postmortem page details.
	maxRepeatsShown = MaxRepeatsShown
	// maxTermOpen is how many open action items a system or cause page
	// lists.
	maxTermOpen = MaxTermOpen
)

// Views of the figures, with links relative to their page.
type (
	repeatView struct {
		// The earlier incident's badge, link and date are at the marker
		// "repeat", its open action items, when OpenText is set, at
		// "open", and OpenText itself at "opentext".
		Why      string
		OpenText string
		// of is the earlier incident.
		of *model.Postmortem
	}
	openView struct {
		// Lang is the language of Title when it is not the site's.
		Title, Lang, ID, Owner, OwnerHref string
		KindLabel, StatusLabel, Due       string
		Status                            string // for actions.js's re-check
		Overdue                           bool
		PM                                *pmRef
	}
	// chainView is a chain of repeats: its postmortems' links and dates
	// are fragments at the numbered marker N (a chain of dozens of
	// postmortems is as many links, each a handful of escaped actions);
	// a marker of its own, so that a layout that skips a chain never
	// shows the next under its label (QA 16 D-F2).
	chainView struct {
		Label string
		N     string
		b     *builder
		l     linker
		pms   []*model.Postmortem
	}
	termFiguresView struct {
		Chart       *Figure
		Repeats     int
		RepeatsText string
		Chains      []chainView
		ChainsMore  string
		Open        []openView
		OpenCaption string
		OpenMore    string
		// KindCol says whether the table of open items has a Kind
		// column: only when an action item of the site has a kind.
		KindCol bool
		// OwnerCol says whether it has an Owner column: not when no
		// action item of the site names one.
		OwnerCol bool
	}
)

// repeatViews are the earlier incidents p repeats, those that exist, and
// how many there are; their badges, links and open action items are
// fragments registered in ls.
// Beyond maxRepeatsShown they are only counted: more is how many.
func (b *builder) repeatViews(p *model.Postmortem, ls *lists) (out []repeatView, n int) {
	seen := map[string]bool{p.ID: true}
	for _, r := range b.opts.Repeats[p.ID] {
		q, ok := b.kb.ByID(r.ID)
		if seen[r.ID] || !ok {
			continue
		}
		seen[r.ID] = true
		if len(out) == maxRepeatsShown {
			n++
			continue
		}
		ls.addNamed("repeat", fragKey{kind: fragRefHead, pm: q})
		v := repeatView{Why: b.why(r), of: q}
		if len(r.OpenActions) > 0 {
			keys := b.openKeys(r.OpenActions)
			ls.addList("open", keys)
			v.OpenText = b.tr.f("pm.repeatOpen", len(keys))
			// It depends only on the count: a fragment.
			ls.addNamed("opentext", fragKey{kind: fragLabel, s: v.OpenText})
		}
		out = append(out, v)
		n++
	}
	if total, ok := b.opts.RepeatTotals[p.ID]; ok {
		n = total
	}
	return out, n
}

// openKeys are the fragment keys of the open items as, a list of the
// options' Repeats. Equal items share one key, the first such item met,
// so that the key is small to hash. The keys of a list are made once: the
// facade gives the repeats that show equal lists one list (at 10,000
// postmortems 37,646 lists, 9,475 distinct), which is then looked up by
// its address rather than item by item; the pages only read the keys.
func (b *builder) openKeys(as []OpenAction) []fragKey {
	b.openMu.Lock()
	defer b.openMu.Unlock()
	id := openListID{&as[0], len(as)}
	if keys, ok := b.openLists[id]; ok {
		return keys
	}
	keys := make([]fragKey, len(as))
	for i := range as {
		p, ok := b.opens[as[i]]
		if !ok {
			p = &as[i]
			b.opens[as[i]] = p
		}
		keys[i] = fragKey{kind: fragOpen, open: p}
	}
	b.openLists[id] = keys
	return keys
}

// openListID names a list of open items by its address and length.
type openListID struct {
	first *OpenAction
	n     int
}

// why says why a postmortem repeats r, naming the shared systems and
// causes as the catalog does (as the statistics page does).
func (b *builder) why(r Repeated) string {
	var parts []string
	if len(r.Systems) > 0 && len(r.Causes) > 0 {
		sep := b.tr.s("repeat.namesSep")
		systems, causes := make([]string, len(r.Systems)), make([]string, len(r.Causes))
		for i, raw := range r.Systems {
			s, _ := b.kb.Config.System(raw)
			systems[i] = cmp.Or(s.Name, raw)
		}
		for i, raw := range r.Causes {
			c, _ := b.kb.Config.Cause(raw)
			causes[i] = cmp.Or(c.Name, raw)
		}
		parts = append(parts, b.tr.f("repeat.shares", strings.Join(systems, sep), strings.Join(causes, sep)))
	}
	if r.Related {
		parts = append(parts, b.tr.s("repeat.related"))
	}
	parts = append(parts, b.tr.f("repeat.daysBefore", r.Days))
	return strings.Join(parts, b.tr.s("repeat.sep"))
}

// openItem is what "openitem" renders: the title and id of a; its kind,
// owner link and state are fragments registered in ls.
func (b *builder) openItem(a OpenAction, ls *lists) openItemView {
	st := cmp.Or(a.Status, model.ActionOpen)
	if a.Kind != "" {
		ls.addNamed("kind", fragKey{kind: fragOpenKind, s: b.tr.label("kind."+a.Kind, a.Kind)})
	}
	if a.Owner != "" {
		ls.addNamed("owner", fragKey{kind: fragOwner, s: a.Owner})
	}
	overdue := ""
	if a.Overdue {
		overdue = "1"
	}
	ls.addNamed("state", fragKey{kind: fragOpenState, s: namesKey([]string{b.tr.label("status."+st, st), a.Due, overdue})})
	v := openItemView{Title: a.Title, ID: a.ID, Owner: a.Owner != ""}
	if q, ok := b.kb.ByID(a.Postmortem); ok {
		v.Lang = b.partLang(q)
	}
	ls.addNamed("title", fragKey{kind: fragOpenTitle, s: namesKey([]string{v.Lang, v.Title, v.ID})})
	return v
}

// openItemView is the data of "openitem", whose title and id are the
// "opentitle" fragment at its marker "title" (Title, Lang and ID are
// also that fragment's data); Owner says whether the item names its
// owner (a public build names no one). Lang is the language of Title (its
// postmortem's) when it is not the site's.
type openItemView struct {
	Title, Lang, ID string
	Owner           bool
}

// openState is what "openstate" renders.
type openState struct {
	StatusLabel, Due string
	Overdue          bool
}

// openView is the view of a; withPM adds the link to its postmortem.
func (b *builder) openView(l linker, a OpenAction, withPM bool) openView {
	st := cmp.Or(a.Status, model.ActionOpen)
	v := openView{Title: a.Title, ID: a.ID, Owner: a.Owner, Due: a.Due, Overdue: a.Overdue,
		Status: st, StatusLabel: b.tr.label("status."+st, st)}
	if a.Owner != "" {
		v.OwnerHref = l.To(model.OwnerPath(a.Owner))
	}
	if a.Kind != "" {
		v.KindLabel = b.tr.label("kind."+a.Kind, a.Kind)
	}
	if q, ok := b.kb.ByID(a.Postmortem); ok {
		v.Lang = b.partLang(q)
		if withPM {
			r := b.ref(l, q)
			v.PM = &r
		}
	}
	return v
}

// PMs are the postmortems of the chain, oldest first, for a theme whose
// term.html predates the markers of chains.
func (c chainView) PMs() []pmRef {
	refs := make([]pmRef, len(c.pms))
	for i, p := range c.pms {
		refs[i] = c.b.ref(c.l, p)
	}
	return refs
}

// termFigures is the view of the figures of the term at sitePath, or nil;
// it registers the fragments the figures show in ls.
func (b *builder) termFigures(l linker, sitePath string, ls *lists) (*termFiguresView, error) {
	f, ok := b.opts.Terms[sitePath]
	if !ok || f == nil {
		return nil, nil
	}
	v := &termFiguresView{Repeats: f.Repeats, RepeatsText: b.tr.f("term.repeatsN", f.Repeats), KindCol: b.kindCol, OwnerCol: b.ownerCol}
	if c := f.Chart; c != nil {
		if !validSitePath(c.Src) {
			return nil, fmt.Errorf("render: %s: chart source %q is not a site path", sitePath, c.Src)
		}
		v.Chart = &Figure{Src: l.File(c.Src), Alt: c.Alt, Caption: c.Caption}
	}
	for _, c := range f.Chains {
		cv := chainView{Label: c.Label, b: b, l: l}
		for _, id := range c.IDs {
			if q, ok := b.kb.ByID(id); ok {
				cv.pms = append(cv.pms, q)
			}
		}
		if len(cv.pms) > 1 {
			cv.N = ls.add(chainKeys(cv.pms)...).N
			v.Chains = append(v.Chains, cv)
		}
	}
	if more := f.ChainsTotal - len(f.Chains); more > 0 {
		v.ChainsMore = b.tr.f("term.chainsMore", more)
	}
	for _, a := range f.OpenActions[:min(len(f.OpenActions), maxTermOpen)] {
		v.Open = append(v.Open, b.openView(l, a, true))
	}
	open := max(f.OpenTotal, len(f.OpenActions))
	v.OpenCaption = b.tr.f("term.openCaption", open)
	if open > len(v.Open) {
		v.OpenMore = b.tr.f("term.openMore", len(v.Open), open)
	}
	return v, nil
}

// chainKeys are the keys of the links and dates of a chain of postmortems,
// with an arrow after each but the last.
func chainKeys(pms []*model.Postmortem) []fragKey {
	keys := make([]fragKey, 0, 2*len(pms))
	for i, p := range pms {
		t := fragKey{kind: fragChainTimeThen, s: p.Day().String()}
		if i == len(pms)-1 {
			t.kind = fragChainTime
		}
		keys = append(keys, fragKey{kind: fragPMLink, pm: p}, t)
	}
	return keys
}
