package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestNoOwners renders action items that name no owner, as a public build
// hands them on (qa7-b #7): no owner pages and no link to them, no Owner
// column, filter or data-owner, and no empty separator where an open
// item's owner was; the same site with owners has each of them, so the
// test can fail.
func TestNoOwners(t *testing.T) {
	owned := []string{"actions/owners/", `data-owner="`, `id="af-owner"`, `<th scope="col">Owner</th>`}
	for _, named := range []bool{true, false} {
		kb, opts := testKB("en", repo), testOpts
		if !named {
			opts = withoutOwners(kb, opts)
		}
		files := site(t, kb, opts)
		checkLinks(t, files, "/kb/")
		found := map[string]bool{}
		for p, data := range files {
			if strings.HasPrefix(p, "actions/owners/") && !named {
				t.Errorf("no owner named, yet %s", p)
			}
			for _, w := range owned {
				if strings.Contains(string(data), w) {
					found[w] = true
					if !named {
						t.Errorf("no owner named, yet %s holds %q", p, w)
					}
				}
			}
			if strings.Contains(string(data), "</span> ·  · ") {
				t.Errorf("named %v: %s has an empty owner between separators", named, p)
			}
		}
		if named && len(found) != len(owned) {
			t.Errorf("with owners, only %v were found of %q", found, owned)
		}
	}
}

// withoutOwners blanks the owner of every action item of kb, and returns
// opts with the open items of its repeats and term figures blanked too,
// as the generator computes them from such a knowledge base.
func withoutOwners(kb *model.KnowledgeBase, opts Options) Options {
	for _, p := range kb.Postmortems {
		for i := range p.ActionItems {
			p.ActionItems[i].Owner = ""
		}
	}
	blank := func(open []OpenAction) []OpenAction {
		open = slices.Clone(open)
		for i := range open {
			open[i].Owner = ""
		}
		return open
	}
	repeats := map[string][]Repeated{}
	for id, rs := range opts.Repeats {
		rs = slices.Clone(rs)
		for i := range rs {
			rs[i].OpenActions = blank(rs[i].OpenActions)
		}
		repeats[id] = rs
	}
	terms := map[string]*TermFigures{}
	for p, f := range opts.Terms {
		c := *f
		c.OpenActions = blank(f.OpenActions)
		terms[p] = &c
	}
	opts.Repeats, opts.Terms = repeats, terms
	return opts
}
