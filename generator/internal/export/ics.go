package export

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/model"
)

// calendar is actions.ics, an iCalendar (RFC 5545) feed that Google
// Calendar and Outlook subscribe to: one all-day VEVENT on the due date of
// every action item that is not done or wont-do and has a due date, sorted
// by due date then key.
//
// Each event's UID is "<key>@<host>" (the base URL's host, else "pmkb"), so
// it stays the same across builds; DTSTAMP is midnight UTC of kb.Today,
// never the wall clock. Text is escaped (backslash, ";", ",", newlines),
// control characters are dropped, lines end in CRLF and are folded at 75
// octets without splitting a UTF-8 character.
func calendar(kb *model.KnowledgeBase, s site, rows []actions.Row) []byte {
	var c icsWriter
	c.line("BEGIN", "VCALENDAR")
	c.line("VERSION", "2.0")
	c.line("PRODID", "-//pmkb//"+icsText(s.generator)+"//EN")
	c.line("CALSCALE", "GREGORIAN")
	c.line("METHOD", "PUBLISH")
	c.line("X-WR-CALNAME", icsText(s.title+": action items"))
	c.line("X-WR-CALDESC", icsText("Due dates of open postmortem action items"))

	due := slices.DeleteFunc(slices.Clone(rows), func(r actions.Row) bool { return r.IsClosed() || r.Due.IsZero() })
	slices.SortFunc(due, func(a, b actions.Row) int { return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.Key, b.Key)) })
	stamp := icsDate(kb.Today) + "T000000Z"
	for _, r := range due {
		c.line("BEGIN", "VEVENT")
		c.line("UID", icsText(r.Key+"@"+s.uidHost()))
		c.line("DTSTAMP", stamp)
		c.line("DTSTART;VALUE=DATE", icsDate(r.Due))
		c.line("DTEND;VALUE=DATE", icsDate(r.Due.AddDays(1)))
		c.line("SUMMARY", icsText(fmt.Sprintf("%s (%s)", r.Title, r.Owner)))
		c.line("DESCRIPTION", icsText(eventDescription(r)))
		if u := eventURL(s, r); u != "" {
			c.line("URL", icsURI(u))
		}
		if r.Kind != "" {
			c.line("CATEGORIES", icsText(r.Kind))
		}
		c.line("TRANSP", "TRANSPARENT")
		c.line("END", "VEVENT")
	}
	c.line("END", "VCALENDAR")
	return c.b.Bytes()
}

func eventDescription(r actions.Row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Action item %s\nOwner: %s\nStatus: %s\n", r.Key, r.Owner, r.Status)
	if r.Priority != "" {
		fmt.Fprintf(&b, "Priority: %s\n", r.Priority)
	}
	fmt.Fprintf(&b, "Postmortem: %s", r.PostmortemTitle)
	if r.Link != "" {
		fmt.Fprintf(&b, "\nTicket: %s", r.Link)
	}
	return b.String()
}

// eventURL is the postmortem's page on an absolute site, else the item's
// tracker link when it is a web URL: URL must be absolute in iCalendar.
func eventURL(s site, r actions.Row) string {
	if s.absolute {
		return s.url(model.PostmortemPath(r.Postmortem))
	}
	return webLink(r.Link)
}

func icsDate(d model.Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day) }

// icsText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon
// and comma get a backslash, a line break becomes "\n", invalid UTF-8
// becomes U+FFFD and other control characters are dropped.
func icsText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
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
type icsWriter struct{ b bytes.Buffer }

// maxLineOctets is the longest content line RFC 5545 allows, CRLF
// excluded; a continuation line's leading space counts.
const maxLineOctets = 75

func (c *icsWriter) line(name, value string) {
	l := name + ":" + value
	limit := maxLineOctets
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		c.b.WriteString(l[:cut])
		c.b.WriteString("\r\n ")
		l = l[cut:]
		limit = maxLineOctets - 1
	}
	c.b.WriteString(l)
	c.b.WriteString("\r\n")
}
