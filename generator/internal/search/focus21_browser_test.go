package search

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserFilterBoxKeepsFocus ticks and unticks the search page's
// filter boxes with the keyboard (Tab and Space sent as the DevTools
// protocol's key events, as a keyboard user presses them) and goes Back
// and Forward with the focus in the panel. Each answer rebuilds the panel;
// the focus stays on the box the user was on, now the rebuilt one with
// its new state, and the next Tab goes on from there, not from the panel's
// "Filters" summary (QA 21 C-F1: it fell to <body>). A box that the new
// answer leaves out hands the focus to its group, a panel that is emptied
// to the search box; never to <body>. The status line, a polite live
// region, still says how many postmortems match.
func TestBrowserFilterBoxKeepsFocus(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	const status = `document.getElementById('search-status')`
	// focused says where the focus is: a box as name=value and its state,
	// anything else by its tag (and data-facet for a group).
	const focused = `(() => { const a = document.activeElement;
  if (a && a.type === 'checkbox') return (a.closest('#search-filters') ? '' : 'outside ') + a.name + '=' + a.value + (a.checked ? ' ticked' : ' unticked');
  return a ? a.tagName + (a.dataset && a.dataset.facet ? ' ' + a.dataset.facet : '') + (a.id ? ' #' + a.id : '') : 'none'; })()`
	// mark tags the panel's current summary, so that a wait can tell the
	// rebuilt panel from the one before.
	const mark = `(document.querySelector('#search-filters summary').dataset.old = '1', true)`
	const rebuilt = `document.querySelector('#search-filters summary') && !document.querySelector('#search-filters summary').dataset.old`
	key := func(k string, opts ...chromedp.KeyOption) {
		t.Helper()
		browsertest.Run(t, ctx, chromedp.KeyEvent(k, opts...))
	}
	want := func(what, w string) {
		t.Helper()
		if got := browsertest.Eval[string](t, ctx, focused); got != w {
			t.Errorf("%s: focus on %q, want %q", what, got, w)
		}
	}

	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q=certificate")
	browsertest.WaitFor(t, ctx, `document.querySelector('#search-filters input[name=severity][value=SEV1]') && `+status+`.textContent === '3 postmortems'`)
	// The first Tab stop of the panel is its summary; the next its first
	// box, SEV1.
	browsertest.Eval[bool](t, ctx, `(document.querySelector('#search-filters summary').focus(), true)`)
	key(kb.Tab)
	want("Tab from the summary", "severity=SEV1 unticked")
	// next is the box after SEV1 in the panel before the tick.
	next := browsertest.Eval[string](t, ctx, `(() => { const b = Array.from(document.querySelectorAll('#search-filters input')); const n = b[b.indexOf(document.activeElement) + 1]; return n.name + '=' + n.value; })()`)

	browsertest.Eval[bool](t, ctx, mark)
	key(" ")
	browsertest.WaitFor(t, ctx, `location.search === '?q=certificate&severity=SEV1' && `+status+`.textContent === '1 postmortem' && `+rebuilt)
	want("Space on SEV1, after the answer", "severity=SEV1 ticked")
	if got := browsertest.Eval[string](t, ctx, status+`.getAttribute('aria-live')`); got != "polite" {
		t.Errorf("status line aria-live %q, want polite", got)
	}
	// The next Tab goes on to the box after SEV1, not to the summary.
	key(kb.Tab)
	want("Tab after the tick", next+" unticked")
	key(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	want("Shift+Tab back", "severity=SEV1 ticked")

	// Space again unticks it: the rebuilt box has the focus, unticked.
	browsertest.Eval[bool](t, ctx, mark)
	key(" ")
	browsertest.WaitFor(t, ctx, `location.search === '?q=certificate' && `+status+`.textContent === '3 postmortems' && `+rebuilt)
	want("Space on the ticked SEV1", "severity=SEV1 unticked")

	// Back (to ?q=certificate&severity=SEV1) with the focus on the box:
	// the box keeps it, ticked as that entry has it.
	browsertest.Eval[bool](t, ctx, mark)
	browsertest.Eval[bool](t, ctx, `(setTimeout(() => history.back(), 0), true)`)
	browsertest.WaitFor(t, ctx, `location.search === '?q=certificate&severity=SEV1' && `+status+`.textContent === '1 postmortem' && `+rebuilt)
	want("Back", "severity=SEV1 ticked")
	// Forward again, from the box just before it.
	browsertest.Eval[bool](t, ctx, mark)
	browsertest.Eval[bool](t, ctx, `(setTimeout(() => history.forward(), 0), true)`)
	browsertest.WaitFor(t, ctx, `location.search === '?q=certificate' && `+status+`.textContent === '3 postmortems' && `+rebuilt)
	want("Forward", "severity=SEV1 unticked")

	// A box the next answer does not list (API Gateway: no SEV1
	// postmortem is about it) gives the focus to its group.
	const gateway = `document.querySelector('#search-filters input[name=system][value=api-gateway]')`
	browsertest.WaitFor(t, ctx, gateway)
	browsertest.Eval[bool](t, ctx, `(`+gateway+`.focus(), true)`)
	browsertest.Eval[bool](t, ctx, mark)
	browsertest.Eval[bool](t, ctx, `(setTimeout(() => history.back(), 0), true)`)
	browsertest.WaitFor(t, ctx, `location.search === '?q=certificate&severity=SEV1' && `+status+`.textContent === '1 postmortem' && `+rebuilt)
	if browsertest.Eval[bool](t, ctx, gateway+` !== null`) {
		t.Fatal("API Gateway is still listed with SEV1 ticked: the test does not test a box that goes")
	}
	want("Back with the focus on a box that goes", "FIELDSET system")
	// Tab from the group goes to its first box.
	key(kb.Tab)
	if got, first := browsertest.Eval[string](t, ctx, focused), browsertest.Eval[string](t, ctx, `(() => { const b = document.querySelector('#search-filters fieldset[data-facet=system] input'); return b.name + '=' + b.value + (b.checked ? ' ticked' : ' unticked'); })()`); got != first {
		t.Errorf("Tab from the group: focus on %q, want its first box %q", got, first)
	}

	// Unticking the only filter of a search without words empties the
	// panel: the focus goes to the search box.
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?severity=SEV1")
	browsertest.WaitFor(t, ctx, `document.querySelector('#search-filters input[name=severity][value=SEV1]') && `+status+`.textContent === '1 postmortem'`)
	browsertest.Eval[bool](t, ctx, `(document.querySelector('#search-filters input[name=severity][value=SEV1]').focus(), true)`)
	key(" ")
	browsertest.WaitFor(t, ctx, `location.search === '' && !document.querySelector('#search-filters summary')`)
	want("unticking the only filter", "INPUT #search-input")
}
