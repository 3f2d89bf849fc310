package source

import (
	"fmt"
	"strings"
	"testing"
)

// TestExtraClosingTagSpoilsOnlyItself: one extra </details> right under
// a good disclosure (a block of only closing tags, as when nested
// disclosures are closed and miscounted) showed the good disclosure as a
// code box too: the block holding the stray tag was shown as text whole,
// and the good </details> in it dragged its <details> along (QA 21r F4).
// A browser and GitHub render the disclosure and ignore the extra tag;
// now only the stray tag's line is shown as text, with its note, and the
// page still opens and closes every rendered tag in order.
func TestExtraClosingTagSpoilsOnlyItself(t *testing.T) {
	last := "<details><summary>Last</summary>\n\nlast text\n\n"
	for _, c := range []struct {
		name, body string
		rendered   []string // the names of the disclosures rendered
		text       []string // HTML shown as text
		page       string   // the page text (search) of the body
		notes      string
	}{
		{"one extra", last + "</details>\n</details>\n",
			[]string{"Last"}, []string{"<code>&lt;/details&gt;\n</code>"}, "Last last text </details>",
			"[{Line:6 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"two extra", last + "</details>\n</details>\n</details>\n",
			[]string{"Last"}, []string{"<code>&lt;/details&gt;\n&lt;/details&gt;\n</code>"}, "Last last text </details> </details>",
			"[{Line:6 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0} {Line:7 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"nested, one extra", "<details><summary>Outer</summary>\n\n" + last + "</details>\n</details>\n</details>\n",
			[]string{"Outer", "Last"}, []string{"<code>&lt;/details&gt;\n</code>"}, "Outer Last last text </details>",
			"[{Line:9 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"extra on the same line", last + "</details></details>\n",
			[]string{"Last"}, []string{"<code>&lt;/details&gt;\n</code>"}, "Last last text </details>",
			"[{Line:5 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		{"stray </summary> before the good </details>", last + "</summary>\n</details>\n",
			[]string{"Last"}, []string{"<code>&lt;/summary&gt;\n</code>"}, "Last last text </summary>",
			"[{Line:5 Tag:<summary> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
		// The opening tag shown as text (no <summary>): its </details>
		// is text, the others still close theirs.
		{"partner shown as text", "<details>\n\n" + last + "</details>\n</details>\n",
			[]string{"Last"}, []string{"&lt;details&gt;", "<code>&lt;/details&gt;\n</code>"}, "<details> Last last text </details>",
			"[{Line:1 Tag:<details> Unpaired:true InText:false Nameless:true Unclosed:false Hides:0}]"},
		// Text in the block: the block is shown as text whole, as before.
		{"text beside the tags", last + "</details>\n</details> done\n",
			nil, []string{"&lt;details&gt;&lt;summary&gt;Last&lt;/summary&gt;", "&lt;/details&gt; done"}, "",
			"[{Line:6 Tag:<details> Unpaired:true InText:false Nameless:false Unclosed:false Hides:0}]"},
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
			if c.page != "" {
				_, plain, err := newMarkdown(false, "en").render([]byte(c.body))
				if err != nil {
					t.Fatal(err)
				}
				got := strings.Join(strings.Fields(plain.All), " ")
				if got != c.page {
					t.Errorf("page text = %q, want %q", got, c.page)
				}
			}
		})
	}
}

// TestEastAsianLineBreakAroundFootnotes: a Japanese line that ends with a
// footnote reference ("脚注[^1]" then "の後。") kept its line break as a
// space, on the page and in the search text ("脚注 の後"), since the
// reference shows no text for lastRune to read (QA 21r F2). The
// reference is transparent to the rule: the character before it counts,
// as the one after it does for a line that starts with one; the line
// joins as it would without the marker. Next to anything else the break
// stays a space.
func TestEastAsianLineBreakAroundFootnotes(t *testing.T) {
	m := newMarkdown(false, "ja")
	for _, c := range []struct{ src, page, text string }{
		{"脚注[^1]\nの後。\n\n[^1]: 注。\n", "脚注<sup", "脚注の後。\n注。"},
		{"前の行\n[^1]の後。\n\n[^1]: 注。\n", "前の行<sup", "前の行の後。\n注。"},
		{"句点。[^1]\nDB の後。\n\n[^1]: 注。\n", "句点。<sup", "句点。DB の後。\n注。"},
		// A break next to anything else stays a space.
		{"脚注[^1]\nDB も。\n\n[^1]: 注。\n", "", "脚注 DB も。\n注。"},
		{"the DB[^1]\n障害。\n\n[^1]: note.\n", "", "the DB 障害。\nnote."},
		{"see[^1]\nand more.\n\n[^1]: note.\n", "", "see and more.\nnote."},
	} {
		h, text, err := m.render([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if text.All != c.text {
			t.Errorf("%q: text\n got %q\nwant %q", c.src, text.All, c.text)
		}
		p := h[:strings.Index(h, "</p>")]
		if joined := !strings.Contains(p, "\n"); joined != (c.page != "") {
			t.Errorf("%q: the line break joined is %v on the page:\n%s", c.src, joined, h)
		}
	}
}
