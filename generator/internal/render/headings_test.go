package render

import (
	"regexp"
	"strings"
	"testing"
)

// TestAnchorHeadings checks the "#" link added after each heading of a
// postmortem body (QA 13 F17: the ids existed, nothing showed them): the
// heading is kept byte for byte, its link goes to its id (escaped as a
// URL fragment and as an attribute), its label names the heading's text,
// and the rest of the body is left alone.
func TestAnchorHeadings(t *testing.T) {
	label := func(h string) string { return "Link to this section: " + h }
	cases := []struct{ name, lang, in, want string }{
		{"plain", "", "<p>a</p>\n<h2 id=\"summary\">Summary</h2>\n<p>b</p>\n",
			"<p>a</p>\n" + `<div class="anchored anchored-h2"><h2 id="summary">Summary</h2><a class="anchor" href="#summary" aria-label="Link to this section: Summary">#</a></div>` + "\n<p>b</p>\n"},
		{"Japanese id", "", `<h3 id="タイムライン">タイムライン</h3>`,
			`<div class="anchored anchored-h3"><h3 id="タイムライン">タイムライン</h3><a class="anchor" href="#%E3%82%BF%E3%82%A4%E3%83%A0%E3%83%A9%E3%82%A4%E3%83%B3" aria-label="Link to this section: タイムライン">#</a></div>`},
		{"markup and entities in the text", "", `<h2 id="a-b-c">A <code>&lt;b&gt;</code> &amp; <em>"c"</em></h2>`,
			`<div class="anchored anchored-h2"><h2 id="a-b-c">A <code>&lt;b&gt;</code> &amp; <em>"c"</em></h2><a class="anchor" href="#a-b-c" aria-label="Link to this section: A &lt;b&gt; &amp; &#34;c&#34;">#</a></div>`},
		{"id with an entity", "", `<h4 id="x&amp;y&#34;z">X</h4>`,
			`<div class="anchored anchored-h4"><h4 id="x&amp;y&#34;z">X</h4><a class="anchor" href="#x&amp;y%22z" aria-label="Link to this section: X">#</a></div>`},
		{"two headings", "", `<h2 id="a">A</h2><h2 id="b">B</h2>`,
			`<div class="anchored anchored-h2"><h2 id="a">A</h2><a class="anchor" href="#a" aria-label="Link to this section: A">#</a></div>` +
				`<div class="anchored anchored-h2"><h2 id="b">B</h2><a class="anchor" href="#b" aria-label="Link to this section: B">#</a></div>`},
		{"no id", "", `<h2>A</h2>`, `<h2>A</h2>`},
		{"not closed", "", `<h2 id="a">A`, `<h2 id="a">A`},
		{"escaped markup is text", "", `<p>&lt;h2 id="a"&gt;A&lt;/h2&gt;</p>`, `<p>&lt;h2 id="a"&gt;A&lt;/h2&gt;</p>`},
		{"no headings", "", "<p>x</p>\n", "<p>x</p>\n"},
		{"other tags and near misses", "", `<hr><header><h7 id="x">X</h7><h2 id="a>A</h2><h2 id="a" class="c">A</h2><h2 id="">E</h2>`,
			`<hr><header><h7 id="x">X</h7><h2 id="a>A</h2><h2 id="a" class="c">A</h2>` + `<div class="anchored anchored-h2"><h2 id="">E</h2><a class="anchor" href="#" aria-label="Link to this section: E">#</a></div>`},
		{"the UI's language", "ja", "<h2 id=\"summary\">Summary</h2>",
			`<div class="anchored anchored-h2"><h2 id="summary">Summary</h2><a class="anchor" lang="ja" href="#summary" aria-label="Link to this section: Summary">#</a></div>`},
		{"a hostile language", `x" onclick="y`, `<h2 id="a">A</h2>`,
			`<div class="anchored anchored-h2"><h2 id="a">A</h2><a class="anchor" lang="x&#34; onclick=&#34;y" href="#a" aria-label="Link to this section: A">#</a></div>`},
		{"a heading inside another", "", `<h2 id="a">A<h3 id="b">B</h3></h2><h2 id="c">C</h2>`,
			`<div class="anchored anchored-h2"><h2 id="a">A<h3 id="b">B</h3></h2><a class="anchor" href="#a" aria-label="Link to this section: AB">#</a></div>` +
				`<div class="anchored anchored-h2"><h2 id="c">C</h2><a class="anchor" href="#c" aria-label="Link to this section: C">#</a></div>`},
		{"empty headings get no link (QA 18 C-F3)", "", `<h2 id="heading"></h2><h2 id="heading-1">&nbsp; <em> </em></h2><h2 id="a">A</h2>`,
			`<h2 id="heading"></h2><h2 id="heading-1">&nbsp; <em> </em></h2>` + `<div class="anchored anchored-h2"><h2 id="a">A</h2><a class="anchor" href="#a" aria-label="Link to this section: A">#</a></div>`},
		{"a heading of a zero-width space is empty (QA 18r F10)", "", "<h2 id=\"heading\">\u200b</h2>", "<h2 id=\"heading\">\u200b</h2>"},
		{"a heading of an image is named by its alt text (QA 18r F2)", "", `<h2 id="logo"><img src="logo.png" alt="Logo &amp; mark"></h2><h2 id="x"><img src="x.png" alt=""></h2>`,
			`<div class="anchored anchored-h2"><h2 id="logo"><img src="logo.png" alt="Logo &amp; mark"></h2><a class="anchor" href="#logo" aria-label="Link to this section: Logo &amp; mark">#</a></div>` + `<h2 id="x"><img src="x.png" alt=""></h2>`},
		{"the first not closed", "", `<h2 id="a">A<h3 id="b">B</h3>`,
			`<h2 id="a">A<div class="anchored anchored-h3"><h3 id="b">B</h3><a class="anchor" href="#b" aria-label="Link to this section: B">#</a></div>`},
	}
	for _, c := range cases {
		if got := anchorHeadings(c.in, c.lang, label); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestPostmortemHeadingLinks checks that on a postmortem page every
// heading with an id, the page's own sections and the body's, is followed
// by a link to it labelled with its text, in English and Japanese.
func TestPostmortemHeadingLinks(t *testing.T) {
	for _, c := range []struct{ lang, label string }{{"en", "Link to this section: "}, {"ja", "このセクションへのリンク: "}} {
		kb := testKB(c.lang, repo)
		kb.Postmortems[0].HTML += "<h3 id=\"what-went-well\">What went well</h3>\n"
		page := fileText(t, site(t, kb, testOpts), "postmortems/2024-03-14-checkout-cert/index.html")
		heads := regexp.MustCompile(`<h([2-6]) id="([^"]*)">([^<]*)</h[2-6]>(<a class="anchor"(?: lang="[^"]*")? href="([^"]*)" aria-label="([^"]*)">#</a>)?`).FindAllStringSubmatch(page, -1)
		var ids []string
		for _, h := range heads {
			ids = append(ids, h[2])
			if h[4] == "" {
				t.Errorf("%s: heading %q has no link", c.lang, h[2])
				continue
			}
			if h[5] != "#"+h[2] || h[6] != c.label+h[3] {
				t.Errorf("%s: heading %q links to %q labelled %q", c.lang, h[2], h[5], h[6])
			}
			if !strings.Contains(page, `<div class="anchored anchored-h`+h[1]+`"><h`+h[1]+` id="`+h[2]+`">`) {
				t.Errorf("%s: heading %q is not wrapped with its link", c.lang, h[2])
			}
		}
		for _, want := range []string{"h-facts", "h-timeline", "h-actions", "h-related", "h-repeats", "h-body", "summary", "what-went-well"} {
			if !strings.Contains(" "+strings.Join(ids, " ")+" ", " "+want+" ") {
				t.Errorf("%s: no heading %q among %q", c.lang, want, ids)
			}
		}
	}
}

// TestHeadingLinkLang checks that the "#" links of a postmortem's own
// headings carry the site's language when the body is in another (QA 14
// B-F2): their label is UI text ("このセクションへのリンク: Summary"), but
// the link sits inside the body's lang="en", so a screen reader read the
// Japanese words with an English voice. The links of the page's sections,
// outside the body, and those of a body in the site's language inherit the
// page's language and need no attribute.
func TestHeadingLinkLang(t *testing.T) {
	anchor := regexp.MustCompile(`<a class="anchor"( lang="[^"]*")? href="([^"]*)"`)
	for _, c := range []struct{ site, other, same string }{
		{"ja", "2024-03-14-checkout-cert", "2024-02-01-billing-batch"},
		{"en", "2024-02-01-billing-batch", "2024-03-14-checkout-cert"},
	} {
		kb := testKB(c.site, repo)
		for _, p := range kb.Postmortems {
			if p.ID == c.other || p.ID == c.same {
				p.HTML = "<h2 id=\"summary\">Summary</h2>\n<p>x</p>\n<h3 id=\"more\">More</h3>\n"
			}
		}
		files := site(t, kb, testOpts)
		for _, id := range []string{c.other, c.same} {
			page := fileText(t, files, "postmortems/"+id+"/index.html")
			body := page[strings.Index(page, `<div class="prose"`):]
			for _, m := range anchor.FindAllStringSubmatch(page, -1) {
				inBody := strings.Contains(body, m[0])
				want := ""
				if inBody && id == c.other {
					want = ` lang="` + c.site + `"`
				}
				if m[1] != want {
					t.Errorf("%s site, %s: the link to %s has %q, want %q", c.site, id, m[2], m[1], want)
				}
			}
			if n := strings.Count(body, `<a class="anchor"`); n != 2 {
				t.Errorf("%s site, %s: %d heading links in the body, want 2", c.site, id, n)
			}
		}
	}
}
