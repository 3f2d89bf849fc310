package render

import (
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/themes"
)

// TestBrowserListLoadMovesNoRow opens the two filterable lists without a
// sort in the URL and counts the rows a script moves: none. d6c2b1e's
// restore of the URL's sort put the built order back on every load,
// re-appending every row, which made Chromium style and lay out the whole
// table a second time (/actions/ at 1k: 4.4 -> 7.2-7.8 s of main-thread
// CPU, review of d6c2b1e). With ?sort=title the rows do move, so the count
// can see a move.
func TestBrowserListLoadMovesNoRow(t *testing.T) {
	files, err := Site(testKB("en", repo), themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, files, nil)
	ctx := browsertest.New(t)
	browsertest.OnNewDocument(t, ctx, `window.pmkbRowMoves = 0; (a => { Node.prototype.appendChild = function (c) {
		if (c && c.nodeName === "TR" && this.nodeName === "TBODY") window.pmkbRowMoves++;
		return a.call(this, c);
	}; })(Node.prototype.appendChild);`)
	for _, c := range []struct {
		page, form string
		moves      bool
	}{
		{"postmortems/index.html", "pm-filters", false},
		{"actions/index.html", "action-filters", false},
		{"postmortems/index.html?sort=title", "pm-filters", true},
	} {
		browsertest.Navigate(t, ctx, srv.URL+c.page)
		browsertest.WaitFor(t, ctx, `document.readyState === "complete" && !document.getElementById("`+c.form+`").hidden`)
		if n := browsertest.Eval[int](t, ctx, `window.pmkbRowMoves`); (n > 0) != c.moves {
			t.Errorf("%s: %d rows moved on load, want moves: %v", c.page, n, c.moves)
		}
	}
}
