package lint

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keywordSet finds, in one pass over a file, the lines that hold a keyword
// of each of several groups, in any case. The secret rules look for some
// thirty keywords, and in most files most of them occur nowhere: one pass
// with a table of the keywords' first two bytes costs less than thirty
// searches of the text, or a search of every line for every keyword.
//
// Keywords are ASCII, so a line holds one in lower case exactly when the
// line with its ASCII letters folded holds it (no ASCII byte is part of a
// longer UTF-8 sequence), unless the line has one of the two runes whose
// lower case is ASCII (asciiLowered); those files are lowered in full.
type keywordSet struct {
	groups [][]string
	words  []string
	// wordGroups lists, per word, the groups it belongs to.
	wordGroups [][]int
	// byFirst lists, per first byte, the words that start with it.
	byFirst [256][]int
	// pairs has a bit for each first two bytes of a word.
	pairs [1 << 16 / 64]uint64
}

// newKeywordSet indexes groups of lower-case keywords of two bytes or more
// without line ends.
func newKeywordSet(groups [][]string) *keywordSet {
	s := &keywordSet{groups: groups}
	index := map[string]int{}
	for g, words := range groups {
		for _, w := range words {
			if len(w) < 2 || strings.Contains(w, "\n") || strings.ToLower(w) != w || strings.IndexFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
				panic("lint: keyword " + w + " is not two lower-case ASCII bytes or more on one line")
			}
			i, ok := index[w]
			if !ok {
				i = len(s.words)
				index[w] = i
				s.words = append(s.words, w)
				s.wordGroups = append(s.wordGroups, nil)
				s.byFirst[w[0]] = append(s.byFirst[w[0]], i)
				pair := uint16(w[0])<<8 | uint16(w[1])
				s.pairs[pair/64] |= 1 << (pair % 64)
			}
			s.wordGroups[i] = append(s.wordGroups[i], g)
		}
	}
	return s
}

// lines returns, per group, the 1-based numbers of the lines of f (after
// prepare) that hold one of the group's keywords in any case, in order.
func (s *keywordSet) lines(f *File) [][]int {
	if bytes.Contains(f.text, []byte("\u212a")) || bytes.Contains(f.text, []byte("\u0130")) {
		lowered := []byte(toLower(string(f.text)))
		return s.search(lowered, lineStarts(lowered))
	}
	return s.search(f.text, f.starts)
}

// asciiLowered are the non-ASCII runes whose lower case is ASCII: KELVIN
// SIGN and LATIN CAPITAL LETTER I WITH DOT ABOVE, which lines looks for
// (TestASCIILowered checks there are no others).
const asciiLowered = "\u212a\u0130"

// search is lines over text with its ASCII letters folded to lower case;
// starts are the offsets of its lines.
func (s *keywordSet) search(text []byte, starts []int) [][]int {
	out := make([][]int, len(s.groups))
	line := 0 // index of the line holding offset i
	for i := 0; i+1 < len(text); i++ {
		c0 := asciiFold[text[i]]
		pair := uint16(c0)<<8 | uint16(asciiFold[text[i+1]])
		if s.pairs[pair/64]&(1<<(pair%64)) == 0 {
			continue
		}
		for _, w := range s.byFirst[c0] {
			if !hasFoldedPrefix(text[i:], s.words[w]) {
				continue
			}
			for line+1 < len(starts) && starts[line+1] <= i {
				line++
			}
			for _, g := range s.wordGroups[w] {
				if o := out[g]; len(o) == 0 || o[len(o)-1] != line+1 {
					out[g] = append(o, line+1)
				}
			}
		}
	}
	return out
}

// asciiFold maps a byte to its lower case if it is an ASCII capital, else
// to itself.
var asciiFold = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// hasFoldedPrefix reports whether s with its ASCII letters folded starts
// with the lower-case word.
func hasFoldedPrefix(s []byte, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for i := 0; i < len(word); i++ {
		if asciiFold[s[i]] != word[i] {
			return false
		}
	}
	return true
}

// toLower is strings.ToLower: it maps every rune with unicode.ToLower and
// invalid UTF-8 to U+FFFD. It is quicker on mixed text: ASCII is lowered
// byte by byte, and Japanese (kana and CJK ideographs, which have no case;
// TestToLowerCaselessRange checks the whole range) is copied as it is,
// where strings.ToLower looks each rune up in the case tables.
func toLower(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for {
		// Copy the run of bytes that stay as they are.
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf && (s[j] < 'A' || s[j] > 'Z') {
			j++
		}
		b.WriteString(s[i:j])
		if i = j; i == len(s) {
			return b.String()
		}
		if c := s[i]; c < utf8.RuneSelf {
			b.WriteByte(c + 'a' - 'A')
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case caselessLow <= r && r <= caselessHigh:
			b.WriteString(s[i : i+size])
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		i += size
	}
}

// caselessLow to caselessHigh are CJK symbols, kana, Hangul compatibility
// jamo and CJK ideographs: no rune in them changes case.
const caselessLow, caselessHigh = 0x3000, 0x9FFF
