package render

import (
	"context"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserListNoMatch checks the line a filtered list shows when no
// row matches (QA 14 B-F10: only the column headers showed): under the
// headers, in the site's language, with a button that clears the filters
// and shows every row again, and gone when rows match.
func TestBrowserListNoMatch(t *testing.T) {
	for _, c := range []struct{ lang, none, clear string }{
		{"en", "Nothing matches these filters.", "Clear filters"},
		{"ja", "条件に一致するものはありません。", "絞り込みを解除"},
	} {
		srv := serveRootSite(t, c.lang)
		ctx := browsertest.New(t)
		for _, p := range []struct{ page, form, table string }{
			{"actions/index.html?owner=chen&overdue=1", "action-filters", "actions"},
			{"postmortems/index.html?text=zzzz", "pm-filters", "postmortems"},
			{"postmortems/index.html?system=nosuch", "pm-filters", "postmortems"},
		} {
			browsertest.Navigate(t, ctx, srv.URL+p.page)
			browsertest.WaitFor(t, ctx, `!document.getElementById("`+p.form+`").hidden`)
			line := `document.querySelector("#` + p.table + ` tfoot tr.none-row")`
			got := browsertest.Eval[[]string](t, ctx, `(() => {
				const r = `+line+`, rows = Array.from(document.querySelectorAll("#`+p.table+` tbody tr")).filter(r => !r.hidden);
				if (!r) return ["no line", String(rows.length)];
				const b = r.querySelector("button"), cell = r.cells[0], head = document.querySelector("#`+p.table+` thead tr");
				return [String(r.hidden), String(r.getBoundingClientRect().height > 0), r.querySelector("span").textContent, b ? b.textContent : "",
					String(cell.colSpan === head.cells.length), String(rows.length), getComputedStyle(cell).wordBreak];
			})()`)
			// The line is a sentence: it wraps as text does, not kept whole
			// as the action table's short cells are (review 14).
			if want := []string{"false", "true", c.none, c.clear, "true", "0", "normal"}; !slices.Equal(got, want) {
				t.Errorf("%s %s: line (hidden, shown, text, button, spans the table, rows shown, word-break) = %q, want %q", c.lang, p.page, got, want)
				continue
			}
			browsertest.Eval[bool](t, ctx, `(`+line+`.querySelector("button").click(), true)`)
			browsertest.WaitFor(t, ctx, `location.search === ""`)
			got = browsertest.Eval[[]string](t, ctx, `[String(`+line+`.hidden), String(Array.from(document.querySelectorAll("#`+p.table+` tbody tr")).every(r => !r.hidden)),
				String(document.activeElement === document.querySelector("#`+p.form+` select, #`+p.form+` input"))]`)
			if want := []string{"true", "true", "true"}; !slices.Equal(got, want) {
				t.Errorf("%s %s: after its button (line hidden, every row shown, focus on the first field) = %q, want %q", c.lang, p.page, got, want)
			}
		}
		// A printout of the empty list says so too (the print rules that
		// leave out secondary columns of /actions/ left out its one cell),
		// without the button.
		browsertest.Navigate(t, ctx, srv.URL+"actions/index.html?owner=chen&overdue=1")
		browsertest.WaitFor(t, ctx, `document.querySelector("#actions tr.none-row")`)
		printMedia(t, ctx)
		if got := browsertest.Eval[[]string](t, ctx, `(r => [getComputedStyle(r.cells[0]).display, getComputedStyle(r.querySelector("button")).display])(document.querySelector("#actions tr.none-row"))`); !slices.Equal(got, []string{"table-cell", "none"}) {
			t.Errorf("%s: printed, the line's cell and button display as %q, want table-cell, none", c.lang, got)
		}
		browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
			return err
		}))
		// A filter that matches rows shows no line.
		browsertest.Navigate(t, ctx, srv.URL+"actions/index.html?owner=chen")
		browsertest.WaitFor(t, ctx, `!document.getElementById("action-filters").hidden`)
		if got := browsertest.Eval[bool](t, ctx, `(r => r !== null && !r.hidden)(document.querySelector("#actions tr.none-row"))`); got {
			t.Errorf("%s: owner chen has a row, but the no-match line shows", c.lang)
		}
	}
}
