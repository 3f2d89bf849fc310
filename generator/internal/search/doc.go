package search

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/model"
)

// Field is one searchable part of a postmortem with its weight in ranking.
type Field struct {
	// Name is the field's name in the bleve index and the export.
	Name string
	// Boost multiplies the field's BM25 score.
	Boost float64
}

// Fields are the indexed fields. A word in a cause counts six times a
// word in the body; in the title or a tag three times; the summary and
// teams twice; impact, systems and action-item titles one and a half
// times (an item's tracker key, SRCH-201, is searched with the titles:
// see trackerKey). Tags are the author's own labels (repeat-incident,
// postgres, 再発), as telling as the title; they come last so that the
// other fields keep their numbers. A cause says what the incident was about, while a
// system's name is also written in the title and text of every incident of
// that system, so a word matching a cause must weigh more than the same
// word in a system name ("dns": the incidents caused by DNS, not every
// incident of the DNS Resolver), and more than a passing mention in the
// summary and the body together, each scored on its own ("deploy": the
// incidents caused by a bad deploy, one of three causes too, before those
// whose certificate "was issued and deployed by hand").
var Fields = []Field{
	{"title", 3},
	{"summary", 2},
	{"impact", 1.5},
	{"causes", 6},
	{"systems", 1.5},
	{"teams", 2},
	{"actions", 1.5},
	{"body", 1},
	{"tags", 3},
}

const nFields = 9

// BM25 parameters shared with search.js.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Facet names, in the order filters are shown and written in the export.
var facetNames = []string{"severity", "system", "cause", "team", "year", "tag"}

// docInfo is what the engine keeps of a postmortem besides its postings.
type docInfo struct {
	ID       string
	Path     string
	Title    string
	URL      string
	Severity string
	Date     string // YYYY-MM-DD
	Systems  []string
	// Facets holds the facet values in facetNames order.
	Facets [6][]string
	// Lens are the number of terms of each field.
	Lens [nFields]int
	// Snippet is the text snippets are cut from.
	Snippet string
	// Lang is the postmortem's language when it differs from the site's.
	Lang string
	// Draft is set for a draft, whose verdict depends on the other files
	// (heldDrafts): Related are then its related: ids, and IDLine and
	// RelatedLines the file lines of its id (its id: line, else the front
	// matter's) and of each related id, where pmkb build --drafts names
	// the problem (QA 19r F3).
	Draft        bool
	Related      []string
	IDLine       int
	RelatedLines []int
}

// fieldTexts returns the text of each field of p, in Fields order.
func fieldTexts(p *model.Postmortem, cfg *model.SiteConfig) [nFields]string {
	var causes, systems []string
	for _, c := range p.Causes {
		t, _ := cfg.Cause(c)
		causes = append(causes, labelled(c, t.Name))
	}
	for _, s := range p.Systems {
		sys, _ := cfg.System(s)
		systems = append(systems, labelled(s, sys.Name))
	}
	var actions []string
	for _, a := range p.ActionItems {
		actions = append(actions, a.Title)
		if key := trackerKey(a.Link); key != "" {
			actions = append(actions, key)
		}
	}
	return [nFields]string{
		p.Title,
		p.Summary,
		p.Impact,
		strings.Join(causes, "\n"),
		strings.Join(systems, "\n"),
		strings.Join(p.Teams, "\n"),
		strings.Join(actions, "\n"),
		p.Text,
		strings.Join(p.Tags, "\n"),
	}
}

// trackerKey is the issue key of an action item's tracker link, as the
// postmortem's page shows it (render's linkParts): the link's last path
// segment, without a query or a fragment: SRCH-201 of
// https://tracker.example.com/SRCH-201, PAY-812 of …/browse/PAY-812/. It
// is searched with the action items' titles (QA 16 C-F7: the ticket of
// last time's follow-up is often all the on-call engineer has), and
// nothing else of the link is: the scheme and the tracker's host would be
// in every postmortem with a link. "" for a link without a path.
func trackerKey(link string) string {
	s := link
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, "/")
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return ""
	}
	return s[i+1:]
}

// labelled is a slug followed by its display name when that says more.
func labelled(slug, name string) string {
	if name == "" || name == slug {
		return slug
	}
	return slug + " " + name
}

// snippetBytes caps the text kept for snippets, in bytes of UTF-8. The
// text goes with every search result (search/d/, one file per document),
// so the cap bounds what the browser downloads for the documents of a
// first query: ten of them, about 2 KB each at most. It holds the summary,
// the impact and the first paragraphs of a body (2,000 letters of English,
// about 680 characters of Japanese), where a snippet finds the passage
// that matched (snippet in query.go, search.js's highlight).
const snippetBytes = 2 << 10

// newDocInfo describes p; lens are filled by the indexer.
func newDocInfo(p *model.Postmortem, siteLang string) docInfo {
	d := docInfo{
		ID:       p.ID,
		Path:     p.Path,
		Title:    p.Title,
		URL:      model.PostmortemPath(p.ID),
		Severity: p.Severity,
		Systems:  append([]string(nil), p.Systems...),
	}
	if p.Lang != "" && p.Lang != siteLang {
		d.Lang = p.Lang
	}
	if !p.Date.IsZero() {
		d.Date = p.Day().String()
		d.Facets[4] = []string{strconv.Itoa(p.Date.Year())}
	}
	if p.Severity != "" {
		d.Facets[0] = []string{p.Severity}
	}
	d.Facets[1] = uniq(p.Systems)
	d.Facets[2] = uniq(p.Causes)
	d.Facets[3] = uniq(p.Teams)
	d.Facets[5] = uniq(p.Tags)
	d.Snippet = snippetText(p)
	if p.Draft() {
		d.Draft = true
		d.Related = slices.Clone(p.Related)
		d.IDLine = p.Line("id")
		if len(p.Related) > 0 {
			d.RelatedLines = make([]int, len(p.Related))
			for i := range p.Related {
				d.RelatedLines[i] = relatedLine(p, i)
			}
		}
	}
	return d
}

// relatedLine is the line of p's related id i, as validate's itemLine
// gives it: its own line in a block list, else the related: line.
func relatedLine(p *model.Postmortem, i int) int {
	if l, ok := p.Lines["related["+strconv.Itoa(i)+"]"]; ok {
		return l
	}
	return p.Line("related")
}

// snippetText is the text snippets are cut from: the summary, the impact and
// the body's prose, each with runs of white space folded to one space and
// trimmed, joined by " — ", at most snippetBytes bytes, cut before a rune
// (then "…").
func snippetText(p *model.Postmortem) string {
	var arr [snippetBytes + 16]byte // the longest text, on the stack
	b := arr[:0]
	for _, s := range []string{p.Summary, p.Impact, p.Prose()} {
		if len(b) > snippetBytes {
			break
		}
		b = appendCollapsed(b, s, snippetBytes+1)
	}
	if len(b) <= snippetBytes {
		return string(b)
	}
	cut := snippetBytes
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	s := strings.TrimSuffix(strings.TrimRight(string(b[:cut]), " "), " —")
	return s + "…"
}

// appendCollapsed appends s with runs of white space folded to one space
// and the ends trimmed, after " — " if b has text and s has any, and stops
// once b is limit bytes long or longer.
func appendCollapsed(b []byte, s string, limit int) []byte {
	space, n := false, 0
	for _, r := range s {
		if len(b) >= limit {
			break
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		switch {
		case n == 0 && len(b) > 0:
			b = append(b, " — "...)
		case n > 0 && space:
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
		n++
	}
	return b
}

func uniq(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
