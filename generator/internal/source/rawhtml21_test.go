package source

import (
	"bytes"
	"fmt"
	"html"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// detailsBlock is a well-formed disclosure of a log, as writers paste
// them: <details><summary>, a code block, </details>.
func detailsBlock(name string) string {
	return "<details><summary>" + name + "</summary>\n\n```\n" + name + "\n```\n\n</details>\n\n"
}

// TestStrayDetailsSpoilsOnlyItself: one <details> left open (or closed
// twice, or opened twice) turned every well-formed <details> of the body
// into text boxes, with a note only at the stray one (QA 21 A-F8), where
// the README says a stray tag spoils only its own paragraph. The tags at
// the level of the document pair up by nesting now: only the stray tag
// (and the HTML block it is in) is shown as text, noted at its line.
func TestStrayDetailsSpoilsOnlyItself(t *testing.T) {
	stray := "<details><summary>Stray</summary>\n\n```\nS\n```\n\nforgot to close\n\n"
	for _, c := range []struct {
		name, body string
		rendered   []string // the names of the disclosures rendered
		text       []string // HTML shown as text
		notes      string
	}{
		{"unclosed last", detailsBlock("A") + detailsBlock("B") + stray,
			[]string{"A", "B"}, []string{"&lt;details&gt;&lt;summary&gt;Stray&lt;/summary&gt;"},
			"[{Line:17 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"unclosed first, a heading between", stray + "## Later\n\n" + detailsBlock("A") + detailsBlock("B"),
			[]string{"A", "B"}, []string{"&lt;details&gt;&lt;summary&gt;Stray&lt;/summary&gt;"},
			"[{Line:1 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"opened twice, closed once", "<details><summary>Outer</summary>\n\n" + detailsBlock("Inner") + detailsBlock("B"),
			[]string{"Inner", "B"}, []string{"&lt;details&gt;&lt;summary&gt;Outer&lt;/summary&gt;"},
			"[{Line:1 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"closed twice", detailsBlock("A") + "</details>\n\n" + detailsBlock("B"),
			[]string{"A", "B"}, []string{"<code>&lt;/details&gt;\n</code>"},
			"[{Line:9 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"two strays, each noted", "</details>\n\n" + detailsBlock("A") + detailsBlock("B") + stray,
			[]string{"A", "B"}, []string{"&lt;details&gt;&lt;summary&gt;Stray&lt;/summary&gt;", "<code>&lt;/details&gt;\n</code>"},
			"[{Line:1 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0} {Line:19 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"a stray kbd line inside a details", "<details><summary>A</summary>\n\n<kbd>\n\nlog\n\n</details>\n\n" + detailsBlock("B"),
			[]string{"A", "B"}, []string{"<code>&lt;kbd&gt;\n</code>"},
			"[{Line:3 Tag:<kbd> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"nested pairs still render", "<details><summary>Outer</summary>\n\n" + detailsBlock("Inner") + "</details>\n",
			[]string{"Outer", "Inner"}, nil, "[]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, notes := renderBody(t, c.body)
			checkAllowedNest(t, h)
			for _, n := range c.rendered {
				if !strings.Contains(h, "<details><summary>"+n+"</summary>") {
					t.Errorf("%s is not rendered:\n%s", n, h)
				}
			}
			if got, want := strings.Count(h, "<details>"), len(c.rendered); got != want {
				t.Errorf("%d <details> rendered, want %d:\n%s", got, want, h)
			}
			if got, want := strings.Count(h, "</details>"), len(c.rendered); got != want {
				t.Errorf("%d </details> rendered, want %d:\n%s", got, want, h)
			}
			for _, w := range c.text {
				if !strings.Contains(h, w) {
					t.Errorf("HTML lacks %q:\n%s", w, h)
				}
			}
			if got := fmt.Sprintf("%+v", notes); got != c.notes {
				t.Errorf("notes = %s\n want %s", got, c.notes)
			}
		})
	}
}

// checkAllowedNest fails unless the allowed tags of h come out without
// attributes and open and close in order (checkOutputTags, for HTML with
// headings, whose ids it does not expect).
func checkAllowedNest(t *testing.T, h string) {
	t.Helper()
	var stack []string
	for _, tag := range allowedOutputRE.FindAllStringSubmatch(h, -1) {
		switch {
		case tag[3] != "":
			t.Errorf("tag %q has attributes in\n%s", tag[0], h)
		case tag[2] == "br":
		case tag[1] == "":
			stack = append(stack, tag[2])
		case len(stack) == 0 || stack[len(stack)-1] != tag[2]:
			t.Errorf("%s closes nothing (open %v) in\n%s", tag[0], stack, h)
		default:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		t.Errorf("unclosed %v in\n%s", stack, h)
	}
}

// TestBlockTagsNestValid renders bodies made of random lines of block
// tags (<details> and <summary> opened, closed, left open, in lists and
// quotes) and checks that the page still never leaves an allowed tag open
// or closes one that is not: pairing by nesting keeps the HTML valid.
func TestBlockTagsNestValid(t *testing.T) {
	parts := []string{
		"<details><summary>x</summary>", "<details>", "<summary>y</summary>", "</details>",
		"<details>\n<summary>z</summary>", "<kbd>", "</kbd>", "<sub>", "</sub>", "text", "- item",
		"- <details><summary>l</summary>", "  </details>", "> <details><summary>q</summary>", "> </details>",
		"```\ncode\n```", "<div>", "<details open>", "## H", "| a |\n|---|\n| <kbd>b |",
	}
	seps := []string{"\n", "\n\n"}
	r := rand.New(rand.NewPCG(21, 8))
	for range 3000 {
		var b strings.Builder
		for n := 1 + r.IntN(10); n > 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		m := newMarkdown(false, "en")
		h, _, err := m.render([]byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if !t.Run("", func(t *testing.T) { checkAllowedNest(t, h) }) {
			t.Fatalf("body %q", b.String())
		}
	}
}

// TestPageTextKeepsTagsShownAsText: the search text and snippets cut
// every allowed tag name out of raw HTML (withoutAllowedTags), rendered
// or not, so the snippet of "<kbd class="k">Enterkey</kbd>", which the
// page shows as text, read "<kbd class="k">Enterkey" (QA 21 A-F9).
// pageText, which plainText reads raw HTML with, leaves out only the tags
// the page renders: the text of each body, read as plainText reads it,
// is the text the page shows.
func TestPageTextKeepsTagsShownAsText(t *testing.T) {
	for _, body := range []string{
		"Sup: 10<sup>6</sup> and <kbd class=\"k\">Enterkey</kbd> and unpaired <kbd>loosekbd here.\n",
		"Press <kbd class=k>Enter</kbd> or <KBD>Esc</KBD>, H<sub>2</sub>O and <sup>b.\n",
		"Line one<br>line two<BR />three.\n\n| a | b |\n|---|---|\n| x<br>y | <kbd>z |\n",
		"<details><summary>Logs &amp; more</summary>\n\n```\n<kbd>x</kbd> <br>\n```\n\n</details>\n\n<div><kbd>y</kbd> &amp; <br></div>\n",
		"<details>\n<summary>Logs</summary>\n\ntext\n\n</details>\n\n<details><summary>Stray &lt;1&gt;</summary>\n\nforgot\n",
		"<kbd>\nCtrl\n</kbd>\n\n<sub>\n\nleft open\n",
	} {
		m := newMarkdown(false, "en")
		src := []byte(body)
		doc := m.md.Parser().Parse(text.NewReader(src))
		var h bytes.Buffer
		if err := m.md.Renderer().Render(&h, src, doc); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				if n.Type() == ast.TypeBlock {
					b.WriteByte('\n')
				}
				return ast.WalkContinue, nil
			}
			switch v := n.(type) {
			case *ast.Text:
				b.Write(textValue(v.Segment.Value(src)))
				if v.SoftLineBreak() || v.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(v.Value)
			case *ast.RawHTML, *ast.HTMLBlock, *ast.FencedCodeBlock, *ast.CodeBlock:
				b.Write(m.allowed.pageText(n, src))
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
		if got, want := strings.Join(strings.Fields(b.String()), " "), visibleText(h.String()); got != want {
			t.Errorf("%q:\nsearch text %q\n  page text %q\n%s", body, got, want, h.String())
		}
	}
}

// visibleText is the text a browser shows of HTML h: a <br> is a space,
// other tags are nothing, entities are decoded, white space is collapsed.
func visibleText(h string) string {
	h = regexp.MustCompile(`<br>`).ReplaceAllString(h, " ")
	h = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, "")
	return strings.Join(strings.Fields(html.UnescapeString(h)), " ")
}
