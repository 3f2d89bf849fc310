package render

import (
	"cmp"
	"fmt"
	"github.com/pmkb/pmkb/generator/internal/actions"
	"slices"
	"strconv"
	"strings"

	"github.com/pmkb/pmkb/generator/model"
)

// sevView is a severity badge.
type sevView struct {
	Level, Label, Class, Href, Slug string
	Rank                            int
	RankText                        string // Rank for data-sort
}

// termLink is a link to a term page, or a tag's link to the search for it.
type termLink struct {
	Name, Slug, Href string
}

// String is the name, so that a template printing the link as {{.}}
// shows the name: the "tag" and "tagnext" templates of a partials.html
// copied from a pmkb before tags became links print their string so.
func (l termLink) String() string { return l.Name }

// pmRef is a link to a postmortem with what a list shows about it. Lang is
// the language of its title and summary when it differs from the site's
// (WCAG 3.1.2: parts in another language say so), else "".
type pmRef struct {
	Href, ID, Title, Date, Lang string
	Sev                         sevView
}

// pmRow is one row of a postmortem table; its date, link, badge, term
// links and counts are fragments.
type pmRow struct {
	// The fields of pmRef, not embedded: html/template finds a promoted
	// field by a slow search. Lang is that of the summary; Href and
	// Title are for a theme whose "pmrow" predates the marker "pmlink".
	Href, Title, Lang       string
	SevSlug                 string
	Summary                 string
	Year                    string
	SystemSlugs, CauseSlugs string
	TeamSlugs               string
}

// pmCounts is the action counts cell of a postmortem row. DueLater and
// OverdueTemplate let actions.js re-check the overdue count (see live.go).
type pmCounts struct {
	Overdue                  int
	ActionsSort, ActionsText string
	OverdueText              string
	DueLater                 string
	OverdueTemplate          string
}

// actionRow is one row of an action-item table; its owner link, the
// columns about its postmortem, the cells that recur across items and the
// attributes of its start tag but its key are fragments at named markers
// (the fields of those attributes are also the attribute fragments' data,
// and there for a theme whose "actionrow" predates them).
type actionRow struct {
	Key, ID, Title         string
	Lang                   string // of Title (its postmortem's) when not the site's
	ItemHref               string // a link to the row on its postmortem's page
	OwnerSlug              string
	Due                    string
	Status                 string
	Kind                   string
	Overdue                bool
	Link, LinkText         string
	SystemSlugs, TeamSlugs string
	// LinkHead and LinkKey are LinkText cut before its last path segment
	// (the issue key, "COM-641"), which the row keeps on one line.
	LinkHead, LinkKey string
	// TrackerCol and OwnerCol say whether the table has a Tracker and an
	// Owner column.
	TrackerCol, OwnerCol bool
}

// actionCells are the cells of an action row that recur across items:
// its status (with the overdue flag and the closing date), due date, age,
// and priority and kind; each is a fragment.
type actionCells struct {
	StatusLabel string
	// Closed is the closing date, between ClosedBefore and ClosedAfter
	// (the words of actions.closedOn around it).
	Closed, ClosedBefore, ClosedAfter string
	Overdue                           bool
	// OverdueText is the overdue badge with how late the item is, and
	// OverdueTemplate (OverdueTemplateOne for one day) the same with the
	// slot {days}, which actions.js fills by the reader's clock.
	OverdueText                         string
	OverdueTemplate, OverdueTemplateOne string
	Due                                 string
	AgeSort, AgeText                    string
	AgeMoves                            bool // open: actions.js moves the age (class "age")
	Priority, KindLabel                 string
	// PriorityCol and KindCol say whether the table has those columns.
	PriorityCol, KindCol bool
}

// ClosedText is the closing phrase as one text ("closed 2026-02-10"), or
// "" for an open item. The built-in theme no longer uses it (it marks the
// date up with <time>); it stays so that a partials.html copied from an
// older pmkb, whose actionstatus template reads .ClosedText, keeps building.
func (c actionCells) ClosedText() string {
	if c.Closed == "" {
		return ""
	}
	return c.ClosedBefore + c.Closed + c.ClosedAfter
}

// option is one choice of a filter <select>.
// option is an entry of a filter menu: Value goes in the URL, Label is
// shown, and Alias (a severity's label, "Critical") is another name a
// URL may give it.
type option struct {
	Value, Label, Alias string
}

func (b *builder) sev(l linker, level string) sevView {
	s, known := b.kb.Config.Severity(level)
	rank, _ := b.kb.Config.SeverityRank(level)
	v := sevView{Level: level, Label: s.Label, Href: l.To(model.SeverityPath(level)), Slug: model.Slug(level), Rank: rank, RankText: strconv.Itoa(rank)}
	if known {
		v.Class = "sev-r" + strconv.Itoa(rank)
	} else {
		v.Class = "sev-unknown"
	}
	return v
}

func (b *builder) ref(l linker, p *model.Postmortem) pmRef {
	return pmRef{Href: l.To(model.PostmortemPath(p.ID)), ID: p.ID, Title: p.Title, Date: p.Day().String(), Lang: b.partLang(p), Sev: b.sev(l, p.Severity)}
}

// partLang returns p's language when it is a well-formed tag other than the
// site's, else "".
func (b *builder) partLang(p *model.Postmortem) string {
	if p.Lang != b.tr.lang && langTag.MatchString(p.Lang) {
		return p.Lang
	}
	return ""
}

// pmsByID returns the postmortems of ids that exist (not self), keeping
// the given order and dropping repeats.
func (b *builder) pmsByID(self string, ids []string) []*model.Postmortem {
	var out []*model.Postmortem
	for i, id := range ids {
		// Lists are short: a look back is quicker than a set.
		if id == self || slices.Contains(ids[:i], id) {
			continue
		}
		if q, ok := b.kb.ByID(id); ok {
			out = append(out, q)
		}
	}
	return out
}

func (b *builder) systemLinks(l linker, raws []string) []termLink {
	out := make([]termLink, 0, len(raws))
	for _, raw := range raws {
		s, _ := b.kb.Config.System(raw)
		out = append(out, termLink{Name: cmp.Or(s.Name, raw), Slug: model.Slug(raw), Href: l.To(model.SystemPath(raw))})
	}
	return out
}

func (b *builder) causeLinks(l linker, raws []string) []termLink {
	out := make([]termLink, 0, len(raws))
	for _, raw := range raws {
		c, _ := b.kb.Config.Cause(raw)
		out = append(out, termLink{Name: cmp.Or(c.Name, raw), Slug: model.Slug(raw), Href: l.To(model.CausePath(raw))})
	}
	return out
}

func teamLinks(l linker, names []string) []termLink {
	out := make([]termLink, 0, len(names))
	for _, n := range names {
		out = append(out, termLink{Name: n, Slug: model.Slug(n), Href: l.To(model.TeamPath(n))})
	}
	return out
}

// slugOf is model.Slug(name), looked up when name is one of the site's
// severities, systems, causes, teams or owners (b.slugMemo): the rows
// ask for them thousands of times.
func (b *builder) slugOf(name string) string {
	if s, ok := b.slugMemo[name]; ok {
		return s
	}
	return model.Slug(name)
}

// slugs joins the distinct slugs of the names with spaces, for data-*
// filters.
func (b *builder) slugs(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return b.slugOf(names[0])
	}
	var s []string
	for _, n := range names {
		if sl := b.slugOf(n); !slices.Contains(s, sl) {
			s = append(s, sl)
		}
	}
	return strings.Join(s, " ")
}

// pmRowView is the row of p in a postmortem table.
func (b *builder) pmRowView(l linker, p *model.Postmortem, ls *lists) pmRow {
	day := p.Day()
	r := pmRow{Href: l.To(model.PostmortemPath(p.ID)), Title: p.Title, Lang: b.partLang(p),
		SevSlug: b.slugOf(p.Severity), Summary: p.Summary, Year: strconv.Itoa(day.Year),
	}
	pms := []*model.Postmortem{p}
	open, overdue := openCounts(pms, b.kb.Today)
	ls.addNamed("date", fragKey{kind: fragPMDate, s: day.String()})
	ls.addNamed("pmlink", fragKey{kind: fragPMLink, pm: p})
	ls.addNamed("sevcell", fragKey{kind: fragPMSev, s: p.Severity})
	ls.addList("systems", linkKeys(fragSystems, p.Systems))
	ls.addList("causes", linkKeys(fragCauses, p.Causes))
	ls.addList("teams", linkKeys(fragTeams, p.Teams))
	ls.addNamed("counts", fragKey{kind: fragPMCounts,
		s: strconv.Itoa(open) + " " + strconv.Itoa(len(p.ActionItems)) + " " + strconv.Itoa(overdue) + " " + dueLaterItems(pms, b.kb.Today)})
	r.SystemSlugs, r.CauseSlugs, r.TeamSlugs = b.slugs(p.Systems), b.slugs(p.Causes), b.slugs(p.Teams)
	return r
}

// pmCountsView is the action counts cell of the key s: the numbers of
// open, of all and of overdue action items, then the due dates of
// dueLater, separated by spaces.
func (b *builder) pmCountsView(s string) pmCounts {
	f := strings.SplitN(s, " ", 4)
	open, all := f[0], f[1]
	overdue, _ := strconv.Atoi(f[2])
	c := pmCounts{Overdue: overdue, ActionsSort: open, ActionsText: open + " / " + all, DueLater: f[3]}
	if overdue > 0 {
		c.OverdueText = b.tr.f("actions.overdueN", overdue)
	}
	if overdue > 0 || c.DueLater != "" {
		c.OverdueTemplate = b.tr.f("actions.overdueN", slot("n"))
	}
	return c
}

// action is the row of the action item r (on its postmortem's page the
// row also has the item's anchor as its id: builder.anchoredRow).
func (b *builder) action(l linker, r model.ActionRef, ls *lists) actionRow {
	a, p := r.Item, r.Postmortem
	today := b.kb.Today
	link := safeURL(a.Link)
	v := actionRow{Key: r.Key(), ID: a.ID, Title: a.Title, Lang: b.partLang(p),
		Due:    a.Due.String(),
		Status: cmp.Or(a.Status, model.ActionOpen), Kind: a.Kind,
		Overdue: a.Overdue(today), Link: link, LinkText: linkText(link), TrackerCol: b.trackerCol,
		OwnerCol: b.ownerCol,
	}
	v.LinkHead, v.LinkKey = linkParts(v.LinkText)
	// The item's id links to its row on its postmortem's page (from that
	// page too: the same row is spliced into every table).
	v.ItemHref = l.To(model.PostmortemPath(p.ID)) + "#" + model.ActionAnchor(a.ID)
	// An overdue item's status cell says how many days late it is.
	overdue := ""
	if v.Overdue {
		overdue = strconv.Itoa(a.DaysOverdue(today))
	}
	if a.Owner != "" {
		v.OwnerSlug = b.slugOf(a.Owner)
	}
	v.SystemSlugs = b.slugs(p.Systems)
	v.TeamSlugs = b.slugs(p.Teams)
	// The attributes of the row's start tag that recur across items.
	flag := ""
	if v.Overdue {
		flag = "1"
	}
	ls.addNamed("who", fragKey{kind: fragActionWho, s: namesKey([]string{v.Status, v.OwnerSlug})})
	ls.addNamed("where", fragKey{kind: fragActionWhere, s: namesKey([]string{v.TeamSlugs, v.SystemSlugs})})
	ls.addNamed("when", fragKey{kind: fragActionWhen, s: namesKey([]string{v.Kind, v.Due, flag})})
	ls.addNamed("status", fragKey{kind: fragActionStatus, s: namesKey([]string{v.Status, overdue, a.Closed.String()})})
	ls.addNamed("title", fragKey{kind: fragItemTitle, s: namesKey([]string{v.Lang, v.Title})})
	if a.Owner != "" {
		ls.addNamed("owner", fragKey{kind: fragOwner, s: a.Owner})
	}
	ls.addNamed("due", fragKey{kind: fragActionDue, s: v.Due})
	// The days since the incident say how long an item has been waiting;
	// a closed one is not waiting ("" is its key).
	age := ""
	if !a.IsClosed() {
		age = strconv.Itoa(p.Day().DaysUntil(today))
	}
	ls.addNamed("age", fragKey{kind: fragActionAge, s: age})
	ls.addNamed("kindcols", fragKey{kind: fragActionKind, s: namesKey([]string{a.Priority, a.Kind})})
	ls.addNamed("pmcols", fragKey{kind: fragActionPM, pm: p})
	return v
}

// actionCellsView is the data of the fragment k of an action row's cells.
func (b *builder) actionCellsView(k fragKey) actionCells {
	var c actionCells
	switch k.kind {
	case fragActionStatus:
		f := splitNames(k.s)
		c.StatusLabel = b.tr.label("status."+f[0], f[0])
		c.Overdue = f[1] != ""
		days, _ := strconv.Atoi(f[1])
		c.OverdueText = b.tr.f("actions.overdueDays", days)
		// An item not closed may become overdue, or later, by the
		// reader's clock: actions.js fills these templates.
		if f[0] != model.ActionDone && f[0] != model.ActionWontDo {
			c.OverdueTemplate = b.tr.f("actions.overdueDays", slot("days"))
			if one, ok := b.tr.strings["actions.overdueDays.one"]; ok {
				c.OverdueTemplateOne = fmt.Sprintf(one, slot("days"))
			}
		}
		if f[2] != "" {
			// The date is a <time>, which never wraps.
			c.Closed = f[2]
			c.ClosedBefore, c.ClosedAfter, _ = strings.Cut(b.tr.f("actions.closedOn", slot("date")), "{date}")
		}
	case fragActionDue:
		c.Due = k.s
	case fragActionAge:
		if k.s == "" { // closed: sorts before every open item
			c.AgeSort, c.AgeText = "-1", b.tr.s("actions.ageClosed")
			break
		}
		c.AgeSort, c.AgeMoves = k.s, true
		// A build dated before the incident says 0 days, as pmkb actions
		// does, never "-245 days"; data-sort keeps the days, from which
		// actions.js counts on by the reader's clock (QA 17 B-F5).
		age, _ := strconv.Atoi(k.s)
		c.AgeText = b.tr.f("actions.ageDays", max(age, 0))
	case fragActionKind:
		f := splitNames(k.s)
		c.PriorityCol, c.KindCol = b.priorityCol, b.kindCol
		c.Priority = f[0]
		if f[1] != "" {
			c.KindLabel = b.tr.label("kind."+f[1], f[1])
		}
	}
	return c
}

// actionTable registers the rows of a table of the action items refs,
// with the Priority and Kind columns when the site uses them.
func (b *builder) actionTable(j *job, refs []model.ActionRef) table {
	t := j.addTable(actionKeys(refs))
	t.Priority, t.Kind, t.Tracker, t.Owner = b.priorityCol, b.kindCol, b.trackerCol, b.ownerCol
	return b.ageTemplates(t)
}

// ageTemplates returns t with the build day and the templates of the age
// of an open item (actions.ageDays with the slot {days}), by which
// actions.js moves the ages as it re-checks the overdue badges: a reader
// days after the build sees an item's age and how late it is by the same
// clock.
func (b *builder) ageTemplates(t table) table {
	t.AsOf = b.kb.Today.String()
	t.AgeTemplate = b.tr.f("actions.ageDays", slot("days"))
	if one, ok := b.tr.strings["actions.ageDays.one"]; ok {
		t.AgeTemplateOne = fmt.Sprintf(one, slot("days"))
	}
	return t
}

// sortActions returns the action items in the order of a to-do list, as
// `pmkb actions` prints them: overdue first (longest overdue first), then
// open items by due date, then closed ones (actions.SortUrgentRefs).
func (b *builder) sortActions(refs []model.ActionRef) []model.ActionRef {
	refs = slices.Clone(refs)
	actions.SortUrgentRefs(refs, b.kb.Today)
	return refs
}

// termOptions are the choices of a filter over terms.
func termOptions(ts []*term) []option {
	out := make([]option, 0, len(ts))
	for _, t := range ts {
		if len(t.PMs) > 0 {
			out = append(out, option{Value: t.Slug, Label: t.Name})
		}
	}
	return out
}

// maxLinkText is the most characters linkText shows of a tracker link.
const maxLinkText = 40

// linkText is the visible text of a tracker link: the URL without its
// scheme, shortened to maxLinkText characters, the last path segment (the
// issue key) kept whole when it is short enough to leave room for the host
// (see linkParts).
func linkText(u string) string {
	if u == "" {
		return ""
	}
	s := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	r := []rune(s)
	if len(r) <= maxLinkText {
		return s
	}
	head, key := linkParts(s)
	if k := len([]rune(key)); key != "" && k <= maxLinkText/2 {
		return string([]rune(head)[:maxLinkText-k-2]) + "…/" + key
	}
	return string(r[:maxLinkText-1]) + "…"
}

// linkParts cuts the text of a tracker link before its last path segment
// (the issue key): "tracker.example.com/" and "COM-641"; key is "" without
// one or when the text was shortened in it. The rows keep the key on one
// line, so that "COM-641" never reads "COM-" and "641" (QA 13 F16).
func linkParts(text string) (head, key string) {
	i := strings.LastIndexByte(strings.TrimRight(text, "/"), '/')
	if i < 0 || strings.HasSuffix(text, "…") {
		return text, ""
	}
	return text[:i+1], text[i+1:]
}
