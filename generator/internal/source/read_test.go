package source

import (
	"bufio"
	"testing"
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
