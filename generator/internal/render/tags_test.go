package render

import (
	"html"
	"net/url"
	"regexp"
	"slices"
	"testing"
)

// TestTagLinks checks that each tag of a postmortem page links to the
// search page filtered by that tag, relatively and escaped, so a reader
// can go from 再発 to the other incidents with it (qa7-a #24: tags were
// plain text).
func TestTagLinks(t *testing.T) {
	kb := testKB("ja", repo)
	tags := []string{"再発", "a&b c", "100%", "x?tag=y#z", hostile}
	kb.Postmortems[0].Tags = tags
	page := fileText(t, site(t, kb, testOpts), "postmortems/"+kb.Postmortems[0].ID+"/index.html")
	var got []string
	for _, m := range regexp.MustCompile(`<a class="tag" href="([^"]*)">([^<]*)</a>`).FindAllStringSubmatch(page, -1) {
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil {
			t.Errorf("tag link %q: %v", m[1], err)
			continue
		}
		if u.Path != "../../search/index.html" || u.Fragment != "" || len(u.Query()) != 1 {
			t.Errorf("tag link %q is not a relative link to the search page with one query parameter", m[1])
		}
		if tag, text := u.Query().Get("tag"), html.UnescapeString(m[2]); tag != text {
			t.Errorf("tag link %q searches for %q, its text is %q", m[1], tag, text)
		}
		got = append(got, u.Query().Get("tag"))
	}
	if !slices.Equal(got, tags) {
		t.Errorf("tag links %q, want one per tag %q", got, tags)
	}
}
