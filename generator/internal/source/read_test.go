package source

import (
	"bytes"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// frontmatterSplit splits data with adrg/frontmatter, the library whose
// delimiting splitFrontMatter follows: the captured front matter (nil when
// none was found) and the body.
func frontmatterSplit(t testing.TB, data []byte) (fm, body []byte) {
	capture := func(b []byte, _ any) error {
		fm = bytes.Clone(b)
		return nil
	}
	body, err := frontmatter.Parse(bytes.NewReader(data), nil,
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture),
		&frontmatter.Format{Start: "{", End: "}", Unmarshal: capture, UnmarshalDelims: true, RequiresNewLine: true},
	)
	if err != nil {
		t.Fatalf("frontmatter.Parse(%q): %v", data, err)
	}
	return fm, body
}

// checkSplit compares splitFrontMatter with adrg/frontmatter on data: the
// same front matter and body when it finds one; an unclosed error when the
// first non-blank line opens a front matter the library does not close.
func checkSplit(t *testing.T, data []byte) {
	t.Helper()
	s, prob := splitFrontMatter(data)
	fm, body := frontmatterSplit(t, data)
	if fm == nil {
		switch {
		case s.format == fmNone && prob == nil:
			if !bytes.Equal(s.body, data) || s.bodyLine != 1 {
				t.Errorf("%q: no front matter, but body %q at line %d", data, s.body, s.bodyLine)
			}
		case s.format != fmNone && prob != nil && strings.Contains(prob.msg, "is not closed"):
		default:
			t.Errorf("%q: library finds no front matter; split gives format %v, problem %v", data, s.format, prob)
		}
		return
	}
	if prob != nil {
		t.Fatalf("%q: library splits; split reports %q", data, prob.msg)
	}
	if !bytes.Equal(s.data, fm) || !bytes.Equal(s.body, body) {
		t.Errorf("%q:\nsplit   front matter %q body %q\nlibrary front matter %q body %q", data, s.data, s.body, fm, body)
	}
	if want := 1 + bytes.Count(data[:len(data)-len(body)], []byte("\n")); s.bodyLine != want {
		t.Errorf("%q: body line %d, want %d", data, s.bodyLine, want)
	}
}

var splitCases = []string{
	"",
	"\n\n",
	"body only\n",
	"---",
	"---\n",
	"---\n---",
	"---\n---\n",
	"---\ntitle: t\n---\nbody\n",
	"\n \t\n---  \ntitle: t\n  ---\t\nbody\n---\nmore\n",
	"---\ntitle: t\nno close\n",
	"---\ntitle: t\n----\n",
	"+++\ntitle = \"t\"\n+++\nbody",
	"+++\ntitle = \"t\"\n+++",
	"+++\ntitle = \"t\"\n---\n",
	"{\n\"title\": \"t\"\n}\n\nbody\n",
	"{\n\"title\": \"t\"\n}\n",
	"{\n\"title\": \"t\"\n}",
	"{\n\"a\": {\n}\nx\n}\n\nbody",
	"{\n}\n}\n\nbody",
	"{\n}\nbody\n",
	"{\n}\n \n}\n",
	"{ \"title\": \"t\" }\n\nbody",
	"\u00a0\n---\n---\n",
	"\u2028---\n---\n",
	"title: t\n---\n",
}

func TestSplitMatchesFrontmatter(t *testing.T) {
	for _, c := range splitCases {
		checkSplit(t, []byte(c))
	}
}

func TestSplitLines(t *testing.T) {
	s, prob := splitFrontMatter([]byte("\n\n{\n  \"title\": \"t\"\n}\n\n## Body\n"))
	if prob != nil {
		t.Fatal(prob.msg)
	}
	if s.format != fmJSON || s.openLine != 3 || s.dataLine != 3 || s.bodyLine != 7 {
		t.Errorf("format %v open %d data %d body %d; want JSON 3 3 7", s.format, s.openLine, s.dataLine, s.bodyLine)
	}
	s, prob = splitFrontMatter([]byte("---\ntitle: t\n---\nbody\n"))
	if prob != nil || s.openLine != 1 || s.dataLine != 2 || s.bodyLine != 4 || string(s.data) != "title: t\n" {
		t.Errorf("YAML: %+v, %v", s, prob)
	}
}

func FuzzSplitMatchesFrontmatter(f *testing.F) {
	for _, c := range splitCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSplit(t, data)
	})
}
