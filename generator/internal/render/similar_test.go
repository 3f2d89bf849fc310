package render

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestRelatedListsEachOnce: the related section of a page lists each
// incident once, under the first heading that has it (QA 13 F1). Similar
// incidents spent two of their five places on incidents linked just above
// as a repeat, a related incident or a backlink, and a repeat named in
// related: was listed again under "This incident refers to"; the next most
// similar now take the places, five at most.
func TestRelatedListsEachOnce(t *testing.T) {
	mk := func(id string, day int, related ...string) *model.Postmortem {
		return &model.Postmortem{ID: id, Path: "content/postmortems/" + id + ".md", Title: "Incident " + id,
			Date: time.Date(2024, 3, day, 0, 0, 0, 0, time.UTC), Severity: "SEV2", Related: related}
	}
	pms := []*model.Postmortem{
		mk("page", 20, "earlier", "ref", "ref"),
		mk("earlier", 1),
		mk("ref", 2),
		mk("later", 25, "page"),
		mk("s1", 3), mk("s2", 4), mk("s3", 5), mk("s4", 6), mk("s5", 7), mk("s6", 8),
	}
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 4, Day: 1}, pms)
	opts := Options{
		Repeats: map[string][]Repeated{"page": {{ID: "earlier", Related: true, Days: 19}}},
		Similar: map[string][]string{"page": {"earlier", "s1", "ref", "page", "later", "s2", "no-such-id", "s3", "s1", "s4", "s5", "s6"}},
	}
	files := site(t, kb, opts)
	got := relatedLists(section(t, fileText(t, files, "postmortems/page/index.html"), "h-related"))
	want := []string{
		"Repeat of: earlier",
		"This incident refers to: ref",
		"Referred to by: later",
		"Similar incidents: s1 s2 s3 s4 s5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("related section of page:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := SimilarWanted(kb, pms[0]); n != MaxSimilarShown+MaxRepeatsShown+3+1 {
		t.Errorf("SimilarWanted(page) = %d, want %d: five, the repeats shown, three related, one backlink", n, MaxSimilarShown+MaxRepeatsShown+4)
	}
}

var (
	relatedHeading = regexp.MustCompile(`<h3[^>]*>([^<]*)</h3>`)
	relatedLink    = regexp.MustCompile(`href="\.\./\.\./postmortems/([^/]+)/index\.html"`)
)

// relatedLists returns each heading of a related section with the ids it
// links, as "heading: id id".
func relatedLists(s string) []string {
	var out []string
	heads := relatedHeading.FindAllStringSubmatchIndex(s, -1)
	for i, h := range heads {
		end := len(s)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		var ids []string
		for _, m := range relatedLink.FindAllStringSubmatch(s[h[1]:end], -1) {
			ids = append(ids, m[1])
		}
		out = append(out, fmt.Sprintf("%s: %s", s[h[2]:h[3]], strings.Join(ids, " ")))
	}
	return out
}
