package render

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// The browser tests run the site's scripts in headless Chromium. They fail
// when no browser is installed; set PMKB_NO_BROWSER=1 to skip them (see
// package browsertest). They rely on the machine's clock being after
// 2024-05-01, the last due date of the test knowledge base.

const visibleKeys = `Array.from(document.querySelectorAll("#actions tbody tr")).filter(r => !r.hidden).map(r => r.dataset.key).sort()`

// TestBrowserActions filters the action items by owner, by overdue and by
// status, and checks that overdue is re-checked against the browser's
// clock: the build's today (2024-01-01) makes nothing overdue.
func TestBrowserActions(t *testing.T) {
	kb := testKB("en", repo)
	kb.Today = day(2024, 1, 1)
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "actions/index.html" && strings.Contains(string(f.Data), `data-overdue="true"`) {
			t.Fatalf("the build marks rows overdue; the re-check below would prove nothing")
		}
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)

	check := func(query string, want []string) {
		t.Helper()
		browsertest.Navigate(t, ctx, srv.URL+"actions/index.html"+query)
		browsertest.WaitFor(t, ctx, `!document.getElementById("action-filters").hidden`)
		got := browsertest.Eval[[]string](t, ctx, visibleKeys)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("actions%s: visible rows %q, want %q", query, got, want)
		}
		if count := browsertest.Eval[string](t, ctx, `document.getElementById("action-count").textContent`); !strings.HasPrefix(count, "Showing ") {
			t.Errorf("actions%s: count reads %q", query, count)
		}
	}
	evilKey := "2024-01-05-evil#" + hostile
	check("?owner=aiko", []string{"2024-03-14-checkout-cert#AI-2"})
	check("?owner=ben", []string{"2024-03-14-checkout-cert#AI-1", "2024-03-14-checkout-cert#AI-3"})
	check("?overdue=1", []string{"2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3", "2024-02-01-billing-batch#AI-1", evilKey})
	check("?overdue=1&team=payments", []string{"2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3", "2024-02-01-billing-batch#AI-1"})
	check("?status=active&system=api-gateway", []string{"2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3"})
	check("?kind=prevent", []string{"2024-03-14-checkout-cert#AI-1", "2024-02-01-billing-batch#AI-1"})
	check("", []string{"2023-11-02-gateway-cert-rotation#AI-1", "2024-01-05-evil#AI-2", "2024-02-01-billing-batch#AI-1",
		"2024-03-14-checkout-cert#AI-1", "2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3", evilKey})

	// The re-checked rows show their flag, and the closed ones do not.
	flags := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#actions tbody tr")).filter(r => !r.querySelector(".overdue-flag").hidden).map(r => r.dataset.key).sort()`)
	if want := []string{"2024-02-01-billing-batch#AI-1", evilKey, "2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3"}; !slices.Equal(flags, slices.Sorted(slices.Values(want))) {
		t.Errorf("overdue flags shown on %q, want %q", flags, want)
	}

	// Choosing filters in the form updates the rows and the URL.
	browsertest.Eval[bool](t, ctx, `(() => {
		const f = document.getElementById("action-filters");
		f.elements.owner.value = "ben";
		f.elements.owner.dispatchEvent(new Event("change", {bubbles: true}));
		f.elements.overdue.checked = true;
		f.elements.overdue.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`)
	if got := browsertest.Eval[[]string](t, ctx, visibleKeys); !slices.Equal(got, []string{"2024-03-14-checkout-cert#AI-3"}) {
		t.Errorf("owner ben + overdue: visible rows %q", got)
	}
	if got := browsertest.Eval[string](t, ctx, `location.search`); got != "?owner=ben&overdue=1" {
		t.Errorf("URL query after filtering = %q, want ?owner=ben&overdue=1", got)
	}
	// The count line names the filters, so that a printout says whose
	// list it is.
	if got := browsertest.Eval[string](t, ctx, `document.getElementById("action-count").textContent`); got != "Showing 1 of 7 · Owner: ben · Overdue only" {
		t.Errorf("count line after filtering = %q", got)
	}

	// Each filter change is a history entry: Back undoes the last one
	// (QA 12 F6), and a sort is in the URL.
	browsertest.Eval[bool](t, ctx, `(history.back(), true)`)
	browsertest.WaitFor(t, ctx, `location.search === "?owner=ben"`)
	if got := browsertest.Eval[[]string](t, ctx, visibleKeys); !slices.Equal(got, []string{"2024-03-14-checkout-cert#AI-1", "2024-03-14-checkout-cert#AI-3"}) {
		t.Errorf("back to owner ben: visible rows %q", got)
	}
	if browsertest.Eval[bool](t, ctx, `document.getElementById("action-filters").elements.overdue.checked`) {
		t.Errorf("back to owner ben: overdue still ticked")
	}
	browsertest.Eval[bool](t, ctx, `(document.querySelector('#actions thead th[data-col="due"] button.sort').click(), true)`)
	browsertest.WaitFor(t, ctx, `location.search === "?owner=ben&sort=due"`)

	// A postmortem page re-checks its own items too.
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/2024-03-14-checkout-cert/index.html")
	browsertest.WaitFor(t, ctx, `document.querySelector('tr[data-key$="AI-2"]').dataset.overdue === "true"`)
	if got := browsertest.Eval[bool](t, ctx, `document.querySelector('tr[data-key$="AI-1"]').classList.contains("overdue")`); got {
		t.Errorf("a done item was marked overdue")
	}

	browsertest.Navigate(t, ctx, srv.URL+"postmortems/2024-01-05-evil/index.html")
	if got := browsertest.Eval[int](t, ctx, `document.querySelectorAll("img, script:not([src])").length`); got != 0 {
		t.Errorf("the hostile page has %d img or inline script elements", got)
	}
	if d := dialogs(); len(d) != 0 {
		t.Errorf("dialogs opened: %q", d)
	}
}

const visibleTitles = `Array.from(document.querySelectorAll("#postmortems tbody tr")).filter(r => !r.hidden).map(r => r.querySelector("th a").textContent)`

// TestBrowserPostmortems sorts the postmortem list by column and filters it
// from the URL and from the form.
func TestBrowserPostmortems(t *testing.T) {
	files, err := Site(testKB("en", repo), themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)
	const (
		cert    = "Checkout API returned 503 after TLS certificate expired"
		gateway = "Gateway certificate rotation dropped connections"
		billing = "請求バッチが二重に実行された"
		evil    = "Evil " + hostile
	)
	load := func(query string) {
		t.Helper()
		browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html"+query)
		browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
	}
	expect := func(what string, want ...string) {
		t.Helper()
		if got := browsertest.Eval[[]string](t, ctx, visibleTitles); !slices.Equal(got, want) {
			t.Errorf("%s: rows %q, want %q", what, got, want)
		}
	}

	load("")
	expect("as built (newest first)", cert, billing, evil, gateway)
	click := func(col int) {
		browsertest.Eval[bool](t, ctx, `(document.querySelectorAll("#postmortems thead th")[`+strconv.Itoa(col)+`].querySelector("button.sort").click(), true)`)
	}
	click(0) // date
	expect("date ascending", gateway, evil, billing, cert)
	if got := browsertest.Eval[string](t, ctx, `document.querySelectorAll("#postmortems thead th")[0].getAttribute("aria-sort")`); got != "ascending" {
		t.Errorf("aria-sort = %q after one click", got)
	}
	click(0)
	expect("date descending", cert, billing, evil, gateway)
	click(2) // severity, by rank: SEV1, SEV2, SEV3, then the unknown level
	expect("severity ascending", cert, billing, gateway, evil)

	load("?severity=sev1")
	expect("severity filter", cert)
	load("?system=api-gateway")
	expect("system filter", cert, gateway)
	load("?cause=config-change&year=2024")
	expect("cause and year filters", billing)
	load("?team=payments")
	expect("team filter", cert, billing)

	browsertest.Eval[bool](t, ctx, `(() => {
		const f = document.getElementById("pm-filters");
		f.elements.text.value = "請求";
		f.elements.text.dispatchEvent(new Event("input", {bubbles: true}));
		return true;
	})()`)
	expect("team and text filters", billing)
	if got := browsertest.Eval[string](t, ctx, `decodeURIComponent(location.search)`); got != "?team=payments&text=請求" {
		t.Errorf("URL query = %q", got)
	}
	if got := browsertest.Eval[string](t, ctx, `document.getElementById("pm-count").textContent`); got != "Showing 1 of 4 · Team: payments · Text: 請求" {
		t.Errorf("count = %q", got)
	}
	browsertest.Eval[bool](t, ctx, `(document.querySelector("#pm-filters button[type=reset]").click(), true)`)
	browsertest.WaitFor(t, ctx, `location.search === ""`)
	expect("after clearing filters", cert, billing, evil, gateway)
	if d := dialogs(); len(d) != 0 {
		t.Errorf("dialogs opened: %q", d)
	}
}

// TestBrowserListHistory checks the history model of the filtered lists
// (QA 12 F6): each filter change and each sort by a column pushes an entry
// whose URL holds the state (?severity=sev1&sort=title), so Back undoes the
// last change instead of leaving the page, and opening such a URL restores
// the filters and the order. Counts sort with the most first (F13).
func TestBrowserListHistory(t *testing.T) {
	files, err := Site(testKB("en", repo), themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	const (
		cert    = "Checkout API returned 503 after TLS certificate expired"
		gateway = "Gateway certificate rotation dropped connections"
		billing = "請求バッチが二重に実行された"
		evil    = "Evil " + hostile
	)
	expect := func(what string, want ...string) {
		t.Helper()
		if got := browsertest.Eval[[]string](t, ctx, visibleTitles); !slices.Equal(got, want) {
			t.Errorf("%s: rows %q, want %q", what, got, want)
		}
	}
	at := func(what, search string) {
		t.Helper()
		browsertest.WaitFor(t, ctx, `decodeURIComponent(location.search) === `+strconv.Quote(search))
		if n := browsertest.Eval[int](t, ctx, `history.length`); n < 2 {
			t.Errorf("%s: history has %d entries", what, n)
		}
	}
	choose := func(name, value string) {
		t.Helper()
		browsertest.Eval[bool](t, ctx, `(() => {
			const e = document.getElementById("pm-filters").elements[`+strconv.Quote(name)+`];
			e.value = `+strconv.Quote(value)+`;
			e.dispatchEvent(new Event("input", {bubbles: true}));
			e.dispatchEvent(new Event("change", {bubbles: true}));
			return true;
		})()`)
	}
	sortBy := func(col string) {
		t.Helper()
		browsertest.Eval[bool](t, ctx, `(document.querySelector('#postmortems thead th[data-col=`+strconv.Quote(col)+`] button.sort').click(), true)`)
	}
	ariaSort := func(col string) string {
		return browsertest.Eval[string](t, ctx, `document.querySelector('#postmortems thead th[data-col=`+strconv.Quote(col)+`]').getAttribute("aria-sort") || ""`)
	}
	back := func() { browsertest.Eval[bool](t, ctx, `(history.back(), true)`) }

	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html")
	browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
	start := browsertest.Eval[int](t, ctx, `history.length`)
	choose("team", "payments")
	at("team", "?team=payments")
	expect("team", cert, billing)
	choose("year", "2024")
	at("team and year", "?team=payments&year=2024")
	sortBy("title")
	at("sorted by title", "?team=payments&year=2024&sort=title")
	expect("sorted by title", cert, billing)
	sortBy("title")
	at("sorted by title, descending", "?team=payments&year=2024&sort=-title")
	expect("sorted by title, descending", billing, cert)
	// Typing in the text box makes one entry, not one per key.
	browsertest.Eval[bool](t, ctx, `(() => {
		const e = document.getElementById("pm-filters").elements.text;
		for (const v of ["c", "ch", "che"]) { e.value = v; e.dispatchEvent(new Event("input", {bubbles: true})); }
		e.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`)
	at("typed", "?team=payments&year=2024&text=che&sort=-title")
	if n := browsertest.Eval[int](t, ctx, `history.length`); n != start+5 {
		t.Errorf("history grew by %d entries for five changes", n-start)
	}

	back()
	at("back from the text", "?team=payments&year=2024&sort=-title")
	if v := browsertest.Eval[string](t, ctx, `document.getElementById("pm-filters").elements.text.value`); v != "" {
		t.Errorf("back from the text: the box holds %q", v)
	}
	expect("back from the text", billing, cert)
	back()
	back()
	at("back to unsorted", "?team=payments&year=2024")
	if got := ariaSort("title"); got != "" {
		t.Errorf("back to unsorted: title's aria-sort = %q", got)
	}
	expect("back to unsorted", cert, billing)
	back()
	at("back to one filter", "?team=payments")
	if v := browsertest.Eval[string](t, ctx, `document.getElementById("pm-filters").elements.year.value`); v != "" {
		t.Errorf("back to one filter: year is %q", v)
	}
	back()
	browsertest.WaitFor(t, ctx, `location.pathname.endsWith("/postmortems/index.html") && location.search === ""`)
	expect("back to no filter", cert, billing, evil, gateway)
	if got := browsertest.Eval[string](t, ctx, `document.getElementById("pm-count").textContent`); got != "Showing 4 of 4" {
		t.Errorf("back to no filter: count = %q", got)
	}
	browsertest.Eval[bool](t, ctx, `(history.forward(), true)`)
	at("forward", "?team=payments")
	expect("forward", cert, billing)

	// A URL with a sort opens sorted.
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html?sort=title")
	browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
	expect("opened with ?sort=title", cert, evil, gateway, billing)
	if got := ariaSort("title"); got != "ascending" {
		t.Errorf("opened with ?sort=title: aria-sort = %q", got)
	}
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html?sort=-date&severity=sev1")
	browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
	if got := ariaSort("date"); got != "descending" {
		t.Errorf("opened with ?sort=-date: aria-sort = %q", got)
	}
	expect("opened with ?sort=-date&severity=sev1", cert)

	// Counts sort with the most first; severity with the worst first.
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html")
	browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
	sortBy("actions")
	if got := ariaSort("actions"); got != "descending" {
		t.Errorf("first click on the action counts: aria-sort = %q, want descending", got)
	}
	counts := browsertest.Eval[[]float64](t, ctx, `Array.from(document.querySelectorAll("#postmortems tbody tr")).map(r => parseFloat(r.cells[6].dataset.sort))`)
	if !slices.IsSortedFunc(counts, func(a, b float64) int { return cmp.Compare(b, a) }) || counts[0] == counts[len(counts)-1] {
		t.Errorf("first click on the action counts: order %v, want the most first", counts)
	}
	sortBy("severity")
	if got := ariaSort("severity"); got != "ascending" {
		t.Errorf("first click on severity: aria-sort = %q, want ascending (SEV1 first)", got)
	}
	browsertest.Navigate(t, ctx, srv.URL+"systems/index.html")
	browsertest.Eval[bool](t, ctx, `(document.querySelectorAll("#terms thead th")[1].querySelector("button.sort").click(), true)`)
	incidents := browsertest.Eval[[]float64](t, ctx, `Array.from(document.querySelectorAll("#terms tbody tr")).map(r => parseFloat(r.cells[1].dataset.sort))`)
	if !slices.IsSortedFunc(incidents, func(a, b float64) int { return cmp.Compare(b, a) }) || incidents[0] == incidents[len(incidents)-1] {
		t.Errorf("first click on the incident counts of /systems/: %v, want the most first", incidents)
	}
}

// TestBrowserHeaderSearchBox checks where the header's search box shows:
// on the pages of a site served over HTTP, but not on the search page,
// which has its own box (QA 12 F14), and nowhere with scripts off, where it
// could only lead to "Search needs JavaScript" (F12).
func TestBrowserHeaderSearchBox(t *testing.T) {
	srv := serveRootSite(t, "en")
	shown := func(ctx context.Context, page, sel string) bool {
		t.Helper()
		browsertest.Navigate(t, ctx, srv.URL+page)
		return browsertest.Eval[bool](t, ctx, `(() => { const e = document.querySelector(`+strconv.Quote(sel)+`); return e.getClientRects().length > 0 && getComputedStyle(e).display !== "none"; })()`)
	}
	for _, scripts := range []bool{true, false} {
		ctx := browsertest.New(t)
		if !scripts {
			browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			}))
		}
		for _, page := range []string{"index.html", "postmortems/index.html", "postmortems/2024-03-14-checkout-cert/index.html", "actions/index.html", "404.html"} {
			if got := shown(ctx, page, "form.site-search"); got != scripts {
				t.Errorf("scripts %v: %s shows the header search box: %v", scripts, page, got)
			}
		}
		if shown(ctx, "search/index.html", "form.site-search") {
			t.Errorf("scripts %v: the search page shows the header search box", scripts)
		}
		if !shown(ctx, "search/index.html", "#search-form") {
			t.Errorf("scripts %v: the search page hides its own box", scripts)
		}
	}
}

// TestBrowserPhoneAndRequests opens every page on a 360-pixel-wide phone
// screen, in light and dark mode: no page may scroll sideways (wide tables
// scroll inside their wrapper, but a timeline and a postmortem's action
// items fit), the stylesheet must apply, and no page may
// ask the server for a file the site does not have.
func TestBrowserPhoneAndRequests(t *testing.T) {
	// Dark mode is checked on a few pages of each kind.
	darkPages := map[string]bool{"index.html": true, "postmortems/2024-01-05-evil/index.html": true, "actions/index.html": true, "404.html": true}
	kb := testKB("ja", repo)
	kb.Config.BaseURL = "/" // 404.html links from the server root
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, f := range files {
		have["/"+f.Path] = true
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	for _, scheme := range []string{"light", "dark"} {
		browsertest.ColorScheme(t, ctx, scheme)
		for _, f := range files {
			if !strings.HasSuffix(f.Path, ".html") || (scheme == "dark" && !darkPages[f.Path]) {
				continue
			}
			browsertest.Navigate(t, ctx, srv.URL+f.Path)
			if w := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 360 {
				wide := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 362 && !e.closest(".table-wrap")).slice(-3).map(e => e.tagName + "." + e.className)`)
				t.Errorf("%s (%s): page is %d px wide on a 360 px screen; widest: %q", f.Path, scheme, w, wide)
			}
			// A timeline and a postmortem's action items fit the screen,
			// "Since start" and "Due" included, without a sideways scroll
			// inside their box (QA 12 F8).
			for _, sel := range []string{"table.timeline", "#pm-actions"} {
				if w := browsertest.Eval[[]int](t, ctx, `Array.from(document.querySelectorAll(`+strconv.Quote(sel)+`)).map(tb => tb.scrollWidth - tb.closest(".table-wrap").clientWidth)`); len(w) > 0 && w[0] > 0 {
					t.Errorf("%s (%s): %s is %d px wider than its box on a 360 px screen", f.Path, scheme, sel, w[0])
				}
			}
			// A postmortem's action items are cards whose values are
			// labelled with their column's name: the due date too. The
			// name has the empty alternative text ("期限" / ""): it is
			// drawn, not read (QA 21 C-F5).
			if labels := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#pm-actions tbody td")).filter(td => td.getClientRects().length).map(td => getComputedStyle(td, "::before").content)`); len(labels) > 0 && !slices.Contains(labels, `"期限" / ""`) {
				t.Errorf("%s (%s): the action items' cells show the labels %q, none the due date's", f.Path, scheme, labels)
			}
			bg := browsertest.Eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
			if want := map[string]string{"light": "rgb(255, 255, 255)", "dark": "rgb(13, 17, 23)"}[scheme]; bg != want {
				t.Errorf("%s (%s): body background %s, want %s", f.Path, scheme, bg, want)
			}
		}
	}
	for _, p := range srv.Requests() {
		if !have[p] {
			t.Errorf("a page requested %s, which the site lacks", p)
		}
	}
}

// TestBrowserFilterURLValues opens the postmortem list and the action
// items with filter values written as the site shows them, not as the
// menus' values (qa9-b #2: ?severity=SEV1, ?owner=Freya, ?status=Open and
// ?overdue=true showed the whole list and left the URL without them).
// Values match as the search page matches them: case and width folded, a
// value or the name its option shows. A value that names no option stays
// in the URL and in the menu, shows no row, and the count line says it
// matches nothing; picking another value in the menu drops it.
func TestBrowserFilterURLValues(t *testing.T) {
	// queryJS is the page's URL query, decoded: "?k=v&k=v".
	const queryJS = `(location.search ? "?" : "") + Array.from(new URLSearchParams(location.search)).map(p => p.join("=")).join("&")`
	kb := testKB("en", repo)
	kb.Today = day(2024, 1, 1)
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)
	const (
		cert    = "Checkout API returned 503 after TLS certificate expired"
		gateway = "Gateway certificate rotation dropped connections"
		billing = "請求バッチが二重に実行された"
	)
	type view struct {
		Rows         []string
		Count, Query string
	}
	look := func(page, form, count, rows string) view {
		t.Helper()
		browsertest.Navigate(t, ctx, srv.URL+page)
		browsertest.WaitFor(t, ctx, `!document.getElementById("`+form+`").hidden`)
		return browsertest.Eval[view](t, ctx, `({Rows: `+rows+`, Count: document.getElementById("`+count+`").textContent, Query: `+queryJS+`})`)
	}
	for _, c := range []struct {
		query string
		want  view
	}{
		{"?severity=SEV1", view{[]string{cert}, "Showing 1 of 4 · Severity: SEV1", "?severity=sev1"}},
		{"?severity=ＳＥＶ１", view{[]string{cert}, "Showing 1 of 4 · Severity: SEV1", "?severity=sev1"}},
		// A level is also named by its label, shown beside every badge, as
		// the search page takes it (qa10 qa9-b #2).
		{"?severity=Critical", view{[]string{cert}, "Showing 1 of 4 · Severity: SEV1", "?severity=sev1"}},
		{"?severity=ｃｒｉｔｉｃａｌ", view{[]string{cert}, "Showing 1 of 4 · Severity: SEV1", "?severity=sev1"}},
		{"?system=API Gateway", view{[]string{cert, gateway}, "Showing 2 of 4 · System: API gateway", "?system=api-gateway"}},
		{"?team=PAYMENTS&cause=Config Change", view{[]string{billing}, "Showing 1 of 4 · Cause: Config change · Team: payments", "?cause=config-change&team=payments"}},
		{"?severity=SEV9&year=2024", view{nil, `Showing 0 of 4 · Severity "SEV9" matches nothing · Year: 2024`, "?severity=SEV9&year=2024"}},
	} {
		got := look("postmortems/index.html"+strings.ReplaceAll(c.query, " ", "%20"), "pm-filters", "pm-count", visibleTitles)
		if !slices.Equal(got.Rows, c.want.Rows) || got.Count != c.want.Count || got.Query != c.want.Query {
			t.Errorf("postmortems%s: rows %q, count %q, URL %q; want %q, %q, %q", c.query, got.Rows, got.Count, got.Query, c.want.Rows, c.want.Count, c.want.Query)
		}
	}
	evilKey := "2024-01-05-evil#" + hostile
	const unknown = `<b>x</b> <img src=x onerror=alert(5)> $& $'`
	for _, c := range []struct {
		query string
		want  view
	}{
		// Ben and ben are one owner, whose page groups both.
		{"?owner=Ben", view{[]string{"2024-03-14-checkout-cert#AI-1", "2024-03-14-checkout-cert#AI-3"}, "Showing 2 of 7 · Owner: ben", "?owner=ben"}},
		{"?status=Open&overdue=true", view{[]string{"2024-02-01-billing-batch#AI-1", "2024-03-14-checkout-cert#AI-2"}, "Showing 2 of 7 · Status: Open · Overdue only", "?status=open&overdue=1"}},
		// An empty value leaves the box unticked.
		{"?status=not closed&overdue=", view{[]string{"2024-02-01-billing-batch#AI-1", "2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3", "2024-01-05-evil#AI-2", evilKey}, "Showing 5 of 7 · Status: Not closed", "?status=active"}},
		{"?status=not closed&overdue=0", view{[]string{"2024-02-01-billing-batch#AI-1", "2024-03-14-checkout-cert#AI-2", "2024-03-14-checkout-cert#AI-3", "2024-01-05-evil#AI-2", evilKey}, "Showing 5 of 7 · Status: Not closed", "?status=active"}},
		{"?owner=Freyja&overdue=1", view{nil, `Showing 0 of 7 · Owner "Freyja" matches nothing · Overdue only`, "?owner=Freyja&overdue=1"}},
		// An owner named with markup is reached by the name shown.
		{"?owner=" + url.QueryEscape(hostile), view{[]string{evilKey}, "Showing 1 of 7 · Owner: " + hostile, "?owner=script-alert-1-script-img-src-x-onerror-alert-2"}},
		{"?owner=" + url.QueryEscape(unknown), view{nil, `Showing 0 of 7 · Owner "` + unknown + `" matches nothing`, "?owner=" + unknown}},
	} {
		got := look("actions/index.html"+strings.ReplaceAll(c.query, " ", "%20"), "action-filters", "action-count", visibleKeys)
		slices.Sort(c.want.Rows)
		if !slices.Equal(got.Rows, c.want.Rows) || got.Count != c.want.Count || got.Query != c.want.Query {
			t.Errorf("actions%s: rows %q, count %q, URL %q; want %q, %q, %q", c.query, got.Rows, got.Count, got.Query, c.want.Rows, c.want.Count, c.want.Query)
		}
	}
	// The value that names nothing is inserted as text only (the last
	// page opened had it in its URL): in the count line, in a <bdi> of
	// text (QA 15 A-F6), no other element.
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("#action-filters script, #action-filters img, #action-count :not(bdi), #action-count bdi *").length`); n != 0 {
		t.Errorf("the unknown owner made %d elements", n)
	}
	// Picking an owner in the menu drops the unknown one, from the menu
	// and the URL; clearing the filters leaves no trace of it either.
	look("actions/index.html?owner=Freyja&overdue=1", "action-filters", "action-count", visibleKeys)
	browsertest.Eval[bool](t, ctx, `(() => {
		const s = document.getElementById("action-filters").elements.owner;
		s.value = "aiko";
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`)
	after := browsertest.Eval[view](t, ctx, `({Rows: `+visibleKeys+`, Count: document.getElementById("action-count").textContent, Query: `+queryJS+`})`)
	if want := (view{[]string{"2024-03-14-checkout-cert#AI-2"}, "Showing 1 of 7 · Owner: aiko · Overdue only", "?owner=aiko&overdue=1"}); !slices.Equal(after.Rows, want.Rows) || after.Count != want.Count || after.Query != want.Query {
		t.Errorf("after picking aiko: %+v, want %+v", after, want)
	}
	if n := browsertest.Eval[int](t, ctx, `Array.from(document.getElementById("af-owner").options).filter(o => o.value === "Freyja").length`); n != 0 {
		t.Errorf("the owner menu still offers Freyja after picking aiko")
	}
	look("actions/index.html?owner=Freyja", "action-filters", "action-count", visibleKeys)
	browsertest.Eval[bool](t, ctx, `(document.querySelector("#action-filters button[type=reset]").click(), true)`)
	browsertest.WaitFor(t, ctx, `location.search === ""`)
	if got := browsertest.Eval[string](t, ctx, `document.getElementById("action-count").textContent + " | " + Array.from(document.getElementById("af-owner").options).map(o => o.value).join(",")`); got != "Showing 7 of 7 | ,script-alert-1-script-img-src-x-onerror-alert-2,aiko,ben,chen,dana,佐藤" {
		t.Errorf("after clearing the filters: %q", got)
	}
	if d := dialogs(); len(d) != 0 {
		t.Errorf("dialogs opened: %q", d)
	}
}

// serveRootSite serves the test site in lang built with the base URL "/",
// as a server root serves it (404.html links from there).
func serveRootSite(t *testing.T, lang string) *browsertest.Server {
	t.Helper()
	kb := testKB(lang, repo)
	kb.Config.BaseURL = "/"
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	return browsertest.Serve(t, files, nil)
}
