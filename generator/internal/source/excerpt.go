package source

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/diag"
)

// diagnostic is the error e of the front matter (or config) data l
// of file, whose first line is line offset+1 of the file: at e's file
// line, with the text of that line as its excerpt and e's byte column
// as a column in characters (bad-input case 3 asks for line:col and a
// caret excerpt). A blank line has no excerpt, nor has one longer than
// maxExcerpt (a pasted log), which no report should carry
// whole, nor one of a front matter holding a private key; its column
// is kept.
func (l *lines) diagnostic(file string, offset int, e *syntaxError) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{Path: file, Line: e.line + offset}, Severity: diag.Error, Message: fileLines(e.msg, offset)}
	if text, ok := l.line(e.line); ok && strings.TrimSpace(text) != "" {
		if e.col > 0 {
			d.Col = l.runeCol(e.line, e.col)
		}
		// Nor has a line of a front matter holding a private key
		// ("-----BEGIN … PRIVATE KEY-----", PGP's "PRIVATE KEY BLOCK"):
		// the key's lines, but for its first, look like any text.
		if len(text) <= maxExcerpt && !l.privateKey() {
			d.Excerpt = text
		}
	}
	return d
}

// lines indexes one text (a front matter, a config file) by line for the
// diagnostics of its problems: the text is scanned for line ends once,
// and the line last asked for is kept with where its characters start,
// so that a text with thousands of problems on one long line (20,000
// aliases in one flow list, QA 17 C-F4) costs time linear in its size.
// lineText, byteCol and runeCol each rescanned the line, or the text up
// to it, for every problem, and syntaxDiagnostic the whole text for a
// private key. A lines is used by one goroutine.
type lines struct {
	data   []byte
	starts []int32 // byte offset of each line's start; made on first use
	n      int     // the line text holds (0: none yet)
	text   string
	ascii  bool    // text is ASCII: columns in bytes and characters agree
	runes  []int32 // where each character of text starts, then len(text); made on first use
	key    int8    // data holds "PRIVATE KEY": 0 not known yet, 1 no, 2 yes
}

func newLines(data []byte) *lines { return &lines{data: data} }

// line is lineText(l.data, n).
func (l *lines) line(n int) (string, bool) {
	if n < 1 {
		return "", false
	}
	if n == l.n {
		return l.text, true
	}
	if l.starts == nil {
		l.starts = make([]int32, 1, bytes.Count(l.data, []byte("\n"))+1)
		for i, c := range l.data {
			if c == '\n' {
				l.starts = append(l.starts, int32(i+1))
			}
		}
	}
	if n > len(l.starts) {
		return "", false
	}
	end := len(l.data)
	if n < len(l.starts) {
		end = int(l.starts[n]) - 1
	}
	l.n, l.runes = n, nil
	l.text = strings.TrimSuffix(string(l.data[l.starts[n-1]:end]), "\r")
	l.ascii = true
	for i := 0; i < len(l.text); i++ {
		if l.text[i] >= utf8.RuneSelf {
			l.ascii = false
			break
		}
	}
	return l.text, true
}

// runeStarts returns where each character of the line held starts, then
// its length.
func (l *lines) runeStarts() []int32 {
	if l.runes == nil {
		l.runes = make([]int32, 0, utf8.RuneCountInString(l.text)+1)
		for i := range l.text {
			l.runes = append(l.runes, int32(i))
		}
		l.runes = append(l.runes, int32(len(l.text)))
	}
	return l.runes
}

// byteCol is byteCol(l.data, n, col).
func (l *lines) byteCol(n, col int) int {
	if _, ok := l.line(n); col < 1 || !ok || l.ascii {
		return col
	}
	r := l.runeStarts()
	if chars := len(r) - 1; col-1 > chars {
		return len(l.text) + 1 + col - 1 - chars
	}
	return int(r[col-1]) + 1
}

// runeCol is runeCol(text, col) for text line n of l.data.
func (l *lines) runeCol(n, col int) int {
	text, _ := l.line(n)
	b := min(col-1, len(text))
	if l.ascii || b <= 0 {
		return max(b, 0) + 1
	}
	for b > 0 && b < len(text) && !utf8.RuneStart(text[b]) {
		b--
	}
	i, _ := slices.BinarySearch(l.runeStarts(), int32(b))
	return i + 1
}

// privateKey reports whether l.data holds "PRIVATE KEY".
func (l *lines) privateKey() bool {
	if l.key == 0 {
		l.key = 1
		if bytes.Contains(l.data, []byte("PRIVATE KEY")) {
			l.key = 2
		}
	}
	return l.key == 2
}

// maxExcerpt is the longest line, in bytes, a diagnostic quotes.
const maxExcerpt = 16 << 10

// lineText returns line n (1-based) of data without its line end.
func lineText(data []byte, n int) (string, bool) {
	if n < 1 {
		return "", false
	}
	for ; n > 1; n-- {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return "", false
		}
		data = data[i+1:]
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return strings.TrimSuffix(string(data), "\r"), true
}

// runeCol turns the 1-based byte column col of text into a column in
// characters: one in the middle of a character is that character's, and
// one past the end of the line is just after it.
func runeCol(text string, col int) int {
	b := min(col-1, len(text))
	for b > 0 && b < len(text) && !utf8.RuneStart(text[b]) {
		b--
	}
	return utf8.RuneCountInString(text[:b]) + 1
}

// byteCol turns the 1-based column col, in characters, of line n of data
// into a byte column: yaml.v3 and goccy/go-yaml count characters, the
// TOML and JSON parsers and the explanations of yamlerr.go bytes. It
// returns 0 for 0.
func byteCol(data []byte, n, col int) int {
	text, ok := lineText(data, n)
	if col < 1 || !ok {
		return col
	}
	b := 0
	for i := 1; i < col && b < len(text); i++ {
		_, size := utf8.DecodeRuneInString(text[b:])
		b += size
	}
	return b + 1 + max(col-1-utf8.RuneCountInString(text[:b]), 0)
}
