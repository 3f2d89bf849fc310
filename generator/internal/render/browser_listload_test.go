package render

import (
	"context"
	"math"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// TestBrowserSortButtonsKeepColumnWidths checks that table.js's sort
// buttons change no column's width: the headers of a sortable table keep
// room for the arrow before the buttons come. Otherwise Chromium lays out
// and paints the whole list again once the scripts have run, about half a
// second for a list of 1,000 postmortems (BenchmarkBrowserListPages). The
// widths are taken with scripts off, then on; the build's day is after
// the browser's, so actions.js rewrites no count and table.js is the only
// script that changes the table.
func TestBrowserSortButtonsKeepColumnWidths(t *testing.T) {
	kb := testKB("en", repo)
	kb.Today = day(2999, 1, 1)
	files, err := Site(kb, themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	const widths = `Array.from(document.querySelectorAll("#postmortems thead th")).map(th => th.getBoundingClientRect().width)`
	load := func(scripts bool) []float64 {
		t.Helper()
		browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !scripts})
			return err
		}))
		browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html")
		if scripts {
			browsertest.WaitFor(t, ctx, `!document.getElementById("pm-filters").hidden`)
		}
		return browsertest.Eval[[]float64](t, ctx, widths)
	}
	before := load(false)
	after := load(true)
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("#postmortems thead th button.sort").length`); n == 0 {
		t.Fatal("no sort buttons: the test would prove nothing")
	}
	if len(before) == 0 || len(before) != len(after) {
		t.Fatalf("header widths without the scripts %v, with them %v", before, after)
	}
	for i := range before {
		if math.Abs(before[i]-after[i]) > 0.5 {
			t.Errorf("column %d: %.2f px wide without the scripts, %.2f px with the sort buttons", i, before[i], after[i])
		}
	}
	// The room the header keeps is where the button's arrow goes: each
	// button ends inside its header cell (without the header's padding
	// the last arrow stuck out of the table into the scrolling wrapper).
	overflow := browsertest.Eval[[]float64](t, ctx, `Array.from(document.querySelectorAll("#postmortems thead th")).map(th => {
		const b = th.querySelector("button.sort");
		return b ? b.getBoundingClientRect().right - th.getBoundingClientRect().right : -1;
	})`)
	for i, px := range overflow {
		if px > 0.5 {
			t.Errorf("column %d: the sort button ends %.2f px past its header cell", i, px)
		}
	}
}
