package render

import (
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// TestFragmentCacheKeys checks that every fragment cached by
// fragments.store is found by lookup under its own key only, whichever of
// the cache's maps holds it: keys that share a pointer or a string but
// differ in kind or another field are different fragments, and the rows
// of action items on their own postmortem's page are never kept.
func TestFragmentCacheKeys(t *testing.T) {
	p1, p2 := &model.Postmortem{ID: "a"}, &model.Postmortem{ID: "b"}
	i1, i2 := &model.ActionItem{ID: "1"}, &model.ActionItem{ID: "2"}
	o1, o2 := &OpenAction{ID: "1"}, &OpenAction{ID: "2"}
	keys := []fragKey{
		{kind: fragText, s: "x"},
		{kind: fragTextNext, s: "x"},
		{kind: fragText, s: "y"},
		{kind: fragText},
		{kind: fragFooter},
		{kind: fragPMRow, pm: p1},
		{kind: fragPMRow, pm: p2},
		{kind: fragRef, pm: p1},
		{kind: fragPMRow, pm: p1, s: "x"},
		{kind: fragActionRow, pm: p1, item: i1},
		{kind: fragActionRow, pm: p1, item: i2},
		{kind: fragActionRow, pm: p2, item: i1},
		{kind: fragActionPM, pm: p1, item: i1},
		{kind: fragActionRow, item: i1},
		{kind: fragOpen, open: o1},
		{kind: fragOpen, open: o2},
		{kind: fragOpenTitle, open: o1},
		{kind: fragOpen, pm: p1, open: o1},
		{kind: fragOpen, open: o1, s: "x"},
	}
	fs := newFragments()
	want := map[fragKey]*fragment{}
	for _, k := range keys {
		if _, ok := fs.lookup(k); ok {
			t.Fatalf("lookup(%+v) found a fragment before any was stored", k)
		}
		f := &fragment{}
		fs.store(k, f)
		want[k] = f
	}
	for _, k := range keys {
		if f, ok := fs.lookup(k); !ok || f != want[k] {
			t.Errorf("lookup(%+v) = %p, %v; want %p, true", k, f, ok, want[k])
		}
	}
	anchored := fragKey{kind: fragActionRow, pm: p1, item: i1, s: anchoredRow}
	if _, ok := fs.lookup(anchored); ok {
		t.Errorf("lookup(%+v) found the row of another page", anchored)
	}
}

// TestRowsForgotten makes whole sites and checks that the fragment cache
// forgets every postmortem's row and every action item's row after the
// last page that shows it: a row counted too few times is rendered again
// after it is forgotten and cached anew, and one counted too many times is
// never forgotten; either way it would be left in the cache.
func TestRowsForgotten(t *testing.T) {
	gen, _ := corpustest.Load(t, corpus.Options{N: 120, Seed: 3, Today: model.Date{Year: 2026, Month: 11, Day: 27}})
	for _, c := range []struct {
		name string
		kb   *model.KnowledgeBase
		opts Options
	}{
		{"test site", testKB("en", repo), testOpts},
		{"generated site", gen, Options{}},
	} {
		theme := themes.Default()
		tr, err := loadTranslator(theme, "en")
		if err != nil {
			t.Fatal(err)
		}
		tpls, err := loadTemplates(theme, tr)
		if err != nil {
			t.Fatal(err)
		}
		b := newBuilder(c.kb, c.opts, tr, tpls)
		if err := b.build(); err != nil {
			t.Fatal(err)
		}
		if len(b.frags.pmRowUses) == 0 || len(b.frags.rowUses) == 0 {
			t.Fatalf("%s: no uses counted", c.name)
		}
		if err := b.executeAll(nil, func(output.File) error { return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range b.frags.shards {
			sh := &b.frags.shards[i]
			for p := range sh.byPM[fragPMRow] {
				t.Errorf("%s: the row of %s is still cached", c.name, p.ID)
			}
			for k := range sh.byItem {
				t.Errorf("%s: the row of %s %s is still cached", c.name, k.pm.ID, k.item.ID)
			}
		}
	}
}

// TestOpenKeysShared checks that equal open items get one key whichever
// list they are in, and that a list given again gets the keys it got the
// first time.
func TestOpenKeysShared(t *testing.T) {
	b := &builder{opens: map[OpenAction]*OpenAction{}, openLists: map[openListID][]fragKey{}}
	a, c := OpenAction{Postmortem: "p", ID: "1", Title: "Fix"}, OpenAction{Postmortem: "p", ID: "2", Title: "Fix"}
	l1 := []OpenAction{a, c}
	l2 := []OpenAction{c}
	l3 := []OpenAction{a, c}
	k1, k2, k3 := b.openKeys(l1), b.openKeys(l2), b.openKeys(l3)
	if len(k1) != 2 || len(k2) != 1 || len(k3) != 2 {
		t.Fatalf("openKeys lengths %d, %d, %d; want 2, 1, 2", len(k1), len(k2), len(k3))
	}
	if k1[0].open == k1[1].open || *k1[0].open != a || *k1[1].open != c {
		t.Errorf("openKeys(l1) = %+v, %+v; want the two items", *k1[0].open, *k1[1].open)
	}
	if k2[0] != k1[1] || k3[0] != k1[0] || k3[1] != k1[1] {
		t.Errorf("equal items in other lists got other keys: %v %v %v", k1, k2, k3)
	}
	if again := b.openKeys(l1); &again[0] != &k1[0] {
		t.Errorf("openKeys(l1) again made new keys")
	}
}
