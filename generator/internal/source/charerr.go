package source

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// lookalike is a character an input method or a word processor types
// where front matter wants an ASCII one.
type lookalike struct {
	name string // "a full-width comma"
	want string // the character to write instead: ","
}

// lookalikes are the characters of lookalike, by character: the
// full-width forms a Japanese input method types while it is on (，：＝［］),
// the ideographic comma, corner brackets and curly quotes.
var lookalikes = map[rune]lookalike{
	'，':      {"a full-width comma", ","},
	'、':      {"an ideographic comma", ","},
	'：':      {"a full-width colon", ":"},
	'＝':      {"a full-width equals sign", "="},
	'．':      {"a full-width full stop", "."},
	'＃':      {"a full-width number sign", "#"},
	'＂':      {"a full-width quotation mark", `"`},
	'［':      {"a full-width bracket", "["},
	'］':      {"a full-width bracket", "]"},
	'｛':      {"a full-width brace", "{"},
	'｝':      {"a full-width brace", "}"},
	'「':      {"a corner bracket", `"`},
	'」':      {"a corner bracket", `"`},
	'\u201c': {"a curly quote", `"`},
	'\u201d': {"a curly quote", `"`},
	'\u2018': {"a curly quote", `"`},
	'\u2019': {"a curly quote", `"`},
	'\u201e': {"a curly quote", `"`},
	'«':      {"a guillemet", `"`},
	'»':      {"a guillemet", `"`},
}

// mangledChar matches how encoding/json ("'ï'") and go-toml ("U+00EF 'ï'")
// name a character they stopped at when it is not ASCII: as the first byte
// of its UTF-8 sequence read as a character of its own, which is not in
// the file. Group 1 is that byte as a character.
var mangledChar = regexp.MustCompile(`(?:U\+00[89A-F][0-9A-F] )?'([\x{80}-\x{FF}])'`)

// explainChar rewrites a TOML or JSON parser's syntax error e, at a line
// and byte column of data, that is about a character which is not ASCII:
// the character the parser names by its first byte ('ï' for '，', 'â' for
// '“', 'ã' for U+3000) is named as written, and a lookalike of the
// character the syntax wants (a full-width comma, colon or equals sign, a
// curly quote, a full-width space…) is explained with what to write
// instead. Other errors are returned as they are, their invisible
// characters spelled out (see visible).
func explainChar(data []byte, e *syntaxError) *syntaxError {
	out := *e
	out.msg = visible(out.msg)
	r, ok := errChar(data, e)
	if !ok {
		return &out
	}
	m := mangledChar.FindStringSubmatchIndex(e.msg)
	name, fix := describeChar(r)
	if m != nil {
		out.msg = e.msg[:m[0]] + name + e.msg[m[1]:]
	} else {
		out.msg = e.msg + ", not " + name
	}
	if r == '：' && strings.Contains(e.msg, "expected '=' after key") {
		// A key is set with '=' in TOML: the colon the lookalike
		// stands for is YAML's (review 14: it said "write ':'").
		lines := strings.Split(string(data), "\n")
		key, value, _ := strings.Cut(lines[e.line-1], "：")
		fix = "TOML sets a key with '=': write " + tomlSetting(strings.TrimSpace(key), strings.TrimSpace(value))
	}
	if fix == "" && strings.Contains(e.msg, "start of key") {
		fix = "in TOML, quote a key that has characters other than A-Z, a-z, 0-9, '_' and '-': \"キー\" = …"
	}
	if fix != "" {
		out.msg += "; " + fix
	}
	return &out
}

// errChar returns the character that is not ASCII which the syntax error
// e, at a line and byte column of data, is about (culprit), as explainChar
// names it; ok is false when e is about no such character.
func errChar(data []byte, e *syntaxError) (r rune, ok bool) {
	lines := strings.Split(string(data), "\n")
	if e.line < 1 || e.line > len(lines) {
		return 0, false
	}
	lead := -1
	if m := mangledChar.FindStringSubmatchIndex(e.msg); m != nil {
		r, _ := utf8.DecodeRuneInString(e.msg[m[2]:m[3]])
		lead = int(r)
	}
	return culprit(lines[e.line-1], e.col, lead)
}

// culprit finds the character a parser stopped at on the line text, at
// the 1-based byte column col: when the parser named it by its first byte
// lead (-1: it did not), the first character from col on (else from the
// start of the line) that starts with that byte; when it did not, a
// lookalike or odd space at col, after any ASCII spaces.
func culprit(text string, col, lead int) (rune, bool) {
	start := min(max(col-1, 0), len(text))
	for start > 0 && start < len(text) && !utf8.RuneStart(text[start]) {
		start--
	}
	if lead < 0 {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[start:], " \t"))
		_, look := lookalikes[r]
		return r, look || spaceName(r) != ""
	}
	for _, from := range []int{start, 0} {
		for _, r := range text[from:] {
			if r >= utf8.RuneSelf && int(string(r)[0]) == lead {
				return r, true
			}
		}
	}
	return 0, false
}

// describeChar names the character r for a message, with what to write
// instead when it is a lookalike of the ASCII character the syntax wants or
// a space the syntax does not take for one; fix is "" for other
// characters.
func describeChar(r rune) (name, fix string) {
	if l, ok := lookalikes[r]; ok {
		return fmt.Sprintf("'%c' (U+%04X, %s)", r, r, l.name), fmt.Sprintf("write '%s'", l.want)
	}
	if s := spaceName(r); s != "" {
		return fmt.Sprintf("U+%04X (a %s)", r, s), "replace it with a normal space"
	}
	return fmt.Sprintf("'%c' (U+%04X)", r, r), ""
}
