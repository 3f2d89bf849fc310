package source

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzExplainYAML checks that explaining any YAML syntax error neither
// panics nor points outside the document.
func FuzzExplainYAML(f *testing.F) {
	for _, s := range []string{
		"title: x\nseverity: [SEV3\nstatus: draft\n",
		"title: \"open\nsummary: \"closed\" x\n",
		"title: a: b\n", "title: “a: b” c\n", "date:\u00a02024-01-01\n", "a:\n\t- b\n",
		"a:\n  - b: 1\n    c: 2\n   d: 3\n", "a: [\"x, 'y', {z: [1\n", "a: |\n  [x\nb: [\n",
		"title: [SEV1] x #1\ntags:\n  - @a\n  - 'b' c\nsummary: *all* x\n", "a: |\n  - @x\nb: - c\n", "title: !x &y z #w\n",
		"title:x\nsummary:y\n", "date = 2024\nstatus = x\n", "a: b\n- c: d\n", "a: [x]\n- y\n", "a: [b］\n", "- x:y\n",
		"causes: \u3000 #x\n- a\n", "status: draft\n- :\n",
		// QA 15 A-F1: nesting that made goccy/go-yaml take all memory.
		yamlDeepHead + "extra: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n",
		yamlDeepHead + "extra:\n  " + strings.Repeat("- ", 60000) + "x\n",
		"a: [\"[[\", '[', b\"[, {c: [[d]]}, # [\n  ]\nb: |\n  [[\n- [[x]]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// yamlTooDeep refuses no document that yaml.v3 reads, whole,
		// nested within the limit. (yaml.Unmarshal reads the first
		// document of a text and lets the rest go unread, where
		// yamlTooDeep may see more of it.)
		if e := yamlTooDeep(data); e != nil {
			if doc, ok := oneYAMLDocument(data); ok && yamlNodeDepth(doc) <= maxDepth {
				t.Fatalf("refused as nested too deep at %d:%d; yaml.v3 reads it nested %d levels deep", e.line, e.col, yamlNodeDepth(doc))
			}
		}
		// roughYAMLDepth bounds the nesting yaml.v3 reads.
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) > 0 {
			if depth, rough := yamlNodeDepth(doc.Content[0]), roughYAMLDepth(data); depth > rough {
				t.Fatalf("nested %d deep; roughYAMLDepth says at most %d", depth, rough)
			}
		}
		_, errs := parseYAML(data, nil)
		// The parser counts a lone "\r" as a line end too.
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 1
		for _, e := range errs {
			if e.line < 0 || e.line > lines+1 || e.msg == "" {
				t.Fatalf("error at line %d of %d: %q", e.line, lines, e.msg)
			}
		}
	})
}

// yamlNodeDepth is how deep n nests, as yamlConv counts it from 0.
func yamlNodeDepth(n *yaml.Node) int {
	deepest := 0
	for _, c := range n.Content {
		deepest = max(deepest, 1+yamlNodeDepth(c))
	}
	return deepest
}

// oneYAMLDocument returns the value of data when yaml.v3 reads it as one
// document and nothing more.
func oneYAMLDocument(data []byte) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc, next yaml.Node
	if dec.Decode(&doc) != nil || len(doc.Content) == 0 || dec.Decode(&next) != io.EOF {
		return nil, false
	}
	return doc.Content[0], true
}
