package source

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// eastAsianFolds returns, for the folded block scalars of doc (summary: >-
// with wrapped lines), their text without the spaces YAML folding put
// where a line break joined two East Asian wide characters or followed CJK
// punctuation (joinsLines): a Japanese
// summary wrapped in the source then reads on as written, as a wrapped
// Markdown paragraph does (see eastAsianLineBreaks). Any other fold stays
// a space. data is the document doc was parsed from.
//
// YAML does the folding; to see where it folded, the scalars are parsed a
// second time as literal blocks (| instead of >), which keep their line
// breaks, and the two values are compared. Nothing is changed when a
// document has no such fold, and a value whose two readings do not line up
// is kept as YAML folded it.
func eastAsianFolds(data []byte, doc *yaml.Node) map[*yaml.Node]string {
	var folded []*yaml.Node
	walkScalars(doc, func(n *yaml.Node) {
		if n.Style&yaml.FoldedStyle != 0 && hasWideSpace(n.Value) {
			folded = append(folded, n)
		}
	})
	if len(folded) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(data), "\n")
	at := map[[2]int]*yaml.Node{}
	for _, n := range folded {
		if n.Line < 1 || n.Line > len(lines) {
			continue
		}
		line := lines[n.Line-1]
		off := runeOffset(line, n.Column-1)
		if off < 0 || off >= len(line) || line[off] != '>' {
			continue
		}
		lines[n.Line-1] = line[:off] + "|" + line[off+1:]
		at[[2]int{n.Line, n.Column}] = n
	}
	var lit yaml.Node
	if len(at) == 0 || yaml.Unmarshal([]byte(strings.Join(lines, "")), &lit) != nil {
		return nil
	}
	out := map[*yaml.Node]string{}
	walkScalars(&lit, func(l *yaml.Node) {
		if n, ok := at[[2]int{l.Line, l.Column}]; ok && l.Style&yaml.LiteralStyle != 0 {
			if v, ok := unfold(n.Value, l.Value); ok {
				out[n] = v
			}
		}
	})
	return out
}

// unfold walks a folded value and the literal reading of the same block
// together: where the literal one has a line break and the folded one a
// space, the space goes when its neighbours join without one
// (joinsLines). ok is false when the two do not line up.
func unfold(folded, literal string) (string, bool) {
	var b strings.Builder
	b.Grow(len(folded))
	i, j := 0, 0
	for i < len(folded) && j < len(literal) {
		switch f, l := folded[i], literal[j]; {
		case f == l:
			b.WriteByte(f)
			i, j = i+1, j+1
		case f == ' ' && l == '\n':
			before, _ := utf8.DecodeLastRuneInString(b.String())
			after, _ := utf8.DecodeRuneInString(folded[i+1:])
			if !joinsLines(before, after) {
				b.WriteByte(' ')
			}
			i, j = i+1, j+1
		case l == '\n': // a blank line, folded into the line break before it
			j++
		default:
			return "", false
		}
	}
	if i < len(folded) || strings.Trim(literal[j:], "\n") != "" {
		return "", false
	}
	return b.String(), true
}

// hasWideSpace reports whether s has a space between two characters that
// a line break joins without one (joinsLines).
func hasWideSpace(s string) bool {
	for i := strings.IndexByte(s, ' '); i > 0; {
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+1:])
		if joinsLines(before, after) {
			return true
		}
		next := strings.IndexByte(s[i+1:], ' ')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// runeOffset returns the byte offset of the n-th rune (0-based) of s, or -1.
func runeOffset(s string, n int) int {
	for off := range s {
		if n == 0 {
			return off
		}
		n--
	}
	return -1
}

func walkScalars(n *yaml.Node, f func(*yaml.Node)) {
	if n.Kind == yaml.ScalarNode {
		f(n)
	}
	for _, c := range n.Content {
		walkScalars(c, f)
	}
}
