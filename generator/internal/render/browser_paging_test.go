package render

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// pagedPostmortems is the size of the generated corpus the paging tests
// build: its lists are longer than a page (listPageSize), /actions/ some
// pages long.
const pagedPostmortems = 250

// pagedSite serves the site of a generated corpus of pagedPostmortems
// postmortems and returns its URL and the path of its severity page of
// the most incidents, a list with no filter form.
func pagedSite(t *testing.T) (url, termPage string) {
	t.Helper()
	kb, _ := corpustest.Shared(t, corpus.Options{N: pagedPostmortems, Seed: 1, Today: model.Date{Year: 2026, Month: 11, Day: 27}})
	files, err := Site(kb, themes.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	most := 0
	for _, f := range files {
		if strings.HasPrefix(f.Path, "severity/") && strings.HasSuffix(f.Path, "/index.html") {
			if n := bytes.Count(f.Data, []byte("<tr data-severity=")); n > most {
				most, termPage = n, f.Path
			}
		}
	}
	if most <= listPageSize {
		t.Fatalf("no severity page lists more than %d incidents: the corpus is too small for the test", listPageSize)
	}
	return browsertest.Serve(t, files, nil).URL, termPage
}

// listRows is a table's rows in their order on the page: each one's key
// (an action item's data-key, a postmortem's link) and whether it is
// drawn (has a box: neither hidden nor kept out by the stylesheet).
const listRows = `(id => Array.from(document.getElementById(id).tBodies[0].rows, r => ({
	key: r.getAttribute("data-key") || r.querySelector("th a").getAttribute("href"),
	shown: r.getClientRects().length > 0})))`

type listRow struct {
	Key   string `json:"key"`
	Shown bool   `json:"shown"`
}

// rowsOf returns the keys of table id's rows in their order on the page,
// and of those drawn.
func rowsOf(t *testing.T, ctx context.Context, id string) (all, shown []string) {
	t.Helper()
	for _, r := range browsertest.Eval[[]listRow](t, ctx, listRows+`(`+strconv.Quote(id)+`)`) {
		all = append(all, r.Key)
		if r.Shown {
			shown = append(shown, r.Key)
		}
	}
	return all, shown
}

// scripts turns the page's scripts on or off for the next navigation.
func scripts(t *testing.T, ctx context.Context, on bool) {
	t.Helper()
	browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}

// text returns the text of the element of id, "" when there is none.
func text(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	return browsertest.Eval[string](t, ctx, `(e => e ? e.textContent : "")(document.getElementById(`+strconv.Quote(id)+`))`)
}

// TestBrowserListPaging loads the long lists of a generated site, with
// scripts off and on. Without scripts every row is drawn, in the built
// order, and the pager stays hidden. With them a list shows its first
// listPageSize rows in the built order, says so in its count line, and
// its pager's "more" button shows the next page, then the rest; "all"
// shows every row. A list of severity (no filters) pages the same way.
func TestBrowserListPaging(t *testing.T) {
	url, termPage := pagedSite(t)
	ctx := browsertest.New(t)
	for _, c := range []struct {
		page, table, count, form string
	}{
		{"postmortems/index.html", "postmortems", "pm-count", "pm-filters"},
		{"actions/index.html", "actions", "action-count", "action-filters"},
		{termPage, "incidents", "", ""},
	} {
		scripts(t, ctx, false)
		browsertest.Navigate(t, ctx, url+c.page)
		built, shown := rowsOf(t, ctx, c.table)
		if len(built) <= 2*listPageSize && c.table == "actions" || len(built) <= listPageSize {
			t.Fatalf("%s: %d rows: too few for the test", c.page, len(built))
		}
		if !slices.Equal(shown, built) {
			t.Errorf("%s without scripts: %d of %d rows drawn, want all", c.page, len(shown), len(built))
		}
		if hidden := browsertest.Eval[bool](t, ctx, `document.getElementById("`+c.table+`-pager").getClientRects().length === 0`); !hidden {
			t.Errorf("%s without scripts: the pager is drawn", c.page)
		}

		scripts(t, ctx, true)
		browsertest.Navigate(t, ctx, url+c.page)
		if c.form != "" {
			browsertest.WaitFor(t, ctx, `!document.getElementById("`+c.form+`").hidden`)
		}
		// table.js has shown the first page; the stylesheet's rule that
		// kept the later rows out of layout while the page loaded is off.
		if browsertest.Eval[bool](t, ctx, `document.getElementById("`+c.table+`").hasAttribute("data-page-size")`) {
			t.Errorf("%s: the table keeps data-page-size", c.page)
		}
		n := len(built)
		for _, step := range []struct {
			click string // the pager's button clicked first
			shown int
		}{
			{"", listPageSize},
			{"more", 2 * listPageSize},
			{"all", n},
		} {
			if step.click != "" {
				browsertest.Eval[bool](t, ctx, `(document.querySelector("#`+c.table+`-pager button[data-`+step.click+`]").click(), true)`)
			}
			what := fmt.Sprintf("%s after %q", c.page, step.click)
			all, shown := rowsOf(t, ctx, c.table)
			if !slices.Equal(all, built) {
				t.Errorf("%s: the rows are not in the built order", what)
			}
			if !slices.Equal(shown, built[:min(step.shown, n)]) {
				t.Errorf("%s: %d rows drawn, want the first %d", what, len(shown), min(step.shown, n))
			}
			left := n - min(step.shown, n)
			pager := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#`+c.table+`-pager, #`+c.table+`-pager button"), e => e.getClientRects().length ? e.textContent : "")`)
			want := []string{"", "", ""}
			if left > 0 {
				want = []string{pager[0], fmt.Sprintf("Show %d more", min(left, listPageSize)), ""}
				if left > listPageSize {
					want[2] = fmt.Sprintf("Show all %d", n)
				}
			}
			if !slices.Equal(pager, want) {
				t.Errorf("%s: the pager and its buttons say %q, want %q", what, pager, want)
			}
			// A click moves the focus to the first row it shows, as
			// the search page's Show more does.
			focus := browsertest.Eval[int](t, ctx, `Array.from(document.getElementById("`+c.table+`").tBodies[0].rows).findIndex(r => r.contains(document.activeElement))`)
			if wantFocus := map[string]int{"": -1, "more": listPageSize, "all": 2 * listPageSize}[step.click]; wantFocus < n && focus != wantFocus {
				t.Errorf("%s: the focus is in row %d, want %d", what, focus, wantFocus)
			}
			if c.count != "" {
				if got, want := text(t, ctx, c.count), fmt.Sprintf("Showing %d of %d", min(step.shown, n), n); got != want {
					t.Errorf("%s: count %q, want %q", what, got, want)
				}
			}
		}
	}
}

// TestBrowserListPagingFilters filters, sorts and goes back and forth in
// the long lists of a generated site: a filter that matches more than a
// page shows the first page of its rows in order, and its count line says
// how many match; one that matches fewer shows them all; a sort shows the
// first page of the new order; Back, Forward and Reload come back to as
// many rows as were shown.
func TestBrowserListPagingFilters(t *testing.T) {
	url, _ := pagedSite(t)
	ctx := browsertest.New(t)
	choose := func(form, name, value string) {
		t.Helper()
		browsertest.Eval[bool](t, ctx, `(() => {
			const e = document.getElementById(`+strconv.Quote(form)+`).elements[`+strconv.Quote(name)+`];
			e.value = `+strconv.Quote(value)+`;
			e.dispatchEvent(new Event("input", {bubbles: true}));
			e.dispatchEvent(new Event("change", {bubbles: true}));
			return true;
		})()`)
	}
	more := func(table string) {
		browsertest.Eval[bool](t, ctx, `(document.querySelector("#`+table+`-pager button[data-more]").click(), true)`)
	}
	// firstOf returns the first n keys of the built rows whose attr is v.
	type keyed struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	}
	firstOf := func(rows []keyed, v string, n int) []string {
		var keys []string
		for _, r := range rows {
			if r.Value == v && len(keys) < n {
				keys = append(keys, r.Key)
			}
		}
		return keys
	}
	expect := func(what, table, count string, rows []string, line string) {
		t.Helper()
		_, shown := rowsOf(t, ctx, table)
		if !slices.Equal(shown, rows) {
			t.Errorf("%s: %d rows drawn %q…, want %d %q…", what, len(shown), shown[:min(3, len(shown))], len(rows), rows[:min(3, len(rows))])
		}
		if got := text(t, ctx, count); got != line {
			t.Errorf("%s: count %q, want %q", what, got, line)
		}
	}

	browsertest.Navigate(t, ctx, url+"actions/index.html")
	browsertest.WaitFor(t, ctx, `!document.getElementById("action-filters").hidden`)
	rows := browsertest.Eval[[]keyed](t, ctx, `Array.from(document.getElementById("actions").tBodies[0].rows, r => ({key: r.getAttribute("data-key"), value: r.getAttribute("data-status") + " " + r.getAttribute("data-owner")}))`)
	statusOf := make([]keyed, len(rows))
	ownerOf := make([]keyed, len(rows))
	var built []string
	status, owner := map[string]int{}, map[string]int{}
	for i, r := range rows {
		s, o, _ := strings.Cut(r.Value, " ")
		statusOf[i], ownerOf[i] = keyed{r.Key, s}, keyed{r.Key, o}
		status[s]++
		owner[o]++
		built = append(built, r.Key)
	}
	n := len(rows)
	// A status of more items than a page and fewer than all, and an
	// owner of fewer than a page.
	var many, few string
	for _, s := range slices.Sorted(maps.Keys(status)) {
		if status[s] > listPageSize && status[s] < n && many == "" {
			many = s
		}
	}
	for _, o := range slices.Sorted(maps.Keys(owner)) {
		if owner[o] > 1 && owner[o] < listPageSize && o != "null" && few == "" {
			few = o
		}
	}
	if many == "" || few == "" {
		t.Fatalf("statuses %v, owners %v: none fits the test", status, owner)
	}
	statusLabel := browsertest.Eval[string](t, ctx, `document.querySelector('#af-status option[value=`+strconv.Quote(many)+`]').textContent`)
	ownerLabel := browsertest.Eval[string](t, ctx, `document.querySelector('#af-owner option[value=`+strconv.Quote(few)+`]').textContent`)

	more("actions")
	expect("more", "actions", "action-count", built[:2*listPageSize], fmt.Sprintf("Showing %d of %d", 2*listPageSize, n))
	choose("action-filters", "status", many)
	statusLine := fmt.Sprintf("Showing %d of %d (%d in all) · Status: %s", listPageSize, status[many], n, statusLabel)
	expect("status "+many, "actions", "action-count", firstOf(statusOf, many, listPageSize), statusLine)
	// Back from a page of rows to the entry that showed two, and Forward
	// again: each entry shows as many rows as it did (review: Back and
	// Forward between two entries of two pages each passed without
	// page.restore()).
	browsertest.Eval[bool](t, ctx, `(history.back(), true)`)
	browsertest.WaitFor(t, ctx, `location.search === ""`)
	expect("back from one page", "actions", "action-count", built[:2*listPageSize], fmt.Sprintf("Showing %d of %d", 2*listPageSize, n))
	browsertest.Eval[bool](t, ctx, `(history.forward(), true)`)
	browsertest.WaitFor(t, ctx, `location.search !== ""`)
	expect("forward to one page", "actions", "action-count", firstOf(statusOf, many, listPageSize), statusLine)
	more("actions")
	expect("status "+many+", more", "actions", "action-count", firstOf(statusOf, many, 2*listPageSize),
		strings.Replace(statusLine, fmt.Sprintf("Showing %d ", listPageSize), fmt.Sprintf("Showing %d ", min(2*listPageSize, status[many])), 1))
	browsertest.Eval[bool](t, ctx, `(history.back(), true)`)
	browsertest.WaitFor(t, ctx, `location.search === ""`)
	expect("back", "actions", "action-count", built[:2*listPageSize], fmt.Sprintf("Showing %d of %d", 2*listPageSize, n))
	browsertest.Eval[bool](t, ctx, `(history.forward(), true)`)
	browsertest.WaitFor(t, ctx, `location.search !== ""`)
	expect("forward", "actions", "action-count", firstOf(statusOf, many, 2*listPageSize),
		strings.Replace(statusLine, fmt.Sprintf("Showing %d ", listPageSize), fmt.Sprintf("Showing %d ", min(2*listPageSize, status[many])), 1))
	browsertest.Navigate(t, ctx, url+"actions/index.html?owner="+few)
	browsertest.WaitFor(t, ctx, `!document.getElementById("action-filters").hidden`)
	expect("owner "+few, "actions", "action-count", firstOf(ownerOf, few, n), fmt.Sprintf("Showing %d of %d · Owner: %s", owner[few], n, ownerLabel))
	if drawn := browsertest.Eval[bool](t, ctx, `document.getElementById("actions-pager").getClientRects().length > 0`); drawn {
		t.Errorf("owner %s: the pager is drawn with every match shown", few)
	}

	// A sort shows the first page of the new order, on a click and from
	// the URL; more then shows the next page of it.
	browsertest.Navigate(t, ctx, url+"postmortems/index.html")
	browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
	pmBuilt, _ := rowsOf(t, ctx, "postmortems")
	more("postmortems")
	browsertest.Eval[bool](t, ctx, `(document.querySelector('#postmortems thead th[data-col="title"] button.sort').click(), true)`)
	sorted, shown := rowsOf(t, ctx, "postmortems")
	if slices.Equal(sorted, pmBuilt) {
		t.Fatal("sorting by title kept the built order: the test would prove nothing")
	}
	count := fmt.Sprintf("Showing %d of %d", listPageSize, len(pmBuilt))
	if !slices.Equal(shown, sorted[:listPageSize]) || text(t, ctx, "pm-count") != count {
		t.Errorf("sorted by title: %d rows drawn (the first page of the order: %v), count %q, want %q",
			len(shown), slices.Equal(shown, sorted[:min(len(shown), len(sorted))]), text(t, ctx, "pm-count"), count)
	}
	more("postmortems")
	if _, shown := rowsOf(t, ctx, "postmortems"); !slices.Equal(shown, sorted[:2*listPageSize]) {
		t.Errorf("sorted by title, more: %d rows drawn, want the first %d of the order", len(shown), 2*listPageSize)
	}
	// Reload keeps as many rows as were shown, in the URL's order.
	browsertest.Run(t, ctx, chromedp.Reload())
	browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
	if all, shown := rowsOf(t, ctx, "postmortems"); !slices.Equal(all, sorted) || !slices.Equal(shown, sorted[:2*listPageSize]) {
		t.Errorf("reloaded: %d rows drawn, want the first %d of the title order (in it: %v)", len(shown), 2*listPageSize, slices.Equal(all, sorted))
	}
}

// TestBrowserListPagingFragment follows a link to a spot on the page of a
// long list (review: the skip link's #main makes a history entry without
// state and fires popstate, and table.js read the URL again: on /actions/
// Show all, then Tab and Enter on "Skip to content", showed one page). The
// rows shown stay, there and Back, while Back after a filter still reads
// the URL.
func TestBrowserListPagingFragment(t *testing.T) {
	url, _ := pagedSite(t)
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, url+"actions/index.html")
	browsertest.WaitFor(t, ctx, `!document.getElementById("action-filters").hidden`)
	built, _ := rowsOf(t, ctx, "actions")
	if len(built) <= 2*listPageSize {
		t.Fatalf("/actions/: %d rows: too few for the test", len(built))
	}
	expect := func(what string, n int) {
		t.Helper()
		if _, shown := rowsOf(t, ctx, "actions"); !slices.Equal(shown, built[:n]) {
			t.Errorf("%s: %d rows drawn, want the first %d", what, len(shown), n)
		}
	}
	browsertest.Eval[bool](t, ctx, `(document.querySelector("#actions-pager button[data-all]").click(), true)`)
	expect("all", len(built))
	browsertest.Eval[bool](t, ctx, `(document.querySelector('a.skip-link[href="#main"]').focus(), true)`)
	browsertest.Eval[bool](t, ctx, `(window.pmkbPopped = 0, addEventListener("popstate", () => window.pmkbPopped++), true)`)
	browsertest.Run(t, ctx, chromedp.KeyEvent(kb.Enter))
	browsertest.WaitFor(t, ctx, `location.hash === "#main"`)
	// Without a popstate the test would prove nothing.
	browsertest.WaitFor(t, ctx, `window.pmkbPopped > 0`)
	expect("all, then the skip link", len(built))
	browsertest.Eval[bool](t, ctx, `(history.back(), true)`)
	browsertest.WaitFor(t, ctx, `location.hash === ""`)
	expect("all, the skip link, then Back", len(built))

	// A filter, then Back, still shows the entry's rows.
	browsertest.Eval[bool](t, ctx, `(() => {
		const e = document.getElementById("af-overdue");
		e.click();
		return true;
	})()`)
	browsertest.WaitFor(t, ctx, `location.search !== ""`)
	browsertest.Eval[bool](t, ctx, `(history.back(), true)`)
	browsertest.WaitFor(t, ctx, `location.search === ""`)
	expect("overdue, then Back", len(built))
}

// TestBrowserListFilterOnePass counts the passes of the list filters over
// the rows when a menu value is chosen or a box ticked (review: each fires
// input, then change, and each filtered every row: a status filter on
// 26,000 rows ran twice, ~200 ms each). Each pass reads every row's hidden
// property once, so the reads of the first row's are counted. A menu
// chosen, a box ticked, the same menu value again (nothing changes: no
// pass) and words typed (one pass a key) are checked on the postmortem
// list and /actions/, and the history gets one entry per change.
func TestBrowserListFilterOnePass(t *testing.T) {
	files, err := Site(testKB("en", repo), themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.OnNewDocument(t, ctx, `window.pmkbPasses = 0; (d => Object.defineProperty(HTMLElement.prototype, "hidden", {configurable: true, set: d.set, get: function () {
		if (this.tagName === "TR" && this.parentNode && this.parentNode.firstElementChild === this && this.closest("#postmortems, #actions")) window.pmkbPasses++;
		return d.get.call(this);
	}}))(Object.getOwnPropertyDescriptor(HTMLElement.prototype, "hidden"));`)
	for _, c := range []struct {
		page, form, menu, box, text string
	}{
		{"postmortems/index.html", "pm-filters", "severity", "", "text"},
		{"actions/index.html", "action-filters", "status", "overdue", ""},
	} {
		browsertest.Navigate(t, ctx, srv.URL+c.page)
		browsertest.WaitFor(t, ctx, `document.readyState === "complete" && !document.getElementById("`+c.form+`").hidden`)
		form := `document.getElementById("` + c.form + `")`
		step := func(what, js string, passes, entries int) {
			t.Helper()
			before := browsertest.Eval[int](t, ctx, `(window.pmkbPasses = 0, history.length)`)
			browsertest.Eval[bool](t, ctx, `(() => { const f = `+form+`; `+js+`; return true; })()`)
			if got := browsertest.Eval[int](t, ctx, `window.pmkbPasses`); got != passes {
				t.Errorf("%s, %s: filtered %d times, want %d", c.page, what, got, passes)
			}
			if got := browsertest.Eval[int](t, ctx, `history.length`) - before; got != entries {
				t.Errorf("%s, %s: %d history entries added, want %d", c.page, what, got, entries)
			}
		}
		// A menu's second option, as a browser chooses it: input, then change.
		choose := `const e = f.elements["` + c.menu + `"]; e.selectedIndex = %d; e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true}))`
		step("menu chosen", fmt.Sprintf(choose, 1), 1, 1)
		step("menu chosen again", fmt.Sprintf(choose, 1), 0, 0)
		step("menu cleared", fmt.Sprintf(choose, 0), 1, 1)
		if c.box != "" {
			// click() fires input, then change, as a tick does.
			step("box ticked", `f.elements["`+c.box+`"].click()`, 1, 1)
			step("box unticked", `f.elements["`+c.box+`"].click()`, 1, 1)
		}
		if c.text == "" {
			continue
		}
		// Words: a pass a key, one entry for the words, and none more
		// when the box loses the focus (change) or Enter submits them.
		typeKey := `const e = f.elements["` + c.text + `"]; e.value += %q; e.dispatchEvent(new Event("input", {bubbles: true}))`
		step("first key", fmt.Sprintf(typeKey, "c"), 1, 1)
		step("second key", fmt.Sprintf(typeKey, "e"), 1, 0)
		step("change", `f.elements["`+c.text+`"].dispatchEvent(new Event("change", {bubbles: true}))`, 0, 0)
		step("submit", `f.requestSubmit()`, 0, 0)
	}
}
