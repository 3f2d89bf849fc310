package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserCardLabelsApart checks the names a screen reader gets for
// the cells of a postmortem's action items (QA 21 C-F5). On a phone each
// item is a card whose values follow their column's name, drawn by the
// stylesheet (td[data-label]::before): the name was part of the cell's
// text, glued to the value ("Ownerben", "優先度P1") and said again after
// the column header. It is drawn still, with no text for the tree. And at
// every width the status cell read "Doneclosed 2024-03-28": the spaces
// around the hidden overdue flag between them fell out of the tree.
func TestBrowserCardLabelsApart(t *testing.T) {
	want := map[string]map[string]string{
		"en": {"status": "Done closed 2024-03-28", "owner": "ben", "due": "2024-04-01", "priority": "P1"},
		"ja": {"owner": "ben", "due": "2024-04-01", "priority": "P1"},
	}
	labels := map[string]map[string]string{
		"en": {"owner": "Owner", "priority": "Priority"},
		"ja": {"owner": "担当者", "priority": "優先度"},
	}
	for _, lang := range []string{"en", "ja"} {
		srv := serveRootSite(t, lang)
		ctx := browsertest.New(t)
		for _, width := range []int64{320, 1280} {
			browsertest.Run(t, ctx, chromedp.EmulateViewport(width, 800))
			browsertest.Navigate(t, ctx, srv.URL+"postmortems/2024-03-14-checkout-cert/index.html")
			browsertest.WaitFor(t, ctx, `document.querySelector("#pm-actions.labelled")`)
			row := `document.querySelector('#pm-actions tr[data-key$="AI-1"]')`
			cell := func(col string) string {
				return fmt.Sprintf(`%s.cells[Array.from(document.querySelectorAll("#pm-actions thead th")).findIndex(h => h.getAttribute("data-col") === %q)]`, row, col)
			}
			for col, name := range want[lang] {
				if got := axName(t, ctx, cell(col)); got != name {
					t.Errorf("%s at %d px: the %s cell is named %q, want %q", lang, width, col, got, name)
				}
			}
			if lang == "ja" {
				// The status and the closing day are words apart.
				got := axName(t, ctx, cell("status"))
				status := browsertest.Eval[string](t, ctx, cell("status")+`.querySelector(".status").textContent`)
				if !strings.HasPrefix(got, status+" ") {
					t.Errorf("%s at %d px: the status cell is named %q, want %q and a space first", lang, width, got, status)
				}
			}
			if width > 400 {
				continue
			}
			// On the phone the column's name still shows before the value.
			for col, label := range labels[lang] {
				if got := browsertest.Eval[string](t, ctx, `getComputedStyle(`+cell(col)+`, "::before").content`); !strings.Contains(got, label) {
					t.Errorf("%s at %d px: the %s cell shows %s before its value, want %q", lang, width, col, got, label)
				}
			}
		}
	}
}
