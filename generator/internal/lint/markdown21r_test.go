package lint

import "testing"

// TestUnclosedCommentWarned: an HTML comment that is never closed hides
// the rest of its block, which for a comment on lines of its own is the
// rest of the body: the page ended early, search lost the words, and no
// command said so (QA 21r F6). markdown/raw-html now warns at the
// comment's line, says how much it hides, and names the first heading
// it hides. A closed comment, and "<!--" in code, are not warned about.
func TestUnclosedCommentWarned(t *testing.T) {
	hint := " | end the comment with --> where the note ends; a comment that is never closed hides everything after it on the page, in search and in exports, as on GitHub"
	for _, c := range []struct {
		name string
		body []string
		want map[int]string
	}{
		{"rest of the body, a heading", []string{
			"Before.", // 6
			"",
			"<!-- note to self", // 8
			"the rest later",
			"",
			"## Timeline notes",
			"",
			"Secret draft notes hiddenword.", // 13
		}, map[int]string{8: `HTML comment <!-- is never closed (no -->): it hides the rest of the body, 5 lines after it, with the heading "Timeline notes"`}},
		{"closed, then one never closed", []string{
			"<!-- fine -->", // 6
			"",
			"Text.",
			"",
			"<!-- todo: add the graph", // 10
			"",
			"",
		}, map[int]string{10: `HTML comment <!-- is never closed (no -->): it hides the rest of its line`}},
		{"in a list item", []string{
			"- one", // 6
			"  <!-- draft",
			"  more",
			"  and more",
			"- two",
			"",
			"After.",
		}, map[int]string{7: `HTML comment <!-- is never closed (no -->): it hides the rest of its line and the next 2 lines, to the end of its HTML block, list item or quote`}},
		// The <div> block is shown as text, with its own warning, as before.
		{"in a div block", []string{
			"<div>text <!-- x", // 6
			"hidden",
			"",
			"After.",
		}, map[int]string{6: `HTML comment <!-- is never closed (no -->): it hides the rest of its line and the next line, to the end of its HTML block, list item or quote`}},
		{"closed and in code", []string{
			"<!-- a",
			"b -->",
			"",
			"```",
			"<!-- not a comment",
			"```",
			"",
			"Text `<!--` here.",
		}, map[int]string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := rawHTMLWarnings(t, md(c.body...))
			for line, w := range c.want {
				found := false
				for _, g := range got[line] {
					found = found || g == w+hint
				}
				if !found {
					t.Errorf("line %d:\n got %q\nwant %q", line, got[line], w+hint)
				}
			}
			for line, g := range got {
				if _, ok := c.want[line]; !ok {
					t.Errorf("line %d: unexpected %q", line, g)
				}
			}
		})
	}
}
