package source

import (
	"strings"
	"testing"
)

// TestYAMLDocumentEnd checks that a YAML front matter that ends its
// document ("...") before its last fields is an error at that line, which
// names the fields: yaml.v3 reads the first document only, so they were
// silently dropped and a required one reported missing though written
// (QA 15, the yaml engineer's note). A "..." followed by nothing, or by
// comments, and "..." inside a value are not.
func TestYAMLDocumentEnd(t *testing.T) {
	for _, tt := range []struct {
		name, yaml string
		line       int    // of the error, 0 for none
		want       string // in its message
	}{
		{"fields after it", "title: Disk full\n...\nsystems: [api]\ncauses: [capacity]\n", 2, `"..." ends the YAML document here, so the lines after it (systems:, causes:) are not read; remove this line`},
		{"with a comment on it", "title: x\n... # end\n- stray\n", 2, "the lines after it are not read"},
		{"CRLF", "title: x\r\n...\r\nsystems: [api]\r\n", 2, "(systems:)"},
		{"nothing after it", "title: x\n...\n\n", 0, ""},
		{"only comments after it", "title: x\n...\n# notes\n  # more\n", 0, ""},
		{"inside a value", "title: ...\nsummary: |\n  ...\n  more\n", 0, ""},
		{"indented", "title: x\n  ...\n", 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := yamlDocumentEnd([]byte(tt.yaml))
			switch {
			case tt.line == 0 && e != nil:
				t.Errorf("error %d: %s, want none", e.line, e.msg)
			case tt.line != 0 && (e == nil || e.line != tt.line || !strings.Contains(e.msg, tt.want)):
				t.Errorf("got %+v, want line %d holding %q", e, tt.line, tt.want)
			}
		})
	}
	// Through the parser: the error replaces the tree.
	if _, errs := parseYAML([]byte("title: x\n...\nsystems: [api]\n"), nil); len(errs) != 1 || errs[0].line != 2 {
		t.Errorf("parseYAML: %v, want the error at line 2", errs)
	}
}
