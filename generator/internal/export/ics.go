package export

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
)

// calendar is actions.ics, an iCalendar (RFC 5545) feed that Google
// Calendar and Outlook subscribe to: one all-day VEVENT on the due date of
// every action item that is not done or wont-do and has a due date, sorted
// by due date then key.
//
// Each event's UID is "<key>@<host>" (the base URL's host, else the
// site's hash, see uidHost), so it stays the same across builds; DTSTAMP is midnight UTC of kb.Today,
// never the wall clock. The events come after the VTIMEZONE of the site's
// zone (see timeZone), so that a calendar with no event is valid too. Text is escaped (backslash, ";", ",", newlines),
// control characters are dropped, lines end in CRLF and are folded at 75
// octets without splitting a UTF-8 character.
func calendar(buf []byte, kb *model.KnowledgeBase, s site, rows []actions.Row) []byte {
	// Sorting pointers moves less than sorting rows, in the same order.
	due := make([]*actions.Row, 0, len(rows))
	for i := range rows {
		if r := &rows[i]; !r.IsClosed() && !r.Due.IsZero() {
			due = append(due, r)
		}
	}
	c := icsWriter{b: *bytes.NewBuffer(buf)}
	c.b.Grow(calendarSize(s, due))
	c.line("BEGIN", "VCALENDAR")
	c.line("VERSION", "2.0")
	c.line("PRODID", "-//pmkb//"+icsText(s.generator)+"//EN")
	c.line("CALSCALE", "GREGORIAN")
	c.line("METHOD", "PUBLISH")
	c.text("X-WR-CALNAME", s.words.Format("ics.name", s.title))
	c.text("X-WR-CALDESC", s.words.String("ics.description"))

	c.timeZone(kb.Config.TimeZone, kb.Today)

	slices.SortFunc(due, func(a, b *actions.Row) int { return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Key, b.Key)) })
	stamp := icsDate(kb.Today) + "T000000Z"
	host := s.uidHost()
	for _, r := range due {
		c.line("BEGIN", "VEVENT")
		c.text("UID", r.Key+"@"+host)
		c.line("DTSTAMP", stamp)
		c.line("DTSTART;VALUE=DATE", icsDate(r.Due))
		c.line("DTEND;VALUE=DATE", icsDate(r.Due.AddDays(1)))
		c.text("SUMMARY", withOwner(s.words, r.Title, r.Owner))
		c.text("DESCRIPTION", eventDescription(s.words, r))
		if u := eventURL(s, r); u != "" {
			c.line("URL", icsURI(u))
		}
		if r.Kind != "" {
			c.text("CATEGORIES", s.words.Kind(r.Kind)) // as the site words it: 緩和, not mitigate
		}
		c.line("TRANSP", "TRANSPARENT")
		c.line("END", "VEVENT")
	}
	c.line("END", "VCALENDAR")
	return c.b.Bytes()
}

// timeZone writes the VTIMEZONE of loc (nil: UTC), the zone the site's
// today and overdue are in, over the year of today and the next: an
// observance from that year's first moment, then one at each change of
// offset, at the wall-clock time it happens in the offset before it. The
// events are all-day dates and need no zone; the component is there
// because RFC 5545 wants one at least (icalbody = calprops component),
// and strict consumers refuse a calendar with nothing open and dated
// otherwise (QA 15 B-F4).
func (c *icsWriter) timeZone(loc *time.Location, today model.Date) {
	if loc == nil {
		loc = time.UTC
	}
	year := today.Year
	if today.IsZero() {
		year = 1970
	}
	from, end := time.Date(year, 1, 1, 0, 0, 0, 0, loc), time.Date(year+2, 1, 1, 0, 0, 0, 0, loc)
	c.line("BEGIN", "VTIMEZONE")
	c.text("TZID", loc.String())
	_, before := from.Zone()
	for t := from; ; {
		name, offset := t.Zone()
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		c.line("BEGIN", kind)
		c.line("DTSTART", t.In(time.FixedZone("", before)).Format("20060102T150405"))
		c.line("TZOFFSETFROM", icsOffset(before))
		c.line("TZOFFSETTO", icsOffset(offset))
		c.text("TZNAME", name)
		c.line("END", kind)
		// Past year 10000 ZoneBounds gives next == t: stop unless the
		// loop advances (QA 17 B-F3: --today 9999-12-31 looped until out
		// of memory).
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.After(t) || !next.Before(end) {
			break
		}
		t, before = next, offset
	}
	c.line("END", "VTIMEZONE")
}

// icsOffset formats an offset from UTC in seconds as a UTC-OFFSET value:
// "+0900", "-0330", "+053015".
func icsOffset(seconds int) string {
	sign := byte('+')
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	b := []byte{sign, byte('0' + h/10), byte('0' + h%10), byte('0' + m/10), byte('0' + m%10)}
	if s != 0 {
		b = append(b, byte('0'+s/10), byte('0'+s%10))
	}
	return string(b)
}

// calendarSize is about the size of the calendar of due, a little more
// rather than less, so that its buffer is allocated once.
func calendarSize(s site, due []*actions.Row) int {
	n := 1024 + 700 + len(s.title) + len(s.generator) // 700: the VTIMEZONE, with four changes of offset
	host := s.uidHost()
	for _, r := range due {
		n += 300 + len(host) + 2*len(r.Key) + len(r.Title) + 2*len(r.Owner) + len(r.Status) + len(r.Priority) +
			len(r.PostmortemTitle) + 3*len(r.Link) + len(r.Kind)
		if s.absolute {
			n += len(s.base) + 2*len(r.Postmortem) + 16
		}
	}
	return n + n/16 // folding adds 3 bytes per 74
}

// withOwner is title followed by the owner in parentheses, or title alone
// when the item names no owner (a public build names no one).
func withOwner(w *render.Words, title, owner string) string {
	if owner == "" {
		return title
	}
	return w.Format("ics.summary", title, owner)
}

// eventDescription is an event's text, one field a line, labelled in the
// site's language. The status line is given the status as written and its
// label (ics.status picks one: the English one says "open" as written,
// the Japanese one 未着手 as the site does).
func eventDescription(w *render.Words, r *actions.Row) string {
	lines := make([]string, 0, 6)
	lines = append(lines, w.Format("ics.item", r.Key))
	if r.Owner != "" {
		lines = append(lines, w.Format("ics.owner", r.Owner))
	}
	lines = append(lines, w.Format("ics.status", r.Status, w.Status(r.Status)))
	if r.Priority != "" {
		lines = append(lines, w.Format("ics.priority", r.Priority))
	}
	lines = append(lines, w.Format("ics.postmortem", r.PostmortemTitle))
	if r.Link != "" {
		lines = append(lines, w.Format("ics.ticket", r.Link))
	}
	return strings.Join(lines, "\n")
}

// eventURL is the item's row on its postmortem's page on an absolute
// site, else the item's tracker link when it is a web URL: URL must be
// absolute in iCalendar.
func eventURL(s site, r *actions.Row) string {
	if s.absolute {
		return r.URL // as actions.json and .csv give it (actions.ItemURL)
	}
	return webLink(r.Link)
}

func icsDate(d model.Date) string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 0 || d.Day > 99 {
		return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day)
	}
	y, m := d.Year, int(d.Month)
	return string([]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10),
		byte('0' + m/10), byte('0' + m%10), byte('0' + d.Day/10), byte('0' + d.Day%10)})
}

// icsText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon
// and comma get a backslash, a line break (CRLF, CR or LF) becomes "\n",
// each run of invalid UTF-8 becomes one U+FFFD, a tab a space, and other
// control characters are dropped.
func icsText(s string) string {
	if icsPlain(s) {
		return s
	}
	return string(appendICSText(make([]byte, 0, len(s)+8), s))
}

// appendICSText appends icsText(s) to b.
func appendICSText(b []byte, s string) []byte {
	invalid := false // in a run of invalid bytes
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			if !invalid {
				b = append(b, "\uFFFD"...)
			}
			invalid = true
			i++
			continue
		}
		invalid = false
		switch {
		case r == '\\' || r == ';' || r == ',':
			b = append(b, '\\', byte(r))
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			b = append(b, '\\', 'n')
			i++
		case r == '\n' || r == '\r':
			b = append(b, '\\', 'n')
		case r == '\t':
			b = append(b, ' ')
		case unicode.IsControl(r):
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// icsPlain reports whether icsText leaves s as it is: valid UTF-8
// without control characters, backslashes, semicolons or commas.
func icsPlain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F || c == '\\' || c == ';' || c == ',' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r <= 0x9F {
			return false
		}
		i += size
	}
	return true
}

// icsURI keeps a URI value free of control characters and spaces.
func icsURI(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == ' ' {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// icsWriter writes content lines folded at 75 octets with CRLF ends.
type icsWriter struct {
	b bytes.Buffer
	l []byte // the line being folded
}

// maxLineOctets is the longest content line RFC 5545 allows, CRLF
// excluded; a continuation line's leading space counts.
const maxLineOctets = 75

func (c *icsWriter) line(name, value string) {
	c.l = append(append(append(c.l[:0], name...), ':'), value...)
	c.fold(c.l)
}

// text writes a content line of TEXT value, escaped by icsText.
func (c *icsWriter) text(name, value string) {
	c.l = append(append(c.l[:0], name...), ':')
	if icsPlain(value) {
		c.l = append(c.l, value...)
	} else {
		c.l = appendICSText(c.l, value)
	}
	c.fold(c.l)
}

// fold writes the content line l folded.
func (c *icsWriter) fold(l []byte) {
	limit := maxLineOctets
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		c.b.Write(l[:cut])
		c.b.WriteString("\r\n ")
		l = l[cut:]
		limit = maxLineOctets - 1
	}
	c.b.Write(l)
	c.b.WriteString("\r\n")
}
