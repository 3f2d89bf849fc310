package source

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// TestPageIDsMatchTheTheme checks pageIDs against the ids the default
// theme writes on a postmortem's page: the literal id attributes of the
// layouts that page is made of, and the ids render gives the page's
// action table (tableArgs of the "pm-actions" table and its caption). A
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
	slices.Sort(want)
	want = slices.Compact(want)
	got := slices.Sorted(slices.Values(pageIDs))
	if !slices.Equal(got, want) {
		t.Errorf("pageIDs = %q, the theme's postmortem page has %q", got, want)
	}
}
