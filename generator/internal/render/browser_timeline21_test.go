package render

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserTimelineFitsPhone checks a postmortem's timeline on the
// narrowest phones, 320 and 360 CSS px (QA 21 C-F4: the table was 340 px
// wide in a 286 px box at 320 px, its "Since start" column cut at the
// edge, and a time broke inside its date, "2024-03-" over "14 00:12"),
// en and ja: nothing of it needs sideways scrolling, every header and
// value lies inside the box, and a time breaks, if at all, between its
// date and its clock.
func TestBrowserTimelineFitsPhone(t *testing.T) {
	type look struct {
		ScrollW, ClientW int
		Outside          []string // the cells not inside the box
		Split            []string // the times whose date is on two lines
		Rows             int
	}
	probe := `(() => {
		const wrap = document.querySelector("table.timeline").closest(".table-wrap");
		const box = wrap.getBoundingClientRect();
		const table = wrap.querySelector("table");
		const outside = [], split = [];
		for (const c of table.querySelectorAll("th, td")) {
			const r = c.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) { continue; }
			if (r.left < box.left - 0.5 || r.right > box.right + 0.5) { outside.push(c.textContent.trim() || "(empty)"); }
		}
		for (const el of table.querySelectorAll("time")) {
			const range = document.createRange();
			const text = el.firstChild;
			range.setStart(text, 0);
			range.setEnd(text, Math.min(10, text.length));
			const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
			if (lines.size > 1) { split.push(el.textContent); }
		}
		return {ScrollW: wrap.scrollWidth, ClientW: wrap.clientWidth, Outside: outside, Split: split, Rows: table.tBodies[0].rows.length};
	})()`
	for _, lang := range []string{"en", "ja"} {
		srv := serveRootSite(t, lang)
		ctx := browsertest.New(t)
		for _, width := range []int64{320, 360} {
			browsertest.Run(t, ctx, chromedp.EmulateViewport(width, 700))
			browsertest.Navigate(t, ctx, srv.URL+"postmortems/2024-03-14-checkout-cert/index.html")
			got := browsertest.Eval[look](t, ctx, probe)
			if got.Rows < 3 {
				t.Fatalf("%s at %d px: the timeline has %d rows; the test wants a full one", lang, width, got.Rows)
			}
			if got.ScrollW > got.ClientW || len(got.Outside) > 0 || len(got.Split) > 0 {
				t.Errorf("%s at %d px: the timeline is %d px wide in a box of %d px; cells outside it %q; dates broken %q",
					lang, width, got.ScrollW, got.ClientW, got.Outside, got.Split)
			}
			// Laid out anew, it is still a table of rows and cells.
			for el, want := range map[string]string{
				`document.querySelector("table.timeline")`:                                       "table",
				`document.querySelector("table.timeline tbody tr")`:                              "row",
				`document.querySelector("table.timeline thead th:nth-child(3)")`:                 "columnheader",
				`document.querySelector("table.timeline tbody tr:nth-child(2) > th")`:            "rowheader",
				`document.querySelector("table.timeline tbody tr:nth-child(2) > :nth-child(3)")`: "cell",
			} {
				if got := axRole(t, ctx, el); got != want {
					t.Errorf("%s at %d px: %s has the role %q, want %q", lang, width, el, got, want)
				}
			}
			if doc := browsertest.Eval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); doc > 0 {
				t.Errorf("%s at %d px: the page scrolls sideways by %d px", lang, width, doc)
			}
		}
	}
}

// axRole returns the role Chromium gives the element the JavaScript
// expression el evaluates to.
func axRole(t *testing.T, ctx context.Context, el string) string {
	t.Helper()
	no := false
	return browsertest.Run(t, ctx, chromedp.Action[string](func(ctx context.Context, tg *chromedp.Target) (string, error) {
		obj, err := cdp.Call(ctx, tg, runtime.Evaluate, runtime.EvaluateParams{Expression: el})
		if err != nil {
			return "", err
		}
		if obj.Result == nil || obj.Result.ObjectID == "" {
			return "", fmt.Errorf("%s is no element", el)
		}
		tree, err := cdp.Call(ctx, tg, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{
			ObjectID: runtime.RemoteObjectID(obj.Result.ObjectID), FetchRelatives: &no})
		if err != nil {
			return "", err
		}
		if len(tree.Nodes) == 0 || tree.Nodes[0].Role == nil {
			return "", nil
		}
		var role string
		if err := json.Unmarshal(tree.Nodes[0].Role.Value, &role); err != nil {
			return "", err
		}
		return role, nil
	}))
}
