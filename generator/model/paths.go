package model

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a free name ("Payments Team", "aiko", "DNS ") into a URL path
// segment: lower case, letters and digits of any script kept, runs of other
// characters folded to one "-". It never returns "", "." or "..": a name
// with nothing usable becomes "x" followed by its length and code points.
//
// Names are compared by their slug (owners, teams, systems), so the ways
// one Japanese name is typed share it (QA round 7, #13): the name is first
// folded by width (NFKC: "ＳＲＥ" is "SRE", "ｻｲﾄｳ" is "サイトウ"), and a
// run of spaces next to a Japanese or Chinese character is dropped, not
// made a "-" ("田中 太郎", "田中　太郎" and "田中太郎" are "田中太郎";
// "SRE チーム" is "sreチーム"), as Japanese writes names and words with
// or without such spaces.
func Slug(s string) string {
	var b strings.Builder
	dash, spaces := false, true // in a run of other characters; all spaces
	var prev rune               // the last letter or digit written
	for _, r := range strings.ToLower(norm.NFKC.String(strings.TrimSpace(s))) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if dash && b.Len() > 0 && !(spaces && (isCJK(prev) || isCJK(r))) {
				b.WriteByte('-')
			}
			dash, spaces, prev = false, true, r
			b.WriteRune(r)
		default:
			dash = true
			spaces = spaces && unicode.IsSpace(r)
		}
	}
	if b.Len() == 0 {
		b.WriteString("x")
		for _, r := range s {
			b.WriteString("-" + strconv.FormatInt(int64(r), 16))
		}
	}
	return b.String()
}

// isCJK reports whether r is written without spaces around it in Japanese
// or Chinese: a Han character, kana, or the long vowel mark.
func isCJK(r rune) bool {
	return japaneseScript(r) || r == 'ー'
}

// The files every build writes at fixed site paths: the feeds, the
// sitemap, the calendar and the JSON API. export makes them under these
// names, and lint's dead-link check knows them from FixedFiles, so that
// the two cannot differ.
const (
	FeedPath           = "feed.xml"
	SitemapPath        = "sitemap.xml"
	PostmortemsAPIPath = "api/postmortems.json"
	ActionsJSONPath    = "api/actions.json"
	ActionsCSVPath     = "api/actions.csv"
	CalendarPath       = "actions.ics"
	OverdueFeedPath    = "actions/overdue.xml"
)

// FixedFiles are the files of the constants above.
var FixedFiles = []string{FeedPath, SitemapPath, PostmortemsAPIPath, ActionsJSONPath, ActionsCSVPath, CalendarPath, OverdueFeedPath}

// TermChartPath is the chart of the system or cause page at page (a site
// path ending in "/", SystemPath or CausePath), which every such page of a
// term that a postmortem names has: "systems/checkout-api/incidents.svg".
func TermChartPath(page string) string { return page + "incidents.svg" }

// Site paths. Each is slash-separated, relative to the site root and ends in
// "/" (the page is the folder's index.html). Renderers turn them into
// relative links; feeds and the sitemap prefix the base URL.

// PostmortemPath is the page of one postmortem.
func PostmortemPath(id string) string { return "postmortems/" + id + "/" }

// EscapePath percent-encodes each segment of the site path p
// ("postmortems/2026-06-01-決済障害/"), as every absolute URL of a page
// that pmkb writes has it: feeds, the sitemap, the JSON files, the
// digest, pmkb search.
func EscapePath(p string) string {
	var b strings.Builder
	b.Grow(len(p))
	for {
		seg, rest, more := strings.Cut(p, "/")
		b.WriteString(url.PathEscape(seg))
		if !more {
			return b.String()
		}
		b.WriteByte('/')
		p = rest
	}
}

// ActionAnchor is the id of the row of the action item id on its
// postmortem's page, and the fragment of links to it: "item-AI-2". The
// prefix keeps it apart from the page's other ids, and the id is escaped
// as a path segment, so the anchor has no space, is valid in a URL as it
// is, and two items (whose ids differ) never share one.
func ActionAnchor(id string) string { return "item-" + url.PathEscape(id) }

// AttachmentPath is where a file kept beside the postmortems is published:
// rel is its path below content/postmortems/ ("2024/images/a.png").
func AttachmentPath(rel string) string { return "postmortems/_files/" + rel }

// SystemPath is the page of one system.
func SystemPath(slug string) string { return "systems/" + Slug(slug) + "/" }

// CausePath is the page of one cause.
func CausePath(slug string) string { return "causes/" + Slug(slug) + "/" }

// TeamPath is the page of one team.
func TeamPath(name string) string { return "teams/" + Slug(name) + "/" }

// TagKey is a tag folded as the search page's tag filter folds a value:
// full- and half-width forms alike (NFKC), in lower case. The spellings of
// one key ("DNS", "dns", "ＤＮＳ") are one tag, with one page; tags of
// different keys are different tags even when they slugify alike ("C++"
// and "C#", "on-call" and "on call").
func TagKey(tag string) string { return strings.ToLower(norm.NFKC.String(tag)) }

// TagPath is the page of one tag ("tags/dns/") when no tag of another key
// slugifies alike; TagPaths gives each tag of a site its own page.
func TagPath(tag string) string { return "tags/" + Slug(tag) + "/" }

// TagPaths returns the page of each tag of tags, by its TagKey. Keys that
// slugify alike get distinct pages: the one that is its own slug
// ("on-call"), else the first in byte order ("c#" before "c++"), has
// TagPath; each other one's slug is followed by "-" and the first 8 hex
// digits of the SHA-256 of its key ("tags/c-a6f8f1ee/"), which no other tag
// changes (16 or all 64 digits where that is another tag's page).
func TagPaths(tags []string) map[string]string {
	bySlug := map[string][]string{} // the keys of each slug, distinct
	paths := map[string]string{}
	for _, tag := range tags {
		k := TagKey(tag)
		if _, ok := paths[k]; ok {
			continue
		}
		s := Slug(tag)
		paths[k] = "tags/" + s + "/"
		bySlug[s] = append(bySlug[s], k)
	}
	var others []string // keys that do not keep their slug's page
	for s, keys := range bySlug {
		if len(keys) == 1 {
			continue
		}
		slices.Sort(keys)
		first := keys[0]
		if i := slices.Index(keys, s); i >= 0 {
			first = keys[i]
		}
		for _, k := range keys {
			if k != first {
				others = append(others, k)
			}
		}
	}
	slices.Sort(others)
	taken := map[string]bool{}
	for _, p := range paths {
		taken[p] = true
	}
	for _, k := range others {
		sum := sha256.Sum256([]byte(k))
		h := hex.EncodeToString(sum[:])
		for _, n := range []int{8, 16, len(h)} {
			p := strings.TrimSuffix(paths[k], "/") + "-" + h[:n] + "/"
			if !taken[p] || n == len(h) {
				paths[k] = p
				taken[p] = true
				break
			}
		}
	}
	return paths
}

// SeverityPath is the page of one severity level.
func SeverityPath(level string) string { return "severity/" + Slug(level) + "/" }

// YearPath is the page of one year.
func YearPath(year int) string { return "years/" + strconv.Itoa(year) + "/" }

// OwnerPath is the action-item page of one owner.
func OwnerPath(owner string) string { return "actions/owners/" + Slug(owner) + "/" }
