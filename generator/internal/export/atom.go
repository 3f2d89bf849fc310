package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/model"
)

// Atom 1.0 (RFC 4287) documents, marshalled by encoding/xml, which escapes
// text and replaces characters XML cannot hold with U+FFFD.

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Title      atomText       `xml:"title"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
}

func atomTime(t time.Time) string { return t.Format(time.RFC3339) }

// dayStart is the Atom time of the start of day d in the site's timeZone,
// the time of a date-only front-matter date (QA 16 D-F13: the overdue
// feed's were UTC midnights, nine hours after a Tokyo day began, while
// feed.xml's <published> of a date-only postmortem is its zone's): its
// first instant, 01:00 on a day whose 00:00 the clocks skip, not 23:00
// of the day before (QA 17 B-F2).
func (s site) dayStart(d model.Date) string {
	return atomTime(model.DayStart(d, s.zone))
}

// marshalXML appends v to buf as an indented XML document with its
// declaration; size is about how long it will be.
func marshalXML(buf []byte, v any, size int) ([]byte, error) {
	b := bytes.NewBuffer(buf)
	b.Grow(size)
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// feedID is the id of the feed at path: its URL when the site's base is
// absolute, else a URN naming the site and the feed.
func (s site) feedID(path string) string {
	if s.absolute {
		return s.url(path)
	}
	return s.urn + ":" + strings.TrimSuffix(path, ".xml")
}

func (s site) feedLinks(path string) []atomLink {
	return []atomLink{
		{Rel: "self", Type: "application/atom+xml", Href: s.url(path)},
		{Rel: "alternate", Type: "text/html", Href: s.url("")},
	}
}

// postmortemID is a postmortem's entry id: its page URL on an absolute
// site, else a URN of the site and the postmortem's id.
func (s site) postmortemID(id string) string {
	if s.absolute {
		return s.url(model.PostmortemPath(id))
	}
	return s.urn + ":postmortem:" + url.PathEscape(id)
}

// postmortemFeed is feed.xml: the FeedEntries newest postmortems. An
// entry's updated time is when the incident was resolved, else when it
// started; the feed's is the latest entry's (kb.Today when there is none).
func postmortemFeed(buf []byte, kb *model.KnowledgeBase, s site) ([]byte, error) {
	pms := kb.Postmortems[:min(len(kb.Postmortems), FeedEntries)]
	feed := atomFeed{
		Lang: s.lang, Title: s.title, ID: s.feedID(FeedPath), Links: s.feedLinks(FeedPath),
		Author: atomPerson{Name: s.title}, Generator: s.generator,
	}
	var latest time.Time
	for _, p := range pms {
		updated := p.Date
		if !p.Timeline.Resolved.IsZero() && p.Timeline.Resolved.After(updated) {
			updated = p.Timeline.Resolved
		}
		if updated.After(latest) {
			latest = updated
		}
		e := atomEntry{
			Title:     atomText{Type: "text", Text: p.Title},
			Lang:      entryLang(p.Lang, s.lang),
			ID:        s.postmortemID(p.ID),
			Published: atomTime(p.Date),
			Updated:   atomTime(updated),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: s.url(model.PostmortemPath(p.ID))}},
		}
		for _, a := range p.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a})
		}
		sev, _ := kb.Config.Severity(p.Severity)
		e.Categories = append(e.Categories, atomCategory{Term: p.Severity, Label: sev.Label})
		for _, sys := range p.Systems {
			e.Categories = append(e.Categories, atomCategory{Term: sys})
		}
		if sum := postmortemSummary(p); sum != "" {
			e.Summary = &atomText{Type: "text", Text: sum}
		}
		feed.Entries = append(feed.Entries, e)
	}
	feed.Updated = atomTime(latest)
	if latest.IsZero() {
		feed.Updated = s.dayStart(kb.Today)
	}
	return marshalXML(buf, feed, 2048+1024*len(feed.Entries))
}

// entryLang is an entry's xml:lang when its language differs from the
// feed's.
func entryLang(lang, feedLang string) string {
	if lang == feedLang {
		return ""
	}
	return lang
}

// postmortemSummary is the summary field, else the impact, else the start
// of the body's prose: its headings left out, which would run into the
// paragraph after them ("Summary C.").
func postmortemSummary(p *model.Postmortem) string {
	for _, s := range []string{p.Summary, p.Impact} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return excerpt(strings.Join(strings.Fields(p.Prose()), " "), 300)
}

// excerpt cuts s to at most n runes, adding "…" when it cut: at the last
// space of the cut when one is in its last fifth, so that a feed reader
// shows no half word (QA 21 A-F10: "word43 w…"), else at a rune (Japanese
// writes no spaces between words).
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	cut := rs[:n-1]
	if !unicode.IsSpace(rs[n-1]) {
		for i := len(cut) - 1; i >= len(cut)*4/5; i-- {
			if unicode.IsSpace(cut[i]) {
				cut = cut[:i]
				break
			}
		}
	}
	return strings.TrimRightFunc(string(cut), unicode.IsSpace) + "…"
}

// overdueFeed is actions/overdue.xml: one entry per overdue action item of
// rows, which actions.SortUrgent has sorted, so the overdue ones come
// first, longest overdue first. An entry's updated time is the start of
// the day it became overdue (the day after its due date); the feed's is
// the start of kb.Today, both in the site's timeZone.
//
// Unlike feed.xml (FeedEntries), the feed has no cap, though it grows
// with the site (~890 bytes an entry: 4,526 entries, 4.0 MB, at 10,000
// postmortems): it is the feed "of overdue items", whose count agrees with
// actions.json, actions.ics and the digest (TestCorpusCountsMatchTruth), and in its
// order a cap of the first N would drop the items just become overdue,
// the ones a subscriber waits for, while one by recency would drop items
// the site still lists as overdue (QA 16 D-F16).
func overdueFeed(buf []byte, kb *model.KnowledgeBase, s site, rows []actions.Row) ([]byte, error) {
	feed := atomFeed{
		Lang: s.lang, Title: s.words.Format("feed.overdue.title", s.title), ID: s.feedID(OverdueFeedPath),
		Links:  s.feedLinks(OverdueFeedPath),
		Author: atomPerson{Name: s.title}, Generator: s.generator,
		Subtitle: s.words.Format("feed.overdue.subtitle", kb.Today),
		Updated:  s.dayStart(kb.Today),
	}
	n := 0
	for n < len(rows) && rows[n].Overdue {
		n++
	}
	overdue := rows[:n]
	today := kb.Today.String()
	if len(overdue) > 0 {
		// An entry says only the words of its kind (with an owner or
		// without), but a theme that lacks either is reported whatever
		// the items (s.words.Err) as when every entry formatted both.
		s.words.String("feed.overdue.entryNoOwner")
		s.words.String("feed.overdue.summaryNoOwner")
	}
	feed.Entries = make([]atomEntry, 0, len(overdue))
	for i := range overdue {
		r := &overdue[i]
		id := s.urn + ":action:" + url.PathEscape(r.Key)
		if s.absolute {
			id = s.url(model.PostmortemPath(r.Postmortem)) + "#" + url.PathEscape(r.ID)
		}
		// The page links to the item's row, by the item's url in
		// actions.json and .csv (actions.ItemURL).
		links := []atomLink{{Rel: "alternate", Type: "text/html", Href: r.URL}}
		if l := webLink(r.Link); l != "" {
			links = append(links, atomLink{Rel: "related", Href: l})
		}
		// An item without an owner (a public build names no one) is
		// the feed's, whose author is the site.
		// The words are the theme's, in the site's language.
		due, late := r.Due.String(), s.words.Format("overdue.days", r.DaysOverdue)
		var title, summary string
		var authors []atomPerson
		if r.Owner != "" {
			title = s.words.Format("feed.overdue.entry", r.Title, r.Owner, due)
			summary = s.words.Format("feed.overdue.summary", r.Key, r.Owner, due, late, today, asWritten(r.PostmortemTitle))
			authors = []atomPerson{{Name: r.Owner}}
		} else {
			title = s.words.Format("feed.overdue.entryNoOwner", r.Title, due)
			summary = s.words.Format("feed.overdue.summaryNoOwner", r.Key, due, late, today, asWritten(r.PostmortemTitle))
		}
		e := atomEntry{
			Title:   atomText{Type: "text", Text: title},
			ID:      id,
			Updated: s.dayStart(r.Due.AddDays(1)),
			Links:   links,
			Authors: authors,
			Summary: &atomText{Type: "text", Text: summary},
		}
		// Each category is labelled as the site shows it: the severity as
		// the postmortem feed does, the kind in the site's language.
		if r.Severity != "" {
			sev, _ := kb.Config.Severity(r.Severity)
			e.Categories = append(e.Categories, atomCategory{Term: r.Severity, Label: sev.Label})
		}
		if r.Priority != "" {
			e.Categories = append(e.Categories, atomCategory{Term: r.Priority})
		}
		if r.Kind != "" {
			e.Categories = append(e.Categories, atomCategory{Term: r.Kind, Label: s.words.Kind(r.Kind)})
		}
		feed.Entries = append(feed.Entries, e)
	}
	return marshalXML(buf, feed, 2048+900*len(feed.Entries))
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

// sitemap lists every page once, sorted by path. The sitemap protocol
// wants absolute URLs: with a relative base URL the locations are relative
// and search engines will ignore them (set baseURL for a public site).
func sitemap(s site, pages []string, kb *model.KnowledgeBase) ([]byte, error) {
	if pages == nil {
		pages = DefaultPages(kb)
	}
	pages = slices.Clone(pages)
	slices.Sort(pages)
	pages = slices.Compact(pages)
	set := urlset{URLs: make([]sitemapURL, 0, len(pages))}
	size := 256
	for _, p := range pages {
		loc := s.url(strings.TrimPrefix(p, "/"))
		set.URLs = append(set.URLs, sitemapURL{Loc: loc})
		size += len(loc) + 32
	}
	return marshalXML(nil, set, size)
}

// asWritten is a title a theme's words place in a feed's text: %q puts it
// in plain quotation marks as written, not as a Go string literal
// (`\"`, `\\`, `\u00a0`) that a feed reader would show. The default
// theme writes “%s”; a site theme copied from it before QA 15 B-F2 says
// %q.
type asWritten string

// Format writes t as fmt writes a string, with the verb's width,
// precision and flags, but for %q: the title, cut to the precision, in
// plain quotation marks, padded to the width. A title cut to a precision
// has its bidi controls balanced again (model.BalanceBidi): the cut may
// fall between an override and the end the loader gave it, which left
// the text after the title reversed (QA 15 regression pass, b-6).
func (t asWritten) Format(f fmt.State, verb rune) {
	if verb != 'q' && verb != 's' && verb != 'v' {
		fmt.Fprintf(f, fmt.FormatString(f, verb), string(t))
		return
	}
	s := string(t)
	if p, ok := f.Precision(); ok {
		s = model.BalanceBidi(fmt.Sprintf("%.*s", p, s))
	}
	if verb == 'q' {
		s = `"` + s + `"`
	}
	format := "%"
	if f.Flag('-') {
		format += "-"
	}
	if w, ok := f.Width(); ok {
		format += strconv.Itoa(w)
	}
	fmt.Fprintf(f, format+"s", s)
}
