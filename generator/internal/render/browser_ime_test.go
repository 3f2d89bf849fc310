package render

import (
	"context"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserListTextIME types into the postmortem list's Text box as a
// Japanese input method does (Input.imeSetComposition: the reading, then
// the converted word, then the commit) and checks that the list filters
// on the committed word only (QA 14 B-F6): it filtered at each step of
// the composition, on the unconverted reading (せいきゅう: no row, "0 of
// 4" announced, ?text=せいきゅう in the URL), as the search page does not.
// Then an English word typed with keys filters at each key, as before.
func TestBrowserListTextIME(t *testing.T) {
	srv := serveRootSite(t, "ja")
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html")
	browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
	browsertest.Eval[bool](t, ctx, `(() => {
		window.pmkbSeen = [];
		const count = document.getElementById("pm-count");
		new MutationObserver(() => window.pmkbSeen.push(location.search + " " + count.textContent)).observe(count, {childList: true, characterData: true, subtree: true});
		document.getElementById("f-text").focus();
		return true;
	})()`)
	call := func(a chromedp.Action[struct{}]) { browsertest.Run(t, ctx, a) }
	compose := func(text string) {
		n := int64(len([]rune(text)))
		call(chromedp.Action[struct{}](func(ctx context.Context, tg *chromedp.Target) (struct{}, error) {
			_, err := cdp.Call(ctx, tg, input.ImeSetComposition, input.ImeSetCompositionParams{Text: text, SelectionStart: n, SelectionEnd: n})
			return struct{}{}, err
		}))
	}
	for _, step := range []string{"せ", "せい", "せいきゅう", "請求"} {
		compose(step)
	}
	if got := browsertest.Eval[[]string](t, ctx, `window.pmkbSeen`); len(got) != 0 {
		t.Errorf("while composing, the list was filtered: %q", got)
	}
	call(chromedp.Action[struct{}](func(ctx context.Context, tg *chromedp.Target) (struct{}, error) {
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: "請求"})
		return struct{}{}, err
	}))
	browsertest.WaitFor(t, ctx, `window.pmkbSeen.length > 0`)
	rows := `Array.from(document.querySelectorAll("#postmortems tbody tr")).filter(r => !r.hidden).map(r => r.dataset.key || r.querySelector("a").getAttribute("href"))`
	got := browsertest.Eval[[]string](t, ctx, `[location.search, document.getElementById("f-text").value].concat(window.pmkbSeen)`)
	if want := []string{"?text=%E8%AB%8B%E6%B1%82", "請求", "?text=%E8%AB%8B%E6%B1%82 4 件中 1 件を表示 · テキスト: 請求"}; !slices.Equal(got, want) {
		t.Errorf("after the commit: URL, box and counts %q, want %q", got, want)
	}
	if n := browsertest.Eval[int](t, ctx, rows+`.length`); n != 1 {
		t.Errorf("after the commit %d rows show, want 1: %q", n, browsertest.Eval[[]string](t, ctx, rows))
	}
	// Keys without a composition filter at each key; the first key of a
	// burst is a history entry of its own, the next ones replace it.
	before := browsertest.Eval[int](t, ctx, `history.length`)
	browsertest.Eval[bool](t, ctx, `(() => { const f = document.getElementById("f-text"); f.value = ""; f.dispatchEvent(new Event("change", {bubbles: true})); window.pmkbSeen = []; return true; })()`)
	browsertest.Run(t, ctx, chromedp.SendKeys("#f-text", "tls"))
	if got := browsertest.Eval[[]string](t, ctx, `window.pmkbSeen.map(s => s.split(" ")[0])`); !slices.Equal(got, []string{"", "?text=t", "?text=tl", "?text=tls"}) {
		t.Errorf("typing tls: URLs at each count %q", got)
	}
	if n := browsertest.Eval[int](t, ctx, `history.length`); n != before+2 {
		t.Errorf("typing tls after clearing: history grew by %d entries, want 2 (the clear, the word)", n-before)
	}
}
