package source_test

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestLinkToAFootnoteByItsLabel: a link to a footnote by its label
// (#fn:note for [^note]) names no id, since goldmark numbers a footnote's
// ids (fn:1, fnref:1), yet it got the advice for a heading, and on a page
// with a heading {#fn:2} a "did you mean "#fn:2"?" that named the heading,
// not the footnote (QA 19r F4). It now says which id the footnote has; a
// label no footnote has gets the footnotes' advice, and a heading's own
// {#fn:x} is still reached by #fn:x.
func TestLinkToAFootnoteByItsLabel(t *testing.T) {
	body := strings.Join([]string{
		"## Two {#fn:2}",                    // 12
		"## Kept {#fn:x}",                   // 14
		"Text[^note] and[^a].",              // 16
		"[by its label](#fn:note)",          // 18
		"[back by its label](#fnref:note)",  // 20
		"[no such label](#fn:nothing)",      // 22
		"[to the heading](#fn:x)",           // 24
		"[the second, by its label](#fn:a)", // 26
		"[by its number](#fn:1)",            // 28
		"[^note]: Named.",                   // 30
		"[^a]: Second.",                     // 32
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	checkOneWarningPerLine(t, got, map[int]string{
		// Footnote 2 is on the page: the heading's {#fn:2} is renamed.
		12: `markdown/links: heading id {#fn:2} is the id of a footnote of this postmortem or of a reference to one, and ids are unique on a page, so this heading's id is "fn:2-1"; choose another {#id}`,
		18: `markdown/links: link "#fn:note" names footnote [^note] by its label, but a footnote's ids are numbered, 1, 2, … in the order of first reference in the text: write #fn:1`,
		20: `markdown/links: link "#fnref:note" names the reference to footnote [^note] by its label, but a footnote's ids are numbered, 1, 2, … in the order of first reference in the text: write #fnref:1`,
		22: `markdown/links: link "#fn:nothing" names no footnote of this postmortem, which has 2 footnotes; footnotes are numbered 1, 2, … in the order of their first reference in the text ([^name])`,
		26: `markdown/links: link "#fn:a" names footnote [^a] by its label, but a footnote's ids are numbered, 1, 2, … in the order of first reference in the text: write #fn:2`,
	})
}

// TestLinkToAFootnoteByItsLabelBesideAHeading is QA 19r F4's page: one
// footnote, [^a], and a heading {#fn:2}, which it keeps; a link #fn:a was
// told "did you mean "#fn:2"?", the heading.
func TestLinkToAFootnoteByItsLabelBesideAHeading(t *testing.T) {
	body := strings.Join([]string{
		"## Two {#fn:2}",    // 12
		"Text[^a].",         // 14
		"[the note](#fn:a)", // 16
		"[the part](#fn:2)", // 18
		"[^a]: The note.",   // 20
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	checkOneWarningPerLine(t, got, map[int]string{
		16: `markdown/links: link "#fn:a" names footnote [^a] by its label, but a footnote's ids are numbered, 1, 2, … in the order of first reference in the text: write #fn:1`,
	})
}
