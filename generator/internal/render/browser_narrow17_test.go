package render

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// TestBrowserZoomedPhone opens every page 180 px wide (a 360 px phone at
// 200% zoom, as Android applies for a large system font): no page may
// scroll sideways (QA 17 D-F9: the header's search box and button, 311
// px, pushed every page; the list filters' menus too). On the same phone
// at 100% the header's links and the lists' sort buttons are about 44 px
// tall (D-F10: 21-25 px).
func TestBrowserZoomedPhone(t *testing.T) {
	kb := testKB("en", repo)
	kb.Config.BaseURL = "/"
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, f := range files {
		have[f.Path] = true
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(180, 740, chromedp.EmulateMobile))
	// The pages QA looked at, and one of each other kind.
	for _, p := range []string{"index.html", "postmortems/index.html", "postmortems/2024-03-14-checkout-cert/index.html",
		"postmortems/2024-01-05-evil/index.html", "actions/index.html", "actions/owners/aiko/index.html", "systems/checkout-api/index.html",
		"teams/payments/index.html", "severity/sev1/index.html", "tags/index.html", "search/index.html", "404.html"} {
		if _, ok := have[p]; !ok {
			t.Fatalf("no %s", p)
		}
		browsertest.Navigate(t, ctx, srv.URL+p)
		if w := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 180 {
			wide := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 182 && !e.closest(".table-wrap")).slice(-3).map(e => e.tagName + "." + e.className + "#" + e.id)`)
			t.Errorf("%s: page is %d px wide on a 180 px screen; widest: %q", p, w, wide)
		}
	}
	browsertest.Run(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	for _, c := range []struct{ page, sel string }{{"postmortems/index.html", ".site-nav a"}, {"postmortems/index.html", "th .sort"}, {"actions/index.html", "th .sort"}} {
		browsertest.Navigate(t, ctx, srv.URL+c.page)
		hs := browsertest.Eval[[]float64](t, ctx, `Array.from(document.querySelectorAll(`+strconv.Quote(c.sel)+`)).filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().height)`)
		if len(hs) == 0 {
			t.Errorf("%s: no %s", c.page, c.sel)
		}
		for _, h := range hs {
			if h < 43 {
				t.Errorf("%s: a %s is %.0f px tall on a phone, want about 44", c.page, c.sel, h)
				break
			}
		}
	}
}
