package render

import (
	"cmp"
	"html/template"
	"regexp"
	"slices"
	"strings"

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
	Latest       []pmRow
	AllHref      string
	Actions      int
	Open         int
	Overdue      int
	OverdueItems []actionRow
	ActionsHref  string
	OpenHref     string
	OverdueHref  string
}

func (b *builder) home() error {
	l := b.linkFor("index.html")
	m := homeMain{Total: len(b.kb.Postmortems), AllHref: l.To("postmortems/"), ActionsHref: l.To("actions/")}
	m.OpenHref = m.ActionsHref + "?status=open"
	m.OverdueHref = m.ActionsHref + "?overdue=1"
	for _, t := range b.severities {
		m.Severities = append(m.Severities, sevCount{Sev: b.sev(l, t.Name), Count: len(t.PMs)})
	}
	for _, t := range b.years {
		m.Years = append(m.Years, yearCount{Name: t.Name, Href: l.To(t.Path), Count: len(t.PMs)})
	}
	m.Latest = b.rows(l, b.kb.Postmortems[:min(homeLatest, len(b.kb.Postmortems))])
	var overdue []model.ActionRef
	for _, r := range b.kb.Actions() {
		m.Actions++
		if !r.Item.IsClosed() {
			m.Open++
		}
		if r.Item.Overdue(b.kb.Today) {
			overdue = append(overdue, r)
		}
	}
	m.Overdue = len(overdue)
	// Most overdue first.
	slices.SortStableFunc(overdue, func(x, y model.ActionRef) int {
		return cmp.Or(x.Item.Due.Compare(y.Item.Due), strings.Compare(x.Key(), y.Key()))
	})
	for _, r := range overdue[:min(homeOverdue, len(overdue))] {
		m.OverdueItems = append(m.OverdueItems, b.action(l, r))
	}
	return b.emit(l, pageSpec{kind: "home", sitePath: "", section: "home", main: m})
}

type postmortemsMain struct {
	Rows                                      []pmRow
	Severities, Systems, Causes, Teams, Years []option
}

func (b *builder) postmortemList() error {
	l := b.linkFor("postmortems/index.html")
	m := postmortemsMain{Rows: b.rows(l, b.kb.Postmortems),
		Systems: termOptions(b.systems), Causes: termOptions(b.causes), Teams: termOptions(b.teams), Years: termOptions(b.years)}
	for _, t := range b.severities {
		if len(t.PMs) > 0 {
			m.Severities = append(m.Severities, option{Value: t.Slug, Label: t.Name})
		}
	}
	return b.emit(l, pageSpec{kind: "postmortems", sitePath: "postmortems/", title: b.tr.s("postmortems.title"),
		section: "postmortems", scripts: []string{"assets/table.js"}, main: m})
}

// langTag is the shape of a BCP 47 tag; a lang: value of another shape is
// not put into a lang attribute.
var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

type labelled struct {
	Label, Value string
}

type moment struct {
	Label, Time, Datetime, Since string
}

type postmortemMain struct {
	pmRef
	Summary, Impact                 string
	Status, StatusLabel, Visibility string
	Datetime                        string
	Systems, Causes, Teams          []termLink
	Trigger, Detection, Commander   string
	Authors, Tags                   []string
	Durations                       []labelled
	Timeline                        []moment
	Actions                         []actionRow
	Related, Backlinks, Repeats     []pmRef
	Similar                         []pmRef
	Body                            template.HTML
	BodyLang                        string
	EditURL                         string
	Source                          string
	ListHref                        string
}

func (b *builder) postmortemPages() error {
	for _, p := range b.kb.Postmortems {
		sitePath := model.PostmortemPath(p.ID)
		l := b.linkFor(sitePath + "index.html")
		m := postmortemMain{pmRef: b.ref(l, p), Summary: p.Summary, Impact: p.Impact,
			Status: cmp.Or(p.Status, model.StatusPublished), Datetime: p.Day().String(),
			Systems: b.systemLinks(l, p.Systems), Causes: b.causeLinks(l, p.Causes), Teams: teamLinks(l, p.Teams),
			Commander: p.Commander, Authors: p.Authors, Tags: p.Tags,
			Related: b.refs(l, b.kb.RelatedOf(p)), Backlinks: b.refs(l, b.kb.Backlinks(p.ID)),
			Repeats: b.refsByID(l, p.ID, b.opts.Repeats[p.ID]), Similar: b.refsByID(l, p.ID, b.opts.Similar[p.ID]),
			Body: trustedBody(p), Source: p.Path, ListHref: l.To("postmortems/")}
		if m.Status != model.StatusPublished {
			m.StatusLabel = b.tr.label("docstatus."+m.Status, m.Status)
		}
		vis := cmp.Or(p.Visibility, model.VisibilityInternal)
		m.Visibility = b.tr.label("visibility."+vis, vis)
		if p.Trigger != "" {
			m.Trigger = b.tr.label("trigger."+p.Trigger, p.Trigger)
		}
		if p.Detection != "" {
			m.Detection = b.tr.label("detection."+p.Detection, p.Detection)
		}
		m.BodyLang = m.Lang
		if repo := safeURL(b.kb.Config.Repository); repo != "" && p.Path != "" {
			m.EditURL = repo + escapePath(p.Path)
		}
		tl := p.Timeline
		if d, ok := tl.TimeToDetect(); ok {
			m.Durations = append(m.Durations, labelled{b.tr.s("pm.ttd"), humanDuration(b.tr, d)})
		}
		if d, ok := tl.TimeToMitigate(); ok {
			m.Durations = append(m.Durations, labelled{b.tr.s("pm.ttm"), humanDuration(b.tr, d)})
		}
		if d, ok := tl.TimeToResolve(); ok {
			m.Durations = append(m.Durations, labelled{b.tr.s("pm.ttr"), humanDuration(b.tr, d)})
		}
		for _, mo := range tl.Moments() {
			v := moment{Label: b.tr.s("moment." + mo.Name), Time: isoMinute(mo.Time), Datetime: machineTime(mo.Time)}
			if !tl.Started.IsZero() && mo.Name != "started" {
				v.Since = "+" + humanDuration(b.tr, mo.Time.Sub(tl.Started))
				if mo.Time.Before(tl.Started) {
					v.Since = humanDuration(b.tr, mo.Time.Sub(tl.Started))
				}
			}
			m.Timeline = append(m.Timeline, v)
		}
		var refs []model.ActionRef
		for i := range p.ActionItems {
			refs = append(refs, model.ActionRef{Postmortem: p, Item: &p.ActionItems[i]})
		}
		// Keep the author's order on the postmortem's own page.
		for _, r := range refs {
			m.Actions = append(m.Actions, b.action(l, r))
		}
		if err := b.emit(l, pageSpec{kind: "postmortem", sitePath: sitePath, title: p.Title, section: "postmortems",
			scripts: []string{"assets/actions.js"}, main: m}); err != nil {
			return err
		}
	}
	return nil
}

type termRow struct {
	Name, Href, Description string
	Sev                     *sevView
	Count, Open, Overdue    int
	Latest                  string
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
	Rows        []pmRow
	ShowActions bool
	Open        int
	Overdue     int
	ActionsHref string
	OverdueHref string
	IndexHref   string
	IndexLabel  string
}

// termKinds describes the five kinds of term pages.
func (b *builder) termKinds() []struct {
	kind        string
	terms       []*term
	showActions bool
	filter      string // the actions.js filter name, for systems and teams
} {
	return []struct {
		kind        string
		terms       []*term
		showActions bool
		filter      string
	}{
		{"systems", b.systems, true, "system"},
		{"causes", b.causes, false, ""},
		{"teams", b.teams, true, "team"},
		{"severity", b.severities, false, ""},
		{"years", b.years, false, ""},
	}
}

func (b *builder) termPages() error {
	for _, k := range b.termKinds() {
		indexPath := k.kind + "/"
		l := b.linkFor(indexPath + "index.html")
		im := termsMain{Kind: k.kind, Intro: b.tr.s(k.kind + ".intro"), ShowActions: k.showActions}
		for _, t := range k.terms {
			r := termRow{Name: t.Name, Href: l.To(t.Path), Description: t.Description, Count: len(t.PMs)}
			if k.kind == "severity" {
				s := b.sev(l, t.Name)
				r.Sev = &s
			}
			r.Open, r.Overdue = openCounts(t.PMs, b.kb.Today)
			if len(t.PMs) > 0 {
				r.Latest = t.PMs[0].Day().String()
			}
			im.Rows = append(im.Rows, r)
		}
		if err := b.emit(l, pageSpec{kind: "terms", sitePath: indexPath, title: b.tr.s(k.kind + ".title"),
			section: k.kind, scripts: []string{"assets/table.js"}, main: im}); err != nil {
			return err
		}
		for _, t := range k.terms {
			l := b.linkFor(t.Path + "index.html")
			m := termMain{Kind: k.kind, Name: t.Name, Description: t.Description, Rows: b.rows(l, t.PMs),
				ShowActions: k.showActions, IndexHref: l.To(indexPath), IndexLabel: b.tr.s(k.kind + ".all")}
			m.Open, m.Overdue = openCounts(t.PMs, b.kb.Today)
			if k.filter != "" {
				m.ActionsHref = l.To("actions/") + "?" + k.filter + "=" + t.Slug + "&status=open"
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
			case "teams":
				for _, s := range b.kb.Config.Systems {
					if s.Team != "" && model.Slug(s.Team) == t.Slug {
						m.Systems = append(m.Systems, b.systemLinks(l, []string{s.Slug})...)
					}
				}
				slices.SortFunc(m.Systems, func(x, y termLink) int { return byName(x.Name, x.Slug, y.Name, y.Slug) })
			}
			title := b.tr.f(k.kind+".one", t.Name)
			if err := b.emit(l, pageSpec{kind: "term", sitePath: t.Path, title: title, section: k.kind,
				scripts: []string{"assets/table.js"}, main: m}); err != nil {
				return err
			}
		}
	}
	return nil
}

type actionsMain struct {
	Owner                                   string
	Rows                                    []actionRow
	Total, Open, Overdue                    int
	Filters                                 bool
	Statuses, Owners, Teams, Systems, Kinds []option
	AllHref, OwnersHref                     string
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

func counts(rows []actionRow) (open, overdue int) {
	for _, r := range rows {
		if r.Status != model.ActionDone && r.Status != model.ActionWontDo {
			open++
		}
		if r.Overdue {
			overdue++
		}
	}
	return open, overdue
}

type ownerRow struct {
	Name, Href           string
	Total, Open, Overdue int
}

type ownersMain struct {
	Rows    []ownerRow
	AllHref string
}

func (b *builder) actionPages() error {
	l := b.linkFor("actions/index.html")
	all := b.kb.Actions()
	m := actionsMain{Rows: b.actions(l, all), Filters: true, OwnersHref: l.To("actions/owners/")}
	m.Total = len(m.Rows)
	m.Open, m.Overdue = counts(m.Rows)
	var statuses, kinds []string
	for _, r := range m.Rows {
		statuses = append(statuses, r.Status)
		kinds = append(kinds, r.Kind)
	}
	m.Statuses = b.fixedOptions("status.", []string{model.ActionOpen, model.ActionInProgress, model.ActionDone, model.ActionWontDo}, statuses)
	m.Kinds = b.fixedOptions("kind.", []string{"prevent", "detect", "mitigate", "process"}, kinds)
	for _, o := range b.owners {
		m.Owners = append(m.Owners, option{Value: o.Slug, Label: o.Name})
	}
	m.Teams, m.Systems = termOptions(b.teams), termOptions(b.systems)
	if err := b.emit(l, pageSpec{kind: "actions", sitePath: "actions/", title: b.tr.s("actions.title"), section: "actions",
		scripts: []string{"assets/table.js", "assets/actions.js"}, main: m}); err != nil {
		return err
	}

	l = b.linkFor("actions/owners/index.html")
	om := ownersMain{AllHref: l.To("actions/")}
	for _, o := range b.owners {
		rows := b.actions(l, o.Items)
		r := ownerRow{Name: o.Name, Href: l.To(o.Path), Total: len(rows)}
		r.Open, r.Overdue = counts(rows)
		om.Rows = append(om.Rows, r)
	}
	if err := b.emit(l, pageSpec{kind: "owners", sitePath: "actions/owners/", title: b.tr.s("owners.title"), section: "actions",
		scripts: []string{"assets/table.js"}, main: om}); err != nil {
		return err
	}

	for _, o := range b.owners {
		l := b.linkFor(o.Path + "index.html")
		m := actionsMain{Owner: o.Name, Rows: b.actions(l, o.Items), AllHref: l.To("actions/"), OwnersHref: l.To("actions/owners/")}
		m.Total = len(m.Rows)
		m.Open, m.Overdue = counts(m.Rows)
		if err := b.emit(l, pageSpec{kind: "actions", sitePath: o.Path, title: b.tr.f("owners.one", o.Name), section: "actions",
			scripts: []string{"assets/table.js", "assets/actions.js"}, main: m}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) searchPage() error {
	l := b.linkFor("search/index.html")
	return b.emit(l, pageSpec{kind: "search", sitePath: "search/", title: b.tr.s("search.title"), section: "search"})
}

type notFoundMain struct {
	HomeHref, ListHref string
}

func (b *builder) notFound() error {
	l := b.linkFor("404.html")
	return b.emit(l, pageSpec{kind: "404", outPath: "404.html", title: b.tr.s("notfound.title"),
		main: notFoundMain{HomeHref: l.To(""), ListHref: l.To("postmortems/")}})
}
