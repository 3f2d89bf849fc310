package generator

import (
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestForPublicLeavesLoadedPostmortems checks that readying postmortems
// for a public build changes copies only: a Session keeps the loaded
// postmortems between builds, and stripInternalLinks used to cut their
// related: lists in place (QA 15, the public engineer's note).
func TestForPublicLeavesLoadedPostmortems(t *testing.T) {
	loaded := &model.Postmortem{ID: "a", Commander: "ana", Related: []string{"b", "internal"},
		ActionItems: []model.ActionItem{{ID: "1", Owner: "ana"}}}
	other := &model.Postmortem{ID: "b"}
	pms := []*model.Postmortem{loaded, other}
	forPublic(pms)
	if pms[0] == loaded {
		t.Fatal("forPublic kept the loaded postmortem instead of a copy")
	}
	if !slices.Equal(pms[0].Related, []string{"b"}) || pms[0].Commander != "" || pms[0].ActionItems[0].Owner != "" {
		t.Errorf("the public copy: related %v, commander %q, owner %q", pms[0].Related, pms[0].Commander, pms[0].ActionItems[0].Owner)
	}
	if !slices.Equal(loaded.Related, []string{"b", "internal"}) || loaded.Commander != "ana" || loaded.ActionItems[0].Owner != "ana" {
		t.Errorf("the loaded postmortem changed: related %v, commander %q, owner %q", loaded.Related, loaded.Commander, loaded.ActionItems[0].Owner)
	}
}
