package source

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
	"go.yaml.in/yaml/v3"
)

// knownFields are the contract's front-matter fields. Anything else is kept
// in Postmortem.Extra; a near miss of a known name gets a warning.
var knownFields = []string{
	"title", "summary", "id", "date", "severity", "status", "systems", "teams", "causes",
	"trigger", "detection", "commander", "authors", "tags", "timeline", "impact", "related",
	"visibility", "lang", "action_items",
}

var actionFields = []string{"id", "title", "owner", "due", "status", "priority", "kind", "link", "closed"}

// fieldNames holds the known field names of postmortems and action items,
// and timelineNames the key of each timeline moment in Postmortem.Lines
// ("timeline.started"), so that the keys of the Lines maps are these
// strings rather than the parser's copies of them or new concatenations:
// every postmortem keeps its maps, and a parser's copy would also keep
// the memory it shares with the rest of the front matter.
var fieldNames, timelineNames = func() (map[string]string, map[string]string) {
	f := map[string]string{}
	for _, n := range append(slices.Clone(knownFields), actionFields...) {
		f[n] = n
	}
	t := map[string]string{}
	for _, n := range model.TimelineFields {
		t[n] = "timeline." + n
	}
	return f, t
}()

// fieldName returns name as fieldNames holds it, when it does.
func fieldName(name string) string {
	if s, ok := fieldNames[name]; ok {
		return s
	}
	return name
}

// decoder turns a front-matter tree into a Postmortem, reporting every
// type problem at its line. offset converts document lines to file lines.
type decoder struct {
	path   string
	offset int
	tz     *time.Location
	diags  *diag.List
	// invalid collects the fields whose value had the wrong type.
	invalid map[string]bool
	// item names the action item being decoded ("" outside one), for
	// name.
	item string
	// syntax is the language of the text decoded, for examples in
	// messages.
	syntax model.Syntax
	// data is the text decoded, whose line 1 is the document's, for the
	// source line a warning of RuleUnquotedText quotes (nil: none).
	data []byte
	// lines indexes data (see text).
	lines *lines
}

// text returns d.data indexed by line, made on first use: a warning of
// RuleUnquotedText for each of thousands of values on one line must not
// rescan it (QA 17 C-F4).
func (d *decoder) text() *lines {
	if d.lines == nil {
		d.lines = newLines(d.data)
	}
	return d.lines
}

// name is how messages name field: as it is, or inside an action item as
// `action item "2": owner`. It is made only for a message, not for every
// field decoded.
func (d *decoder) name(field string) string {
	if d.item == "" {
		return field
	}
	return model.ActionItemField(d.item, field)
}

// typeErrorf reports a value of the wrong type for field (see name).
func (d *decoder) typeErrorf(field string, line int, format string, args ...any) {
	if d.invalid == nil {
		d.invalid = map[string]bool{}
	}
	d.invalid[d.name(field)] = true
	d.errorf(line, format, args...)
}

func (d *decoder) pos(line int) diag.Pos { return diag.Pos{Path: d.path, Line: line + d.offset} }

func (d *decoder) errorf(line int, format string, args ...any) {
	d.diags.Errorf(d.pos(line), format, args...)
}

func (d *decoder) warnf(line int, format string, args ...any) {
	d.diags.Warnf(d.pos(line), format, args...)
}

// str decodes a scalar field as text. YAML may type it as a number or a bool
// (a title of 404); its source text is what the author meant.
func (d *decoder) str(field string, n *node) string {
	switch n.kind {
	case kindNull:
		return ""
	case kindScalar:
		// Bidi controls balanced, so that a title reorders only itself
		// wherever a page puts it (model.BalanceBidi).
		return model.BalanceBidi(strings.TrimSpace(n.text))
	}
	d.typeErrorf(field, n.line, "%s must be text, not %s", d.name(field), n.kind)
	return ""
}

// listExample is field set to the list the text of a single value meant,
// as d.syntax writes it ("systems: [checkout-api, edge]", "systems =
// [\"checkout-api\"]"), so that an example can be pasted into the file
// (qa9-a #6). A dotted field ("lint.allow") is written as the key inside
// its table. The text is split into items at its commas, those an input
// method types (，、) too, and brackets the author wrote at either end,
// full-width ones too, are left out, so that half a list ("teams:
// payments, platform]") is not shown with its stray bracket (QA 10: e.g.
// teams: [payments, platform]]), nor "systems: ［checkout-api］" as
// systems: [［checkout-api］] (QA 14 A-F5).
func (d *decoder) listExample(field string, text ...string) string {
	var items []string
	for _, t := range text {
		items = append(items, listItems(t)...)
	}
	key := field[strings.LastIndexByte(field, '.')+1:]
	if len(items) == 0 {
		return d.syntax.Setting(key, "", model.ListValue)
	}
	// Each item as the syntax writes it in a list: the text between the
	// brackets of the one-item list.
	written := make([]string, len(items))
	for i, it := range items {
		one := d.syntax.Setting(key, it, model.ListValue)
		written[i] = one[strings.IndexByte(one, '[')+1 : len(one)-1]
	}
	one := d.syntax.Setting(key, items[0], model.ListValue)
	return one[:strings.IndexByte(one, '[')+1] + strings.Join(written, ", ") + "]"
}

// imeCommas are the commas a Japanese input method types: the full-width
// comma and the ideographic comma (読点). No front-matter syntax reads
// them as a comma.
const imeCommas = "，、"

// listItems splits text into the items of the list it was meant as: at
// its commas (imeCommas too), without the brackets at either end (full
// width too) and the white space (U+3000 too) around each item.
func listItems(text string) []string {
	text = strings.TrimSpace(text)
	text = strings.TrimRight(strings.TrimLeft(text, "[［ \u3000"), "]］ \u3000")
	var items []string
	for _, it := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || strings.ContainsRune(imeCommas, r) }) {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return items
}

// strs decodes a list of text values. An item with a comma an input
// method types (imeCommas: "[checkout-api， api-gateway]") is an error
// that gives the list to write, and is left out: no syntax reads the
// comma as one, so the item is two run together (QA 14 A-F5: a tag
// "障害，DNS" was published).
func (d *decoder) strs(field string, n *node) []string {
	switch n.kind {
	case kindNull:
		return nil
	case kindScalar:
		if strings.ContainsAny(n.text, "［］") {
			d.typeErrorf(field, n.line, "%s must be a list: full-width brackets '［' '］' (U+FF3B, U+FF3D) do not make one; write %s", d.name(field), d.listExample(field, n.text))
			return nil
		}
		example := d.listExample(field, n.text)
		if words := strings.Fields(n.text); field == "tags" && len(words) > 1 && !strings.ContainsAny(n.text, ","+imeCommas) && !d.quoted(n) {
			// Jekyll reads a plain string of tags split at its spaces:
			// "tags: outage dns payments" is three (QA 17 A-F12). But
			// "tags: on call" is more often one tag without its
			// brackets, and a quoted string is one: both readings,
			// the one tag first (QA 17r R9).
			example += " for one tag, or " + d.listExample(field, words...) + " for several, as Jekyll reads it"
		}
		d.typeErrorf(field, n.line, "%s must be a list, e.g. %s", d.name(field), example)
		return nil
	case kindMap:
		d.typeErrorf(field, n.line, "%s must be a list of text values, not a mapping", d.name(field))
		return nil
	}
	out := make([]string, 0, len(n.items))
	comma := -1 // the index of the first item with an input method's comma
	for i, it := range n.items {
		if it.kind != kindScalar {
			d.typeErrorf(field, it.line, "%s[%d] must be text, not %s", d.name(field), i, it.kind)
			continue
		}
		s, ok := listItem(it)
		if !ok {
			if comma < 0 && s != "" {
				comma = i
			}
			continue
		}
		out = append(out, s)
	}
	if comma >= 0 {
		it := n.items[comma]
		r, _ := utf8.DecodeRuneInString(it.text[strings.IndexAny(it.text, imeCommas):])
		texts := make([]string, 0, len(n.items))
		for _, it := range n.items {
			if it.kind == kindScalar {
				texts = append(texts, it.text)
			}
		}
		d.typeErrorf(field, it.line, "%s: %s '%c' (U+%04X) inside the list, which does not separate items; write %s", d.name(field), lookalikes[r].name, r, r, d.listExample(field, texts...))
	}
	return out
}

// quoted reports whether n, a scalar, was written in quotes: always in
// TOML and JSON; in YAML when the text after the key on n's line starts
// with one.
func (d *decoder) quoted(n *node) bool {
	if d.syntax != model.SyntaxYAML {
		return true
	}
	if d.data == nil {
		return false
	}
	line, _ := d.text().line(n.line)
	_, value, ok := strings.Cut(line, ":")
	value = strings.TrimSpace(value)
	return ok && value != "" && (value[0] == '"' || value[0] == '\'')
}

// listItem is the text of a list's scalar item it, trimmed, and whether
// the list keeps it: not when it is empty, nor when it has one of
// imeCommas (see strs).
func listItem(it *node) (string, bool) {
	s := strings.TrimSpace(it.text)
	return s, s != "" && !strings.ContainsAny(s, imeCommas)
}

// itemStrs is strs for the lists of a postmortem, whose items are checked
// one by one: the line of each item on a line of its own, as in a YAML
// block list or a list over several lines, goes into lines as
// "<field>[i]", i its index in the list returned (validate reads it), so
// that a problem with one item is reported at the item, not at the key
// (qa9-a #12). An item on the key's line adds nothing.
// An item the list has already is left out with a warning at its line,
// by one rule for every list (QA 19 A-F2: systems and causes dropped a
// repeat silently, teams, tags and authors showed it twice, and a related
// id given twice made a doubled backlink): it is a copy-paste slip, not a
// meaning. So is a tag or team in another spelling of one the list has
// (see sameEntry), which the site shows as the same chip to the same page
// (QA 19r F6: dns, DNS and ＤＮＳ were three chips to /tags/dns/).
func (d *decoder) itemStrs(field string, n *node, lines map[string]int) []string {
	out := d.strs(field, n)
	if n.kind != kindList || len(out) == 0 {
		return out
	}
	keyLine := lines[field]
	times := make(map[string]int, len(out))
	for _, s := range out {
		times[s]++
	}
	kept := out[:0]
	seen := make(map[string]bool, len(out))
	same := sameEntry[field]
	var first map[string]string // the spelling kept, by same.key
	if same.key != nil {
		first = make(map[string]string, len(out))
	}
	for _, it := range n.items {
		s, ok := listItem(it)
		if it.kind != kindScalar || !ok {
			continue
		}
		if count := times[s]; count == 0 {
			continue // a repeat, told at the first one
		} else if seen[s] {
			// Told once, at the first repeat, with how many there are:
			// a list of thousands is not thousands of warnings.
			if count == 2 {
				d.warnf(it.line, "%s lists %q twice; the repeat is left out: delete it", d.name(field), s)
			} else {
				d.warnf(it.line, "%s lists %q %d times; the repeats are left out: delete them", d.name(field), s, count)
			}
			times[s] = 0
			continue
		}
		if first != nil {
			k := same.key(s)
			if f, ok := first[k]; ok {
				// Another spelling of an entry kept: told once, at its
				// first occurrence, with how many there are.
				if count := times[s]; count == 1 {
					d.warnf(it.line, "%s: %q is the same %s as %q, which the list has already; the repeat is left out: delete it", d.name(field), s, same.what, f)
				} else {
					d.warnf(it.line, "%s: %q (%d times) is the same %s as %q, which the list has already; the repeats are left out: delete them", d.name(field), s, count, same.what, f)
				}
				times[s] = 0
				continue
			}
			first[k] = s
		}
		seen[s] = true
		if l := it.line + d.offset; l != keyLine {
			lines[field+"["+strconv.Itoa(len(kept))+"]"] = l
		}
		kept = append(kept, s)
	}
	return kept
}

// sameEntry is, for a list whose entries the site makes pages of by a
// key, that key and what an entry is called: tags that differ only in
// case or width are one tag with one page (model.TagKey; C++ and C#,
// which only slugify alike, are two), and teams whose page names
// (model.Slug) are one are one team, as render groups them. Systems and
// causes are read as their slugs by validate, which says so; authors and
// related ids have no page of their own by such a key.
var sameEntry = map[string]struct {
	key  func(string) string
	what string
}{
	"tags":  {model.TagKey, "tag"},
	"teams": {model.Slug, "team"},
}

// parseTime reads an RFC 3339 time; a time without an offset is read in
// the site's time zone.
func parseTime(s string, tz *time.Location) (time.Time, error) {
	t, _, err := parseZonedTime(s, tz)
	return t, err
}

// parseZonedTime is parseTime that also reports whether s wrote its own
// offset (or Z).
func parseZonedTime(s string, tz *time.Location) (t time.Time, zoned bool, err error) {
	// RFC 3339 §5.6 allows "t" and "z" in lower case; Go's layouts do
	// not (QA 17 B-F6).
	if len(s) > 10 && s[10] == 't' {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	if err := badOffset(s); err != nil {
		return time.Time{}, false, err
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, nil
		}
	}
	if wall, ok := wallClock(s); ok {
		t, _, _ := model.LocalTime(wall, tz)
		return t, false, nil
	}
	return time.Time{}, false, fmt.Errorf("%q is not a time (want RFC 3339, e.g. 2024-03-14T09:12:00+09:00)", s)
}

// badOffset is an error for a time whose UTC offset is beyond RFC 3339's
// ±23:59 ("+24:00", "+23:60"), which Go's time.Parse reads and
// re-emits, and which JSON readers and HTML's datetime then refuse: a
// typo that moves the moment by a day (QA 17 B-F6). Else nil.
func badOffset(s string) error {
	z := zoneSuffix(s)
	if len(z) != 6 || z[3] != ':' {
		return nil
	}
	if _, ok := wallClock(s[:len(s)-len(z)]); !ok {
		if _, err := time.Parse("2006-01-02T15:04:05.999999999", s[:len(s)-len(z)]); err != nil {
			return nil
		}
	}
	h, herr := strconv.Atoi(z[1:3])
	m, merr := strconv.Atoi(z[4:6])
	if herr != nil || merr != nil || z[1] == '+' || z[1] == '-' || z[4] == '+' || z[4] == '-' || (h <= 23 && m <= 59) {
		return nil
	}
	return fmt.Errorf("%q has the UTC offset %s, out of range (RFC 3339 allows -23:59 to +23:59)", s, z)
}

// wallClock reads s as a time without an offset, its date and clock in
// UTC's fields, for model.LocalTime to place in the site's zone (by one
// rule in every zone, where time.ParseInLocation reads a repeated or a
// skipped hour one way in London and the other in Los Angeles: QA 17
// B-F1).
func wallClock(s string) (time.Time, bool) {
	if len(s) > 10 && s[10] == 't' {
		// RFC 3339's lower-case t, which parseTime reads too (QA 17r-b R1).
		s = s[:10] + "T" + s[11:]
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateTime reads a date-only or date-time value; a date-only value is midnight
// in the site's time zone, shown as that calendar day everywhere.
func (d *decoder) dateTime(field string, n *node) (time.Time, bool) {
	s := d.str(field, n)
	if s == "" {
		return time.Time{}, false
	}
	if v, err := time.Parse(time.DateOnly, s); err == nil {
		// The day as written, from its first instant: a day whose 00:00
		// the clocks skip starts at 01:00, not at 23:00 of the day
		// before (QA 17 B-F2).
		return model.DayStart(model.DateOf(v), d.tz), true
	}
	t, err := parseTime(s, d.tz)
	if oerr := badOffset(s); oerr != nil {
		d.typeErrorf(field, n.line, "%s: %v", d.name(field), oerr)
		return time.Time{}, false
	}
	if err != nil {
		// Invalid, so that validation does not call it missing too.
		d.typeErrorf(field, n.line, "%s: %q is not a date (want YYYY-MM-DD or an RFC 3339 time)%s", d.name(field), s, writeDate(s))
		return time.Time{}, false
	}
	d.localTimeWarning(d.name(field), n.line, s)
	return t, true
}

func (d *decoder) day(field string, n *node) model.Date {
	s := d.str(field, n)
	if s == "" {
		return model.Date{}
	}
	// A TOML local date-time or a full timestamp still names a day.
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		if t, err := parseTime(s, d.tz); err == nil {
			return model.DateOf(t)
		}
	}
	v, err := model.ParseDate(s)
	if err != nil {
		write := writeDate(s)
		if writeTime(s) != "" {
			// A day: its date as written, not the time.
			write = "; write " + s[:len(time.DateOnly)]
		}
		d.errorf(n.line, "%s: %v%s", d.name(field), err, write)
	}
	return v
}

// proseDates are the layouts of dates people write in prose or copy from
// documents, whose day is not in doubt (no 03/05/2024, which is March or
// May depending on the reader).
var proseDates = []string{
	"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan 2 2006", "Jan. 2, 2006",
	"2 January 2006", "2 Jan 2006", "Monday, January 2, 2006", "Mon, Jan 2, 2006",
	"2006/1/2", "2006.1.2", "2006-1-2", "2006年1月2日", "2006年01月02日",
}

// writeDate is "; write 2024-03-03" when s is a date written another
// unambiguous way ("March 3, 2024", "2024/03/03", "2024年3月3日"), or
// writeTime's advice for a time, else "".
func writeDate(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range proseDates {
		if t, err := time.Parse(layout, s); err == nil {
			return "; write " + t.Format(time.DateOnly)
		}
	}
	if w := writeNumericDate(s); w != "" {
		return w
	}
	return writeTime(s)
}

// numericDate is a date written with numbers only, day or month first:
// 15/07/2023, 15.07.2023, 07-15-2023.
var numericDate = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

// writeNumericDate is "; write 2023-07-15" when s is a numericDate whose
// order is not in doubt, as one of its first two numbers is over 12 and
// so the day (QA 17 A-F10); else "" (03/05/2024 is March or May
// depending on the reader).
func writeNumericDate(s string) string {
	m := numericDate.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	day, month := a, b
	switch {
	case a > 12 && b <= 12:
	case b > 12 && a <= 12:
		day, month = b, a
	default:
		return ""
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || month < 1 {
		return "" // 31/02/2023
	}
	return "; write " + t.Format(time.DateOnly)
}

// zonedTime matches a time with an offset or zone that RFC 3339 does not
// read, as other tools write it: Jekyll's "2023-02-03 09:00:00 +0100",
// Jira's "2023-07-01T14:30:00.000+0200", an offset after a space, "UTC".
// Its groups are the date, the hour, the minutes, the seconds (may be
// empty), the fraction (may be empty) and the zone.
var zonedTime = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? *(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$`)

// writeTime is "; write 2023-02-03T09:00:00+01:00" when s is a time whose
// offset or zone is written another way than RFC 3339's (zonedTime), else
// "" (QA 17 A-F6). Such a time stays refused, as the contract wants RFC
// 3339; the advice saves working the value out by hand.
func writeTime(s string) string {
	m := zonedTime.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	date, hour, minute, sec, frac, zone := m[1], m[2], m[3], cmp.Or(m[4], "00"), m[5], m[6]
	if len(hour) == 1 {
		hour = "0" + hour
	}
	if frac != "" {
		frac = "." + frac
	}
	switch {
	case zone == "z" || zone == "UTC" || zone == "GMT":
		zone = "Z"
	case len(zone) == 3: // +01
		zone += ":00"
	case len(zone) == 5: // +0100
		zone = zone[:3] + ":" + zone[3:]
	}
	t, err := time.Parse(time.RFC3339Nano, date+"T"+hour+":"+minute+":"+sec+frac+zone)
	if _, offset := t.Zone(); err != nil || offset >= 24*3600 || offset <= -24*3600 {
		// Not "write …+24:00", an offset RFC 3339 does not allow (QA 17
		// B-F6).
		return ""
	}
	return "; write " + t.Format(time.RFC3339Nano)
}

// decodePostmortem fills p from the front-matter tree root.
func (d *decoder) decodePostmortem(root *node, p *model.Postmortem) {
	if root.kind != kindMap {
		d.errorf(root.line, "front matter must be a mapping of fields, not %s", root.kind)
		return
	}
	p.Lines = make(map[string]int, len(root.keys))
	var holds []mapKey // draft:, published: (holdBackKeys)
	for _, k := range root.keys {
		p.Lines[fieldName(k.name)] = k.line + d.offset
		v := k.val
		if d.quotedKey(k, knownFields, misspelt) {
			if p.Extra == nil {
				p.Extra = map[string]any{}
			}
			p.Extra[k.name] = v.plain()
			continue
		}
		if (v.yaml != nil || v.kind == kindList) && slices.Contains(knownFields, k.name) {
			d.lostText(k.name, v, proseFields[k.name])
		}
		switch k.name {
		case "title":
			p.Title = d.str(k.name, v)
		case "summary":
			p.Summary = softBreaks(d.str(k.name, v))
		case "id":
			// An empty id: (a template's blank) is no id, as an empty
			// status: or lang: is none: the file name stays the id.
			if id := d.str(k.name, v); id != "" {
				p.ID = id
			}
		case "date":
			if t, ok := d.dateTime(k.name, v); ok {
				p.Date = t
			}
		case "severity":
			p.Severity = d.str(k.name, v)
		case "status":
			p.Status = d.str(k.name, v)
		case "systems":
			p.Systems = d.itemStrs(k.name, v, p.Lines)
		case "teams":
			p.Teams = d.itemStrs(k.name, v, p.Lines)
		case "causes":
			p.Causes = d.itemStrs(k.name, v, p.Lines)
		case "trigger":
			p.Trigger = d.str(k.name, v)
		case "detection":
			p.Detection = d.str(k.name, v)
		case "commander":
			p.Commander = d.str(k.name, v)
		case "authors":
			p.Authors = d.itemStrs(k.name, v, p.Lines)
		case "tags":
			p.Tags = d.itemStrs(k.name, v, p.Lines)
		case "impact":
			p.Impact = softBreaks(d.str(k.name, v))
		case "related":
			p.Related = d.itemStrs(k.name, v, p.Lines)
		case "visibility":
			p.Visibility = d.str(k.name, v)
		case "lang":
			p.Lang = d.str(k.name, v)
		case "timeline":
			d.decodeTimeline(v, p)
		case "action_items":
			d.decodeActions(v, p)
		default:
			if p.Extra == nil {
				p.Extra = map[string]any{}
			}
			p.Extra[k.name] = v.plain()
			if _, ok := holdBackKeys[k.name]; ok {
				holds = append(holds, k)
			} else if other, ok := otherToolKeys[strings.ToLower(k.name)]; ok && (other.fits == nil || other.fits(v)) && !setsField(root, other.field) {
				d.otherToolKey(k, other)
			} else if near := misspelt(k.name); near != "" {
				d.warnf(k.line, "unknown field %q; did you mean %q?", k.name, near)
			}
		}
	}
	for _, k := range holds {
		d.holdBack(k, p)
	}
}

// softBreaks reads the line breaks of s, a summary or an impact (one short
// paragraph), as a wrapped Markdown paragraph reads its soft breaks: the
// spaces and tabs around a break go, and the break is nothing where the
// two lines join without a space (joinsLines: between Japanese
// characters, after Japanese punctuation), else one space. So a summary
// wrapped over lines reads alike in every syntax: a YAML | or > block, a
// TOML """ string and a JSON "\n" (QA 19 A-F8: a TOML """ summary kept
// its breaks, a space between Japanese words in a browser and a \n in the
// feed, the JSON export and search, while YAML > joined them).
func softBreaks(s string) string {
	if !strings.ContainsAny(s, "\n\r") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if line = strings.Trim(line, " \t"); line == "" {
			continue
		}
		if b.Len() > 0 {
			before, _ := utf8.DecodeLastRuneInString(b.String())
			after, _ := utf8.DecodeRuneInString(line)
			if !joinsLines(before, after) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// curlyQuotes are the quotation marks word processors' autocorrect and
// other languages' keyboards type, which no front-matter syntax reads as
// quotes: around a key they are part of its name.
const curlyQuotes = "“”„‟‘’‚‛«»‹›「」『』＂＇"

// quotedKey reports k, a key of a mapping whose known names are known,
// when its name is another one in curly quotes (“title”) or with white
// space around it inside straight quotes ("summary "), and returns
// whether it did: the name is then none pmkb reads, so that the field is
// silently missing (QA 17 A-F5). A known field so written is an error at
// the key's line naming the key to write, and is marked invalid, so that
// validation does not report it missing too. Where the mapping keeps a
// team's own keys (near is not nil: the top level, an action item),
// another key so written is one, kept under the name written (“jira”):
// a warning, naming the field meant when near finds one (“sumary”), else
// the key to write for the name without the quotes, and never an error,
// as such a file built before (QA 17r R5). In timeline:, which holds only
// pmkb's moments, it is an error naming them.
func (d *decoder) quotedKey(k mapKey, known []string, near func(string) string) bool {
	bare := strings.TrimSpace(k.name)
	curly := strings.Trim(bare, curlyQuotes+" \t")
	if curly == "" || curly == k.name {
		return false
	}
	how := fmt.Sprintf("key %s is in curly quotes, which are part of the name, not quotes", k.name)
	if curly == bare {
		how = fmt.Sprintf("key %q has spaces inside its quotes, which are part of the name", k.name)
	}
	if d.item != "" {
		how = fmt.Sprintf("action item %q: %s", d.item, how)
	}
	written := k.name
	if curly == bare {
		written = strconv.Quote(k.name)
	}
	switch {
	case slices.Contains(known, curly):
		d.typeErrorf(curly, k.line, "%s, so pmkb does not read it as %s; write %s", how, curly, d.keySpelling(curly))
	case near == nil:
		d.errorf(k.line, "%s, and %s is not one of %s either", how, curly, strings.Join(known, ", "))
	case near(curly) != "":
		meant := near(curly)
		d.warnf(k.line, "%s; did you mean %q? write %s", how, meant, d.keySpelling(meant))
	case d.item != "":
		// An action item keeps no field of its own.
		d.warnf(k.line, "%s, and an action item has no field %s with or without them (it has %s); pmkb does not read it", how, curly, strings.Join(known, ", "))
	default:
		d.warnf(k.line, "%s: it is kept as a team's own field named %s; to name it %s, write %s", how, written, curly, d.keySpelling(curly))
	}
	return true
}

// keySpelling is how the front matter's syntax writes the key name before
// its value: title:, title =, "title":.
func (d *decoder) keySpelling(name string) string {
	switch d.syntax {
	case model.SyntaxTOML:
		return name + " ="
	case model.SyntaxJSON:
		return strconv.Quote(name) + ":"
	}
	return name + ":"
}

// otherKey is what a key of otherToolKeys is: whose name it is, and the
// field of pmkb it stands for ("timeline.started" for a moment, "" for an
// old URL, which pmkb has no field for).
type otherKey struct {
	whose, field string
	// fits, when set, reports whether a value has the shape the other
	// tool gives the key; a key whose value does not is a team's own
	// field (url: https://… of a dashboard), kept without a word.
	fits func(*node) bool
}

// sitePath reports whether n is a path of a site ("/posts/x/"), or a list
// of them, as Hugo's url: and aliases: and Jekyll's permalink: hold.
func sitePath(n *node) bool {
	if n.kind == kindList {
		return len(n.items) > 0 && sitePath(n.items[0])
	}
	return n.kind == kindScalar && strings.HasPrefix(strings.TrimSpace(n.text), "/")
}

// setsField reports whether root, a front matter's mapping, sets field, a
// field of otherKey: a top-level key, or "timeline.<moment>" under
// timeline:. When it does, another tool's key beside it is a team's own
// (description: beside summary:, sev: beside severity:), and renaming it
// as a did-you-mean would say is a duplicate key (QA 17r R3).
func setsField(root *node, field string) bool {
	if field == "" {
		return false
	}
	outer, moment, nested := strings.Cut(field, ".")
	k, ok := root.get(outer)
	if !ok || !nested {
		return ok
	}
	if k.val.kind != kindMap {
		return false
	}
	_, ok = k.val.get(moment)
	return ok
}

// isProse reports whether n is a single value of text (not a number or a
// boolean) that is not blank: a summary (description: 42 is a team's own
// field, QA 17r R4).
func isProse(n *node) bool {
	if n.kind != kindScalar || strings.TrimSpace(n.text) == "" {
		return false
	}
	_, str := n.value.(string)
	return n.value == nil || str
}

// isName reports whether n is a single value that is not a boolean: a
// person (incident_commander: [alice, bob] or {name: alice} is a team's
// own field, as commander: takes one name, QA 17r R4).
func isName(n *node) bool {
	_, b := n.value.(bool)
	return n.kind == kindScalar && !b && strings.TrimSpace(n.text) != ""
}

// isActions reports whether n is a list of action items as incident tools
// write them: mappings, each with a title or an owner. A list of text
// (actions: [restart, rollback], what was done during the incident) or of
// other mappings is a team's own field: as action_items: it was an error
// per item (QA 17r R4).
func isActions(n *node) bool {
	if n.kind != kindList || len(n.items) == 0 {
		return false
	}
	for _, it := range n.items {
		if it.kind != kindMap {
			return false
		}
		if _, ok := it.get("title"); !ok {
			if _, ok := it.get("owner"); !ok {
				return false
			}
		}
	}
	return true
}

// isMoment reports whether n is a time a timeline moment takes, or one
// written another tool's way that writeTime gives the RFC 3339 value of:
// a top-level started: yesterday or started: true is a team's own field
// (QA 17r R4: under timeline: it was "not a time").
func isMoment(n *node) bool {
	if n.kind != kindScalar {
		return false
	}
	s := strings.TrimSpace(n.text)
	if _, err := parseTime(s, time.UTC); err == nil {
		return true
	}
	return writeTime(s) != ""
}

// otherToolKeys are the names other tools (Hugo, Jekyll, incident
// tools) give pmkb's fields, by name in lower case. pmkb keeps them as a
// team's own fields, which it does not read, and they are too far from
// the names they stand for to be misspelt ones (QA 17 A-F15, A-F11): each
// gets a warning at its line saying what to write (otherToolKey).
var otherToolKeys = map[string]otherKey{
	"description":        {"Hugo's and Jekyll's name for the summary", "summary", isProse},
	"excerpt":            {"Jekyll's name for the summary", "summary", isProse},
	"actions":            {"incident tools' name for the action items", "action_items", isActions},
	"follow_ups":         {"incident tools' name for the action items", "action_items", isActions},
	"incident_commander": {"incident tools' name for the commander", "commander", isName},
	"sev":                {"short for severity", "severity", isName},
	"started":            {"a moment of the timeline", "timeline.started", isMoment},
	"detected":           {"a moment of the timeline", "timeline.detected", isMoment},
	"acknowledged":       {"a moment of the timeline", "timeline.acknowledged", isMoment},
	"mitigated":          {"a moment of the timeline", "timeline.mitigated", isMoment},
	"resolved":           {"a moment of the timeline", "timeline.resolved", isMoment},
	"slug":               {"Hugo's and Jekyll's name for the page's URL", "id", isName},
	"aliases":            {"Hugo's redirects from old URLs", "", sitePath},
	"url":                {"Hugo's URL of the page", "", sitePath},
	"permalink":          {"Jekyll's URL of the page", "", sitePath},
	"redirect_from":      {"Jekyll's redirects from old URLs", "", sitePath},
}

// otherToolKey warns that k, a key of otherToolKeys, is not read, and
// what to write instead: the field it stands for, its moment under
// timeline:, the id for a slug (pmkb's URL is the id), or, for an old URL,
// that pmkb makes no redirects.
func (d *decoder) otherToolKey(k mapKey, other otherKey) {
	msg := fmt.Sprintf("unknown field %q (%s), which pmkb does not read", k.name, other.whose)
	switch moment, ok := strings.CutPrefix(other.field, "timeline."); {
	case ok:
		// The value as written, or as RFC 3339 when written another
		// tool's way (isMoment), which timeline: would refuse.
		value := strings.TrimSpace(k.val.text)
		if w := writeTime(value); w != "" {
			value = strings.TrimPrefix(w, "; write ")
		}
		set := d.syntax.Setting(moment, value, model.DateValue)
		switch d.syntax {
		case model.SyntaxTOML:
			msg += fmt.Sprintf("; %s belongs in the [timeline] table: %s below [timeline]", moment, set)
		case model.SyntaxJSON:
			msg += fmt.Sprintf(`; %s belongs inside "timeline": {%s}`, moment, set)
		default:
			msg += fmt.Sprintf("; %s belongs under timeline:, indented below it: %q", moment, "  "+set)
		}
	case other.field == "id":
		msg += "; pmkb's URL is the id, the file name unless id: sets one"
		if id, why := slugID(k.val.text); id != "" {
			msg += "; write " + d.syntax.Setting("id", id, model.TextValue) + why
		} else {
			msg += "; " + why
		}
	case other.field == "":
		msg += "; pmkb makes no redirects; see README (Moving from another tool)"
	default:
		msg += fmt.Sprintf("; did you mean %q?", other.field)
	}
	d.warnf(k.line, "%s", msg)
}

// slugID is the id pmkb accepts for another tool's slug (QA 17r R7: the
// slug as written, "Payments Down", was refused as an id): the last
// segment of a slug with folders, which is what the old URL ended in,
// without an .html ending, made valid as the id check itself proposes
// (validate.ProposeID), and why it differs from the slug (", the slug as
// an id: …"); or "" and why there is none.
func slugID(slug string) (id, why string) {
	slug = strings.TrimSpace(slug)
	last := slug
	if i := strings.LastIndexByte(strings.TrimRight(slug, "/"), '/'); i >= 0 {
		last = strings.TrimRight(slug, "/")[i+1:]
	}
	for _, ext := range []string{".html", ".htm"} {
		if len(last) > len(ext) && strings.EqualFold(last[len(last)-len(ext):], ext) {
			last = last[:len(last)-len(ext)]
		}
	}
	id = validate.ProposeID(last)
	switch {
	case id == "":
		return "", fmt.Sprintf("%q makes no id (an id starts with a letter or digit and holds only letters, digits, '.', '-' and '_'), so the file name stays it", slug)
	case id != slug:
		return id, fmt.Sprintf(" (%q as an id pmkb accepts: letters, digits, '.', '-' and '_')", slug)
	}
	return id, ""
}

// holdBackKeys are the keys other tools keep a page unpublished with, by
// the tool and the value that does: Hugo's draft: true and Jekyll's
// published: false.
var holdBackKeys = map[string]struct {
	tool  string
	holds bool
}{
	"draft":     {"Hugo", true},
	"published": {"Jekyll", false},
}

// holdBack reports k, a key of holdBackKeys, which pmkb does not read
// (QA 17 A-F1: a postmortem a Hugo or Jekyll site kept back was
// published, to the public too): an error when its value holds the page
// back and p's status does not, saying to write status: draft, pmkb's
// way; else a warning that the key can go. It runs once every key is
// decoded, as status: may come after it. A value that is no boolean
// (published: 2024-03-14) is a team's own field, kept without a word.
func (d *decoder) holdBack(k mapKey, p *model.Postmortem) {
	how := holdBackKeys[k.name]
	raw := ""
	if k.val.kind == kindScalar {
		raw = strings.TrimSpace(k.val.text)
	}
	written := d.syntax.Setting(k.name, raw, model.DateValue) // as written, unquoted
	if d.syntax == model.SyntaxJSON {
		written = strconv.Quote(k.name) + ": " + raw
	}
	draft := d.syntax.Setting("status", model.StatusDraft, model.TextValue)
	var holds, known bool
	switch strings.ToLower(raw) {
	case "true", "yes", "on":
		holds, known = how.holds, true
	case "false", "no", "off":
		holds, known = !how.holds, true
	}
	switch {
	case !known:
		// Not the other tool's flag: a team's own field
		// (published: 2024-03-14), kept without a word.
	case p.Status == model.StatusDraft:
		d.warnf(k.line, "%s is %s's, which pmkb does not read; %s already holds this postmortem back, so remove %s", written, how.tool, draft, k.name)
	case holds:
		fix := "write " + draft + " in place of " + written
		if _, set := p.Lines["status"]; set {
			fix = "change " + d.syntax.Setting("status", p.Status, model.TextValue) + " to " + draft + " and remove " + written
		}
		d.errorf(k.line, "%s is %s's way to hold a page back, which pmkb does not read: this postmortem would be published; pmkb holds a postmortem back with %s, so %s", written, how.tool, draft, fix)
	case known:
		d.warnf(k.line, "%s is %s's, which pmkb does not read (pmkb holds a postmortem back with %s); remove it", written, how.tool, draft)
	}
}

// misspelt returns the known field that name, a field the contract does
// not define, looks like a misspelling of (severty, action-items,
// Severity), or "". A team's own field is kept without a warning: the
// contract asks for one only when a field looks like a misspelt known
// one. So a known field's name with more after it (summary_ja,
// related_to, title2) is no misspelling, nor is a word two or more edits
// away that does not start with the same letter (created is not
// related): typing slips rarely hit the first letter.
func misspelt(name string) string {
	near := diag.Suggest(name, knownFields)
	if near == "" {
		return ""
	}
	n := strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(name))
	if rest, named := strings.CutPrefix(n, near); named && rest != "" && (rest[0] == '_' || strings.Trim(rest, "0123456789") == "") {
		return "" // summary_ja, title2
	}
	if n[0] != near[0] && diag.EditDistance(n, near) >= 2 {
		return "" // created
	}
	return near
}

// RuleUnquotedText is the lint rule of a YAML front-matter value that
// YAML read less of than was written (decoder.lostText).
const RuleUnquotedText = "frontmatter/unquoted-text"

// proseFields are the front-matter fields of prose, and tags, whose text a
// reader sees as written: a " #" in one is more often a ticket, pull
// request or channel number than a comment (an action item's title is
// one too). The other fields hold names, slugs, levels and times, after
// which a comment is a note, as pmkb new's template writes them
// ("status: open  # open, in-progress, …").
var proseFields = map[string]bool{"title": true, "summary": true, "impact": true, "tags": true}

// lostText warns (RuleUnquotedText) when YAML read n, the value of field
// (of each item, for a list), as less than was written, so that what pmkb
// publishes silently lacks text: a tag ("!important flag removed" is
// "flag removed") or an anchor ("&nbsp in emails") before the value, and,
// when prose is set, a comment after a plain value ("Checkout down after
// deploy #4512" is "Checkout down after deploy"). A comment that starts
// with TODO, a template's note, is left alone. The warning gives the
// value quoted, which YAML reads whole. It is a warning, as for an
// unquoted version number: the file still means something, only not what
// was written.
func (d *decoder) lostText(field string, n *node, prose bool) {
	if n.kind == kindList {
		for i, it := range n.items {
			if it.yaml != nil {
				d.lostItem(fmt.Sprintf("%s[%d]", field, i), "- ", it, prose)
			}
		}
		return
	}
	if n.yaml != nil {
		d.lostItem(field, field+": ", n, prose)
	}
}

// lostItem is lostText for one value, written after lead ("title: ",
// "- ") in the quoted value the warning gives.
func (d *decoder) lostItem(field, lead string, n *node, prose bool) {
	y := n.yaml
	value := ""
	if n.kind == kindScalar {
		value = n.text
	} else if n.kind != kindNull {
		return
	}
	tag := ""
	if y.Style&yaml.TaggedStyle != 0 && !strings.HasPrefix(y.Tag, "!!") {
		tag = y.Tag
		if !strings.HasPrefix(tag, "!") {
			tag = "!<" + tag + ">" // a verbatim tag
		}
	}
	anchor := ""
	if y.Anchor != "" {
		anchor = "&" + y.Anchor
	}
	comment := ""
	// A TODO of pmkb new's template and a pmkb-lint-ignore comment (the
	// way README and the hints tell authors to silence a rule on its
	// line) are meant as comments.
	if c := y.LineComment; prose && c != "" && y.Style&^yaml.TaggedStyle == 0 &&
		!strings.HasPrefix(strings.TrimLeft(strings.TrimPrefix(c, "#"), " "), "TODO") &&
		!strings.Contains(c, "pmkb-lint-ignore") {
		comment = c
	}
	lines := d.text()
	line, _ := lines.line(y.Line)
	start := lines.byteCol(y.Line, y.Column) // where the value, its tag or anchor starts
	var col int                              // 1-based, in bytes of the line
	var msg string
	switch {
	case tag != "":
		col = start
		msg = fmt.Sprintf("YAML reads %s as a tag and leaves it out", quoteYAML(tag))
	case anchor != "":
		col = start
		msg = fmt.Sprintf("YAML reads %s as an anchor and leaves it out", quoteYAML(anchor))
	case comment != "":
		col = commentCol(line, comment)
		if col > 0 && n.kind == kindScalar && !onlyBlanksBetween(line, start+len(y.Value), col) {
			// The comment follows a flow list's "," or "]", not the
			// value: "tags: [payments, # card only" means what YAML
			// reads (QA 15r-a 14).
			return
		}
		msg = `YAML reads the text after " #" as a comment and leaves it out`
	default:
		return
	}
	written := strings.Join(slices.DeleteFunc([]string{tag, anchor, value, comment}, func(s string) bool { return s == "" }), " ")
	diagnostic := lines.diagnostic(d.path, d.offset, &syntaxError{line: y.Line, col: col})
	// The value written out starts at start, after its tag and anchor:
	// only so much of the line is searched, not all of it for each of
	// thousands of values on one line (QA 17 C-F4).
	if col == 0 || !strings.Contains(line[min(max(start-1, 0), len(line)):min(start-1+len(tag)+len(anchor)+len(value)+64, len(line))], value) {
		// The value runs over several lines (the comment ends a later
		// one, or a tag or anchor starts the first): the line quoted
		// would not show all the message quotes, which may hold a
		// secret the masking looks for on another line. Without an
		// excerpt and with a column, its quoted values are masked, as
		// those of a line too long to quote.
		diagnostic.Excerpt, diagnostic.Col = "", y.Column
	}
	diagnostic.Severity, diagnostic.Rule = diag.Warning, RuleUnquotedText
	diagnostic.Message = fmt.Sprintf("%s: %s; quote the value: %s%s", d.name(field), msg, lead, quoteYAML(shortValue(written)))
	d.diags.Add(diagnostic)
}

// onlyBlanksBetween reports whether text holds only blanks from byte
// column from up to column to (both 1-based, to excluded); true when the
// columns do not make such a stretch of it.
func onlyBlanksBetween(text string, from, to int) bool {
	if from < 1 || from > to || to-1 > len(text) {
		return true
	}
	return strings.Trim(text[from-1:to-1], " \t") == ""
}

// commentCol is the 1-based byte column of comment on text, the line it
// ends, or 0 when it does not end it (a comment after a plain value that
// runs over several lines is on a later line).
func commentCol(text, comment string) int {
	t := strings.TrimRight(text, " \t")
	if i := len(t) - len(comment); i > 0 && t[i:] == comment && (t[i-1] == ' ' || t[i-1] == '\t') {
		return i + 1
	}
	return 0
}

func (d *decoder) decodeTimeline(n *node, p *model.Postmortem) {
	if n.kind == kindNull {
		return
	}
	if n.kind != kindMap {
		d.errorf(n.line, "timeline must be a mapping of moments (started, detected, …), not %s", n.kind)
		return
	}
	// A timeline that writes offsets on some moments but not on others
	// usually lost one in copying: the moment without is then read in the
	// site's time zone, hours away from the rest.
	var zoned, local *mapKey
	var localT time.Time
	for i, k := range n.keys {
		field, ok := timelineNames[k.name]
		if !ok {
			field = "timeline." + k.name
		}
		p.Lines[field] = k.line + d.offset
		if d.quotedKey(k, model.TimelineFields, nil) {
			continue
		}
		s := d.str(field, k.val)
		if s == "" {
			continue
		}
		t, hasOffset, err := parseZonedTime(s, d.tz)
		if err == nil && !hasOffset {
			d.localTimeWarning("timeline."+k.name, k.line, s)
		}
		switch {
		case err != nil:
		case hasOffset && zoned == nil:
			zoned = &n.keys[i]
		case !hasOffset && local == nil:
			local, localT = &n.keys[i], t
		}
		if err != nil {
			if _, derr := time.Parse(time.DateOnly, s); derr == nil {
				err = fmt.Errorf("%q has no time of day (want e.g. %sT09:12:00Z)", s, s)
			} else if w := writeTime(s); w != "" {
				err = fmt.Errorf("%w%s", err, w)
			}
			d.errorf(k.line, "timeline.%s: %v", k.name, err)
			continue
		}
		if !p.Timeline.Set(k.name, t) {
			d.errorf(k.line, "unknown timeline moment %q (want one of %s)", k.name, strings.Join(model.TimelineFields, ", "))
		}
	}
	if zoned != nil && local != nil {
		d.warnf(local.line, "timeline.%s has no UTC offset, but timeline.%s has one: it is read in the site's time zone (%s); write its offset too, e.g. %q",
			local.name, zoned.name, d.tz, localT.Format("2006-01-02T15:04:05")+zoneSuffix(d.str("", zoned.val)))
	}
}

// localTimeWarning warns at line of the field named name (a timeline
// moment, "timeline.detected", or "date"), written s without an
// offset, when its wall-clock reading happens twice in the site's zone
// (the clocks went back) or not at all (they went forward). pmkb then
// reads it as model.LocalTime does, the first occurrence or as far after
// the change as it was written after it, but the author meant one of
// two instants, or a time that the clocks never showed (QA 17 B-F1;
// date: too, QA 17r-b R5).
func (d *decoder) localTimeWarning(name string, line int, s string) {
	wall, ok := wallClock(s)
	if !ok {
		return
	}
	t, kind, other := model.LocalTime(wall, d.tz)
	const clock = "2006-01-02T15:04"
	switch kind {
	case model.LocalRepeated:
		a, b := zoneName(t), zoneName(other)
		if a == b {
			// A change of standard offset, not of summer time: Moscow
			// was MSK on both sides in 2014 (QA 17r-b R6).
			a, b = "UTC"+t.Format("-07:00"), "UTC"+other.Format("-07:00")
		}
		d.warnf(line, "%s %s happens twice in %s (%s and %s): write its offset, %s or %s; it is read as the first, %s",
			name, wall.Format(clock), d.tz, a, b,
			t.Format("-07:00"), other.Format("-07:00"), t.Format(time.RFC3339))
	case model.LocalSkipped:
		before := other.Add(-time.Nanosecond).In(d.tz)
		_, offset := before.Zone()
		from, to := other.In(time.FixedZone("", offset)), other
		layout := "15:04"
		if from.YearDay() != to.YearDay() {
			// A skipped day, as Samoa's 2011-12-30: "from 00:00 to
			// 00:00" read as no change (QA 17r-b R6).
			layout = "2006-01-02 15:04"
		}
		d.warnf(line, "%s %s does not exist in %s (clocks went from %s to %s): it is read as %s; write the time the clocks showed, with its offset",
			name, wall.Format(clock), d.tz, from.Format(layout), to.Format(layout), t.Format(time.RFC3339))
	}
}

// zoneName is t's zone abbreviation ("BST", "GMT"), or its offset
// ("UTC-03:00") when the zone has none.
func zoneName(t time.Time) string {
	abbr, _ := t.Zone()
	if abbr != "" && strings.Trim(abbr, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return abbr
	}
	return "UTC" + t.Format("-07:00")
}

// zoneSuffix is the offset an RFC 3339 time ends with ("+09:00", "Z"),
// or "".
func zoneSuffix(s string) string {
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		return "Z"
	}
	if i := strings.LastIndexAny(s, "+-"); i > 10 {
		return s[i:]
	}
	return ""
}

func (d *decoder) decodeActions(n *node, p *model.Postmortem) {
	if n.kind == kindNull {
		return
	}
	if n.kind != kindList {
		d.errorf(n.line, "action_items must be a list of items, not %s", n.kind)
		return
	}
	for i, it := range n.items {
		a := model.ActionItem{Line: it.line + d.offset, Lines: make(map[string]int, len(it.keys))}
		if it.kind != kindMap {
			d.errorf(it.line, "action item %q must be a mapping with title, owner, …, not %s", strconv.Itoa(i+1), it.kind)
			continue
		}
		// Messages name the item as validation and lint do: by its id,
		// which defaults to its 1-based position.
		name := strconv.Itoa(i + 1)
		for _, k := range it.keys {
			if k.name == "id" && k.val.kind == kindScalar && strings.TrimSpace(k.val.text) != "" {
				name = strings.TrimSpace(k.val.text)
			}
		}
		d.item = name
		// keep keeps a field the contract does not define in the item's
		// Extra, as a postmortem's own fields are kept: the contract
		// keeps a team's own fields and exports them (QA 19 A-F9: a
		// jira_epic: on an action item was read without a word and
		// dropped).
		keep := func(k mapKey) {
			if a.Extra == nil {
				a.Extra = map[string]any{}
			}
			a.Extra[k.name] = k.val.plain()
		}
		for _, k := range it.keys {
			a.Lines[fieldName(k.name)] = k.line + d.offset
			field := k.name
			if d.quotedKey(k, actionFields, func(name string) string { return diag.Suggest(name, actionFields) }) {
				keep(k)
				continue
			}
			if k.val.yaml != nil && slices.Contains(actionFields, field) {
				d.lostText(field, k.val, field == "title")
			}
			switch k.name {
			case "id":
				a.ID = d.str(field, k.val)
			case "title":
				a.Title = d.str(field, k.val)
			case "owner":
				if k.val.kind == kindList {
					// Two owners is a choice to make, not a type to fix.
					d.typeErrorf(field, k.val.line, "%s must be one person, not a list: a follow-up has one accountable owner; name the others in its title or the body", d.name(field))
					continue
				}
				a.Owner = d.str(field, k.val)
			case "due":
				a.Due = d.day(field, k.val)
			case "status":
				a.Status = d.str(field, k.val)
			case "priority":
				a.Priority = d.str(field, k.val)
			case "kind":
				a.Kind = d.str(field, k.val)
			case "link":
				a.Link = d.str(field, k.val)
			case "closed":
				a.Closed = d.day(field, k.val)
			default:
				keep(k)
				if near := diag.Suggest(k.name, actionFields); near != "" {
					d.warnf(k.line, "unknown action-item field %q; did you mean %q?", k.name, near)
				}
			}
		}
		d.item = ""
		if a.ID == "" {
			a.ID = strconv.Itoa(i + 1)
		}
		if a.Status == "" {
			a.Status = model.ActionOpen
		}
		if p.ActionItems == nil {
			p.ActionItems = make([]model.ActionItem, 0, len(n.items)-i)
		}
		p.ActionItems = append(p.ActionItems, a)
	}
}
