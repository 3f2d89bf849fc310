package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	toml "github.com/pelletier/go-toml/v2"
)

// node is one value of a front-matter or config document, in a shape common
// to YAML, TOML and JSON, with the 1-based line it starts on relative to the
// document. Keeping lines on every value is what lets every later message
// say "path:line".
type node struct {
	kind  nodeKind
	line  int
	text  string // scalar source text, decoded (quotes and escapes removed)
	value any    // scalar decoded value: string, int64, uint64, float64, bool or nil
	items []*node
	keys  []mapKey // in document order
}

type mapKey struct {
	name string
	line int
	val  *node
}

type nodeKind int

const (
	kindNull nodeKind = iota
	kindScalar
	kindList
	kindMap
)

func (k nodeKind) String() string {
	switch k {
	case kindScalar:
		return "a single value"
	case kindList:
		return "a list"
	case kindMap:
		return "a mapping"
	}
	return "empty"
}

// get returns the map entry named name.
func (n *node) get(name string) (mapKey, bool) {
	for _, k := range n.keys {
		if k.name == name {
			return k, true
		}
	}
	return mapKey{}, false
}

// plain converts n to plain Go values (for fields pmkb keeps but does not
// interpret): strings, numbers, bools, []any and map[string]any.
func (n *node) plain() any {
	switch n.kind {
	case kindScalar:
		return n.value
	case kindList:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = it.plain()
		}
		return out
	case kindMap:
		out := make(map[string]any, len(n.keys))
		for _, k := range n.keys {
			out[k.name] = k.val.plain()
		}
		return out
	}
	return nil
}

// syntaxError is a parse error at a document-relative line and column.
type syntaxError struct {
	line, col int
	msg       string
}

func (e *syntaxError) Error() string { return e.msg }

// maxDepth bounds nesting so a hostile document cannot exhaust the stack.
const maxDepth = 64

// parseYAML parses YAML (and JSON, which YAML 1.2 contains) into a tree.
// Duplicate keys and aliases are errors: duplicates are almost always a
// merge accident, and aliases are how "billion laughs" documents explode.
func parseYAML(data []byte) (*node, []*syntaxError) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, []*syntaxError{yamlError(err)}
	}
	var errs []*syntaxError
	var body ast.Node
	for _, d := range f.Docs {
		if d.Body != nil {
			if body != nil {
				errs = append(errs, &syntaxError{line: d.Body.GetToken().Position.Line, msg: "front matter holds more than one YAML document"})
				break
			}
			body = d.Body
		}
	}
	if body == nil {
		return &node{kind: kindMap, line: 1}, errs
	}
	c := &yamlConv{}
	n := c.conv(body, 0)
	return n, append(errs, c.errs...)
}

func yamlError(err error) *syntaxError {
	type tokenError interface {
		GetMessage() string
		GetToken() *token.Token
	}
	var te tokenError
	if errors.As(err, &te) && te.GetToken() != nil {
		p := te.GetToken().Position
		return &syntaxError{line: p.Line, col: p.Column, msg: "invalid YAML: " + te.GetMessage()}
	}
	return &syntaxError{line: 1, msg: "invalid YAML: " + firstLine(err.Error())}
}

type yamlConv struct{ errs []*syntaxError }

func (c *yamlConv) errorf(tok *token.Token, format string, args ...any) {
	line, col := 1, 0
	if tok != nil {
		line, col = tok.Position.Line, tok.Position.Column
	}
	c.errs = append(c.errs, &syntaxError{line: line, col: col, msg: fmt.Sprintf(format, args...)})
}

func (c *yamlConv) conv(n ast.Node, depth int) *node {
	if n == nil {
		return &node{kind: kindNull}
	}
	tok := n.GetToken()
	line := 0
	if tok != nil {
		line = tok.Position.Line
	}
	if depth > maxDepth {
		c.errorf(tok, "front matter is nested more than %d levels deep", maxDepth)
		return &node{kind: kindNull, line: line}
	}
	switch v := n.(type) {
	case *ast.NullNode:
		return &node{kind: kindNull, line: line}
	case *ast.StringNode:
		return &node{kind: kindScalar, line: line, text: v.Value, value: v.Value}
	case *ast.LiteralNode:
		s := v.Value.Value
		return &node{kind: kindScalar, line: line, text: s, value: s}
	case *ast.IntegerNode:
		return &node{kind: kindScalar, line: line, text: tok.Value, value: v.Value}
	case *ast.FloatNode:
		return &node{kind: kindScalar, line: line, text: tok.Value, value: v.Value}
	case *ast.InfinityNode:
		return &node{kind: kindScalar, line: line, text: tok.Value, value: v.Value}
	case *ast.NanNode:
		return &node{kind: kindScalar, line: line, text: tok.Value, value: math.NaN()}
	case *ast.BoolNode:
		return &node{kind: kindScalar, line: line, text: tok.Value, value: v.Value}
	case *ast.TagNode:
		return c.conv(v.Value, depth+1)
	case *ast.AnchorNode:
		return c.conv(v.Value, depth+1)
	case *ast.AliasNode:
		c.errorf(tok, "YAML aliases (*name) are not supported in front matter; write the value out")
		return &node{kind: kindNull, line: line}
	case *ast.SequenceNode:
		out := &node{kind: kindList, line: line}
		for _, it := range v.Values {
			out.items = append(out.items, c.conv(it, depth+1))
		}
		return out
	case *ast.MappingNode:
		out := &node{kind: kindMap, line: line}
		for _, mv := range v.Values {
			c.addPair(out, mv, depth)
		}
		if len(v.Values) > 0 {
			out.line = out.keys[0].line
		}
		return out
	case *ast.MappingValueNode:
		out := &node{kind: kindMap, line: line}
		c.addPair(out, v, depth)
		if len(out.keys) > 0 {
			out.line = out.keys[0].line
		}
		return out
	case *ast.CommentGroupNode, *ast.CommentNode:
		return &node{kind: kindNull, line: line}
	}
	c.errorf(tok, "unsupported YAML value %q", firstLine(n.String()))
	return &node{kind: kindNull, line: line}
}

func (c *yamlConv) addPair(m *node, mv *ast.MappingValueNode, depth int) {
	ktok := mv.Key.GetToken()
	if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
		c.errorf(ktok, "YAML merge keys (<<) are not supported in front matter")
		return
	}
	var name string
	switch k := mv.Key.(type) {
	case *ast.StringNode:
		name = k.Value
	default:
		if ktok != nil {
			name = ktok.Value
		}
	}
	line := 0
	if ktok != nil {
		line = ktok.Position.Line
	}
	if prev, ok := m.get(name); ok {
		c.errorf(ktok, "duplicate key %q (first set at line %d)", name, prev.line)
		return
	}
	val := c.conv(mv.Value, depth+1)
	if val.line == 0 {
		val.line = line
	}
	m.keys = append(m.keys, mapKey{name: name, line: line, val: val})
}

// parseJSON parses a JSON front matter. encoding/json finds syntax errors
// with an exact offset; the YAML parser, of which JSON is a subset, then
// gives every value its line.
func parseJSON(data []byte) (*node, []*syntaxError) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		var se *json.SyntaxError
		off := 0
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		line, col := lineCol(data, off)
		return nil, []*syntaxError{{line: line, col: col, msg: "invalid JSON: " + err.Error()}}
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, []*syntaxError{{line: 1, msg: "JSON front matter must be an object"}}
	}
	return parseYAML(data)
}

// parseTOML parses TOML with go-toml and recovers each key's line by
// following the document's table headers ([t], [[t]]) line by line, since
// go-toml's decoded maps carry no positions.
func parseTOML(data []byte) (*node, []*syntaxError) {
	var v map[string]any
	if err := toml.Unmarshal(data, &v); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, []*syntaxError{{line: row, col: col, msg: "invalid TOML: " + de.Error()}}
		}
		return nil, []*syntaxError{{line: 1, msg: "invalid TOML: " + firstLine(err.Error())}}
	}
	lines := tomlKeyLines(data)
	return tomlNode(v, "", lines, 1), nil
}

var (
	tomlHeader = regexp.MustCompile(`^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$`)
	tomlKey    = regexp.MustCompile(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=`)
)

// tomlKeyLines maps key paths ("timeline.started", "action_items.1.owner",
// "action_items.1") to lines.
func tomlKeyLines(data []byte) map[string]int {
	out := map[string]int{}
	counts := map[string]int{}
	table := ""
	for i, l := range strings.Split(string(data), "\n") {
		line := i + 1
		if m := tomlHeader.FindStringSubmatch(l); m != nil {
			name := strings.ReplaceAll(m[2], " ", "")
			if m[1] == "[[" {
				idx := counts[name]
				counts[name]++
				table = name + "." + strconv.Itoa(idx)
			} else {
				table = name
			}
			if _, ok := out[name]; !ok {
				out[name] = line
			}
			out[table] = line
			continue
		}
		if m := tomlKey.FindStringSubmatch(l); m != nil {
			key := strings.Trim(m[1], `"'`)
			if table != "" {
				key = table + "." + key
			}
			if _, ok := out[key]; !ok {
				out[key] = line
			}
		}
	}
	return out
}

func tomlNode(v any, path string, lines map[string]int, fallback int) *node {
	line := fallback
	if l, ok := lines[path]; ok {
		line = l
	}
	switch x := v.(type) {
	case nil:
		return &node{kind: kindNull, line: line}
	case map[string]any:
		n := &node{kind: kindMap, line: line}
		names := make([]string, 0, len(x))
		for k := range x {
			names = append(names, k)
		}
		// Document order is lost in go-toml's map; order keys by line, then
		// name, so diagnostics still come out top to bottom.
		keyPath := func(k string) string {
			if path == "" {
				return k
			}
			return path + "." + k
		}
		slices.SortFunc(names, func(a, b string) int {
			la, lb := lines[keyPath(a)], lines[keyPath(b)]
			if la != lb {
				return la - lb
			}
			return strings.Compare(a, b)
		})
		for _, k := range names {
			kp := keyPath(k)
			kl := line
			if l, ok := lines[kp]; ok {
				kl = l
			}
			n.keys = append(n.keys, mapKey{name: k, line: kl, val: tomlNode(x[k], kp, lines, kl)})
		}
		return n
	case []any:
		n := &node{kind: kindList, line: line}
		for i, it := range x {
			n.items = append(n.items, tomlNode(it, path+"."+strconv.Itoa(i), lines, line))
		}
		return n
	case []map[string]any:
		n := &node{kind: kindList, line: line}
		for i, it := range x {
			n.items = append(n.items, tomlNode(it, path+"."+strconv.Itoa(i), lines, line))
		}
		return n
	case string:
		return &node{kind: kindScalar, line: line, text: x, value: x}
	case int64:
		return &node{kind: kindScalar, line: line, text: strconv.FormatInt(x, 10), value: x}
	case float64:
		return &node{kind: kindScalar, line: line, text: strconv.FormatFloat(x, 'g', -1, 64), value: x}
	case bool:
		return &node{kind: kindScalar, line: line, text: strconv.FormatBool(x), value: x}
	case time.Time:
		s := x.Format(time.RFC3339Nano)
		return &node{kind: kindScalar, line: line, text: s, value: s}
	case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		s := fmt.Sprint(x)
		return &node{kind: kindScalar, line: line, text: s, value: s}
	}
	s := fmt.Sprint(v)
	return &node{kind: kindScalar, line: line, text: s, value: s}
}

func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line, col := 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
