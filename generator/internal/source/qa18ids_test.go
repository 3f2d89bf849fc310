package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestHeadingIDsOfFootnotesAndScripts: a heading's {#id} of a footnote's
// form (fn:1, fnref:1, fnref2:1) repeated the id of the body's footnote,
// so the reference jumped to the heading and the Nu checker reported a
// duplicate id (QA 18 C-F4); a heading whose text makes an id search.js
// gives the header's list of results (site-search-list,
// site-search-opt-0…5) repeated it once a reader typed there (QA 18 C-F5).
// Both now get a suffix, the {#id} with a warning as for the page's other
// ids; ids that only look alike stay, and so does a footnote's id that no
// footnote of the page has (fnref2:1 where note 1 has two references,
// fnref:1 and fnref1:1; QA 18r F1, TestHeadingIDOfAFootnoteThePageLacks).
func TestHeadingIDsOfFootnotesAndScripts(t *testing.T) {
	body := strings.Join([]string{
		"## Notes {#fn:1}",       // 12
		"Text[^1] and more[^1].", // 14
		"## Refs {#fnref:1}",     // 16
		"## Second {#fnref2:1}",  // 18
		"## Site search list",    // 20
		"## Site search opt 0",   // 22
		"## Site search opt 6",   // 24
		"## Kept {#fn:x}",        // 26
		"## Kept too {#fnref:}",  // 28
		"[^1]: the note",         // 30
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	note := func(id string) string {
		return `markdown/links: heading id {#` + id + `} is the id of a footnote of this postmortem or of a reference to one, and ids are unique on a page, so this heading's id is "` + id + `-1"; choose another {#id}`
	}
	checkOneWarningPerLine(t, got, map[int]string{12: note("fn:1"), 16: note("fnref:1")})
	cfg := model.DefaultSiteConfig()
	p, diags := source.ParseFile(qa17mdPath, []byte(linkFront+"\n"+body), &cfg)
	if p == nil {
		t.Fatalf("not parsed: %v", diags)
	}
	for _, w := range []string{`<h2 id="fn:1-1">Notes</h2>`, `<h2 id="fnref:1-1">Refs</h2>`, `<h2 id="fnref2:1">Second</h2>`,
		`<h2 id="site-search-list-1">`, `<h2 id="site-search-opt-0-1">`, `<h2 id="site-search-opt-6">`,
		`<h2 id="fn:x">Kept</h2>`, `<h2 id="fnref:">Kept too</h2>`, `id="fn:1"`, `id="fnref:1"`, `id="fnref1:1"`} {
		if !strings.Contains(p.HTML, w) {
			t.Errorf("HTML lacks %s:\n%s", w, p.HTML)
		}
	}
}

// TestEmptyHeadingWarned: a heading without text ("##", "## &nbsp;", as
// an unfinished section leaves it) showed an empty heading that screen
// readers announce, with a link "to this section: " (QA 18 C-F3); it is
// warned about at its line, a heading with text or an image is not.
func TestEmptyHeadingWarned(t *testing.T) {
	body := strings.Join([]string{
		"##",                 // 12
		"## &nbsp;",          // 14
		"#    ",              // 16
		"## Fine",            // 18
		"## ![graph](g.png)", // 20
		"## `code`",          // 22
		"Setext\n---",        // 24
		"&#32;\n---",         // 27: a thematic break after a paragraph of a space? no: a setext heading of a space
		"## &amp;",           // 30
		"## <!-- todo -->",   // 32: QA 18r F10
		"## **&nbsp;**",      // 34
		"## \u200b",          // 36
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{"content/postmortems/2023/g.png": {Data: []byte("x")}}, nil, body)
	const msg = "markdown/empty-heading: heading has no text, so the page shows an empty heading and screen readers announce one; write its text, or remove the line"
	checkOneWarningPerLine(t, got, map[int]string{12: msg, 14: msg, 16: msg, 27: msg, 32: msg, 34: msg, 36: msg})
}

// TestHeadingIDOfAFootnoteThePageLacks: a heading's {#fn:2} on a page with
// one footnote was renamed fn:2-1 with a warning, though no footnote 2
// exists, and a link to #fn:2 then named nothing, without a warning (QA
// 18r F1). Only the ids the page's footnotes and references have are
// taken; a link to a footnote id the page has neither as a footnote nor as
// a heading is warned about.
func TestHeadingIDOfAFootnoteThePageLacks(t *testing.T) {
	body := strings.Join([]string{
		"## Second part {#fn:2}",        // 12
		"Text[^a].",                     // 14
		"[to the part](#fn:2)",          // 16
		"[to the note](#fn:1)",          // 18
		"[back](#fnref:1)",              // 20
		"[no such note](#fn:5)",         // 22
		"[no such reference](#fnref:3)", // 24
		"[^a]: the note",                // 26
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	checkOneWarningPerLine(t, got, map[int]string{
		22: `markdown/links: link "#fn:5" names no footnote of this postmortem, which has 1 footnote; footnotes are numbered 1, 2, … in the order of their first reference in the text ([^name])`,
		24: `markdown/links: link "#fnref:3" names no reference to a footnote of this postmortem, which has 1 footnote; footnotes are numbered 1, 2, … in the order of their first reference in the text ([^name])`,
	})
	cfg := model.DefaultSiteConfig()
	p, diags := source.ParseFile(qa17mdPath, []byte(linkFront+"\n"+body), &cfg)
	if p == nil {
		t.Fatalf("not parsed: %v", diags)
	}
	for _, w := range []string{`<h2 id="fn:2">Second part</h2>`, `<li id="fn:1">`, `href="#fn:2"`} {
		if !strings.Contains(p.HTML, w) {
			t.Errorf("HTML lacks %s:\n%s", w, p.HTML)
		}
	}
}
