package render

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// linesOf counts the lines the text of each short label the CSS selector
// finds takes (its letters' distinct tops), and returns those of more
// than one line as "text: n lines". A short label is a word of at most
// 12 letters: no space, where a line may break.
const linesOf = `(sel => Array.from(document.querySelectorAll(sel)).filter(el => el.getClientRects().length > 0 && /^\S{1,12}$/.test(el.textContent.trim())).map(el => {
	const tops = new Set(), walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), r = document.createRange();
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		for (let i = 0; i < n.length; i++) {
			if (/\s/.test(n.data[i])) continue;
			r.setStart(n, i); r.setEnd(n, i + 1);
			const b = r.getClientRects()[0];
			if (b) tops.add(Math.round(b.top));
		}
	}
	return tops.size > 1 ? el.textContent.trim() + ": " + tops.size + " lines" : "";
}).filter(Boolean))`

// TestBrowserJapaneseLabels checks that the short Japanese labels of the
// tables stay whole in a narrow column (QA 14 B-F12: Japanese may break
// between any two letters, so a phone's /actions/ showed 種類 cells as
// プロセ / ス, 担当者 as 担当 / 者, and the owners link 担 / 当者), on a
// phone and printed (a phone's page still fits its width: wide tables
// scroll in their box), and that a Japanese line does not start with the
// prolonged sound mark ー (CSS line-break: strict, the 禁則 of JIS X 4051).
func TestBrowserJapaneseLabels(t *testing.T) {
	srv := serveRootSite(t, "ja")
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(375, 800))
	labels := `#actions thead th, #actions tbody td:not(.pm-col):not(.nowrap):not(:first-child), #actions .status, #actions tfoot td, main > p > a, #pm-actions thead th, .term-open thead th, .term-open td:nth-child(n+3)`
	for _, page := range []string{"actions/index.html", "postmortems/2024-03-14-checkout-cert/index.html", "systems/api-gateway/index.html"} {
		browsertest.Navigate(t, ctx, srv.URL+page)
		if w := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 375 {
			t.Errorf("phone, %s: the page is %d px wide, wider than the screen (375)", page, w)
		}
		if got := browsertest.Eval[[]string](t, ctx, linesOf+`("`+labels+`")`); len(got) != 0 {
			t.Errorf("phone, %s: labels broken inside: %q", page, got)
		}
		// An A4 page's width, less its margins.
		browsertest.Run(t, ctx, chromedp.EmulateViewport(700, 1000))
		printMedia(t, ctx)
		if got := browsertest.Eval[[]string](t, ctx, linesOf+`("`+labels+`")`); len(got) != 0 {
			t.Errorf("printed, %s: labels broken inside: %q", page, got)
		}
		browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
			return err
		}))
		browsertest.Run(t, ctx, chromedp.EmulateViewport(375, 800))
	}
	// A box exactly 7 letters wide: 決済プロバイダー breaks before ダー, not
	// before ー alone.
	got := browsertest.Eval[string](t, ctx, `(() => {
		const d = document.createElement("div");
		d.style.cssText = "width: 7em; font-size: 16px; line-height: 2; font-family: monospace";
		d.textContent = "決済プロバイダー向けのクライアント";
		document.querySelector("main").appendChild(d);
		const n = d.firstChild, r = document.createRange();
		let top = null, out = "";
		for (let i = 0; i < n.length; i++) {
			r.setStart(n, i); r.setEnd(n, i + 1);
			const t = Math.round(r.getClientRects()[0].top);
			if (top !== null && t !== top) out += "/";
			out += n.data[i]; top = t;
		}
		return out;
	})()`)
	if strings.Contains(got, "/ー") {
		t.Errorf("a line starts with ー: %s", got)
	}
}
