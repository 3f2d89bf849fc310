package render

import (
	"testing"

	"github.com/pmkb/pmkb/generator/model"
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
	fs := fragments{byItem: map[itemKey]*fragment{}, byOpen: map[*OpenAction]*fragment{}, done: map[fragKey]*fragment{}}
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
	if cached(anchored) {
		t.Fatalf("cached(%+v) = true; want false", anchored)
	}
	if _, ok := fs.lookup(anchored); ok {
		t.Errorf("lookup(%+v) found the row of another page", anchored)
	}
}
