package source

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/pmkb/pmkb/generator/model"
)

// allowedHTML renders a few harmless tags that GitHub and GitLab render
// too, while unsafeHTML is off: <br> (the only line break inside a table
// cell), <details> and <summary> around long logs, and <sub>, <sup> and
// <kbd>. A tag is rendered only when written exactly, with no attribute
// (<br>, <br/>, <br />, <details>, </details>, tag names in any case), and
// only where the page stays valid HTML:
//   - <br>, <sub>, <sup> and <kbd> inline, and on lines of their own;
//   - <details> and <summary> only on lines of their own (an HTML block),
//     with <summary> right after <details> and closed on the same lines;
//   - an opening tag and its closing tag in the same paragraph, table cell
//     or heading (or, for <details>, at the same level of the document),
//     properly nested.
//
// When the tags of one name do not pair up in a paragraph, table cell or
// heading, every tag of that name there is shown as text; the same tags
// elsewhere in the body are still rendered. The tags of HTML blocks (on
// lines of their own) pair up by nesting at their level of the document,
// as a browser reads them: a closing tag closes the nearest open tag of
// its name, and only a tag that closes nothing or is left open is shown as
// text, with its block (QA 21 A-F8: one <details> left open turned every
// other disclosure of the body into text), or alone in a block of only
// closing tags (QA 21r F4: one </details> too many, right under a good
// disclosure, showed that disclosure as text too). A tag shown as text (an allowed name with
// attributes, or a tag of an HTML block shown as text) still pairs up
// with its closing or opening tag, which is then shown as text too,
// without a note of its own: "<kbd class=k>Enter</kbd>" is one tag with
// an attribute, not a stray </kbd>. Everything else stays escaped as
// escapedHTML shows it, and allowedHTML notes in EscapedHTML, for lint's
// markdown/raw-html rule, every place shown as text, each once (an HTML
// block at its first such tag; a line of inline tags at its first), and
// for each name and place where tags did not pair up, the first offending
// one (QA 17 A-F4: a converted Confluence page got one note per lint run).
//
// It is an AST transformer, which decides per body what is rendered, and
// the node renderer that then writes it; with unsafe set it does nothing.
type allowedHTML struct {
	unsafe bool
	// escape renders what is not allowed (escapedHTML).
	escapeInline, escapeBlock renderer.NodeRendererFunc
	// render holds the raw HTML nodes of the current body that are rendered.
	render map[ast.Node]bool
	// asText holds, for a rendered HTML block of only closing tags, which
	// of its tags, in order, are shown as text (closingOnly).
	asText map[ast.Node][]bool
	// notes are the current body's escaped tags, with lines counted from 1
	// at the first line of the body: the first tag that is never rendered
	// of each HTML block and line, then the first of each name that did
	// not pair up.
	notes []model.EscapedHTML
}

func newAllowedHTML(unsafe bool) *allowedHTML {
	a := &allowedHTML{unsafe: unsafe, render: map[ast.Node]bool{}, asText: map[ast.Node][]bool{}}
	escapedHTML{}.RegisterFuncs(funcCatcher{kind: ast.KindRawHTML, fn: &a.escapeInline})
	escapedHTML{}.RegisterFuncs(funcCatcher{kind: ast.KindHTMLBlock, fn: &a.escapeBlock})
	return a
}

// pairedTags are the allowed tags that have a closing tag.
var pairedTags = []string{"details", "summary", "sub", "sup", "kbd"}

// allowedTag reports whether tag is an allowed tag exactly as written
// ("<br>", "<BR />", "</sub>"), with its name in lower case and whether it
// is a closing tag.
func allowedTag(tag string) (name string, closing, ok bool) {
	if len(tag) < 4 || len(tag) > 12 || tag[0] != '<' || tag[len(tag)-1] != '>' {
		return "", false, false
	}
	inner := tag[1 : len(tag)-1]
	if strings.EqualFold(inner, "br") || strings.EqualFold(inner, "br/") || strings.EqualFold(inner, "br /") {
		return "br", false, true
	}
	if inner[0] == '/' {
		closing, inner = true, inner[1:]
	}
	for _, n := range pairedTags {
		if strings.EqualFold(inner, n) {
			return n, closing, true
		}
	}
	return "", false, false
}

// tagNameRE finds the name of any tag-like text ("<div", "</span").
var tagNameRE = regexp.MustCompile(`^</?([A-Za-z][A-Za-z0-9-]*)`)

// htmlToken is one tag of a body's raw HTML.
type htmlToken struct {
	name  string // lower case; "" for a tag that is not allowed
	close bool
	tag   string // as written
	line  int    // 1-based line of the body
	// container is the node the tag must open and close in: the inline's
	// parent, the HTML block's parent, or for <summary> the block itself.
	container ast.Node
	block     *ast.HTMLBlock // nil for an inline tag
	node      ast.Node       // the RawHTML or HTMLBlock node
	// afterDetails is set for a <summary> right after a <details> of the
	// same block, with only white space between, or first in the HTML
	// block right after one that ends with the <details> (blank lines
	// between them, which HTML ignores: QA 18r F3).
	afterDetails bool
	// first is set for a block's tag with only white space before it in
	// the block, last for one with only white space after it.
	first, last bool
	// blank is set for a <summary> whose text up to its </summary> is
	// blank (spaces, entity spaces such as &nbsp;, tags like <br>): a
	// disclosure widget without a name.
	blank bool
	// text is set for a tag shown as text whatever its pairing: an
	// allowed name with attributes, a tag of an HTML block shown as text,
	// or one that pairs up with such a tag.
	text bool
	// inText is set for a tag that names an element in running text
	// (model.EscapedHTML.InText).
	inText bool
	// stray is set for a tag of an HTML block that does not pair up: it
	// closes nothing, or is left open (pairUp).
	stray bool
}

// Transform decides which raw HTML nodes of doc are rendered.
func (a *allowedHTML) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	clear(a.render)
	clear(a.asText)
	a.notes = a.notes[:0]
	src := reader.Source()
	lineOf := lineCounter(src)
	if bytes.Contains(src, []byte("<!--")) {
		// A comment never closed is noted last: note() reads the last
		// notes as those of the tag's line.
		var unclosed []model.EscapedHTML
		for _, c := range dropComments(doc, src) {
			l := lineOf(c.open)
			unclosed = append(unclosed, model.EscapedHTML{Line: l, Tag: "<!--", Unclosed: true, Hides: lineOf(c.last) - l})
		}
		defer func() { a.notes = append(a.notes, unclosed...) }()
	}
	if a.unsafe || bytes.IndexByte(src, '<') < 0 {
		return
	}
	var tokens []htmlToken
	closed := map[ast.Node]map[string]bool{} // closingNames, by block
	// closers are the rendered HTML blocks of only closing tags, whose
	// tags are shown as text one by one (closingOnly).
	closers := map[ast.Node]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.RawHTML:
			t := htmlToken{tag: string(rawSource(v, src)), container: v.Parent(), node: v}
			if v.Segments.Len() > 0 {
				t.line = lineOf(v.Segments.At(0).Start)
			}
			name, closing, ok := allowedTag(t.tag)
			switch {
			case strings.HasPrefix(t.tag, "<!--"):
				// A comment (pmkb-lint-ignore): shown as today, no note.
			case !ok || name == "details" || name == "summary":
				// <details> and <summary> inside a paragraph would end it.
				t.inText = namedInText(t.tag, v, src, closed)
				a.note(t)
				if n := withAttributes(t.tag); n != "" && n != "details" && n != "summary" {
					t.name, t.text = n, true
					tokens = append(tokens, t)
				}
			default:
				t.name, t.close = name, closing
				tokens = append(tokens, t)
				a.render[v] = true
			}
		case *ast.HTMLBlock:
			first := len(tokens)
			if a.blockTokens(v, src, lineOf, &tokens) {
				a.render[v] = true
				closers[v] = closingOnly(v, src, tokens[first:])
			} else {
				for i := first; i < len(tokens); i++ {
					tokens[i].text = true
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	summaryAcrossBlocks(tokens)
	// Drop the tags of a name in a container where they do not pair up,
	// until the rest does. A block with a tag shown as text is shown as
	// text whole, so all its tags are, but for a block of only closing
	// tags, whose tags are shown as text one by one; a tag that pairs up
	// with one shown as text is too.
	bad := map[badKey]int{} // name and container → line of its first offending tag
	var nameless []model.EscapedHTML
	live := func(t *htmlToken) bool {
		_, b := bad[badKey{t.name, t.container}]
		return !b && !t.stray
	}
	for {
		changed := false
		for _, p := range pairUp(tokens, live, bad, &changed) {
			if o, c := &tokens[p[0]], &tokens[p[1]]; o.text != c.text {
				o.text, c.text, changed = true, true, true
			}
		}
		deadBlock := map[ast.Node]bool{}
		for i := range tokens {
			if t := &tokens[i]; t.block != nil && !closers[t.block] && (t.text || !live(t)) {
				deadBlock[t.block] = true
			}
		}
		for i := range tokens {
			if t := &tokens[i]; deadBlock[t.block] && !t.text {
				t.text, changed = true, true
			}
		}
		if !changed {
			// The tags pair up now. A <details> not followed by its
			// <summary>, which the page's HTML requires, and a <summary>
			// without text, which names nothing, are shown as text, the
			// tags they pair up with too, at the next round (QA 18
			// C-F10). Their note says so (Nameless); a tag that does not
			// pair up is noted as such first, whose hint names the
			// <summary> too.
			for i := range tokens {
				t := &tokens[i]
				if t.text || t.close || t.block == nil || !live(t) {
					continue
				}
				switch {
				case t.name == "summary" && t.blank && t.afterDetails,
					t.name == "details" && !summaryNext(tokens, i):
					t.text, changed = true, true
					nameless = append(nameless, model.EscapedHTML{Line: t.line, Tag: "<" + t.name + ">", Unpaired: true, Nameless: true})
				}
			}
		}
		if !changed {
			break
		}
	}
	unpaired := nameless
	for k, line := range bad {
		unpaired = append(unpaired, model.EscapedHTML{Line: line, Tag: "<" + k.name + ">", Unpaired: true})
	}
	for i := range tokens {
		if t := &tokens[i]; t.stray {
			unpaired = append(unpaired, model.EscapedHTML{Line: t.line, Tag: "<" + t.name + ">", Unpaired: true})
		}
	}
	slices.SortFunc(unpaired, func(x, y model.EscapedHTML) int {
		if x.Line != y.Line {
			return x.Line - y.Line
		}
		return strings.Compare(x.Tag, y.Tag)
	})
	a.notes = slices.CompactFunc(append(a.notes, unpaired...), func(x, y model.EscapedHTML) bool { return x == y })
	for i := range tokens {
		t := &tokens[i]
		if closers[t.node] {
			a.asText[t.node] = append(a.asText[t.node], !live(t) || t.text)
		} else if !live(t) || t.text {
			delete(a.render, t.node)
		}
	}
	for n, text := range a.asText {
		if !slices.Contains(text, false) {
			// Every tag is text: the block is, as any other.
			delete(a.render, n)
			delete(a.asText, n)
		}
	}
}

// closingOnly reports whether the HTML block b, whose tags are tokens,
// all allowed, holds only closing tags and white space: "</details>" on
// a line, or two of them, as when nested disclosures are closed and one
// too many is written. Such a block is rendered with only its tags that
// close nothing (or whose opening tag is shown as text) shown as text,
// as a browser ignores them, and the disclosures they follow stay
// rendered (QA 21r F4). A block with any other text is rendered or shown
// as text whole.
func closingOnly(b *ast.HTMLBlock, src []byte, tokens []htmlToken) bool {
	if len(tokens) == 0 {
		return false
	}
	for i := range tokens {
		if !tokens[i].close || tokens[i].text {
			return false
		}
	}
	blank := true
	lines := b.Lines()
	for i := 0; i < lines.Len() && blank; i++ {
		seg := lines.At(i)
		splitAllowedLine(seg.Value(src), func(text []byte) {
			blank = blank && util.IsBlank(text)
		}, func(string) {})
	}
	return blank
}

// summaryNext reports whether the tag after the <details> tokens[i] is a
// <summary> of its block; one that is not right after it (text between)
// does not pair up, and is noted for that.
func summaryNext(tokens []htmlToken, i int) bool {
	if i+1 == len(tokens) {
		return false
	}
	n := tokens[i+1]
	return n.name == "summary" && !n.close && (n.block == tokens[i].block || n.afterDetails)
}

// withAttributes returns the name of an allowed tag written with
// attributes ("<kbd class=k>" is "kbd"), which is shown as text, or "".
func withAttributes(tag string) string {
	m := tagNameRE.FindStringSubmatch(tag)
	if m == nil || strings.HasPrefix(tag, "</") {
		return ""
	}
	n := strings.ToLower(m[1])
	if !slices.Contains(pairedTags, n) {
		return ""
	}
	return n
}

// badKey is a tag name in the container where its tags do not pair up.
type badKey struct {
	name      string
	container ast.Node
}

// dropComments removes the HTML comments (<!-- … -->) from doc, as GitHub
// and GitLab hide them: writers leave notes to reviewers in them ("do not
// publish the customer's name") that are not meant for the page, its
// source, the search index or the exports. An inline comment goes; an
// HTML block loses its comments, and goes when nothing else is left. A
// pmkb-lint-ignore comment still works: lint reads the file's lines.
// Blocks of <script>, <style>, <pre> and <textarea> (type 1), shown as
// text, are left whole. It returns the comments that are never closed,
// which hide the rest of their block: for a comment on lines of its own,
// the rest of the body (QA 21r F6).
func dropComments(doc *ast.Document, src []byte) (unclosed []openComment) {
	var drop []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.RawHTML:
			if v.Segments.Len() > 0 && bytes.HasPrefix(src[v.Segments.At(0).Start:], []byte("<!--")) {
				drop = append(drop, v)
			}
		case *ast.HTMLBlock:
			if v.HTMLBlockType == ast.HTMLBlockType1 {
				return ast.WalkSkipChildren, nil
			}
			left, c := withoutComments(v, src)
			if !left {
				drop = append(drop, v)
			}
			if c.open >= 0 {
				unclosed = append(unclosed, c)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	return unclosed
}

// openComment is an HTML comment that is never closed: the offset of its
// "<!--", and of the start of the last line with text that it hides
// (its own line's when it hides no other).
type openComment struct {
	open, last int
}

// rawSource is the HTML an inline raw HTML node holds, as written.
func rawSource(n *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// blockSource is the source of HTML block b as written, its closing line
// (</pre>, -->, ?>…) included.
func blockSource(b *ast.HTMLBlock, src []byte) []byte {
	var raw []byte
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw = append(raw, seg.Value(src)...)
	}
	if b.HasClosure() {
		raw = append(raw, b.ClosureLine.Value(src)...)
	}
	return raw
}

// withoutComments removes the comments from the lines of HTML block b
// (its closing line included), and a line that holds nothing else, and
// reports whether anything is left. A comment that is never closed runs to
// the end of the block; it is returned (open is -1 when there is none).
func withoutComments(b *ast.HTMLBlock, src []byte) (left bool, unclosed openComment) {
	unclosed.open = -1
	lines := b.Lines()
	all := make([]text.Segment, 0, lines.Len()+1)
	for i := 0; i < lines.Len(); i++ {
		all = append(all, lines.At(i))
	}
	if b.HasClosure() {
		all = append(all, b.ClosureLine)
	}
	found := false
	for i := range all {
		if bytes.Contains(all[i].Value(src), []byte("<!--")) {
			found = true
			break
		}
	}
	if !found {
		return true, unclosed
	}
	var kept []text.Segment
	in := false // inside a comment
	for _, seg := range all {
		var pieces []text.Segment
		cut := false
		if in && !util.IsBlank(seg.Value(src)) {
			unclosed.last = seg.Start
		}
		for start := seg.Start; start < seg.Stop; {
			rest := src[start:seg.Stop]
			if in {
				cut = true
				end := bytes.Index(rest, []byte("-->"))
				if end < 0 {
					start = seg.Stop
					break
				}
				in, start = false, start+end+3
				continue
			}
			open := bytes.Index(rest, []byte("<!--"))
			if open < 0 {
				pieces = append(pieces, text.NewSegment(start, seg.Stop))
				break
			}
			if open > 0 {
				pieces = append(pieces, text.NewSegment(start, start+open))
			}
			unclosed = openComment{open: start + open, last: start + open}
			in, cut, start = true, true, start+open+4
			// "<!-->" and "<!--->" are (empty) comments.
			if r := src[start:seg.Stop]; bytes.HasPrefix(r, []byte(">")) {
				in, start = false, start+1
			} else if bytes.HasPrefix(r, []byte("->")) {
				in, start = false, start+2
			}
		}
		blank := true
		for i := range pieces {
			blank = blank && util.IsBlank(pieces[i].Value(src))
		}
		if cut && blank {
			continue
		}
		kept = append(kept, pieces...)
	}
	b.Lines().Clear()
	for _, p := range kept {
		b.Lines().Append(p)
	}
	b.ClosureLine = text.NewSegment(-1, -1)
	if !in {
		unclosed.open = -1
	}
	return len(kept) > 0, unclosed
}

// lineCounter returns a function from an offset of src to its 1-based
// line. It finds the line starts at its first call, once, and then
// searches them: a body with many links or tags is not counted from its
// start for each, and one without any is not counted at all.
func lineCounter(src []byte) func(offset int) int {
	var starts []int // offsets of the line after each new line
	counted := false
	return func(offset int) int {
		if !counted {
			for i, c := range src {
				if c == '\n' {
					starts = append(starts, i+1)
				}
			}
			counted = true
		}
		n, _ := slices.BinarySearch(starts, offset+1)
		return 1 + n
	}
}

// blockTokens appends the tags of HTML block b to tokens and reports
// whether every one of them is allowed; a block that is not is noted once,
// at its first tag that is not, and its allowed tags and allowed names
// with attributes are still appended, to pair up with the tags of other
// blocks (Transform shows them as text). A block of types 1-5 (script,
// comment, <?, <!, CDATA) is never allowed; a comment is left without a
// note, as inline.
func (a *allowedHTML) blockTokens(b *ast.HTMLBlock, src []byte, lineOf func(int) int, tokens *[]htmlToken) (ok bool) {
	lines := b.Lines()
	if b.HTMLBlockType != ast.HTMLBlockType6 && b.HTMLBlockType != ast.HTMLBlockType7 {
		if b.HTMLBlockType != ast.HTMLBlockType2 && lines.Len() > 0 {
			seg := lines.At(0)
			tag, _, _ := strings.Cut(strings.TrimSpace(string(seg.Value(src))), ">")
			a.note(htmlToken{tag: tag + ">", line: lineOf(seg.Start)})
		}
		return false
	}
	ok = true
	noted := false
	note := func(t htmlToken) {
		if !noted {
			noted = a.note(t)
		}
	}
	var prev *htmlToken // the block's previous tag
	between := false    // text other than white space since prev
	summary := -1       // index in tokens of an open <summary>
	var named []byte    // its text so far
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := seg.Value(src)
		for len(line) > 0 {
			lt := bytes.IndexByte(line, '<')
			if lt < 0 || lt+1 >= len(line) || !isTagStart(line[lt+1]) {
				if lt < 0 {
					lt = len(line) - 1
				}
				between = between || len(bytes.TrimSpace(line[:lt+1])) > 0
				if summary >= 0 {
					named = append(named, line[:lt+1]...)
				}
				line = line[lt+1:]
				continue
			}
			between = between || len(bytes.TrimSpace(line[:lt])) > 0
			if summary >= 0 {
				named = append(named, line[:lt]...)
			}
			gt := bytes.IndexByte(line[lt:], '>')
			if gt < 0 {
				note(htmlToken{tag: string(line[lt:]), line: lineOf(seg.Start)})
				ok = false
				break
			}
			tag := string(line[lt : lt+gt+1])
			line = line[lt+gt+1:]
			name, closing, allowed := allowedTag(tag)
			if !allowed {
				if !strings.HasPrefix(tag, "<!--") {
					note(htmlToken{tag: tag, line: lineOf(seg.Start)})
				}
				ok = false
				if name = withAttributes(tag); name == "" {
					continue
				}
			}
			t := htmlToken{name: name, close: closing, tag: tag, line: lineOf(seg.Start),
				container: b.Parent(), block: b, node: b, text: !allowed, first: prev == nil && !between}
			if t.name == "summary" {
				t.container = b
				t.afterDetails = !t.close && prev != nil && prev.name == "details" && !prev.close && !between
				switch {
				case !t.close:
					summary, named = len(*tokens), nil
				case summary >= 0:
					(*tokens)[summary].blank = strings.TrimFunc(html.UnescapeString(string(named)), unicode.IsSpace) == ""
					summary = -1
				}
			}
			*tokens = append(*tokens, t)
			prev, between = &(*tokens)[len(*tokens)-1], false
		}
	}
	if prev != nil && !between {
		prev.last = true
	}
	return ok
}

// summaryAcrossBlocks marks as after its <details> a <summary> that opens
// the HTML block right after the block a <details> ends, blank lines
// between: HTML ignores the white space, and GitHub renders it so.
func summaryAcrossBlocks(tokens []htmlToken) {
	for i := 1; i < len(tokens); i++ {
		t, p := &tokens[i], &tokens[i-1]
		if t.name == "summary" && !t.close && !t.afterDetails && t.first && t.block != nil &&
			p.name == "details" && !p.close && p.last && p.block != nil && t.block.PreviousSibling() == ast.Node(p.block) {
			t.afterDetails = true
		}
	}
}

// note notes t, a tag that is never rendered, unless a tag of its line
// and of its kind (inText or not) is noted already (Transform meets tags
// in the order of the body), and
// reports whether t's line is noted now.
//
// A tag whose name is no HTML element, such as a placeholder in a log
// excerpt ("Bearer <redacted>", "<your-token>", "<user-id>"), is not
// noted: shown as text is what its writer meant, and unsafeHTML would
// hide it.
func (a *allowedHTML) note(t htmlToken) bool {
	if m := tagNameRE.FindStringSubmatch(t.tag); m != nil && !htmlElements[strings.ToLower(m[1])] {
		return false
	}
	// The notes of t's line are the last ones: one of a name in running
	// text and one of other tags at most.
	for i := len(a.notes) - 1; i >= 0 && a.notes[i].Line == t.line; i-- {
		if a.notes[i].InText == t.inText {
			return true
		}
	}
	a.notes = append(a.notes, model.EscapedHTML{Line: t.line, Tag: shortTag(t.tag), InText: t.inText})
	return true
}

// openTagRE matches an opening tag without attributes: "<select>".
var openTagRE = regexp.MustCompile(`^<([A-Za-z][A-Za-z0-9-]*)>$`)

// namedInText reports whether tag, the inline raw HTML n, names an
// element in running text: an opening tag without attributes that no
// closing tag of its name in the same block (paragraph, table cell,
// heading) closes — "the <select> of countries", not "<span>a</span>".
// closed caches each block's closing tags.
func namedInText(tag string, n ast.Node, src []byte, closed map[ast.Node]map[string]bool) bool {
	m := openTagRE.FindStringSubmatch(tag)
	if m == nil {
		return false
	}
	b := n.Parent()
	for b != nil && b.Type() != ast.TypeBlock {
		b = b.Parent()
	}
	if b == nil {
		return false
	}
	names, ok := closed[b]
	if !ok {
		names = map[string]bool{}
		_ = ast.Walk(b, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if r, isRaw := c.(*ast.RawHTML); entering && isRaw && r.Segments.Len() > 0 {
				seg := r.Segments.At(0)
				if cm := tagNameRE.FindStringSubmatch(string(seg.Value(src))); cm != nil && strings.HasPrefix(cm[0], "</") {
					names[strings.ToLower(cm[1])] = true
				}
			}
			return ast.WalkContinue, nil
		})
		closed[b] = names
	}
	return !names[strings.ToLower(m[1])]
}

// htmlElements are the names of the elements of HTML (the WHATWG
// standard's, the obsolete ones browsers still render, and the roots of
// SVG and MathML): a tag with another name is text to a reader.
var htmlElements = map[string]bool{
	"a": true, "abbr": true, "acronym": true, "address": true, "applet": true, "area": true,
	"article": true, "aside": true, "audio": true, "b": true, "base": true, "basefont": true,
	"bdi": true, "bdo": true, "bgsound": true, "big": true, "blink": true, "blockquote": true,
	"body": true, "br": true, "button": true, "canvas": true, "caption": true, "center": true,
	"cite": true, "code": true, "col": true, "colgroup": true, "data": true, "datalist": true,
	"dd": true, "del": true, "details": true, "dfn": true, "dialog": true, "dir": true, "div": true,
	"dl": true, "dt": true, "em": true, "embed": true, "fieldset": true, "figcaption": true,
	"figure": true, "font": true, "footer": true, "form": true, "frame": true, "frameset": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true,
	"header": true, "hgroup": true, "hr": true, "html": true, "i": true, "iframe": true,
	"image": true, "img": true, "input": true, "ins": true, "isindex": true, "kbd": true,
	"keygen": true, "label": true, "legend": true, "li": true, "link": true, "listing": true,
	"main": true, "map": true, "mark": true, "marquee": true, "math": true, "menu": true,
	"menuitem": true, "meta": true, "meter": true, "nav": true, "nobr": true, "noembed": true,
	"noframes": true, "noscript": true, "object": true, "ol": true, "optgroup": true, "option": true,
	"output": true, "p": true, "param": true, "picture": true, "plaintext": true, "pre": true,
	"progress": true, "q": true, "rb": true, "rp": true, "rt": true, "rtc": true, "ruby": true,
	"s": true, "samp": true, "script": true, "search": true, "section": true, "select": true,
	"slot": true, "small": true, "source": true, "spacer": true, "span": true, "strike": true,
	"strong": true, "style": true, "sub": true, "summary": true, "sup": true, "svg": true,
	"table": true, "tbody": true, "td": true, "template": true, "textarea": true, "tfoot": true,
	"th": true, "thead": true, "time": true, "title": true, "tr": true, "track": true, "tt": true,
	"u": true, "ul": true, "var": true, "video": true, "wbr": true, "xmp": true,
}

func isTagStart(c byte) bool {
	return c == '/' || c == '!' || c == '?' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// pairUp checks that the live tokens of each container open and close in
// order. Inline, it adds each name and container where they do not, at
// the line of the first offending tag, to bad; in HTML blocks, where a
// closing tag closes the nearest open tag of its name, it marks stray
// each tag that closes nothing or is left open. It sets added when it
// adds or marks one, and returns the indexes in tokens of the opening and
// closing tags that pair up. A tag shown as text (htmlToken.text) pairs
// up, but is never itself offending: one left open, or one in the way of
// a closing tag of another name, is text on the page, which breaks
// nothing.
func pairUp(tokens []htmlToken, live func(*htmlToken) bool, bad map[badKey]int, added *bool) (pairs [][2]int) {
	mark := func(t *htmlToken) {
		if t.text {
			return
		}
		if t.block != nil {
			if !t.stray {
				t.stray, *added = true, true
			}
			return
		}
		k := badKey{t.name, t.container}
		if l, ok := bad[k]; !ok || t.line < l {
			if !ok {
				*added = true
			}
			bad[k] = t.line
		}
	}
	stacks := map[ast.Node][]int{}
	for i := range tokens {
		t := &tokens[i]
		if t.name == "br" || !live(t) {
			continue
		}
		st := stacks[t.container]
		if t.close && t.block != nil {
			// The tags of HTML blocks never share a container with
			// inline ones: their container is a block's parent, or the
			// block itself for <summary>.
			j := len(st) - 1
			for j >= 0 && tokens[st[j]].name != t.name {
				j--
			}
			if j < 0 {
				mark(t)
				continue
			}
			for _, k := range st[j+1:] {
				mark(&tokens[k])
			}
			pairs = append(pairs, [2]int{st[j], i})
			stacks[t.container] = st[:j]
			continue
		}
		if t.close {
			for len(st) > 0 && tokens[st[len(st)-1]].text && tokens[st[len(st)-1]].name != t.name {
				st = st[:len(st)-1]
			}
			stacks[t.container] = st
		}
		switch {
		case !t.close:
			if t.name == "summary" && !t.afterDetails {
				mark(t)
				continue
			}
			stacks[t.container] = append(st, i)
		case len(st) > 0 && tokens[st[len(st)-1]].name == t.name:
			pairs = append(pairs, [2]int{st[len(st)-1], i})
			stacks[t.container] = st[:len(st)-1]
		default:
			mark(t)
			if len(st) > 0 {
				mark(&tokens[st[len(st)-1]])
			}
		}
	}
	for _, st := range stacks {
		for _, i := range st {
			mark(&tokens[i])
		}
	}
	return pairs
}

// shortTag shortens a tag for a message: its name, with "…" for
// attributes ("<br …>", "</div>"), or its first characters.
func shortTag(tag string) string {
	if m := tagNameRE.FindStringSubmatch(tag); m != nil {
		s := tag[:len(m[0])]
		if rest := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(tag[len(m[0]):], ">"), "/")); rest != "" {
			s += " …"
		}
		return s + ">"
	}
	if r := []rune(tag); len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return tag
}

// Notes returns the escaped tags of the last body rendered, with file
// lines for a body that starts on line bodyLine.
func (a *allowedHTML) Notes(bodyLine int) []model.EscapedHTML {
	if len(a.notes) == 0 {
		return nil
	}
	out := make([]model.EscapedHTML, len(a.notes))
	for i, n := range a.notes {
		n.Line += bodyLine - 1
		out[i] = n
	}
	return out
}

// RegisterFuncs renders the raw HTML nodes that Transform allowed, and
// the rest as escapedHTML does.
func (a *allowedHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !a.render[n] {
			return a.escapeInline(w, src, n, entering)
		}
		if entering {
			_, _ = w.WriteString(canonicalTag(string(rawSource(n.(*ast.RawHTML), src))))
		}
		return ast.WalkSkipChildren, nil
	})
	r.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !a.render[n] {
			return a.escapeBlock(w, src, n, entering)
		}
		if entering {
			if text, ok := a.asText[n]; ok {
				writeClosers(w, src, n, text)
				return ast.WalkSkipChildren, nil
			}
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				writeAllowedLine(w, seg.Value(src))
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// writeClosers writes an HTML block of only closing tags (closingOnly):
// each tag rendered, but those text marks, in order, which are shown as
// text in a box of their lines, as escapedHTML shows a block.
func writeClosers(w util.BufWriter, src []byte, n ast.Node, text []bool) {
	var box []byte // the lines of the box so far
	k := 0         // the index of the next tag
	flush := func() {
		if len(box) > 0 {
			_, _ = w.WriteString("<pre class=\"raw-html\" tabindex=\"0\"><code>" + html.EscapeString(string(box)) + "</code></pre>\n")
			box = box[:0]
		}
	}
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		inBox, rendered := false, false
		splitAllowedLine(seg.Value(src), func([]byte) {}, func(tag string) {
			if k < len(text) && text[k] {
				box, inBox = append(box, tag...), true
			} else {
				flush()
				_, _ = w.WriteString(canonicalTag(tag))
				rendered = true
			}
			k++
		})
		if inBox {
			box = append(box, '\n')
		}
		if rendered {
			_ = w.WriteByte('\n')
		}
	}
	flush()
}

// writeAllowedLine writes a line of an allowed HTML block: its tags (all
// allowed) in canonical form, and the text between them escaped.
func writeAllowedLine(w util.BufWriter, line []byte) {
	splitAllowedLine(line, func(text []byte) {
		_, _ = w.WriteString(escapeText(text))
	}, func(tag string) {
		_, _ = w.WriteString(canonicalTag(tag))
	})
}

// splitAllowedLine calls text with each run of text of a line of an
// allowed HTML block, and tag with each of its allowed tags, in order.
func splitAllowedLine(line []byte, text func([]byte), tag func(string)) {
	for len(line) > 0 {
		lt := bytes.IndexByte(line, '<')
		if lt < 0 {
			break
		}
		gt := -1
		if lt+1 < len(line) && isTagStart(line[lt+1]) {
			gt = bytes.IndexByte(line[lt:], '>')
		}
		if _, _, ok := allowedTag(string(line[lt : lt+gt+1])); gt < 0 || !ok {
			text(line[:lt+1])
			line = line[lt+1:]
			continue
		}
		text(line[:lt])
		tag(string(line[lt : lt+gt+1]))
		line = line[lt+gt+1:]
	}
	text(line)
}

// escapeText escapes the text of an allowed HTML block; its entities are
// decoded first, so "&amp;" shows as "&", not as "&amp;".
func escapeText(b []byte) string {
	return html.EscapeString(html.UnescapeString(string(b)))
}

// canonicalTag writes an allowed tag in lower case without a slash:
// "<BR />" is "<br>".
func canonicalTag(tag string) string {
	name, closing, ok := allowedTag(tag)
	switch {
	case !ok:
		return html.EscapeString(tag)
	case closing:
		return "</" + name + ">"
	}
	return "<" + name + ">"
}

// pageText returns the text a reader sees of the raw HTML node n, an
// inline tag (ast.RawHTML) or an HTML block (its closing line included),
// of the body last transformed, for search and snippets: for a node
// Transform rendered, its text without the tags, a <br> as a space, its
// entities decoded as the page shows them; for one shown as text, its
// source as it is, tags and entities as written. withoutAllowedTags cut
// every allowed tag out, so the text lost the "<kbd>" and "</kbd>" the
// page shows around an allowed tag written with attributes or left
// unpaired (QA 21 A-F9). Any other node is its lines as they are. With
// unsafe set, nodes are read as withoutAllowedTags reads them.
func (a *allowedHTML) pageText(n ast.Node, src []byte) []byte {
	var raw []byte
	switch v := n.(type) {
	case *ast.RawHTML:
		raw = rawSource(v, src)
	case *ast.HTMLBlock:
		raw = blockSource(v, src)
	default:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			raw = append(raw, seg.Value(src)...)
		}
		return raw
	}
	switch {
	case a.unsafe:
		return withoutAllowedTags(raw)
	case !a.render[n]:
		return raw
	}
	if _, ok := n.(*ast.RawHTML); ok {
		if name, _, _ := allowedTag(string(raw)); name == "br" {
			return []byte{' '}
		}
		return nil
	}
	var out []byte
	// A rendered block has no closing line (types 6 and 7).
	lines := n.Lines()
	if text, ok := a.asText[n]; ok {
		// Only closing tags, some shown as text (writeClosers).
		k := 0
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			splitAllowedLine(seg.Value(src), func([]byte) {}, func(tag string) {
				if k < len(text) && text[k] {
					out = append(append(out, tag...), '\n')
				}
				k++
			})
		}
		return out
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		splitAllowedLine(seg.Value(src), func(text []byte) {
			out = append(out, html.UnescapeString(string(text))...)
		}, func(tag string) {
			if name, _, _ := allowedTag(tag); name == "br" {
				out = append(out, ' ')
			}
		})
	}
	return out
}

// anyAllowedTagRE finds allowed tags in text.
var anyAllowedTagRE = regexp.MustCompile(`(?i)<(?:(br) ?/?|/?(?:details|summary|sub|sup|kbd))>`)

// withoutAllowedTags returns raw HTML as plain text (for search): without
// the allowed tags, <br> as a space.
func withoutAllowedTags(b []byte) []byte {
	if bytes.IndexByte(b, '<') < 0 {
		return b
	}
	if name, _, ok := allowedTag(string(b)); ok { // an inline tag
		if name == "br" {
			return []byte{' '}
		}
		return nil
	}
	return anyAllowedTagRE.ReplaceAllFunc(b, func(tag []byte) []byte {
		if len(tag) > 2 && (tag[1]|0x20) == 'b' && (tag[2]|0x20) == 'r' {
			return []byte{' '}
		}
		return nil
	})
}
