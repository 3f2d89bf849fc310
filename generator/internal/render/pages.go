package render

import (
	"cmp"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/model"
)

// homeLatest is how many incidents the home page lists.
const homeLatest = 10

// homeOverdue is how many overdue action items the home page lists.
const homeOverdue = 10

type sevCount struct {
	Sev   sevView
	Count int
}

type yearCount struct {
	Name, Href string
	Count      int
}

type homeMain struct {
	Total        int
	Severities   []sevCount
	Years        []yearCount
	Latest       table
	AllHref      string
	Actions      int
	Open         int
	Overdue      int
	OverdueItems table
	ActionsHref  string
	OpenHref     string
	OverdueHref  string
	// DueLater lets actions.js re-check Overdue (see live.go).
	DueLater string
}

func (b *builder) home() error {
	b.add("index.html", b.homePage)
	return nil
}

func (b *builder) homePage(j *job, l linker) (pageSpec, error) {
	m := homeMain{Total: len(b.kb.Postmortems), AllHref: l.To("postmortems/"), ActionsHref: l.To("actions/")}
	// The card counts the items not closed: the filter "active".
	m.OpenHref = m.ActionsHref + "?status=active"
	m.OverdueHref = m.ActionsHref + "?overdue=1"
	for _, t := range b.severities {
		m.Severities = append(m.Severities, sevCount{Sev: b.sev(l, t.Name), Count: len(t.PMs)})
	}
	for _, t := range b.years {
		m.Years = append(m.Years, yearCount{Name: t.Name, Href: l.To(t.Path), Count: len(t.PMs)})
	}
	m.Latest = j.addTable(pmKeys(b.kb.Postmortems[:min(homeLatest, len(b.kb.Postmortems))]))
	all := b.kb.Actions()
	for _, r := range all {
		m.Actions++
		if !r.Item.IsClosed() {
			m.Open++
		}
	}
	listed, overdue, later := b.homeActions(all)
	m.Overdue = len(overdue)
	m.DueLater = dueLater(later, b.kb.Today)
	m.OverdueItems = b.actionTable(j, listed)
	return pageSpec{kind: "home", sitePath: "", section: "home", scripts: []string{"assets/actions.js"}, main: m}, nil
}

// homeActions returns the action items of the home page's table, picked
// from all: the most overdue, then, hidden until the reader's clock makes
// them overdue, those due next, up to homeOverdue rows, so that a page
// read days after the build lists the items overdue by then (see
// live.go); and the overdue and the pending items they were picked from,
// by due date.
func (b *builder) homeActions(all []model.ActionRef) (listed, overdue, later []model.ActionRef) {
	for _, r := range all {
		switch {
		case r.Item.Overdue(b.kb.Today):
			overdue = append(overdue, r)
		case pendingDue(r.Item, b.kb.Today):
			later = append(later, r)
		}
	}
	byDue := func(x, y model.ActionRef) int {
		return cmp.Or(x.Item.Due.Compare(y.Item.Due), strings.Compare(x.Postmortem.ID, y.Postmortem.ID), strings.Compare(x.Item.ID, y.Item.ID))
	}
	slices.SortStableFunc(overdue, byDue) // most overdue first
	slices.SortStableFunc(later, byDue)
	n := min(homeOverdue, len(overdue))
	return slices.Concat(overdue[:n], later[:min(homeOverdue-n, len(later))]), overdue, later
}

type postmortemsMain struct {
	Rows                                      table
	Severities, Systems, Causes, Teams, Years []option
}

func (b *builder) postmortemList() error {
	b.add("postmortems/index.html", b.postmortemListPage)
	return nil
}

func (b *builder) postmortemListPage(j *job, l linker) (pageSpec, error) {
	m := postmortemsMain{Rows: j.addTable(pmKeys(b.kb.Postmortems)),
		Systems: termOptions(b.systems), Causes: termOptions(b.causes), Teams: termOptions(b.teams), Years: termOptions(b.years)}
	for _, t := range b.severities {
		if len(t.PMs) > 0 {
			o := option{Value: t.Slug, Label: t.Name}
			if s, known := b.kb.Config.Severity(t.Name); known && s.Label != t.Name {
				o.Alias = s.Label
			}
			m.Severities = append(m.Severities, o)
		}
	}
	return pageSpec{kind: "postmortems", sitePath: "postmortems/", title: b.tr.s("postmortems.title"),
		section: "postmortems", scripts: []string{"assets/table.js", "assets/actions.js"}, main: m}, nil
}

// langTag is the shape of a BCP 47 tag; a lang: value of another shape is
// not put into a lang attribute.
var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

type labelled struct {
	Label, Value string
}

// moment is a row of the timeline; its label and the time since the
// start recur across incidents and are fragments at the row's markers
// "label" and "since".
type moment struct {
	// Time is shown in the site's zone; Datetime and Title (when the
	// offsets differ) keep the moment as written.
	Time, Datetime, Title string
}

type postmortemMain struct {
	ID, Title, Lang string
	Summary, Impact string
	// HasTeams, HasCommander, HasAuthors and HasTags say whether the
	// page has them; the team links, the commander, the authors and the
	// tags are at named markers, as are the badges, the links, the dates,
	// the document status, the trigger and the detection. They are not
	// named Teams, Commander, Authors and Tags, which an older pmkb gave
	// the names themselves: a layout copied from one that prints
	// {{.Commander}} fails with the advice for a field this version lacks
	// instead of publishing "true" as every page's commander (QA 16 D-F1).
	HasTeams                          bool
	HasCommander, HasAuthors, HasTags bool
	Timeline                          []moment
	// TimeZone names the zone of the timeline's times (see timelineTimes);
	// the head of their column is at the marker "timein".
	TimeZone string
	// Actions, Related, Backlinks and Similar are the lengths of the
	// lists at the markers "actions", "related", "backlinks" and
	// "similar": a marker of its own each, so that a layout that moves or
	// drops one never shows another under its heading (QA 16 D-F2).
	Actions                     int
	Related, Backlinks, Similar int
	// HasRelated is set when any of Repeats, Related, Backlinks and
	// Similar has an entry.
	HasRelated  bool
	Repeats     []repeatView
	RepeatCount int
	// RepeatOfN and RepeatsMore depend only on counts: they are also at
	// the markers "repeatof" and "repeatsmore".
	RepeatOfN   string
	RepeatsMore string
	// RepeatKnown is set when repeats were computed; the page then says
	// whether it is a repeat (Repeats) or not.
	RepeatKnown bool
	Body        template.HTML
	BodyLang    string
	EditURL     string
	Source      string
}

func (b *builder) postmortemPages() error {
	for _, p := range b.kb.Postmortems {
		if b.opts.Only != nil && !slices.Contains(b.opts.Only, p.ID) {
			continue
		}
		b.add(model.PostmortemPath(p.ID)+"index.html", func(j *job, l linker) (pageSpec, error) {
			return b.postmortemPage(j, l, p), nil
		})
	}
	return nil
}

// postmortemPage is the page of p.
func (b *builder) postmortemPage(j *job, l linker, p *model.Postmortem) pageSpec {
	sitePath := model.PostmortemPath(p.ID)
	ls := &j.lists
	m := postmortemMain{ID: p.ID, Title: p.Title, Lang: b.partLang(p),
		Summary: p.Summary, Impact: p.Impact,
		HasCommander: p.Commander != "", HasAuthors: len(p.Authors) > 0, HasTags: len(p.Tags) > 0,
		RepeatKnown: b.opts.Repeats != nil,
		Source:      p.Path}
	// The body's heading links speak the site's language (QA 14 B-F2).
	uiLang := ""
	if m.Lang != "" {
		uiLang = b.tr.lang
	}
	m.Body = trustedBody(p, uiLang, func(h string) string { return b.tr.f("pm.anchor", h) })
	date := fragKey{kind: fragDate, s: p.Day().String()}
	status := cmp.Or(p.Status, model.StatusPublished)
	statusLabel := ""
	if status != model.StatusPublished {
		statusLabel = b.tr.label("docstatus."+status, status)
	}
	vis := cmp.Or(p.Visibility, model.VisibilityInternal)
	var trigger, detection string
	if p.Trigger != "" {
		trigger = b.tr.label("trigger."+p.Trigger, p.Trigger)
	}
	if p.Detection != "" {
		detection = b.tr.label("detection."+p.Detection, p.Detection)
	}
	// The parts of the header and of the facts, in the order of their
	// markers.
	ls.addNamed("crumbs", fragKey{kind: fragCrumbs})
	ls.addNamed("sevmeta", fragKey{kind: fragSevLabel, s: p.Severity})
	ls.addNamed("date", date)
	ls.addNamed("docstatus", fragKey{kind: fragDocStatus, s: namesKey([]string{statusLabel, b.tr.label("visibility."+vis, vis)})})
	ls.addNamed("date", date)
	sevBadge := []fragKey{{kind: fragSev, s: p.Severity}}
	if s, _ := b.kb.Config.Severity(p.Severity); s.Label != "" {
		// The badge is followed by the level's label.
		sevBadge = append(sevBadge, fragKey{kind: fragLabel, s: " " + s.Label})
	}
	ls.addList("sevbadge", sevBadge)
	ls.addList("systems", linkKeys(fragSystems, p.Systems))
	ls.addList("causes", linkKeys(fragCauses, p.Causes))
	if len(p.Teams) > 0 {
		ls.addList("teams", linkKeys(fragTeams, p.Teams))
		m.HasTeams = true
	}
	m.Repeats, m.RepeatCount = b.repeatViews(p, ls)
	// Each incident is listed once, under the first heading that has it:
	// a repeat named in related: is not listed again under "This incident
	// refers to", and the similar incidents leave out those linked above,
	// the next most similar taking their places.
	linked := make([]*model.Postmortem, 0, 1+len(m.Repeats))
	linked = append(linked, p)
	for _, r := range m.Repeats {
		linked = append(linked, r.of)
	}
	for _, refs := range []struct {
		marker string
		n      *int
		pms    []*model.Postmortem
		max    int
	}{{"related", &m.Related, b.kb.RelatedOf(p), -1}, {"backlinks", &m.Backlinks, b.kb.Backlinks(p.ID), -1},
		{"similar", &m.Similar, b.pmsByID(p.ID, b.opts.Similar[p.ID]), MaxSimilarShown}} {
		from := len(linked)
		for _, q := range refs.pms {
			// Lists are short: a look back is quicker than a set.
			if len(linked)-from != refs.max && !slices.Contains(linked, q) {
				linked = append(linked, q)
			}
		}
		if shown := linked[from:]; len(shown) > 0 {
			*refs.n = ls.addList(refs.marker, refKeys(fragRef, shown))
		}
	}
	if more := m.RepeatCount - len(m.Repeats); more > 0 {
		m.RepeatsMore = b.tr.f("pm.repeatsMore", more)
		ls.addNamed("repeatsmore", fragKey{kind: fragLabel, s: m.RepeatsMore})
	}
	if len(m.Repeats) > 0 {
		m.RepeatOfN = b.tr.f("pm.repeatOfN", m.RepeatCount)
		ls.addNamed("repeatof", fragKey{kind: fragLabel, s: m.RepeatOfN})
	}
	m.HasRelated = len(m.Repeats) > 0 || m.Related > 0 || m.Backlinks > 0 || m.Similar > 0
	if p.Commander != "" {
		ls.addNamed("commander", fragKey{kind: fragText, s: p.Commander})
	}
	ls.addList("authors", seqKeys(fragText, fragTextNext, p.Authors))
	ls.addList("tags", seqKeys(fragTag, fragTagNext, p.Tags))
	if trigger != "" || detection != "" {
		ls.addNamed("how", fragKey{kind: fragHow, s: namesKey([]string{trigger, detection})})
	}
	m.BodyLang = m.Lang
	// A public site's readers are customers: the edit link would name the
	// company's repository and invite them to edit (QA 14 D-F3).
	if repo := safeURL(b.kb.Config.Repository); repo != "" && p.Path != "" && b.opts.Audience != model.VisibilityPublic {
		m.EditURL = repo + escapePath(p.Path)
	}
	tl := p.Timeline
	// Durations recur across incidents: each is a fragment.
	var durations []fragKey
	if d, ok := tl.TimeToDetect(); ok {
		durations = append(durations, durationKey(fragTTD, d))
	}
	if d, ok := tl.TimeToMitigate(); ok {
		durations = append(durations, durationKey(fragTTM, d))
	}
	if d, ok := tl.TimeToResolve(); ok {
		durations = append(durations, durationKey(fragTTR, d))
	}
	ls.addList("durations", durations)
	moments := tl.Moments()
	m.TimeZone, m.Timeline = timelineTimes(moments, b.kb.Config.TimeZone)
	if len(m.Timeline) > 0 {
		ls.addNamed("timein", fragKey{kind: fragTimeIn, s: m.TimeZone})
	}
	for _, mo := range moments {
		ls.addNamed("label", fragKey{kind: fragLabel, s: b.tr.s("moment." + mo.Name)})
		if !tl.Started.IsZero() && mo.Name != "started" {
			ls.addNamed("since", sinceKey(mo.Time.Sub(tl.Started)))
		} else {
			ls.addList("since", nil)
		}
	}
	// Keep the author's order on the postmortem's own page.
	var refs []model.ActionRef
	for i := range p.ActionItems {
		refs = append(refs, model.ActionRef{Postmortem: p, Item: &p.ActionItems[i]})
	}
	if len(refs) > 0 {
		m.Actions = ls.addList("actions", anchoredActionKeys(refs))
		ls.addNamed("actionhead", fragKey{kind: fragActionHead, s: b.tr.f("pm.actionsCaption", m.Actions)})
	}
	return pageSpec{kind: "postmortem", sitePath: sitePath, title: p.Title, description: cmp.Or(p.Summary, p.Impact), section: "postmortems",
		scripts: []string{"assets/actions.js"}, main: m}
}

type termRow struct {
	Name, Href, Description string
	Sev                     *sevView
	Count, Open, Overdue    int
	Latest                  string
	DueLater                string // see live.go
}

type termsMain struct {
	Kind        string
	Intro       string
	ShowActions bool
	Rows        []termRow
}

type termMain struct {
	Kind        string
	Name        string
	Description string
	Sev         *sevView
	Team        *termLink
	Systems     []termLink
	Rows        table
	ShowActions bool
	Open        int
	Overdue     int
	DueLater    string // see live.go
	ActionsHref string
	OverdueHref string
	IndexHref   string
	IndexLabel  string
	// SearchHref is a tag's search on the search page, where its
	// incidents can be filtered further.
	SearchHref string
	Figures    *termFiguresView
}

// termKind is one of the six kinds of term pages.
type termKind struct {
	kind        string // the site folder and i18n prefix: "systems", …
	terms       []*term
	showActions bool   // open/overdue action-item counts (systems, teams)
	filter      string // the actions.js filter of the kind, if any
}

func (b *builder) termKinds() []termKind {
	return []termKind{
		{"systems", b.systems, true, "system"},
		{"causes", b.causes, false, ""},
		{"teams", b.teams, true, "team"},
		{"tags", b.tags, false, ""},
		{"severity", b.severities, false, ""},
		{"years", b.years, false, ""},
	}
}

func (b *builder) termPages() error {
	for _, k := range b.termKinds() {
		indexPath := k.kind + "/"
		b.add(indexPath+"index.html", func(j *job, l linker) (pageSpec, error) {
			return b.termsPage(l, k, indexPath), nil
		})
		for _, t := range k.terms {
			b.add(t.Path+"index.html", func(j *job, l linker) (pageSpec, error) {
				return b.termPage(j, l, k, indexPath, t)
			})
		}
	}
	return nil
}

// termsPage is the index of the terms of kind k.
func (b *builder) termsPage(l linker, k termKind, indexPath string) pageSpec {
	im := termsMain{Kind: k.kind, Intro: b.tr.s(k.kind + ".intro"), ShowActions: k.showActions}
	for _, t := range k.terms {
		r := termRow{Name: t.Name, Href: l.To(t.Path), Description: t.Description, Count: len(t.PMs)}
		if k.kind == "severity" {
			s := b.sev(l, t.Name)
			r.Sev = &s
		}
		r.Open, r.Overdue, r.DueLater = b.actionCounts(t)
		if len(t.PMs) > 0 {
			r.Latest = t.PMs[0].Day().String()
		}
		im.Rows = append(im.Rows, r)
	}
	return pageSpec{kind: "terms", sitePath: indexPath, title: b.tr.s(k.kind + ".title"),
		section: k.kind, scripts: []string{"assets/table.js", "assets/actions.js"}, main: im}
}

// termPage is the page of term t of kind k.
func (b *builder) termPage(j *job, l linker, k termKind, indexPath string, t *term) (pageSpec, error) {
	m := termMain{Kind: k.kind, Name: t.Name, Description: t.Description, Rows: j.addTable(pmKeys(t.PMs)),
		ShowActions: k.showActions, IndexHref: l.To(indexPath), IndexLabel: b.tr.s(k.kind + ".all")}
	m.Open, m.Overdue, m.DueLater = b.actionCounts(t)
	figs, err := b.termFigures(l, t.Path, &j.lists)
	if err != nil {
		return pageSpec{}, err
	}
	m.Figures = figs
	if k.filter != "" {
		m.ActionsHref = l.To("actions/") + "?" + k.filter + "=" + t.Slug + "&status=active"
		m.OverdueHref = l.To("actions/") + "?" + k.filter + "=" + t.Slug + "&overdue=1"
	}
	switch k.kind {
	case "severity":
		s := b.sev(l, t.Name)
		m.Sev = &s
	case "systems":
		if tm := b.teamOf(t.Team); t.Team != "" && tm != nil {
			m.Team = &termLink{Name: tm.Name, Slug: tm.Slug, Href: l.To(tm.Path)}
		}
	case "tags":
		m.SearchHref = tagSearch(l, t.Name)
	case "teams":
		// b.systems is in name order.
		for _, s := range b.systems {
			if s.Team != "" && model.Slug(s.Team) == t.Slug {
				m.Systems = append(m.Systems, termLink{Name: s.Name, Slug: s.Slug, Href: l.To(s.Path)})
			}
		}
	}
	title := b.tr.f(k.kind+".one", t.Name)
	return pageSpec{kind: "term", sitePath: t.Path, title: title, description: t.Description, section: k.kind,
		scripts: []string{"assets/table.js", "assets/actions.js"}, main: m}, nil
}

type actionsMain struct {
	Owner                                   string
	Rows                                    table
	Total, Open, Overdue                    int
	Filters                                 bool
	Statuses, Owners, Teams, Systems, Kinds []option
	AllHref, OwnersHref                     string
	// DueLater lets actions.js re-check Overdue (see live.go).
	DueLater string
}

// fixedOptions are the contract's values of a field, in contract order,
// followed by other values seen, sorted.
func (b *builder) fixedOptions(prefix string, fixed []string, seen []string) []option {
	vals := slices.Clone(fixed)
	var extra []string
	for _, s := range seen {
		if s != "" && !slices.Contains(vals, s) && !slices.Contains(extra, s) {
			extra = append(extra, s)
		}
	}
	slices.Sort(extra)
	out := make([]option, 0, len(vals)+len(extra))
	for _, v := range append(vals, extra...) {
		out = append(out, option{Value: v, Label: b.tr.label(prefix+v, v)})
	}
	return out
}

// counts returns how many items are not closed and how many are overdue.
func (b *builder) counts(refs []model.ActionRef) (open, overdue int) {
	for _, r := range refs {
		if !r.Item.IsClosed() {
			open++
		}
		if r.Item.Overdue(b.kb.Today) {
			overdue++
		}
	}
	return open, overdue
}

type ownerRow struct {
	Name, Href           string
	Total, Open, Overdue int
	DueLater             string // see live.go
}

type ownersMain struct {
	Rows    []ownerRow
	AllHref string
}

func (b *builder) actionPages() error {
	b.add("actions/index.html", b.actionsPage)
	if len(b.owners) > 0 {
		b.add("actions/owners/index.html", b.ownersPage)
	}
	for _, o := range b.owners {
		b.add(o.Path+"index.html", func(j *job, l linker) (pageSpec, error) {
			return b.ownerPage(j, l, o), nil
		})
	}
	return nil
}

// actionsPage is the list of every action item.
func (b *builder) actionsPage(j *job, l linker) (pageSpec, error) {
	all := b.sortActions(b.kb.Actions())
	m := actionsMain{Rows: b.actionTable(j, all), Filters: true}
	if len(b.owners) > 0 {
		m.OwnersHref = l.To("actions/owners/")
	}
	m.Total = len(all)
	m.Open, m.Overdue = b.counts(all)
	m.DueLater = dueLater(all, b.kb.Today)
	var statuses, kinds []string
	for _, r := range all {
		statuses = append(statuses, cmp.Or(r.Item.Status, model.ActionOpen))
		kinds = append(kinds, r.Item.Kind)
	}
	m.Statuses = b.fixedOptions("status.", []string{model.ActionOpen, model.ActionInProgress, model.ActionDone, model.ActionWontDo}, statuses)
	// The Kind filter, like the Kind column, is there when an item has a
	// kind; the Team filter when a postmortem names a team.
	if b.kindCol {
		m.Kinds = b.fixedOptions("kind.", []string{"prevent", "detect", "mitigate", "process"}, kinds)
	}
	for _, o := range b.owners {
		m.Owners = append(m.Owners, option{Value: o.Slug, Label: o.Name})
	}
	m.Teams, m.Systems = termOptions(b.teams), termOptions(b.systems)
	return pageSpec{kind: "actions", sitePath: "actions/", title: b.tr.s("actions.title"), section: "actions",
		scripts: []string{"assets/table.js", "assets/actions.js"}, main: m}, nil
}

// ownersPage lists the owners of action items.
func (b *builder) ownersPage(j *job, l linker) (pageSpec, error) {
	om := ownersMain{AllHref: l.To("actions/")}
	for _, o := range b.owners {
		r := ownerRow{Name: o.Name, Href: l.To(o.Path), Total: len(o.Items)}
		r.Open, r.Overdue = b.counts(o.Items)
		r.DueLater = dueLater(o.Items, b.kb.Today)
		om.Rows = append(om.Rows, r)
	}
	return pageSpec{kind: "owners", sitePath: "actions/owners/", title: b.tr.s("owners.title"), section: "actions",
		scripts: []string{"assets/table.js", "assets/actions.js"}, main: om}, nil
}

// ownerPage lists the action items of o.
func (b *builder) ownerPage(j *job, l linker, o *owner) pageSpec {
	items := b.sortActions(o.Items)
	m := actionsMain{Owner: o.Name, Rows: b.actionTable(j, items), AllHref: l.To("actions/"), OwnersHref: l.To("actions/owners/")}
	m.Total = len(items)
	m.Open, m.Overdue = b.counts(items)
	m.DueLater = dueLater(items, b.kb.Today)
	return pageSpec{kind: "actions", sitePath: o.Path, title: joinIdeographs(b.tr.f("owners.one", o.Name), o.Name), section: "actions",
		scripts: []string{"assets/table.js", "assets/actions.js"}, main: m}
}

// searchMain is the data of the search page: without JavaScript it links
// to the list of postmortems.
type searchMain struct {
	ListHref string
}

func (b *builder) searchPage() error {
	b.add("search/index.html", func(_ *job, l linker) (pageSpec, error) {
		return pageSpec{kind: "search", sitePath: "search/", title: b.tr.s("search.title"), section: "search",
			main: searchMain{ListHref: l.To("postmortems/")}}, nil
	})
	return nil
}

type notFoundMain struct {
	HomeHref, ListHref string
}

func (b *builder) notFound() error {
	b.add("404.html", func(_ *job, l linker) (pageSpec, error) {
		return pageSpec{kind: "404", outPath: "404.html", title: b.tr.s("notfound.title"),
			main: notFoundMain{HomeHref: l.To(""), ListHref: l.To("postmortems/")}}, nil
	})
	return nil
}

// joinIdeographs drops the space after name in s (a title made by a
// translated string with the name in it) when the name ends in kanji or
// kana and the text goes on in them: Japanese sets no space between
// words, so "佐藤のアクションアイテム", while "aiko のアクションアイテム"
// keeps the space that sets a Latin name apart (QA 14 B-F13).
func joinIdeographs(s, name string) string {
	i := strings.Index(s, name)
	if i < 0 || name == "" {
		return s
	}
	end := i + len(name)
	last, _ := utf8.DecodeLastRuneInString(name)
	next, _ := utf8.DecodeRuneInString(s[min(len(s), end+1):])
	if strings.HasPrefix(s[end:], " ") && model.HasJapanese(string(last)) && model.HasJapanese(string(next)) {
		return s[:end] + s[end+1:]
	}
	return s
}
