package actions

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pmkb/pmkb/generator/model"
)

// TestOwnerLabels checks that an owner spelt several ways is named as most
// of its items spell it, ties going to the item first in key order, in
// whatever order the postmortems come (QA round 7, #12: the minority
// spelling, the first met, was shown).
func TestOwnerLabels(t *testing.T) {
	// pm builds a postmortem whose items have these owners.
	pm := func(id string, owners ...string) *model.Postmortem {
		p := &model.Postmortem{ID: id, Date: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		for i, o := range owners {
			p.ActionItems = append(p.ActionItems, model.ActionItem{ID: fmt.Sprintf("A%d", i+1), Title: "t", Owner: o})
		}
		return p
	}
	pms := []*model.Postmortem{
		// Newest first, as a knowledge base lists them: the minority
		// spellings come first.
		pm("2026-03-01-c", "Bob", "@carol", "aiko-tanaka", "Zed"),
		pm("2026-02-01-b", "bob", "carol", "Aiko Tanaka", "zed"),
		pm("2026-01-01-a", "bob", "bob", "carol", "ZED"),
	}
	want := map[string]string{
		"bob":         "bob",         // 3 items against Bob's 1
		"carol":       "carol",       // 2 against @carol's 1
		"aiko-tanaka": "Aiko Tanaka", // 1 each: 2026-02-01-b#A3 comes before 2026-03-01-c#A3
		"zed":         "ZED",         // 1 each: 2026-01-01-a#A4 comes first
	}
	for _, order := range []string{"newest first", "oldest first"} {
		if order == "oldest first" {
			slices.Reverse(pms)
		}
		kb := &model.KnowledgeBase{Postmortems: pms}
		if diff := cmp.Diff(want, OwnerLabels(kb)); diff != "" {
			t.Errorf("%s: OwnerLabels (-want +got):\n%s", order, diff)
		}
		var got []string
		for _, g := range ComputeRows(Rows(kb, Filter{}), model.Date{Year: 2026, Month: 6, Day: 1}, Period{}).PerOwner {
			got = append(got, g.Name)
		}
		if diff := cmp.Diff([]string{"Aiko Tanaka", "bob", "carol", "ZED"}, got); diff != "" {
			t.Errorf("%s: PerOwner names (-want +got):\n%s", order, diff)
		}
	}
}
