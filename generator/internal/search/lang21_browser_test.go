package search

import (
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserHitLanguageOnItsOwnWords checks that a Japanese postmortem's
// hit on an English site marks as Japanese its title and snippet only:
// the meta line (the site's severity, the date, the catalog's English
// system names) and, in the header box's option, the severity and date
// keep the page's language, as on /postmortems/ (QA 21 C-F6: the whole
// <li> was lang="ja", and a screen reader read "Checkout API" with its
// Japanese voice).
func TestBrowserHitLanguageOnItsOwnWords(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	// langs lists, for each selector inside root, the language its text
	// is in: the lang of its nearest element that has one.
	langs := func(root string, sels ...string) []string {
		t.Helper()
		js := `(() => { const r = ` + root + `; return [`
		for _, s := range sels {
			js += `(e => e ? (e.closest('[lang]') || {getAttribute: () => 'none'}).getAttribute('lang') : 'missing')(r.querySelector('` + s + `')), `
		}
		return browsertest.Eval[[]string](t, ctx, js+`]; })()`)
	}
	check := func(what string, got, want []string, names ...string) {
		t.Helper()
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: %s is in %q, want %q", what, names[i], got[i], want[i])
			}
		}
	}

	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=証明書")
	const hit = `document.querySelector('#search-results a[href*="2024-06-10-kessai-shomeisho"]').closest('li')`
	browsertest.WaitFor(t, ctx, `document.querySelector('#search-results a[href*="2024-06-10-kessai-shomeisho"]')`)
	check("search page hit", langs(hit, "h2 a", ".search-snippet", ".search-meta", ".search-meta .severity", ".search-meta bdi"),
		[]string{"ja", "ja", "en", "en", "en"}, "title", "snippet", "meta line", "severity", "system name")
	if got := browsertest.Eval[string](t, ctx, hit+`.getAttribute('lang') || ''`); got != "" {
		t.Errorf("the hit's <li> has lang %q, want none", got)
	}
	if got := browsertest.Eval[string](t, ctx, hit+`.querySelector('.search-meta').textContent`); got != "SEV2 · 2024-06-10 · Checkout API" {
		t.Errorf("meta line %q", got)
	}

	// The header box's option for it, on another page.
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	typeAtOnce(t, ctx, "#site-search-q", "証明書")
	const opt = `document.querySelector('#site-search-list a[href*="2024-06-10-kessai-shomeisho"]')`
	browsertest.WaitFor(t, ctx, opt)
	check("header option", langs(opt+`.parentNode`, "bdi", ".severity"), []string{"ja", "en"}, "title", "severity and date")
	if got := browsertest.Eval[string](t, ctx, `[`+opt+`.parentNode.getAttribute('lang'), `+opt+`.getAttribute('lang')].join(' ')`); got != " " {
		t.Errorf("the option and its <li> have lang %q, want none", got)
	}
}
