package generator_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// hostileTitle is the title of the postmortem TestBrowserHostileSiteUnderCSP
// serves, which the pages must show as text.
const hostileTitle = `<img src=x onerror=alert("title")>`

// TestBrowserHostileSiteUnderCSP is bad-input case 9 end to end: a site
// whose config and postmortem carry script in every field (site title,
// cause and system names, title, summary, team, tag, action item, owner,
// body: raw <script>, javascript: links written plainly, in mixed case,
// with &colon; and as a reference) is built by the generator and served by
// the dev server, and a real browser opens its pages, the search page
// with a hostile query and the header's quick results. Every response
// carries the Content-Security-Policy header; no dialog opens, no element
// with an inline script, event handler or javascript: link is in any
// page, the browser reports no CSP violation (the pages need nothing the
// policy forbids), and the title is shown as the text it is.
func TestBrowserHostileSiteUnderCSP(t *testing.T) {
	base := servedSite(t, nil, map[string]string{
		"pmkb.toml": `title = "<script>alert('site')</script>"
[causes.evil]
name = "</script><script>alert('cause')</script>"
description = "<img src=x onerror=alert('desc')>"
[systems.web]
name = "<svg onload=alert('system')>"
`,
		"content/postmortems/2024/2024-01-02-evil.md": `---
title: '` + hostileTitle + `'
summary: "</script><script>alert('summary')</script>"
date: 2024-01-02
severity: SEV1
systems: [web]
causes: [evil]
teams: ["<b onmouseover=alert('team')>t</b>"]
tags: ["\"><svg onload=alert('tag')>"]
impact: "<iframe src=javascript:alert('impact')>"
action_items:
  - title: "<script>alert('action')</script>"
    owner: "<img src=x onerror=alert('owner')>"
    due: 2024-03-01
---
<script>alert('body')</script>

[a](javascript&colon;alert('a')) [b](JaVaScRiPt:alert('b')) [c](&#106;avascript:alert('c')) [d][ref]
<javascript:alert('auto')> ![i](javascript:alert('img'))

[ref]: javascript:alert('ref')
`,
	})

	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)
	// Record every CSP violation from the first script of each document on.
	browsertest.OnNewDocument(t, ctx, `window.pmkbViolations = []; document.addEventListener('securitypolicyviolation', e => window.pmkbViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`)
	const injected = `Array.from(document.querySelectorAll('script:not([src]), iframe, [onerror], [onload], [onmouseover], img[src="x"], a[href^="javascript:" i], img[src^="javascript:" i]')).map(e => e.outerHTML.slice(0, 80))`
	// The response header, read by the page itself.
	const cspHeader = `(() => { const x = new XMLHttpRequest(); x.open('HEAD', location.href, false); x.send(); return x.getResponseHeader('Content-Security-Policy') || ''; })()`
	check := func(what string) {
		t.Helper()
		if csp := browsertest.Eval[string](t, ctx, cspHeader); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy %q", what, csp)
		}
		if els := browsertest.Eval[[]string](t, ctx, injected); len(els) > 0 {
			t.Errorf("%s: injected elements %q", what, els)
		}
		if v := browsertest.Eval[[]string](t, ctx, `window.pmkbViolations || ['the violation recorder did not run']`); len(v) > 0 {
			t.Errorf("%s: CSP violations %q", what, v)
		}
	}
	for _, p := range []string{"", "postmortems/2024-01-02-evil/", "postmortems/", "causes/evil/", "systems/web/", "stats/", "actions/", "teams/"} {
		browsertest.Navigate(t, ctx, base+p)
		browsertest.WaitFor(t, ctx, `document.readyState === 'complete'`)
		check("/" + p)
	}
	browsertest.Navigate(t, ctx, base+"postmortems/2024-01-02-evil/")
	if h1 := browsertest.Eval[string](t, ctx, `document.querySelector('h1').textContent.trim()`); h1 != hostileTitle {
		t.Errorf("the postmortem's heading reads %q, want the title as text %q", h1, hostileTitle)
	}
	// The javascript: links are their text, without a link (QA 18 C-F8:
	// an emptied href was a link to the page itself).
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('main a[href=""], main img[src=""]').length`); n != 0 {
		t.Errorf("%d emptied links or images in the body, want none", n)
	}
	if got := browsertest.Eval[string](t, ctx, `document.querySelector('main .prose').textContent`); !strings.Contains(got, "a b c d") {
		t.Errorf("the body reads %q, want the 4 javascript: links kept as their text", got)
	}

	for _, q := range []string{`"><svg onload=alert('query')>`, "onerror"} {
		browsertest.Navigate(t, ctx, base+"search/?q="+url.QueryEscape(q))
		browsertest.WaitFor(t, ctx, `document.getElementById('search-status').textContent !== '' && document.getElementById('search-status').textContent !== 'Searching…'`)
		check("search " + q)
	}
	if got := browsertest.Eval[string](t, ctx, `(document.querySelector('#search-results li.search-hit a') || {}).textContent`); got != hostileTitle {
		t.Errorf("search result title %q, want %q", got, hostileTitle)
	}
	browsertest.Navigate(t, ctx, base)
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('site-search-q'); i.value = 'onerror'; i.dispatchEvent(new Event('input')); return true; })()`)
	browsertest.WaitFor(t, ctx, `document.querySelector('.quick-results a')`)
	check("quick results")
	time.Sleep(300 * time.Millisecond) // let any injected handler fire
	if d := dialogs(); len(d) > 0 {
		t.Errorf("dialogs opened: %q", d)
	}
}
