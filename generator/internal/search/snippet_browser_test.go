package search

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestBrowserSnippetShowsTheMatch opens search URLs in a browser and checks
// that the search page's result shows the passage that matched, marked: a
// word deep in the body (QA 12 F3: ?q=snapshots had no <mark>), and a
// quoted phrase, marked as one run and not its words elsewhere.
func TestBrowserSnippetShowsTheMatch(t *testing.T) {
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 7, Day: 1}, deepMatchPMs())
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	tests := []struct {
		q, want, mark string
	}{
		{"snapshots", "Old reindex snapshots were never deleted", "snapshots"},
		{`"connection pool"`, "Pods with a warm connection pool kept working", "connection pool"},
	}
	for _, tt := range tests {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape(tt.q))
		browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit .search-snippet').length === 1`)
		text := browsertest.Eval[string](t, ctx, `document.querySelector('#search-results .search-snippet').textContent`)
		marks := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#search-results .search-snippet mark')).map(m => m.textContent)`)
		if !strings.Contains(text, tt.want) || !strings.HasPrefix(text, "…") {
			t.Errorf("%s: snippet %q, want it to hold %q after a …", tt.q, text, tt.want)
		}
		if len(marks) == 0 || marks[0] != tt.mark {
			t.Errorf("%s: marks %q, want %q first", tt.q, marks, tt.mark)
		}
		for _, m := range marks {
			if m != tt.mark {
				t.Errorf("%s: marked %q besides %q", tt.q, m, tt.mark)
			}
		}
	}
}
