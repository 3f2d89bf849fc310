package search

import (
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserQuickSearchEmptiedNotBusy types a word in the header box
// while its postings are held (a slow network), then empties the box: the
// list must not stay aria-busy (QA 17r C finding 4: the empty box hid the
// list but left aria-busy="true" until a later search finished).
func TestBrowserQuickSearchEmptiedNotBusy(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	netw := browsertest.Intercept(t, ctx, "*/search/t/*")
	netw.Set("hold")
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	typeIn := func(q string) {
		browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q');
			i.value = `+jsString(q)+`; i.dispatchEvent(new Event('input')); return true; })()`)
	}
	typeIn("certificate")
	browsertest.WaitFor(t, ctx, `document.getElementById('site-search-list').getAttribute('aria-busy') === 'true'`)
	typeIn("")
	time.Sleep(600 * time.Millisecond)
	if got := browsertest.Eval[string](t, ctx, `document.getElementById('site-search-list').getAttribute('aria-busy') || 'none'`); got != "none" {
		t.Errorf("the emptied box's list: aria-busy=%q, want none", got)
	}
	netw.Set("")
	netw.Release()
}
