package render

import (
	"context"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserSkipToResults walks from the search page's box to its results
// by keyboard (QA 13 F7: the filters between them took 82 Tab presses on
// a 300-postmortem site): one Tab reaches "Skip to results", hidden until
// then and shown in the page as the skip link at the top is, and Enter
// moves the focus to the results, with scripts on and off, in English and
// Japanese.
func TestBrowserSkipToResults(t *testing.T) {
	for _, c := range []struct{ lang, text string }{{"en", "Skip to results"}, {"ja", "検索結果へスキップ"}} {
		srv := serveRootSite(t, c.lang)
		for _, scripts := range []bool{true, false} {
			ctx := browsertest.New(t)
			if !scripts {
				browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
					return err
				}))
			}
			browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
			const link = `document.querySelector('#search-form a[href="#results"]')`
			// Hidden (one clipped pixel) until it has the focus.
			if w := browsertest.Eval[float64](t, ctx, link+`.getBoundingClientRect().width`); w > 1 {
				t.Errorf("%s, scripts %v: the skip link is %v px wide before it has the focus", c.lang, scripts, w)
			}
			browsertest.Eval[bool](t, ctx, `(() => { document.getElementById('search-input').focus(); return true; })()`)
			browsertest.Run(t, ctx, chromedp.KeyEvent(kb.Tab))
			got := browsertest.Eval[[]string](t, ctx, `(() => { const a = document.activeElement, r = a.getBoundingClientRect();
				return [a.getAttribute('href') || a.tagName, a.textContent, String(r.width > 20 && r.height > 10 && r.top >= 0 && r.bottom <= innerHeight && getComputedStyle(a).clipPath === 'none')]; })()`)
			if want := []string{"#results", c.text, "true"}; !slices.Equal(got, want) {
				t.Errorf("%s, scripts %v: one Tab from the search box focuses %q (href, text, shown), want %q", c.lang, scripts, got, want)
			}
			browsertest.Run(t, ctx, chromedp.KeyEvent(kb.Enter))
			browsertest.WaitFor(t, ctx, `document.activeElement && document.activeElement.id === 'results'`)
			if !browsertest.Eval[bool](t, ctx, `document.activeElement.contains(document.getElementById('search-results')) && document.activeElement.contains(document.getElementById('search-status'))`) {
				t.Errorf("%s, scripts %v: the focused region does not hold the results and their status", c.lang, scripts)
			}
		}
	}
}
