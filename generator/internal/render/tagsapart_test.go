package render

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestTagPagesApart builds a site whose tags differ but slugify alike
// (review: C++ and C# were one page, tags/c/, titled by one of them and
// listing both; C++ was missing from tags/, and on-call and on call were
// one page too). Tags are grouped as the search page's tag filter groups
// them, by case and width (ＤＮＳ and dns are one tag): each group has its
// own page (model.TagPaths), titled and searched by its spelling, listing
// only its postmortems; the index lists each with its count, and every
// chip links to the page of its tag, which lists the chip's postmortem.
func TestTagPagesApart(t *testing.T) {
	kb := testKB("en", repo)
	byID := map[string]*model.Postmortem{}
	for _, p := range kb.Postmortems {
		byID[p.ID] = p
	}
	byID["2024-03-14-checkout-cert"].Tags = []string{"C++", "on-call", "ＤＮＳ"}
	byID["2024-02-01-billing-batch"].Tags = []string{"C#", "on call", "dns"}
	byID["2023-11-02-gateway-cert-rotation"].Tags = []string{"c-sharp", "C++", "dns"}
	byID["2024-01-05-evil"].Tags = []string{"on call"}
	files := site(t, kb, testOpts)

	cases := []struct {
		path, name string
		ids        []string // newest first
	}{
		{"tags/c/", "C#", []string{"2024-02-01-billing-batch"}},
		{"tags/c-cedb1bac/", "C++", []string{"2024-03-14-checkout-cert", "2023-11-02-gateway-cert-rotation"}},
		{"tags/c-sharp/", "c-sharp", []string{"2023-11-02-gateway-cert-rotation"}},
		{"tags/on-call/", "on-call", []string{"2024-03-14-checkout-cert"}},
		{"tags/on-call-982ffe54/", "on call", []string{"2024-02-01-billing-batch", "2024-01-05-evil"}},
		{"tags/dns/", "dns", []string{"2024-03-14-checkout-cert", "2024-02-01-billing-batch", "2023-11-02-gateway-cert-rotation"}},
	}
	var want, wantRows []string
	pageOf := map[string]string{} // a tag's page by its name
	for _, c := range cases {
		p := c.path + "index.html"
		want = append(want, p)
		wantRows = append(wantRows, "../"+p+" "+c.name+" "+string(rune('0'+len(c.ids))))
		pageOf[c.name] = p
		page := fileText(t, files, p)
		h1 := regexp.MustCompile(`<h1>([^<]*)</h1>`).FindStringSubmatch(page)
		if wantH1 := testTranslate(t, "en", "tags.one", c.name); h1 == nil || html.UnescapeString(h1[1]) != wantH1 {
			t.Errorf("%s: heading %q, want %q", p, h1, wantH1)
		}
		var listed []string
		for _, m := range regexp.MustCompile(`href="\.\./\.\./postmortems/([^/"]+)/index\.html"`).FindAllStringSubmatch(page, -1) {
			if !slices.Contains(listed, m[1]) {
				listed = append(listed, m[1])
			}
		}
		if !slices.Equal(listed, c.ids) {
			t.Errorf("%s lists %q, want %q", p, listed, c.ids)
		}
		if got := searchLinks(t, page, p); !slices.Equal(got, []string{c.name}) {
			t.Errorf("%s: search links for tags %q, want %q", p, got, c.name)
		}
	}
	checkTagPages(t, files, want, wantRows)

	// Each chip, as its postmortem spells it, links to its tag's page.
	for id, p := range byID {
		pagePath := model.PostmortemPath(id) + "index.html"
		var chips []string
		for _, m := range regexp.MustCompile(`<a class="tag" href="([^"]*)">([^<]*)</a>`).FindAllStringSubmatch(fileText(t, files, pagePath), -1) {
			href, text := html.UnescapeString(m[1]), html.UnescapeString(m[2])
			chips = append(chips, text)
			u, err := url.Parse(href)
			if err != nil {
				t.Errorf("%s: chip %q links to %q: %v", id, text, href, err)
				continue
			}
			name := map[string]string{"ＤＮＳ": "dns"}[text]
			if name == "" {
				name = text
			}
			if target := path.Join(path.Dir(pagePath), u.Path); target != pageOf[name] {
				t.Errorf("%s: chip %q links to %s, want %s", id, text, target, pageOf[name])
			}
		}
		if !slices.Equal(chips, p.Tags) {
			t.Errorf("%s: chips %q, want %q", id, chips, p.Tags)
		}
	}
}
