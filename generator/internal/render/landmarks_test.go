package render

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestLandmarkNames checks that no two landmarks of a page share a name
// (axe landmark-unique), on every page of the site in both languages with
// a statistics page whose chart is captioned as its section is headed, as
// generator/statspage.go captions them (QA 14 B-F9: the chart's scrolling
// wrapper was a region named as the section around it, so a screen
// reader's landmark list showed each name twice). A landmark here is a
// section or an element of role region or search with a name, or a nav.
func TestLandmarkNames(t *testing.T) {
	landmark := regexp.MustCompile(`<(section|nav|div|form)\b([^>]*)>`)
	attr := func(attrs, name string) (string, bool) {
		m := regexp.MustCompile(`\s` + name + `="([^"]*)"`).FindStringSubmatch(attrs)
		if m == nil {
			return "", false
		}
		return html.UnescapeString(m[1]), true
	}
	stats := Page{Path: "stats/", Section: "stats", Title: "Statistics",
		Sections: []Section{
			{ID: "causes", Heading: "Recurring causes",
				Figure: &Figure{Src: "assets/favicon.svg", Alt: "Bar chart of causes", Caption: "Recurring causes"},
				Table:  &DataTable{Caption: "Incidents per cause", Columns: []string{"Cause", "Incidents"}, Numeric: []bool{false, true}, Rows: [][]Cell{{{Text: "DNS"}, {Text: "1"}}}}},
			{ID: "months", Heading: "Incidents per month",
				Figure: &Figure{Src: "assets/favicon.svg", Alt: "Incidents per month: 1 in 2024-03"}},
		}}
	opts := testOpts
	opts.Pages = []Page{stats}
	for _, lang := range []string{"en", "ja"} {
		files := site(t, testKB(lang, repo), opts)
		checked := 0
		for p, data := range files {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			page := string(data)
			seen := map[string]bool{}
			for _, m := range landmark.FindAllStringSubmatch(page, -1) {
				role, hasRole := attr(m[2], "role")
				if m[1] == "div" && !hasRole || hasRole && role != "region" && role != "search" && role != "navigation" {
					continue
				}
				name, ok := attr(m[2], "aria-label")
				if id, by := attr(m[2], "aria-labelledby"); by {
					name, ok = textOf(page, id), true
				}
				if !ok && m[1] != "nav" {
					continue // a section without a name is no landmark
				}
				key := m[1] + " " + name
				if m[1] == "section" || role == "region" {
					key = "region " + name
				}
				if seen[key] {
					t.Errorf("%s %s: two landmarks are named %q", lang, p, key)
				}
				seen[key] = true
			}
			checked++
		}
		if checked < 20 {
			t.Errorf("%s: only %d pages checked", lang, checked)
		}
		s := fileText(t, files, "stats/index.html")
		for _, want := range []string{`aria-label="Recurring causes"`, `aria-label="Incidents per month: 1 in 2024-03"`} {
			if !strings.Contains(s, want) {
				t.Errorf("%s stats page: no chart named by %s", lang, want)
			}
		}
	}
}

// textOf returns the text of the element of page with the given id, its
// tags left out and its spaces folded, or "" when there is none.
func textOf(page, id string) string {
	m := regexp.MustCompile(`\sid="` + regexp.QuoteMeta(html.EscapeString(id)) + `"[^>]*>(?s:(.*?))</(h[1-6]|caption|span|p|div|label|legend)>`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(stripTags(m[1]))
}
