package actions

import "github.com/pmkb/pmkb/generator/model"

// OwnerLabels returns the label of every owner of kb's action items, by
// model.Slug of the owner. Owners that differ only by case, an "@",
// punctuation, width or a space next to kanji or kana ("Bob" and "bob",
// "@carol" and "carol", "田中 太郎" and "田中太郎", "ｻｲﾄｳ" and "サイトウ")
// share a slug, so they are one person with one page; that person is
// shown everywhere (owner index, owner page, Slack digest) under one
// spelling: the one most items use, and among spellings used by equally
// many items, the spelling of the item first in key order
// ("<postmortem-id>#<item-id>"). The choice depends on the items alone,
// never on the order they are read in.
func OwnerLabels(kb *model.KnowledgeBase) map[string]string {
	var v spellingVotes
	slugs := slugMemo{}
	for _, ref := range kb.Actions() {
		v.add(ref.Item.Owner, slugs.of(ref.Item.Owner), ref.Key())
	}
	return v.labels()
}

// spellingVotes counts the spellings of names that share a slug.
type spellingVotes struct {
	bySlug map[string]map[string]*spellingVote
}

type spellingVote struct {
	items    int
	firstKey string
}

// add counts one item, of key, whose name is spelt name; slug is
// model.Slug(name).
func (v *spellingVotes) add(name, slug, key string) {
	if v.bySlug == nil {
		v.bySlug = map[string]map[string]*spellingVote{}
	}
	spellings := v.bySlug[slug]
	if spellings == nil {
		spellings = map[string]*spellingVote{}
		v.bySlug[slug] = spellings
	}
	sv := spellings[name]
	if sv == nil {
		sv = &spellingVote{firstKey: key}
		spellings[name] = sv
	}
	sv.items++
	if key < sv.firstKey {
		sv.firstKey = key
	}
}

// labels returns the winning spelling of every slug: most items, then the
// first key, then (for equal keys, which a valid site does not have) the
// spelling in byte order.
func (v *spellingVotes) labels() map[string]string {
	out := make(map[string]string, len(v.bySlug))
	for slug, spellings := range v.bySlug {
		var best string
		var bv *spellingVote
		for name, sv := range spellings {
			if bv == nil || sv.items > bv.items ||
				(sv.items == bv.items && (sv.firstKey < bv.firstKey || (sv.firstKey == bv.firstKey && name < best))) {
				best, bv = name, sv
			}
		}
		out[slug] = best
	}
	return out
}
