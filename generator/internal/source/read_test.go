package source

import (
	"bufio"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestSplitLines checks the lines splitFrontMatter gives the opening
// delimiter, the front-matter data and the body, with and without a reused
// reader.
func TestSplitLines(t *testing.T) {
	for _, br := range []*bufio.Reader{nil, bufio.NewReader(nil)} {
		s, prob := splitFrontMatter([]byte("\n\n{\n  \"title\": \"t\"\n}\n\n## Body\n"), br)
		if prob != nil {
			t.Fatal(prob.msg)
		}
		if s.format != fmJSON || s.openLine != 3 || s.dataLine != 3 || s.bodyLine != 7 || string(s.data) != "{\n  \"title\": \"t\"\n}\n\n" || string(s.body) != "## Body\n" {
			t.Errorf("JSON: %+v; want format JSON, lines 3 3 7 (the blank line after } belongs to the data, as in adrg/frontmatter)", s)
		}
		s, prob = splitFrontMatter([]byte("---\ntitle: t\n---\nbody\n"), br)
		if prob != nil || s.openLine != 1 || s.dataLine != 2 || s.bodyLine != 4 || string(s.data) != "title: t\n" || string(s.body) != "body\n" {
			t.Errorf("YAML: %+v, %v", s, prob)
		}
	}
}

// TestStableRanges checks the claim mayNeedNFC rests on: every character
// of stableRanges is in NFC and never composes with the one before it.
func TestStableRanges(t *testing.T) {
	for _, rg := range stableRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			if !norm.NFC.IsNormalString(string(r)) || !norm.NFC.PropertiesString(string(r)).BoundaryBefore() {
				t.Errorf("U+%04X is not NFC-stable", r)
			}
			// After a letter that could take a mark, it stays apart.
			if s := "a" + string(r); !norm.NFC.IsNormalString(s) {
				t.Errorf("a followed by U+%04X is not in NFC", r)
			}
		}
	}
	for _, s := range []string{"\u30c6\u3099", "e\u0301", "\u795e\ufa19", "\u1100\u1161"} {
		if !mayNeedNFC([]byte(s)) {
			t.Errorf("%+q: mayNeedNFC false", s)
		}
	}
	if mayNeedNFC([]byte("注文 DB（PostgreSQL 16、マネージド）が昇格した。ﾊﾞｯﾁ Café")) {
		t.Error("mayNeedNFC true for text in stable ranges")
	}
}
