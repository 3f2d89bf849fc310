package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/model"
)

// term is one system, cause, team, tag, severity level or year, with the
// postmortems that name it (newest first). Values that slugify alike
// ("DNS", "dns ") are one term, so two pages never share a path; tags are
// grouped by model.TagKey instead, and given paths apart by model.TagPaths.
type term struct {
	Slug        string
	Name        string
	Description string
	// Team is a system's owning team from the catalog.
	Team string
	// Path is the term's site path ("systems/api/").
	Path string
	// key is the collation key of Name (see nameOrder).
	key []byte
	// Rank orders severity levels (0 is the worst; unknown levels come
	// after the configured ones) and years (newest first).
	Rank int
	PMs  []*model.Postmortem

	// counted makes open, overdue and dueLater once (actionCounts): the
	// index of the term's kind and the term's own page show them.
	counted       sync.Once
	open, overdue int
	dueLater      string
}

// actionCounts returns how many of t's action items are not closed and how
// many of those are overdue (openCounts), and their dueLaterItems.
func (b *builder) actionCounts(t *term) (open, overdue int, dueLater string) {
	t.counted.Do(func() {
		t.open, t.overdue = openCounts(t.PMs, b.kb.Today)
		t.dueLater = dueLaterItems(t.PMs, b.kb.Today)
	})
	return t.open, t.overdue, t.dueLater
}

// owner is one action-item owner with their items.
type owner struct {
	Slug, Name, Path string
	Items            []model.ActionRef
	key              []byte // the collation key of Name
}

// openCounts returns how many of the terms' action items are not closed and
// how many of those are overdue.
func openCounts(pms []*model.Postmortem, today model.Date) (open, overdue int) {
	for _, p := range pms {
		for i := range p.ActionItems {
			a := &p.ActionItems[i]
			if !a.IsClosed() {
				open++
			}
			if a.Overdue(today) {
				overdue++
			}
		}
	}
	return open, overdue
}

// termSet collects terms by slug.
type termSet struct {
	bySlug map[string]*term
	list   []*term
}

func (s *termSet) get(slug string, mk func() *term) *term {
	if s.bySlug == nil {
		s.bySlug = map[string]*term{}
	}
	if t, ok := s.bySlug[slug]; ok {
		return t
	}
	t := mk()
	s.bySlug[slug] = t
	s.list = append(s.list, t)
	return t
}

// add files p under the term; a postmortem naming one term twice is filed
// once.
func (t *term) add(p *model.Postmortem) {
	if n := len(t.PMs); n > 0 && t.PMs[n-1] == p {
		return
	}
	t.PMs = append(t.PMs, p)
}

// sortByName orders terms by name in the order o (a total order ending on
// the slug).
func sortByName(o *nameOrder, ts []*term) {
	for _, t := range ts {
		t.key = o.key(t.Name)
	}
	slices.SortFunc(ts, compareTerms)
}

// compareTerms orders terms by name (see byName).
func compareTerms(a, b *term) int { return byName(a.key, a.Name, a.Slug, b.key, b.Name, b.Slug) }

// indexTerms builds the systems, causes, teams, tags, severities, years and
// owners of the site. Catalog entries (systems, causes, severity levels) get a page
// even without incidents.
func (b *builder) indexTerms() {
	cfg := &b.kb.Config
	var systems, causes, teams, tags, sevs, years termSet
	mkSystem := func(raw string) func() *term {
		return func() *term {
			s, _ := cfg.System(raw)
			return &term{Slug: model.Slug(raw), Name: cmp.Or(s.Name, raw), Description: s.Description, Team: s.Team, Path: model.SystemPath(raw)}
		}
	}
	mkCause := func(raw string) func() *term {
		return func() *term {
			c, _ := cfg.Cause(raw)
			return &term{Slug: model.Slug(raw), Name: cmp.Or(c.Name, raw), Description: c.Description, Path: model.CausePath(raw)}
		}
	}
	mkSev := func(level string) func() *term {
		return func() *term {
			rank, _ := cfg.SeverityRank(level)
			// A level has a label ("Critical"), which the index shows
			// beside its badge, and no description to show under it.
			return &term{Slug: model.Slug(level), Name: level, Path: model.SeverityPath(level), Rank: rank}
		}
	}
	for _, s := range cfg.Systems {
		systems.get(model.Slug(s.Slug), mkSystem(s.Slug))
	}
	for _, c := range cfg.Causes {
		causes.get(model.Slug(c.Slug), mkCause(c.Slug))
	}
	for _, s := range cfg.Severities {
		sevs.get(model.Slug(s.Level), mkSev(s.Level))
	}
	// Tags are grouped as the search page's tag filter groups them
	// (model.TagKey), each group with a page of its own (model.TagPaths).
	var allTags []string
	for _, p := range b.kb.Postmortems {
		allTags = append(allTags, p.Tags...)
	}
	b.tagPaths = model.TagPaths(allTags)
	// b.kb.Postmortems is newest first, so every term's list is too.
	for _, p := range b.kb.Postmortems {
		for _, raw := range p.Systems {
			systems.get(model.Slug(raw), mkSystem(raw)).add(p)
		}
		for _, raw := range p.Causes {
			causes.get(model.Slug(raw), mkCause(raw)).add(p)
		}
		for _, raw := range p.Teams {
			teams.get(model.Slug(raw), func() *term {
				return &term{Slug: model.Slug(raw), Name: raw, Path: model.TeamPath(raw)}
			}).add(p)
		}
		for _, raw := range p.Tags {
			key := model.TagKey(raw)
			tags.get(key, func() *term {
				path := b.tagPaths[key]
				return &term{Slug: strings.TrimSuffix(strings.TrimPrefix(path, "tags/"), "/"), Name: raw, Path: path}
			}).add(p)
		}
		sevs.get(model.Slug(p.Severity), mkSev(p.Severity)).add(p)
		y := p.Day().Year
		years.get(strconv.Itoa(y), func() *term {
			return &term{Slug: strconv.Itoa(y), Name: strconv.Itoa(y), Path: model.YearPath(y), Rank: -y}
		}).add(p)
	}
	// Teams named only by the systems catalog get a page too.
	for _, s := range cfg.Systems {
		if s.Team != "" {
			teams.get(model.Slug(s.Team), func() *term {
				return &term{Slug: model.Slug(s.Team), Name: s.Team, Path: model.TeamPath(s.Team)}
			})
		}
	}
	for _, t := range tags.list {
		t.Name = commonSpelling(t, model.TagKey(t.Name))
	}
	names := newNameOrder(b.tr.lang)
	sortByName(names, systems.list)
	sortByName(names, causes.list)
	sortByName(names, teams.list)
	sortByName(names, tags.list)
	sortByName(names, sevs.list)
	sortByName(names, years.list)
	byRank := func(a, b *term) int { return cmp.Or(cmp.Compare(a.Rank, b.Rank), compareTerms(a, b)) }
	slices.SortStableFunc(sevs.list, byRank)
	slices.SortStableFunc(years.list, byRank)
	b.systems, b.causes, b.teams, b.tags, b.severities, b.years = systems.list, causes.list, teams.list, tags.list, sevs.list, years.list

	// An owner spelt several ways ("Bob", "bob") is one person, named as
	// most of its items spell it.
	labels := actions.OwnerLabels(b.kb)
	owners := map[string]*owner{}
	for _, r := range b.kb.Actions() {
		if r.Item.Owner == "" { // a public build names no one
			continue
		}
		slug := model.Slug(r.Item.Owner)
		o, ok := owners[slug]
		if !ok {
			o = &owner{Slug: slug, Name: labels[slug], Path: model.OwnerPath(r.Item.Owner), key: names.key(labels[slug])}
			owners[slug] = o
			b.owners = append(b.owners, o)
		}
		o.Items = append(o.Items, r)
	}
	slices.SortFunc(b.owners, func(a, b *owner) int { return byName(a.key, a.Name, a.Slug, b.key, b.Name, b.Slug) })
}

// commonSpelling returns the name of the tag t of key as most of its
// postmortems spell it ("dns" when two write dns and one DNS; ties: the
// first in byte order), as the search page's tag filter names it.
func commonSpelling(t *term, key string) string {
	count := map[string]int{}
	for _, p := range t.PMs {
		for _, raw := range p.Tags {
			if model.TagKey(raw) == key {
				count[raw]++
			}
		}
	}
	best := t.Name
	for raw, n := range count {
		if n > count[best] || n == count[best] && raw < best {
			best = raw
		}
	}
	return best
}

// tagPath is the page of tag (see model.TagPaths).
func (b *builder) tagPath(tag string) string {
	if p, ok := b.tagPaths[model.TagKey(tag)]; ok {
		return p
	}
	return model.TagPath(tag)
}

// teamOf returns the term of a team name, if it has a page.
func (b *builder) teamOf(name string) *term {
	slug := model.Slug(name)
	for _, t := range b.teams {
		if t.Slug == slug {
			return t
		}
	}
	return nil
}
