package source

import (
	"bufio"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"

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

// TestSplitBodyAsLibrary checks that the body splitFrontMatter slices from
// the file, after stopping adrg/frontmatter at the end of the front
// matter, is the body the library returns when it reads the whole file:
// front matter closed at the end of the file, lines longer than the
// library's 4 KiB reader, JSON's blank line, a delimiter in the body.
func TestSplitBodyAsLibrary(t *testing.T) {
	long := strings.Repeat("x", 9000)
	for _, in := range []string{
		"---\ntitle: t\n---\nbody\n",
		"---\ntitle: t\n---",
		"---\ntitle: t\n---\n",
		"\n\n+++\ntitle = \"t\"\n+++\n\nbody\n+++\nmore",
		"{\n\"title\": \"t\"\n}\nnot blank\n}\n\n## Body\n",
		"---\ntitle: " + long + "\n---\n" + long + "\n---\n" + long,
		"---   \ntitle: t\n  ---  \nbody",
	} {
		for _, br := range []*bufio.Reader{nil, bufio.NewReader(nil)} {
			s, prob := splitFrontMatter([]byte(in), br)
			if prob != nil {
				t.Fatalf("%.40q: %s", in, prob.msg)
			}
			var fm []byte
			capture := func(b []byte, v any) error { fm = b; return nil }
			want, err := frontmatter.Parse(strings.NewReader(in), nil,
				&frontmatter.Format{Start: "---", End: "---", Unmarshal: capture},
				&frontmatter.Format{Start: "+++", End: "+++", Unmarshal: capture},
				&frontmatter.Format{Start: "{", End: "}", Unmarshal: capture, UnmarshalDelims: true, RequiresNewLine: true})
			if err != nil {
				t.Fatal(err)
			}
			if string(s.body) != string(want) || string(s.data) != string(fm) {
				t.Errorf("%.40q: body %.40q, data %.40q; the library gives %.40q, %.40q", in, s.body, s.data, want, fm)
			}
			if n := 1 + strings.Count(in[:len(in)-len(want)], "\n"); s.bodyLine != n {
				t.Errorf("%.40q: body line %d, want %d", in, s.bodyLine, n)
			}
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
	// Code review: the symbols Japanese postmortems are full of keep the
	// fast path, and the symbol blocks among stableRanges have no
	// canonical decomposition at all (NFC and NFD both leave them alone).
	if s := "手順① → ② ⇒ 完了 ✓ ■ 対象 ★ ┌─┐ █ ☎"; mayNeedNFC([]byte(s)) {
		t.Errorf("%+q: mayNeedNFC true for symbols", s)
	}
	for _, rg := range stableRanges {
		for r := max(rg[0], 0x2190); r <= min(rg[1], 0x27BF); r++ {
			if d := norm.NFC.PropertiesString(string(r)).Decomposition(); d != nil {
				t.Errorf("U+%04X has a canonical decomposition %+q", r, d)
			}
		}
	}
	for _, s := range []string{"↚", "↚", "⇏"} {
		if !mayNeedNFC([]byte(s)) {
			t.Errorf("%+q: mayNeedNFC false for an arrow that decomposes", s)
		}
	}
}

// BenchmarkMayNeedNFC compares the scan with norm's exact check on
// Japanese text.
func BenchmarkMayNeedNFC(b *testing.B) {
	text := []byte(strings.Repeat("注文 DB（PostgreSQL 16、マネージド）が昇格した。手順① → ② ✓\n", 2000))
	b.Run("mayNeedNFC", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if mayNeedNFC(text) {
				b.Fatal("mayNeedNFC true")
			}
		}
	})
	b.Run("IsNormal", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if !norm.NFC.IsNormal(text) {
				b.Fatal("not normal")
			}
		}
	})
}

// FuzzSplitFrontMatter checks that cutting any text into front matter and
// body, and explaining a JSON front matter that does not end as it must
// (jsonUnclosed), neither panics nor points outside the text.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"{\n\"a\": 1\n}\nbody\n", "{\n\"a\": 1}\nbody\n", "{\n\"a\": {\n}\n}\n", "{\n\"a\" 1\n}\nx\n", "  \n{\n}", "---\na: 1\n", "{\n\"a\": \"}\"\n}x\n}\ny\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, prob := splitFrontMatter(data, nil)
		if lines := strings.Count(string(data), "\n") + 1; prob != nil && (prob.line < 1 || prob.line > lines || prob.msg == "") {
			t.Fatalf("problem at line %d of %d: %q", prob.line, lines, prob.msg)
		}
	})
}
