package source

import (
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// TestPageIDsMatchTheTheme checks pageIDs against the ids the default
// theme writes on a postmortem's page: the literal id attributes of the
// layouts that page is made of, the ids render gives the page's action
// table (tableArgs of the "pm-actions" table and its caption) and those
// search.js gives the header's results. A
// theme that gains, renames or drops an id fails here, instead of links to
// it being warned about and body headings taking it.
func TestPageIDsMatchTheTheme(t *testing.T) {
	literal := regexp.MustCompile(`\bid="([^"{}]+)"`)
	want := []string{"pm-actions", "pm-actions-caption"} // made by render
	for _, name := range []string{"layouts/base.html", "layouts/postmortem.html", "layouts/partials.html"} {
		data, err := fs.ReadFile(themes.Default(), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllSubmatch(data, -1) {
			want = append(want, string(m[1]))
		}
	}
	// search.js gives the header's list of results its ids when a reader
	// types: the list's, and an option's per postmortem shown (up to the
	// hits it slices) and one for "all results" (QA 18 C-F5).
	js, err := fs.ReadFile(themes.Default(), "static/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	// Its other ids (search-hints) are the search page's.
	for _, m := range regexp.MustCompile(`\bid: "(site-search-[^"]*)"(\s*\+)?`).FindAllSubmatch(js, -1) {
		if len(m[2]) == 0 {
			want = append(want, string(m[1]))
			continue
		}
		shown := regexp.MustCompile(`hits\.slice\(0, (\d+)\)`).FindSubmatch(js)
		if shown == nil {
			t.Fatalf("search.js numbers the ids %q… but shows no hits.slice(0, N)", m[1])
		}
		n, _ := strconv.Atoi(string(shown[1]))
		for i := 0; i <= n; i++ {
			want = append(want, string(m[1])+strconv.Itoa(i))
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	got := slices.Sorted(slices.Values(pageIDs))
	if !slices.Equal(got, want) {
		t.Errorf("pageIDs = %q, the theme's postmortem page has %q", got, want)
	}
}
