package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// TestListPageSizeCSS checks that pmkb.css's rule for a long list while
// the page loads names listPageSize: it keeps the rows after the first
// page out of layout, and only for a table whose data-page-size is that
// number (another number would leave every row in, as without scripts).
func TestListPageSizeCSS(t *testing.T) {
	css, err := fs.ReadFile(themes.Default(), "static/assets/pmkb.css")
	if err != nil {
		t.Fatal(err)
	}
	rule := fmt.Sprintf("@media (scripting: enabled) {\n  table[data-page-size=\"%d\"] > tbody > tr:nth-child(n+%d) { display: none; }\n}", listPageSize, listPageSize+1)
	if !bytes.Contains(css, []byte(rule)) {
		t.Errorf("pmkb.css lacks the rule for listPageSize %d:\n%s", listPageSize, rule)
	}
}

// TestListPageSizeMarkup checks which tables are built to be paged: the
// lists of postmortems and action items of more than listPageSize rows
// (with data-page-size and a hidden pager after them), not the shorter
// ones.
func TestListPageSizeMarkup(t *testing.T) {
	kb, _ := corpustest.Shared(t, corpus.Options{N: pagedPostmortems, Seed: 1, Today: model.Date{Year: 2026, Month: 11, Day: 27}})
	big, err := Site(kb, themes.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	small, err := Site(testKB("en", repo), themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	attr := fmt.Sprintf(" data-page-size=\"%d\"", listPageSize)
	pages := byPath(big)
	for path, id := range map[string]string{"postmortems/index.html": "postmortems", "actions/index.html": "actions"} {
		page := string(pages[path])
		if !strings.Contains(page, `<table id="`+id+`" class="data`) || !strings.Contains(page, "data-sortable"+attr) {
			t.Errorf("%s: #%s has no%s", path, id, attr)
		}
		pager := `<p class="pager" id="` + id + `-pager" data-count="Showing {shown} of {matching} ({total} in all)" hidden><button type="button" aria-controls="` + id + `" data-more="Show {n} more">Show 100 more</button>`
		if !strings.Contains(page, pager) {
			t.Errorf("%s: no pager after #%s:\n%s", path, id, pager)
		}
	}
	paged := 0
	for _, f := range big {
		if strings.HasPrefix(f.Path, "severity/") && bytes.Contains(f.Data, []byte(attr)) {
			paged++
			if n := bytes.Count(f.Data, []byte("<tr data-severity=")); n <= listPageSize {
				t.Errorf("%s: %d rows, paged", f.Path, n)
			}
		}
	}
	if paged == 0 {
		t.Error("no severity page is paged")
	}
	for _, f := range small {
		if strings.HasSuffix(f.Path, ".html") && (bytes.Contains(f.Data, []byte("data-page-size")) || bytes.Contains(f.Data, []byte(`class="pager"`))) {
			t.Errorf("%s: a list of at most %d rows is paged", f.Path, listPageSize)
		}
	}
}
