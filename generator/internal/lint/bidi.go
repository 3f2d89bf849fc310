package lint

import (
	"bytes"
	"fmt"
	"slices"
	"unicode/utf8"
)

// BidiControl is the id of the rule that reports the invisible
// characters that change the order text is shown in.
const BidiControl = "markdown/bidi-control"

// bidiControl is one of the invisible characters that change the order
// text is shown in: the embeddings, overrides and isolates of the Unicode
// bidirectional algorithm (U+202A-U+202E, U+2066-U+2069), what GitHub
// warns about as "hidden or bidirectional Unicode text". The marks U+200E
// and U+200F (which only give a neutral character a direction) and the
// zero-width joiner of emoji sequences are not among them.
type bidiControl struct {
	name string // the character's Unicode name
	does string // what it does to the text after it, for the hint
}

var bidiControls = map[rune]bidiControl{
	0x202a: {"LEFT-TO-RIGHT EMBEDDING", "embeds the text after it as left-to-right text, up to a U+202C or the end of the line"},
	0x202b: {"RIGHT-TO-LEFT EMBEDDING", "embeds the text after it as right-to-left text, up to a U+202C or the end of the line"},
	0x202c: {"POP DIRECTIONAL FORMATTING", "ends the embedding or override a U+202A, U+202B, U+202D or U+202E before it started"},
	0x202d: {"LEFT-TO-RIGHT OVERRIDE", "shows the characters after it left to right whatever their own direction, up to a U+202C or the end of the line"},
	0x202e: {"RIGHT-TO-LEFT OVERRIDE", "shows the characters after it right to left, up to a U+202C or the end of the line: “exe.txt” after it reads “txt.exe”"},
	0x2066: {"LEFT-TO-RIGHT ISOLATE", "sets the text after it apart as left-to-right text, up to a U+2069 or the end of the line"},
	0x2067: {"RIGHT-TO-LEFT ISOLATE", "sets the text after it apart as right-to-left text, up to a U+2069 or the end of the line"},
	0x2068: {"FIRST STRONG ISOLATE", "sets the text after it apart in the direction of its first letter, up to a U+2069 or the end of the line"},
	0x2069: {"POP DIRECTIONAL ISOLATE", "ends the isolate a U+2066, U+2067 or U+2068 before it started"},
}

// bidiRule reports every bidirectional control character of a file
// (bidiControls) at its line and column, in the front matter, the body
// and its code blocks alike: in a title or a name it reorders what is
// shown (the pages isolate each such string with <bdi>, so it reorders
// that string only), and in a code block the code a reader sees is not
// the code they copy and run ("Trojan Source", CVE-2021-42574).
func bidiRule() Rule {
	return Rule{
		ID: BidiControl, Severity: warning,
		Doc: "No invisible bidirectional control character (the embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069) is in a postmortem, front matter, body or code block: it shows text in another order than it is written (\"Trojan Source\", which GitHub warns about as hidden or bidirectional Unicode text). The marks U+200E and U+200F and the joiners of emoji are left alone.",
		CheckAt: func(f *File, report func(line, col int, msg, hint string)) {
			for off := 0; off < len(f.text); {
				i := bytes.IndexByte(f.text[off:], 0xe2) // the first byte of each of them
				if i < 0 {
					return
				}
				off += i
				// Dashes and quotes start with E2 too: their next bytes
				// are told apart before a rune is decoded.
				if !isBidiControl(f.text[off:]) {
					off++
					continue
				}
				r, size := utf8.DecodeRune(f.text[off:])
				c := bidiControls[r]
				n, found := slices.BinarySearch(f.starts, off)
				if !found {
					n--
				}
				col := utf8.RuneCount(f.text[f.starts[n]:off]) + 1
				report(n+1, col, fmt.Sprintf("hidden bidirectional character U+%04X %s", r, c.name), bidiHint(f, n+1, c))
				off += size
			}
		},
	}
}

// isBidiControl reports whether b starts with the UTF-8 of a character of
// bidiControls: E2 80 AA-AE or E2 81 A6-A9.
func isBidiControl(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xe2 &&
		(b[1] == 0x80 && 0xaa <= b[2] && b[2] <= 0xae || b[1] == 0x81 && 0xa6 <= b[2] && b[2] <= 0xa9)
}

// bidiHint says what character c does, where it is on line n of f, how
// to remove it, and how to keep it; without double quotes, which a
// finding whose line is not quoted has masked (see generator.settle).
func bidiHint(f *File, n int, c bidiControl) string {
	where := ""
	if f.kinds[n-1] == fence {
		where = "; in a code block, the code a reader sees is then not the code they copy and run (Trojan Source)"
	}
	file := "FILE"
	if shellSafe.MatchString(f.Path) {
		file = f.Path
	}
	return fmt.Sprintf("it %s, and is invisible in most editors and diffs%s. "+
		`Delete it: perl -CSD -i -pe 's/[\x{202A}-\x{202E}\x{2066}-\x{2069}]//g' %s deletes every one in the file`+
		"; if this one is meant, add a pmkb-lint-ignore %s comment",
		c.does, where, file, BidiControl)
}

// shellSafe matches a path a shell command can name as it is.
var shellSafe = newLazyRegexp(`^[A-Za-z0-9._/-]+$`)
