package source_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// qa17mdPath is the postmortem the tests of this file check; its body
// starts on line 12 (after linkFront, 10 lines, and a blank line).
const qa17mdPath = "content/postmortems/2023/2023-07-15-md.md"

// qa17mdWarnings loads fsys with qa17mdPath holding body (after linkFront
// and a blank line) and returns its body-link and image-alt warnings by
// line, each as "rule: message".
func qa17mdWarnings(t *testing.T, fsys fstest.MapFS, cfg *model.SiteConfig, body string) map[int][]string {
	t.Helper()
	fsys[qa17mdPath] = &fstest.MapFile{Data: []byte(linkFront + "\n" + body)}
	if cfg == nil {
		c := model.DefaultSiteConfig()
		cfg = &c
	}
	_, diags := source.Load(fsys, cfg)
	got := map[int][]string{}
	for _, d := range diags.Items() {
		if d.Pos.Path == qa17mdPath && strings.HasPrefix(d.Rule, "markdown/") {
			got[d.Pos.Line] = append(got[d.Pos.Line], d.Rule+": "+d.Message)
		}
	}
	return got
}

// TestDataImages: an image embedded as a data: address, as Google Docs'
// Markdown download writes every one ("![][image1]" and "[image1]:
// <data:image/png;base64,…>"), gets one warning at its line, which quotes
// the address cut short with its size and says to save it as a file; and
// a long destination is quoted cut short in any message (QA 17 A-F9: one
// 150 KB image made a 400 KB warning).
func TestDataImages(t *testing.T) {
	b64 := strings.Repeat("iVBORw0KGgoAAAANSUhEUg", 7000) // 154,000 characters
	long := strings.Repeat("very-long-folder-name/", 20) + "missing.png"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, strings.Join([]string{
		"![][image1]", // 12
		"![graph](data:image/jpeg;base64," + b64[:4000] + ")", // 14
		"![x](" + long + ")", // 16
		"[image1]: <data:image/png;base64," + b64 + ">",
	}, "\n\n")+"\n")
	want := map[int]string{
		12: `markdown/links: image "data:image/png;base64,iVBOR… (112.8 KiB)" is embedded in the postmortem as a data: address, which makes its file and page that much larger; save it as a file beside the postmortem and link it by its relative path, e.g. ![what the image shows](image-1.png), and say what it shows between the brackets (screen readers read it)`,
		14: `markdown/links: image "data:image/jpeg;base64,iVBOR… (2.9 KiB)" is embedded in the postmortem as a data: address, which makes its file and page that much larger; save it as a file beside the postmortem and link it by its relative path, e.g. ![graph](image-2.jpg)`,
		16: `markdown/links: "very-long-folder-name/very-long-folder-name/very-long-folder-name/very…g-folder-name/missing.png" names content/postmortems/2023/` + long + `, which does not exist`,
	}
	checkOneWarningPerLine(t, got, want)
	for _, dest := range []string{"data:,x", "data:image/png;base64,iVBOR", "https://example.com/a.png"} {
		if s := source.ShortDest(dest); s != dest {
			t.Errorf("ShortDest(%q) = %q", dest, s)
		}
	}
	if s := source.ShortDest("data:" + b64); len(s) > 60 {
		t.Errorf("ShortDest of a data: address without a comma = %q", s)
	}
}

// TestExplicitHeadingIDs: "## Timeline {#timeline}", as Hugo, kramdown
// and Pandoc read it, gives the heading the id "timeline" and text without
// the braces, in the page and in the plain text (search, snippets), and a
// link "#timeline" finds it; any other attribute is left out with a
// warning, and an id taken already (by a heading or by the page) gets a
// suffix with a warning (QA 17 A-F3). An id written {id=5} is no {#id}:
// the braces stay text, in a setext heading too (QA 17r R2).
func TestExplicitHeadingIDs(t *testing.T) {
	body := strings.Join([]string{
		"## Summary {#sum}", // 12
		"See [summary](#sum), [the timeline](#timeline), [h](#h-facts-1), [n](#num-id5), [s](#st), [s7](#setext-two-id7).", // 14
		"## Timeline {#timeline .wide style=\"color:red\" onclick=\"x()\"}",                                                // 16
		"## Facts {#h-facts}",    // 18
		"## Summary",             // 20
		"## Again {#sum}",        // 22
		"## Num {id=5}",          // 24
		"Setext {#st}\n---",      // 26
		"Setext two {id=7}\n---", // 29
		"## Kept \\{#x}",         // 32
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	want := map[int]string{
		16: `markdown/links: heading attributes are left out but for its id ({#timeline}): the text of a postmortem does not set attributes on the page; remove a class ({.…}), style=, onclick=, or write \{ to keep the braces as text`,
		18: `markdown/links: heading id {#h-facts} is the id of an element the page puts around the body, and ids are unique on a page, so this heading's id is "h-facts-1"; choose another {#id}`,
		22: `markdown/links: heading id {#sum} is an earlier heading's, and ids are unique on a page, so this heading's id is "sum-1"; choose another {#id}`,
	}
	checkOneWarningPerLine(t, got, want)
	cfg := model.DefaultSiteConfig()
	p, diags := source.ParseFile(qa17mdPath, []byte(linkFront+"\n"+body), &cfg)
	if p == nil {
		t.Fatalf("not parsed: %v", diags)
	}
	for _, w := range []string{`<h2 id="sum">Summary</h2>`, `<h2 id="timeline">Timeline</h2>`, `<h2 id="h-facts-1">Facts</h2>`,
		`<h2 id="summary">Summary</h2>`, `<h2 id="sum-1">Again</h2>`, `<h2 id="num-id5">Num {id=5}</h2>`, `<h2 id="st">Setext</h2>`,
		`<h2 id="setext-two-id7">Setext two {id=7}</h2>`, `<h2 id="kept-x">Kept {#x}</h2>`} {
		if !strings.Contains(p.HTML, w) {
			t.Errorf("HTML lacks %s:\n%s", w, p.HTML)
		}
	}
	if strings.Contains(p.Text, "{#") && !strings.Contains(p.Text, "Kept {#x}") || strings.Count(p.Text, "{") != 3 {
		t.Errorf("plain text keeps the braces: %q", p.Text)
	}
}

// TestEmptyLinks: a link without an address or without text, as
// Confluence's and Google Docs' exports leave them, is warned about at its
// line; one around an image is left to the image's alt text (QA 17
// A-F16).
func TestEmptyLinks(t *testing.T) {
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, strings.Join([]string{
		"[]() and more",           // 12
		"[empty link]()",          // 14
		"[](https://example.com)", // 16
		"[Jira](https://jira.example.com/browse/OPS-1)",                                          // 18
		"[ ](<>) [`code`](https://example.com/c)",                                                // 20
		"[![graph](https://example.com/g)](https://example.com/g) [*em*](https://example.com/e)", // 22
	}, "\n\n")+"\n")
	want := map[int]string{
		12: `markdown/links: link []() has neither text nor an address; remove it`,
		14: `markdown/links: link [empty link]() has no address, so the page shows its text without a link; write its address between the parentheses, or remove the brackets`,
		16: `markdown/links: link to "https://example.com" has no text, so the page shows its address as its text; write what it leads to between the brackets: [what it leads to](https://example.com)`,
		20: `markdown/links: link []() has neither text nor an address; remove it`,
		22: `markdown/links: image "https://example.com/g" is on another host, which every reader's browser would have to fetch (the site fetches nothing from other hosts, and its Content-Security-Policy blocks it), so it is published as a link to the image; save the image next to the postmortem and link it by its relative path, e.g. ![graph](g)`,
	}
	checkOneWarningPerLine(t, got, want)
}

// TestRawHTMLFiles: with unsafeHTML on, a relative <img src> or <a href>
// (to a .md file or an attachment) in raw HTML, inline or in a block, is
// warned about at its line: it is not published nor rewritten, so say
// what Markdown to write, or that the file does not exist (QA 17 A-F2).
func TestRawHTMLFiles(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	cfg.UnsafeHTML = true
	fsys := fstest.MapFS{
		"content/postmortems/2023/img/raw.png":          {Data: []byte("PNG")},
		"content/postmortems/attachments/report v2.pdf": {Data: []byte("PDF")},
		"content/postmortems/2023/2023-07-05-target.md": {Data: []byte(linkFront + "x\n")},
		"content/postmortems/2023/img/markdown.png":     {Data: []byte("PNG")},
	}
	got := qa17mdWarnings(t, fsys, &cfg, strings.Join([]string{
		`Text <img src="img/raw.png" alt="raw"> inline.`,                                                                                         // 12
		"<div>\n<img src='img/missing-raw.png'>\n</div>",                                                                                         // 14-16
		`<a href="../attachments/report%20v2.pdf">raw pdf</a> <a href="2023-07-05-target.md">t</a>`,                                              // 18
		`<a href="../2023-07-05-target/">page</a> <a href="https://example.com/x.png">x</a> <img src="/abs.png" alt="a"> <a href="#top">top</a>`, // 20
		"![md](img/markdown.png)", // 22
	}, "\n\n")+"\n")
	want := map[int][]string{
		12: {`markdown/links: <img src="img/raw.png"> of raw HTML is not published, nor rewritten to work on the page (pmkb does that for Markdown links and images only), so it is a 404 on the site; write it in Markdown: ![raw](img/raw.png)`},
		15: {`markdown/links: <img src="img/missing-raw.png"> of raw HTML names content/postmortems/2023/img/missing-raw.png, which does not exist`},
		18: {`markdown/links: <a href="../attachments/report%20v2.pdf"> of raw HTML is not published, nor rewritten to work on the page (pmkb does that for Markdown links and images only), so it is a 404 on the site; write it in Markdown: […](../attachments/report%20v2.pdf)`,
			`markdown/links: <a href="2023-07-05-target.md"> of raw HTML is not published, nor rewritten to work on the page (pmkb does that for Markdown links and images only), so it is a 404 on the site; write it in Markdown: […](2023-07-05-target.md)`},
	}
	checkLineWarnings(t, got, want)
	// With unsafeHTML off the tags are shown as text (markdown/raw-html).
	if got := qa17mdWarnings(t, fsys, nil, `<img src="img/raw.png" alt="raw">`+"\n"); len(got) > 0 {
		t.Errorf("unsafeHTML off: %v", got)
	}
}

// TestLinksToNoPageOfTheSite: a relative link that leads, from the
// postmortem's page, to neither a file the site publishes nor a page it
// writes (postmortems, term pages that exist, lists, feeds), as links into
// an old site's addresses do, is warned about at its line, with a
// did-you-mean among the pages of its folder; so is such an address under
// the site's baseURL, and a root-relative link, beside the warning that it
// breaks under a sub-path. A root-relative image below content/postmortems/
// is told its relative path, one in Hugo's static/ folder where it is (QA
// 17 A-F7, A-F13).
func TestLinksToNoPageOfTheSite(t *testing.T) {
	fsys := fstest.MapFS{
		"content/postmortems/2023/att/graph.png":        {Data: []byte("PNG")},
		"static/images/x.png":                           {Data: []byte("PNG")},
		"content/postmortems/2023/2023-07-05-target.md": {Data: []byte(strings.Replace(linkFront, "causes: [dns]", "causes: [dns]\ntags: [outage]", 1) + "x\n")},
	}
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = "https://kb.example.com/pm/"
	got := qa17mdWarnings(t, fsys, &cfg, strings.Join([]string{
		"[b](../../posts/payments-down/) [z](../../posts/payments-down)",                                                                               // 12
		"[t](../../tags/outgae/) [x](../../foo/bar.html)",                                                                                              // 14
		"[s](../../systems/web/) [y](../../years/2024/) [sev](../../severity/sev4/) [o](../../actions/owners/o/) [tag](../../tags/outage/)",            // 16
		"[st](../../stats/) [se](../../search/) [feed](../../feed.xml) [home](../../) [pm](../2023-07-05-target/)",                                     // 18
		"[c](https://kb.example.com/pm/posts/payments-down/) [c2](https://kb.example.com/pm/systems/web/) [other](https://other.example.com/posts/x/)", // 20
		"[r](/posts/payments-down/)",            // 22
		"![d](/postmortems/2023/att/graph.png)", // 24
		"![a](/images/x.png)",                   // 26
		"[w](/pm/systems/web/)",                 // 28
	}, "\n\n")+"\n")
	const subPath = " starts at the site root and breaks when the site is served under a sub-path (a baseURL like https://example.com/kb/); "
	const noPage = " on the site, and there is no page or file of the site there; link a page that exists (another postmortem by its .md file), or remove the link"
	want := map[int][]string{
		12: {`link "../../posts/payments-down/" leads to posts/payments-down/` + noPage, `link "../../posts/payments-down" leads to posts/payments-down/` + noPage},
		14: {`link "../../tags/outgae/" leads to tags/outgae/ on the site, and there is no page or file of the site there; did you mean tags/outage/?`, `link "../../foo/bar.html" leads to foo/bar.html` + noPage},
		20: {`link "https://kb.example.com/pm/posts/payments-down/" leads to posts/payments-down/` + noPage},
		22: {`link "/posts/payments-down/"` + subPath + "link the file relative to this one", `link "/posts/payments-down/" leads to posts/payments-down/` + noPage},
		24: {`image "/postmortems/2023/att/graph.png"` + subPath + "write it relative to this file: att/graph.png"},
		26: {`image "/images/x.png"` + subPath + "link the file relative to this one", `image "/images/x.png" leads to images/x.png on the site, and there is no page or file of the site there: static/images/x.png is in Hugo's static folder, which pmkb does not publish; move it next to the postmortem and link it by its relative path`},
		28: {`link "/pm/systems/web/"` + subPath + "link the file relative to this one"},
	}
	for _, w := range want {
		for i := range w {
			w[i] = "markdown/links: " + w[i]
		}
	}
	checkLineWarnings(t, got, want)
}

// checkLineWarnings checks that got, the warnings of a body by line
// (qa17mdWarnings), are exactly want's, line by line, none missing and
// none more.
func checkLineWarnings(t *testing.T, got, want map[int][]string) {
	t.Helper()
	for line, w := range want {
		if !slices.Equal(got[line], w) {
			t.Errorf("line %d:\n got %q\nwant %q", line, got[line], w)
		}
	}
	for line, g := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected %q", line, g)
		}
	}
}

// checkOneWarningPerLine is checkLineWarnings for want's one warning a line.
func checkOneWarningPerLine(t *testing.T, got map[int][]string, want map[int]string) {
	t.Helper()
	all := make(map[int][]string, len(want))
	for line, w := range want {
		all[line] = []string{w}
	}
	checkLineWarnings(t, got, all)
}
