package source

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"
	"golang.org/x/text/width"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// markdown renders postmortem bodies. goldmark does the work: GFM (tables,
// task lists, strikethrough, autolinks), footnotes, heading ids (made as
// GitHub makes them, see headingIDs), and code
// highlighting through goldmark-highlighting (chroma, emitting CSS classes
// so the theme styles them and no inline style breaks a strict CSP).
type markdown struct {
	md goldmark.Markdown
	// allowed renders the few allowed raw HTML tags (rawhtml.go).
	allowed *allowedHTML
	// refs rewrites links to other files of the content tree (links.go).
	refs *localRefs
	// out is reused for every document this markdown renders, and so is
	// ids, reset for each.
	out bufferWriter
	ids *headingIDs
	// explicit is ids as the parser is given them (explicitIDs).
	explicit *explicitIDs
	// tooDeep holds where, in the document being parsed, a block quote,
	// list or footnote was not opened for being nested too deep
	// (nestingLimit).
	tooDeep *[]int
	// headingNotes are the warnings about the {#id} attributes of the
	// document's headings (explicitIDs), for render to report.
	headingNotes *[]headingNote
}

// bufferWriter is a bytes.Buffer that goldmark's renderer takes as its
// buffered writer as it is, instead of wrapping it in a new bufio.Writer
// (4 KiB) per document and copying through it.
type bufferWriter struct{ bytes.Buffer }

// Buffered is 0: every write is already in the buffer.
func (*bufferWriter) Buffered() int { return 0 }

// Flush does nothing, for the same reason.
func (*bufferWriter) Flush() error { return nil }

// codeFormatOptions are chroma's HTML options for code blocks: CSS classes
// (the theme colours them; no inline style breaks a strict CSP) and a <pre>
// reachable by keyboard.
var codeFormatOptions = []chromahtml.Option{chromahtml.WithClasses(true), chromahtml.WithPreWrapper(focusablePre{})}

// classOnlyStyle is the chroma style code blocks are formatted with. With
// CSS classes the style changes nothing in the HTML, but chroma's HTML
// formatter turns its style into CSS once per formatter, and
// goldmark-highlighting makes a formatter per code block: an empty style
// makes that nearly free.
var classOnlyStyle = chroma.MustNewStyle("pmkb-classes", chroma.StyleEntries{})

func newMarkdown(unsafeHTML bool, lang string) *markdown {
	refs := &localRefs{unsafeHTML: unsafeHTML}
	rendererOpts := []renderer.Option{renderer.WithNodeRenderers(
		util.Prioritized(accessibleBlocks{lang: lang}, 100),
		util.Prioritized(newCodeBlocks(), 100),
	)}
	if unsafeHTML {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)))
	}
	allowed := newAllowedHTML(unsafeHTML)
	if !unsafeHTML {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(allowed, 50)))
	}
	tooDeep := new([]int)
	ids := newHeadingIDs()
	explicit := &explicitIDs{headingIDs: ids, notes: new([]headingNote)}
	md := goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(explicit.wrap(limitNesting(parser.DefaultBlockParsers(), tooDeep))...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		)),
		goldmark.WithExtensions(
			// GFM, with table alignment as classes (align-right) instead of
			// style attributes, which a strict Content-Security-Policy blocks.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			limitedFootnotes{tooDeep},
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			// "## Timeline {#timeline}", as Hugo, kramdown and Pandoc
			// read it; explicitIDs keeps the id alone (QA 17 A-F3).
			parser.WithHeadingAttribute(),
			parser.WithASTTransformers(
				// After the footnotes are numbered (999).
				util.Prioritized(footnoteIDs{explicit, refs}, 1000),
				util.Prioritized(headingShift{}, 100),
				util.Prioritized(cellAlignClass{}, 100),
				util.Prioritized(autoLinkClass{}, 100),
				util.Prioritized(eastAsianLineBreaks{}, 100),
				util.Prioritized(allowed, 100),
				util.Prioritized(refs, 100),
			),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &markdown{md: md, refs: refs, allowed: allowed, ids: ids, explicit: explicit, tooDeep: tooDeep, headingNotes: explicit.notes}
}

// maxNesting is how deep block quotes, lists and footnotes may nest in
// one another in a body. goldmark's work on a line grows with the square
// of its nesting: 800 KB of ">" took six minutes, 160 KB of "- " 26 s
// (QA 15 A-F2). Nothing written for people nests half as deep.
const maxNesting = 32

// nestingLimit is a goldmark parser of block quotes, lists or footnotes
// that opens none nested more than maxNesting deep: there, the rest of
// the line is text, of the paragraph it starts or goes on with. It notes
// the offset of each such line in tooDeep.
type nestingLimit struct {
	parser.BlockParser
	tooDeep *[]int
}

func (l nestingLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	depth := 0
	for n := parent; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList, east.KindFootnote:
			depth++
		}
	}
	// In a list goldmark opens its items; the list parser, asked there
	// first, only answers that it opens nothing.
	if depth >= maxNesting && parent.Kind() != ast.KindList {
		_, at := reader.Position()
		*l.tooDeep = append(*l.tooDeep, at.Start)
		return nil, parser.NoChildren
	}
	return l.BlockParser.Open(parent, reader, pc)
}

// limitNesting returns parsers with the parsers of block quotes and lists
// among them made nestingLimits.
func limitNesting(parsers []util.PrioritizedValue, tooDeep *[]int) []util.PrioritizedValue {
	quotes, lists := reflect.TypeOf(parser.NewBlockquoteParser()), reflect.TypeOf(parser.NewListParser())
	for i, p := range parsers {
		if t := reflect.TypeOf(p.Value); t == quotes || t == lists {
			parsers[i].Value = nestingLimit{BlockParser: p.Value.(parser.BlockParser), tooDeep: tooDeep}
		}
	}
	return parsers
}

// limitedFootnotes is goldmark's footnote extension (extension.Footnote,
// which it adds as goldmark v1.8.7 does) with its parser of footnotes made
// a nestingLimit: "[^a]: [^b]: …" nests them on one line.
type limitedFootnotes struct{ tooDeep *[]int }

func (f limitedFootnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(nestingLimit{BlockParser: extension.NewFootnoteBlockParser(), tooDeep: f.tooDeep}, 999)),
		parser.WithInlineParsers(util.Prioritized(extension.NewFootnoteParser(), 101)),
		parser.WithASTTransformers(util.Prioritized(extension.NewFootnoteASTTransformer(), 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500)))
}

// highlightingOptions configure goldmark-highlighting as pmkb uses it.
func highlightingOptions() []highlighting.Option {
	return []highlighting.Option{
		highlighting.WithCustomStyle(classOnlyStyle),
		highlighting.WithFormatOptions(codeFormatOptions...),
		highlighting.WithGuessLanguage(false),
		highlighting.WithWrapperRenderer(plainCodeWrapper),
	}
}

// codeBlocks renders fenced code blocks as goldmark-highlighting does with
// highlightingOptions (see TestCodeBlocksMatchHighlighting), but with one
// chroma formatter and one lexer lookup per language for all blocks
// instead of new ones per block. A block whose info string carries
// attributes ({linenos=true}, {hl_lines=[2]}) goes to goldmark-highlighting
// itself, which reads them.
type codeBlocks struct {
	formatter *chromahtml.Formatter
	// withAttributes is goldmark-highlighting's renderer.
	withAttributes renderer.NodeRendererFunc
	mu             sync.Mutex
	lexers         map[string]chroma.Lexer // coalesced; nil: no lexer
}

func newCodeBlocks() *codeBlocks {
	c := &codeBlocks{formatter: chromahtml.New(codeFormatOptions...), lexers: map[string]chroma.Lexer{}}
	highlighting.NewHTMLRenderer(highlightingOptions()...).RegisterFuncs(funcCatcher{kind: ast.KindFencedCodeBlock, fn: &c.withAttributes})
	return c
}

// funcCatcher takes the render function a NodeRenderer registers for kind.
type funcCatcher struct {
	kind ast.NodeKind
	fn   *renderer.NodeRendererFunc
}

func (f funcCatcher) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) {
	if k == f.kind {
		*f.fn = fn
	}
}

func (c *codeBlocks) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindFencedCodeBlock, c.render)
}

// lexer returns the coalesced chroma lexer for a language name, or nil.
func (c *codeBlocks) lexer(name string) chroma.Lexer {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.lexers[name]
	if !ok {
		if l = lexers.Get(name); l != nil {
			l = chroma.Coalesce(l)
		}
		c.lexers[name] = l
	}
	return l
}

func (c *codeBlocks) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.Attributes() != nil || n.Info != nil && bytes.IndexByte(n.Info.Segment.Value(src), '{') > 0 {
		return c.withAttributes(w, src, node, entering)
	}
	lines := n.Lines()
	if language := n.Language(src); language != nil {
		if l := c.lexer(string(language)); l != nil {
			var code strings.Builder
			for i := range lines.Len() {
				seg := lines.At(i)
				code.Write(seg.Value(src))
			}
			if it, err := l.Tokenise(nil, code.String()); err == nil {
				_ = c.formatter.Format(w, classOnlyStyle, it)
				return ast.WalkContinue, nil
			}
		}
	}
	_, _ = w.WriteString(`<pre tabindex="0"><code>`)
	for i := range lines.Len() {
		seg := lines.At(i)
		gmhtml.DefaultWriter.RawWrite(w, seg.Value(src))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}

// render returns the body as HTML and as plain text (for search and
// snippets).
func (m *markdown) render(src []byte) (htmlOut string, plain bodyText, err error) {
	m.ids.reset()
	// The rows of the postmortem's action items are elements of its page
	// too (QA 17r R8).
	m.explicit.actions = m.refs.actions
	for _, a := range m.refs.actions {
		m.ids.values[model.ActionAnchor(a.ID)] = true
	}
	*m.tooDeep = (*m.tooDeep)[:0]
	*m.headingNotes = (*m.headingNotes)[:0]
	m.explicit.footForm = m.explicit.footForm[:0]
	doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(m.explicit))))
	m.warnTooDeep(src)
	m.warnHeadingIDs(src)
	m.out.Reset()
	// The HTML is usually a little longer than the Markdown.
	m.out.Grow(len(src) + len(src)/2)
	if err := m.md.Renderer().Render(&m.out, src, doc); err != nil {
		return "", bodyText{}, err
	}
	return m.out.String(), plainText(doc, src, m.allowed), nil
}

// warnTooDeep warns, at the first line of src where a block quote, list
// or footnote was nested too deep to be opened (nestingLimit), that the
// rest of that line is text, and says on how many lines in all.
func (m *markdown) warnTooDeep(src []byte) {
	r := m.refs
	if len(*m.tooDeep) == 0 || r.file == "" || r.diags == nil {
		return
	}
	lineOf := lineCounter(src)
	first, lines, last := 0, 0, 0
	for _, off := range *m.tooDeep {
		if l := lineOf(off); l != last {
			if lines == 0 {
				first = l
			}
			lines++
			last = l
		}
	}
	where := "this line"
	if lines > 1 {
		where = fmt.Sprintf("this line and %d more", lines-1)
	}
	r.diags.Add(diag.Diagnostic{Pos: diag.Pos{Path: r.file, Line: r.bodyLine - 1 + first}, Severity: diag.Warning, Rule: RuleSlow,
		Message: fmt.Sprintf("block quotes, lists and footnotes nest more than %d levels deep on %s; what is nested deeper is shown as text, since Markdown nested that deep is slow to render", maxNesting, where),
		Hint:    "to show text full of > or - as it is, put it in a fenced code block (```)"})
}

// bodyText is a body as plain text, one block a line.
type bodyText struct {
	// All holds every word of the body, headings included.
	All string
	// Headings holds the start and end in All of each heading's line, in
	// pairs (model.Postmortem.Headings).
	Headings []int32
}

// plainText collects the words of the document: text, code and the text of
// links, with block boundaries as new lines. Prose leaves out the lines of
// headings, so that a snippet cut from it does not run "## Summary" into
// the words after it ("… 53 minutes. — Summary The gateway's…"); a
// paragraph that only reads like a heading stays. Raw HTML is text as the
// page shows it: by default as written where it is shown as text, and
// the text of the allowed tags allowed rendered for doc (pageText); with
// unsafeHTML, where the page renders it, the text a browser shows,
// without its tags, attributes, scripts and styles (htmlText).
func plainText(doc ast.Node, src []byte, allowed *allowedHTML) bodyText {
	var b strings.Builder
	b.Grow(len(src))
	// heads holds the start and end in b of each heading's line.
	var heads []int
	var rendered *htmlText
	if allowed.unsafe {
		rendered = &htmlText{b: &b}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && rendered != nil && rendered.hidden != "" {
			// Inside a <script> or <style> opened by inline HTML, up to
			// its closing tag: the browser shows none of it.
			switch v := n.(type) {
			case *ast.Heading:
				heads = append(heads, b.Len())
			case *ast.RawHTML:
				rendered.inline(v, src)
			case *ast.HTMLBlock:
				rendered.block(v, src)
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		}
		if !entering {
			if n.Type() == ast.TypeBlock && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
			if n.Kind() == ast.KindHeading {
				heads = append(heads, b.Len())
			}
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			heads = append(heads, b.Len())
		case *ast.Text:
			b.Write(textValue(v.Segment.Value(src)))
			if v.SoftLineBreak() || v.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(v.Value)
		case *ast.CodeSpan:
			for c := v.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(v.Label(src))
		case *ast.HTMLBlock:
			if rendered != nil {
				rendered.block(v, src)
				return ast.WalkSkipChildren, nil
			}
			if t, ok := textAfterComment(v, src); ok {
				b.WriteString(t)
				return ast.WalkSkipChildren, nil
			}
			// With the line that ends a block of type 1-5 (</pre>, ?>,
			// ]]>), which goldmark keeps apart from its lines.
			b.Write(allowed.pageText(v, src))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if rendered != nil {
				rendered.inline(v, src)
				return ast.WalkContinue, nil
			}
			b.Write(allowed.pageText(v, src))
		}
		return ast.WalkContinue, nil
	})
	all := b.String()
	text := strings.TrimSpace(all)
	out := bodyText{All: text}
	// The offsets in all move by the white space trimmed off its start.
	lead := len(all) - len(strings.TrimLeftFunc(all, unicode.IsSpace))
	for _, h := range heads {
		out.Headings = append(out.Headings, int32(min(max(h-lead, 0), len(text))))
	}
	return out
}

// htmlText writes the text a browser shows for the raw HTML of a body it
// renders (unsafeHTML) to b: the text between the tags, its entities
// decoded, and the alt text of an <img>, as a Markdown image's is read;
// no tag, other attribute or comment, and nothing of a <script>,
// <style>, <template>, <noscript> or <title>. A tag of an element that
// is not phrasing content (<div>, <p>, <td>, <br>) is a space, as the
// browser breaks the text there; white space is collapsed as the browser
// collapses it, but inside <pre>, <textarea>, <listing> and <xmp>.
type htmlText struct {
	b *strings.Builder
	// out is the text of the HTML being read, before it goes to b.
	out []byte
	// hidden names the element whose contents are not shown that is open
	// ("script"), or is "".
	hidden string
	// pre counts the open elements whose white space is kept.
	pre int
	// preStart is set right after the start tag of one, where a browser
	// drops a new line.
	preStart bool
}

// phrasingTags are the elements that do not break the text they are in.
var phrasingTags = map[string]bool{
	"a": true, "abbr": true, "acronym": true, "b": true, "bdi": true, "bdo": true, "big": true,
	"blink": true, "cite": true, "code": true, "data": true, "del": true, "dfn": true, "em": true,
	"font": true, "i": true, "img": true, "ins": true, "kbd": true, "label": true, "mark": true,
	"nobr": true, "q": true, "rb": true, "rp": true, "rt": true, "rtc": true, "ruby": true, "s": true,
	"samp": true, "small": true, "span": true, "strike": true, "strong": true, "sub": true,
	"sup": true, "time": true, "tt": true, "u": true, "var": true, "wbr": true,
}

// hiddenTags are the elements whose contents a browser does not show.
var hiddenTags = map[string]bool{"script": true, "style": true, "template": true, "noscript": true, "title": true}

// preTags are the elements whose white space a browser keeps.
var preTags = map[string]bool{"pre": true, "textarea": true, "listing": true, "xmp": true}

// inline writes the text of an inline raw HTML node: a tag, which shows
// nothing but may break the text, or open or close a hidden element.
func (h *htmlText) inline(n *ast.RawHTML, src []byte) {
	h.write(rawSource(n, src))
	h.b.Write(h.out)
}

// block writes the text of an HTML block, its closing line included, with
// no white space at its end (a new line ends the block).
func (h *htmlText) block(n *ast.HTMLBlock, src []byte) {
	h.write(blockSource(n, src))
	h.b.Write(bytes.TrimRightFunc(h.out, isHTMLSpace))
}

// write reads raw HTML, which goes on from the HTML before it in the body
// (hidden, pre), into out.
func (h *htmlText) write(raw []byte) {
	h.out = h.out[:0]
	h.preStart = false
	z := nethtml.NewTokenizer(bytes.NewReader(raw))
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			return
		case nethtml.TextToken:
			if h.hidden == "" {
				t := z.Text()
				if h.preStart {
					t = bytes.TrimPrefix(bytes.TrimPrefix(t, []byte("\r")), []byte("\n"))
				}
				h.text(t)
			}
		case nethtml.StartTagToken, nethtml.EndTagToken, nethtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			h.preStart = false
			if h.hidden != "" {
				if tt == nethtml.EndTagToken && tag == h.hidden {
					h.hidden = ""
				}
				continue
			}
			switch {
			case tt == nethtml.StartTagToken && hiddenTags[tag]:
				h.hidden = tag
			case preTags[tag] && tt == nethtml.StartTagToken:
				h.pre++
				h.preStart = true
			case preTags[tag] && tt == nethtml.EndTagToken:
				h.pre = max(h.pre-1, 0)
			}
			if !phrasingTags[tag] {
				h.space()
			}
			if tag == "img" && tt != nethtml.EndTagToken {
				h.alt(z)
			}
		}
	}
}

// alt writes the alt text of an <img>, the text that stands for it, as
// the alt text of a Markdown image is read.
func (h *htmlText) alt(z *nethtml.Tokenizer) {
	for {
		k, v, more := z.TagAttr()
		if string(k) == "alt" {
			h.text(v)
			return
		}
		if !more {
			return
		}
	}
}

// text writes text shown, its white space collapsed unless in a <pre>.
func (h *htmlText) text(t []byte) {
	if h.pre > 0 {
		h.out = append(h.out, t...)
		return
	}
	for len(t) > 0 {
		i := bytes.IndexFunc(t, isHTMLSpace)
		if i < 0 {
			h.out = append(h.out, t...)
			return
		}
		h.out = append(h.out, t[:i]...)
		h.space()
		t = bytes.TrimLeftFunc(t[i:], isHTMLSpace)
	}
}

// space writes a space, unless the text ends in white space already or
// is at the start of a line.
func (h *htmlText) space() {
	last := h.out
	if len(last) == 0 {
		last = []byte(h.b.String()[max(h.b.Len()-1, 0):])
	}
	if len(last) > 0 && !isHTMLSpace(rune(last[len(last)-1])) {
		h.out = append(h.out, ' ')
	}
}

// isHTMLSpace reports whether r is ASCII white space, which a browser
// collapses (a no-break space it keeps).
func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// textValue is the text a reader sees for the Markdown text t: its
// backslash escapes and entity references resolved (`\*` is *, `&amp;` is
// &). It is what goldmark's HTML writer writes for t on the page, decoded
// as a browser decodes it, so the two cannot differ: goldmark reads a
// character reference as CommonMark does (decimal with 1-7 digits, so
// "&#039;" is ', hex with 1-6), and an escaped "\&" as text, where
// util.ResolveNumericReferences reads "&#039;" as octal and resolves
// "\&ouml;" (QA 21 A-F4).
func textValue(t []byte) []byte {
	if bytes.IndexByte(t, '&') < 0 && bytes.IndexByte(t, '\\') < 0 && bytes.IndexByte(t, 0) < 0 {
		return t
	}
	var w bufferWriter
	gmhtml.DefaultWriter.Write(&w, t)
	return []byte(html.UnescapeString(w.String()))
}

// headingShift moves every heading one level down when the body uses a
// level-1 heading, because the page's title is the only <h1>.
type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	hasH1 := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			hasH1 = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if !hasH1 {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+1, 6)
		}
		return ast.WalkContinue, nil
	})
}

// eastAsianLineBreaks removes the soft line breaks (a new line inside a
// paragraph) that join two East Asian wide characters, or that follow CJK
// punctuation (see joinsLines), so a Japanese sentence wrapped in the
// source reads on without a stray space, in the HTML and in the plain text
// alike. A break next to anything else stays a space: "DB\nの" and English
// text keep theirs. This is goldmark's EastAsianLineBreaksSimple style
// (Pandoc's east_asian_line_breaks), with the Halfwidth and Fullwidth Forms
// that goldmark's util.IsEastAsianWideRune leaves out counted as wide.
//
// It is done here rather than with goldmark's CJK extension because that
// extension's renderer (v1.8.7) also drops the break before any link,
// emphasis or code span, in every language: "see\n[the runbook](…)" becomes
// "seethe runbook" (goldmark issue 582). Clearing the flag in the tree also
// keeps plainText, which reads the same flag, in step with the HTML.
type eastAsianLineBreaks struct{}

func (eastAsianLineBreaks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok || !t.SoftLineBreak() {
			return ast.WalkContinue, nil
		}
		// A line that ends with emphasis, a link or a code span ends
		// in an empty text node, after the character it shows last. A
		// footnote reference is passed over, before and after the break,
		// as if the marker were not there (QA 21r F2: "脚注[^1]" then
		// "の後" kept a space).
		last, ok := lastRune(t, src)
		if !ok && t.Segment.IsEmpty() {
			last, ok = lastRune(pastFootnotes(t.PreviousSibling(), ast.Node.PreviousSibling), src)
		}
		if !ok {
			return ast.WalkContinue, nil
		}
		if next, ok := firstRune(pastFootnotes(t.NextSibling(), ast.Node.NextSibling), src); ok && joinsLines(last, next) {
			t.SetSoftLineBreak(false)
		}
		return ast.WalkContinue, nil
	})
}

// pastFootnotes returns n, or when n is a footnote reference, the first
// node that is not one, going from it with step.
func pastFootnotes(n ast.Node, step func(ast.Node) ast.Node) ast.Node {
	for n != nil && n.Kind() == east.KindFootnoteLink {
		n = step(n)
	}
	return n
}

// joinsLines reports whether a line break between the characters before
// and after is no space in the text: after CJK punctuation (、。「」（）！？：,
// the full-width space), whatever follows, since no Japanese writer wants a
// space there ("失効し、\n53分間"); and between two East Asian wide
// characters (eastAsianWide).
func joinsLines(before, after rune) bool {
	return cjkPunctuation(before) || eastAsianWide(before) && eastAsianWide(after)
}

// eastAsianWide reports whether r is an East Asian wide character: what
// goldmark's util.IsEastAsianWideRune counts (kana, kanji, Hangul, CJK
// symbols and punctuation) and every character of East Asian Width W or F
// (UAX #11), such as the full-width forms ！？（）：ＡＰＩ１０ (U+FF01–FF60),
// which it does not.
func eastAsianWide(r rune) bool {
	if util.IsEastAsianWideRune(r) {
		return true
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// cjkPunctuation reports whether r is CJK punctuation: the CJK Symbols and
// Punctuation block (U+3000–303F: 、。「」〜 and the full-width space) or
// a full-width punctuation mark or symbol (U+FF01–FF60: ！？（）：；, not
// the full-width letters and digits).
func cjkPunctuation(r rune) bool {
	switch {
	case 0x3000 <= r && r <= 0x303F:
		return true
	case 0xFF01 <= r && r <= 0xFF60:
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	}
	return false
}

// firstRune returns the first character of the text an inline node shows:
// its own text, or that of its first child (emphasis, a link, a code span).
func firstRune(n ast.Node, src []byte) (rune, bool) {
	return edgeRune(n, src, ast.Node.FirstChild, utf8.DecodeRune)
}

// lastRune returns the last character of the text an inline node shows:
// its own text, or that of its last child (QA 21 A-F3: a line that ends
// with **強調** ends there).
func lastRune(n ast.Node, src []byte) (rune, bool) {
	return edgeRune(n, src, ast.Node.LastChild, utf8.DecodeLastRune)
}

// edgeRune is firstRune or lastRune: the character decode takes from the
// text of n or of the child that child gives, down to a node with text.
func edgeRune(n ast.Node, src []byte, child func(ast.Node) ast.Node, decode func([]byte) (rune, int)) (rune, bool) {
	for ; n != nil; n = child(n) {
		var b []byte
		switch v := n.(type) {
		case *ast.Text:
			b = textShown(v, src)
		case *ast.String:
			b = v.Value
		case *ast.AutoLink:
			b = v.Label(src)
		default:
			continue
		}
		if len(b) == 0 {
			return 0, false
		}
		r, _ := decode(b)
		return r, true
	}
	return 0, false
}

// textShown is the text a text node shows: as written in a code span,
// its escapes and entities resolved elsewhere (textValue).
func textShown(t *ast.Text, src []byte) []byte {
	if t.IsRaw() {
		return t.Segment.Value(src)
	}
	return textValue(t.Segment.Value(src))
}

// autoLinkClass marks a bare URL turned into a link (an autolink) with the
// class "url": its text already is the address, so the theme's print
// stylesheet, which writes a link's address after its text, leaves it out.
type autoLinkClass struct{}

func (autoLinkClass) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.AutoLink); ok && entering {
			l.SetAttributeString("class", []byte("url"))
		}
		return ast.WalkContinue, nil
	})
}

// cellAlignClass turns a table column's alignment (|--:|) into a class on
// each cell; the theme's stylesheet aligns .align-left/center/right.
type cellAlignClass struct{}

func (cellAlignClass) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*east.TableCell); ok && entering && c.Alignment != east.AlignNone {
			c.SetAttributeString("class", []byte("align-"+c.Alignment.String()))
		}
		return ast.WalkContinue, nil
	})
}

// Code blocks scroll sideways when lines are long; a scrolling region must
// be reachable by keyboard (WCAG 2.1.1), so every <pre> gets tabindex="0".

// focusablePre is chroma's <pre> for highlighted code blocks.
type focusablePre struct{}

func (focusablePre) Start(code bool, styleAttr string) string {
	if code {
		return `<pre tabindex="0"` + styleAttr + `><code>`
	}
	return `<pre tabindex="0"` + styleAttr + `>`
}

func (focusablePre) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}

// plainCodeWrapper wraps fenced code blocks that are not highlighted
// (no or an unknown language) for goldmark-highlighting; highlighted ones
// get focusablePre.
func plainCodeWrapper(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	if c.Highlighted() {
		return
	}
	if entering {
		_, _ = w.WriteString(`<pre tabindex="0"><code>`)
	} else {
		_, _ = w.WriteString("</code></pre>\n")
	}
}

// accessibleBlocks renders indented code blocks focusable like fenced
// ones, task-list checkboxes with an accessible name ("done", "not
// done"): a bare checkbox has none, and footnote back-links with one
// (backlink).
type accessibleBlocks struct{ lang string }

func (a accessibleBlocks) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindCodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<pre tabindex="0"><code>`)
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
			_, _ = w.WriteString("</code></pre>\n")
		}
		return ast.WalkSkipChildren, nil
	})
	done, open := "done", "not done"
	if a.lang == "ja" {
		done, open = "完了", "未完了"
	}
	r.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if n.(*east.TaskCheckBox).IsChecked {
				_, _ = w.WriteString(`<input checked="" disabled="" type="checkbox" aria-label="` + done + `"> `)
			} else {
				_, _ = w.WriteString(`<input disabled="" type="checkbox" aria-label="` + open + `"> `)
			}
		}
		return ast.WalkContinue, nil
	})
	r.Register(east.KindFootnoteBacklink, a.backlink)
}

// backlink renders a footnote's link back to a reference to it as
// goldmark's footnote extension does (same target, class and role, the
// "↩︎" glyph), with a visually hidden name that says which reference, as
// GitHub names them: "Back to reference 1", and for the second reference
// to the same note "Back to reference 1-2" (QA 18 C-F7: two links read as
// the same arrow). The name is in the site's language, marked with it
// (the body may be in another). The glyph is hidden from screen readers.
func (a accessibleBlocks) backlink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteBacklink)
	ref, target := strconv.Itoa(n.Index), footnoteRefID(n.Index, n.RefIndex)
	if n.RefIndex > 0 {
		ref += "-" + strconv.Itoa(n.RefIndex+1)
	}
	lang, name := "en", "Back to reference "+ref
	if a.lang == "ja" {
		lang, name = "ja", "参照 "+ref+" に戻る"
	}
	_, _ = w.WriteString(`&#160;<a href="#` + target + `" class="footnote-backref" role="doc-backlink"><span aria-hidden="true">&#x21a9;&#xfe0e;</span><span class="visually-hidden" lang="` + lang + `">` + name + `</span></a>`)
	return ast.WalkContinue, nil
}

// escapedHTML renders raw HTML in Markdown as visible, escaped text instead
// of goldmark's "raw HTML omitted" comment: postmortems quote HTML from logs
// and error pages, and readers should see it, not have it run.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				seg := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	r.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		b := n.(*ast.HTMLBlock)
		if t, ok := textAfterComment(b, src); ok {
			if entering {
				if tightItem(b) {
					_, _ = w.WriteString(html.EscapeString(t) + "\n")
				} else {
					_, _ = w.WriteString("<p>" + html.EscapeString(t) + "</p>\n")
				}
			}
			return ast.WalkSkipChildren, nil
		}
		if entering {
			_, _ = w.WriteString("<pre class=\"raw-html\" tabindex=\"0\"><code>")
			lines := b.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
			}
			if b.HasClosure() {
				_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
			}
			_, _ = w.WriteString("</code></pre>\n")
		}
		return ast.WalkContinue, nil
	})
}

// textAfterComment returns the text of an HTML block that starts with a
// comment (type 2), once dropComments has cut its comments out, when no
// HTML is left in it: "<!-- note --> text", a pmkb-lint-ignore comment
// before the words it excuses. A browser shows that text as text (GitHub
// passes the block on), not as code: escapedHTML writes it as a paragraph,
// unparsed as CommonMark leaves an HTML block, its entities decoded as
// the browser decodes them (QA 21 A-F6).
func textAfterComment(b *ast.HTMLBlock, src []byte) (string, bool) {
	if b.HTMLBlockType != ast.HTMLBlockType2 {
		return "", false
	}
	raw := blockSource(b, src)
	for i := 0; i+1 < len(raw); i++ {
		if raw[i] == '<' && isTagStart(raw[i+1]) {
			return "", false
		}
	}
	t := strings.TrimSpace(html.UnescapeString(string(raw)))
	return t, t != ""
}

// tightItem reports whether n is in an item of a tight list, whose text
// goldmark writes without <p>.
func tightItem(n ast.Node) bool {
	if n.Parent() == nil || n.Parent().Kind() != ast.KindListItem {
		return false
	}
	l, ok := n.Parent().Parent().(*ast.List)
	return ok && l.IsTight
}

// headingNote is a warning about a heading's attributes: the offset in the
// body of the heading's text, and the message.
type headingNote struct {
	offset int
	msg    string
}

// explicitIDs lets a heading set its id as Hugo, kramdown (Jekyll) and
// Pandoc read it, "## Timeline {#timeline}" (goldmark's heading
// attributes), and nothing else: the heading text loses the braces, its id
// is "timeline", and any other attribute ({.class}, style=…, a second
// id=) is left out with a warning, since the body is untrusted text that
// must not set the page's attributes. An id another element of the page
// has already, a heading's before it or one of the page's own (pageIDs:
// h-facts, main, …), gets "-1", "-2", … as a repeated heading text does,
// with a warning: ids stay unique on the page. A later heading whose text
// would make the same id gets the suffix instead, without a warning, as
// two headings of the same text do.
//
// It wraps goldmark's ATX and setext heading parsers, whose Close
// registers the id (headingIDs.Put through Put): Close asserts that the id
// is text, which "{id=5}" is not, so a setext heading's number id (its
// attributes are read in Close) is put here after goldmark's panic.
type explicitIDs struct {
	*headingIDs
	notes *[]headingNote
	// taken is set by Put when the id it was given was taken already.
	taken bool
	// actions are the action items of the postmortem being parsed, whose
	// rows' ids (model.ActionAnchor) its page has.
	actions []model.ActionItem
	// para is the paragraph a setext heading being parsed takes its text
	// from, between the heading parser's Open and Close.
	para *ast.Paragraph
	// footForm are the headings whose {#id} has the form of a footnote's
	// id (fn:2): whether one of the page's footnotes has it is known only
	// once the whole body is parsed (footnoteIDs).
	footForm []*ast.Heading
}

// Put records an id of a heading as taken, noting whether it was already.
func (e *explicitIDs) Put(value []byte) {
	e.taken = e.values[string(value)]
	e.headingIDs.Put(value)
}

// wrap returns parsers with goldmark's heading parsers made headingParsers.
func (e *explicitIDs) wrap(parsers []util.PrioritizedValue) []util.PrioritizedValue {
	atx, setext := reflect.TypeOf(parser.NewATXHeadingParser()), reflect.TypeOf(parser.NewSetextHeadingParser())
	for i, p := range parsers {
		switch reflect.TypeOf(p.Value) {
		case atx:
			parsers[i].Value = headingParser{BlockParser: p.Value.(parser.BlockParser), plain: parser.NewATXHeadingParser(), ids: e}
		case setext:
			parsers[i].Value = headingParser{BlockParser: p.Value.(parser.BlockParser), plain: parser.NewSetextHeadingParser(), setext: true, ids: e}
		}
	}
	return parsers
}

// headingParser is a goldmark heading parser whose headings keep only an
// id attribute, unique on the page (explicitIDs). Each heading is parsed
// by BlockParser, which reads attributes, when its braces hold an id
// written {#id} (takeAttributes), and by plain, which does not, otherwise.
type headingParser struct {
	parser.BlockParser
	plain  parser.BlockParser
	setext bool
	ids    *explicitIDs
}

// SetOption passes goldmark's options (auto heading ids, attributes) on;
// plain is given no attributes.
func (h headingParser) SetOption(name parser.OptionName, value any) {
	if so, ok := h.BlockParser.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
	if so, ok := h.plain.(parser.SetOptioner); ok && name != parser.OptionName("Attribute") {
		so.SetOption(name, value)
	}
}

// Open reads an ATX heading's attributes (in its only line) only when
// takeAttributes says so; for a setext heading it keeps the paragraph
// whose last line Close reads them from.
func (h headingParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if h.setext {
		last := pc.LastOpenedBlock().Node
		node, st := h.BlockParser.Open(parent, reader, pc)
		if node != nil {
			h.ids.para, _ = last.(*ast.Paragraph)
		}
		return node, st
	}
	line, _ := reader.PeekLine()
	var title []byte
	if pos := pc.BlockOffset(); pos >= 0 && pos < len(line) {
		title = bytes.TrimLeft(line[pos:], "#")
	}
	take, msg := takeAttributes(title)
	p := h.BlockParser
	if !take {
		p = h.plain
	}
	node, st := p.Open(parent, reader, pc)
	if node != nil && msg != "" {
		h.ids.note(node, msg)
	}
	return node, st
}

func (h headingParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	h.ids.taken = false
	p, msg := h.BlockParser, ""
	if h.setext {
		var last []byte
		if para := h.ids.para; para != nil && para.Lines().Len() > 0 {
			seg := para.Lines().At(para.Lines().Len() - 1)
			last = seg.Value(reader.Source())
		}
		h.ids.para = nil
		var take bool
		if take, msg = takeAttributes(last); !take {
			p = h.plain
		}
	}
	h.ids.keepID(node) // an ATX heading's, read in Open
	if !closeHeading(p, node, reader, pc) {
		// A setext heading's id that is no text ({id=5}): goldmark
		// stopped where it registers the id, its last step.
		h.ids.keepID(node)
		if id, ok := node.AttributeString("id"); ok {
			pc.IDs().Put(id.([]byte))
		}
	}
	h.ids.keepID(node) // a setext heading's, read in Close
	if msg != "" {
		h.ids.note(node, msg)
	}
	if _, ok := node.AttributeString("id"); !ok && node.Lines().Len() > 0 {
		// Its id was empty ({#}, {id=""}) or no id.
		seg := node.Lines().At(node.Lines().Len() - 1)
		node.SetAttributeString("id", pc.IDs().Generate(seg.Value(reader.Source()), ast.KindHeading))
		h.ids.taken = false
	}
	if !h.ids.taken {
		if id, ok := node.AttributeString("id"); ok && footnoteID(string(id.([]byte))) {
			h.ids.footForm = append(h.ids.footForm, node.(*ast.Heading))
		}
		return
	}
	id, _ := node.AttributeString("id")
	old := id.([]byte)
	next := h.ids.suffixed(string(old))
	node.SetAttributeString("id", []byte(next))
	what := "an earlier heading's"
	if slices.Contains(pageIDs, string(old)) {
		what = "the id of an element the page puts around the body"
	} else if slices.ContainsFunc(h.ids.actions, func(a model.ActionItem) bool { return model.ActionAnchor(a.ID) == string(old) }) {
		what = "the id of an action item's row on the page"
	}
	h.ids.note(node, fmt.Sprintf("heading id {#%s} is %s, and ids are unique on a page, so this heading's id is %q; choose another {#id}", old, what, next))
}

// footnoteIDs gives a heading whose {#id} is the id of one of the page's
// footnotes or of a reference to one (fn:2, fnref:2) the next free suffix,
// with a warning, as explicitIDs does for an earlier heading's id; a
// heading whose id only has that form (fn:2 on a page with one footnote)
// keeps it (QA 18r F1). It warns about a link on the page to an id of that
// form that names neither a footnote nor a reference nor a heading, and
// says the id of a footnote a link names by its label (#fn:note). It
// runs after goldmark's footnote extension has numbered the references
// (its transformer, 999), which is after the other links are checked
// (localRefs, 100).
type footnoteIDs struct {
	ids  *explicitIDs
	refs *localRefs
}

func (t footnoteIDs) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	ids, links := t.ids, t.refs.footnoteLinks
	if len(ids.footForm) == 0 && len(links) == 0 {
		return
	}
	used := map[string]bool{}
	var labels map[string]int // the number of each footnote, by its label
	if hasFootnotes(doc) {
		labels = map[string]int{}
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch v := n.(type) {
			case *east.Footnote:
				if entering {
					used["fn:"+strconv.Itoa(v.Index)] = true
					labels[string(v.Ref)] = v.Index
				}
			case *east.FootnoteLink:
				if entering {
					used[footnoteRefID(v.Index, v.RefIndex)] = true
				}
			}
			return ast.WalkContinue, nil
		})
	}
	for _, h := range ids.footForm {
		id, _ := h.AttributeString("id")
		old := string(id.([]byte))
		if !used[old] {
			continue
		}
		next := ids.suffixed(old)
		h.SetAttributeString("id", []byte(next))
		ids.note(h, fmt.Sprintf("heading id {#%s} is the id of a footnote of this postmortem or of a reference to one, and ids are unique on a page, so this heading's id is %q; choose another {#id}", old, next))
	}
	ids.footForm = ids.footForm[:0]
	if len(links) == 0 {
		return
	}
	headings := headingIDsOf(doc)
	notes := 0
	for id := range used {
		if strings.HasPrefix(id, "fn:") {
			notes++
		}
	}
	has := "no footnotes"
	switch {
	case notes == 1:
		has = "1 footnote"
	case notes > 1:
		has = strconv.Itoa(notes) + " footnotes"
	}
	r := t.refs
	src := reader.Source()
	lines := lineCounter(src)
	for _, l := range links {
		d := string(l.Destination)
		a, _, _ := strings.Cut(fragment(d[1:]), ":~:")
		if used[a] || slices.Contains(headings, a) {
			continue
		}
		pos := diag.Pos{Path: r.file, Line: r.lineOf(l, src, lines)}
		if n, ok := labels[footnoteLabel(a)]; ok && n > 0 {
			// A footnote named by its label (#fn:note): say its id,
			// not a heading's (QA 19r F4).
			what, id := "footnote", "#fn:"+strconv.Itoa(n)
			if strings.HasPrefix(a, "fnref:") {
				what, id = "the reference to footnote", "#fnref:"+strconv.Itoa(n)
			}
			warnRule(r.diags, RuleBodyLinks, pos,
				"link %q names %s [^%s] by its label, but a footnote's ids are numbered, 1, 2, … in the order of first reference in the text: write %s", shortDest(d), what, footnoteLabel(a), id)
			continue
		}
		what := "footnote"
		if strings.HasPrefix(a, "fnref") {
			what = "reference to a footnote"
		}
		warnRule(r.diags, RuleBodyLinks, pos,
			"link %q names no %s of this postmortem, which has %s; footnotes are numbered 1, 2, … in the order of their first reference in the text ([^name])", shortDest(d), what, has)
	}
}

// hasFootnotes reports whether doc ends in a list of footnotes, where
// goldmark's footnote extension puts them.
func hasFootnotes(doc *ast.Document) bool {
	_, ok := doc.LastChild().(*east.FootnoteList)
	return ok
}

// footnoteRefID is the id goldmark's footnote extension gives a reference
// to note index, the refIndex-th after the first (0 for the first).
func footnoteRefID(index, refIndex int) string {
	if refIndex > 0 {
		return "fnref" + strconv.Itoa(refIndex) + ":" + strconv.Itoa(index)
	}
	return "fnref:" + strconv.Itoa(index)
}

// hashID matches an id written #id in a heading's braces.
var hashID = regexp.MustCompile(`(?:^\{|\s)#`)

// takeAttributes says whether the braces at the end of a heading's text
// (title, as its line has it) are read as its attributes: only when
// they hold an id written {#id}, the syntax of Hugo, kramdown and Pandoc
// that pmkb reads, and the heading has text before them. Other braces,
// "{}", "{id=0}", "{acks=1}", which goldmark would take as attributes
// too, stay text, and the heading's id is made from it, as the
// repository browser makes it (QA 17r R2). msg is a warning for braces
// that stay text but look meant as attributes (a class, {.wide}, or an
// id alone in the heading). The braces are found as goldmark finds them.
func takeAttributes(title []byte) (take bool, msg string) {
	title = bytes.TrimRight(title, " \t\r\n")
	for i := 0; i < len(title); i++ {
		switch title[i] {
		case '\\':
			if i+1 < len(title) && util.IsPunct(title[i+1]) {
				i++
			}
			continue
		case '{':
		default:
			continue
		}
		rd := text.NewReader(title[i:])
		attrs, ok := parser.ParseAttributes(rd)
		if !ok {
			continue
		}
		if rest, _ := rd.PeekLine(); rest != nil && !util.IsBlank(rest) {
			continue
		}
		braces, before := string(title[i:]), strings.TrimSpace(string(title[:i]))
		if hashID.MatchString(braces) {
			if strings.Trim(before, " \t#") == "" {
				id := "…"
				if v, _ := attrs.Find([]byte("id")); v != nil {
					if b, ok := v.([]byte); ok && len(b) > 0 {
						id = string(b)
					}
				}
				return false, fmt.Sprintf("heading %q would have no text but its id, so it is shown as text; write the heading's text before the braces (## What happened {#%s}), or \\{ to keep the braces as text without this warning", braces, id)
			}
			return true, ""
		}
		if _, class := attrs.Find([]byte("class")); !class {
			// "{}", "{id=0}", "{acks=1}": text, as the writer meant.
			return false, ""
		}
		return false, fmt.Sprintf("%q at the end of the heading is shown as text: a heading sets its id only as {#id} (## %s {#…}), and no other attribute; write \\{ to keep the braces as text without this warning", braces, before)
	}
	return false, ""
}

// closeHeading calls p.Close, and reports false when it panicked for an
// id attribute that is no text (goldmark v1.8.7 asserts it is).
func closeHeading(p parser.BlockParser, node ast.Node, reader text.Reader, pc parser.Context) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, typeErr := r.(*runtime.TypeAssertionError); !typeErr {
				panic(r)
			}
			ok = false
		}
	}()
	p.Close(node, reader, pc)
	return true
}

// keepID removes every attribute of the heading node but its id, with a
// warning for those removed; a number id ({id=5}) is kept as text, and an
// empty one or one of another kind is removed.
func (e *explicitIDs) keepID(node ast.Node) {
	attrs := node.Attributes()
	if len(attrs) == 0 || len(attrs) == 1 && string(attrs[0].Name) == "id" && isText(attrs[0].Value) {
		return
	}
	var id []byte
	var dropped []string
	for _, a := range attrs {
		name := string(a.Name)
		switch v := a.Value.(type) {
		case []byte:
			if name == "id" && len(v) > 0 {
				id = v
				continue
			}
		case float64:
			if name == "id" {
				id = []byte(strconv.FormatFloat(v, 'f', -1, 64))
				continue
			}
		}
		switch {
		case name == "class":
			dropped = append(dropped, "a class ({.…})")
		case name == "id":
			dropped = append(dropped, "an id that is no name")
		default:
			dropped = append(dropped, name+"=")
		}
	}
	node.RemoveAttributes()
	if id != nil {
		node.SetAttributeString("id", id)
	}
	if len(dropped) > 0 {
		e.note(node, fmt.Sprintf("heading attributes are left out but for its id ({#%s}): the text of a postmortem does not set attributes on the page; remove %s, or write \\{ to keep the braces as text", cmp.Or(string(id), "…"), strings.Join(slices.Compact(dropped), ", ")))
	}
}

// isText says whether an attribute's value is text that is not empty.
func isText(v any) bool {
	b, ok := v.([]byte)
	return ok && len(b) > 0
}

// suffixed returns base with the first suffix "-1", "-2", … that makes it
// an id not taken, and takes it.
func (e *explicitIDs) suffixed(base string) string {
	for i := e.n[base] + 1; ; i++ {
		next := base + "-" + strconv.Itoa(i)
		if !e.values[next] {
			e.values[next] = true
			e.n[base] = i
			return next
		}
	}
}

// note notes msg about the heading node.
func (e *explicitIDs) note(node ast.Node, msg string) {
	off := -1
	if node.Lines().Len() > 0 {
		off = node.Lines().At(0).Start
	}
	*e.notes = append(*e.notes, headingNote{offset: off, msg: msg})
}

// warnHeadingIDs reports the notes explicitIDs made about the headings of
// src, each at its heading's line.
func (m *markdown) warnHeadingIDs(src []byte) {
	r := m.refs
	if len(*m.headingNotes) == 0 || r.file == "" || r.diags == nil {
		return
	}
	lineOf := lineCounter(src)
	for _, n := range *m.headingNotes {
		line := r.bodyLine
		if n.offset >= 0 {
			line = r.bodyLine - 1 + lineOf(n.offset)
		}
		warnRule(r.diags, RuleBodyLinks, diag.Pos{Path: r.file, Line: line}, "%s", n.msg)
	}
}
