package source_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestNamelessLinkShowsItsAddress: a link without text — [](url), text of
// spaces ([ ](url), [&nbsp;](url)), or only an image without alt text —
// was warned about but shipped as an empty link, which nobody sees to
// click and screen readers read as nothing (axe link-name, serious; QA 18
// C-F9). It now shows its address as written, as a bare autolink does (a
// long one cut as the warnings cut it); a linked image without alt text
// takes the address as its alt text, which names the link and leaves the
// image as it is. The warnings stay. Links with text are unchanged.
func TestNamelessLinkShowsItsAddress(t *testing.T) {
	long := "https://example.com/" + strings.Repeat("a", 120) + "/end"
	body := strings.Join([]string{
		"Empty: [](https://example.com/a).",                                              // 12
		"Image: [![](img/graph.png)](https://example.com/b).",                            // 14
		"Spaces: [ ](https://example.com/c) [&nbsp;](https://example.com/d).",            // 16
		"Gone: [![](javascript:x)](https://example.com/e).",                              // 18
		"Anchor: [](#empty).",                                                            // 20
		"Long: [](" + long + ").",                                                        // 22
		"Amp: [](https://example.com/?a=1&amp;b=2).",                                     // 24
		"Named: [text](https://example.com/f) [![G](img/g.png)](https://example.com/g).", // 26
		"## Empty", // 28
		"Alt: [![G](img/g.png) ](https://example.com/h).", // 30
	}, "\n\n") + "\n"
	fsys := fstest.MapFS{
		"content/postmortems/2023/img/graph.png": {Data: []byte("\x89PNG")},
		"content/postmortems/2023/img/g.png":     {Data: []byte("\x89PNG")},
	}
	got := qa17mdWarnings(t, fsys, nil, body)
	for _, line := range []int{12, 16, 22, 24} {
		for _, w := range got[line] {
			if !strings.Contains(w, "has no text, so the page shows its address as its text;") {
				t.Errorf("line %d: %q", line, w)
			}
		}
		if len(got[line]) == 0 {
			t.Errorf("line %d: the no-text warning is gone", line)
		}
	}
	if w := got[14]; len(w) != 1 || !strings.Contains(w[0], "has no alt text") {
		t.Errorf("line 14: %q, want the image's alt-text warning", w)
	}

	h := qa18mdHTML(t, nil, body)
	for _, w := range []string{
		`<a href="https://example.com/a">https://example.com/a</a>`,
		`alt="https://example.com/b"></a>`,
		`<a href="https://example.com/c">https://example.com/c</a>`,
		`<a href="https://example.com/d">https://example.com/d</a>`,
		`<a href="https://example.com/e">https://example.com/e</a>`,
		`<a href="#empty">#empty</a>`,
		">https://example.com/" + strings.Repeat("a", 50),
		"…" + strings.Repeat("a", 21) + "/end</a>",
		`>https://example.com/?a=1&amp;b=2</a>`,
		`<a href="https://example.com/f">text</a>`,
		`alt="G"></a>`,
		`<a href="https://example.com/h"><img src="../_files/2023/img/g.png" alt="G"> </a>`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s:\n%s", w, h)
		}
	}
	if m := emptyLinkRE.FindAllString(h, -1); m != nil {
		t.Errorf("HTML holds links without a name %q:\n%s", m, h)
	}
}

// emptyLinkRE matches a link that shows nothing, or only an image
// without alt text.
var emptyLinkRE = regexp.MustCompile(`<a [^>]*>(\s|<img [^>]*alt=""[^>]*>)*</a>`)

// TestEmptyTableHeaderRowWarned: a Markdown table whose header row has no
// text (| | |, the way to write a table without one, which GitHub's
// tables cannot) is rendered as GitHub renders it, with empty <th>s,
// which screen readers announce as columns without a name (axe
// empty-table-header; QA 18 C-F9's page). It is the author's table, so
// pmkb warns at the header's line, under markdown/empty-heading (a
// column's heading), and leaves it as written. One empty cell, the
// corner of a table whose rows have headings too, is not warned about.
func TestEmptyTableHeaderRowWarned(t *testing.T) {
	body := strings.Join([]string{
		"| | |\n|---|---|\n| a | b |",                        // 12
		"| &nbsp; |  |\n|:-:|--:|\n| a | b |",                // 16
		"| | Q1 | Q2 |\n|---|---|---|\n| web | 1 | 2 |",      // 20
		"| Field | Value |\n|---|---|\n| a | b |",            // 24
		"| ![](img/g.png) | `` ` `` |\n|---|---|\n| a | b |", // 28
	}, "\n\n") + "\n"
	fsys := fstest.MapFS{"content/postmortems/2023/img/g.png": {Data: []byte("\x89PNG")}}
	got := qa17mdWarnings(t, fsys, nil, body)
	if w := got[28]; len(w) != 1 || !strings.Contains(w[0], "has no alt text") {
		t.Errorf("line 28: %q, want only the image's alt-text warning (the code names a column)", w)
	}
	delete(got, 28)
	const msg = "markdown/empty-heading: table's header row has no text, so the page shows columns without a name, which screen readers announce as such; name the columns in the first row, e.g. | Field | Value |"
	checkOneWarningPerLine(t, got, map[int]string{12: msg, 16: msg})
	h := qa18mdHTML(t, nil, body)
	if !strings.Contains(h, "<th></th>") {
		t.Errorf("the table without header text is not rendered as written:\n%s", h)
	}
}
