package diag

import (
	"strings"
	"testing"
)

// TestQuote checks the excerpt and caret lines printed under a problem:
// the caret under the column's character after wide (Japanese)
// characters and tabs, no caret without a column, control characters
// made harmless, and a long line cut around the column.
func TestQuote(t *testing.T) {
	long := strings.Repeat("a", 150) + "X" + strings.Repeat("b", 150)
	for _, tc := range []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"ascii", Diagnostic{Pos: Pos{Line: 4}, Col: 11, Excerpt: "severity: [SEV1"},
			"       4 | severity: [SEV1\n" +
				"         |           ^\n"},
		{"japanese", Diagnostic{Pos: Pos{Line: 12}, Col: 10, Excerpt: "title: 決済，障害"},
			"      12 | title: 決済，障害\n" +
				"         |            ^\n"},
		{"tab", Diagnostic{Pos: Pos{Line: 3}, Col: 4, Excerpt: "\t- [web"},
			"       3 | \t- [web\n" +
				"         | \t  ^\n"},
		{"tab after text", Diagnostic{Pos: Pos{Line: 3}, Col: 8, Excerpt: "障害:\t\"x\tyz"},
			"       3 | 障害:\t\"x\tyz\n" +
				"         |      \t  \t^\n"},
		// 👍🏽 is two characters drawn as one emoji, two columns wide.
		{"emoji with a skin tone", Diagnostic{Pos: Pos{Line: 6}, Col: 11, Excerpt: "title: 👍🏽 [x"},
			"       6 | title: 👍🏽 [x\n" +
				"         |           ^\n"},
		{"no column", Diagnostic{Pos: Pos{Line: 7}, Excerpt: "title = A"},
			"       7 | title = A\n"},
		{"after the end", Diagnostic{Pos: Pos{Line: 2}, Col: 6, Excerpt: "a: [b"},
			"       2 | a: [b\n" +
				"         |      ^\n"},
		{"control characters", Diagnostic{Pos: Pos{Line: 5}, Col: 8, Excerpt: "title: \x1b[31m\u0085red"},
			"       5 | title:  [31m red\n" +
				"         |        ^\n"},
		// A bidi control is what markdown/bidi-control points at: spelled
		// out, the caret is under something.
		{"bidi control", Diagnostic{Pos: Pos{Line: 2}, Col: 15, Excerpt: "title: invoice\u202etxt.exe"},
			"       2 | title: invoice<U+202E>txt.exe\n" +
				"         |               ^\n"},
		{"long", Diagnostic{Pos: Pos{Line: 1000}, Col: 151, Excerpt: long},
			"    1000 | …" + strings.Repeat("a", 40) + "X" + strings.Repeat("b", 57) + "…\n" +
				"         |  " + strings.Repeat(" ", 40) + "^\n"},
		{"long, column near the start", Diagnostic{Pos: Pos{Line: 1}, Col: 3, Excerpt: long},
			"       1 | " + strings.Repeat("a", 98) + "…\n" +
				"         |   ^\n"},
		{"long, column at the end", Diagnostic{Pos: Pos{Line: 1}, Col: 302, Excerpt: long},
			"       1 | …" + strings.Repeat("b", 98) + "\n" +
				"         |  " + strings.Repeat(" ", 98) + "^\n"},
		{"no-break space", Diagnostic{Pos: Pos{Line: 5}, Col: 7, Excerpt: "date:\u00a0\u00a02024-11-08"},
			"       5 | date:<U+00A0><U+00A0>2024-11-08\n" +
				"         |              ^\n"},
		{"invalid UTF-8", Diagnostic{Pos: Pos{Line: 2}, Col: 3, Excerpt: "a\xffb"},
			"       2 | a\ufffdb\n" +
				"         |   ^\n"},
		{"none", Diagnostic{Pos: Pos{Line: 1}, Col: 3}, ""},
	} {
		if got := tc.d.Quote(); got != tc.want {
			t.Errorf("%s: Quote() =\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}

// TestSortByColumn checks that two problems on one line sort by column
// and are both kept.
func TestSortByColumn(t *testing.T) {
	p := Pos{Path: "a.md", Line: 3}
	l := &List{}
	l.Add(Diagnostic{Pos: p, Col: 9, Message: "m"})
	l.Add(Diagnostic{Pos: p, Col: 2, Message: "m"})
	l.Add(Diagnostic{Pos: p, Col: 9, Message: "m"})
	l.Sort()
	if got := l.Items(); len(got) != 2 || got[0].Col != 2 || got[1].Col != 9 {
		t.Errorf("sorted to %+v, want columns 2 and 9", got)
	}
}
