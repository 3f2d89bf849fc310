package render

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// listLoadWatch runs in every page before its own scripts: it notes when a
// list's filter form (#pm-filters, #action-filters) is shown (its hidden
// attribute removed by table.js or actions.js), and when the first frame
// with it shown has been drawn (the second animation frame after), and
// when the first frame after the load event has been drawn.
const listLoadWatch = `(function () {
  var w = window.pmkbListLoad = {};
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      var el = r.target;
      if (w.shown || (el.id !== "pm-filters" && el.id !== "action-filters") || el.hidden) { return; }
      w.shown = performance.now();
      requestAnimationFrame(function () { requestAnimationFrame(function () { w.painted = performance.now(); }); });
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
  addEventListener("load", function () {
    requestAnimationFrame(function () { requestAnimationFrame(function () { w.loaded = performance.now(); }); });
  });
})();`

// BenchmarkBrowserListPages measures the reader's side of the two big
// list pages of a generated 1,000-postmortem site (2,587 action items):
// each loop loads /actions/ and /postmortems/ in headless Chromium, served
// over HTTP, and waits until the filters are shown and
// drawn and the first frame after the load event is drawn. It reports, per
// page and as the mean of the loops, in milliseconds from the start of
// the navigation:
//
//   - dcl-ms: the end of DOMContentLoaded;
//   - filters-ms: the filter form shown (table.js or actions.js removed
//     its hidden attribute): the filters work from here on;
//   - filters-drawn-ms: the first frame with the filters drawn, when the
//     reader can see and use them;
//   - loaded-ms: the first frame drawn after the load event;
//
// and Chromium's own totals for the page (Performance.getMetrics):
// layout-ms (LayoutDuration), style-ms (RecalcStyleDuration), script-ms
// (ScriptDuration), task-ms (TaskDuration), layouts (LayoutCount) and
// cpu-ms (ThreadTime: the CPU time of the page's main thread, which a
// busy machine sways far less than the others, all wall-clock times).
//
// The site's build day is 2026-11-27, so on a later machine clock
// actions.js moves every open item's age and flags the items overdue
// since, as a reader's browser does; the further the clock is past it,
// the more items are overdue. Without a browser (package browsertest) it
// skips. The machine is usually shared: compare runs interleaved, and
// more than one of each (-count). PMKB_BENCH_LIST_N sets another number
// of postmortems than 1,000 (PMKB_BENCH_LIST_N=10000: 25,968 action items).
func BenchmarkBrowserListPages(b *testing.B) {
	if _, err := browsertest.FindChromium(); err != nil {
		b.Skip(err)
	}
	n := 1000
	if s := os.Getenv("PMKB_BENCH_LIST_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("PMKB_BENCH_LIST_N=%q: want a number of postmortems", s)
		}
	}
	kb, opts := benchSite(b, n)
	files, err := Site(kb, themes.Default(), opts)
	if err != nil {
		b.Fatal(err)
	}
	srv := browsertest.Serve(b, files, nil)
	tab := browsertest.New(b)
	browsertest.Run(b, tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, performance.Enable, performance.EnableParams{})
		return err
	}))
	browsertest.OnNewDocument(b, tab, listLoadWatch)
	pages := []struct{ name, path string }{{"actions", "actions/"}, {"postmortems", "postmortems/"}}
	sums := make([]map[string]float64, len(pages))
	for i := range sums {
		sums[i] = map[string]float64{}
	}
	loops := 0
	for b.Loop() {
		loops++
		for i, p := range pages {
			for k, v := range loadListPage(b, tab, srv.URL+p.path) {
				sums[i][k] += v
			}
		}
	}
	for i, p := range pages {
		for k, v := range sums[i] {
			b.ReportMetric(v/float64(loops), p.name+"-"+k)
		}
	}
}

// loadListPage loads url in the tab ctx, which runs listLoadWatch and
// reports Chromium's metrics, and returns its timings and metrics (see
// BenchmarkBrowserListPages).
func loadListPage(b *testing.B, ctx context.Context, url string) map[string]float64 {
	b.Helper()
	// A blank page between makes each load a navigation of its own.
	browsertest.Navigate(b, ctx, "about:blank")
	browsertest.Navigate(b, ctx, url)
	browsertest.WaitFor(b, ctx, `window.pmkbListLoad.painted && window.pmkbListLoad.loaded`)
	got := browsertest.Eval[map[string]float64](b, ctx, `(() => {
	  const w = window.pmkbListLoad;
	  return {"dcl-ms": performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
	    "filters-ms": w.shown, "filters-drawn-ms": w.painted, "loaded-ms": w.loaded};
	})()`)
	// Chromium counts these per document: they are the page's own.
	res := browsertest.Run(b, ctx, chromedp.Action[performance.GetMetricsResult](func(ctx context.Context, tg *chromedp.Target) (performance.GetMetricsResult, error) {
		return cdp.Call(ctx, tg, performance.GetMetrics, cdp.Empty{})
	}))
	names := map[string]string{"LayoutDuration": "layout-ms", "RecalcStyleDuration": "style-ms", "ScriptDuration": "script-ms", "TaskDuration": "task-ms", "ThreadTime": "cpu-ms", "LayoutCount": "layouts"}
	for _, m := range res.Metrics {
		switch k := names[m.Name]; {
		case k == "layouts":
			got[k] = m.Value
		case k != "":
			got[k] = 1000 * m.Value
		}
	}
	return got
}
