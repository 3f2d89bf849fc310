package render

import (
	"slices"
	"strconv"
	"strings"
	"testing"

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

// TestBrowserPhoneAndRequests opens every page on a 360-pixel-wide phone
// screen, in light and dark mode: no page may scroll sideways (wide tables
// scroll inside their wrapper), the stylesheet must apply, and no page may
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
