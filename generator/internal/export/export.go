// Package export writes the machine-readable files of a built site: the
// Atom feed of postmortems (feed.xml), the sitemap, the JSON API
// (api/postmortems.json, api/actions.json), the action items as CSV
// (api/actions.csv), an iCalendar feed of due dates (actions.ics) and an
// Atom feed of overdue action items (actions/overdue.xml).
//
// Every file is a pure function of the knowledge base: no wall clock, no
// map order, so two builds of the same content are byte-identical. Links
// are absolute when the site's BaseURL is absolute ("https://host/pm/"),
// else relative to the server root ("/pm/postmortems/x/"). Untrusted text
// reaches XML only through encoding/xml, JSON only through encoding/json,
// and never as invalid UTF-8.
package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
)

// Options configures Files.
type Options struct {
	// Generator names the program in feeds, the JSON API and the calendar's
	// PRODID, e.g. "pmkb v1.2.0"; empty means "pmkb".
	Generator string
	// Pages are the site paths of every page, as model's path functions
	// return them ("" for the home page, "postmortems/x/"), for the
	// sitemap. Nil means DefaultPages(kb).
	Pages []string
	// Words are the theme's UI strings in the site's language, which the
	// overdue feed and the calendar speak (as the site's pages do); nil
	// means the built-in theme's English.
	Words *render.Words
	// ReuseBuffers tells DataTo that put is done with a file's bytes when
	// it returns (it writes them), so that each file is made in the buffer
	// of the one before: one buffer for every file instead of one each.
	ReuseBuffers bool
}

// Paths of the exported files: model's, which lint's dead-link check
// knows as well (model.FixedFiles).
const (
	FeedPath           = model.FeedPath
	SitemapPath        = model.SitemapPath
	PostmortemsAPIPath = model.PostmortemsAPIPath
	ActionsJSONPath    = model.ActionsJSONPath
	ActionsCSVPath     = model.ActionsCSVPath
	CalendarPath       = model.CalendarPath
	OverdueFeedPath    = model.OverdueFeedPath
)

// FeedEntries is how many postmortems feed.xml holds, newest first.
const FeedEntries = 50

// Files returns every exported file of kb, sorted by path: Data and the
// Sitemap of opts.Pages.
func Files(kb *model.KnowledgeBase, opts Options) ([]output.File, error) {
	files, err := Data(kb, opts)
	if err != nil {
		return nil, err
	}
	sm, err := Sitemap(kb, opts, opts.Pages)
	if err != nil {
		return nil, err
	}
	files = append(files, sm)
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// Data returns every exported file of kb but the sitemap, sorted by path.
// They depend on the knowledge base alone (opts.Pages is not read), so a
// build can make them while its pages are still being rendered.
func Data(kb *model.KnowledgeBase, opts Options) ([]output.File, error) {
	var files []output.File
	err := DataTo(kb, opts, func(f output.File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// DataTo makes the files of Data one after another and hands each to put
// as soon as it is made, so that only one of them (the JSON API is tens of
// megabytes at 10,000 postmortems) is in memory at a time; a build runs it
// beside its page workers, which keep the cores busy. The first error is
// returned.
func DataTo(kb *model.KnowledgeBase, opts Options, put func(output.File) error) error {
	if opts.Generator == "" {
		opts.Generator = "pmkb"
	}
	s := newSite(kb, opts.Generator)
	var err error
	if s.words, err = render.WordsOrDefault(opts.Words); err != nil {
		return err
	}
	// Most urgent first, as `pmkb actions --format json|csv` and /actions/
	// list them: the API and the command are the same data.
	rows := actions.Rows(kb, actions.Filter{})
	actions.SortUrgent(rows)
	// Each step appends its file to buf (empty); the largest comes first,
	// so that with ReuseBuffers the others fit in its buffer.
	steps := []struct {
		path string
		f    func(buf []byte) ([]byte, error)
	}{
		{PostmortemsAPIPath, func(buf []byte) ([]byte, error) { return postmortemsJSON(buf, kb, s) }},
		{ActionsJSONPath, func(buf []byte) ([]byte, error) { return actionsJSON(buf, rows), nil }},
		{CalendarPath, func(buf []byte) ([]byte, error) { return calendar(buf, kb, s, rows), nil }},
		{ActionsCSVPath, func(buf []byte) ([]byte, error) { return buffer(buf, rows, actions.WriteCSV) }},
		{OverdueFeedPath, func(buf []byte) ([]byte, error) { return overdueFeed(buf, kb, s, rows) }},
		{FeedPath, func(buf []byte) ([]byte, error) { return postmortemFeed(buf, kb, s) }},
	}
	var buf []byte // with ReuseBuffers, the largest buffer so far
	for _, st := range steps {
		data, err := st.f(buf[:0])
		if err != nil {
			return fmt.Errorf("export %s: %w", st.path, err)
		}
		if err := put(output.File{Path: st.path, Data: data}); err != nil {
			return err
		}
		if opts.ReuseBuffers && cap(data) > cap(buf) {
			buf = data
		}
	}
	if err := s.words.Err(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// Sitemap returns sitemap.xml, listing every page of pages once: site
// paths as model's path functions return them ("" for the home page,
// "postmortems/x/"). Nil pages means DefaultPages(kb); opts.Pages is not
// read.
func Sitemap(kb *model.KnowledgeBase, opts Options, pages []string) (output.File, error) {
	data, err := sitemap(newSite(kb, opts.Generator), pages, kb)
	if err != nil {
		return output.File{}, fmt.Errorf("export %s: %w", SitemapPath, err)
	}
	return output.File{Path: SitemapPath, Data: data}, nil
}

// buffer appends what write writes for rows to buf.
func buffer(buf []byte, rows []actions.Row, write func(io.Writer, []actions.Row) error) ([]byte, error) {
	b := bytes.NewBuffer(buf)
	b.Grow(256 * (len(rows) + 1))
	err := write(b, rows)
	return b.Bytes(), err
}

// site turns site paths into the URLs every export uses.
type site struct {
	base      string // ends in "/"
	absolute  bool
	host      string // host name of an absolute base, else ""
	title     string
	lang      string
	generator string
	// urn names the site in the ids of its feeds and entries when the
	// base is not absolute (an absolute base gives them URLs).
	urn string
	// words say the exports' own text (render.Words).
	words *render.Words
	// zone is the site's timeZone, where a day without a time starts.
	zone *time.Location
}

func newSite(kb *model.KnowledgeBase, generator string) site {
	// The base of the links actions.Rows gives each item (Row.URL), which
	// the action exports write.
	base := actions.SiteBase(&kb.Config)
	s := site{base: base, title: kb.Config.Title, lang: kb.Config.Language, generator: generator,
		zone: kb.Config.TimeZone}
	if s.zone == nil {
		s.zone = time.UTC
	}
	if u, err := url.Parse(base); err == nil && u.Scheme != "" && u.Host != "" {
		s.absolute = true
		s.host = u.Hostname()
	}
	s.urn = siteURN(kb.Config.Title, base, kb.Config.Repository)
	return s
}

// siteURN is "urn:pmkb:site:" and 16 hex digits of the SHA-256 of the
// site's title, base URL and repository: feed and entry ids must be unique
// across every feed a reader subscribes to, and a site without an absolute
// base URL has no other name. It stays the same from build to build until
// one of the three changes.
func siteURN(title, base, repository string) string {
	sum := sha256.Sum256([]byte(title + "\n" + base + "\n" + repository))
	return "urn:pmkb:site:" + hex.EncodeToString(sum[:8])
}

// url returns the URL of a site path, its segments percent-encoded (ids may
// be Japanese or hold spaces).
func (s site) url(path string) string { return s.base + model.EscapePath(path) }

// uidHost is the domain part of calendar UIDs: the base URL's host, else
// the site's hash from its urn ("<16 hex>.pmkb"), so two sites without an
// absolute base do not share event ids in a calendar subscribed to both.
func (s site) uidHost() string {
	if s.host != "" {
		return s.host
	}
	return strings.TrimPrefix(s.urn, "urn:pmkb:site:") + ".pmkb"
}

// webLink returns link when it is an absolute http(s) URL, else "": a
// tracker link is untrusted and feed readers and calendars would follow a
// javascript: one. It is written as a URI, as the pages write it: what
// url.URL.String leaves as written in the query (a space, <, >, ", a
// non-ASCII letter) is percent-encoded, since an Atom link and an
// iCalendar URL must be URIs (QA 18 C-F2: readers cut such a link at the
// space).
func webLink(link string) string {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.RawQuery = uriQuery(u.RawQuery)
	return u.String()
}

// uriQuery percent-encodes the bytes of the query q that a URI's query
// may not hold (RFC 3986: unreserved, sub-delims, ':', '@', '/', '?'),
// keeping escapes already there.
func uriQuery(q string) string {
	ok := func(i int) bool {
		c := q[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			return true
		case c == '%':
			return i+2 < len(q) && isHex(q[i+1]) && isHex(q[i+2])
		}
		return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
	}
	i := 0
	for i < len(q) && ok(i) {
		i++
	}
	if i == len(q) {
		return q
	}
	var b strings.Builder
	b.WriteString(q[:i])
	for ; i < len(q); i++ {
		if ok(i) {
			b.WriteByte(q[i])
		} else {
			fmt.Fprintf(&b, "%%%02X", q[i])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// DefaultPages lists the pages pmkb's default theme renders for kb: the
// home page, the postmortem list and pages, the term pages with their
// indexes, the action list and owner pages. The caller that renders pages
// should pass its own list in Options.Pages instead.
func DefaultPages(kb *model.KnowledgeBase) []string {
	pages := []string{"", "postmortems/", "systems/", "causes/", "teams/", "tags/", "severity/", "years/", "actions/"}
	var tags []string
	for _, p := range kb.Postmortems {
		pages = append(pages, model.PostmortemPath(p.ID), model.SeverityPath(p.Severity), model.YearPath(p.Date.Year()))
		for _, s := range p.Systems {
			pages = append(pages, model.SystemPath(s))
		}
		for _, c := range p.Causes {
			pages = append(pages, model.CausePath(c))
		}
		for _, t := range p.Teams {
			pages = append(pages, model.TeamPath(t))
		}
		tags = append(tags, p.Tags...)
		for _, a := range p.ActionItems {
			if a.Owner != "" {
				pages = append(pages, model.OwnerPath(a.Owner))
			}
		}
	}
	// Tags that slugify alike have pages apart (model.TagPaths).
	pages = append(pages, slices.Sorted(maps.Values(model.TagPaths(tags)))...)
	return pages
}
