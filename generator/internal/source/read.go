package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/model"
)

// fmFormat is one front-matter syntax.
type fmFormat int

const (
	fmNone fmFormat = iota
	fmYAML
	fmTOML
	fmJSON
)

func (f fmFormat) String() string {
	return [...]string{"none", "YAML", "TOML", "JSON"}[f]
}

// syntax is f as model names it (fmNone, which is never decoded, as YAML).
func (f fmFormat) syntax() model.Syntax {
	return [...]model.Syntax{model.SyntaxYAML, model.SyntaxYAML, model.SyntaxTOML, model.SyntaxJSON}[f]
}

// split is a file cut into its front matter and body.
type split struct {
	format fmFormat
	// openLine is the line of the opening delimiter; dataLine the line the
	// front-matter data starts on (they differ by one for YAML and TOML).
	openLine, dataLine int
	data               []byte
	body               []byte
	bodyLine           int
}

// fileProblem is a problem with the file as a whole, at a line and column.
type fileProblem struct {
	line, col int
	msg       string
}

// normalize checks that data is UTF-8 text and returns it with a byte-order
// mark removed, CRLF line ends turned into LF, so that every later line
// number matches what an editor shows, and in Unicode Normalization Form C
// (see nfcBytes). Valid text (nearly every file) is checked in one pass;
// the rune-by-rune scan that finds the line and column of a problem runs
// only when there is one.
func normalize(data []byte) ([]byte, *fileProblem) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, &fileProblem{line: 1, col: 1, msg: "file is UTF-16; save it as UTF-8"}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		if prob := textProblem(data); prob != nil {
			return nil, prob
		}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return nfcBytes(data), nil
}

// nfcBytes returns text in Unicode Normalization Form C: a character and
// its combining marks as one code point where one exists. macOS, zip
// archives and cloud drives write names and text decomposed (NFD: "デ" as
// テ and U+3099), which looks the same but compares, slugifies and indexes
// differently from what a keyboard types (NFC). Composing never joins or
// splits lines, so line numbers stay those of the file. Text already in
// NFC (nearly every file) is returned as it is after one quick check.
func nfcBytes(text []byte) []byte {
	if !mayNeedNFC(text) || norm.NFC.IsNormal(text) {
		return text
	}
	return norm.NFC.Bytes(text)
}

// nfc is nfcBytes for a string: a file name or path as the file system
// gives it, for the ids and link targets made from it. The path itself
// still names the file in messages and opens it.
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// mayNeedNFC reports whether text has a character outside stableRanges,
// so that only then does the exact check run: text made of ASCII, Latin
// letters, kana, kanji, full-width forms and the common symbols (arrows,
// ①, box drawing, ■, ★, ✓) alone is in NFC. norm's IsNormal reads
// Japanese text at tens of MB/s (40–60 MB/s measured in review); this scan
// is about ten times faster (BenchmarkMayNeedNFC).
func mayNeedNFC(text []byte) bool {
	// Decoded in place: ranging over string(text) would copy every file.
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if !stableRune(r) {
			return true
		}
		i += size
	}
	return false
}

// stableRanges are blocks of characters that are in NFC and never compose
// with the character before them (NFC_Quick_Check Yes): a text made of
// them and ASCII alone is in NFC. Combining marks (U+0300–036F, the kana
// voicing marks U+3099–309A, U+302A–302F) are not among them, so a
// decomposed デ (テ and U+3099) is caught. TestStableRanges checks them.
var stableRanges = [][2]rune{
	{0x00A0, 0x02FF}, // Latin-1 Supplement to Spacing Modifier Letters
	{0x2010, 0x2027}, // dashes, quotes, ellipsis
	{0x2030, 0x205E}, // ‰, primes, ※
	// Arrows, less the six that decompose (↚ ↛ ↮ ⇍ ⇎ ⇏: an arrow and
	// U+0338).
	{0x2190, 0x2199},
	{0x219C, 0x21AD},
	{0x21AF, 0x21CC},
	{0x21D0, 0x21FF},
	{0x2460, 0x24FF}, // Enclosed Alphanumerics: ①, ⑴, Ⓐ
	{0x2500, 0x25FF}, // Box Drawing, Block Elements, Geometric Shapes: ─, █, ■, ▲
	{0x2600, 0x27BF}, // Miscellaneous Symbols, Dingbats: ★, ☎, ✓, ✔
	{0x3000, 0x3029}, // CJK Symbols and Punctuation, up to the tone marks
	{0x3030, 0x303F},
	{0x3041, 0x3096}, // Hiragana, without the voicing marks
	{0x309B, 0x30FF}, // spacing voicing marks, Katakana
	{0x3400, 0x4DBF}, // CJK Unified Ideographs Extension A
	{0x4E00, 0x9FFF}, // CJK Unified Ideographs
	{0xFF01, 0xFFEF}, // Halfwidth and Fullwidth Forms
}

// stableRune reports whether r is in stableRanges, by binary search: kana
// and kanji, the bulk of Japanese text, lie near the end of the list.
func stableRune(r rune) bool {
	lo, hi := 0, len(stableRanges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch rg := stableRanges[m]; {
		case r < rg[0]:
			hi = m
		case r > rg[1]:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// textProblem returns the first invalid UTF-8 sequence or NUL byte of data
// with its line and column, or nil.
func textProblem(data []byte) *fileProblem {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return &fileProblem{line: line, col: col, msg: fmt.Sprintf("not valid UTF-8 at line %d col %d; save the file as UTF-8", line, col)}
		case r == 0:
			return &fileProblem{line: line, col: col, msg: fmt.Sprintf("NUL byte at line %d col %d; is this a binary file?", line, col)}
		case r == '\n':
			line++
			col = 1
		default:
			col++
		}
		i += size
	}
	return nil
}

// splitFrontMatter finds the front matter with adrg/frontmatter, which
// knows the delimiters (--- YAML ---, +++ TOML +++, a JSON object), and
// adds what it leaves to its caller: the line numbers, and an error for a
// front matter that is opened but never closed (adrg/frontmatter would
// silently treat it as body text). br, when not nil, is a reader of at
// least 4 KiB that the library reads through instead of making its own
// (bufio.NewReader hands back such a reader as it is); a Parser reuses one
// for all its files.
func splitFrontMatter(data []byte, br *bufio.Reader) (split, *fileProblem) {
	var s split
	// The first non-blank line decides which format was opened.
	openLine, first := 0, []byte(nil)
	for n, rest := 1, data; len(rest) > 0; n++ {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if t := bytes.TrimSpace(l); len(t) > 0 {
			openLine, first = n, t
			break
		}
	}
	switch string(first) {
	case "---":
		s.format, s.dataLine = fmYAML, openLine+1
	case "+++":
		s.format, s.dataLine = fmTOML, openLine+1
	case "{":
		s.format, s.dataLine = fmJSON, openLine
	default:
		if first != nil && first[0] == '{' {
			// The layout adrg/frontmatter (and Hugo) read JSON front
			// matter in; anything else would silently become the body.
			return s, &fileProblem{line: openLine, msg: "JSON front matter must open with { alone on its line and close with } alone on its line, followed by a blank line"}
		}
		s.body, s.bodyLine = data, 1
		return s, nil
	}
	s.openLine = openLine
	lines := &lineReader{data: data}
	// The unmarshal hook keeps the front matter's bytes, which the library
	// passes as part of its buffer and does not reuse, so they need no
	// copy. Once it has them, the rest of the file is the body, taken from
	// data: the hook stops the library with errCaptured, so that it does
	// not go on to read the body into its buffer (or grow the buffer to
	// find there is nothing left to read).
	capture := func(b []byte, v any) error {
		*v.(*[]byte) = b
		return errCaptured
	}
	formats := [...]*frontmatter.Format{
		{Start: "---", End: "---", Unmarshal: capture},
		{Start: "+++", End: "+++", Unmarshal: capture},
		{Start: "{", End: "}", Unmarshal: capture, UnmarshalDelims: true, RequiresNewLine: true},
	}
	var r io.Reader = lines
	if br != nil {
		br.Reset(r)
		defer br.Reset(nil)
		r = br
	}
	var captured []byte
	_, err := frontmatter.Parse(r, &captured, formats[:]...)
	if err != nil && !errors.Is(err, errCaptured) {
		return s, &fileProblem{line: openLine, msg: "cannot read front matter: " + err.Error()}
	}
	if captured == nil {
		if s.format == fmJSON {
			if prob := jsonUnclosed(data, openLine); prob != nil {
				return s, prob
			}
		}
		if s.format == fmYAML {
			if prob := closedByDots(data, openLine); prob != nil {
				return s, prob
			}
		}
		closing := map[fmFormat]string{fmYAML: "---", fmTOML: "+++", fmJSON: "} followed by a blank line"}[s.format]
		return s, &fileProblem{line: openLine, msg: fmt.Sprintf("front matter opened at line %d is not closed (expected a line with %s)", openLine, closing)}
	}
	// The library has read up to the end of the front matter and no
	// further: lineReader never hands out more than a line.
	bodyStart := lines.off
	s.data = captured
	s.body = data[bodyStart:]
	s.bodyLine = 1 + bytes.Count(data[:bodyStart], []byte("\n"))
	return s, nil
}

// jsonUnclosed explains a JSON front matter, opened by the { on line
// openLine of data, that adrg/frontmatter found no end of, when the
// object does end: at a } that text follows on the next line, without the
// blank line between, or that is not alone on its line (QA 14 A-F14: a
// file said "not closed" of line 1 when its } was on line 7). The } is
// the one that ends the object when it is valid JSON, else the first
// line that is } alone. It is nil when there is no such }.
func jsonUnclosed(data []byte, openLine int) *fileProblem {
	start := 0
	for n := 1; n < openLine; n++ {
		start += bytes.IndexByte(data[start:], '\n') + 1
	}
	end := -1 // the offset of the }
	var raw json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data[start:]))
	if dec.Decode(&raw) == nil {
		end = start + int(dec.InputOffset()) - 1
	} else {
		for off := start; off < len(data); {
			l := data[off:]
			if i := bytes.IndexByte(l, '\n'); i >= 0 {
				l = l[:i]
			}
			if off > start && string(bytes.TrimRight(l, " \t")) == "}" {
				end = off
				break
			}
			off += len(l) + 1
		}
	}
	if end < 0 || end >= len(data) || data[end] != '}' {
		return nil
	}
	line, col := lineCol(data, end)
	text, _ := lineText(data, line)
	if strings.TrimSpace(text) != "}" {
		return &fileProblem{line: line, col: col, msg: "JSON front matter must close with } alone on its line, followed by a blank line; put this } on a line of its own"}
	}
	return &fileProblem{line: line, col: col, msg: "JSON front matter must close with } alone on its line, followed by a blank line; add a blank line after this }"}
}

// closedByDots explains a YAML front matter, opened on line openLine of
// data, that has no closing ---, when a line after it is "...": YAML's
// document end, with which Jekyll and Pandoc close front matter (QA 17
// A-F14: "not closed" was reported at line 1, the line to change not
// named). It is nil when there is no such line.
func closedByDots(data []byte, openLine int) *fileProblem {
	n := 0
	for l := range bytes.Lines(data) {
		n++
		if n > openLine && string(bytes.TrimRight(l, " \t\r\n")) == "..." {
			return &fileProblem{line: n, col: 1, msg: fmt.Sprintf("front matter opened at line %d ends with ... on this line; close the front matter with ---, not ...", openLine)}
		}
	}
	return nil
}

// errCaptured is what splitFrontMatter's unmarshal hook returns to stop
// adrg/frontmatter once it has the front matter.
var errCaptured = errors.New("front matter captured")

// lineReader reads data a line at a time: adrg/frontmatter copies all it
// reads into a buffer of its own, so splitFrontMatter stops it after the
// front matter and slices the body from data. Handing out lines rather
// than 4 KiB reads keeps the library from reading past the front matter.
type lineReader struct {
	data []byte
	off  int
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.off >= len(r.data) {
		return 0, io.EOF
	}
	line := r.data[r.off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.off += n
	return n, nil
}
