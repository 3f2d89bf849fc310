package termtext

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestSafe is the table of Safe: what OneLine replaces becomes the
// replacement, but tabs, line feeds and CRLF, which stay (review 15 R4:
// the CSV's own copy let the bidi marks, U+2028, U+2029 and the zero-width
// characters through, which OneLine replaces).
func TestSafe(t *testing.T) {
	const x = utf8.RuneError
	for _, tt := range []struct{ name, in, want string }{
		{"plain", "証明書の期限切れ, \"quoted\"", "証明書の期限切れ, \"quoted\""},
		{"CSI colours", "a\x1b[41mBG\x1b[0m", "a\uFFFD[41mBG\uFFFD[0m"},
		{"OSC title with BEL", "\x1b]0;TITLE\x07x", "\uFFFD]0;TITLE\uFFFDx"},
		{"C1 CSI", "a\u009b2Jb", "a\uFFFD2Jb"},
		{"NUL, backspace, DEL", "a\x00b\x08c\x7fd", "a\uFFFDb\uFFFDc\uFFFDd"},
		{"carriage return", "ok\rfake", "ok\uFFFDfake"},
		{"a CR at the end", "a\r", "a\uFFFD"},
		{"line break and tab", "one\ntwo\tthree", "one\ntwo\tthree"},
		{"CRLF", "one\r\ntwo\r\r\n", "one\r\ntwo\uFFFD\r\n"},
		{"bidi override and isolate", "invoice\u202etxt.exe \u2066x\u2069", "invoice\uFFFDtxt.exe \uFFFDx\uFFFD"},
		{"bidi marks, which right-to-left text holds, are kept", "a\u200eb\u200fc\u061cd", "a\u200eb\u200fc\u061cd"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a\uFFFDb\uFFFDc"},
		// Format characters that reorder nothing are data: kept.
		{"zero-width", "a\u200bb\ufeffc", "a\u200bb\ufeffc"},
		{"emoji joiners", "👩\u200d💻 on call", "👩\u200d💻 on call"},
		{"Persian joiner", "می\u200cخواهم", "می\u200cخواهم"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
	} {
		if got := Safe(tt.in, x); got != tt.want {
			t.Errorf("%s: Safe(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
	if got := Safe("a\x1bb\nc", '?'); got != "a?b\nc" {
		t.Errorf("Safe with '?' = %q", got)
	}
}

// TestSafeReplacesWhatOneLineDoes: every rune but a tab, a line feed and
// a carriage return is replaced by Safe exactly when OneLine replaces it,
// so the CSV and the terminal's table, search and stats cannot drift.
func TestSafeReplacesWhatOneLineDoes(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r == '\t' || r == '\n' || r == '\r' || !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		safe, line := Safe(s, '?') != s, OneLine(s) != s
		// Safe keeps the format characters that reorder nothing (ZWJ,
		// ZWNJ, a soft hyphen, emoji tags): a CSV keeps its data.
		keeps := unicode.Is(unicode.Cf, r) && !isolateControl(r)
		if safe != (line && !keeps) {
			t.Errorf("%U: Safe replaces it: %v, OneLine: %v", r, safe, line)
		}
	}
}
