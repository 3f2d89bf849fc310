package model

import "slices"

// KnowledgeBase is a loaded, validated set of postmortems with the site
// configuration and the indexes every page needs. Build it with New.
type KnowledgeBase struct {
	Config SiteConfig
	// Today is the date "overdue" is measured against.
	Today Date
	// Postmortems are newest first by the day written in their date:,
	// then by instant (SortPostmortems).
	Postmortems []*Postmortem

	byID      map[string]*Postmortem
	backlinks map[string][]*Postmortem
}

// New indexes pms (sorting them newest first). Ids must already be unique.
func New(cfg SiteConfig, today Date, pms []*Postmortem) *KnowledgeBase {
	pms = slices.Clone(pms)
	SortPostmortems(pms)
	kb := &KnowledgeBase{Config: cfg, Today: today, Postmortems: pms,
		byID: make(map[string]*Postmortem, len(pms)), backlinks: map[string][]*Postmortem{}}
	for _, p := range pms {
		kb.byID[p.ID] = p
	}
	for _, p := range pms {
		for _, r := range p.Related {
			if _, ok := kb.byID[r]; ok && r != p.ID {
				kb.backlinks[r] = append(kb.backlinks[r], p)
			}
		}
	}
	return kb
}

// ByID returns the postmortem with the given id.
func (kb *KnowledgeBase) ByID(id string) (*Postmortem, bool) {
	p, ok := kb.byID[id]
	return p, ok
}

// Backlinks returns the postmortems whose related: names id, newest first.
func (kb *KnowledgeBase) Backlinks(id string) []*Postmortem { return kb.backlinks[id] }

// RelatedOf returns p's related postmortems that exist, in the order written.
func (kb *KnowledgeBase) RelatedOf(p *Postmortem) []*Postmortem {
	var out []*Postmortem
	for _, r := range p.Related {
		if q, ok := kb.relatedOf(p, r); ok {
			out = append(out, q)
		}
	}
	return out
}

// RelatedIDs returns the ids of RelatedOf(p), in the order written: the
// related incidents a page lists, and the only ones api/postmortems.json
// may name (an id of a postmortem the build left out names what no page
// has). It is p.Related itself when every id is one (do not modify it),
// else a new slice; nil when none is.
func (kb *KnowledgeBase) RelatedIDs(p *Postmortem) []string {
	for i, r := range p.Related {
		if _, ok := kb.relatedOf(p, r); ok {
			continue
		}
		out := slices.Clone(p.Related[:i])
		for _, r := range p.Related[i+1:] {
			if _, ok := kb.relatedOf(p, r); ok {
				out = append(out, r)
			}
		}
		return out
	}
	return p.Related
}

// relatedOf returns the postmortem id names, when it is one of kb other
// than p: RelatedOf and RelatedIDs share it, so a page and the API list
// the same related incidents (review 15 R5).
func (kb *KnowledgeBase) relatedOf(p *Postmortem, id string) (*Postmortem, bool) {
	q, ok := kb.byID[id]
	return q, ok && q != p
}

// ActionRef is an action item together with the postmortem that owns it.
type ActionRef struct {
	Postmortem *Postmortem
	Item       *ActionItem
}

// Key is the item's global key.
func (r ActionRef) Key() string { return r.Item.Key(r.Postmortem.ID) }

// Actions returns every action item of every postmortem, in postmortem order
// then item order.
func (kb *KnowledgeBase) Actions() []ActionRef {
	n := 0
	for _, p := range kb.Postmortems {
		n += len(p.ActionItems)
	}
	if n == 0 {
		return nil
	}
	out := make([]ActionRef, 0, n)
	for _, p := range kb.Postmortems {
		for i := range p.ActionItems {
			out = append(out, ActionRef{p, &p.ActionItems[i]})
		}
	}
	return out
}
