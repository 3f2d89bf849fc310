package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// qa18mdHTML returns the HTML of a postmortem whose body is body, with
// the site's configuration cfg (the default when nil).
func qa18mdHTML(t *testing.T, cfg *model.SiteConfig, body string) string {
	t.Helper()
	if cfg == nil {
		c := model.DefaultSiteConfig()
		cfg = &c
	}
	p, diags := source.ParseFile(qa17mdPath, []byte(linkFront+"\n"+body), cfg)
	if p == nil {
		t.Fatalf("not parsed: %v", diags)
	}
	return p.HTML
}

// TestLeftOutAddresses: an image or link whose address the page leaves
// out — a file:// address, a javascript:, vbscript: or data: address
// (goldmark writes none of them), or none at all — was rendered as
// <img src=""> (a Nu checker error, a broken image) or <a href=""> (a link
// to the page itself), and only file:// was warned about (QA 18 C-F8).
// The page now shows the image's alt text or the link's text, as it does
// for a link to a postmortem the build leaves out, and each is warned
// about at its line. Addresses the page keeps stay links and images.
func TestLeftOutAddresses(t *testing.T) {
	body := strings.Join([]string{
		"![Diagram](file:///C:/Users/me/diagram.png)",          // 12
		"![JS](javascript:alert(1))",                           // 14
		"![Empty]()",                                           // 16
		"![Spacey](<>)",                                        // 18
		"[js](javascript:alert(1))",                            // 20
		"[vb](VBScript:x)",                                     // 22
		"[data](data:text/html,<b>x</b>)",                      // 24
		"<javascript:alert(1)>",                                // 26
		"[file](file:///C:/x.png)",                             // 28
		"[empty link]()",                                       // 30
		"[ent](&#106;avascript:alert(1))",                      // 32
		"[![Badge](javascript:x)](https://example.com/)",       // 34
		"![](javascript:x)",                                    // 36
		"![tiny](data:image/png;base64,iVBORw0KGgo=)",          // 38
		"![svg](data:image/svg+xml,x)",                         // 40
		"[ok](https://example.com/x) ![ok](https://e.x/a.png)", // 42
		"[ref][e]", // 44
		"[e]: <>",  // 46
		"![]()",    // 48
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	got42 := got[42]
	delete(got, 42) // the remote image's own warning
	if len(got42) != 1 || !strings.Contains(got42[0], "is on another host") {
		t.Errorf("line 42: %q", got42)
	}
	script := func(what, dest, shows string) string {
		return `markdown/links: ` + what + ` "` + dest + `" is a script address (javascript:, vbscript:), which the page leaves out: it shows ` + shows + ` without it; link a web address instead, or write the address as code`
	}
	checkOneWarningPerLine(t, got, map[int]string{
		12: `markdown/links: image "file:///C:/Users/me/diagram.png" is a file:// address, which only works on your computer and is left out of the page; put the file next to the postmortem and link it by its relative path, e.g. (diagram.png)`,
		14: script("image", "javascript:alert(1)", "its alt text"),
		16: `markdown/links: image ![Empty]() has no address, so the page shows its alt text instead; write the image's path between the parentheses, or remove it`,
		18: `markdown/links: image ![Spacey]() has no address, so the page shows its alt text instead; write the image's path between the parentheses, or remove it`,
		20: script("link", "javascript:alert(1)", "the link's text"),
		22: script("link", "VBScript:x", "the link's text"),
		24: `markdown/links: link "data:text/html,<b>x</b>" is a data: address, which browsers do not open from a link, so the page leaves it out and shows the link's text; save what it holds as a file next to the postmortem and link it by its relative path`,
		26: script("link", "javascript:alert(1)", "the link's text"),
		28: `markdown/links: link "file:///C:/x.png" is a file:// address, which only works on your computer and is left out of the page; put the file next to the postmortem and link it by its relative path, e.g. (x.png)`,
		30: `markdown/links: link [empty link]() has no address, so the page shows its text without a link; write its address between the parentheses, or remove the brackets`,
		32: script("link", "&#106;avascript:alert(1)", "the link's text"), // quoted as written
		34: script("image", "javascript:x", "its alt text"),
		36: script("image", "javascript:x", "its alt text"),
		40: `markdown/links: image "data:image/svg+xml,x" is a data: address of a type the page does not show (it shows PNG, GIF, JPEG and WebP), so it shows the image's alt text instead; save the image as a PNG file next to the postmortem and link it by its relative path`,
		48: `markdown/links: image ![]() has neither alt text nor an address; remove it`,
		44: `markdown/links: link [ref]() has no address, so the page shows its text without a link; write its address between the parentheses, or remove the brackets`,
	})

	h := qa18mdHTML(t, nil, body)
	for _, bad := range []string{`src=""`, `href=""`, `="javascript`, `="VBScript`, `="data:text`, "svg+xml", `="file:`} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML holds %s:\n%s", bad, h)
		}
	}
	for _, w := range []string{
		"<p>Diagram</p>", "<p>JS</p>", "<p>Empty</p>", "<p>Spacey</p>", "<p>js</p>", "<p>vb</p>", "<p>data</p>",
		"<p>javascript:alert(1)</p>", "<p>file</p>", "<p>empty link</p>", "<p>ent</p>",
		`<p><a href="https://example.com/">Badge</a></p>`,
		`<img src="data:image/png;base64,iVBORw0KGgo=" alt="tiny">`, "<p>svg</p>",
		`<a href="https://example.com/x">ok</a>`, "<p>ref</p>",
	} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s:\n%s", w, h)
		}
	}
	// "![](javascript:x)" shows nothing: no empty paragraph either.
	if strings.Contains(h, "<p></p>") {
		t.Errorf("HTML holds an empty paragraph:\n%s", h)
	}

	// With unsafeHTML, which lets raw HTML through, a Markdown link or
	// image still leaves these addresses out.
	cfg := model.DefaultSiteConfig()
	cfg.UnsafeHTML = true
	h = qa18mdHTML(t, &cfg, body)
	for _, bad := range []string{`src=""`, `href=""`, `="javascript`, `="&#106;`, `="VBScript`, `="data:text`, `="file:`} {
		if strings.Contains(h, bad) {
			t.Errorf("unsafeHTML: HTML holds %s:\n%s", bad, h)
		}
	}
}

// TestLinkOfEntitySpacesHasNoText: a link whose text is only a no-break
// space written as an entity, [&nbsp;](url), is a link without a name to
// screen readers (axe link-name, serious), but lint counted the entity as
// text and said nothing (QA 18 C-F9). Entity spaces are blank now, as for
// a heading; an entity that shows a character is text.
func TestLinkOfEntitySpacesHasNoText(t *testing.T) {
	body := strings.Join([]string{
		"[ ](https://example.com/c) and [&nbsp;](https://example.com/d)",          // 12
		"[&#160;&emsp;](https://example.com/e)",                                   // 14
		"[&amp;](https://example.com/f) [&#x41;](https://example.com/g)",          // 16
		"[&#x200B;](https://example.com/h) [\u2060\ufeff](https://example.com/i)", // 18: zero-width (QA 18r F4)
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	noText := func(d string) string {
		return `markdown/links: link to "` + d + `" has no text, so the page shows its address as its text; write what it leads to between the brackets: [what it leads to](` + d + `)`
	}
	checkLineWarnings(t, got, map[int][]string{
		12: {noText("https://example.com/c"), noText("https://example.com/d")},
		14: {noText("https://example.com/e")},
		18: {noText("https://example.com/h"), noText("https://example.com/i")},
	})
}

// TestAutolinkInsideALink: an address written as an autolink inside a
// link's text ([<https://inner.example>](https://y.example/i)) is that
// link's text: no "has no text" warning, shown as text inside the one
// link, never a link in a link (QA 18r F11: it was warned about, and
// since the no-text fix replaced by the outer address).
func TestAutolinkInsideALink(t *testing.T) {
	body := "[<https://inner.example>](https://y.example/i) and <https://alone.example>\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	checkLineWarnings(t, got, map[int][]string{})
	cfg := model.DefaultSiteConfig()
	p, diags := source.ParseFile(qa17mdPath, []byte(linkFront+"\n"+body), &cfg)
	if p == nil {
		t.Fatalf("not parsed: %v", diags)
	}
	for _, want := range []string{`<a href="https://y.example/i">https://inner.example</a>`, `<a href="https://alone.example" class="url">https://alone.example</a>`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, p.HTML)
		}
	}
	if strings.Count(p.HTML, "<a ") != 2 {
		t.Errorf("HTML has %d links, want 2:\n%s", strings.Count(p.HTML, "<a "), p.HTML)
	}
}
