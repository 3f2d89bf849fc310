package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestActionColumnsOnlyWhenUsed checks that the Priority, Kind and Tracker
// columns of action tables are there only when an action item of the site
// has a priority, a kind or a tracker link (QA: for a team that does not
// use them they only took width), that every row then has as many cells as
// the head has columns, on every page with an action table, and that the
// Kind and Team filters of /actions/ are there only when an item has a
// kind and a postmortem a team (QA: a Kind filter whose every choice gave
// 0, a Team filter offering only "All").
func TestActionColumnsOnlyWhenUsed(t *testing.T) {
	tableOf := regexp.MustCompile(`(?s)<table id="(actions|overdue|pm-actions)".*?</table>`)
	rowOf := regexp.MustCompile(`(?s)<tr[ >].*?</tr>`)
	cellOf := regexp.MustCompile(`<t[dh][ >]`)
	for _, c := range []struct {
		name                       string
		priority, kind, link, team bool
		wantCols                   int
	}{
		{"all used", true, true, true, true, 11},
		{"no priority", false, true, true, true, 10},
		{"no kind", true, false, true, true, 10},
		{"no link", true, true, false, true, 10},
		{"no team", true, true, true, false, 11},
		{"none", false, false, false, false, 8},
	} {
		kb := testKB("en", repo)
		for _, p := range kb.Postmortems {
			for i := range p.ActionItems {
				a := &p.ActionItems[i]
				if !c.priority {
					a.Priority = ""
				} else if a.Priority == "" {
					a.Priority = "P2"
				}
				if !c.kind {
					a.Kind = ""
				}
				if !c.link {
					a.Link = ""
				}
			}
			if !c.team {
				p.Teams = nil
			}
		}
		files := site(t, kb, testOpts)
		tables := 0
		for _, page := range []string{"actions/index.html", "actions/owners/aiko/index.html", "index.html",
			"postmortems/2024-03-14-checkout-cert/index.html"} {
			for _, tbl := range tableOf.FindAllString(fileText(t, files, page), -1) {
				tables++
				for col, want := range map[string]bool{"Priority": c.priority, "Kind": c.kind, "Tracker": c.link} {
					if got := strings.Contains(tbl, `<th scope="col" data-col="`+strings.ToLower(col)+`">`+col+`</th>`); got != want {
						t.Errorf("%s: %s: %s column = %v, want %v", c.name, page, col, got, want)
					}
				}
				if got := strings.Contains(tbl, ` tracker`); got != c.link {
					t.Errorf("%s: %s: table class tracker (for the print columns) = %v, want %v", c.name, page, got, c.link)
				}
				for i, row := range rowOf.FindAllString(tbl, -1) {
					if n := len(cellOf.FindAllString(row, -1)); n != c.wantCols {
						t.Errorf("%s: %s: row %d has %d cells, want %d", c.name, page, i, n, c.wantCols)
					}
				}
			}
		}
		if tables != 4 {
			t.Errorf("%s: %d action tables found, want 4", c.name, tables)
		}
		actions := fileText(t, files, "actions/index.html")
		for filter, want := range map[string]bool{`<select id="af-kind" name="kind">`: c.kind, `<select id="af-team" name="team">`: c.team,
			`<select id="af-owner" name="owner">`: true, `<select id="af-system" name="system">`: true} {
			if got := strings.Contains(actions, filter); got != want {
				t.Errorf("%s: /actions/ has %s = %v, want %v", c.name, filter, got, want)
			}
		}
		term := section(t, fileText(t, files, "systems/api-gateway/index.html"), "h-open")
		if got := strings.Contains(term, `<th scope="col">Kind</th>`); got != c.kind {
			t.Errorf("%s: system page's open items: Kind column = %v, want %v", c.name, got, c.kind)
		}
	}
}

// TestNotClosedCounts checks that the number of action items not closed
// (open or in progress) has one name and links to the filter that shows
// that many: the home and term cards and the /actions/ summary said "open"
// for it and linked to ?status=open, which shows only the open ones.
func TestNotClosedCounts(t *testing.T) {
	kb := testKB("en", repo)
	notClosed, open := 0, 0
	for _, r := range kb.Actions() {
		if !r.Item.IsClosed() {
			notClosed++
		}
		if r.Item.Status == "" || r.Item.Status == model.ActionOpen {
			open++
		}
	}
	if notClosed == open {
		t.Fatalf("fixture: %d not closed and %d open: the test needs an item in progress", notClosed, open)
	}
	files := site(t, kb, testOpts)
	n := func(i int) string { return `<span class="num">` + strconv.Itoa(i) + `</span>` }
	for page, want := range map[string][]string{
		"index.html": {`<a href="./actions/index.html?status=active">` + n(notClosed) + ` <span class="what">action items not closed</span></a>`},
		"actions/index.html": {
			`>Action items: 7. Not closed: ` + strconv.Itoa(notClosed) + `. Overdue:`,
			`<option value="active">Not closed</option><option value="open">Open</option>`,
		},
		"systems/checkout-api/index.html": {`<a href="../../actions/index.html?system=checkout-api&amp;status=active">`},
	} {
		got := fileText(t, files, page)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
		if strings.Contains(got, "status=open") {
			t.Errorf("%s links to status=open", page)
		}
	}
}

// TestSearchNoScript checks that without JavaScript the search page links
// to the list of postmortems.
func TestSearchNoScript(t *testing.T) {
	for lang, want := range map[string]string{
		"en": `<noscript><p>Search needs JavaScript. <a href="../postmortems/index.html">Browse the list of all postmortems instead.</a></p></noscript>`,
		"ja": `<noscript><p>検索には JavaScript が必要です。 <a href="../postmortems/index.html">代わりにポストモーテムの一覧をご覧ください。</a></p></noscript>`,
	} {
		if got := fileText(t, site(t, testKB(lang, repo), testOpts), "search/index.html"); !strings.Contains(got, want) {
			t.Errorf("%s: search page lacks %s", lang, want)
		}
	}
}
