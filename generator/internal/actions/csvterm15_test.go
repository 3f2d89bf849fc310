package actions

import (
	"bytes"
	"strings"
	"testing"
)

// TestTerminalSafe is the table of terminalSafe: the characters that
// drive a terminal become U+FFFD; tabs, line breaks and CRLF in a cell,
// and all text, stay.
func TestTerminalSafe(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"plain", "証明書の期限切れ, \"quoted\"", "証明書の期限切れ, \"quoted\""},
		{"CSI colours", "a\x1b[41mBG\x1b[0m", "a\uFFFD[41mBG\uFFFD[0m"},
		{"OSC title with BEL", "\x1b]0;TITLE\x07x", "\uFFFD]0;TITLE\uFFFDx"},
		{"OSC 52 with ST", "\x1b]52;c;ZXZpbA==\x1b\\", "\uFFFD]52;c;ZXZpbA==\uFFFD\\"},
		{"C1 CSI", "a\u009b2Jb", "a\uFFFD2Jb"},
		{"NUL, backspace, DEL", "a\x00b\x08c\x7fd", "a\uFFFDb\uFFFDc\uFFFDd"},
		{"carriage return", "ok\rfake", "ok\uFFFDfake"},
		{"line break and tab", "one\ntwo\tthree", "one\ntwo\tthree"},
		{"CRLF", "one\r\ntwo", "one\r\ntwo"},
		{"bidi override and isolate", "invoice\u202etxt.exe \u2066x\u2069", "invoice\uFFFDtxt.exe \uFFFDx\uFFFD"},
		{"a CR at the end", "a\r", "a\uFFFD"},
		{"U+FFFD itself", "a\uFFFD\x1b", "a\uFFFD\uFFFD"},
	} {
		if got := terminalSafe(tt.in); got != tt.want {
			t.Errorf("%s: terminalSafe(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestWriteCSVCannotDriveTheTerminal checks that the one CSV writer, of
// pmkb actions --format csv and of the site's api/actions.csv alike,
// writes no escape sequence from a postmortem (QA 15 A-F5: the command
// cleaned its output, the site's file kept ESC and BEL, so the two
// differed).
func TestWriteCSVCannotDriveTheTerminal(t *testing.T) {
	var buf bytes.Buffer
	rows := []Row{{Key: "p#1", Title: "zebra \x1b[41mBG\x1b[0m \x1b]0;TITLE\x07 \u202eevil", Owner: "own\x1b[32mer"}}
	if err := WriteCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for i, r := range strings.ReplaceAll(out, "\r\n", "\n") {
		if r != '\n' && (r < 0x20 || 0x7f <= r && r < 0xa0) || r == '\u202e' {
			t.Errorf("the CSV holds %U at byte %d:\n%q", r, i, out)
		}
	}
	if want := "zebra \uFFFD[41mBG\uFFFD[0m \uFFFD]0;TITLE\uFFFD \uFFFDevil"; !strings.Contains(out, want) {
		t.Errorf("the CSV lacks %q:\n%q", want, out)
	}
}
