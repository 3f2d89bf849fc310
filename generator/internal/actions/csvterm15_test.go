package actions

import (
	"bytes"
	"strings"
	"testing"
)

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
