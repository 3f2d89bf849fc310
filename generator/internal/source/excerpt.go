package source

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/diag"
)

// syntaxDiagnostic is the error e of the front matter (or config) data
// of file, whose first line is line offset+1 of the file: at e's file
// line, with the text of that line as its excerpt and e's byte column
// as a column in characters (bad-input case 3 asks for line:col and a
// caret excerpt). A blank line has no excerpt, nor has one longer than
// maxExcerpt (a pasted log), which no report should carry
// whole, nor one of a front matter holding a private key; its column
// is kept.
func syntaxDiagnostic(file string, data []byte, offset int, e *syntaxError) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{Path: file, Line: e.line + offset}, Severity: diag.Error, Message: fileLines(e.msg, offset)}
	if text, ok := lineText(data, e.line); ok && strings.TrimSpace(text) != "" {
		if e.col > 0 {
			d.Col = runeCol(text, e.col)
		}
		// Nor has a line of a front matter holding a private key
		// ("-----BEGIN … PRIVATE KEY-----", PGP's "PRIVATE KEY BLOCK"):
		// the key's lines, but for its first, look like any text.
		if len(text) <= maxExcerpt && !bytes.Contains(data, []byte("PRIVATE KEY")) {
			d.Excerpt = text
		}
	}
	return d
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
