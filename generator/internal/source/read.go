package source

import (
	"bytes"
	"fmt"
	"unicode/utf8"
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
// mark removed and CRLF line ends turned into LF, so that every later line
// number matches what an editor shows. Valid text (nearly every file) is
// checked in one pass; the rune-by-rune scan that finds the line and column
// of a problem runs only when there is one.
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
	return data, nil
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

// fmDelims are the delimiters of each front-matter format: the opening
// line, the closing line, whether the delimiters belong to the data (JSON's
// braces do), and whether a blank line must follow the closing one (so a
// JSON body may start with a "}" line of its own).
var fmDelims = map[fmFormat]struct {
	open, close     string
	keepDelims      bool
	blankAfterClose bool
}{
	fmYAML: {"---", "---", false, false},
	fmTOML: {"+++", "+++", false, false},
	fmJSON: {"{", "}", true, true},
}

// lineReader hands out the lines of a text one at a time, each with its
// "\n", like bufio.Reader.ReadBytes('\n'): at the end it keeps returning
// the empty rest with atEOF set.
type lineReader struct {
	data []byte
	off  int // offset of the next line
}

// next returns the next line with white space trimmed (the way front
// matter compares delimiters), and whether it was the last one.
func (r *lineReader) next() (trimmed []byte, atEOF bool) {
	rest := r.data[r.off:]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		r.off = len(r.data)
		return bytes.TrimSpace(rest), true
	}
	r.off += i + 1
	return bytes.TrimSpace(rest[:i]), false
}

// splitFrontMatter cuts a file into its front matter (--- YAML ---,
// +++ TOML +++, or a JSON object closed by "}" and a blank line) and its
// body, with the line numbers of both, and reports a front matter that is
// opened but never closed. The delimiting follows adrg/frontmatter v0.2.0
// line for line (the first non-blank line opens, a line equal to the
// closing delimiter once trimmed closes; see TestSplitMatchesFrontmatter)
// without its copy of the whole file through a bufio.Reader and a
// bytes.Buffer, and it adds what that library leaves to its caller: line
// numbers, and an error rather than silently treating an unclosed front
// matter as body text.
func splitFrontMatter(data []byte) (split, *fileProblem) {
	var s split
	// The first non-blank line decides which format was opened.
	r := lineReader{data: data}
	openLine, openOff := 0, 0
	var first []byte
	atEOF := false
	for n := 1; ; n++ {
		off := r.off
		var t []byte
		t, atEOF = r.next()
		if len(t) > 0 {
			openLine, openOff, first = n, off, t
			break
		}
		if atEOF {
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
		s.body, s.bodyLine = data, 1
		return s, nil
	}
	s.openLine = openLine
	d := fmDelims[s.format]
	notClosed := func() (split, *fileProblem) {
		closing := map[fmFormat]string{fmYAML: "---", fmTOML: "+++", fmJSON: "} followed by a blank line"}[s.format]
		return s, &fileProblem{line: openLine, msg: fmt.Sprintf("front matter opened at line %d is not closed (expected a line with %s)", openLine, closing)}
	}
	// An opening line without a line end opens nothing.
	if atEOF {
		return notClosed()
	}
	start := r.off
	if d.keepDelims {
		start = openOff
	}
	for {
		end := r.off
		line, last := r.next()
		for string(line) == d.close && d.blankAfterClose {
			// The closing line counts only when a blank line (or the end
			// of the file) follows it; the line read instead is checked
			// as a candidate in its turn.
			next, nextLast := r.next()
			if len(next) == 0 {
				break
			}
			line, last = next, nextLast
		}
		if string(line) != d.close {
			if last {
				return notClosed()
			}
			continue
		}
		if d.keepDelims {
			end = r.off
		}
		s.data = data[start:end]
		s.body = data[r.off:]
		s.bodyLine = 1 + bytes.Count(data[:r.off], []byte("\n"))
		return s, nil
	}
}
