package search

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// submitSearch searches q on the search page and waits for its answer.
func submitSearch(t *testing.T, ctx context.Context, q string) string {
	t.Helper()
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); document.getElementById('search-status').textContent = '';
		i.value = `+jsString(q)+`; i.form.requestSubmit(); return true; })()`)
	browsertest.WaitFor(t, ctx, `(s => s !== '' && s !== 'Searching…')(document.getElementById('search-status').textContent)`)
	return browsertest.Eval[string](t, ctx, `document.getElementById('search-status').textContent`)
}

// TestBrowserSearchFailsAndRetries checks the search page when a
// dictionary file stalls (held: no answer) or fails (a dropped
// connection): the search gives up (after the page's timeout, here half
// a second) with the reason in the page's words, clears the results of
// the query before, and offers Retry, which asks again (QA 17 D-F3: a
// stalled file left "Searching…" for good and Search again reused it;
// D-F7: the previous query's results stayed listed under the failed
// one; the error was the browser's "Failed to fetch").
func TestBrowserSearchFailsAndRetries(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, deployKB(120, func(int) bool { return true })), nil)
	ctx := browsertest.New(t)
	browsertest.OnNewDocument(t, ctx, `window.pmkbSearchTimeout = 500`)
	netw := browsertest.Intercept(t, ctx, "*/search/t/*")
	for _, c := range []struct{ mode, want string }{
		{"hold", "Search failed: the server did not answer."},
		{"fail", "Search failed: no connection to the server."},
	} {
		netw.Set("")
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=latency")
		browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent === '120 postmortems'`)
		netw.Set(c.mode)
		if got := submitSearch(t, ctx, "zeta013"); got != c.want {
			t.Errorf("%s: status %q, want %q", c.mode, got, c.want)
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('#search-results li.search-hit').length`); n != 0 {
			t.Errorf("%s: %d results of the query before are still listed", c.mode, n)
		}
		if got := browsertest.Eval[string](t, ctx, `Array.from(document.querySelectorAll('#search-results button')).map(b => b.textContent).join()`); got != "Retry" {
			t.Fatalf("%s: buttons %q, want Retry", c.mode, got)
		}
		netw.Set("")
		browsertest.Eval[bool](t, ctx, `(document.querySelector('#search-results button').click(), true)`)
		browsertest.WaitFor(t, ctx, `/postmortem/.test(document.getElementById('search-status').textContent)`)
		if got := browsertest.Eval[string](t, ctx, searchAnswer); !strings.Contains(got, "pm") {
			t.Errorf("%s: Retry gives %q", c.mode, got)
		}
	}
}

// TestBrowserQuickSearchSaysLoadingAndFailure checks the header box while
// its dictionary file stalls and when it fails: a "Searching…" row, then
// an error row with Retry, each also in the box's status for screen
// readers; Retry, the network back, lists the results (QA 17 D-F2: the
// box showed nothing at all, and its status was empty).
func TestBrowserQuickSearchSaysLoadingAndFailure(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, deployKB(120, func(int) bool { return true })), nil)
	ctx := browsertest.New(t)
	browsertest.OnNewDocument(t, ctx, `window.pmkbSearchTimeout = 1500`)
	netw := browsertest.Intercept(t, ctx, "*/search/t/*")
	const box = `(() => { const f = document.getElementById('site-search-q').form, l = f.querySelector('#site-search-list');
		return (l.hidden ? 'hidden' : l.textContent) + ' | ' + f.querySelector('[role=status]').textContent; })()`
	for _, c := range []struct{ mode, want string }{
		{"hold", "Search failed: the server did not answer. Retry"},
		{"fail", "Search failed: no connection to the server. Retry"},
	} {
		browsertest.Navigate(t, ctx, srv.URL+"index.html")
		netw.Set(c.mode)
		browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.focus(); i.value = 'latency'; i.dispatchEvent(new Event('input')); return true; })()`)
		if c.mode == "hold" {
			browsertest.WaitFor(t, ctx, `!document.getElementById('site-search-list').hidden`)
			if got, want := browsertest.Eval[string](t, ctx, box), "Searching… | Searching…"; got != want {
				t.Errorf("while the index loads: %q, want %q", got, want)
			}
		}
		browsertest.WaitFor(t, ctx, `document.getElementById('site-search-list').textContent.startsWith('Search failed')`)
		if got, want := browsertest.Eval[string](t, ctx, box), c.want+" | "+strings.TrimSuffix(c.want, " Retry"); got != want {
			t.Errorf("%s: %q, want %q", c.mode, got, want)
		}
		netw.Set("")
		browsertest.Eval[bool](t, ctx, `(document.querySelector('#site-search-list button').click(), true)`)
		browsertest.WaitFor(t, ctx, `document.querySelectorAll('#site-search-list [role=option]').length > 0`)
		if got := browsertest.Eval[string](t, ctx, box); !strings.HasSuffix(got, "| 120 postmortems") {
			t.Errorf("%s: Retry gives %q", c.mode, got)
		}
	}
}

// TestBrowserQuickSearchWaitsOnShortWord checks that the header box does
// not search a last word of two letters while typing goes on: on a slow
// network the postings of every word the prefix stands for queued before
// the final query's files (QA 17 D-F6: "connection po" fetched 17 files
// "connection pool" did not need; typed 13 s, pasted 9 s).
func TestBrowserQuickSearchWaitsOnShortWord(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, deployKB(120, func(int) bool { return true })), nil)
	ctx := browsertest.New(t)
	browsertest.OnNewDocument(t, ctx, `window.__f = []; { const f = window.fetch; window.fetch = function (u) { window.__f.push(String(u)); return f.apply(this, arguments); }; }`)
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.focus(); i.value = 'la'; i.dispatchEvent(new Event('input'));
		setTimeout(() => { window.__n = window.__f.length; i.value = 'lat'; i.dispatchEvent(new Event('input')); }, 300); return true; })()`)
	browsertest.WaitFor(t, ctx, `window.__n !== undefined && document.querySelectorAll('#site-search-list [role=option]').length > 0`)
	if n := browsertest.Eval[int](t, ctx, `window.__n`); n != 0 {
		t.Errorf("0.3 s after typing \"la\", %d index files were asked for (%s), want none", n, browsertest.Eval[string](t, ctx, `window.__f.join(' ')`))
	}
}

// TestBrowserSearchOfflineFromCache checks that a search page opened
// again offline (the page itself fresh in the cache, as a host's
// Last-Modified makes it for a while) searches the index
// the browser has cached and says the results may be out of date (QA 17
// D-F8: it said "Search failed" though everything was cached).
func TestBrowserSearchOfflineFromCache(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, deployKB(120, func(int) bool { return true })), http.Header{"Cache-Control": {"max-age=600"}})
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=latency")
	browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent === '120 postmortems'`)
	want := browsertest.Eval[string](t, ctx, searchAnswer)
	browsertest.Offline(t, ctx, true)
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=latency")
	browsertest.WaitFor(t, ctx, `(s => s !== '' && s !== 'Searching…')(document.getElementById('search-status').textContent)`)
	want = strings.Replace(want, "120 postmortems", "120 postmortems (offline: may be out of date)", 1)
	if got := browsertest.Eval[string](t, ctx, searchAnswer); got != want {
		t.Errorf("meta.json failing: %q\nwant %q", got, want)
	}
}
