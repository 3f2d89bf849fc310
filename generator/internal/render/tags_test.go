package render

import (
	"html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// TestTagLinks checks that each tag of a postmortem page links, relatively
// and escaped, to the tag's own page, which lists the postmortem and
// offers the search page filtered by the tag (QA 13 F9: the chips led to
// the search page, which needs JavaScript and a server; qa7-a #24 before
// that: tags were plain text).
func TestTagLinks(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			kb := testKB(lang, repo)
			p := kb.Postmortems[0]
			tags := []string{"再発", "a&b c", "100%", "x?tag=y#z", hostile}
			p.Tags = tags
			files := site(t, kb, testOpts)
			pagePath := model.PostmortemPath(p.ID) + "index.html"
			page := fileText(t, files, pagePath)
			var got []string
			for _, m := range regexp.MustCompile(`<a class="tag" href="([^"]*)">([^<]*)</a>`).FindAllStringSubmatch(page, -1) {
				href, text := html.UnescapeString(m[1]), html.UnescapeString(m[2])
				got = append(got, text)
				u, err := url.Parse(href)
				if err != nil || u.IsAbs() || u.RawQuery != "" || u.Fragment != "" {
					t.Errorf("tag %q links to %q, want a relative link to a page", text, href)
					continue
				}
				target := path.Join(path.Dir(pagePath), u.Path)
				if want := model.TagPath(text) + "index.html"; target != want {
					t.Errorf("tag %q links to %s, want its page %s", text, target, want)
					continue
				}
				tagPage := fileText(t, files, target)
				h1 := regexp.MustCompile(`<h1>([^<]*)</h1>`).FindStringSubmatch(tagPage)
				if want := testTranslate(t, lang, "tags.one", text); h1 == nil || html.UnescapeString(h1[1]) != want {
					t.Errorf("%s: heading %q, want %q", target, h1, want)
				}
				if !strings.Contains(tagPage, `href="../../postmortems/`+p.ID+`/index.html"`) {
					t.Errorf("%s does not list %s", target, p.ID)
				}
				search := searchLinks(t, tagPage, target)
				if len(search) != 1 || search[0] != text {
					t.Errorf("%s links to the search for tags %q, want one, for %q", target, search, text)
				}
			}
			if !slices.Equal(got, tags) {
				t.Errorf("tag links %q, want one per tag %q", got, tags)
			}
		})
	}
}

// searchLinks returns the tags of the links from the page at pagePath to
// the search page filtered by a tag.
func searchLinks(t *testing.T, page, pagePath string) []string {
	t.Helper()
	var tags []string
	for _, m := range regexp.MustCompile(`href="([^"]*search/index\.html\?[^"]*)"`).FindAllStringSubmatch(page, -1) {
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil {
			t.Errorf("%s: search link %q: %v", pagePath, m[1], err)
			continue
		}
		if target := path.Join(path.Dir(pagePath), u.Path); target != "search/index.html" || len(u.Query()) != 1 {
			t.Errorf("%s: search link %q is not a relative link to the search page with one query parameter", pagePath, m[1])
		}
		tags = append(tags, u.Query().Get("tag"))
	}
	return tags
}

// testTranslate formats the UI string key of the default theme in lang.
func testTranslate(t *testing.T, lang, key string, args ...any) string {
	t.Helper()
	tr, err := loadTranslator(themes.Default(), lang)
	if err != nil {
		t.Fatal(err)
	}
	return tr.f(key, args...)
}

// TestTagPages checks the tag pages of a site: tags that slugify alike
// are one page under the spelling most postmortems use, listing each of
// their postmortems once; a Japanese tag has a page of its own name; the
// index lists each tag once with its count; no other tag page is made.
func TestTagPages(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			kb := testKB(lang, repo)
			byID := map[string]*model.Postmortem{}
			for _, p := range kb.Postmortems {
				byID[p.ID] = p
			}
			byID["2024-03-14-checkout-cert"].Tags = []string{"DNS", "再発", "dns"}
			byID["2023-11-02-gateway-cert-rotation"].Tags = []string{"dns", "ＤＮＳ"}
			byID["2024-02-01-billing-batch"].Tags = []string{"dns", "再発"}
			byID["2024-01-05-evil"].Tags = []string{hostile}
			files := site(t, kb, testOpts)

			cases := []struct {
				path, name string
				ids        []string // newest first
			}{
				{"tags/dns/index.html", "dns", []string{"2024-03-14-checkout-cert", "2024-02-01-billing-batch", "2023-11-02-gateway-cert-rotation"}},
				{"tags/再発/index.html", "再発", []string{"2024-03-14-checkout-cert", "2024-02-01-billing-batch"}},
				{model.TagPath(hostile) + "index.html", hostile, []string{"2024-01-05-evil"}},
			}
			var want []string
			for _, c := range cases {
				want = append(want, c.path)
				page := fileText(t, files, c.path)
				h1 := regexp.MustCompile(`<h1>([^<]*)</h1>`).FindStringSubmatch(page)
				if wantH1 := testTranslate(t, lang, "tags.one", c.name); h1 == nil || html.UnescapeString(h1[1]) != wantH1 {
					t.Errorf("%s: heading %q, want %q", c.path, h1, wantH1)
				}
				var listed []string
				for _, m := range regexp.MustCompile(`href="\.\./\.\./postmortems/([^/"]+)/index\.html"`).FindAllStringSubmatch(page, -1) {
					if !slices.Contains(listed, m[1]) {
						listed = append(listed, m[1])
					}
				}
				if !slices.Equal(listed, c.ids) {
					t.Errorf("%s lists %q, want %q", c.path, listed, c.ids)
				}
				if got := searchLinks(t, page, c.path); !slices.Equal(got, []string{c.name}) {
					t.Errorf("%s: search links for tags %q, want %q", c.path, got, c.name)
				}
				if !strings.Contains(page, `href="../../tags/index.html">`+html.EscapeString(testTranslate(t, lang, "tags.all"))+`</a>`) {
					t.Errorf("%s does not link to the index of tags", c.path)
				}
			}
			checkTagPages(t, files, want, []string{"../tags/dns/index.html dns 3", hostileTagRow(), "../tags/再発/index.html 再発 2"})
		})
	}
}

// checkTagPages checks that files has exactly the tag pages want (paths,
// besides tags/index.html) and that tags/index.html lists exactly rows, each
// "href name count" as the page links and counts the tag.
func checkTagPages(t *testing.T, files map[string][]byte, want, rows []string) {
	t.Helper()
	var got []string
	for p := range files {
		if strings.HasPrefix(p, "tags/") && p != "tags/index.html" {
			got = append(got, p)
		}
	}
	want = slices.Clone(want)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("tag pages %q, want %q", got, want)
	}
	var listed []string
	for _, r := range regexp.MustCompile(`<th scope="row"><bdi><a href="([^"]*)">([^<]*)</a></bdi></th>\s*<td data-sort="(\d+)">`).FindAllStringSubmatch(fileText(t, files, "tags/index.html"), -1) {
		href, err := url.PathUnescape(html.UnescapeString(r[1]))
		if err != nil {
			t.Errorf("tags/index.html: link %q: %v", r[1], err)
		}
		listed = append(listed, href+" "+html.UnescapeString(r[2])+" "+r[3])
	}
	rows = slices.Clone(rows)
	slices.Sort(listed)
	slices.Sort(rows)
	if !slices.Equal(listed, rows) {
		t.Errorf("tags/index.html rows %q, want %q", listed, rows)
	}
}

// hostileTagRow is the row of the tag hostile in the index of tags, as
// TestTagPages reads it.
func hostileTagRow() string {
	return "../" + model.TagPath(hostile) + "index.html " + hostile + " 1"
}
