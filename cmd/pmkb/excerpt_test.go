package main

import "testing"

// TestExcerptShowsInvisibleCharacters checks that the quoted source line
// under an error spells out the characters that look like spaces but are
// the mistake (QA5 A#6: "date:<U+00A0>2024-11-08" printed as a plain space).
func TestExcerptShowsInvisibleCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"date:\u00a02024-11-08":   "date:<U+00A0>2024-11-08",
		"\t- web":                 "<TAB>- web",
		"\u3000owner: ben":        "<U+3000>owner: ben",
		"title: \x1b[31mred":      "title: ?[31mred",
		"title: 決済 API の障害":       "title: 決済 API の障害",
		"\uFEFFtitle: with a BOM": "title: with a BOM",
	} {
		if got := excerpt(in); got != want {
			t.Errorf("excerpt(%q) = %q, want %q", in, got, want)
		}
	}
}
