// Package termtext makes untrusted text safe to print on a terminal, for
// the commands that print postmortem fields (pmkb actions, search, stats).
package termtext

import (
	"strings"
	"unicode"
)

// OneLine returns s as one line that cannot drive the terminal it is
// printed on: invalid UTF-8 becomes U+FFFD, and every control character
// (escape sequences, tabs, line breaks), format character (the
// bidirectional overrides such as U+202E, which reorder the rest of the
// line, and the zero-width ones) and line or paragraph separator (U+2028,
// U+2029) becomes a space. Text that needs none of this is returned as it
// is.
func OneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) {
			return ' '
		}
		return r
	}, s)
}
