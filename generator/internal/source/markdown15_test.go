package source

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// deepMarkdown are bodies nested far deeper than any postmortem nests its
// block quotes and lists, on one line (QA 15 A-F2: goldmark took time in
// the square of the nesting, 800 KB of ">" six minutes).
var deepMarkdown = []struct {
	name string
	body func(n int) string
}{
	{"block quotes", func(n int) string { return strings.Repeat(">", n) + " x\n" }},
	{"block quotes with spaces", func(n int) string { return strings.Repeat("> ", n) + "x\n" }},
	{"list items", func(n int) string { return strings.Repeat("- ", n) + "x\n" }},
	{"numbered list items", func(n int) string { return strings.Repeat("1. ", n) + "x\n" }},
	{"block quotes then lazy lines", func(n int) string {
		return strings.Repeat(">", n) + " x\n" + strings.Repeat("y\n", n)
	}},
	{"footnotes", func(n int) string { return strings.Repeat("[^a]: ", n) + "x\n" }},
	{"quotes and lists", func(n int) string { return strings.Repeat("> - ", n) + "x\n" }},
}

// TestNestingLimit checks that block quotes, lists and footnotes nest at
// most maxNesting deep (QA 15 A-F2), the rest of the line text, with a
// warning at the line; and that nesting up to the limit is Markdown as
// usual, without one.
func TestNestingLimit(t *testing.T) {
	const file = "content/postmortems/x.md"
	const bodyLine = 12
	check := func(t *testing.T, body string, wantDepth int, wantWarning string) {
		t.Helper()
		m := newMarkdown(false, "en")
		doc := m.md.Parser().Parse(text.NewReader([]byte(body)))
		// Footnotes nobody links to are dropped from the tree.
		if got := nestingOf(doc); got != wantDepth && wantDepth >= 0 {
			t.Errorf("nested %d deep, want %d", got, wantDepth)
		}
		m.refs.begin(file, bodyLine, nil)
		if _, _, err := m.render([]byte(body)); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(m.refs.diags.String()); got != wantWarning {
			t.Errorf("got\n%s\nwant\n%s", got, wantWarning)
		}
		for _, d := range m.refs.diags.Items() {
			if d.Rule != RuleSlow {
				t.Errorf("rule %q, want %q", d.Rule, RuleSlow)
			}
		}
	}
	warning := func(line int, where string) string {
		return fmt.Sprintf("%s:%d: warning: block quotes, lists and footnotes nest more than %d levels deep on %s; what is nested deeper is shown as text, since Markdown nested that deep is slow to render", file, line, maxNesting, where)
	}
	for _, c := range deepMarkdown {
		t.Run(c.name, func(t *testing.T) {
			want := maxNesting
			if c.name == "footnotes" {
				want = -1
			}
			check(t, c.body(3000), want, warning(bodyLine, "this line"))
			if c.name != "quotes and lists" { // two levels a repeat
				check(t, c.body(maxNesting), want, "")
			}
		})
	}
	t.Run("two lines", func(t *testing.T) {
		deep := strings.Repeat("> ", 40) + "x\n"
		check(t, "# Title\n\n"+deep+"\n"+deep, maxNesting, warning(bodyLine+2, "this line and 1 more"))
	})
	// The text beyond the limit is shown.
	m := newMarkdown(false, "en")
	html, _, err := m.render([]byte(strings.Repeat("- ", maxNesting+3) + "x\n"))
	if err != nil || !strings.Contains(html, "<li>- - - x</li>") {
		t.Errorf("the rest of the line: %v\n%s", err, html)
	}
}

// nestingOf is how deep block quotes, lists and footnotes nest in n.
func nestingOf(n ast.Node) int {
	deepest := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		deepest = max(deepest, nestingOf(c))
	}
	switch n.Kind() {
	case ast.KindBlockquote, ast.KindList, east.KindFootnote:
		deepest++
	}
	return deepest
}

// BenchmarkDeepNesting renders each of deepMarkdown nested 5,000 and
// 20,000 levels deep: with the work in proportion to the text, the
// second takes four times as long as the first, not sixteen.
func BenchmarkDeepNesting(b *testing.B) {
	for _, c := range deepMarkdown {
		for _, n := range []int{5000, 20000} {
			src := []byte(c.body(n))
			b.Run(c.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				m := newMarkdown(false, "en")
				for b.Loop() {
					if _, _, err := m.render(src); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
