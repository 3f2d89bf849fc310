package model

import (
	"slices"
	"testing"
)

// TestRelatedIDs: RelatedIDs is the ids of RelatedOf, in the order
// written, so a postmortem's page and api/postmortems.json list the same
// related incidents (review 15 R5: export repeated RelatedOf's filter over
// ids, and the two could drift). It is p.Related itself when every id
// names another postmortem, and a copy otherwise.
func TestRelatedIDs(t *testing.T) {
	for _, tt := range []struct {
		name    string
		related []string
		want    []string
	}{
		{"none", nil, nil},
		{"all built", []string{"b", "c"}, []string{"b", "c"}},
		{"one left out", []string{"b", "gone", "c"}, []string{"b", "c"}},
		{"only left out", []string{"gone"}, nil},
		{"itself", []string{"a", "b"}, []string{"b"}},
		{"order written", []string{"c", "b"}, []string{"c", "b"}},
	} {
		a := &Postmortem{ID: "a", Related: slices.Clone(tt.related)}
		kb := New(SiteConfig{}, Date{}, []*Postmortem{a, {ID: "b"}, {ID: "c"}})
		got := kb.RelatedIDs(a)
		var page []string
		for _, q := range kb.RelatedOf(a) {
			page = append(page, q.ID)
		}
		if !slices.Equal(got, tt.want) || !slices.Equal(got, page) {
			t.Errorf("%s: RelatedIDs(%q) = %q, RelatedOf's ids %q, want %q", tt.name, tt.related, got, page, tt.want)
		}
		if len(got) > 0 && len(got) < len(a.Related) {
			got[0] = "changed"
			if a.Related[0] == "changed" {
				t.Errorf("%s: RelatedIDs wrote into p.Related", tt.name)
			}
		}
	}
	a := &Postmortem{ID: "a", Related: []string{"b"}}
	kb := New(SiteConfig{}, Date{}, []*Postmortem{a, {ID: "b"}})
	if n := testing.AllocsPerRun(10, func() { kb.RelatedIDs(a) }); n != 0 {
		t.Errorf("RelatedIDs allocates %v times when every id is built", n)
	}
}
