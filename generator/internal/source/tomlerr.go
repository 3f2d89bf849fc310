package source

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/pmkb/pmkb/generator/model"
)

// tomlSlip explains e, the syntax error go-toml found in the TOML text
// data (its words without their "toml: "), when it is one of the slips a
// person makes who writes YAML or forgets TOML's quotes (QA 14 A-F6): a
// list left open (reported at the line its [ opens, not where the parser
// gave up), a key set twice (both lines named), a key set with a colon
// as YAML does, and text not quoted. It is nil for any other error.
func tomlSlip(data []byte, e *syntaxError) *syntaxError {
	lines := strings.Split(string(data), "\n")
	at := func(line, col int, format string, args ...any) *syntaxError {
		return &syntaxError{line: line, col: col, msg: "invalid TOML: " + fmt.Sprintf(format, args...)}
	}
	if strings.Contains(e.msg, "array") || strings.Contains(e.msg, "at start of value") {
		if line, col, ok := tomlOpenList(lines, e.line); ok {
			return at(line, col, "the list opened at [%d:%d] is not closed; end it with ]", line, col)
		}
	}
	if strings.Contains(e.msg, "already defined") || strings.Contains(e.msg, "already exists") {
		var dup tomlDup
		tomlKeys(lines[:min(max(e.line, 0), len(lines))], &dup)
		switch {
		case dup.line != e.line:
		case dup.table:
			return at(e.line, 1, "duplicate table [%s] (first at [%d:1]); put its keys under one [%s]", dup.name, dup.first, dup.name)
		default:
			return at(e.line, 1, "duplicate key %q (first set at [%d:1])", dup.name, dup.first)
		}
	}
	if e.line < 1 || e.line > len(lines) {
		return nil
	}
	text := lines[e.line-1]
	if strings.Contains(e.msg, "expected '=' after key") {
		if m := tomlColonKey.FindStringSubmatch(text); m != nil {
			key, value := m[1], strings.TrimSpace(m[2])
			// Several such lines are YAML front matter between the +++
			// lines that open TOML: one change mends them all.
			yamlLines := 0
			for _, l := range lines {
				if tomlColonKey.MatchString(l) {
					yamlLines++
				}
			}
			col := strings.IndexByte(text, ':') + 1
			toYAML := "; if the front matter is YAML, open and close it with --- lines instead of +++"
			if value == "" || strings.HasPrefix(value, "#") {
				return at(e.line, col, "TOML sets a key with \"=\", not a colon (key: value is YAML)%s", toYAML)
			}
			if yamlLines < 2 {
				toYAML = ""
			}
			return at(e.line, col, "TOML sets a key with \"=\", not a colon (key: value is YAML); write %s%s", tomlSetting(key, value), toYAML)
		}
	}
	if hint := tomlBareItem(text, e); hint != nil {
		return hint
	}
	if strings.Contains(e.msg, "at start of value") || strings.Contains(e.msg, "expected newline but got") {
		if key, ok := tomlKeyOf(text); ok {
			start := strings.Index(text, key) + len(key)
			start += strings.IndexByte(text[start:], '=') + 1
			value := strings.TrimSpace(text[start:])
			if value != "" && !strings.ContainsRune(`"'[{`, rune(value[0])) {
				col := start + len(text[start:]) - len(strings.TrimLeft(text[start:], " \t")) + 1
				key = strings.Trim(key, `"'`)
				if w := writeDate(value); w != "" {
					return at(e.line, col, "a date is written YYYY-MM-DD in TOML; write %s = %s", key, strings.TrimPrefix(w, "; write "))
				}
				return at(e.line, col, "text is quoted in TOML; write %s", tomlSetting(key, value))
			}
		}
	}
	return nil
}

// tomlPlusInString explains e, go-toml's error about a multi-line string
// (in three double or three single quotes) not terminated in data, a
// TOML front matter, which body follows: the +++ line after data, which
// closed the front matter, is inside the string when body has its
// closing quotes, as in a pasted diff whose header is +++ (QA 19 A-F6:
// the author was told the string is not terminated, though it is, lines
// further down). The error is at the string's opening quotes and names
// the +++ line and how to write it: \u002B++, which a """ string reads as
// +++; without the closing quotes in body, that the string is not closed
// before that line. It is nil for any other error.
func tomlPlusInString(data, body []byte, e *syntaxError) *syntaxError {
	var quotes string
	switch {
	case strings.Contains(e.msg, "multiline basic string not terminated"):
		quotes = `"""`
	case strings.Contains(e.msg, "multiline literal string not terminated"):
		quotes = "'''"
	default:
		return nil
	}
	text := string(data)
	open := strings.LastIndex(text, quotes)
	if open < 0 {
		return nil
	}
	line := 1 + strings.Count(text[:open], "\n")
	col := open - strings.LastIndexByte(text[:open], '\n')
	plus := 1 + strings.Count(text, "\n")
	if !strings.HasSuffix(text, "\n") {
		plus++
	}
	if !bytes.Contains(body, []byte(quotes)) {
		return &syntaxError{line: line, col: col, msg: fmt.Sprintf("invalid TOML: this string is not closed before the +++ at [%d:1] that ends the front matter; end it with %s", plus, quotes)}
	}
	write := `write that line as \u002B++`
	if quotes != `"""` {
		write = `write the string with """ in place of ''' and that line as \u002B++`
	}
	return &syntaxError{line: line, col: col, msg: fmt.Sprintf("invalid TOML: the +++ at [%d:1] ends the front matter inside this string (a line of only +++ always closes a TOML front matter); %s, which TOML reads as +++", plus, write)}
}

// tomlBareItem explains e, at a line whose text is text, when it is an
// item of a list written without quotes, as YAML writes it ("systems =
// [checkout-api]"): with the line to write when the list is on the key's
// line, else with the item quoted.
func tomlBareItem(text string, e *syntaxError) *syntaxError {
	if !strings.Contains(e.msg, "at start of value") || e.col < 1 || e.col > len(text) {
		return nil
	}
	before := strings.TrimRight(text[:e.col-1], " \t")
	if before != "" && !strings.HasSuffix(before, "[") && !strings.HasSuffix(before, ",") {
		return nil
	}
	item := text[e.col-1:]
	if i := strings.IndexAny(item, ",]#"); i >= 0 {
		item = item[:i]
	}
	if item = strings.TrimSpace(item); item == "" {
		return nil
	}
	hint := &syntaxError{line: e.line, col: e.col, msg: "invalid TOML: text is quoted in TOML, in a list too; write " + strconv.Quote(item)}
	// A list on its key's line, of plain items (no list, table, comment
	// or quoted comma in it), is written whole.
	key, isKey := tomlKeyOf(text)
	pos, _ := tomlValueStart(text)
	value := strings.TrimSpace(text[min(pos, len(text)):])
	if !isKey || len(value) < 2 || value[0] != '[' || value[len(value)-1] != ']' || strings.ContainsAny(value[1:len(value)-1], "[]{}#") {
		return hint
	}
	var items []string
	for _, it := range strings.Split(value[1:len(value)-1], ",") {
		it = strings.TrimSpace(it)
		switch {
		case it == "":
		case !strings.ContainsAny(it, `"'`):
			items = append(items, strconv.Quote(it))
		case len(it) > 1 && (it[0] == '"' || it[0] == '\'') && it[len(it)-1] == it[0]:
			items = append(items, it)
		default:
			return hint
		}
	}
	hint.msg = fmt.Sprintf("invalid TOML: text is quoted in TOML, in a list too; write %s = [%s]", key, strings.Join(items, ", "))
	return hint
}

// tomlColonKey matches a TOML line that sets a key with a colon, as YAML
// does ("severity: SEV3"); group 1 is the key, group 2 the value.
var tomlColonKey = regexp.MustCompile(`^[ \t]*([A-Za-z0-9_-]+)[ \t]*:(?:[ \t]+(.*))?$`)

// tomlSetting is key set to value, written as YAML or as text that TOML
// does not read, as a TOML line writes it: the value as it is when it is
// a TOML value (a quoted string, a number, a date, a list), else quoted.
func tomlSetting(key, value string) string {
	var v map[string]any
	if toml.Unmarshal([]byte(key+" = "+value), &v) == nil {
		return key + " = " + value
	}
	return model.SyntaxTOML.Setting(key, strings.Trim(value, `"'`), model.TextValue)
}

// tomlOpenList finds the list (TOML array) that a syntax error at line n
// (1-based) is the doing of: one opened on line n or before and not
// closed before a later line sets a key, or the text ends. It returns the
// line and 1-based byte column of its [.
func tomlOpenList(lines []string, n int) (line, col int, ok bool) {
	for i := 0; i < len(lines) && i < n; i++ {
		pos, isKey := tomlValueStart(lines[i])
		if !isKey {
			continue
		}
		end, closed := tomlValueEnd(lines, i, pos, nil)
		if !closed && lines[i][pos] == '[' {
			return i + 1, pos + 1, true
		}
		i = end
	}
	return 0, 0, false
}

// tomlValueStart returns the byte offset of the value of the key line l,
// after its = and any spaces; isKey is false when l sets no key or has no
// value.
func tomlValueStart(l string) (pos int, isKey bool) {
	key, ok := tomlKeyOf(l)
	if !ok {
		return 0, false
	}
	return tomlValueAfter(l, key)
}

// tomlValueAfter is tomlValueStart of a line that sets key.
func tomlValueAfter(l, key string) (pos int, ok bool) {
	pos = strings.Index(l, key) + len(key)
	pos += strings.IndexByte(l[pos:], '=') + 1
	for pos < len(l) && (l[pos] == ' ' || l[pos] == '\t') {
		pos++
	}
	return pos, pos < len(l)
}

// tomlValueEnd follows the TOML value that starts at byte pos of
// lines[i] (a list, an inline table, a string, over as many lines as it
// takes) and returns the index of its last line. closed is false when it
// does not end: a line that sets a key comes while a list is open (end is
// then the line before it), or the text ends first. item, when not nil,
// is called with the index and the line index of each item of a list at
// its top level.
func tomlValueEnd(lines []string, i, pos int, item func(n, line int)) (end int, closed bool) {
	depth, n := 0, 0
	list := pos < len(lines[i]) && lines[i][pos] == '['
	expect := false // at the list's top level, after its [ or a comma
	multi := ""     // the delimiter of an open multi-line string
	start := func(li int) {
		if list && expect && depth == 1 {
			if item != nil {
				item(n, li)
			}
			n++
			expect = false
		}
	}
	for li := i; li < len(lines); li++ {
		l := lines[li]
		p := 0
		if li == i {
			p = pos
		} else if multi == "" && depth > 0 {
			if _, isKey := tomlKeyOf(l); isKey {
				return li - 1, false
			}
		}
		for p < len(l) {
			if multi != "" {
				j := strings.Index(l[p:], multi)
				for j > 0 && multi == `"""` && l[p+j-1] == '\\' {
					k := strings.Index(l[p+j+1:], multi)
					if k < 0 {
						j = -1
						break
					}
					j += k + 1
				}
				if j < 0 {
					p = len(l)
					break
				}
				p += j + 3
				multi = ""
				if depth == 0 {
					return li, true
				}
				continue
			}
			switch c := l[p]; {
			case c == ' ' || c == '\t' || c == '\r':
			case c == '#':
				p = len(l)
				continue
			case strings.HasPrefix(l[p:], `"""`) || strings.HasPrefix(l[p:], `'''`):
				start(li)
				multi = l[p : p+3]
				p += 3
				continue
			case c == '"' || c == '\'':
				start(li)
				q := p + 1
				for q < len(l) && l[q] != c {
					if c == '"' && l[q] == '\\' {
						q++
					}
					q++
				}
				p = q + 1
				if depth == 0 {
					return li, true
				}
				continue
			case c == '[' || c == '{':
				start(li)
				depth++
				expect = depth == 1
			case c == ']' || c == '}':
				if depth--; depth <= 0 {
					return li, true
				}
			case c == ',':
				expect = depth == 1
			default:
				if depth == 0 {
					return li, true // a number, a date, a bool: one line
				}
				start(li)
			}
			p++
		}
		if depth == 0 && multi == "" {
			return li, true
		}
	}
	return len(lines) - 1, false
}
