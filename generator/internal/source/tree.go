package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	goccy "github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	toml "github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// node is one value of a front-matter or config document, in a shape common
// to YAML, TOML and JSON, with the 1-based line it starts on relative to the
// document. Keeping lines on every value is what lets every later message
// say "path:line".
type node struct {
	kind nodeKind
	line int
	text string // scalar source text, decoded (quotes and escapes removed)
	// value is a scalar's decoded value: string, int64, uint64, float64 or
	// bool; nil means text, as a string.
	value any
	items []*node
	keys  []mapKey // in document order
	// yaml is the YAML scalar n was read from when YAML read more on its
	// line than the value: a comment after it, a tag or an anchor before
	// it (see decoder.lostText); for an empty value, the key whose line
	// has a comment. nil otherwise, and in TOML and JSON.
	yaml *yaml.Node
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
		if n.value == nil {
			return n.text
		}
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

// syntaxError is a parse error at a document-relative line and 1-based
// byte column (0: unknown).
type syntaxError struct {
	line, col int
	msg       string
}

func (e *syntaxError) Error() string { return e.msg }

// maxDepth bounds nesting so a hostile document cannot exhaust the stack.
const maxDepth = 64

// yamlDocumentEnd returns the error of a YAML front matter that ends its
// document ("..." at the start of a line) before its last field: yaml.v3
// reads the first document only, so the fields after it were silently
// not read, and a required one was reported missing though it is there.
// A "..." with nothing but blank lines and comments after it is allowed.
func yamlDocumentEnd(data []byte) *syntaxError {
	// Almost no front matter has a line starting "...": those are found
	// without splitting the text into lines.
	if !bytes.HasPrefix(data, docEnd) && !bytes.Contains(data, newlineDocEnd) {
		return nil
	}
	end := 0 // the line of the "...", once met
	var (
		content bool     // a line after it that is not blank or a comment
		fields  []string // the first keys of those lines
	)
	for n, line := range bytes.Split(data, []byte("\n")) {
		text := strings.TrimSpace(string(line))
		switch {
		case end == 0:
			if strings.TrimRight(string(line), " \t\r") == "..." || strings.HasPrefix(string(line), "... #") {
				end = n + 1
			}
		case text != "" && !strings.HasPrefix(text, "#"):
			content = true
			if key, _, ok := strings.Cut(strings.TrimLeft(text, "- "), ":"); ok && key != "" && len(fields) < 3 {
				fields = append(fields, key+":")
			}
		}
	}
	if !content {
		return nil
	}
	what := "the lines after it"
	if len(fields) > 0 {
		what += " (" + strings.Join(fields, ", ") + ")"
	}
	return &syntaxError{line: end, col: 1, msg: `"..." ends the YAML document here, so ` + what + ` are not read; remove this line`}
}

var (
	docEnd        = []byte("...")
	newlineDocEnd = []byte("\n...")
)

// tooDeepMessage is the error of a front matter nested more than maxDepth
// levels deep.
var tooDeepMessage = fmt.Sprintf("front matter is nested more than %d levels deep", maxDepth)

// parseYAML parses YAML into a tree with go.yaml.in/yaml/v3 (the YAML
// organisation's maintained yaml.v3): a YAML 1.2 reader, so "no" and "on"
// stay strings, whose nodes carry lines. Duplicate keys and aliases are
// errors: duplicates are almost always a merge accident, and aliases are how
// "billion laughs" documents explode.
//
// The tree's nodes come from pool (see nodePool), as they do for parseTOML
// and parseJSON; with a nil pool they are allocated.
func parseYAML(data []byte, pool *nodePool) (*node, []*syntaxError) {
	// A parser's work grows with the nesting it reads, goccy's with its
	// square (QA 15 A-F1): what is nested too deep is refused first.
	if roughYAMLDepth(data) > maxDepth {
		if e := yamlTooDeep(data); e != nil {
			return nil, []*syntaxError{e}
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlSlips(data, err)
	}
	if e := yamlDocumentEnd(data); e != nil {
		return nil, []*syntaxError{e}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return pool.new(node{kind: kindMap, line: 1}), nil
	}
	c := &yamlConv{unfolded: eastAsianFolds(data, &doc), pool: pool}
	n := c.conv(doc.Content[0], 0)
	if c.aliases > 1 {
		c.alias.msg += fmt.Sprintf(" (%d uses in this file)", c.aliases)
	}
	text := newLines(data)
	for _, e := range c.errs {
		e.col = text.byteCol(e.line, e.col) // yaml.v3 counts characters
	}
	return n, c.errs
}

// maxYAMLSlips bounds the syntax errors yamlSlips lists for one file.
const maxYAMLSlips = 10

// moreYAMLSlips ends the last of maxYAMLSlips slips listed when the text
// with them mended still does not parse (QA 10: a file with 16 slips
// listed 10 and said nothing of the rest).
var moreYAMLSlips = fmt.Sprintf(" (only %d slips are listed; more may follow once these are fixed)", maxYAMLSlips)

// yamlSlips explains err, the syntax error yaml.v3 found in data, and
// while it is a slip mendYAML mends (a ": " inside a value, a quote or a
// list left open on its line) parses the mended text again for the next
// one, so that one run lists every such slip, in line order (qa9-a #8:
// three slips took three runs, the middle one first). A later error that
// is no slip mendYAML knows is left for the next run: it may be the
// mend's doing. After maxYAMLSlips the list ends with moreYAMLSlips.
func yamlSlips(data []byte, err error) []*syntaxError {
	if m := yamlLine.FindStringSubmatch(firstLine(err.Error())); m != nil && strings.HasPrefix(m[2], "exceeded max depth") {
		// yaml.v3 stops at 10,000 levels; yamlTooDeep counted fewer
		// than there are, and the rest is no slip to explain.
		line, _ := strconv.Atoi(m[1])
		return []*syntaxError{{line: line, msg: tooDeepMessage}}
	}
	// goccy/go-yaml's work and memory grow with the square of the
	// nesting: 10,000 levels take 160 MB, 60,000 more than 6 GB (QA 15
	// A-F1). It is not given a text that may be nested deeper than
	// goccyMaxDepth, where yamlTooDeep may have counted too few.
	useGoccy := roughYAMLDepth(data) <= goccyMaxDepth
	var errs []*syntaxError
	seen := map[int]bool{}
	more := false
	for {
		// yaml.v3 is fast but places some syntax errors a line off;
		// goccy/go-yaml, slower, places them exactly, so it explains the
		// error when there is one. mendYAML then says it in plain words.
		e := yamlError(err)
		if useGoccy {
			if _, gerr := goccy.ParseBytes(data, 0); gerr != nil {
				e = goccyError(gerr)
				e.col = byteCol(data, e.line, e.col)
			}
		}
		explained, known, mended := mendYAML(data, e)
		if len(errs) > 0 && (!known || seen[explained.line]) {
			break // not a known slip, or the mend did not help
		}
		errs = append(errs, explained)
		seen[explained.line] = true
		if mended == nil {
			break
		}
		var doc yaml.Node
		if err = yaml.Unmarshal(mended, &doc); err == nil {
			break
		}
		data = mended
		if len(errs) == maxYAMLSlips {
			more = true
			break
		}
	}
	slices.SortStableFunc(errs, func(a, b *syntaxError) int { return a.line - b.line })
	if more {
		errs[len(errs)-1].msg += moreYAMLSlips
	}
	return errs
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlError(err error) *syntaxError {
	msg := firstLine(err.Error())
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &syntaxError{line: line, msg: "invalid YAML: " + m[2]}
	}
	return &syntaxError{line: 1, msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

func goccyError(err error) *syntaxError {
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

// yamlTooDeep reads the nesting of the YAML text data without parsing it
// and returns the error of the first list or mapping in it nested more
// than maxDepth levels deep (as yamlConv counts them, the document's own
// mapping at 0), at that list's or mapping's line and column; nil when
// there is none. It is linear in the text, where goccy/go-yaml is not.
//
// It reads a list or mapping where YAML does: a "[" or "{", or a "- " or
// a "key:" more indented than the list or mapping around it (a list under
// a key may be as indented as the key), several on a line ("- - x", "-
// key: x"); and it skips what is text: quoted and plain values (and the
// lines of a plain value that go on below it), comments, blocks of text
// (| and >); it stops where the first document ends, as yaml.v3 does.
// Where it is unsure it counts fewer levels, never more, so it refuses no
// document that yaml.v3 reads nested within maxDepth (FuzzExplainYAML
// checks it); one it counts short is refused by yamlConv, once yaml.v3,
// which stops at 10,000 levels, has read it. parseYAML calls it only for
// a text roughYAMLDepth does not find shallow enough.
func yamlTooDeep(data []byte) *syntaxError {
	s := nestingScan{line: 1, textIndent: noText}
	for start := 0; start < len(data) && s.err == nil && !s.done; {
		end, next := lineBreak(data, start)
		s.scanLine(data[start:end])
		s.line += bytes.Count(data[end:next], []byte("\n"))
		start = next
	}
	return s.err
}

// lineBreak returns the end of the line of data that starts at start and
// the start of the next one. YAML ends a line at "\n", "\r\n", "\r", and
// (yaml.v3, reading YAML 1.1) at U+0085, U+2028 and U+2029.
func lineBreak(data []byte, start int) (end, next int) {
	for i := start; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n':
			return i, i + 1
		case c == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				return i, i + 2
			}
			return i, i + 1
		case c == 0xC2 && i+1 < len(data) && data[i+1] == 0x85:
			return i, i + 2
		case c == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9):
			return i, i + 3
		}
	}
	return len(data), len(data)
}

// noText is nestingScan.textIndent when the lines below are no value's
// text.
const noText = -2

// nestingScan is the state of yamlTooDeep between lines.
type nestingScan struct {
	// blocks are the block lists and mappings open, outermost first.
	blocks []blockLevel
	// flow is how many flow lists and mappings ([ and {) are open.
	flow int
	// quote is the quote of a quoted value open, 0 when none is.
	quote byte
	// plain is true inside a plain value in a flow list or mapping,
	// where a quote is text.
	plain bool
	// textIndent is the indentation above which lines are text, more of
	// a plain value or a block of text; noText when they are not.
	textIndent int
	line       int // counting only "\n", as the file's lines
	// content is true once a line held a node, and done once the first
	// document has ended: yaml.v3 reads no further.
	content, done bool
	err           *syntaxError
}

// blockLevel is a block list (seq) or mapping and its column (0-based).
type blockLevel struct {
	col int
	seq bool
}

// tooDeep sets the error when a list or mapping at depth, at byte i of
// the line, is nested too deep.
func (s *nestingScan) tooDeep(depth, i int) bool {
	if depth > maxDepth && s.err == nil {
		s.err = &syntaxError{line: s.line, col: i + 1, msg: tooDeepMessage}
	}
	return s.err != nil
}

func (s *nestingScan) scanLine(l []byte) {
	indent := 0
	for indent < len(l) && l[indent] == ' ' {
		indent++
	}
	blank := len(bytes.TrimLeft(l[indent:], " \t")) == 0
	if s.textIndent != noText {
		if blank || indent > s.textIndent {
			return
		}
		s.textIndent = noText
	}
	if s.quote != 0 || s.flow > 0 {
		// What follows a list, mapping or quote that ends on this line is
		// not read: a comment, or a slip. One that is the document's
		// value ends the document.
		if s.scanFlow(l, 0) >= 0 && len(s.blocks) == 0 {
			s.done = true
		}
		return
	}
	if blank {
		return
	}
	if indent == 0 && (bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("..."))) && (len(l) == 3 || l[3] == ' ' || l[3] == '\t') {
		// The document's end: yaml.v3 reads the first one only.
		s.done = s.content
		return
	}
	if l[indent] != '#' && !(indent == 0 && l[0] == '%') {
		s.content = true
	}
	s.scanBlock(l, indent)
}

// scanBlock reads the block line l from byte p, the end of its
// indentation: the "- " of list items, the "? " and ": " of explicit keys
// and values, then the node they hold.
func (s *nestingScan) scanBlock(l []byte, p int) {
	if len(s.blocks) > 0 && p < s.blocks[0].col {
		// Left of the document's list or mapping: the document has
		// ended, and yaml.v3 reads the first one only.
		s.done = true
		return
	}
	for {
		for p < len(l) && (l[p] == ' ' || l[p] == '\t') {
			p++
		}
		if p == len(l) || l[p] == '#' || p == 0 && l[p] == '%' {
			return
		}
		c := l[p]
		if (c == '-' || c == '?' || c == ':') && (p+1 == len(l) || l[p+1] == ' ' || l[p+1] == '\t') {
			if !s.open(p, c == '-') {
				return
			}
			p++
			continue
		}
		s.scanNode(l, p)
		return
	}
}

// open records a block list (seq) or mapping entry at column col: the
// next entry of one open there, or a new list or mapping inside the one
// around it. It is false when that is nested too deep.
func (s *nestingScan) open(col int, seq bool) bool {
	for len(s.blocks) > 0 {
		top := s.blocks[len(s.blocks)-1]
		if top.col > col || top.col == col && top.seq && !seq {
			// Ended: a key as indented as a list ends the list, which
			// was the value of the key before it.
			s.blocks = s.blocks[:len(s.blocks)-1]
			continue
		}
		if top.col == col && top.seq == seq {
			return true
		}
		break
	}
	if s.tooDeep(len(s.blocks), col) {
		return false
	}
	s.blocks = append(s.blocks, blockLevel{col: col, seq: seq})
	return true
}

// scanNode reads the node at byte p of the block line l: a key and its
// value, or a value.
func (s *nestingScan) scanNode(l []byte, p int) {
	col := p
	p = skipProperties(l, p)
	if p == len(l) || l[p] == '#' {
		return
	}
	switch l[p] {
	case '[', '{', '"', '\'':
		s.plain = false
		end := s.scanFlow(l, p)
		if end < 0 {
			return
		}
		// A list, mapping or quoted text that ends on its line may be a
		// key: "[a, b]: x", "\"a b\": x".
		for end < len(l) && (l[end] == ' ' || l[end] == '\t') {
			end++
		}
		if end < len(l) && l[end] == ':' && (end+1 == len(l) || l[end+1] == ' ' || l[end+1] == '\t') {
			if s.open(col, false) {
				s.scanValue(l, end+1)
			}
		} else if len(s.blocks) == 0 {
			s.done = true // the document's value, which ends it
		}
		return
	case '|', '>':
		s.startText()
		return
	}
	// Plain text, or a key.
	for i := p; i < len(l); i++ {
		if l[i] == '#' && (l[i-1] == ' ' || l[i-1] == '\t') {
			break
		}
		if l[i] == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t') {
			if s.open(col, false) {
				s.scanValue(l, i+1)
			}
			return
		}
	}
	s.startText()
}

// scanValue reads the value of a key, at byte p of the line l, just
// after the key's colon.
func (s *nestingScan) scanValue(l []byte, p int) {
	for p < len(l) && (l[p] == ' ' || l[p] == '\t') {
		p++
	}
	p = skipProperties(l, p)
	if p == len(l) || l[p] == '#' {
		return // on the lines below, if any
	}
	switch l[p] {
	case '[', '{', '"', '\'':
		s.plain = false
		s.scanFlow(l, p)
	default:
		s.startText() // plain text or a block of text, which go on below
	}
}

// startText makes the lines below that are indented more than the
// innermost block list or mapping text: more of a plain value (which
// may go on over them) or the lines of a block of text.
func (s *nestingScan) startText() {
	s.textIndent = -1
	if len(s.blocks) > 0 {
		s.textIndent = s.blocks[len(s.blocks)-1].col
	}
}

// skipProperties skips the anchor (&a) and tag (!t, !!str) before a
// node, and the spaces after them.
func skipProperties(l []byte, p int) int {
	for p < len(l) && (l[p] == '&' || l[p] == '!') {
		for p < len(l) && l[p] != ' ' && l[p] != '\t' {
			p++
		}
		for p < len(l) && (l[p] == ' ' || l[p] == '\t') {
			p++
		}
	}
	return p
}

// scanFlow reads the line l from byte p inside flow lists and mappings
// and quoted text, or at the start of one. It returns the offset just
// after the bracket or quote that closes the outermost one, or -1 when it
// does not close on this line.
func (s *nestingScan) scanFlow(l []byte, p int) int {
	for i := p; i < len(l); i++ {
		c := l[i]
		if s.quote != 0 {
			switch {
			case c == '\\' && s.quote == '"':
				i++
			case c == '\'' && s.quote == '\'' && i+1 < len(l) && l[i+1] == '\'':
				i++
			case c == s.quote:
				s.quote = 0
				if s.flow == 0 {
					return i + 1
				}
			}
			continue
		}
		switch c {
		case ' ', '\t':
		case '#':
			// A comment, to the end of the line, after a space or where
			// a value may start ("[a,#b"), as yaml.v3 reads it.
			if !s.plain || i == 0 || l[i-1] == ' ' || l[i-1] == '\t' {
				s.plain = false
				return -1
			}
		case '[', '{':
			if s.tooDeep(len(s.blocks)+s.flow, i) {
				return -1
			}
			s.flow++
			s.plain = false
		case ']', '}':
			s.plain = false
			if s.flow > 0 {
				if s.flow--; s.flow == 0 {
					return i + 1
				}
			}
		case ',':
			s.plain = false
		case '"', '\'':
			if !s.plain {
				s.quote = c
			}
		case ':':
			// A value's colon: before a space or a bracket, or just after
			// a quote ({"a":1}); else it starts or goes on with text.
			prev := byte(0)
			if i > 0 {
				prev = l[i-1]
			}
			s.plain = !(i+1 == len(l) || strings.IndexByte(" \t,[]{}", l[i+1]) >= 0 || prev == '"' || prev == '\'')
		case '&', '!', '*':
			if !s.plain {
				// An anchor, a tag or an alias: a name, up to a space
				// or a bracket.
				for i+1 < len(l) && strings.IndexByte(" \t,[]{}", l[i+1]) < 0 {
					i++
				}
			}
		default:
			s.plain = true
		}
	}
	return -1
}

// goccyMaxDepth is the deepest nesting of a text yamlSlips gives
// goccy/go-yaml to place a syntax error.
const goccyMaxDepth = 4 * maxDepth

// roughYAMLDepth is more than the nesting of the YAML text data can be,
// as yamlConv counts it: the most [ and { open at once, counting every
// one, plus two levels for each character of the longest run of spaces,
// tabs and the indicators "-", "?" and ":" that starts a line. A block
// list or mapping is indented more than the one around it, or nested on
// its line after "- ", except a list under a key, which may be as
// indented as the key: at most two levels a column. FuzzExplainYAML
// checks it against what yaml.v3 reads.
func roughYAMLDepth(data []byte) int {
	flow, maxFlow, lead, maxLead := 0, 0, 0, 0
	atStart := true
	for i, c := range data {
		cl := yamlDepthClass[c]
		if cl == 0 { // most bytes: text inside a line
			atStart = false
			continue
		}
		switch cl {
		case depthOpen:
			flow++
			maxFlow = max(maxFlow, flow)
			atStart = false
			continue
		case depthClose:
			flow = max(flow-1, 0)
			atStart = false
			continue
		}
		switch {
		case cl == depthLineEnd ||
			c == 0x85 && i >= 1 && data[i-1] == 0xC2 || // U+0085, U+2028, U+2029: line ends to yaml.v3
			(c == 0xA8 || c == 0xA9) && i >= 2 && data[i-1] == 0x80 && data[i-2] == 0xE2:
			atStart, lead = true, 0
		case atStart && cl == depthLead:
			lead++
			maxLead = max(maxLead, lead)
		default:
			atStart = false
		}
	}
	return maxFlow + 2*(maxLead+1) + 1
}

// The classes of bytes roughYAMLDepth tells apart; 0 is every other byte.
const (
	depthOpen     = 1 + iota // [ {
	depthClose               // ] }
	depthLineEnd             // \n \r
	depthLead                // space, tab, - ? : at the start of a line
	depthMaybeEnd            // the last byte of U+0085, U+2028, U+2029
)

// yamlDepthClass is the class of each byte for roughYAMLDepth, which
// reads every byte of every YAML front matter: one look-up instead of a
// dozen comparisons.
var yamlDepthClass = func() (t [256]uint8) {
	for _, c := range "[{" {
		t[c] = depthOpen
	}
	for _, c := range "]}" {
		t[c] = depthClose
	}
	t['\n'], t['\r'] = depthLineEnd, depthLineEnd
	for _, c := range " \t-?:" {
		t[c] = depthLead
	}
	t[0x85], t[0xA8], t[0xA9] = depthMaybeEnd, depthMaybeEnd, depthMaybeEnd
	return t
}()

type yamlConv struct {
	errs []*syntaxError
	// unfolded are the values of folded scalars without the spaces
	// folding put between East Asian wide characters (eastAsianFolds).
	unfolded map[*yaml.Node]string
	pool     *nodePool
	// alias is the error of the first alias (*name) and aliases the
	// number of aliases: one error per file tells it (QA 17 C-F4: 20,000
	// aliases made 20,000 identical lines).
	alias   *syntaxError
	aliases int
}

func (c *yamlConv) errorf(n *yaml.Node, format string, args ...any) {
	c.errs = append(c.errs, &syntaxError{line: n.Line, col: n.Column, msg: fmt.Sprintf(format, args...)})
}

func (c *yamlConv) conv(n *yaml.Node, depth int) *node {
	if depth > maxDepth {
		c.errorf(n, "%s", tooDeepMessage)
		return c.pool.new(node{kind: kindNull, line: n.Line})
	}
	switch n.Kind {
	case yaml.ScalarNode:
		out := c.pool.new(scalar(n))
		if v, ok := c.unfolded[n]; ok && out.kind == kindScalar && out.value == nil {
			out.text = v
		}
		if n.LineComment != "" || n.Anchor != "" || n.Style&yaml.TaggedStyle != 0 {
			out.yaml = n
		}
		return out
	case yaml.AliasNode:
		if c.aliases++; c.alias == nil {
			c.errorf(n, "YAML aliases (*name) are not supported in front matter; write the value out")
			c.alias = c.errs[len(c.errs)-1]
		}
		return c.pool.new(node{kind: kindNull, line: n.Line})
	case yaml.SequenceNode:
		out := c.pool.new(node{kind: kindList, line: n.Line, items: c.pool.items(len(n.Content))})
		for _, it := range n.Content {
			out.items = append(out.items, c.conv(it, depth+1))
		}
		return out
	case yaml.MappingNode:
		out := c.pool.new(node{kind: kindMap, line: n.Line, keys: c.pool.keys(len(n.Content) / 2)})
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Tag == "!!merge" {
				c.errorf(k, "YAML merge keys (<<) are not supported in front matter")
				continue
			}
			if k.Kind != yaml.ScalarNode {
				c.errorf(k, "a key must be a plain name, not %s", c.conv(k, depth+1).kind)
				continue
			}
			if prev, ok := out.get(k.Value); ok {
				c.errorf(k, "duplicate key %q (first set at [%d:1])", k.Value, prev.line)
				continue
			}
			val := c.conv(v, depth+1)
			if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && v.Style&yaml.FlowStyle == 0 {
				// A block mapping or list starts on the line of its first
				// entry; a problem with the value as a whole ("title must
				// be text, not a mapping") is one of its key's line, as
				// TOML and JSON report it (QA 19 A-F4).
				val.line = k.Line
			}
			if val.kind == kindNull && val.yaml == nil && k.LineComment != "" {
				val.yaml = k // "title: # …": the comment is the key's
			}
			out.keys = append(out.keys, mapKey{name: k.Value, line: k.Line, val: val})
		}
		return out
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return c.conv(n.Content[0], depth+1)
		}
	}
	return c.pool.new(node{kind: kindNull, line: n.Line})
}

// scalar converts a YAML scalar, typed by its resolved tag. Text (a string,
// a timestamp, or a number too large to hold) keeps value nil, which means
// its text, rather than a second copy of it in an interface.
func scalar(n *yaml.Node) node {
	out := node{kind: kindScalar, line: n.Line, text: n.Value}
	switch n.ShortTag() {
	case "!!null":
		return node{kind: kindNull, line: n.Line}
	case "!!bool":
		out.value = strings.EqualFold(n.Value, "true")
	case "!!int":
		if v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			out.value = v
		}
	case "!!float":
		if v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			out.value = v
		} else {
			switch strings.ToLower(strings.TrimLeft(n.Value, "+")) {
			case ".inf":
				out.value = math.Inf(1)
			case "-.inf":
				out.value = math.Inf(-1)
			case ".nan":
				out.value = math.NaN()
			}
		}
	}
	return out
}

// nodePool hands out the nodes of one front-matter tree at a time from
// memory it keeps, so that a Parser, which parses one file at a time and
// keeps no node once the postmortem is decoded, does not allocate a tree
// per file. reset takes the memory back for the next tree. A nil pool
// allocates.
type nodePool struct {
	nodes    []node
	ptrs     []*node
	mapKeys  []mapKey
	nextNode int
	nextPtr  int
	nextKey  int
}

// reset makes the pool's memory free for the next tree: every node handed
// out before is dead.
func (p *nodePool) reset() {
	if p != nil {
		p.nextNode, p.nextPtr, p.nextKey = 0, 0, 0
	}
}

// new returns a node holding n.
func (p *nodePool) new(n node) *node {
	if p == nil {
		out := new(node) // not &n, which would move every n to the heap
		*out = n
		return out
	}
	if p.nextNode == len(p.nodes) {
		p.nodes, p.nextNode = make([]node, max(64, 2*len(p.nodes))), 0
	}
	out := &p.nodes[p.nextNode]
	p.nextNode++
	*out = n
	return out
}

// items returns an empty list with room for n items, to append to.
func (p *nodePool) items(n int) []*node {
	if p == nil || n == 0 {
		return make([]*node, 0, n)
	}
	if p.nextPtr+n > len(p.ptrs) {
		p.ptrs, p.nextPtr = make([]*node, max(256, 2*len(p.ptrs), n)), 0
	}
	s := p.ptrs[p.nextPtr : p.nextPtr : p.nextPtr+n]
	p.nextPtr += n
	return s
}

// keys returns an empty mapping with room for n keys, to append to.
func (p *nodePool) keys(n int) []mapKey {
	if p == nil || n == 0 {
		return make([]mapKey, 0, n)
	}
	if p.nextKey+n > len(p.mapKeys) {
		p.mapKeys, p.nextKey = make([]mapKey, max(128, 2*len(p.mapKeys), n)), 0
	}
	s := p.mapKeys[p.nextKey : p.nextKey : p.nextKey+n]
	p.nextKey += n
	return s
}

// parseJSON parses a JSON front matter with encoding/json, reading it token
// by token to give every key its line. A syntax error about a character
// that is not ASCII names it (explainChar).
func parseJSON(data []byte, pool *nodePool) (*node, []*syntaxError) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	j := &jsonConv{data: data, dec: dec, pool: pool}
	n, err := j.value(0)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = fmt.Errorf("unexpected data after the JSON object")
		}
	}
	if err != nil {
		off := int(dec.InputOffset())
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		if slip := jsonSlip(data, off); slip != nil {
			return nil, []*syntaxError{slip}
		}
		if slip := jsonMissingComma(data, off, err); slip != nil {
			return nil, []*syntaxError{slip}
		}
		line, col := lineCol(data, off)
		return nil, []*syntaxError{explainChar(data, &syntaxError{line: line, col: col, msg: "invalid JSON: " + err.Error()})}
	}
	if n.kind != kindMap {
		return nil, []*syntaxError{{line: 1, msg: "JSON front matter must be an object"}}
	}
	return n, nil
}

// jsonSlip explains the two JSON slips of people used to YAML, TOML or
// JavaScript when the character at (or just before) off, where the
// decoder stopped, is one: a comma after the last value of an object or
// list, reported at the comma's line, and a // or /* comment. It is nil
// for any other error (qa9-a #10: they got the decoder's words, the comma
// a line late).
func jsonSlip(data []byte, off int) *syntaxError {
	at := -1
	for _, i := range []int{off, off - 1} {
		if i >= 0 && i < len(data) && strings.IndexByte("}]/", data[i]) >= 0 {
			at = i
			break
		}
	}
	if at < 0 {
		return nil
	}
	if data[at] == '/' {
		if at+1 < len(data) && (data[at+1] == '/' || data[at+1] == '*') {
			line, col := lineCol(data, at)
			return &syntaxError{line: line, col: col, msg: "invalid JSON: JSON has no comments; remove it, or use YAML (---) or TOML (+++) front matter, which keep comments"}
		}
		return nil
	}
	prev := at - 1
	for prev >= 0 && strings.IndexByte(" \t\r\n", data[prev]) >= 0 {
		prev--
	}
	if prev < 0 || data[prev] != ',' {
		return nil
	}
	line, col := lineCol(data, prev)
	return &syntaxError{line: line, col: col, msg: fmt.Sprintf("invalid JSON: remove the comma after the last value; JSON allows none before the closing %c", data[at])}
}

// jsonMissingComma explains err, the decoder's error at offset off of
// data, when it is a comma missing between two pairs of an object or two
// items of a list: the decoder stops at the next value ("invalid
// character '"' after object key:value pair"), often the line after the
// one that lacks the comma, so the error is placed just after the value
// before it, at the end of its line (QA 14 A-F14). It is nil for any
// other error, and for a character that is no start of a value (a
// full-width comma, which explainChar names).
func jsonMissingComma(data []byte, off int, err error) *syntaxError {
	what := "the pairs of an object"
	switch msg := err.Error(); {
	case strings.HasSuffix(msg, "after object key:value pair"):
	case strings.HasSuffix(msg, "after array element"):
		what = "the items of a list"
	default:
		return nil
	}
	if off < 0 || off >= len(data) || strings.IndexByte("\"{[-0123456789tfn", data[off]) < 0 {
		return nil
	}
	prev := off - 1
	for prev >= 0 && strings.IndexByte(" \t\r\n", data[prev]) >= 0 {
		prev--
	}
	if prev < 0 {
		return nil
	}
	line, col := lineCol(data, prev+1)
	if next, _ := lineCol(data, off); next == line {
		return &syntaxError{line: line, col: col, msg: fmt.Sprintf("invalid JSON: add ',' before this value; JSON separates %s with commas", what)}
	}
	return &syntaxError{line: line, col: col, msg: fmt.Sprintf("invalid JSON: add ',' at the end of this line; JSON separates %s with commas", what)}
}

type jsonConv struct {
	data []byte
	dec  *json.Decoder
	// lineOff and lineNo are the last offset line() counted to and its
	// line, so that each call counts only the new bytes.
	lineOff, lineNo int
	pool            *nodePool
}

// line is the line of the next token: the decoder's offset, moved past
// white space and separators.
func (j *jsonConv) line() int {
	off := int(j.dec.InputOffset())
	for off < len(j.data) && strings.IndexByte(" \t\r\n,:", j.data[off]) >= 0 {
		off++
	}
	if off < j.lineOff || j.lineNo == 0 {
		j.lineOff, j.lineNo = 0, 1
	}
	j.lineNo += bytes.Count(j.data[j.lineOff:off], []byte("\n"))
	j.lineOff = off
	return j.lineNo
}

func (j *jsonConv) value(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("nested more than %d levels deep", maxDepth)
	}
	line := j.line()
	tok, err := j.dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			out := j.pool.new(node{kind: kindMap, line: line})
			for j.dec.More() {
				kline := j.line()
				kt, err := j.dec.Token()
				if err != nil {
					return nil, err
				}
				name, _ := kt.(string)
				v, err := j.value(depth + 1)
				if err != nil {
					return nil, err
				}
				if prev, ok := out.get(name); ok {
					return nil, fmt.Errorf("duplicate key %q (first at line %d)", name, prev.line)
				}
				out.keys = append(out.keys, mapKey{name: name, line: kline, val: v})
			}
			_, err := j.dec.Token()
			return out, err
		case '[':
			out := j.pool.new(node{kind: kindList, line: line})
			for j.dec.More() {
				v, err := j.value(depth + 1)
				if err != nil {
					return nil, err
				}
				out.items = append(out.items, v)
			}
			_, err := j.dec.Token()
			return out, err
		}
	case string:
		return j.pool.new(node{kind: kindScalar, line: line, text: t, value: t}), nil
	case json.Number:
		// A number is kept as written (json.Number): a team's own
		// "version": 1.10 reaches the JSON export as 1.10, not 1.1,
		// and 1000.0 as 1000.0 (QA 19 A-F3); pmkb's own fields read
		// the text.
		return j.pool.new(node{kind: kindScalar, line: line, text: t.String(), value: t}), nil
	case bool:
		return j.pool.new(node{kind: kindScalar, line: line, text: strconv.FormatBool(t), value: t}), nil
	case nil:
		return j.pool.new(node{kind: kindNull, line: line}), nil
	}
	return nil, fmt.Errorf("unexpected %v", tok)
}

// parseTOML parses TOML with go-toml and recovers each key's line by
// following the document's table headers ([t], [[t]]) line by line, since
// go-toml's decoded maps carry no positions. A syntax error about a
// character that is not ASCII names it (explainChar); one of the slips
// tomlSlip knows is explained with the line to write; others keep
// go-toml's words.
func parseTOML(data []byte, pool *nodePool) (*node, []*syntaxError) {
	var v map[string]any
	if err := toml.Unmarshal(data, &v); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			e := &syntaxError{line: row, col: col, msg: "invalid TOML: " + strings.TrimPrefix(de.Error(), "toml: ")}
			// A character that is not ASCII first (a full-width comma
			// or a curly quote is no text to quote), then the slips of
			// tomlSlip; but a letter or digit (決, É) starts text that
			// lacks its quotes, which tomlSlip explains with the line to
			// write (review 14: "title = 決済…" got only the name of 決).
			if r, ok := errChar(data, e); ok && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
				return nil, []*syntaxError{explainChar(data, e)}
			}
			if slip := tomlSlip(data, e); slip != nil {
				return nil, []*syntaxError{slip}
			}
			return nil, []*syntaxError{explainChar(data, e)}
		}
		return nil, []*syntaxError{{line: 1, msg: "invalid TOML: " + firstLine(err.Error())}}
	}
	src := strings.Split(string(data), "\n")
	c := &tomlConv{lines: tomlKeys(src, nil), pool: pool, src: src}
	return c.node(v, "", 1), nil
}

// tomlConv turns go-toml's decoded values into nodes, with the lines of
// their keys (lines, from tomlKeys) and, for a date-time, its text as
// written in src, the document's lines.
type tomlConv struct {
	lines map[string]int
	pool  *nodePool
	src   []string
	// used holds the date-times of src taken by a value, by line and
	// byte offset, so that two values alike on one line take one each.
	used map[[2]int]bool
}

// tomlDateTimeRE finds a TOML offset date-time, as TOML lets it be
// written: a space or a lower-case t between date and time, seconds
// optional (TOML 1.1, which go-toml reads), a fraction of any length, Z,
// z or an offset. tomlLocalDateTimeRE and tomlLocalTimeRE find the local
// date-time and local time, which have none.
var (
	tomlDateTimeRE      = regexp.MustCompile(`\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})`)
	tomlLocalDateTimeRE = regexp.MustCompile(`\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?`)
	tomlLocalTimeRE     = regexp.MustCompile(`\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?`)
)

// tomlClock is s, a date-time or time of day as TOML lets it be written,
// as go-toml writes it: T in upper case, seconds, Z in upper case.
func tomlClock(s string) string {
	clock := 0 // where its time of day starts
	if len(s) > 10 && s[4] == '-' {
		s = s[:10] + "T" + s[11:]
		clock = 11
	}
	if len(s) == clock+5 || len(s) > clock+5 && s[clock+5] != ':' {
		s = s[:clock+5] + ":00" + s[clock+5:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	return s
}

// writtenTime returns the text of x, a date-time or time of day go-toml
// decoded, as line (1-based) of the document writes it, or "", false:
// go-toml's values have lost how it was written (a space for T, .500,
// z, no seconds, and -00:00, RFC 3339's "offset unknown", which it reads
// as Z). Of several texts of x on the line, the first not taken yet is,
// but one after "key =" when key, the value's key, is given (in an
// inline table, whose keys come here by name, not in the order written).
func (c *tomlConv) writtenTime(line int, key string, x any) (string, bool) {
	if line < 1 || line > len(c.src) {
		return "", false
	}
	var re *regexp.Regexp
	var same func(s string) bool
	switch x := x.(type) {
	case time.Time:
		_, offset := x.Zone()
		re, same = tomlDateTimeRE, func(s string) bool {
			t, err := time.Parse(time.RFC3339Nano, tomlClock(s))
			_, o := t.Zone()
			return err == nil && t.Equal(x) && o == offset
		}
	case toml.LocalDateTime, toml.LocalTime:
		re, same = tomlLocalTimeRE, func(s string) bool { return tomlClock(s) == fmt.Sprint(x) }
		if _, ok := x.(toml.LocalDateTime); ok {
			re = tomlLocalDateTimeRE
		}
	default:
		return "", false
	}
	l := c.src[line-1]
	found, end := -1, 0
	for _, m := range re.FindAllStringIndex(l, -1) {
		if c.used[[2]int{line, m[0]}] || !same(l[m[0]:m[1]]) {
			continue
		}
		// A local value is not the start or the end of a longer one.
		if re != tomlDateTimeRE && (m[1] < len(l) && strings.IndexByte("Zz+-.:0123456789", l[m[1]]) >= 0 ||
			m[0] > 0 && strings.IndexByte("Tt:-0123456789", l[m[0]-1]) >= 0 || m[0] > 10 && l[m[0]-1] == ' ' && l[m[0]-2] >= '0' && l[m[0]-2] <= '9') {
			continue
		}
		if found < 0 {
			found, end = m[0], m[1]
		}
		if key == "" {
			break
		}
		before := strings.TrimRight(l[:m[0]], " \t")
		if before, ok := strings.CutSuffix(before, "="); ok {
			before = strings.Trim(strings.TrimRight(before, " \t"), "\"'")
			if strings.HasSuffix(before, key) {
				found, end = m[0], m[1]
				break
			}
		}
	}
	if found < 0 {
		return "", false
	}
	if c.used == nil {
		c.used = map[[2]int]bool{}
	}
	c.used[[2]int{line, found}] = true
	return l[found:end], true
}

var tomlHeader = regexp.MustCompile(`^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$`)

// tomlKeyOf returns the key that line l assigns, quotes included: what
// the first group of ^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*= matches,
// found without the regexp engine (TestTOMLKeyOf compares the two).
func tomlKeyOf(l string) (string, bool) {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	i := 0
	for i < len(l) && isSpace(l[i]) {
		i++
	}
	start := i
	if i == len(l) {
		return "", false
	}
	switch q := l[i]; q {
	case '"', '\'':
		end := strings.IndexByte(l[i+1:], q)
		if end < 0 {
			return "", false
		}
		i += end + 2
	default:
		for i < len(l) && (l[i] >= 'A' && l[i] <= 'Z' || l[i] >= 'a' && l[i] <= 'z' || l[i] >= '0' && l[i] <= '9' || l[i] == '_' || l[i] == '-') {
			i++
		}
		if i == start {
			return "", false
		}
	}
	key := l[start:i]
	for i < len(l) && isSpace(l[i]) {
		i++
	}
	if i < len(l) && l[i] == '=' {
		return key, true
	}
	return "", false
}

// tomlDottedKeyOf returns the dotted key that line l assigns
// (timeline.started = …, "a b".c = …, with spaces around the dots as TOML
// allows them): its text as written and its keys without their quotes.
// A line of one key is tomlKeyOf's.
func tomlDottedKeyOf(l string) (text string, parts []string, ok bool) {
	i := 0
	skip := func() {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
	}
	skip()
	start := i
	for {
		k := i
		if i < len(l) && (l[i] == '"' || l[i] == '\'') {
			end := strings.IndexByte(l[i+1:], l[i])
			if end < 0 {
				return "", nil, false
			}
			i += end + 2
		} else {
			for i < len(l) && (l[i] >= 'A' && l[i] <= 'Z' || l[i] >= 'a' && l[i] <= 'z' || l[i] >= '0' && l[i] <= '9' || l[i] == '_' || l[i] == '-') {
				i++
			}
			if i == k {
				return "", nil, false
			}
		}
		parts = append(parts, strings.Trim(l[k:i], `"'`))
		end := i
		skip()
		switch {
		case i < len(l) && l[i] == '.':
			i++
			skip()
		case i < len(l) && l[i] == '=' && len(parts) > 1:
			return l[start:end], parts, true
		default:
			return "", nil, false
		}
	}
}

// tomlKeyLines maps key paths ("timeline.started", "action_items.1.owner",
// "action_items.1", and "causes.1" for an item of a list written over
// several lines) to lines.
func tomlKeyLines(data []byte) map[string]int {
	return tomlKeys(strings.Split(string(data), "\n"), nil)
}

// tomlDup is a key or table that a TOML text defines twice: its name as
// written, the line of its first definition and of the second, and
// whether it is a table.
type tomlDup struct {
	name        string
	first, line int
	table       bool
}

// tomlKeys is tomlKeyLines of the lines of a TOML text. When dup is not
// nil, it is set to the first key or table defined twice (a TOML error,
// found only after go-toml reported one). The lines of a list or a
// string written over several lines are its value's, not keys.
func tomlKeys(lines []string, dup *tomlDup) map[string]int {
	out := make(map[string]int, len(lines)) // about a key a line
	counts := map[string]int{}
	var tables map[string]int // the tables a [header] defines, for dup
	if dup != nil {
		tables = map[string]int{}
	}
	table := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		line := i + 1
		// The patterns need no look at a blank line, and only a line
		// starting with "[" can be a header.
		t := strings.TrimLeft(l, " \t\n\f\r")
		if t == "" {
			continue
		}
		var m []string
		if t[0] == '[' {
			m = tomlHeader.FindStringSubmatch(l)
		}
		if m != nil {
			parts := tomlHeaderParts(m[2])
			name := strings.Join(parts, ".")
			// [systems.web] also starts the table systems, when it is the
			// first of its tables.
			for i := 1; i < len(parts); i++ {
				if p := strings.Join(parts[:i], "."); out[p] == 0 {
					out[p] = line
				}
			}
			if m[1] == "[[" {
				idx := counts[name]
				counts[name]++
				table = name + "." + strconv.Itoa(idx)
			} else {
				table = name
				if first, ok := tables[name]; ok && dup.line == 0 {
					*dup = tomlDup{name: m[2], first: first, line: line, table: true}
				} else if tables != nil {
					tables[name] = line
				}
			}
			if _, ok := out[name]; !ok {
				out[name] = line
			}
			out[table] = line
			continue
		}
		k, ok := tomlKeyOf(l)
		key := strings.Trim(k, `"'`)
		if !ok {
			// A dotted key, timeline.started = … (QA 19 A-F1): the line
			// of the key and, when they have none yet, of the tables it
			// opens (timeline).
			var parts []string
			if k, parts, ok = tomlDottedKeyOf(l); ok {
				key = strings.Join(parts, ".")
				for i := 1; i < len(parts); i++ {
					p := strings.Join(parts[:i], ".")
					if table != "" {
						p = table + "." + p
					}
					if out[p] == 0 {
						out[p] = line
					}
				}
			}
		}
		if ok {
			if table != "" {
				key = table + "." + key
			}
			if first, ok := out[key]; !ok {
				out[key] = line
			} else if dup != nil && dup.line == 0 {
				*dup = tomlDup{name: strings.Trim(k, `"'`), first: first, line: line}
			}
			// A list or a string may go on over the lines that follow.
			if pos, ok := tomlValueAfter(l, k); ok && (l[pos] == '[' || strings.HasPrefix(l[pos:], `"""`) || strings.HasPrefix(l[pos:], "'''")) {
				end, _ := tomlValueEnd(lines, i, pos, func(n, li int) {
					if li != i {
						out[key+"."+strconv.Itoa(n)] = li + 1
					}
				})
				i = end
			}
		}
	}
	return out
}

// tomlHeaderParts splits a table header's name (systems."Checkout API")
// into its keys, without their quotes.
func tomlHeaderParts(name string) []string {
	var parts []string
	var b strings.Builder
	quote := byte(0)
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			b.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(b.String()))
}

// node is the node of v, a value go-toml decoded at path (its keys joined
// with ".", an item's index a key), on the line of its key, else on
// fallback.
func (c *tomlConv) node(v any, path string, fallback int) *node {
	lines, pool := c.lines, c.pool
	line := fallback
	if l, ok := lines[path]; ok {
		line = l
	}
	switch x := v.(type) {
	case nil:
		return pool.new(node{kind: kindNull, line: line})
	case map[string]any:
		n := pool.new(node{kind: kindMap, line: line, keys: pool.keys(len(x))})
		// Document order is lost in go-toml's map; order keys by line, then
		// name, so diagnostics still come out top to bottom.
		type key struct {
			name, path string
			line       int // 0 when the key's line is unknown
		}
		keys := make([]key, 0, len(x))
		for k := range x {
			kp := k
			if path != "" {
				kp = path + "." + k
			}
			keys = append(keys, key{name: k, path: kp, line: lines[kp]})
		}
		slices.SortFunc(keys, func(a, b key) int {
			if a.line != b.line {
				return a.line - b.line
			}
			return strings.Compare(a.name, b.name)
		})
		for _, k := range keys {
			kl := line
			if l, ok := lines[k.path]; ok {
				kl = l
			}
			n.keys = append(n.keys, mapKey{name: k.name, line: kl, val: c.node(x[k.name], k.path, kl)})
		}
		return n
	case []any:
		n := pool.new(node{kind: kindList, line: line})
		if len(x) > 0 {
			n.items = pool.items(len(x))
		}
		for i, it := range x {
			n.items = append(n.items, c.node(it, path+"."+strconv.Itoa(i), line))
		}
		return n
	case []map[string]any:
		n := pool.new(node{kind: kindList, line: line})
		if len(x) > 0 {
			n.items = pool.items(len(x))
		}
		for i, it := range x {
			n.items = append(n.items, c.node(it, path+"."+strconv.Itoa(i), line))
		}
		return n
	case string:
		return pool.new(node{kind: kindScalar, line: line, text: x, value: x})
	case int64:
		return pool.new(node{kind: kindScalar, line: line, text: strconv.FormatInt(x, 10), value: x})
	case float64:
		return pool.new(node{kind: kindScalar, line: line, text: strconv.FormatFloat(x, 'g', -1, 64), value: x})
	case bool:
		return pool.new(node{kind: kindScalar, line: line, text: strconv.FormatBool(x), value: x})
	case time.Time, toml.LocalDateTime, toml.LocalTime:
		// pmkb's own fields read the text, as go-toml writes it (RFC
		// 3339 for an offset date-time, as parseTime reads it); a team's
		// own field keeps the value, as written (QA 19 A-F7), as YAML and
		// JSON keep theirs.
		s := fmt.Sprint(x)
		if t, ok := x.(time.Time); ok {
			s = t.Format(time.RFC3339Nano)
		}
		var value any = s
		key := path[strings.LastIndexByte(path, '.')+1:]
		if _, err := strconv.Atoi(key); err == nil {
			key = "" // an item of a list
		}
		if w, ok := c.writtenTime(line, key, x); ok {
			value = w
		}
		return pool.new(node{kind: kindScalar, line: line, text: s, value: value})
	case toml.LocalDate:
		s := fmt.Sprint(x)
		return pool.new(node{kind: kindScalar, line: line, text: s, value: s})
	}
	s := fmt.Sprint(v)
	return pool.new(node{kind: kindScalar, line: line, text: s, value: s})
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
