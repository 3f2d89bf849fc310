package render

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserSortNames checks the accessible names of the sort buttons
// and of their column headers, as Chromium gives them to a screen reader
// (QA 14 B-F3): the column's words only. The arrow the stylesheet draws
// after them (↕, and ▲ or ▼ once sorted) was part of the names, so a
// reader heard "Status up down arrow" at every move to another column;
// aria-sort says the order. The arrow still shows.
func TestBrowserSortNames(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		srv := serveRootSite(t, lang)
		ctx := browsertest.New(t)
		for _, c := range []struct{ page, table string }{
			{"actions/index.html", "actions"},
			{"postmortems/index.html", "postmortems"},
		} {
			browsertest.Navigate(t, ctx, srv.URL+c.page)
			head := `document.querySelectorAll("#` + c.table + ` thead th")`
			browsertest.WaitFor(t, ctx, head+`[0].querySelector("button.sort")`)
			n := browsertest.Eval[int](t, ctx, head+`.length`)
			for i := range n {
				th := fmt.Sprintf(`%s[%d]`, head, i)
				want := browsertest.Eval[string](t, ctx, th+`.textContent.trim().replace(/\s+/g, " ")`)
				if got := axName(t, ctx, th+`.querySelector("button.sort")`); got != want {
					t.Errorf("%s %s: button %d is named %q, want %q", lang, c.page, i+1, got, want)
				}
				// The column the built order follows (aria-sort at load:
				// the list's dates, QA 21 C-F2) shows its ▼ or ▲.
				arrow := map[string]string{"": "↕", "ascending": "▲", "descending": "▼"}[browsertest.Eval[string](t, ctx, `(`+th+`.getAttribute("aria-sort") || "")`)]
				if got := browsertest.Eval[string](t, ctx, `getComputedStyle(`+th+`.querySelector("button.sort"), "::after").content`); !strings.Contains(got, arrow) {
					t.Errorf("%s %s: button %d shows %s after its name, want the arrow %s", lang, c.page, i+1, got, arrow)
				}
				if i > 1 {
					continue // a click on two columns is enough for the sorted state
				}
				browsertest.Eval[bool](t, ctx, `(`+th+`.querySelector("button.sort").click(), true)`)
				sorted := browsertest.Eval[string](t, ctx, th+`.getAttribute("aria-sort")`)
				if got := axName(t, ctx, th); sorted == "" || got != want {
					t.Errorf("%s %s: column %d sorted %q is named %q, want %q", lang, c.page, i+1, sorted, got, want)
				}
			}
		}
	}
}

// axName returns the accessible name Chromium computes for the element
// the JavaScript expression el evaluates to.
func axName(t *testing.T, ctx context.Context, el string) string {
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
		if len(tree.Nodes) == 0 || tree.Nodes[0].Name == nil {
			return "", nil
		}
		var name string
		if err := json.Unmarshal(tree.Nodes[0].Name.Value, &name); err != nil {
			return "", err
		}
		return strings.TrimSpace(name), nil
	}))
}
