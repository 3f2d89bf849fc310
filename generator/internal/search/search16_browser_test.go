package search

import (
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserSearchURLWithLineBreaks checks that a search URL whose q has
// line breaks (a bot or a runbook linking a two-line log excerpt) shows
// the words spaced in the box, not glued as the box's sanitising would
// glue them, and writes the URL so: Enter then searches what was shown
// (QA 16 C-F10: ?q=SERVFAIL%0ANXDOMAIN showed SERVFAILNXDOMAIN, and
// Enter found nothing).
func TestBrowserSearchURLWithLineBreaks(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	for _, q := range []string{"rotation%0Agateway", "rotation%0D%0Agateway", "rotation%0Dgateway"} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+q)
		browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent === '1 postmortem'`)
		if got := browsertest.Eval[string](t, ctx, `document.getElementById('search-input').value`); got != "rotation gateway" {
			t.Errorf("q=%s: the box shows %q, want %q", q, got, "rotation gateway")
		}
		if got := browsertest.Eval[string](t, ctx, `location.search`); got != "?q=rotation+gateway" {
			t.Errorf("q=%s: the URL's query is %q, want ?q=rotation+gateway", q, got)
		}
		browsertest.Eval[bool](t, ctx, `(() => { document.getElementById('search-status').textContent = ''; document.getElementById('search-input').form.requestSubmit(); return true; })()`)
		browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent !== '' && document.getElementById('search-status').textContent !== 'Searching…'`)
		if got := browsertest.Eval[string](t, ctx, `document.getElementById('search-status').textContent`); got != "1 postmortem" {
			t.Errorf("q=%s: Enter gives %q, want 1 postmortem", q, got)
		}
	}
}
