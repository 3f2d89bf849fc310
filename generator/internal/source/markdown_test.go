package source

import (
	"bytes"
	"strings"
	"testing"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"

	"github.com/pmkb/pmkb/generator/model"
)

var codeBlockCases = []string{
	"```go\nfunc main() { fmt.Println(\"<hi>\") }\n```\n",
	"```Go\npackage x\n```\n",
	"```text\n10:57:08 ERROR upstream returned status 503 & <b>\n```\n",
	"```\nplain <b> & \"q\"\n```\n",
	"```no-such-language\nx < y\n```\n",
	"```bash\n$ curl -H 'Authorization: x' https://example.com | jq .\n```\n",
	"```sql\nSELECT * FROM t WHERE a = 'x';\n```\n",
	"```json\n{\"a\": [1, 2.5, true, null]}\n```\n",
	"```yaml\na: b\n```\n",
	"```http\nGET / HTTP/1.1\nHost: x\n```\n",
	"```console\n$ ls\nfile\n```\n",
	"```python\ndef f():\n    return 1\n```\n",
	"~~~~shell\necho ~\n~~~~\n",
	"```go\n```\n",
	"```\n```\n",
	"```go {linenos=true}\na := 1\nb := 2\n```\n",
	"```go {hl_lines=[2]}\na := 1\nb := 2\n```\n",
	"```go {nohl}\na := 1\n```\n",
	"```go {broken\na := 1\n```\n",
	"```{go}\na := 1\n```\n",
	"- item\n\n  ```go\n  x := 1\n  ```\n",
	"> ```ruby\n> puts 1\n> ```\n",
	"```go\nunterminated\n",
	"```diff\n- a\n+ b\n```\n",
	"```text\n\tindented\twith tabs\n```\n",
}

// TestCodeBlocksMatchHighlighting renders code blocks with pmkb's renderer
// and with goldmark-highlighting configured the same way: the HTML must be
// the same.
func TestCodeBlocksMatchHighlighting(t *testing.T) {
	ref := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(highlightingOptions()...)))
	// The style of a release before classOnlyStyle, to show it does not
	// change the HTML.
	github := goldmark.New(goldmark.WithExtensions(highlighting.NewHighlighting(
		highlighting.WithStyle("github"),
		highlighting.WithFormatOptions(chromahtml.WithClasses(true), chromahtml.WithPreWrapper(focusablePre{})),
		highlighting.WithGuessLanguage(false),
		highlighting.WithWrapperRenderer(plainCodeWrapper),
	)))
	m := newMarkdown(false, "en")
	for _, c := range codeBlockCases {
		got, _, err := m.render([]byte(c))
		if err != nil {
			t.Fatal(err)
		}
		for name, md := range map[string]goldmark.Markdown{"highlighting": ref, "github style": github} {
			var want bytes.Buffer
			if err := md.Convert([]byte(c), &want); err != nil {
				t.Fatal(err)
			}
			if got != want.String() {
				t.Errorf("%s: %q\ngot  %q\nwant %q", name, c, got, want.String())
			}
		}
		if !strings.Contains(got, `<pre tabindex="0"`) {
			t.Errorf("%q: no focusable <pre>: %q", c, got)
		}
	}
}

// TestEastAsianLineBreaks checks that a soft line break between two East
// Asian wide characters disappears from the HTML and the plain text, and
// that every other soft break stays a space (a new line in HTML), before a
// link, emphasis or code span too.
func TestEastAsianLineBreaks(t *testing.T) {
	cases := []struct {
		name, src, html, text string
	}{
		{"wrapped Japanese",
			"注文 DB（PostgreSQL 16、\nマネージドサービス）が昇格した。\nフェイルオーバー自体は成功した。\n",
			"<p>注文 DB（PostgreSQL 16、マネージドサービス）が昇格した。フェイルオーバー自体は成功した。</p>\n",
			"注文 DB（PostgreSQL 16、マネージドサービス）が昇格した。フェイルオーバー自体は成功した。"},
		{"wrapped English",
			"The primary failed over\nand the new one\nrefused connections.\n",
			"<p>The primary failed over\nand the new one\nrefused connections.</p>\n",
			"The primary failed over and the new one refused connections."},
		{"English before inlines",
			"see\n[the runbook](https://x.example/) and\n*then*\n`psql`.\n",
			"<p>see\n<a href=\"https://x.example/\">the runbook</a> and\n<em>then</em>\n<code>psql</code>.</p>\n",
			"see the runbook and then psql."},
		{"Japanese before inlines",
			"再接続すると\n**上限**に達した。\n",
			"<p>再接続すると<strong>上限</strong>に達した。</p>\n",
			"再接続すると上限に達した。"},
		{"Japanese next to Latin",
			"注文\nDB の\nmax_connections は 400。\n",
			"<p>注文\nDB の\nmax_connections は 400。</p>\n",
			"注文 DB の max_connections は 400。"},
		// Full-width forms (U+FF01–FF60) are wide, and a break after CJK
		// punctuation goes whatever follows (qa7 #10).
		{"full-width punctuation at line ends",
			"発生！\n原因は\nなぜ？\n理由は\n（手動で）\nので復旧。\n",
			"<p>発生！原因はなぜ？理由は（手動で）ので復旧。</p>\n",
			"発生！原因はなぜ？理由は（手動で）ので復旧。"},
		{"full-width letters and digits",
			"社内ＤＮＳ\nの障害が１０\n件。\n",
			"<p>社内ＤＮＳの障害が１０件。</p>\n",
			"社内ＤＮＳの障害が１０件。"},
		{"CJK punctuation before Latin",
			"証明書が失効し、\n53分間にわたり失敗した。\nAPI は（暫定）\nOK。\n",
			"<p>証明書が失効し、53分間にわたり失敗した。API は（暫定）OK。</p>\n",
			"証明書が失効し、53分間にわたり失敗した。API は（暫定）OK。"},
		{"full-width letters before Latin keep the space",
			"社内ＤＮＳ\nresolver\n",
			"<p>社内ＤＮＳ\nresolver</p>\n",
			"社内ＤＮＳ resolver"},
		{"hard break stays",
			"一行目\\\n二行目\n",
			"<p>一行目<br>\n二行目</p>\n",
			"一行目 二行目"},
	}
	m := newMarkdown(false, "ja")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			html, text, err := m.render([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if html != c.html {
				t.Errorf("HTML\n got %q\nwant %q", html, c.html)
			}
			if text.All != c.text {
				t.Errorf("text\n got %q\nwant %q", text.All, c.text)
			}
		})
	}
}

// TestProseLeavesOutHeadings checks the two plain texts of a body: All has
// every word (headings are searched), Prose leaves out the lines of
// headings only, whatever their markup, so a snippet does not run "##
// Summary" into the words after it.
func TestProseLeavesOutHeadings(t *testing.T) {
	cases := []struct {
		name, src, all, prose string
	}{
		{"sections",
			"## Summary\n\nThe gateway's certificate expired.\n\n### What *went* well\n\nPaging worked.\n",
			"Summary\nThe gateway's certificate expired.\nWhat went well\nPaging worked.",
			"The gateway's certificate expired.\nPaging worked."},
		{"paragraph that reads like a heading",
			"## Summary\n\nSummary\n\nDone.\n",
			"Summary\nSummary\nDone.",
			"Summary\nDone."},
		{"no headings", "One.\n\nTwo.\n", "One.\nTwo.", "One.\nTwo."},
		{"only a heading", "# Summary\n", "Summary", ""},
		{"empty heading", "##\n\nText.\n", "Text.", "Text."},
		{"setext heading over two lines",
			"Root\ncause\n-----\n\nA full disk.\n",
			"Root cause\nA full disk.",
			"A full disk."},
		{"code and link in a heading",
			"## The `fsync` [runbook](https://example.com/r)\n\nSlow disks.\n",
			"The fsync runbook\nSlow disks.",
			"Slow disks."},
		{"headings in a list and a quote",
			"- ## Step one\n  Drain the node.\n\n> ### Quote\n> Words.\n",
			"Step one\nDrain the node.\nQuote\nWords.",
			"Drain the node.\nWords."},
		{"code block keeps a line like a heading",
			"## Log\n\n```\nLog\n```\n",
			"Log\nLog",
			"Log"},
	}
	m := newMarkdown(false, "en")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, text, err := m.render([]byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if text.All != c.all {
				t.Errorf("All\n got %q\nwant %q", text.All, c.all)
			}
			p := model.Postmortem{Text: text.All, Headings: text.Headings}
			if got := p.Prose(); got != c.prose {
				t.Errorf("Prose\n got %q\nwant %q", got, c.prose)
			}
		})
	}
}

// TestPlainTextResolvesEscapes checks that the plain text (search and
// snippets) reads as the page does: backslash escapes and entity references
// resolved, while code keeps what is written.
func TestPlainTextResolvesEscapes(t *testing.T) {
	m := newMarkdown(false, "en")
	_, text, err := m.render([]byte("Tom &amp; Jerry \\*not em\\* &#x41;&copy; a\\_b `&amp; \\*` \\<token\\>\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Tom & Jerry *not em* A© a_b &amp; \\* <token>"; text.All != want {
		t.Errorf("got  %q\nwant %q", text.All, want)
	}
}
