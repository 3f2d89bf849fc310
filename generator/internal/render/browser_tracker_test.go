package render

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserTrackerKeyOneLine squeezes the tracker links of a postmortem's
// action items to a pixel's width: the host may wrap, the issue key may
// not (QA 13 F16: "COM-" and "641" on two lines at 1280 px).
func TestBrowserTrackerKeyOneLine(t *testing.T) {
	srv := serveRootSite(t, "en")
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(1280, 900))
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/2024-03-14-checkout-cert/index.html")
	// lines is how many lines the link's text and its key "PAY-812" take.
	got := browsertest.Eval[[]int](t, ctx, `(() => {
		const a = document.querySelector('#pm-actions a[href^="https://tracker.example.com/"]');
		a.style.display = 'inline-block';
		a.style.width = '1px';
		const lines = r => new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size;
		const all = document.createRange();
		all.selectNodeContents(a);
		const w = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
		for (let n; (n = w.nextNode());) {
			const i = n.data.indexOf('PAY-812');
			if (i >= 0) {
				const key = document.createRange();
				key.setStart(n, i);
				key.setEnd(n, i + 7);
				return [lines(all), lines(key)];
			}
		}
		return [];
	})()`)
	if len(got) != 2 || got[0] < 2 || got[1] != 1 {
		t.Errorf("a squeezed tracker link takes %v lines (link, key), want several for the link and one for the key", got)
	}
}
