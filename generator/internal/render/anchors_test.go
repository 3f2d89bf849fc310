package render

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestActionAnchors checks that every link to an action item lands on its
// row (QA: items had no anchors, so a link from Slack, a feed or the
// calendar landed at the top of a long postmortem): each row of a
// postmortem's action table has an id, valid (not empty, no space) and
// unique on the page, hostile item ids included, and every item link of
// every page names an id that exists on the page it points to.
func TestActionAnchors(t *testing.T) {
	files := site(t, testKB("en", repo), testOpts)
	idOf := regexp.MustCompile(`\sid="([^"]*)"`)
	rowID := regexp.MustCompile(`<tr id="([^"]*)" [^>]*data-key="[^"#]*#([^"]*)"`)
	itemLink := regexp.MustCompile(`<a class="item-id" href="([^"]*)">`)
	ids := map[string]map[string]bool{} // page → its ids
	rows := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		ids[p] = map[string]bool{}
		for _, m := range idOf.FindAllStringSubmatch(string(data), -1) {
			id := html.UnescapeString(m[1])
			if id == "" || strings.ContainsAny(id, " \t\n\f\r") || ids[p][id] {
				t.Errorf("%s: id %q is empty, has a space or is not unique", p, id)
			}
			ids[p][id] = true
		}
		if strings.HasPrefix(p, "postmortems/") {
			for _, m := range rowID.FindAllStringSubmatch(string(data), -1) {
				rows++
				if want := "item-" + url.PathEscape(html.UnescapeString(m[2])); html.UnescapeString(m[1]) != want {
					t.Errorf("%s: row of item %q has id %q, want %q", p, m[2], m[1], want)
				}
			}
		}
	}
	if want := 7; rows != want {
		t.Errorf("%d action rows have an id on their postmortem's page, want %d (every item once)", rows, want)
	}
	links := 0
	for p, data := range files {
		for _, m := range itemLink.FindAllStringSubmatch(string(data), -1) {
			links++
			target, frag, _ := strings.Cut(html.UnescapeString(m[1]), "#")
			page := p
			if target != "" {
				page = path.Join(path.Dir(p), target)
			}
			if !ids[page][frag] {
				t.Errorf("%s: item link %q: %s has no id %q", p, m[1], page, frag)
			}
		}
	}
	if links == 0 {
		t.Errorf("no item links found")
	}
}
