package generator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestWriteSearchUnread checks the note pmkb search prints on stderr
// about the postmortems it could not read (QA 13 F3): nothing when there
// are none; one line per file, at most five, then how many more; and no
// character of a file's value that could drive the terminal.
func TestWriteSearchUnread(t *testing.T) {
	var seven []string
	for i := range 7 {
		seven = append(seven, fmt.Sprintf("content/postmortems/%d.md:4: invalid YAML", i))
	}
	for _, tt := range []struct {
		name   string
		unread []string
		want   string
	}{
		{"none", nil, ""},
		{"one", []string{"content/postmortems/a.md:2: unknown severity \"SEV\x1b[2J\u202e9\""},
			"note: 1 postmortem could not be read and is not searched (pmkb lint explains it):\n" +
				"  content/postmortems/a.md:2: unknown severity \"SEV [2J 9\"\n"},
		{"seven", seven,
			"note: 7 postmortems could not be read and are not searched (pmkb lint explains them):\n" +
				"  content/postmortems/0.md:4: invalid YAML\n  content/postmortems/1.md:4: invalid YAML\n" +
				"  content/postmortems/2.md:4: invalid YAML\n  content/postmortems/3.md:4: invalid YAML\n" +
				"  content/postmortems/4.md:4: invalid YAML\n  … 2 more\n"},
		{"five", seven[:5],
			"note: 5 postmortems could not be read and are not searched (pmkb lint explains them):\n" +
				"  content/postmortems/0.md:4: invalid YAML\n  content/postmortems/1.md:4: invalid YAML\n" +
				"  content/postmortems/2.md:4: invalid YAML\n  content/postmortems/3.md:4: invalid YAML\n" +
				"  content/postmortems/4.md:4: invalid YAML\n"},
	} {
		var b strings.Builder
		generator.WriteSearchUnread(&b, tt.unread)
		if got := b.String(); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
