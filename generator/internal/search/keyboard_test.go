package search

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestBrowserShowMoreKeyboard presses "Show more" from the keyboard: the
// focus moves to the first result it adds (not to the top of the page,
// where the next Tab would walk through the results already read), and
// the status line, a polite live region, says how many are listed
// (qa9-b #3).
func TestBrowserShowMoreKeyboard(t *testing.T) {
	kb0 := browserKB()
	pms := kb0.Postmortems
	for i := range 22 {
		pms = append(pms, textPM(fmt.Sprintf("2022-01-%02d-cert-%d", i+1, i), "en", fmt.Sprintf("Certificate incident %d", i),
			"A certificate expired.", "SEV3", fmt.Sprintf("2022-01-%02d", i+1), []string{"dns"}, []string{"expired-certificate"}, "The certificate expired."))
	}
	srv := browsertest.Serve(t, buildSite(t, model.New(kb0.Config, kb0.Today, pms)), nil)
	ctx := browsertest.New(t)
	const status = `document.getElementById('search-status')`

	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 10 && document.querySelector('.search-more')`)
	if got := browsertest.Eval[string](t, ctx, status+`.textContent + ' ' + `+status+`.getAttribute('aria-live')`); got != "25 postmortems polite" {
		t.Errorf("status before Show more: %q", got)
	}
	browsertest.Eval[bool](t, ctx, `(() => { document.querySelector('.search-more').focus(); return true; })()`)
	browsertest.Run(t, ctx, chromedp.KeyEvent(kb.Enter))
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 20`)
	browsertest.WaitFor(t, ctx, status+`.textContent === 'Showing 20 of 25'`)
	got := browsertest.Eval[string](t, ctx, `(() => { const a = document.activeElement; return a.tagName + ' ' + (a.getAttribute('href') || ''); })()`)
	want := "A " + browsertest.Eval[string](t, ctx, `document.querySelectorAll('#search-results li.search-hit h2 a')[10].getAttribute('href')`)
	if got != want {
		t.Errorf("focus after Show more on %q, want the 11th result %q", got, want)
	}
	// A link to a spot on the page (the skip link's #main) is a history
	// entry of its own with the same query: the results stay as they are,
	// the twenty shown included (review 12: the search ran again and
	// listed the first ten).
	browsertest.Eval[bool](t, ctx, `(() => { document.querySelector('a[href="#main"]').click(); return true; })()`)
	browsertest.WaitFor(t, ctx, `location.hash === '#main'`)
	browsertest.Run(t, ctx, chromedp.Sleep(300*time.Millisecond)) // a popstate would have run the search by then
	if got := browsertest.Eval[string](t, ctx, `document.querySelectorAll('#search-results li.search-hit').length + ' ' + `+status+`.textContent`); got != "20 Showing 20 of 25" {
		t.Errorf("after following #main: %q, want the 20 results shown before", got)
	}
	browsertest.Eval[bool](t, ctx, `(() => { document.querySelector('.search-more').click(); return true; })()`)
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#search-results li.search-hit').length === 25`)
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('.search-more').length`); n != 0 {
		t.Errorf("%d Show more buttons with every result listed", n)
	}
}

// TestBrowserQuickResultsKeyboard drives the header box's quick results
// from the keyboard as a combobox (qa9-b #4): ArrowDown and ArrowUp move
// a highlight through the results with the focus kept in the box, Escape
// closes the list and keeps the text, Enter opens the highlighted
// result; the box says whether the list is open and which list it
// controls, the list is labelled, and a polite status says how many
// postmortems match.
func TestBrowserQuickResultsKeyboard(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	// state is the combobox as a screen reader and the eye see it.
	const state = `(() => {
  const i = document.getElementById('site-search-q'), l = document.getElementById(i.getAttribute('aria-controls'));
  const sel = l.querySelectorAll('[aria-selected="true"]');
  const act = i.getAttribute('aria-activedescendant');
  return [i.getAttribute('aria-expanded'), l.hidden ? 'hidden' : 'shown', act ? String(Array.from(l.querySelectorAll('[role=option]')).indexOf(document.getElementById(act))) : '-',
    String(sel.length), sel.length ? String(sel[0].id === act) : '-', document.activeElement === i ? 'focus in box' : 'focus on ' + document.activeElement.tagName, i.value].join(' ');
})()`
	if got := browsertest.Eval[string](t, ctx, `(() => { const i = document.getElementById('site-search-q'); return [i.getAttribute('role'), i.getAttribute('aria-autocomplete'), i.getAttribute('aria-expanded')].join(' '); })()`); got != "combobox list false" {
		t.Errorf("header box before typing: role, aria-autocomplete, aria-expanded %q", got)
	}
	typeAtOnce(t, ctx, "#site-search-q", "certificate")
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#site-search-list [role=option]').length === 3 && !document.getElementById('site-search-list').hidden`)
	if got := browsertest.Eval[string](t, ctx, `(() => { const l = document.getElementById('site-search-list'); return [l.getAttribute('role'), l.getAttribute('aria-label'), document.querySelector('.site-search [role=status]').textContent].join(' | '); })()`); got != "listbox | Search postmortems | 3 postmortems" {
		t.Errorf("list role, label and status %q", got)
	}
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('#site-search-list a:not([role=option]), #site-search-list [role=option]:not(a[href])').length`); n != 0 {
		t.Errorf("%d results are not links with the role option", n)
	}
	for _, step := range []struct{ key, want string }{
		{"", "true shown - 0 - focus in box certificate"},
		{kb.ArrowDown, "true shown 0 1 true focus in box certificate"},
		{kb.ArrowDown, "true shown 1 1 true focus in box certificate"},
		{kb.ArrowDown, "true shown 2 1 true focus in box certificate"},
		{kb.ArrowDown, "true shown 0 1 true focus in box certificate"}, // wraps
		{kb.ArrowUp, "true shown 2 1 true focus in box certificate"},
		{kb.Escape, "false hidden - 0 - focus in box certificate"},
		{kb.ArrowUp, "true shown 2 1 true focus in box certificate"}, // opens again
		{kb.Escape, "false hidden - 0 - focus in box certificate"},
		{kb.ArrowDown, "true shown 0 1 true focus in box certificate"},
	} {
		if step.key != "" {
			browsertest.Run(t, ctx, chromedp.KeyEvent(step.key))
		}
		if got := browsertest.Eval[string](t, ctx, state); got != step.want {
			t.Fatalf("after %q: %q, want %q", step.key, got, step.want)
		}
	}
	target := browsertest.Eval[string](t, ctx, `document.querySelector('#site-search-list [aria-selected=true]').href`)
	// A submission of the form while a result is highlighted (the keypress
	// of Enter that some input methods and automation still deliver after
	// the keydown opened the result) is cancelled: it would search instead.
	if !browsertest.Eval[bool](t, ctx, `(() => { let p = null; const h = e => { p = e.defaultPrevented; e.preventDefault(); };
  document.addEventListener('submit', h); document.getElementById('site-search-q').form.requestSubmit(); document.removeEventListener('submit', h); return p; })()`) {
		t.Error("the header form submits while a result is highlighted")
	}
	// Enter navigates; the load event it causes is awaited before the page
	// is read.
	browsertest.Run(t, ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter)))
	browsertest.WaitFor(t, ctx, `document.readyState === 'complete' && location.href === '`+target+`'`)

	// Enter with nothing highlighted searches, as before.
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	browsertest.Run(t, ctx, chromedp.SendKeys("#site-search-q", "certificate"))
	browsertest.WaitFor(t, ctx, `!document.getElementById('site-search-list').hidden`)
	browsertest.Run(t, ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter)))
	browsertest.WaitFor(t, ctx, `location.pathname.endsWith('/search/index.html') && location.search === '?q=certificate' && document.readyState === 'complete'`)

	// An edit of the text drops the highlight at once, and until the new
	// text's answer fills the list the arrows pick nothing from the old
	// one: Enter must not open a result of the old text (QA 10 N2, and its
	// neighbour: edit, ArrowDown, Enter). The edit and the key go in one
	// evaluation, inside the box's pause before it searches.
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	typeAtOnce(t, ctx, "#site-search-q", "certificate")
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#site-search-list [role=option]').length === 3 && !document.getElementById('site-search-list').hidden`)
	browsertest.Run(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	if got := browsertest.Eval[string](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.value += ' tls';
  i.dispatchEvent(new Event('input', {bubbles: true})); const after = String(i.getAttribute('aria-activedescendant'));
  i.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true}));
  return after + ' ' + String(i.getAttribute('aria-activedescendant')); })()`); got != "null null" {
		t.Errorf("after an edit, then after ArrowDown, the box points at %q", got)
	}

	// The Search button searches even after a result was highlighted:
	// leaving the box drops the highlight, so the guard against a second
	// submission does not hold the button's (review: clicking it did
	// nothing).
	browsertest.Navigate(t, ctx, srv.URL+"index.html")
	typeAtOnce(t, ctx, "#site-search-q", "certificate")
	browsertest.WaitFor(t, ctx, `document.querySelectorAll('#site-search-list [role=option]').length === 3 && !document.getElementById('site-search-list').hidden`)
	browsertest.Run(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	if got := browsertest.Eval[string](t, ctx, state); got != "true shown 0 1 true focus in box certificate" {
		t.Fatalf("before the button: %q", got)
	}
	browsertest.Run(t, ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(".site-search button[type=submit]")))
	browsertest.WaitFor(t, ctx, `location.pathname.endsWith('/search/index.html') && location.search === '?q=certificate' && document.readyState === 'complete'`)
}

// typeAtOnce puts text in the input as one input event, as a paste does,
// so that the box searches once: typed key by key on a busy machine, an
// answer for the first letters could come in after the test moved the
// highlight and clear it (each answer rebuilds the list).
func typeAtOnce(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	browsertest.Eval[bool](t, ctx, fmt.Sprintf(`(() => { const i = document.querySelector(%q); i.focus(); i.value = %q; i.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`, sel, text))
}
