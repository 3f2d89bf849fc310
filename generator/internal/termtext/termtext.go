// Package termtext makes untrusted text safe to print on a terminal, for
// the commands that print postmortem fields (pmkb actions, search, stats)
// and the CSV of action items, which is printed on one as often as it is
// opened in a spreadsheet.
package termtext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// unsafe reports whether r can drive the terminal it is printed on, or
// hide or reorder the text around it: a control character (C0, C1, DEL:
// escape sequences, tabs, line breaks), a format character (the
// bidirectional embeddings, overrides, isolates and marks such as U+202E
// and U+200F, and the zero-width ones) or a line or paragraph separator
// (U+2028, U+2029). OneLine and Safe replace the same characters, so the
// table, search, stats and the CSV cannot drift apart (review 15 R4).
func unsafe(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f
	}
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// isolateControl reports whether r is one of the format characters that
// reorder the text after them: the bidirectional embeddings, overrides
// and isolates and their terminators. The marks (U+200E, U+200F,
// U+061C), which right-to-left text holds as a matter of course, only
// set the direction of what is next to them.
func isolateControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// OneLine returns s as one line that cannot drive the terminal it is
// printed on: invalid UTF-8 becomes U+FFFD, and every control character
// (escape sequences, tabs, line breaks), format character (the
// bidirectional overrides such as U+202E, which reorder the rest of the
// line) and line or paragraph separator (U+2028, U+2029) becomes a space,
// but for the invisible ones that stand inside words (a soft hyphen, the
// zero-width space, joiners, the word joiner, U+FEFF), which are left
// out, as search leaves them out of words: "fail\u00adover" reads
// "failover", as on the page, not "fail over" (QA 21 A-F7). Text that
// needs none of this is returned as it is.
func OneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case inWord(r):
			return -1
		case unsafe(r):
			return ' '
		}
		return r
	}, s)
}

// inWord reports whether r is one of the invisible format characters
// that text pasted from a wiki, a chat or a PDF carries inside words.
func inWord(r rune) bool {
	return r == 0xad || r >= 0x200b && r <= 0x200d || r == 0x2060 || r == 0xfeff
}

// Safe returns s with the characters OneLine replaces written as
// replacement, but for tabs, line feeds and a carriage return before a
// line feed, which stay: text whose lines are its data (a CSV cell). The
// format characters that are part of the text and reorder nothing stay
// too (the joiners of emoji sequences and of Persian, a soft hyphen, the
// tags of a subdivision flag, the right-to-left marks): a CSV keeps its
// data, and only the embeddings, overrides and isolates among them
// (isolateControl) are replaced. A
// carriage return that ends no line is replaced (it overwrites the
// line). Invalid UTF-8 becomes U+FFFD. Text that needs none of this is
// returned as it is.
func Safe(s string, replacement rune) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	dirty := func(i int, r rune) bool {
		switch r {
		case '\t', '\n':
			return false
		case '\r':
			return i+1 == len(s) || s[i+1] != '\n'
		}
		return unsafe(r) && !(unicode.Is(unicode.Cf, r) && !isolateControl(r))
	}
	for i, r := range s {
		if !dirty(i, r) {
			continue
		}
		var b strings.Builder
		b.Grow(len(s) + 8)
		b.WriteString(s[:i])
		for j, r := range s[i:] {
			if dirty(i+j, r) {
				r = replacement
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return s
}
