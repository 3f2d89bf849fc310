package actions

import "testing"

// TestCSVCellSafeAsTheTable: a CSV cell loses what the actions table
// (termtext.OneLine) takes out of the same text, as U+FFFD, and keeps tabs
// and line breaks, and the format characters that reorder nothing (ZWJ of
// an emoji, ZWNJ of Persian), which are data (review 15 R4: the CSV's own
// copy of the check kept U+2028 and U+2029; the right-to-left marks stay,
// as in the JSON and the lint rule markdown/bidi-control).
func TestCSVCellSafeAsTheTable(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"plain", "TLS 証明書", "TLS 証明書"},
		{"escape", "a\x1b[2Jb", "a\uFFFD[2Jb"},
		{"OSC title with BEL", "\x1b]0;TITLE\x07x", "\uFFFD]0;TITLE\uFFFDx"},
		{"OSC 52 with ST", "x\x1b]52;c;ZXZpbA==\x1b\\", "x\uFFFD]52;c;ZXZpbA==\uFFFD\\"},
		{"C1 CSI", "a\u009b2Jb", "a\uFFFD2Jb"},
		{"NUL, backspace, DEL", "a\x00b\x08c\x7fd", "a\uFFFDb\uFFFDc\uFFFDd"},
		{"carriage return", "ok\rfake", "ok\uFFFDfake"},
		{"a CR at the end", "a\r", "a\uFFFD"},
		{"bidi override and isolate", "invoice\u202etxt.exe \u2066x\u2069", "invoice\uFFFDtxt.exe \uFFFDx\uFFFD"},
		{"bidi marks, which right-to-left text holds, are kept", "a\u200eb\u200fc\u061cd", "a\u200eb\u200fc\u061cd"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a\uFFFDb\uFFFDc"},
		// Format characters that reorder nothing are data: kept.
		{"zero-width", "a\u200bb\ufeffc", "a\u200bb\ufeffc"},
		{"emoji joiners", "👩\u200d💻 on call", "👩\u200d💻 on call"},
		{"Persian joiner", "می\u200cخواهم", "می\u200cخواهم"},
		{"lines and tabs stay", "one\r\ntwo\tthree", "one\r\ntwo\tthree"},
		{"formula", "=1+1", "'=1+1"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
	} {
		if got := csvCell(tt.in); got != tt.want {
			t.Errorf("%s: csvCell(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
