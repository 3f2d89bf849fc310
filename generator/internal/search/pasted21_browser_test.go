package search

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestBrowserPastedWords opens search URLs for the parts of words joined
// by a colon or a middle dot (QA 21 F5) and for words written with
// invisible characters inside (F7) in a browser, over the built site, and
// checks that the search page finds what pmkb search finds, in the same
// order, with the same snippet text, the word marked as the page shows it.
func TestBrowserPastedWords(t *testing.T) {
	pms := slices.Concat(colonKB().Postmortems, ignorableKB().Postmortems)
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2026, Month: 11, Day: 28}, pms)
	ix := cliIndex(t, kb)
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	tests := []struct{ q, mark string }{
		{"grafanaagent", "grafanaagent"},
		{"monitoring:grafanaagent", "monitoring:grafanaagent"},
		{"redis:alpine", "redis:alpine"},
		{"midtwo", "midtwo"},
		{"failover", "fail\u00adover"},
		{"connpool", "conn\u200bpool"},
		{"turnover", "turn\u00adover"},
	}
	for _, tt := range tests {
		hits := cliSnippets(t, ix, tt.q, 10)
		if len(hits) == 0 {
			t.Fatalf("%s: pmkb search finds nothing", tt.q)
		}
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape(tt.q))
		browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit .search-snippet').length > 0`)
		var want []string
		for _, h := range hits {
			want = append(want, "postmortems/"+h.ID+"/index.html")
		}
		got := strings.Fields(browsertest.Eval[string](t, ctx, hitIDs))
		for i := range got {
			got[i] = got[i][strings.Index(got[i], "postmortems/"):]
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the page lists %v, pmkb search %v", tt.q, got, want)
			continue
		}
		texts := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#search-results li.search-hit')).map(li => li.querySelector('.search-snippet').textContent)`)
		marks := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#search-results .search-snippet mark')).map(m => m.textContent)`)
		for i, h := range hits {
			if i < len(texts) && texts[i] != h.Snippet {
				t.Errorf("%s, %s: the page's snippet %q, pmkb search's %q", tt.q, h.ID, texts[i], h.Snippet)
			}
		}
		if !slices.Contains(marks, tt.mark) {
			t.Errorf("%s: the page marks %q, want %q among them", tt.q, marks, tt.mark)
		}
	}
}
