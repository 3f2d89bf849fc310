package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// bundle is a valid postmortem at content/postmortems/<dir>/index.md, a
// Hugo page bundle, with the id its file name gives it.
func bundle(dir string) *model.Postmortem {
	return valid(func(p *model.Postmortem) {
		p.ID, p.Path, p.FrontMatterLine = "index", "content/postmortems/"+dir+"/index.md", 1
	})
}

// TestPageBundles checks that a Hugo page bundle's index.md, whose id by
// the contract is its file name, "index", is told at line 1 to set id: to
// its folder's name or be renamed after it: a warning when it is the only
// one, and in the duplicate-id error of many, which lists only a few of
// the others (QA 17 A-F8: one bundle was published at /postmortems/index/
// without a word; 200 gave 200 errors each listing the 199 others, 2 MB,
// each advising to rename one file).
func TestPageBundles(t *testing.T) {
	l := &diag.List{}
	across([]*model.Postmortem{bundle("2023/payments-down"), valid(nil)}, nil, l)
	got := messages(l)
	want := `content/postmortems/2023/payments-down/index.md:1: warning: id "index" is the file name index.md (a Hugo page bundle's name), and pmkb's id is the file name: this postmortem's page would be postmortems/index/; set id: payments-down, or rename the file to payments-down.md`
	if len(got) != 1 || got[0] != want {
		t.Errorf("one bundle: got %q, want %q", got, want)
	}

	var pms []*model.Postmortem
	for i := range 200 {
		pms = append(pms, bundle(fmt.Sprintf("posts/incident-%03d", i)))
	}
	l = &diag.List{}
	across(pms, nil, l)
	got = messages(l)
	if len(got) != 200 {
		t.Fatalf("200 bundles: %d problems, want 200", len(got))
	}
	first := got[0]
	for _, w := range []string{
		`content/postmortems/posts/incident-000/index.md:1: id "index" is also used by content/postmortems/posts/incident-001/index.md, content/postmortems/posts/incident-002/index.md, content/postmortems/posts/incident-003/index.md and 196 more`,
		"set id: incident-000, or rename the file to incident-000.md",
	} {
		if !strings.Contains(first, w) {
			t.Errorf("got %.600q, want it to hold %q", first, w)
		}
	}
	if strings.Contains(first, "rename one file") || len(first) > 600 {
		t.Errorf("got %.600q (%d bytes), want the bundle's advice, short", first, len(first))
	}
	// An id: set in the front matter is meant.
	l = &diag.List{}
	across([]*model.Postmortem{valid(func(p *model.Postmortem) {
		p.ID, p.Path, p.Lines["id"] = "index", "content/postmortems/x/index.md", 2
	})}, nil, l)
	if l.Len() != 0 {
		t.Errorf("id: index set: got %q, want none", messages(l))
	}
}
