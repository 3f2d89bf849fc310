package source

import (
	"bytes"
	"regexp"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// headingIDs makes the ids of a body's headings (goldmark's parser.IDs),
// so that a link written as in the repository browser, "#タイムライン" or
// "other.md#what-went-well", finds its heading on the site. It is
// goldmark's own generator, which the ids of English headings keep, with
// what GitHub and GitLab do beyond it:
//
//   - letters, combining marks and digits of every script are kept, in
//     lower case ("## タイムライン" is "タイムライン", "## 概要" is "概要"),
//     where goldmark drops every non-ASCII character and numbers the empty
//     ids "heading", "heading-1", …;
//   - an HTML tag is left out, its text kept ("### Heading with
//     <kbd>Esc</kbd>" is "heading-with-esc", not "heading-with-kbdesckbd"),
//     except inside a code span, whose text is what it shows;
//   - a link counts by its text alone: the target of "[text](url)" and
//     "![alt](url)" and the label of "[text][label]" are left out ("## See
//     [RFC 1234](https://x.org/a)" is "see-rfc-1234"), where goldmark,
//     which is given the heading's source, keeps the URL's letters;
//   - numbers of every kind are kept ("①", "Ⅳ"), not only decimal digits;
//   - in a heading with any non-ASCII character, '_' is kept ("##
//     max_connections の上限" is "max_connections-の上限"), as GitHub keeps
//     it;
//   - entity and character references and backslash escapes count as the
//     characters they stand for ("## Fish &amp; Chips" is "fish--chips",
//     as "## Fish & Chips" is; "## A &lt;b&gt; tag" is "a-b-tag"), where
//     goldmark keeps the entity's name ("fish-amp-chips"); in a code span
//     they are text as written.
//
// As in goldmark, ASCII letters and digits are kept in lower case, a
// space and '-' become '-' (and '_' too in an all-ASCII heading, whose id
// is the one goldmark has always given it, so links to English sections
// keep working), other characters are dropped, an id left empty is
// "heading", and a repeated id gets "-1", "-2", …. One headingIDs serves
// one document at a time (see reset).
type headingIDs struct {
	values map[string]bool
	// n is the last suffix used for each base id.
	n map[string]int
}

// newHeadingIDs returns the ids of a new body, with the ids the page puts
// around it (pageIDs) taken already: a heading "## Main" is "main-1", so
// it neither steals the skip link's target nor repeats an id on the page.
func newHeadingIDs() *headingIDs {
	s := &headingIDs{values: make(map[string]bool, len(pageIDs)), n: map[string]int{}}
	s.reset()
	return s
}

// reset makes s the ids of a new body, keeping its maps' memory for it.
func (s *headingIDs) reset() {
	clear(s.values)
	clear(s.n)
	for _, id := range pageIDs {
		s.values[id] = true
	}
}

// htmlTag matches an HTML tag at the start of its input: "<kbd>",
// "</kbd>", "<br/>", "<span class=x>".
var htmlTag = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)

// Generate returns a new id for a heading whose source text is value.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	value = util.TrimRightSpace(util.TrimLeftSpace(value))
	keepUnderscore := !isASCII(value) || !isASCII(resolveEntities(value))
	result := make([]byte, 0, len(value))
	for i := 0; i < len(value); {
		c := value[i]
		switch {
		case c == '\\' && i+1 < len(value) && util.IsPunct(value[i+1]):
			// An escaped character is text, not syntax: "\<kbd>", "\&amp;".
			result = appendIDRune(result, rune(value[i+1]), keepUnderscore)
			i += 2
			continue
		case c == '&':
			if ref, n := entityAt(value[i:]); n > 0 {
				result = appendIDText(result, ref, keepUnderscore)
				i += n
				continue
			}
		case c == ']' && i+1 < len(value) && (value[i+1] == '(' || value[i+1] == '['):
			// The end of a link's text: its (target) or [label] is no text.
			if end := linkTail(value[i+1:]); end > 0 {
				i += 1 + end
				continue
			}
		case c == '`':
			// A code span's text is kept as written, tags and all.
			run := 1
			for i+run < len(value) && value[i+run] == '`' {
				run++
			}
			fence := value[i : i+run]
			if end := closingBackticks(value[i+run:], fence); end >= 0 {
				result = appendIDText(result, value[i+run:i+run+end], keepUnderscore)
				i += run + end + run
			} else {
				i += run
			}
			continue
		case c == '<':
			if m := htmlTag.Find(value[i:]); m != nil {
				i += len(m)
				continue
			}
		}
		r, size := utf8.DecodeRune(value[i:])
		result = appendIDRune(result, r, keepUnderscore)
		i += size
	}
	if len(result) == 0 {
		if kind == ast.KindHeading {
			result = []byte("heading")
		} else {
			result = []byte("id")
		}
	}
	if !s.values[string(result)] {
		s.values[string(result)] = true
		return result
	}
	for i := s.n[string(result)] + 1; ; i++ {
		next := string(result) + "-" + strconv.Itoa(i)
		if !s.values[next] {
			s.values[next] = true
			s.n[string(result)] = i
			return []byte(next)
		}
	}
}

// Put records an id as taken.
func (s *headingIDs) Put(value []byte) {
	s.values[string(value)] = true
}

// closingBackticks returns the offset in b of a run of exactly as many
// backticks as fence, which closes a code span, or -1.
func closingBackticks(b, fence []byte) int {
	for off := 0; off < len(b); {
		j := bytes.Index(b[off:], fence)
		if j < 0 {
			return -1
		}
		start := off + j
		end := start + len(fence)
		if end < len(b) && b[end] == '`' {
			for end < len(b) && b[end] == '`' {
				end++
			}
			off = end
			continue
		}
		if start > 0 && b[start-1] == '`' {
			off = end
			continue
		}
		return start
	}
	return -1
}

// linkTail returns the length of a link's "(target)" or "[label]" at the
// start of b, parentheses in the target nested as CommonMark allows, or 0
// if b does not start with a closed one.
func linkTail(b []byte) int {
	if b[0] == '[' {
		if j := bytes.IndexByte(b, ']'); j > 0 {
			return j + 1
		}
		return 0
	}
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// entityAt returns what the entity or character reference at the start
// of b ("&amp;", "&#38;", "&#x26;") stands for, decoded as goldmark's HTML
// writer decodes it on the page (textValue: "&#0100;" is "d", and
// "&#x0000041;", with too many digits, is text), and its length; n is 0
// when b starts with none.
func entityAt(b []byte) (text []byte, n int) {
	// The longest HTML5 entity name has 31 letters; a character
	// reference, at most 7 digits.
	end := bytes.IndexByte(b[:min(len(b), 40)], ';')
	if end < 2 || bytes.IndexByte(b[1:end], '&') >= 0 {
		return nil, 0
	}
	ref := b[:end+1]
	for _, c := range ref[1:end] {
		if !util.IsAlphaNumeric(c) && c != '#' {
			return nil, 0
		}
	}
	decoded := textValue(ref)
	if bytes.Equal(decoded, ref) {
		return nil, 0
	}
	return decoded, len(ref)
}

// resolveEntities returns b with its entity and character references
// decoded, and its backslash escapes, as the page shows it (textValue).
func resolveEntities(b []byte) []byte {
	return textValue(b)
}

// isASCII reports whether b has only ASCII characters.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendIDText appends what the characters of t give an id.
func appendIDText(id, t []byte, keepUnderscore bool) []byte {
	for len(t) > 0 {
		r, size := utf8.DecodeRune(t)
		id = appendIDRune(id, r, keepUnderscore)
		t = t[size:]
	}
	return id
}

// appendIDRune appends what one character gives an id: itself in lower case
// for a letter, mark or number, '-' for an ASCII space or '-', '_' or '-'
// for '_' (keepUnderscore), nothing for anything else.
func appendIDRune(id []byte, r rune, keepUnderscore bool) []byte {
	switch {
	case r < utf8.RuneSelf:
		c := byte(r)
		switch {
		case util.IsAlphaNumeric(c):
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			return append(id, c)
		case c == '_' && keepUnderscore:
			return append(id, '_')
		case util.IsSpace(c) || c == '-' || c == '_':
			return append(id, '-')
		}
	case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r):
		return utf8.AppendRune(id, unicode.ToLower(r))
	}
	return id
}

// headingIDsOf returns the ids of the headings of a parsed document, in
// order.
func headingIDsOf(doc ast.Node) []string {
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					out = append(out, string(b))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}
