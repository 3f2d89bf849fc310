package render

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserPhoneHomeLatest opens the home page on a 390-pixel-wide phone
// (QA 13 F16: "Latest incidents" showed the date and the title, the
// severity cut at the right edge of a table that scrolled sideways): each
// incident shows its date, severity, title and systems inside the screen,
// the severity on the date's line, and the table does not scroll.
func TestBrowserPhoneHomeLatest(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		srv := serveRootSite(t, lang)
		ctx := browsertest.New(t)
		browsertest.Run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		browsertest.Navigate(t, ctx, srv.URL+"index.html")
		// Per row: the severity's, the date's, the title's and the
		// systems' boxes, [left, top, right, bottom], rounded.
		rows := browsertest.Eval[[][][]int](t, ctx, `Array.from(document.querySelectorAll("#latest tbody tr")).map(tr =>
			[tr.querySelector("a.sev"), tr.querySelector("time"), tr.querySelector("th a"), tr.children[3]].map(e => {
				const r = e.getBoundingClientRect();
				return [r.left, r.top, r.right, r.bottom].map(Math.round);
			}))`)
		if len(rows) != len(testKB(lang, repo).Postmortems) {
			t.Fatalf("%s: %d rows in Latest incidents, want %d", lang, len(rows), len(testKB(lang, repo).Postmortems))
		}
		for i, r := range rows {
			for j, name := range []string{"severity", "date", "title", "systems"} {
				if b := r[j]; b[0] < 0 || b[2] > 390 || b[2] <= b[0] {
					t.Errorf("%s: row %d: the %s's box %v is not inside the 390 px screen", lang, i+1, name, b)
				}
			}
			if sev, date := r[0], r[1]; sev[1] >= date[3] || date[1] >= sev[3] {
				t.Errorf("%s: row %d: the severity %v is not on the date's line %v", lang, i+1, sev, date)
			}
		}
		if over := browsertest.Eval[int](t, ctx, `(() => { const w = document.querySelector("#latest").closest(".table-wrap"); return w.scrollWidth - w.clientWidth; })()`); over > 0 {
			t.Errorf("%s: Latest incidents scrolls %d px sideways", lang, over)
		}
	}
}
