package render

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserHeadingLinks checks the "#" links of a postmortem's headings
// (QA 13 F17): hidden until the keyboard reaches one, then shown beside
// its heading, on the heading's line; Enter puts the heading's address in
// the location bar.
func TestBrowserHeadingLinks(t *testing.T) {
	srv := serveRootSite(t, "en")
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(1280, 900))
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/2024-03-14-checkout-cert/index.html")
	for _, id := range []string{"h-timeline", "summary"} {
		link := `document.querySelector('a.anchor[href="#` + id + `"]')`
		if op := browsertest.Eval[string](t, ctx, `getComputedStyle(`+link+`).opacity`); op != "0" {
			t.Errorf("%s: the link's opacity is %s before it has the focus", id, op)
		}
		// The element before the link has the focus, then Tab.
		browsertest.Eval[bool](t, ctx, `(() => { const h = document.getElementById('`+id+`'); h.tabIndex = -1; h.focus(); return true; })()`)
		browsertest.Run(t, ctx, chromedp.KeyEvent(kb.Tab))
		got := browsertest.Eval[[]string](t, ctx, `(() => { const a = document.activeElement, h = document.getElementById('`+id+`');
			const r = a.getBoundingClientRect(), hr = h.getBoundingClientRect();
			return [a.getAttribute('href'), getComputedStyle(a).opacity, String(r.left >= hr.right && r.top < hr.bottom && r.bottom > hr.top && r.width > 0)]; })()`)
		if want := "#" + id; len(got) != 3 || got[0] != want || got[1] != "1" || got[2] != "true" {
			t.Errorf("%s: Tab from the heading focuses %q (href, opacity, beside the heading), want %q, 1, true", id, got, want)
		}
		browsertest.Run(t, ctx, chromedp.KeyEvent(kb.Enter))
		browsertest.WaitFor(t, ctx, `location.hash === '#`+id+`'`)
	}
}
