package search

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

func textPM(id, lang, title, summary, sev string, date string, systems, causes []string, text string) *model.Postmortem {
	d, _ := time.Parse(time.DateOnly, date)
	return &model.Postmortem{
		ID: id, Path: "content/postmortems/" + id + ".md", Title: title, Summary: summary,
		Date: d, Severity: sev, Status: model.StatusPublished, Systems: systems, Causes: causes,
		Teams: []string{"payments"}, Lang: lang, Text: text,
		HTML:        "<p>" + html.EscapeString(text) + "</p>\n",
		ActionItems: []model.ActionItem{{ID: "AI-1", Title: "Alert before " + title, Owner: "aiko", Status: model.ActionOpen}},
	}
}

// browserKB is a small English site with Japanese postmortems in it.
func browserKB() *model.KnowledgeBase {
	pms := []*model.Postmortem{
		textPM("2024-03-14-checkout-cert", "en", "Checkout API returned 503 after TLS certificate expired",
			"The certificate of the checkout API expired.", "SEV1", "2024-03-14",
			[]string{"checkout-api"}, []string{"expired-certificate"},
			"Certificates were renewed by hand. Nobody watched the expiry date."),
		textPM("2023-11-02-gateway-certs", "en", "Gateway certificates rotated late",
			"Rotation of the gateway certificates ran late.", "SEV3", "2023-11-02",
			[]string{"api-gateway"}, []string{"expired-certificate"},
			"The rotation job failed silently for a week."),
		textPM("2024-05-01-dns-overload", "en", "DNS resolver overloaded",
			"Resolvers ran out of capacity.", "SEV2", "2024-05-01",
			[]string{"dns"}, []string{"capacity"}, "Traffic doubled after a marketing campaign."),
		textPM("2024-06-10-kessai-shomeisho", "ja", "証明書の期限切れで決済APIが停止",
			"決済APIの証明書が期限切れになった。", "SEV2", "2024-06-10",
			[]string{"checkout-api"}, []string{"expired-certificate"},
			"証明書の更新が手作業だった。サーバー証明書の期限を監視していなかった。"),
	}
	cfg := model.DefaultSiteConfig()
	cfg.Title = "Example postmortems"
	cfg.Systems = []model.System{{Slug: "checkout-api", Name: "Checkout API"}, {Slug: "api-gateway", Name: "API Gateway"}, {Slug: "dns", Name: "DNS"}}
	return model.New(cfg, model.Date{Year: 2024, Month: 7, Day: 1}, pms)
}

// buildSite renders kb with the default theme and adds the search export.
func buildSite(t *testing.T, kb *model.KnowledgeBase) []output.File {
	t.Helper()
	files, err := render.Site(kb, themes.Default(), render.Options{Similar: Similar(kb, 5)})
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	return append(files, idx...)
}

const hitIDs = `Array.from(document.querySelectorAll('#search-results li.search-hit a')).map(a => a.getAttribute('href')).join(' ')`

func TestBrowserSearch(t *testing.T) {
	kb := browserKB()
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)

	browsertest.Navigate(t, ctx, srv.URL+"search/index.html")
	browsertest.Run(t, ctx, chromedp.SendKeys("#search-input", "certificates"))
	// The prefix query "certificate", typed on the way, has the same 3 hits:
	// wait for the final query's URL and its results (the status line says
	// "Searching…" until they are shown).
	browsertest.WaitFor(t, ctx, `location.search === '?q=certificates' && document.getElementById('search-status').textContent === '3 postmortems'`)
	hits := browsertest.Eval[string](t, ctx, hitIDs)
	for _, id := range []string{"2024-03-14-checkout-cert", "2023-11-02-gateway-certs", "2024-06-10-kessai-shomeisho"} {
		if !strings.Contains(hits, "postmortems/"+id+"/index.html") {
			t.Errorf("certificates: hits %q lack %s", hits, id)
		}
	}
	if got := browsertest.Eval[string](t, ctx, `location.search`); got != "?q=certificates" {
		t.Errorf("URL query = %q, want ?q=certificates", got)
	}
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('#search-results mark').length`); n == 0 {
		t.Error("no matched word is highlighted")
	}
	// Results name systems as the facets do, not by slug.
	if meta := browsertest.Eval[string](t, ctx, `document.querySelector('#search-results a[href*="2024-03-14-checkout-cert"]').closest('li').querySelector('.search-meta').textContent`); !strings.HasSuffix(meta, " · Checkout API") {
		t.Errorf("result meta %q does not end with the system's name", meta)
	}

	// Prefix while typing: "certif" already finds them.
	browsertest.Eval[string](t, ctx, `document.getElementById('search-input').value = ''`)
	browsertest.Run(t, ctx, chromedp.SendKeys("#search-input", "certif"))
	browsertest.WaitFor(t, ctx, `location.search === '?q=certif' && document.querySelectorAll('#search-results li.search-hit').length === 3`)

	// Japanese: only the Japanese postmortem has 証明書.
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); i.value = '証明書'; i.dispatchEvent(new Event('input')); return true; })()`)
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 1`)
	if hits := browsertest.Eval[string](t, ctx, hitIDs); !strings.Contains(hits, "2024-06-10-kessai-shomeisho") {
		t.Errorf("証明書: hits %q", hits)
	}
	// Its title is marked Japanese (its meta line, the site's words, is
	// not: TestBrowserHitLanguageOnItsOwnWords).
	if lang := browsertest.Eval[string](t, ctx, `document.querySelector('#search-results li.search-hit h2 a').getAttribute('lang') || ''`); lang != "ja" {
		t.Errorf("the Japanese hit's title on an English page has lang %q, want ja", lang)
	}

	// A filter combines with the query and goes into the URL.
	browsertest.Eval[string](t, ctx, `document.getElementById('search-input').value = ''`)
	browsertest.Run(t, ctx, chromedp.SendKeys("#search-input", "certificate\r"))
	browsertest.WaitFor(t, ctx, `document.querySelector('#search-filters input[name=severity][value=SEV1]') && document.querySelectorAll('#search-results li.search-hit').length === 3`)
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('#search-filters input[name=severity][value=SEV1]').parentElement.textContent`); !strings.Contains(got, "(1)") {
		t.Errorf("SEV1 filter label %q lacks its count (1)", got)
	}
	browsertest.Run(t, ctx, chromedp.Click(`#search-filters input[name=severity][value=SEV1]`))
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 1`)
	if got := browsertest.Eval[string](t, ctx, `location.search`); got != "?q=certificate&severity=SEV1" {
		t.Errorf("URL query = %q, want ?q=certificate&severity=SEV1", got)
	}

	// Follow the result, then come back.
	browsertest.Run(t, ctx, chromedp.Click(`#search-results li.search-hit a`))
	waitAcrossNavigation(t, ctx, `location.pathname.endsWith('/postmortems/2024-03-14-checkout-cert/index.html') && document.readyState === 'complete'`)
	browsertest.WaitFor(t, ctx, `document.querySelector('h1') && document.querySelector('h1').textContent.includes('TLS certificate expired')`)
	browsertest.Eval[bool](t, ctx, `(() => { setTimeout(() => history.back(), 0); return true; })()`)
	waitAcrossNavigation(t, ctx, `location.search === '?q=certificate&severity=SEV1' && document.getElementById('search-input').value === 'certificate' && document.querySelectorAll('#search-results li.search-hit').length === 1`)
	// Back again undoes the filter.
	browsertest.Eval[bool](t, ctx, `(() => { setTimeout(() => history.back(), 0); return true; })()`)
	waitAcrossNavigation(t, ctx, `location.search === '?q=certificate' && document.querySelectorAll('#search-results li.search-hit').length === 3`)

	// Opening a search URL runs it.
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=dns&severity=SEV2")
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 1`)
	if hits := browsertest.Eval[string](t, ctx, hitIDs); !strings.Contains(hits, "2024-05-01-dns-overload") {
		t.Errorf("dns severity=SEV2: hits %q", hits)
	}

	// A Japanese word typed in the header of an English page.
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.value = '証明書'; i.dispatchEvent(new Event('input')); return true; })()`)
	browsertest.WaitFor(t, ctx, `document.querySelector('.quick-results a[href*="2024-06-10-kessai-shomeisho"]')`)

	if d := dialogs(); len(d) > 0 {
		t.Errorf("dialogs opened: %v", d)
	}
}

// TestBrowserSearchTypingHistory types after a filter change, after Back
// and after opening a search URL: the words typed make one history entry
// of their own, started at the first key and replaced at the next, so
// Back returns to the state before them (QA 14 B-F1: the typing replaced
// the entry the ticked box had pushed, and Back skipped the filter).
func TestBrowserSearchTypingHistory(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	const sev1 = `document.querySelector('#search-filters input[name=severity][value=SEV1]')`
	// typeWords types the query word by word, waiting for each to reach
	// the URL (the box waits 120 ms after a key).
	typeWords := func(words ...string) {
		t.Helper()
		q := ""
		for _, w := range words {
			q += w
			browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); i.value = `+strconv.Quote(q)+`; i.dispatchEvent(new Event('input')); return true; })()`)
			browsertest.WaitFor(t, ctx, `new URLSearchParams(location.search).get('q') === `+strconv.Quote(q))
		}
	}
	back := func(what, search, box string, ticked bool) {
		t.Helper()
		browsertest.Eval[bool](t, ctx, `(history.back(), true)`)
		browsertest.WaitFor(t, ctx, `location.search === `+strconv.Quote(search)+` && document.getElementById('search-input').value === `+strconv.Quote(box)+` && `+sev1+` && `+sev1+`.checked === `+strconv.FormatBool(ticked))
		if t.Failed() {
			t.Fatalf("%s", what)
		}
	}

	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
	browsertest.WaitFor(t, ctx, sev1)
	start := browsertest.Eval[int](t, ctx, `history.length`)
	browsertest.Run(t, ctx, chromedp.Click(`#search-filters input[name=severity][value=SEV1]`))
	browsertest.WaitFor(t, ctx, `location.search === '?q=certificate&severity=SEV1'`)
	typeWords("certificate ex", "pired")
	if n := browsertest.Eval[int](t, ctx, `history.length`); n != start+2 {
		t.Errorf("ticking a box, then typing made %d history entries, want 2", n-start)
	}
	back("back from the typing", "?q=certificate&severity=SEV1", "certificate", true)
	// Typing after Back starts an entry of its own too, rather than
	// overwriting the one Back went to.
	typeWords("certificate rot", "ation")
	back("back from the typing after Back", "?q=certificate&severity=SEV1", "certificate", true)
	back("back from the box", "?q=certificate", "certificate", false)
	// So does the first key on a search URL just opened; Enter after the
	// keys adds no entry with the same URL (Back would seem to do nothing).
	typeWords("certificate gate", "way")
	n := browsertest.Eval[int](t, ctx, `history.length`)
	browsertest.Eval[bool](t, ctx, `(document.getElementById('search-input').form.requestSubmit(), true)`)
	browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent === '1 postmortem'`)
	if got := browsertest.Eval[int](t, ctx, `history.length`); got != n {
		t.Errorf("Enter after typing made %d history entries, want none", got-n)
	}
	back("back from the typing on the opened URL", "?q=certificate", "certificate", false)
	// Nor does Enter on a URL of the same search written another way: the
	// header box's "All results" writes a space as %20 (encodeURIComponent),
	// where the page writes +, and a link may put the filters first (review
	// 14: each was a new entry, and Back seemed to do nothing).
	for _, u := range []string{"?q=certificate%20gateway", "?severity=SEV1&q=certificate"} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html"+u)
		browsertest.WaitFor(t, ctx, `/\d/.test(document.getElementById('search-status').textContent)`)
		n := browsertest.Eval[int](t, ctx, `history.length`)
		browsertest.Eval[bool](t, ctx, `(document.getElementById('search-input').form.requestSubmit(), true)`)
		browsertest.WaitFor(t, ctx, `/\d/.test(document.getElementById('search-status').textContent)`)
		if got := browsertest.Eval[[]string](t, ctx, `[String(history.length), location.search]`); got[0] != strconv.Itoa(n) || got[1] != u {
			t.Errorf("Enter on %s: history grew by %s entries to %s, want none", u, got[0]+"-"+strconv.Itoa(n), got[1])
		}
	}
}

// TestBrowserHeaderIME types 証明書 into the header box as Chrome reports
// a Japanese IME: compositionstart, the last input event still composing,
// then compositionend and no input after it (QA: the quick results never
// appeared).
func TestBrowserHeaderIME(t *testing.T) {
	kb := browserKB()
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	for _, page := range []string{"index.html", "postmortems/2024-06-10-kessai-shomeisho/index.html"} {
		browsertest.Navigate(t, ctx, srv.URL+page)
		browsertest.Eval[bool](t, ctx, `(() => {
  const i = document.getElementById('site-search-q');
  i.focus();
  i.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
  i.value = '証明書';
  i.dispatchEvent(new InputEvent('input', {isComposing: true, inputType: 'insertCompositionText', data: '証明書'}));
  i.dispatchEvent(new CompositionEvent('compositionend', {data: '証明書'}));
  return true;
})()`)
		browsertest.WaitFor(t, ctx, `(() => { const l = document.querySelector('.quick-results'); return l && !l.hidden && l.querySelectorAll('a[href*="2024-06-10-kessai-shomeisho"]').length === 1; })()`)
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('.quick-results li').length`); n != 1 {
			t.Errorf("%s: 証明書 by IME lists %d quick results, want 1", page, n)
		}
	}
}

const hostile = `<script>alert("script")</script> <img src=x onerror=alert("img")> "><svg onload=alert("svg")> certificate`

func TestBrowserHostilePostmortem(t *testing.T) {
	kb := browserKB()
	bad := textPM("2024-04-01-hostile", "en", hostile, hostile, "SEV1", "2024-04-01",
		[]string{hostile}, []string{hostile}, hostile)
	bad.Teams = []string{hostile}
	bad.Impact = hostile
	bad.ActionItems[0].Title = hostile
	kb = model.New(kb.Config, kb.Today, append(kb.Postmortems, bad))
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)

	injected := `document.querySelectorAll('script:not([src]), img[src="x"], svg[onload], [onerror], [onload]').length`
	check := func(what string) {
		t.Helper()
		if n := browsertest.Eval[int](t, ctx, injected); n != 0 {
			t.Errorf("%s: %d injected elements", what, n)
		}
	}
	for _, q := range []string{"certificate", hostile, `"><svg onload=alert(1)>`} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape(q))
		browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent !== '' && document.getElementById('search-status').textContent !== 'Searching…'`)
		check("query " + q)
	}
	// The hostile postmortem is found and its title shown as text.
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=onerror")
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 1`)
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('#search-results li.search-hit a').textContent`); got != hostile {
		t.Errorf("hostile title shown as %q", got)
	}
	check("results")
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); i.value = '<img src=x onerror=alert(9)>'; i.dispatchEvent(new Event('input')); return true; })()`)
	browsertest.WaitFor(t, ctx, `location.search.includes('onerror')`)
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.value = 'onerror'; i.dispatchEvent(new Event('input')); return true; })()`)
	browsertest.WaitFor(t, ctx, `document.querySelector('.quick-results a')`)
	check("quick results")
	time.Sleep(300 * time.Millisecond) // let any injected handler fire
	if d := dialogs(); len(d) > 0 {
		t.Errorf("dialogs opened: %v", d)
	}
}

// waitAcrossNavigation polls expr like browsertest.WaitFor, but survives the
// page changing under it (after a click on a link or Back).
func waitAcrossNavigation(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(browsertest.Timeout)
	for time.Now().Before(deadline) {
		tctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("browser: timed out waiting for %s", expr)
}

// TestBrowserFromDisk opens a built site from file://, where a browser
// fetches no index file: the search page must say that search needs the
// site served over HTTP, and the header search box must be hidden.
func TestBrowserFromDisk(t *testing.T) {
	dir := writeFiles(t, buildSite(t, browserKB()))
	ctx := browsertest.New(t)
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()

	browsertest.Navigate(t, ctx, base+"search/index.html?q=dns")
	browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent !== ''`)
	status := browsertest.Eval[string](t, ctx, `document.getElementById('search-status').textContent`)
	for _, want := range []string{"served over HTTP", "pmkb serve"} {
		if !strings.Contains(status, want) {
			t.Errorf("search status %q lacks %q", status, want)
		}
	}
	if strings.Contains(status, "Failed") {
		t.Errorf("search status %q still reports a failed fetch", status)
	}
	if !browsertest.Eval[bool](t, ctx, `document.getElementById('search-input').disabled`) {
		t.Error("the search input is enabled on a page that cannot search")
	}
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('#search-results li').length`); n != 0 {
		t.Errorf("%d results listed", n)
	}

	browsertest.Navigate(t, ctx, base+"index.html")
	browsertest.WaitFor(t, ctx, `document.readyState === 'complete'`)
	if shown := browsertest.Eval[bool](t, ctx, `getComputedStyle(document.querySelector('form.site-search')).display !== 'none'`); shown {
		t.Error("the header search box is shown on a page opened from disk")
	}
}

// TestBrowserSearchHints checks that the search page explains a query that
// finds nothing as pmkb search does: a word written like a filter that is
// not one, and a filter value no postmortem has.
func TestBrowserSearchHints(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	hints := `Array.from(document.querySelectorAll('#search-hints li')).map(li => li.textContent).join('\n')`
	for _, tt := range []struct{ query, want string }{
		{"q=sev:SEV1", `Hint: "sev:" is not a filter; the filters are severity:, system:, cause:, team:, year:, tag:`},
		{"q=certificate&system=nowhere", `Hint: no postmortem has system "nowhere"`},
		{"q=severity:SEV9", `Hint: no postmortem has severity "SEV9"`},
		// The same filter from the URL's own parameter (QA: no hint).
		{"severity=SEV9", `Hint: no postmortem has severity "SEV9"`},
		{"q=severity:", `Hint: "severity:" has no value: write the value right after the colon, as in severity:SEV2`}, // the site's own
		{"q=certficate", `Hint: no postmortem has the word "certficate"; did you mean "certificate"?`},
	} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?"+tt.query)
		browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent === 'No postmortems match.'`)
		if got := browsertest.Eval[string](t, ctx, hints); got != tt.want {
			t.Errorf("%s: hints %q, want %q", tt.query, got, tt.want)
		}
	}
	// A query with hits has none, and the old hints go.
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); i.value = 'certificate'; i.form.requestSubmit(); return true; })()`)
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length > 0`)
	if got := browsertest.Eval[string](t, ctx, hints); got != "" {
		t.Errorf("hints %q on a query with hits", got)
	}
}

// TestBrowserSearchOneAnswer checks that what the search box shows while
// typing is what its URL shows when opened, that a one-letter word asks to
// keep typing, that filter words of the query tick their boxes, and that on
// a phone the filters fold away with each box next to its label.
func TestBrowserSearchOneAnswer(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	const status = `document.getElementById('search-status').textContent`
	hints := `Array.from(document.querySelectorAll('#search-hints li')).map(li => li.textContent).join('\n')`
	const prefixHint = `Hint: no exact match; showing words starting with "gatew"`

	// QA: "postgres" found 3 while typing and 0 from its URL. Here "gatew"
	// is no word of the index, "gateway" is.
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html")
	browsertest.Run(t, ctx, chromedp.SendKeys("#search-input", "g"))
	browsertest.WaitFor(t, ctx, status+` === 'Keep typing…'`)
	browsertest.Run(t, ctx, chromedp.SendKeys("#search-input", "atew"))
	browsertest.WaitFor(t, ctx, `location.search === '?q=gatew' && document.querySelectorAll('#search-results li.search-hit').length === 1`)
	if got := browsertest.Eval[string](t, ctx, hints); got != prefixHint {
		t.Errorf("typing gatew: hints %q, want %q", got, prefixHint)
	}
	for _, how := range []string{"enter", "url"} {
		if how == "enter" {
			browsertest.Run(t, ctx, chromedp.SendKeys("#search-input", "\r"))
		} else {
			browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=gatew")
		}
		browsertest.WaitFor(t, ctx, status+` === '1 postmortem' && document.querySelectorAll('#search-results li.search-hit').length === 1`)
		if hits := browsertest.Eval[string](t, ctx, hitIDs); !strings.Contains(hits, "2023-11-02-gateway-certs") {
			t.Errorf("gatew (%s): hits %q", how, hits)
		}
		if got := browsertest.Eval[string](t, ctx, hints); got != prefixHint {
			t.Errorf("gatew (%s): hints %q, want %q", how, got, prefixHint)
		}
	}
	// One letter from the URL is a query like any other, and where typing
	// said "Keep typing…" a hint says why nothing starting with it was
	// searched (qa9-b #6).
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=g")
	browsertest.WaitFor(t, ctx, status+` === 'No postmortems match.'`)
	if got, want := browsertest.Eval[string](t, ctx, hints), `Hint: "g" is one letter, too short to be searched as the start of a word: type at least two`; got != want {
		t.Errorf("?q=g: hints %q, want %q", got, want)
	}
	// A one-letter prefix typed out is no word still being typed.
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); i.value = 'g*'; i.dispatchEvent(new Event('input')); return true; })()`)
	browsertest.WaitFor(t, ctx, `location.search === '?q=g*' && `+status+` === 'No postmortems match.' && document.querySelector('#search-hints li')`)
	if got, want := browsertest.Eval[string](t, ctx, hints), `Hint: "g*" is one letter, too short for a prefix: write at least two before the *`; got != want {
		t.Errorf("typing g*: hints %q, want %q", got, want)
	}
	// A name whose last part is one letter is still being typed too
	// (QA 16r a-F1: gateway-c said no postmortem has it).
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); i.value = 'gateway-c'; i.dispatchEvent(new Event('input')); return true; })()`)
	browsertest.WaitFor(t, ctx, `location.search === '?q=gateway-c' && `+status+` === 'Keep typing…'`)

	// A filter word in the query ticks its box; unticking takes it out.
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape("severity:SEV1 certificate"))
	browsertest.WaitFor(t, ctx, `document.querySelector('#search-filters input[name=severity][value=SEV1]') && document.querySelectorAll('#search-results li.search-hit').length === 1`)
	if !browsertest.Eval[bool](t, ctx, `document.querySelector('#search-filters input[name=severity][value=SEV1]').checked`) {
		t.Error("severity:SEV1 in the query left its box unticked")
	}
	browsertest.Run(t, ctx, chromedp.Click(`#search-filters input[name=severity][value=SEV1]`))
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 3`)
	if got := browsertest.Eval[string](t, ctx, `document.getElementById('search-input').value + ' ' + location.search`); got != "certificate ?q=certificate" {
		t.Errorf("after unticking SEV1: box and URL %q", got)
	}

	// A phone: the filters are folded, and each box shares a line with its label.
	browsertest.Run(t, ctx, chromedp.EmulateViewport(390, 900))
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
	browsertest.WaitFor(t, ctx, `document.querySelector('#search-filters details')`)
	if browsertest.Eval[bool](t, ctx, `document.querySelector('#search-filters details').open`) {
		t.Error("the filters are open on a 390 px screen")
	}
	browsertest.Run(t, ctx, chromedp.Click(`#search-filters summary`))
	// Narrower still, so that a label that can break does.
	browsertest.Eval[bool](t, ctx, `(() => { document.getElementById('search-filters').style.width = '6rem'; return true; })()`)
	if n := browsertest.Eval[int](t, ctx, `Array.from(document.querySelectorAll('#search-filters label')).filter(l => l.getClientRects().length !== 1).length`); n > 0 {
		t.Errorf("%d filter labels break across lines at 390 px", n)
	}
}

// TestBrowserTags checks tags on the search page: a tag is a word (the
// header box and the page find it), the tag: filter of the query and the
// page's ?tag= parameter filter, and the filters list the tags of the
// results with their counts (QA: tags found nothing).
func TestBrowserTags(t *testing.T) {
	kb := browserKB()
	tags := map[string][]string{
		"2024-03-14-checkout-cert":    {"tls", "repeat-incident"},
		"2023-11-02-gateway-certs":    {"tls"},
		"2024-06-10-kessai-shomeisho": {"再発"},
	}
	for _, p := range kb.Postmortems {
		p.Tags = tags[p.ID]
	}
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	const n = `document.querySelectorAll('#search-results li.search-hit').length`

	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=repeat-incident")
	browsertest.WaitFor(t, ctx, n+` === 1`)
	if hits := browsertest.Eval[string](t, ctx, hitIDs); !strings.Contains(hits, "2024-03-14-checkout-cert") {
		t.Errorf("repeat-incident: hits %q", hits)
	}
	for q, want := range map[string]string{"q=certificate": "3", "q=certificate+tag:tls": "2", "q=certificate&tag=tls": "2", "q=tag:再発": "1"} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?"+q)
		browsertest.WaitFor(t, ctx, n+` === `+want+` && document.querySelector('#search-filters fieldset[data-facet=tag]')`)
	}
	// The facet lists the tags of the hits with their counts.
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
	browsertest.WaitFor(t, ctx, `document.querySelector('#search-filters fieldset[data-facet=tag] input[value=tls]')`)
	got := browsertest.Eval[string](t, ctx, `Array.from(document.querySelectorAll('#search-filters fieldset[data-facet=tag] label')).map(l => l.textContent.trim()).join(' | ')`)
	if want := "repeat-incident (1) | tls (2) | 再発 (1)"; got != want {
		t.Errorf("tag filters %q, want %q", got, want)
	}
	if legend := browsertest.Eval[string](t, ctx, `document.querySelector('#search-filters fieldset[data-facet=tag] legend').textContent`); legend != "Tag" {
		t.Errorf("tag facet legend %q", legend)
	}
	browsertest.Run(t, ctx, chromedp.Click(`#search-filters fieldset[data-facet=tag] input[value=tls]`))
	browsertest.WaitFor(t, ctx, n+` === 2 && location.search === '?q=certificate&tag=tls'`)

	// The header box finds a tag too.
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.value = '再発'; i.dispatchEvent(new Event('input')); return true; })()`)
	browsertest.WaitFor(t, ctx, `document.querySelector('.quick-results a[href*="2024-06-10-kessai-shomeisho"]')`)
}

// TestBrowserSearchDataVersioned checks the build id of QA 13 F1 in a
// browser, the search page and the header box of another page, served
// with Cache-Control: max-age=300 as netlify.toml once sent: meta.json is
// asked of the server on every page load (fetched "no-cache", revalidated,
// not taken from the cache), and every other search file carries
// ?v=<meta.json's build>, so a new build's files are never an old build's
// cache entries.
func TestBrowserSearchDataVersioned(t *testing.T) {
	files := buildSite(t, browserKB())
	var build string
	for _, f := range files {
		if f.Path == "search/meta.json" {
			var m exportMeta
			if err := json.Unmarshal(f.Data, &m); err != nil {
				t.Fatal(err)
			}
			build = m.Build
		}
	}
	if len(build) != 16 {
		t.Fatalf("meta.json's build = %q, want 16 hex digits", build)
	}
	srv := browsertest.Serve(t, files, http.Header{"Cache-Control": {"public, max-age=300"}})
	ctx := browsertest.New(t)
	// The search files the page fetched, as Resource Timing names them.
	fetched := `performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search/') && n.includes('.json'))`
	metaAsked := func() int {
		n := 0
		for _, p := range srv.Requests() {
			if p == "/search/meta.json" {
				n++
			}
		}
		return n
	}
	check := func(where string, wantMetaAsked int) {
		t.Helper()
		urls := browsertest.Eval[[]string](t, ctx, fetched)
		var others int
		for _, u := range urls {
			switch {
			case strings.HasSuffix(u, "/search/meta.json"):
			case strings.HasSuffix(u, ".json?v="+build):
				others++
			default:
				t.Errorf("%s: %s has no ?v=%s", where, u, build)
			}
		}
		if others < 3 {
			t.Errorf("%s: fetched %q, want meta.json, a shard, postings and documents", where, urls)
		}
		if got := metaAsked(); got != wantMetaAsked {
			t.Errorf("%s: the server was asked for meta.json %d times, want %d (once per page: no-cache)", where, got, wantMetaAsked)
		}
	}
	for i := 1; i <= 2; i++ { // the second time, every file is in the browser's cache
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
		browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 3`)
		check("search page", 2*i-1)

		browsertest.Navigate(t, ctx, srv.URL+"index.html")
		browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.value = 'dns'; i.dispatchEvent(new Event('input')); return true; })()`)
		browsertest.WaitFor(t, ctx, `document.querySelector('.quick-results a[href*="2024-05-01-dns-overload"]')`)
		check("header box", 2*i)
	}
}

// TestBrowserSearchHintLinks checks that the filter a hint says to type
// links to the query corrected (QA 13 F2): the filter's word (and the
// words of a value typed without quotes) replaced, the rest of the query
// kept; a filter from the URL's parameters replaced there; the link's
// text is the hint's own, so the hint reads as pmkb search's.
func TestBrowserSearchHintLinks(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	links := `Array.from(document.querySelectorAll('#search-hints a')).map(a => a.textContent + ' -> ' + decodeURIComponent(a.getAttribute('href').replace(/\+/g, ' '))).join('\n')`
	for _, tt := range []struct {
		query, hint, links, follow string
	}{
		{"q=" + url.QueryEscape("certificates system:checkout"),
			`Hint: no postmortem has system "checkout"; did you mean system:checkout-api ("Checkout API")?`,
			`system:checkout-api -> /search/index.html?q=certificates system:checkout-api`,
			"certificates system:checkout-api"},
		{"q=" + url.QueryEscape("system:Checkout API certificate"),
			`Hint: no postmortem has system "Checkout"; quote a value with spaces: system:"Checkout API" (or system:checkout-api)`,
			"system:\"Checkout API\" -> /search/index.html?q=system:\"Checkout API\" certificate\nsystem:checkout-api -> /search/index.html?q=system:checkout-api certificate",
			`system:"Checkout API" certificate`},
		{"q=" + url.QueryEscape(`"gateway certificates" NOT system:chekout-api`),
			`Hint: no postmortem has system "chekout-api"; did you mean -system:checkout-api ("Checkout API")?`,
			`-system:checkout-api -> /search/index.html?q="gateway certificates" -system:checkout-api`,
			`"gateway certificates" -system:checkout-api`},
		{"q=certificate&system=checkout",
			`Hint: no postmortem has system "checkout"; did you mean system:checkout-api ("Checkout API")?`,
			`system:checkout-api -> /search/index.html?q=certificate&system=checkout-api`,
			"certificate"},
		{"q=severity:SEV9", `Hint: no postmortem has severity "SEV9"`, "", ""},
	} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?"+tt.query)
		browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-hints li').length > 0`)
		if got := browsertest.Eval[string](t, ctx, `document.getElementById('search-hints').textContent`); got != tt.hint {
			t.Errorf("%s: hint %q, want %q", tt.query, got, tt.hint)
		}
		if got := browsertest.Eval[string](t, ctx, links); got != tt.links {
			t.Errorf("%s: links\n%s\nwant\n%s", tt.query, got, tt.links)
		}
		if tt.follow == "" {
			continue
		}
		// The link is clicked from script: the filters, drawn above the
		// results once the facet counts arrive, push the hints down, and
		// a click at the coordinates measured before that landed beside
		// the link now and then under load (the run timed out in CI).
		browsertest.Eval[bool](t, ctx, `(document.querySelector('#search-hints a').click(), true)`)
		waitAcrossNavigation(t, ctx, `document.readyState === 'complete' && document.getElementById('search-input').value === `+jsString(tt.follow)+` && document.querySelectorAll('#search-results li.search-hit').length > 0`)
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('#search-hints li').length`); n != 0 {
			t.Errorf("%s: the corrected query has %d hints", tt.query, n)
		}
	}
}
