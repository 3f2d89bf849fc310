package search

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestBrowserQuickResultsLayout types into the header box on a desktop and
// on a phone and checks that the quick results drop down below the box
// without growing the header or the box, and that their links are readable
// (QA: unstyled, the list was a flex item beside the input, stretching the
// header to 644 px on a phone, in dark blue on the dark header).
func TestBrowserQuickResultsLayout(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	const measure = `(() => {
  const h = document.querySelector('.site-header').getBoundingClientRect();
  const i = document.getElementById('site-search-q').getBoundingClientRect();
  return [h.height, i.height, i.bottom];
})()`
	// contrast is the WCAG contrast ratio of the first quick link's colour
	// against the list's background.
	const contrast = `(() => {
  const lum = c => {
    const v = c.match(/[\d.]+/g).slice(0, 3).map(x => { x = x / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const l = document.querySelector('.quick-results');
  const a = l.querySelector('a');
  const fg = lum(getComputedStyle(a).color), bg = lum(getComputedStyle(l).backgroundColor);
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
})()`
	for _, vp := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 800}, {"phone", 390, 900}} {
		browsertest.Run(t, ctx, chromedp.EmulateViewport(vp.width, vp.height))
		browsertest.Navigate(t, ctx, srv.URL+"index.html")
		before := browsertest.Eval[[]float64](t, ctx, measure)
		browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.value = 'certificate'; i.dispatchEvent(new Event('input')); return true; })()`)
		browsertest.WaitFor(t, ctx, `(() => { const l = document.querySelector('.quick-results'); return l && !l.hidden && l.querySelectorAll('a').length >= 2; })()`)
		after := browsertest.Eval[[]float64](t, ctx, measure)
		if after[0] != before[0] || after[1] != before[1] {
			t.Errorf("%s: header/input height %v px before the quick results, %v px with them", vp.name, before[:2], after[:2])
		}
		list := browsertest.Eval[[]float64](t, ctx, `(() => { const r = document.querySelector('.quick-results').getBoundingClientRect(); return [r.top, r.left, r.right, r.width]; })()`)
		if list[0] < after[2] {
			t.Errorf("%s: quick results start at %v px, above the box's bottom %v px", vp.name, list[0], after[2])
		}
		if list[1] < 0 || list[2] > float64(vp.width) || list[3] < 250 {
			t.Errorf("%s: quick results span %v–%v px (width %v) in a %d px window", vp.name, list[1], list[2], list[3], vp.width)
		}
		if c := browsertest.Eval[float64](t, ctx, contrast); c < 4.5 {
			t.Errorf("%s: quick result links have a contrast of %.1f:1, want at least 4.5:1", vp.name, c)
		}
	}
}

// TestBrowserBadgesStayWhole checks on a phone that the severity badges of
// a Japanese site's tables keep to one line (QA: a column of Japanese
// titles may break anywhere, and squeezed the badge to one letter a line).
func TestBrowserBadgesStayWhole(t *testing.T) {
	kb := browserKB()
	kb.Config.Language = "ja"
	for _, p := range kb.Postmortems {
		p.Title = "決済システムの証明書が期限切れになり、決済APIが応答しなくなった" + p.Title
	}
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	browsertest.Run(t, ctx, chromedp.EmulateViewport(390, 900))
	for _, page := range []string{"index.html", "postmortems/index.html"} {
		browsertest.Navigate(t, ctx, srv.URL+page)
		n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('td .sev').length`)
		if n == 0 {
			t.Fatalf("%s: no severity badge in a table", page)
		}
		broken := browsertest.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll('td .sev')).filter(b => b.getClientRects().length > 1 || b.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(b).fontSize)).map(b => b.textContent)`)
		if len(broken) > 0 {
			t.Errorf("%s: %d of %d badges break over lines: %v", page, len(broken), n, broken)
		}
	}
}

// TestBrowserListFilterFoldsWidth types full-width and half-width
// spellings into the postmortem list's filter box and checks they find the
// rows written the other way, as the site's search does (QA: ?text=DNS
// missed a title written ＤＮＳ).
func TestBrowserListFilterFoldsWidth(t *testing.T) {
	kb := browserKB()
	kb.Postmortems[3].Title = "ﾃﾞｰﾀﾍﾞｰｽの証明書の期限切れで決済APIが停止"
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	for _, c := range []struct {
		text string
		want int
	}{{"ＤＮＳ", 1}, {"dns resolver", 1}, {"データベース", 1}, {"ＡＰＩ", 3}, {"nothing-like-this", 0}} {
		browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html?text="+url.QueryEscape(c.text))
		browsertest.WaitFor(t, ctx, `document.readyState === 'complete'`)
		got := browsertest.Eval[int](t, ctx, `Array.from(document.querySelectorAll('#postmortems tbody tr')).filter(r => !r.hidden && r.offsetParent !== null).length`)
		if got != c.want {
			t.Errorf("filter %q shows %d rows, want %d", c.text, got, c.want)
		}
	}
}

// TestBrowserListFilterFindsLiveOverdue checks that the postmortem list's
// filter box folds no row while it is empty, and that typing "overdue"
// finds a row whose action item became overdue after the build, by the
// reader's clock (review: the rows' folded text was kept from the first
// filtering on page load, before actions.js wrote the overdue flag).
func TestBrowserListFilterFindsLiveOverdue(t *testing.T) {
	kb := browserKB() // built on 2024-07-01
	for _, p := range kb.Postmortems {
		if p.ID == "2024-05-01-dns-overload" {
			p.ActionItems[0].Due = model.Date{Year: 2024, Month: 8, Day: 1}
		}
	}
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html")
	browsertest.WaitFor(t, ctx, `document.readyState === 'complete'`)
	const rows = `Array.from(document.querySelectorAll('#postmortems tbody tr'))`
	if n := browsertest.Eval[int](t, ctx, rows+`.filter(r => r.pmkbText !== undefined).length`); n != 0 {
		t.Errorf("%d rows folded with the filter box empty, want 0", n)
	}
	if flag := browsertest.Eval[string](t, ctx, `document.querySelector('#postmortems a[href*="2024-05-01-dns-overload"]').closest('tr').querySelector('.overdue-flag').textContent`); flag != "1 overdue" {
		t.Fatalf("overdue flag by the reader's clock = %q, want 1 overdue", flag)
	}
	browsertest.Run(t, ctx, chromedp.SendKeys("#f-text", "overdue"))
	shown := browsertest.Eval[string](t, ctx, rows+`.filter(r => !r.hidden).map(r => r.querySelector('a').getAttribute('href')).join(' ')`)
	if !strings.Contains(shown, "2024-05-01-dns-overload") || strings.Contains(shown, " ") {
		t.Errorf("filter overdue shows %q, want only the row overdue since the build", shown)
	}
	// The same filter from a shared link: the list filters before
	// actions.js re-checks the counts, and must filter again after.
	browsertest.Navigate(t, ctx, srv.URL+"postmortems/index.html?text=overdue")
	browsertest.WaitFor(t, ctx, `document.readyState === 'complete'`)
	shown = browsertest.Eval[string](t, ctx, rows+`.filter(r => !r.hidden).map(r => r.querySelector('a').getAttribute('href')).join(' ')`)
	if !strings.Contains(shown, "2024-05-01-dns-overload") || strings.Contains(shown, " ") {
		t.Errorf("?text=overdue shows %q, want only the row overdue since the build", shown)
	}
}
