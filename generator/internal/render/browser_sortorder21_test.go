package render

import (
	"fmt"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// TestBrowserSortOrderNamed checks what a screen reader learns of a
// sortable table's order (QA 21 C-F2): its name (the caption) said the
// built order ("Postmortems, newest first") after a sort by title, a
// click on a sort button was silent, and no column header carried
// aria-sort in the built order. Now the column the built order follows
// has aria-sort at load, the table's accessible name says the order it
// is sorted in, in the page's language, a click is said in a polite
// status, and Back puts the built name and aria-sort back; the URL of the
// built order has no sort.
func TestBrowserSortOrderNamed(t *testing.T) {
	type step struct {
		click       int    // the column clicked, from 0; -1: history.back()
		name        string // the table's accessible name after it
		sorted      string // "column=aria-sort" of the one header that has it, "" for none
		said, query string
	}
	cases := []struct {
		lang, page, table string
		load              step // at load: click is unused
		steps             []step
	}{
		{"en", "postmortems/index.html", "postmortems",
			step{0, "Postmortems, newest first", "0=descending", "", ""},
			[]step{
				{1, "Postmortems, sorted by Title, ascending", "1=ascending", "Sorted by Title, ascending", "?sort=title"},
				{1, "Postmortems, sorted by Title, descending", "1=descending", "Sorted by Title, descending", "?sort=-title"},
				{0, "Postmortems, sorted by Date, ascending", "0=ascending", "Sorted by Date, ascending", "?sort=date"},
				{-1, "Postmortems, sorted by Title, descending", "1=descending", "", "?sort=-title"},
				{-1, "Postmortems, sorted by Title, ascending", "1=ascending", "", "?sort=title"},
				{-1, "Postmortems, newest first", "0=descending", "", ""},
			}},
		{"ja", "postmortems/index.html", "postmortems",
			step{0, "ポストモーテム（新しい順）", "0=descending", "", ""},
			[]step{
				{1, "ポストモーテム（タイトルの昇順）", "1=ascending", "タイトルの昇順に並べ替えました", "?sort=title"},
				{-1, "ポストモーテム（新しい順）", "0=descending", "", ""},
			}},
		{"en", "actions/index.html", "actions",
			step{0, "Action items, most urgent first: overdue, then open by due date, then closed", "", "", ""},
			[]step{
				{4, "Action items, sorted by Since incident, descending", "4=descending", "Sorted by Since incident, descending", "?sort=-age"},
			}},
		{"ja", "actions/index.html", "actions",
			step{0, "アクションアイテム（緊急度順：期限切れ、未完了を期限順、完了）", "", "", ""},
			[]step{
				{4, "アクションアイテム（発生からの降順）", "4=descending", "発生からの降順に並べ替えました", "?sort=-age"},
			}},
		{"en", "actions/owners/index.html", "owners",
			step{0, "Owners", "0=ascending", "", ""},
			[]step{
				{1, "Owners, sorted by Action items, descending", "1=descending", "Sorted by Action items, descending", ""},
				{0, "Owners, sorted by Owner, ascending", "0=ascending", "Sorted by Owner, ascending", ""},
			}},
		{"en", "systems/index.html", "terms",
			step{0, "Systems", "0=ascending", "", ""},
			[]step{
				{1, "Systems, sorted by Incidents, descending", "1=descending", "Sorted by Incidents, descending", ""},
			}},
		{"en", "stats/index.html", "t1-1",
			step{0, "Postmortems per cause, most frequent first", "1=ascending", "", ""},
			[]step{
				{0, "Postmortems per cause, sorted by Cause, ascending", "0=ascending", "Sorted by Cause, ascending", ""},
			}},
		{"ja", "stats/index.html", "t1-1",
			step{0, "原因ごとのポストモーテム数（多い順）", "1=ascending", "", ""},
			[]step{
				{0, "原因ごとのポストモーテム数（原因の昇順）", "0=ascending", "原因の昇順に並べ替えました", ""},
			}},
		{"en", "stats/index.html", "t1-2",
			step{0, "Postmortems per period", "", "", ""},
			[]step{
				{1, "Postmortems per period, sorted by 2024-Q1, ascending", "1=ascending", "Sorted by 2024-Q1, ascending", ""},
			}},
	}
	servers := map[string]*browsertest.Server{}
	for _, lang := range []string{"en", "ja"} {
		servers[lang] = serveSortSite(t, lang)
	}
	ctx := browsertest.New(t)
	for _, c := range cases {
		srv := servers[c.lang]
		browsertest.Navigate(t, ctx, srv.URL+c.page)
		table := `document.getElementById("` + c.table + `")`
		browsertest.WaitFor(t, ctx, table+`.tHead.rows[0].cells[0].querySelector("button.sort")`)
		state := func(s step) step {
			var got step
			got.click = s.click
			got.name = axName(t, ctx, table)
			got.sorted = browsertest.Eval[string](t, ctx, `Array.from(`+table+`.tHead.rows[0].cells).map((h, i) => h.hasAttribute("aria-sort") ? i + "=" + h.getAttribute("aria-sort") : "").filter(Boolean).join(" ")`)
			got.said = browsertest.Eval[string](t, ctx, `(() => { const s = `+table+`.closest(".table-wrap").nextElementSibling; return s && s.getAttribute("role") === "status" ? s.textContent.trim() : "no status after the table"; })()`)
			got.query = browsertest.Eval[string](t, ctx, `location.search`)
			return got
		}
		where := fmt.Sprintf("%s %s #%s", c.lang, c.page, c.table)
		if got := state(c.load); got != c.load {
			t.Errorf("%s at load: %+v, want %+v", where, got, c.load)
		}
		said := ""
		for i, s := range c.steps {
			if s.click < 0 {
				before := browsertest.Eval[string](t, ctx, `location.search`)
				browsertest.Eval[bool](t, ctx, `(history.back(), true)`)
				browsertest.WaitFor(t, ctx, fmt.Sprintf(`location.search !== %q`, before))
				s.said = said // Back says nothing new
			} else {
				browsertest.Eval[bool](t, ctx, fmt.Sprintf(`(%s.tHead.rows[0].cells[%d].querySelector("button.sort").click(), true)`, table, s.click))
				said = s.said
			}
			if got := state(s); got != s {
				t.Errorf("%s step %d: %+v, want %+v", where, i+1, got, s)
			}
		}
	}
}

// serveSortSite serves the test site in lang with a page of two
// statistics tables as the statistics page makes them: the causes with
// their rank, in the theme's words, and a table without an order.
func serveSortSite(t *testing.T, lang string) *browsertest.Server {
	t.Helper()
	kb := testKB(lang, repo)
	kb.Config.BaseURL = "/"
	causes := map[string][]string{
		"en": {"Postmortems per cause, most frequent first", "Cause", "Rank", "Incidents"},
		"ja": {"原因ごとのポストモーテム数（多い順）", "原因", "順位", "件数"},
	}[lang]
	opts := testOpts
	opts.Pages = []Page{{Path: "stats/", Section: "stats", Title: "Stats", Sections: []Section{
		{ID: "causes", Heading: "Causes", Table: &DataTable{Caption: causes[0], Columns: causes[1:], Numeric: []bool{false, true, true},
			Rows: [][]Cell{{{Text: "DNS"}, {Text: "1"}, {Text: "3"}}, {{Text: "Bad deploy"}, {Text: "2"}, {Text: "1"}}}}},
		{ID: "trend", Heading: "Trend", Table: &DataTable{Caption: "Postmortems per period", Columns: []string{"Cause", "2024-Q1"}, Numeric: []bool{false, true},
			Rows: [][]Cell{{{Text: "DNS"}, {Text: "1"}}, {{Text: "Bad deploy"}, {Text: "2"}}}}},
	}}}
	files, err := Site(kb, themes.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return browsertest.Serve(t, files, nil)
}
