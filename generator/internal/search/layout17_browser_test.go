package search

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserSearchPageOnZoomedPhone opens the search page with its
// filters 180 px wide (a 360 px phone at 200% zoom): the box and the
// facets shrink or wrap, the page does not scroll sideways (QA 17 D-F9);
// 360 px wide, each facet row is about 44 px tall (D-F10: 25 px, no gap).
func TestBrowserSearchPageOnZoomedPhone(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	for _, w := range []int64{180, 360} {
		browsertest.Run(t, ctx, chromedp.EmulateViewport(w, 740, chromedp.EmulateMobile))
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
		browsertest.WaitFor(t, ctx, `document.querySelector('#search-filters details') !== null`)
		browsertest.Eval[bool](t, ctx, `(document.querySelector('#search-filters details').open = true)`)
		if got := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth`); got > int(w) {
			wide := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > innerWidth + 2).slice(-3).map(e => e.tagName + "." + e.className + "#" + e.id)`)
			t.Errorf("%d px: the search page is %d px wide; widest %q", w, got, wide)
		}
		if w == 360 {
			hs := browsertest.Eval[[]float64](t, ctx, `Array.from(document.querySelectorAll('.search-facet label')).map(e => e.getBoundingClientRect().height)`)
			if len(hs) == 0 {
				t.Fatal("no facet rows")
			}
			for _, h := range hs {
				if h < 43 {
					t.Errorf("a facet row is %.0f px tall on a phone, want about 44", h)
					break
				}
			}
		}
	}
}
