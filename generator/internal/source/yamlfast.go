package source

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Most front matter is a handful of "key: value" lines, flow lists
// ([a, b]) and one or two nested blocks (timeline:, action_items:).
// go.yaml.in/yaml/v3, a port of libyaml, spends about as long on those
// twenty lines as goldmark spends on the whole body, most of it in its
// token queue and comment bookkeeping. simpleYAML reads that common shape
// directly into the tree parseYAML would make of the library's nodes, and
// declines everything else (comments, escapes, multi-line and block
// scalars, anchors, tags, flow mappings, duplicate keys, blank lines, tabs,
// odd indentation, nesting near maxDepth), which the library then reads as
// before, with its errors and positions. Scalars are typed by the
// library's own resolver (yaml.Node.ShortTag, through scalar), so "no" and
// "1.10" mean what they meant. TestSimpleYAMLMatchesLibrary and
// FuzzSimpleYAMLMatchesLibrary hold it to the library's tree.

// simpleYAML returns the tree of data when data is a block mapping of the
// simple shape, or nil to leave data to the library.
func simpleYAML(data []byte) *node {
	lines, ok := simpleLines(data)
	if !ok || len(lines) == 0 || lines[0].indent != 0 {
		return nil
	}
	p := &simpleParser{lines: lines}
	root := p.block(0, 0)
	if p.failed || p.i != len(lines) || root.kind != kindMap {
		return nil
	}
	return root
}

// simpleLine is one line of the document: its indentation in spaces, its
// text without indentation and trailing spaces, and its 1-based number.
type simpleLine struct {
	indent int
	text   string
	num    int
}

// simpleLines splits data into lines, declining any character the library
// treats specially wherever it stands (tabs, comments, line breaks other
// than "\n", characters it does not accept as printable) and blank lines.
func simpleLines(data []byte) ([]simpleLine, bool) {
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return nil, false
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c == '\n' || c >= 0x20 && c < 0x7F && c != '#' {
				i++
				continue
			}
			return nil, false
		}
		r, size := utf8.DecodeRune(data[i:])
		// libyaml's printable set, less its line and paragraph separators.
		if r == utf8.RuneError && size == 1 || r < 0xA0 || r > 0xFFFD || r == 0xFEFF || r == 0x2028 || r == 0x2029 || r >= 0xD800 && r <= 0xDFFF {
			return nil, false
		}
		i += size
	}
	lines := make([]simpleLine, 0, bytes.Count(data, []byte("\n")))
	// One string for the document; lines and values are parts of it.
	for doc, n := string(data), 1; len(doc) > 0; n++ {
		end := strings.IndexByte(doc, '\n')
		l := doc[:end]
		doc = doc[end+1:]
		indent := 0
		for indent < len(l) && l[indent] == ' ' {
			indent++
		}
		text := strings.TrimRight(l[indent:], " ")
		if len(text) == 0 {
			return nil, false
		}
		lines = append(lines, simpleLine{indent: indent, text: text, num: n})
	}
	return lines, true
}

type simpleParser struct {
	lines  []simpleLine
	i      int // next line
	failed bool
}

// siblings counts the lines from the next one on at indentation indent
// before one less indented: the entries of the block starting there.
func (p *simpleParser) siblings(indent int) int {
	n := 0
	for _, l := range p.lines[p.i:] {
		if l.indent < indent {
			break
		}
		if l.indent == indent {
			n++
		}
	}
	return n
}

// fail marks the document as not simple and returns a placeholder node.
func (p *simpleParser) fail() *node {
	p.failed = true
	return &node{}
}

// block reads the mapping or sequence whose first line is the next one, at
// indentation indent. depth counts the blocks around it; the values of a
// flow list in it are two levels deeper, and yamlConv's limit must be left
// to the library to report.
func (p *simpleParser) block(indent, depth int) *node {
	if depth+2 > maxDepth || p.i >= len(p.lines) {
		return p.fail()
	}
	l := p.lines[p.i]
	if l.text == "-" || len(l.text) > 1 && l.text[0] == '-' && l.text[1] == ' ' {
		return p.sequence(indent, depth)
	}
	return p.mapping(indent, depth)
}

// mapping reads "key: value" lines at indentation indent.
func (p *simpleParser) mapping(indent, depth int) *node {
	n := &node{kind: kindMap, line: p.lines[p.i].num, keys: make([]mapKey, 0, p.siblings(indent))}
	for !p.failed && p.i < len(p.lines) && p.lines[p.i].indent == indent {
		l := p.lines[p.i]
		key, rest, ok := simpleKey(l.text)
		if !ok {
			return p.fail()
		}
		if _, dup := n.get(key); dup {
			// The library's error says where.
			return p.fail()
		}
		p.i++
		var v *node
		if rest == "" {
			// The value is the block on the following, deeper lines; an
			// empty value is left to the library.
			if p.i >= len(p.lines) || p.lines[p.i].indent <= indent {
				return p.fail()
			}
			v = p.block(p.lines[p.i].indent, depth+1)
		} else {
			v = p.inline(rest, l.num)
			if p.i < len(p.lines) && p.lines[p.i].indent > indent {
				// A continuation line of a multi-line scalar.
				return p.fail()
			}
		}
		n.keys = append(n.keys, mapKey{name: key, line: l.num, val: v})
	}
	return n
}

// sequence reads "- item" lines at indentation indent; an item is a value
// on the same line, or a mapping whose first key is on that line.
func (p *simpleParser) sequence(indent, depth int) *node {
	n := &node{kind: kindList, line: p.lines[p.i].num, items: make([]*node, 0, p.siblings(indent))}
	for !p.failed && p.i < len(p.lines) && p.lines[p.i].indent == indent {
		l := p.lines[p.i]
		if len(l.text) < 3 || l.text[0] != '-' || l.text[1] != ' ' {
			return p.fail()
		}
		rest := l.text[2:]
		itemIndent := indent + 2
		for rest[0] == ' ' {
			rest = rest[1:]
			itemIndent++
		}
		if _, _, isKey := simpleKey(rest); isKey {
			// "- key: value" opens a mapping at the key's column; its
			// other keys follow on lines indented to that column.
			p.lines[p.i] = simpleLine{indent: itemIndent, text: rest, num: l.num}
			n.items = append(n.items, p.mapping(itemIndent, depth+1))
			continue
		}
		p.i++
		n.items = append(n.items, p.inline(rest, l.num))
		if p.i < len(p.lines) && p.lines[p.i].indent > indent {
			return p.fail()
		}
	}
	return n
}

// inline reads a value that stands on its line: a flow list of scalars or
// a scalar.
func (p *simpleParser) inline(s string, line int) *node {
	if s[0] != '[' {
		v, ok := simpleScalar(s, line, false)
		if !ok {
			return p.fail()
		}
		return v
	}
	if s[len(s)-1] != ']' {
		return p.fail()
	}
	n := &node{kind: kindList, line: line}
	// "[ a , b ]": spaces around items; "[ ]" is empty.
	inner := strings.Trim(s[1:len(s)-1], " ")
	if inner != "" {
		n.items = make([]*node, 0, strings.Count(inner, ",")+1)
	}
	for inner != "" {
		item, next, more := strings.Cut(inner, ",")
		if more && next == "" {
			// A trailing comma.
			return p.fail()
		}
		v, ok := simpleScalar(strings.Trim(item, " "), line, true)
		if !ok {
			return p.fail()
		}
		n.items = append(n.items, v)
		inner = next
	}
	return n
}

// simpleKey splits "key: rest" or "key:" into the key and the value text;
// a key is a plain name of letters, digits, "_" and "-".
func simpleKey(s string) (key, rest string, ok bool) {
	i := 0
	for i < len(s) && i <= 128 {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-') {
			i++
			continue
		}
		break
	}
	if i == 0 || i > 128 || i >= len(s) || s[i] != ':' {
		return "", "", false
	}
	rest = s[i+1:]
	if rest != "" && rest[0] != ' ' {
		return "", "", false
	}
	for rest != "" && rest[0] == ' ' {
		rest = rest[1:]
	}
	return s[:i], rest, true
}

// simpleScalar reads a plain scalar, or a quoted one without escapes, that
// is all of s; inFlow says s is an item of a flow list.
func simpleScalar(s string, line int, inFlow bool) (*node, bool) {
	if s == "" {
		return nil, false
	}
	switch s[0] {
	case '"', '\'':
		q := s[0]
		if len(s) < 2 || s[len(s)-1] != q {
			return nil, false
		}
		body := s[1 : len(s)-1]
		if strings.IndexByte(body, q) >= 0 || q == '"' && strings.IndexByte(body, '\\') >= 0 {
			return nil, false
		}
		return &node{kind: kindScalar, line: line, text: body}, true
	}
	// Characters that start something other than a plain scalar.
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@` ", s[0]) >= 0 {
		return nil, false
	}
	if s[len(s)-1] == ':' || strings.Contains(s, ": ") {
		return nil, false
	}
	if inFlow {
		for i := 0; i < len(s); i++ {
			if strings.IndexByte(",[]{}:", s[i]) >= 0 {
				return nil, false
			}
		}
	}
	if textual(s) {
		return &node{kind: kindScalar, line: line, text: s}, true
	}
	// Typed as the library types it.
	return scalar(&yaml.Node{Kind: yaml.ScalarNode, Value: s, Line: line}), true
}

// textual reports whether the library's resolver makes the plain scalar s
// a string or a timestamp, which scalar reads alike, as text, without
// asking it: its null, booleans, numbers and special floats are spelled
// with letters, digits and "_.+-" only, but for "~"; and a date
// (2024-03-14) is none of those.
func textual(s string) bool {
	if s == "~" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '+' || c == '-') {
			return true
		}
	}
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
