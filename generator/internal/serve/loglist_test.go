package serve

import (
	"strings"
	"testing"
)

// TestLogListIsTerminalSafe checks that the problems pmkb serve logs carry
// no control or bidirectional character of a postmortem's text (a
// severity or a file name in a message) to the terminal.
func TestLogListIsTerminalSafe(t *testing.T) {
	got := logList([]problem{{text: "content/postmortems/a\x1b[2J.md:3: unknown severity SEV9\u202e", hint: "write SEV1\x1b[31m"}})
	if strings.ContainsAny(got, "\x1b\u202e") || !strings.Contains(got, "unknown severity SEV9") || !strings.Contains(got, "hint: write SEV1") {
		t.Errorf("logList = %q", got)
	}
}
