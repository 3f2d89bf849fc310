package source

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
)

// shownText is the text a browser shows for the HTML of a body made of
// paragraphs: its tags dropped, a new line read as a space, its entities
// decoded.
func shownText(h string) string {
	h = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, "")
	return strings.TrimSpace(html.UnescapeString(strings.ReplaceAll(h, "\n", " ")))
}

// TestPlainTextDecodesEntitiesAsThePage: the search text read &#039; as
// octal (U+FFFD), &#034; as U+001C and &#0100; as "@", resolved an escaped
// \&ouml; and an over-long &#x0000041; that the page shows as written
// (QA 21 A-F4). It is now the text the page shows, entity for entity.
func TestPlainTextDecodesEntitiesAsThePage(t *testing.T) {
	m := newMarkdown(false, "en")
	for _, src := range []string{
		"Ask O&#039;Reilly about the &#034;payments&#034; cluster.",
		"dquote&#0034;end and tab&#009;sep and num&#0100;ber",
		"Escaped \\&ouml; and \\&#65; stay as written, &ouml; does not.",
		"Over-long &#x0000041; and &#00000065; stay, &#x000041; and &#0000065; are A.",
		"Zero &#0; and &#x0; and too big &#x110000; are U+FFFD.",
		"Tom &amp; Jerry \\*not em\\* &#x41;&copy; a\\_b \\<token\\> &amp;lt; \\\\&amp;",
		"No entity: &#; &#x; &#xG1; &nosuch; AT&T &",
	} {
		h, text, err := m.render([]byte(src + "\n"))
		if err != nil {
			t.Fatal(err)
		}
		if want := shownText(h); text.All != want {
			t.Errorf("%q\n text %q\n page %q", src, text.All, want)
		}
	}
}

// TestHeadingIDsDecodeEntitiesAsThePage: a heading's id is made from the
// text the page shows, so "&#0100;" is "d" (decimal, as GitHub reads it),
// an escaped "\&ouml;" is the text "&ouml;", and an over-long reference
// stays as written (QA 21 A-F4).
func TestHeadingIDsDecodeEntitiesAsThePage(t *testing.T) {
	ids := newHeadingIDs()
	for _, tt := range []struct{ heading, want string }{
		{"Code &#0100; here", "code-d-here"},
		{"O&#039;Reilly", "oreilly"},
		{"max_conn \\&ouml; limit", "max-conn-ouml-limit"},
		{"Long &#x0000041; ref", "long-x0000041-ref"},
	} {
		if got := string(ids.Generate([]byte(tt.heading), 0)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.heading, got, tt.want)
		}
	}
}

// TestPlainTextHasAnHTMLBlocksLastLine: the line that ends a <pre>,
// <script>, <style> or <textarea> block, a <?…?> or a CDATA section is on
// the page, and was missing from the search text (QA 21 A-F1): pasted
// logs close <pre> on their last line, often the error.
func TestPlainTextHasAnHTMLBlocksLastLine(t *testing.T) {
	m := newMarkdown(false, "en")
	for _, c := range []struct{ src, want string }{
		{"<pre>\nalphaone started\nbetatwo finished</pre>\n\nafter\n", "<pre>\nalphaone started\nbetatwo finished</pre>\nafter"},
		{"<script>\nvar x;\n</script>gammathree here\n", "<script>\nvar x;\n</script>gammathree here"},
		{"<style>\np {}\nstylelast</style>\n", "<style>\np {}\nstylelast</style>"},
		{"<textarea>\nfirst\ntalast</textarea>\n", "<textarea>\nfirst\ntalast</textarea>"},
		{"<?php\necho 1;\nphplast ?>\n", "<?php\necho 1;\nphplast ?>"},
		{"<![CDATA[\nfirst\ncdatalast]]>\n", "<![CDATA[\nfirst\ncdatalast]]>"},
		{"<!DOCTYPE html>\n", "<!DOCTYPE html>"},
		{"- <pre>\n  in a list\n  itemlast</pre>\n", "<pre>\nin a list\nitemlast</pre>"},
	} {
		h, text, err := m.render([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if text.All != c.want {
			t.Errorf("%q\n text %q\nwant %q\n page %q", c.src, text.All, c.want, h)
		}
	}
}

// TestPlainTextOfRenderedHTML: with unsafeHTML the page renders raw HTML,
// yet the search text held its tags, attributes, hrefs and the contents of
// <style> and <script>, so every such postmortem matched "div" and "href"
// and its snippet was HTML source (QA 21 A-F2). It now holds the text the
// browser shows; in safe mode, where the page shows the HTML as text, the
// search text still holds it.
func TestPlainTextOfRenderedHTML(t *testing.T) {
	src := strings.Join([]string{
		`See <a href="https://grafana.example.com/d/attrhref">the dashboard</a> and <span class="attrclass" title="attrtitle">styled</span>.`,
		`<div class="attrblockclass">` + "\n" + `blockwords inside` + "\n" + `</div>`,
		`<style>.stylewords { color: red }</style>`,
		"<script>\nvar scriptword = \"<b>\";\n</script>",
		`Inline <script>inlinescript()</script> and x<br>y and <b>bold</b>text and <!-- hidden --> a&nbsp;b.`,
		`<p>Fish &amp; chips &#039;quoted&#039;</p><p>next</p>`,
		"<pre>\n  keep  spaces\nlast</pre>",
		"<table><tr><td>cellone</td><td>celltwo</td></tr></table>",
		`An <img src="x.png" alt="altwords &amp; more"> image, as ![mdalt](y.png) is.`,
		"Text after.",
	}, "\n\n") + "\n"
	hidden := []string{"attrhref", "grafana", "attrclass", "attrtitle", "attrblockclass", "stylewords",
		"scriptword", "inlinescript", "span", "div", "href", "<", ">", "&amp;", "hidden"}

	h, text, err := newMarkdown(true, "en").render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range hidden {
		if strings.Contains(text.All, w) {
			t.Errorf("unsafe: the text has %q, which the page does not show:\n%s", w, text.All)
		}
	}
	if got, want := strings.Fields(text.All), strings.Fields(browserText(t, h)); !slices.Equal(got, want) {
		t.Errorf("unsafe: the text's words are not the page's\n text %q\n page %q", got, want)
	}
	for _, w := range []string{"See the dashboard and styled.", "x y", "boldtext", "a\u00a0b", "Fish & chips 'quoted'", "  keep  spaces\nlast", "cellone celltwo", "An altwords & more image, as mdalt is."} {
		if !strings.Contains(text.All, w) {
			t.Errorf("unsafe: the text has no %q:\n%s", w, text.All)
		}
	}

	_, safe, err := newMarkdown(false, "en").render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<span class="attrclass" title="attrtitle">`, "stylewords", "scriptword", "&amp;"} {
		if !strings.Contains(safe.All, w) {
			t.Errorf("safe: the text has no %q, which the page shows:\n%s", w, safe.All)
		}
	}
}

// browserText is the text a browser shows for the HTML h of a body: the
// text of its elements but <script> and <style>, an image's alt text (read
// as pmkb reads a Markdown image's), with a space where an
// element that is not phrasing content (a <div>, <p>, <td>) or a <br>
// starts or ends.
func browserText(t *testing.T, h string) string {
	t.Helper()
	doc, err := nethtml.Parse(strings.NewReader(h))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		switch n.Type {
		case nethtml.TextNode:
			b.WriteString(n.Data)
			return
		case nethtml.ElementNode:
			switch n.Data {
			case "script", "style", "head":
				return
			case "img":
				for _, a := range n.Attr {
					if a.Key == "alt" {
						b.WriteString(a.Val)
					}
				}
			case "a", "span", "b", "em", "strong", "code", "i":
			default:
				b.WriteByte(' ')
				defer b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// TestEastAsianLineBreakAfterInlines: a Japanese line that ends with
// emphasis, a link or a code span kept its line break as a space, on the
// page and in the search text ("設定 変更"), since the break's text node
// is empty there and the character before it was not read (QA 21 A-F3).
// The last character the line shows counts, through inline containers,
// as the first of the next line does.
func TestEastAsianLineBreakAfterInlines(t *testing.T) {
	m := newMarkdown(false, "ja")
	for _, c := range []struct{ src, html, text string }{
		{"障害が**重要**\n発生した。原因は*設定*\n変更で、[手順書](https://example.com/x)\n参照。`設定値`\n確認。\n",
			"<p>障害が<strong>重要</strong>発生した。原因は<em>設定</em>変更で、<a href=\"https://example.com/x\">手順書</a>参照。<code>設定値</code>確認。</p>\n",
			"障害が重要発生した。原因は設定変更で、手順書参照。設定値確認。"},
		{"**重要な*設定***\n変更\n", "<p><strong>重要な<em>設定</em></strong>変更</p>\n", "重要な設定変更"},
		{"~~旧手順~~\n新手順\n", "<p><del>旧手順</del>新手順</p>\n", "旧手順新手順"},
		{"記号&#x3002;\n次\n", "<p>記号。次</p>\n", "記号。次"},
		// A break next to anything else stays a space.
		{"障害が**重要**\nDB も\n", "<p>障害が<strong>重要</strong>\nDB も</p>\n", "障害が重要 DB も"},
		{"the **DB**\n障害\n", "<p>the <strong>DB</strong>\n障害</p>\n", "the DB 障害"},
		{"see **bold**\nand *em*\n`code`\n", "<p>see <strong>bold</strong>\nand <em>em</em>\n<code>code</code></p>\n", "see bold and em code"},
	} {
		h, text, err := m.render([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if h != c.html {
			t.Errorf("%q: HTML\n got %q\nwant %q", c.src, h, c.html)
		}
		if text.All != c.text {
			t.Errorf("%q: text\n got %q\nwant %q", c.src, text.All, c.text)
		}
	}
}

// TestTextAfterALeadingComment: a line that starts with an HTML comment
// (a note to reviewers, a pmkb-lint-ignore before the line it excuses)
// is an HTML block, which showed what is left once the comment is dropped
// in a raw-HTML code box, prose and all (QA 21 A-F6). When no HTML is
// left it is a paragraph of text, unparsed as the browser shows it on
// GitHub (CommonMark does not parse inside an HTML block), its entities
// decoded as there and escaped; with HTML left, the box stays.
func TestTextAfterALeadingComment(t *testing.T) {
	m := newMarkdown(false, "en")
	for _, c := range []struct{ src, html, text string }{
		{"x\n\n<!-- inlinehidden --> afterwords shown\n", "<p>x</p>\n<p>afterwords shown</p>\n", "x\nafterwords shown"},
		{"<!--\nnote to reviewers\n--> trailingwords visible\n\nnext\n", "<p>trailingwords visible</p>\n<p>next</p>\n", "trailingwords visible\nnext"},
		{"<!-- foo -->*bar*\n*baz*\n", "<p>*bar*</p>\n<p><em>baz</em></p>\n", "*bar*\nbaz"},
		{"<!-- pmkb-lint-ignore markdown/links --> See [old page](../../posts/x/) for history.\n",
			"<p>See [old page](../../posts/x/) for history.</p>\n", "See [old page](../../posts/x/) for history."},
		{"<!-- a --> one <!-- b --> two\n", "<p>one  two</p>\n", "one  two"},
		{"<!-- c --> Fish &amp; chips, a < b & c &#039;q&#039;\n", "<p>Fish &amp; chips, a &lt; b &amp; c &#39;q&#39;</p>\n", "Fish & chips, a < b & c 'q'"},
		{"- <!-- c --> in a list\n\n- <!-- d --> loose\n\n  two\n", "<ul>\n<li>\n<p>in a list</p>\n</li>\n<li>\n<p>loose</p>\n<p>two</p>\n</li>\n</ul>\n", "in a list\nloose\ntwo"},
		{"- <!-- c --> in a list\n", "<ul>\n<li>\nin a list\n</li>\n</ul>\n", "in a list"},
		// With HTML left, it is shown as text in the box, as before.
		{"<!-- c --> <script>alert(1)</script>\n", "<pre class=\"raw-html\" tabindex=\"0\"><code> &lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n", "<script>alert(1)</script>"},
		{"<!-- c --> Fish <b>x</b>\n", "<pre class=\"raw-html\" tabindex=\"0\"><code> Fish &lt;b&gt;x&lt;/b&gt;\n</code></pre>\n", "Fish <b>x</b>"},
	} {
		h, text, err := m.render([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if h != c.html {
			t.Errorf("%q: HTML\n got %q\nwant %q", c.src, h, c.html)
		}
		if text.All != c.text {
			t.Errorf("%q: text\n got %q\nwant %q", c.src, text.All, c.text)
		}
	}
}

// TestSnippetQuotesTagsShownAsText: the search text cut every allowed tag
// name out of raw HTML by regexp, rendered or not, so a snippet lost the
// "</kbd>" of "<kbd class=k>…</kbd>" and the "<kbd>" of an unpaired one,
// which the page shows as text, and a <div> block its <kbd>s (QA 21
// A-F9). plainText now asks allowedHTML (pageText) what the page shows of
// each raw HTML node.
func TestSnippetQuotesTagsShownAsText(t *testing.T) {
	m := newMarkdown(false, "en")
	_, p, err := m.render([]byte("Sup: 10<sup>6</sup> and <kbd class=\"k\">Enterkey</kbd> and unpaired <kbd>loosekbd here.\n\n<div><kbd>y</kbd></div>\n\nx<br>y\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "Sup: 106 and <kbd class=\"k\">Enterkey</kbd> and unpaired <kbd>loosekbd here.\n<div><kbd>y</kbd></div>\nx y"
	if p.All != want {
		t.Errorf("text %q\nwant %q", p.All, want)
	}
}
