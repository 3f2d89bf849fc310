package search

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserFacetRowSpacing measures, in every facet row, the space
// between the checkbox and the name and between the name and its count:
// on a phone it must be at least what a desktop shows (QA 17r C finding
// 1: the phone's flex label dropped the spaces, "SEV1 Critical(20)").
func TestBrowserFacetRowSpacing(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	gaps := func(w int64) []float64 {
		browsertest.Run(t, ctx, chromedp.EmulateViewport(w, 740, chromedp.EmulateMobile))
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
		browsertest.WaitFor(t, ctx, `document.querySelector('#search-filters .search-facet label') !== null`)
		browsertest.Eval[bool](t, ctx, `(d => { if (d) d.open = true; return true; })(document.querySelector('#search-filters details'))`)
		// The smallest gaps over all rows: checkbox to name, name to count.
		return browsertest.Eval[[]float64](t, ctx, `(() => { let a = 1e9, b = 1e9;
			for (const l of document.querySelectorAll('.search-facet label')) {
				const c = l.querySelector('input').getBoundingClientRect(), n = l.querySelector('bdi').getClientRects(), k = l.querySelector('.count').getBoundingClientRect();
				a = Math.min(a, n[0].left - c.right); b = Math.min(b, k.left - n[n.length - 1].right);
			}
			return [a, b]; })()`)
	}
	desk, phone := gaps(1280), gaps(360)
	if phone[0] < desk[0]-0.5 || phone[1] < desk[1]-0.5 || phone[1] < 2 {
		t.Errorf("facet rows on a phone: %.1f px after the checkbox, %.1f px before the count; a desktop: %.1f and %.1f", phone[0], phone[1], desk[0], desk[1])
	}
}
