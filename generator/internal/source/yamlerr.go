package source

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// mendYAML turns a YAML parser's syntax error into one a person can act
// on, by reading the raw front matter around it. It recognises the slips
// copy-pasted text brings: a list or mapping whose [ or { is never closed
// (reported at the line it opened on, not where the parser gave up), a
// quote left open, a ": " inside a plain value, a value of text that
// starts with a character YAML reads as syntax ("[SEV1] …", "@channel …"),
// curly quotes, a no-break or ideographic space where YAML wants a space,
// a full-width colon after a key, and a tab in the indentation.
// Anything else keeps the parser's message. Lines other than the error's
// are written as "at [line:col]", which callers turn into file lines.
// Invisible characters in the message are shown as <TAB> or <U+00A0>.
//
// It also says whether e is a slip it knows (known) and returns data with
// the slip mended when it is one a line can be mended of without a guess:
// a ": " inside a plain value, curly quotes or a value that starts with
// such a character (the value quoted), a quote
// or a list or mapping left open on its line (closed at the line's end).
// mended is nil otherwise; it has the lines of data, so later errors keep
// their lines.
func mendYAML(data []byte, e *syntaxError) (out *syntaxError, known bool, mended []byte) {
	lines := strings.Split(string(data), "\n")
	explained := *e
	hint, fix := explainYAMLAt(lines, e)
	if hint != nil {
		explained = *hint
	}
	explained.msg = visible(explained.msg)
	if fix != nil && fix.line >= 1 && fix.line <= len(lines) {
		lines[fix.line-1] = fix.text
		mended = []byte(strings.Join(lines, "\n"))
	}
	return &explained, hint != nil, mended
}

// lineFix is a line's text with a slip mended.
type lineFix struct {
	line int
	text string
}

// closeLine is the fix that ends line n of lines with closer, or nil
// when the line has a comment the closer would land in.
func closeLine(lines []string, n int, closer rune) *lineFix {
	if n < 1 || n > len(lines) || strings.Contains(lines[n-1], "#") {
		return nil
	}
	return &lineFix{n, strings.TrimRight(lines[n-1], " \t\r") + string(closer)}
}

// explainYAMLAt explains e (nil when it is no slip it knows), with the
// fix of the line when the slip is one mendYAML mends.
func explainYAMLAt(lines []string, e *syntaxError) (*syntaxError, *lineFix) {
	text := ""
	if e.line >= 1 && e.line <= len(lines) {
		text = lines[e.line-1]
	}
	spans := scanYAMLSpans(lines)
	inside := insideSpans(spans, len(lines))
	// at is the explanation at line and byte column col (0: unknown).
	at := func(line, col int, format string, args ...any) *syntaxError {
		return &syntaxError{line: line, col: col, msg: "invalid YAML: " + fmt.Sprintf(format, args...)}
	}
	if indent := leadingSpace(text); strings.ContainsRune(indent, '\t') {
		return at(e.line, strings.IndexByte(text, '\t')+1, "this line is indented with a tab; indent with spaces, not tabs"), nil
	}
	// The parser stops at the line with the full-width colon or, when that
	// is the document's first key or the parser then finds a mapping value
	// it did not expect, at the line after it. Only then is the line before
	// looked at: a valid "- step1：…" item above another slip is not to blame.
	candidates := []int{e.line}
	if e.line-1 == firstContentLine(lines) || strings.Contains(e.msg, "mapping value") {
		candidates = append(candidates, e.line-1)
	}
	for _, n := range candidates {
		if n >= 1 && n <= len(lines) {
			if key, value, ok := fullWidthColonKey(lines[n-1]); ok {
				return at(n, strings.Index(lines[n-1], "：")+1, "a full-width colon '：' (U+FF1A) after the key %s, which YAML does not read as a colon; write %q", key, strings.TrimRight(key+": "+shortValue(value), " ")), nil
			}
		}
	}
	if col, r, ok := oddSpace(text); ok {
		return at(e.line, col+1, "a %s (U+%04X) %s; replace it with a normal space", spaceName(r), r, oddSpacePlace(text, col)), nil
	}
	if hint, fix := keySlip(lines, e.line, spans); hint != nil {
		return hint, fix
	}
	if strings.Contains(e.msg, "could not find end character of") {
		for _, s := range spans {
			if s.kind == spanQuote && s.open == e.line {
				return at(e.line, s.openCol, "unterminated quoted string: the %c that opens this value is never closed; add the closing %c", s.char, s.char), closeLine(lines, e.line, s.char)
			}
		}
		return at(e.line, 0, "unterminated quoted string; add the closing quote"), nil
	}
	// A quote left open on its line runs on to the next quote of the same
	// kind, usually the one that opens a later value, and the parser fails
	// right after it.
	for _, s := range spans {
		if s.kind == spanQuote && s.open < e.line && (s.close == e.line || s.close == e.line-1) {
			return at(s.open, s.openCol, "unterminated quoted string: the %c that opens this value is not closed on its line, so YAML reads on to the %c at [%d:%d]; add the closing %c", s.char, s.char, s.close, s.closeCol, s.char), closeLine(lines, s.open, s.char)
		}
	}
	if strings.Contains(e.msg, "']'") || strings.Contains(e.msg, "'}'") || strings.Contains(e.msg, "flow map content") {
		// The parser ran out of input inside a list or mapping: opened on
		// this line, the front matter's last, and never closed.
		atEnd := strings.Contains(e.msg, "not found") || strings.Contains(e.msg, "flow map content")
		var open *yamlSpan
		for i, s := range spans {
			// One opened on an earlier line and not closed before this
			// one, or on this line at the end of the input.
			if s.kind == spanFlow && (s.open < e.line && (s.close == 0 || s.close >= e.line) || atEnd && s.open == e.line && s.close == 0) {
				open = &spans[i]
			}
		}
		if open != nil {
			if open.char == '[' && open.close == 0 {
				// QA 14 A-F5: "[checkout-api］", closed by an input
				// method's full-width bracket.
				if l := lines[open.open-1]; strings.Contains(l[open.openCol:], "］") {
					return at(open.open, open.openCol+strings.Index(l[open.openCol:], "］")+1, "the list opened at [%d:%d] is not closed: '］' (U+FF3D) is a full-width bracket, which YAML does not read as one; write ]", open.open, open.openCol), &lineFix{open.open, strings.Replace(l, "］", "]", 1)}
				}
				if col, fixed, item, ok := flowComment(lines[open.open-1], open.openCol); ok {
					return at(open.open, col, "the list opened at [%d:%d] is not closed: its \" #\" starts a YAML comment, which hides the rest of the line, ] included; quote the item: %s", open.open, open.openCol, quoteYAML(shortValue(item))), &lineFix{open.open, fixed}
				}
			}
			what, end := "list", ']'
			if open.char == '{' {
				what, end = "mapping", '}'
			}
			var fix *lineFix
			if open.close == 0 {
				fix = closeLine(lines, open.open, end)
			}
			return at(open.open, open.openCol, "the %s opened at [%d:%d] is not closed; end it with %c", what, open.open, open.openCol, end), fix
		}
	}
	// goccy/go-yaml says "tab character cannot use as a map key directly"
	// of "title: <TAB>決済停止: x", a ": " inside a value after a tab.
	if strings.Contains(e.msg, "mapping value") || strings.Contains(e.msg, "tab character") {
		if key, value, ok := keyValue(text); ok {
			// Both slips are mended by quoting the value: all of it, a
			// " #…" too, which in text is more often a ticket or channel
			// number than a comment.
			value = strings.TrimSpace(text[strings.Index(text, key+": ")+len(key)+2:])
			fix := &lineFix{e.line, text[:strings.Index(text, key+": ")] + key + ": " + quoteYAML(value)}
			col := strings.Index(text, key+": ") + len(key) + 2
			col += len(text[col:]) - len(strings.TrimLeft(text[col:], " ")) + 1 // the value's first byte
			if r, _ := utf8.DecodeRuneInString(value); strings.ContainsRune("\u201c\u201d\u2018\u2019\u201e\u00ab\u300c", r) {
				return at(e.line, col, "curly quotes do not quote in YAML; use straight quotes around the whole value: %s: %s", key, quoteYAML(shortValue(value))), fix
			}
			if strings.Contains(value, ": ") || strings.HasSuffix(value, ":") {
				if i := strings.IndexByte(text[col-1:], ':'); i >= 0 {
					col += i // the colon inside the value
				}
				return at(e.line, col, "a \": \" inside a value starts a new key; quote the value: %s: %s", key, quoteYAML(shortValue(value))), fix
			}
		}
	}
	// yaml.v3 places some of these a line off (goccy/go-yaml accepts
	// "&nbsp; in emails").
	for _, n := range []int{e.line, e.line + 1, e.line - 1} {
		if hint, fix := indicatorSlip(lines, n, inside); hint != nil {
			return hint, fix
		}
	}
	if strings.Contains(e.msg, "not allowed in this context") {
		if have, want, ok := misindented(lines, e.line); ok {
			return at(e.line, have+1, "this line is indented %s and the key above it %d; keys of one mapping must line up", spaces(have), want), nil
		}
		if n, key, ok := keyUnderValue(lines, e.line); ok && (strings.Contains(e.msg, "mapping value") || strings.Contains(e.msg, "key-value")) {
			return at(n, len(leadingSpace(lines[n-1]))+1, "this line is indented %s, deeper than %q above it, which already has a value; if this is a key, line it up with %q; if it is more of %q's text, quote the whole value", spaces(len(leadingSpace(lines[n-1]))), key, key, key), nil
		}
	}
	// Some errors have no line ("unknown anchor 'all' referenced", of
	// "*all* requests failed"): the first line with the slip is the one.
	for n := range lines {
		if hint, fix := indicatorSlip(lines, n+1, inside); hint != nil {
			return hint, fix
		}
	}
	return nil, nil
}

// flowComment finds, on line, the item of the list whose [ is at the
// 1-based byte column openCol with a " #" that starts a comment, hiding
// the rest of the line and the list's ] ("tags: [outage, PR #123]"). It
// returns the column of the #, the line with the item quoted and the
// item; ok is false when there is no such comment or the line, with the
// item quoted, does not parse.
func flowComment(line string, openCol int) (col int, fixed, item string, ok bool) {
	hash, quote := -1, byte(0)
	for i := openCol; i < len(line) && hash < 0; i++ {
		switch c := line[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (line[i-1] == ' ' || line[i-1] == '\t'):
			hash = i
		}
	}
	if hash < 0 {
		return 0, "", "", false
	}
	start := strings.LastIndexAny(line[:hash], "[,") + 1
	end := len(strings.TrimRight(line, " \t"))
	if i := strings.IndexAny(line[hash:], ",]"); i >= 0 {
		end = hash + i
	}
	item = strings.TrimSpace(line[start:end])
	lead := line[start : start+len(line[start:])-len(strings.TrimLeft(line[start:], " \t"))]
	fixed = line[:start] + lead + quoteYAML(item) + line[end:]
	var doc yaml.Node
	if yaml.Unmarshal([]byte(strings.TrimLeft(fixed, " ")), &doc) != nil {
		return 0, "", "", false
	}
	return hash + 1, fixed, item, true
}

// startIndicators are the characters that YAML reads as syntax at the
// start of a plain value, each with what it reads it as.
var startIndicators = map[byte]string{
	'[': "the start of a list", '{': "the start of a mapping",
	'"': "", '\'': "", // a quoted value, which must end at its closing quote
	'`': "a reserved character", '@': "a reserved character",
	'*': "an alias", '&': "an anchor", '!': "a tag", '%': "a directive",
	'>': "the start of a folded block of text", '|': "the start of a literal block of text",
}

// listFields are the contract's fields whose value is a list: "[a, b]
// c" in one of them is no text to quote.
var listFields = map[string]bool{"systems": true, "teams": true, "causes": true, "authors": true, "tags": true, "related": true}

// indicatorSlip explains line n (1-based) when it is the slip of a value
// written as text that starts with one of startIndicators ("title: [SEV1]
// Checkout API down", "- @channel all requests failed", "title:
// "Checkout" returned 500 again"), with the fix that quotes the value:
// the line, without its indentation, does not parse and does once the
// value is quoted. A list or mapping, or a quoted value, that ends where
// the value does is no such slip, nor is a line inside a quoted value, a
// flow collection or a block scalar that spans lines and ends (inside,
// of insideSpans).
func indicatorSlip(lines []string, n int, inside []bool) (*syntaxError, *lineFix) {
	if n < 1 || n > len(lines) || inside[n] {
		return nil, nil
	}
	text := lines[n-1]
	pos, ok := valueStart(text)
	if !ok {
		return nil, nil
	}
	lead := text[len(leadingSpace(text)):pos]
	key, _, _ := strings.Cut(strings.TrimLeft(lead, "- "), ":")
	value := strings.TrimRight(text[pos:], " \t")
	if value == "" || lead == "" {
		return nil, nil
	}
	c := value[0]
	why, indicator := startIndicators[c]
	if !indicator {
		return nil, nil
	}
	switch c {
	case '[', '{':
		end := flowEnd(value)
		if end < 0 || listFields[key] || !textAfter(value[end:]) {
			return nil, nil
		}
	case '"', '\'':
		end := quoteEnd(value)
		if end < 0 || !textAfter(value[end:]) {
			return nil, nil
		}
	}
	var doc yaml.Node
	mended := lead + quoteYAML(value)
	if yaml.Unmarshal([]byte(lead+value), &doc) == nil || yaml.Unmarshal([]byte(mended), &doc) != nil {
		return nil, nil
	}
	what, quoted := fmt.Sprintf("'%c'", c), "quoted"
	switch c {
	case '"':
		what = "a double quote"
	case '\'':
		what = "a single quote"
	}
	if why == "" {
		why, quoted = "YAML ends the value at the closing quote", "quoted whole"
	} else {
		why = fmt.Sprintf("YAML reads %s as %s", what, why)
	}
	e := &syntaxError{line: n, col: pos + 1, msg: fmt.Sprintf("invalid YAML: a value that starts with %s must be %s (%s); write %s%s", what, quoted, why, lead, quoteYAML(shortValue(value)))}
	return e, &lineFix{n, text[:pos-len(lead)] + mended}
}

// insideSpans marks the lines (1-based, of lines in all) inside one of
// spans that spans lines and ends: those after the line it opens on, to
// the one it closes on. One never closed says nothing of the lines after
// it. It is what indicatorSlip asks of each line, answered for all lines
// at once: asked of each span for each line, explaining an error with no
// line took 51 s in a front matter of 80,000 one-line lists (QA 15 A-F1).
func insideSpans(spans []yamlSpan, lines int) []bool {
	starts := make([]int, lines+2) // spans starting at a line, less those ended before it
	for _, s := range spans {
		if s.open >= 1 && s.close > s.open {
			starts[s.open+1]++
			starts[min(s.close, lines)+1]--
		}
	}
	inside := make([]bool, lines+1)
	open := 0
	for n := 1; n <= lines; n++ {
		open += starts[n]
		inside[n] = open > 0
	}
	return inside
}

// yamlKeyNoSpace matches a block line's text after its indentation and
// list dashes that is a key with no space after its colon
// ("severity:SEV3"), and yamlKeyEquals one set with = as TOML does
// ("date = 2024-11-08"); group 1 is the key, group 2 the value.
var (
	yamlKeyNoSpace = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*):(\S.*)$`)
	yamlKeyEquals  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*)$`)
)

// keySlip explains line n (1-based), where the parser stopped, when it is
// one of three slips of a key (QA 14 A-F4): a list item among the keys of
// a mapping, under a key that already has a value ("status: draft" then
// "- stray: item"), a key with no space after its colon ("severity:SEV3",
// which YAML reads as text), or a key set with = as TOML does ("date =
// 2024-11-08"). Each is answered with the line to write, and the fix that
// mends it for the next slip: the space added, the colon written, the
// item's dash (or, for an item of a list above, the line) taken out.
func keySlip(lines []string, n int, spans []yamlSpan) (*syntaxError, *lineFix) {
	if n < 1 || n > len(lines) {
		return nil, nil
	}
	for _, s := range spans {
		if s.open < n && (s.close == 0 || s.close >= n) {
			return nil, nil // text inside a value
		}
	}
	text := strings.TrimRight(lines[n-1], " \t")
	indent := len(leadingSpace(text))
	body := text[indent:]
	for strings.HasPrefix(body, "- ") {
		body = strings.TrimLeft(body[2:], " ")
	}
	dash := len(text) - len(body) // the byte offset of body
	at := func(col int, format string, args ...any) *syntaxError {
		return &syntaxError{line: n, col: col, msg: "invalid YAML: " + fmt.Sprintf(format, args...)}
	}
	if dash > indent {
		if hint, fix := strayItem(lines, n, at(indent+1, "")); hint != nil {
			return hint, fix
		}
	}
	if m := yamlKeyNoSpace.FindStringSubmatch(body); m != nil && !strings.HasPrefix(m[2], "//") {
		key, value := m[1], m[2]
		setting, fixed := keySetting(key, value)
		return at(dash+len(key)+2, "no space after the colon of the key %s, so YAML reads the line as text, not as a key; write %s", key, writeLine(setting)),
			&lineFix{n, text[:dash] + fixed}
	}
	if m := yamlKeyEquals.FindStringSubmatch(body); m != nil {
		key, value := m[1], m[2]
		setting, fixed := keySetting(key, value)
		e := at(dash+strings.IndexByte(body, '=')+1, "YAML sets a key with a colon, not \"=\" (key = value is TOML); write %s", writeLine(setting))
		// Several such lines are TOML front matter between the ---
		// lines that open YAML: one change mends them all.
		tomlLines := 0
		for _, l := range lines {
			if yamlKeyEquals.MatchString(strings.TrimLeft(l, " ")) {
				tomlLines++
			}
		}
		if tomlLines > 1 {
			e.msg += "; if the front matter is TOML, open and close it with +++ lines instead of ---"
			return e, nil
		}
		return e, &lineFix{n, text[:dash] + fixed}
	}
	return nil, nil
}

// keySetting is key set to value as a YAML line writes it: "key: value",
// or with the value quoted when that line would not parse. setting is it
// as a message shows it (a long value cut), fixed in full.
func keySetting(key, value string) (setting, fixed string) {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(key+": "+value), &doc) != nil {
		return key + ": " + quoteYAML(shortValue(value)), key + ": " + quoteYAML(value)
	}
	return strings.TrimRight(key+": "+shortValue(value), " "), key + ": " + value
}

// writeLine is a line for a message to say "write …" of: in double
// quotes, as "severity: SEV3", unless it has a double quote of its own
// (title: "[SEV1] down"), which the quotes would have to escape.
func writeLine(l string) string {
	if strings.Contains(l, `"`) {
		return l
	}
	return `"` + l + `"`
}

// strayItem explains line n, a list item ("- …"), when it stands among the
// keys of a mapping under a key that already has a value, so that it
// belongs to no list; e has the line and column. An item that is a key and
// its value ("- stray: item") is the key with a dash too many; an item
// after a one-line list ("systems: [checkout-api]") or a list field's
// single value ("causes: dns") belongs in that list, written with it;
// any other item is told it belongs to no list. Each is mended for the
// next slip: the dash taken out, or the item's line emptied.
func strayItem(lines []string, n int, e *syntaxError) (*syntaxError, *lineFix) {
	text := lines[n-1]
	indent := len(leadingSpace(text))
	p := n - 2
	for p >= 0 && (strings.TrimSpace(lines[p]) == "" || strings.HasPrefix(strings.TrimSpace(lines[p]), "#")) {
		p--
	}
	if p < 0 || len(leadingSpace(lines[p])) != indent || strings.HasPrefix(strings.TrimSpace(lines[p]), "-") {
		return nil, nil
	}
	// "causes: 　" (an input method's space) is a key with a value of
	// text, not the key of the list below: the space is the slip.
	if col, r, ok := oddSpace(lines[p]); ok {
		return &syntaxError{line: p + 1, col: col + 1, msg: fmt.Sprintf("invalid YAML: a %s (U+%04X) %s; replace it with a normal space", spaceName(r), r, oddSpacePlace(lines[p], col))}, nil
	}
	key, value, ok := keyValue(lines[p])
	if !ok {
		return nil, nil
	}
	item := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), "-"))
	if i := strings.Index(item, " #"); i >= 0 {
		item = strings.TrimSpace(item[:i])
	}
	if k, v, isKey := keyValue(item); isKey || strings.HasSuffix(item, ":") && asciiKey.MatchString(strings.TrimSuffix(item, ":")) {
		if !isKey {
			k, v = strings.TrimSuffix(item, ":"), ""
		}
		setting, _ := keySetting(k, v)
		e.msg = fmt.Sprintf("invalid YAML: a list item among the keys, under %s, which already has a value; if %s is a key, remove the \"- \": write %s", key, k, writeLine(setting))
		return e, &lineFix{n, text[:indent] + strings.TrimLeft(strings.TrimSpace(text)[1:], " ")}
	}
	// Only plain items join the list: not a list or mapping inside it,
	// nor a list left open.
	var items []string
	switch {
	case strings.HasPrefix(value, "[") && flowEnd(value) == len(value) && !strings.ContainsAny(value[1:len(value)-1], "[]{}"):
		inner := strings.TrimSpace(value[1 : len(value)-1])
		if inner != "" {
			items = append(items, inner)
		}
	case listFields[key] && !strings.ContainsAny(value[:1], "[{\"'"):
		items = append(items, value)
	default:
		e.msg = fmt.Sprintf("invalid YAML: a list item among the keys, under %s, which already has a value, so the item belongs to no list; move it under the key of its list, or remove it", key)
		return e, &lineFix{n, ""}
	}
	if item == "" {
		return nil, nil
	}
	items = append(items, item)
	list := fmt.Sprintf("%s: [%s]", key, strings.Join(items, ", "))
	e.msg = fmt.Sprintf("invalid YAML: a list item under %s, which already has a value (%s); add the item to that list: write %s", key, value, writeLine(list))
	return e, &lineFix{n, ""}
}

// textAfter reports whether rest, what follows a list, mapping or quoted
// value at the start of a value, is text that goes on with it (" returned
// 500"), not a separator, a bracket or a comment.
func textAfter(rest string) bool {
	t := strings.TrimLeft(rest, " \t")
	return t != "" && !strings.ContainsRune(",:]}#", rune(t[0]))
}

// flowEnd returns the offset just after the ] or } that closes the list or
// mapping v starts with, or -1 when v does not close it.
func flowEnd(v string) int {
	depth := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				return i + 1
			}
		case '"', '\'':
			end := quoteEnd(v[i:])
			if end < 0 {
				return -1
			}
			i += end - 1
		}
	}
	return -1
}

// quoteEnd returns the offset just after the quote that closes the quoted
// scalar v starts with (v[0] is " or '), or -1 when v does not close it.
func quoteEnd(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i + 1
		}
	}
	return -1
}

// spaces says "1 space" or "n spaces".
func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

// keyUnderValue finds the slip of a key indented under a key that already
// has a value. The parser reports it at the key line itself (after a quoted
// value), or at the line of the value it reads on into (after a plain
// value, the indented line is more of that value); either way, it returns
// the indented "key: …" line (1-based) and the key above it.
func keyUnderValue(lines []string, n int) (int, string, bool) {
	if n < 1 || n > len(lines) {
		return 0, "", false
	}
	if key, _, ok := keyValue(lines[n-1]); ok {
		// The parser's line has a value: the slip is the first deeper
		// line under it, if that is a key.
		indent := keyIndent(lines[n-1])
		for i := n; i < len(lines); i++ {
			t := strings.TrimSpace(lines[i])
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			if len(leadingSpace(lines[i])) > indent && isKeyLine(t) {
				return i + 1, key, true
			}
			break
		}
	}
	// The parser's line is the deeper key: the key above has a value.
	if !isKeyLine(strings.TrimSpace(lines[n-1])) {
		return 0, "", false
	}
	for i := n - 2; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if key, _, ok := keyValue(lines[i]); ok && keyIndent(lines[i]) < len(leadingSpace(lines[n-1])) {
			return n, key, true
		}
		break
	}
	return 0, "", false
}

// keyIndent is the column of the key on a block line, after any list
// dashes: 4 for "  - title: x".
func keyIndent(l string) int {
	n := len(leadingSpace(l))
	for strings.HasPrefix(l[n:], "- ") {
		n += 2
		for n < len(l) && l[n] == ' ' {
			n++
		}
	}
	return n
}

// isKeyLine reports whether a trimmed block line is "key: value" or "key:"
// (not a list item).
func isKeyLine(t string) bool {
	if strings.HasPrefix(t, "- ") {
		return false
	}
	_, _, ok := keyValue(t)
	return ok || (strings.HasSuffix(t, ":") && !strings.ContainsAny(t, "\"'[{#"))
}

// misindented reports whether line n (1-based) is a "key: value" line
// indented differently from the key on the closest line above it that has
// one, when the two are within one indent step: the slip of a key typed
// one space off.
func misindented(lines []string, n int) (have, want int, ok bool) {
	if n < 2 || n > len(lines) {
		return 0, 0, false
	}
	l := lines[n-1]
	if _, _, isKey := keyValue(l); !isKey && !strings.HasSuffix(strings.TrimSpace(l), ":") {
		return 0, 0, false
	}
	if strings.HasPrefix(strings.TrimSpace(l), "- ") {
		return 0, 0, false
	}
	have = len(leadingSpace(l))
	for i := n - 2; i >= 0; i-- {
		p := lines[i]
		t := strings.TrimSpace(p)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		want = keyIndent(p)
		return have, want, have != want && have > 0 && have-want < 2 && want-have < 2
	}
	return 0, 0, false
}

// spanKind says what a yamlSpan is.
type spanKind int

const (
	spanQuote spanKind = iota // a quoted scalar that spans lines (or never closes)
	spanFlow                  // a flow list [..] or mapping {..}
	spanBlock                 // a block scalar (| or >): its header's line to its last
)

// yamlSpan is a quoted scalar or a flow collection in raw YAML text, with
// the 1-based line and column it opens and closes at (close 0: never).
type yamlSpan struct {
	kind            spanKind
	char            rune
	open, openCol   int
	close, closeCol int
}

// scanYAMLSpans finds, roughly, the quoted scalars that run over more than
// one line, the flow collections and the block scalars (| and >) of a YAML
// text: enough to say where an unclosed quote or bracket began, and which
// lines are text inside a value, not a parser. Comments are skipped.
func scanYAMLSpans(lines []string) []yamlSpan {
	var spans []yamlSpan
	var flows []int // indexes into spans of the open flow collections
	quote := -1     // index into spans of the open quoted scalar, or -1
	blockIndent := -1
	for i, l := range lines {
		line := i + 1
		if blockIndent >= 0 {
			if strings.TrimSpace(l) == "" || len(leadingSpace(l)) > blockIndent {
				spans[len(spans)-1].close = line
				continue
			}
			blockIndent = -1
		}
		pos := 0
		if quote < 0 && len(flows) == 0 {
			v, ok := valueStart(l)
			if !ok {
				continue
			}
			pos = v
			switch l[pos] {
			case '|', '>':
				blockIndent = len(leadingSpace(l))
				spans = append(spans, yamlSpan{kind: spanBlock, char: rune(l[pos]), open: line, openCol: pos + 1, close: line})
				continue
			case '"', '\'', '[', '{':
			default:
				continue
			}
		}
		prev := byte(' ')
		for pos < len(l) {
			c := l[pos]
			if quote >= 0 {
				q := &spans[quote]
				switch {
				case q.char == '"' && c == '\\':
					pos++
				case q.char == '\'' && c == '\'' && pos+1 < len(l) && l[pos+1] == '\'':
					pos++
				case rune(c) == q.char:
					q.close, q.closeCol = line, pos+1
					if q.open == line {
						spans = spans[:quote] // closed on its own line: not interesting
					}
					quote = -1
					if len(flows) == 0 {
						pos = len(l) // the rest of a block value is not scanned
					}
				}
				pos++
				prev = c
				continue
			}
			switch {
			case c == '#' && (prev == ' ' || prev == '\t' || pos == 0):
				pos = len(l)
				continue
			case (c == '"' || c == '\'') && strings.IndexByte("[{,: \t", prev) >= 0:
				quote = len(spans)
				spans = append(spans, yamlSpan{kind: spanQuote, char: rune(c), open: line, openCol: pos + 1})
			case c == '[' || c == '{':
				flows = append(flows, len(spans))
				spans = append(spans, yamlSpan{kind: spanFlow, char: rune(c), open: line, openCol: pos + 1})
			case (c == ']' || c == '}') && len(flows) > 0:
				s := &spans[flows[len(flows)-1]]
				s.close, s.closeCol = line, pos+1
				flows = flows[:len(flows)-1]
				if len(flows) == 0 {
					pos = len(l)
					continue
				}
			}
			prev = c
			pos++
		}
	}
	return spans
}

// valueStart returns the byte offset of the value on a block line ("key:
// value", "- value", "- key: value"), skipping indentation, list dashes and
// the key; ok is false for blank lines, comments and lines without a value.
func valueStart(l string) (int, bool) {
	pos := len(leadingSpace(l))
	for strings.HasPrefix(l[pos:], "- ") {
		pos += 2
		for pos < len(l) && l[pos] == ' ' {
			pos++
		}
	}
	if pos >= len(l) || l[pos] == '#' {
		return 0, false
	}
	if c := l[pos]; c != '"' && c != '\'' && c != '[' && c != '{' {
		if k := strings.Index(l[pos:], ": "); k >= 0 {
			pos += k + 2
			for pos < len(l) && l[pos] == ' ' {
				pos++
			}
		}
	}
	return pos, pos < len(l)
}

// keyValue splits a block line "  - key: value" into its key and its value
// (trimmed, without a trailing comment); ok is false when the value is
// empty, spaces YAML does not read as spaces (U+3000) included.
func keyValue(l string) (key, value string, ok bool) {
	s := strings.TrimSpace(l)
	for strings.HasPrefix(s, "- ") {
		s = strings.TrimSpace(s[2:])
	}
	key, value, ok = strings.Cut(s, ": ")
	if !ok || key == "" || strings.ContainsAny(key, "\"'[{#") {
		return "", "", false
	}
	if i := strings.Index(value, " #"); i >= 0 {
		value = value[:i]
	}
	value = strings.TrimSpace(value)
	return key, value, value != ""
}

// firstContentLine returns the 1-based number of the first line that is
// neither blank nor a comment, 0 if there is none.
func firstContentLine(lines []string) int {
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") && t != "---" {
			return i + 1
		}
	}
	return 0
}

// fullWidthColonKey reports whether the block line l is a "key： value"
// line with a full-width colon, what a Japanese input method types, after
// a key of ASCII letters (front-matter keys are: a full-width colon in
// Japanese text is not taken for one), and returns its key and value.
func fullWidthColonKey(l string) (key, value string, ok bool) {
	s := strings.TrimSpace(l)
	for strings.HasPrefix(s, "- ") {
		s = strings.TrimSpace(s[2:])
	}
	key, value, ok = strings.Cut(s, "：")
	key = strings.TrimRight(key, " ")
	if !ok || !asciiKey.MatchString(key) {
		return "", "", false
	}
	return key, strings.TrimLeft(value, " \u3000"), true
}

// asciiKey matches a front-matter key: action_items, customer-ticket.
var asciiKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// shortValue is v as a message shows it: its first 60 characters and "…"
// when it is longer (a pasted log line would fill the report).
func shortValue(v string) string {
	if r := []rune(v); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return v
}

// quoteYAML writes v as a double-quoted YAML scalar, its backslashes and
// double quotes escaped. Always double quotes: a message's quoted values
// are what the masking on a secret's line finds (diag.List.RedactLinesOf).
func quoteYAML(v string) string {
	return `"` + yamlEscaper.Replace(v) + `"`
}

// yamlEscaper escapes what a double-quoted YAML scalar cannot hold as is.
var yamlEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func leadingSpace(l string) string {
	return l[:len(l)-len(strings.TrimLeft(l, " \t"))]
}

// oddSpace finds a space YAML does not treat as one (a no-break space, an
// ideographic space, a zero-width space…) in the structural part of a line:
// its indentation, or before or right after the key's colon. It returns the
// byte offset and the character.
func oddSpace(l string) (int, rune, bool) {
	for i, r := range l {
		if spaceName(r) != "" {
			return i, r, true
		}
		if r == ':' {
			rest := l[i+1:]
			r2, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " "))
			if spaceName(r2) != "" {
				return i + 1 + len(rest) - len(strings.TrimLeft(rest, " ")), r2, true
			}
			return 0, 0, false
		}
		if r == '"' || r == '\'' || r == '[' || r == '{' {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

func oddSpacePlace(l string, col int) string {
	if strings.TrimSpace(l[:col]) == "" {
		return "in the indentation"
	}
	if strings.HasSuffix(strings.TrimRight(l[:col], " "), ":") {
		return "after the colon"
	}
	return fmt.Sprintf("at column %d", utf8.RuneCountInString(l[:col])+1)
}

// spaceName names the characters that look like a space but are not one
// to YAML; "" for every other character.
func spaceName(r rune) string {
	switch r {
	case '\u00a0', '\u202f', '\u2007':
		return "no-break space"
	case '\u3000':
		return "full-width space"
	case '\u200b':
		return "zero-width space"
	case '\ufeff':
		return "zero-width no-break space"
	}
	if r >= '\u2000' && r <= '\u200a' {
		return "typographic space"
	}
	return ""
}

// visible spells the invisible characters of s: a tab as <TAB>, the other
// control characters and the spaces of spaceName as <U+XXXX>.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString("<TAB>")
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || spaceName(r) != "":
			fmt.Fprintf(&b, "<U+%04X>", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
