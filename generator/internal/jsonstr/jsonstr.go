// Package jsonstr appends Go strings as JSON strings, byte for byte as
// encoding/json writes them, without reflection or allocation: the search
// index and the JSON API of a large knowledge base write hundreds of
// thousands of strings. Tests compare every byte with encoding/json.
package jsonstr

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// Append appends s to b as a JSON string the way encoding/json does:
// control characters escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029
// escaped, and with escapeHTML (json.Marshal's default) also <, > and &
// as \u003c, \u003e and \u0026.
func Append(b []byte, s string, escapeHTML bool) []byte {
	// The ASCII bytes copied as they are, as bit sets of 0-63 and 64-127.
	lo, hi := safeLo, safeHi
	if escapeHTML {
		lo = safeLoHTML
	}
	// Valid UTF-8 (the usual case, checked at once) needs no decoding:
	// only U+2028 and U+2029 (E2 80 A8/A9) are escaped.
	valid := utf8.ValidString(s)
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 64 && lo>>c&1 != 0 || c >= 64 && hi>>(c-64)&1 != 0 {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		if valid {
			if c == 0xE2 && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8 {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			start = i + size
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Bit c (c-64 in the high sets) is set for the ASCII bytes c that
// encoding/json writes as they are: from 0x20 on, but for '"' and '\\',
// and with HTML escaping but for '<', '>' and '&'.
const (
	safeLo     uint64 = 0xFFFFFFFB_00000000                       // 0x20-0x3F but '"'
	safeLoHTML uint64 = safeLo &^ (1<<'<' | 1<<'>' | 1<<'&')      // and but <, >, &
	safeHi     uint64 = 0xFFFFFFFF_FFFFFFFF &^ (1 << ('\\' - 64)) // 0x40-0x7F but '\\'
)
