package search

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// TestBrowserFacetsAcrossDeploy opens the search page with facets.json
// held (a slow phone network) until a build with more postmortems has
// been deployed into the same folder: the facet file of the new build
// comes after the old build's results were drawn. The page must move to
// the new build once, its count and filters, with a few requests (QA 17r
// C finding 3: it searched the old build's files it still held, met the
// new facets.json again and looped, ~110 requests a second).
func TestBrowserFacetsAcrossDeploy(t *testing.T) {
	before, after := deploySites(t)
	srv := browsertest.Serve(t, before, nil)
	ctx := browsertest.New(t)
	netw := browsertest.Intercept(t, ctx, "*/search/facets.json*")
	netw.Set("hold")
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=deploy")
	browsertest.WaitFor(t, ctx, `/postmortems$/.test(document.getElementById('search-status').textContent)`)
	if got := browsertest.Eval[string](t, ctx, `document.getElementById('search-status').textContent`); got != "60 postmortems" {
		t.Fatalf("before the deploy: %q, want 60 postmortems", got)
	}
	srv.Replace(after)
	netw.Set("")
	netw.Release()
	facetLoads := func() int {
		n := 0
		for _, p := range srv.Requests() {
			if strings.HasSuffix(p, "/facets.json") {
				n++
			}
		}
		return n
	}
	const shown = `document.getElementById('search-status').textContent + ' | filters: ' + document.querySelectorAll('#search-filters input[type=checkbox]').length`
	var got string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if got = browsertest.Eval[string](t, ctx, shown); strings.HasPrefix(got, "120 postmortems | ") && !strings.HasSuffix(got, " 0") {
			break
		}
	}
	time.Sleep(time.Second) // a loop would go on asking
	got = browsertest.Eval[string](t, ctx, shown)
	if !strings.HasPrefix(got, "120 postmortems | ") || strings.HasSuffix(got, " 0") {
		t.Errorf("after the deploy: %q, want the new build's 120 postmortems with filters", got)
	}
	if n := facetLoads(); n > 3 {
		t.Errorf("facets.json requested %d times, want at most 3 (one per build and a retry)", n)
	}

	// A host that keeps serving the old build but the new facets.json (a
	// CDN with one file new): the page says to reload, after one retry.
	var mixed []output.File
	for _, f := range before {
		if f.Path == "search/facets.json" {
			f = after[slices.IndexFunc(after, func(g output.File) bool { return g.Path == f.Path })]
		}
		mixed = append(mixed, f)
	}
	srv.Replace(mixed)
	loads := facetLoads()
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=deploy")
	browsertest.WaitFor(t, ctx, `/reload/.test(document.getElementById('search-status').textContent)`)
	time.Sleep(time.Second)
	if got, want := browsertest.Eval[string](t, ctx, searchAnswer), "The site was updated: reload the page. | "; got != want {
		t.Errorf("an old build with a new facets.json: %q, want %q", got, want)
	}
	// Each of the two searches may ask twice: a prefetch that failed
	// before the counting began is asked for again.
	if n := facetLoads() - loads; n > 4 {
		t.Errorf("an old build with a new facets.json: facets.json requested %d times, want at most 4", n)
	}
}
