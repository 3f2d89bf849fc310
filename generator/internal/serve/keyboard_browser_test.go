package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// longPage is a page a keyboard user Tabs through: a skip link, a search
// box with text, then 60 links one under the other, each as wide as the
// page (pageCSS), far longer than the window.
func longPage() output.File {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>long</title><link rel="stylesheet" href="/page.css"></head><body>` +
		`<a class="skip-link" href="#main">Skip to content</a><input type="search" id="q" value="dns" aria-label="Search"><main id="main">`)
	for i := range 60 {
		fmt.Fprintf(&b, `<p><a href="#l%d" id="l%d">Link %d</a></p>`, i, i, i)
	}
	b.WriteString(`</main></body></html>`)
	return output.File{Path: "index.html", Data: []byte(b.String())}
}

// pageCSS lays longPage's links out as full-width rows.
var pageCSS = output.File{Path: "page.css", Data: []byte("body { margin: 0; } main a { display: block; padding: .5rem 1rem; }")}

// kbSite serves longPage with the diagnostics its say field gives each
// build: warnings, or errors over the last good build.
type kbSite struct {
	s  *Server
	ts *httptest.Server

	mu   sync.Mutex
	errs bool
	say  []string
}

func newKBSite(t *testing.T) *kbSite {
	t.Helper()
	k := &kbSite{}
	pg := longPage()
	k.s = New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		k.mu.Lock()
		defer k.mu.Unlock()
		d := &diag.List{}
		for i, m := range k.say {
			if k.errs {
				d.Errorf(diag.Pos{Path: "content/a.md", Line: i + 1}, "%s", m)
			} else {
				d.Warnf(diag.Pos{Path: "content/a.md", Line: i + 1}, "%s", m)
			}
		}
		if k.errs {
			return nil, d, false, nil
		}
		return []output.File{pg, pageCSS}, d, false, nil
	}, Options{})
	k.ts = httptest.NewServer(k.s.Handler())
	t.Cleanup(k.ts.Close) // after the browser's cleanup closes the page's event stream
	return k
}

// build makes a build that says say, as errors when errs (after a good
// build, so the page is there under the overlay) or as warnings.
func (k *kbSite) build(errs bool, say ...string) {
	if errs {
		k.set(false, nil)
		k.s.Build(context.Background(), nil)
	}
	k.set(errs, say)
	k.s.Build(context.Background(), nil)
}

func (k *kbSite) set(errs bool, say []string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.errs, k.say = errs, say
}

// focused describes document.activeElement: its id, else its class, else
// its text; "BODY" when nothing has the focus.
const focused = `(() => { const e = document.activeElement; return !e || e === document.body ? "BODY" : e.id || e.className || e.textContent.trim(); })()`

// press sends keys as a keyboard does (Input.dispatchKeyEvent).
func press(t *testing.T, ctx context.Context, keys ...string) {
	t.Helper()
	for _, k := range keys {
		browsertest.Run(t, ctx, chromedp.KeyEvent(k))
	}
}

// TestBrowserHideTheBoxWithTheKeyboard: the warnings box and the error
// overlay covered the focused element, the box's only control was the
// page's last Tab stop and the overlay had none, nor Escape (QA 21 C-F3).
// Now the first Tab reaches the box's Hide button, which hides it and
// leaves the focus on the skip link; Escape hides it wherever the focus
// is, leaving the focus there, but not while it clears a search box; it
// stays hidden over reloads until a build changes what it says.
func TestBrowserHideTheBoxWithTheKeyboard(t *testing.T) {
	k := newKBSite(t) // first, so that its server closes after the browser
	ctx := browsertest.New(t)
	for _, box := range []string{"warnings", "overlay"} {
		t.Run(box, func(t *testing.T) {
			errs := box == "overlay"
			id := `document.getElementById("pmkb-` + box + `")`
			visible := `document.readyState === "complete" && ` + id + ` !== null && !` + id + `.hidden && ` + id + `.getClientRects().length > 0`
			// A fresh tab's storage, on a file of the server without the box.
			browsertest.Navigate(t, ctx, k.ts.URL+stylePath)
			browsertest.Eval[bool](t, ctx, `sessionStorage.clear(), true`)
			k.build(errs, "first <b>problem</b>", "second")
			browsertest.Navigate(t, ctx, k.ts.URL+"/")
			if !browsertest.Eval[bool](t, ctx, visible) {
				t.Fatalf("no %s shown", box)
			}
			browsertest.Eval[bool](t, ctx, `document.activeElement && document.activeElement.blur(), true`)

			press(t, ctx, kb.Tab)
			if got := browsertest.Eval[string](t, ctx, focused); got != "pmkb-hide" {
				t.Errorf("first Tab: focus on %q, want the box's Hide button", got)
			}
			if got := browsertest.Eval[string](t, ctx, `(document.getElementById(document.activeElement.getAttribute("aria-describedby")) || {}).textContent || ""`); !strings.HasPrefix(got, "pmkb: ") {
				t.Errorf("the Hide button is described by %q, want the box's heading", got)
			}
			press(t, ctx, kb.Enter)
			if browsertest.Eval[bool](t, ctx, visible) {
				t.Errorf("Enter on Hide: the %s is still shown", box)
			}
			if got := browsertest.Eval[string](t, ctx, focused); got != "skip-link" {
				t.Errorf("after Hide: focus on %q, want the skip link", got)
			}

			browsertest.Navigate(t, ctx, k.ts.URL+"/")
			if browsertest.Eval[bool](t, ctx, visible) {
				t.Errorf("reloaded with the same %s: shown again", box)
			}
			k.build(errs, "first <b>problem</b>", "second", "third")
			browsertest.WaitFor(t, ctx, visible+` && `+id+`.textContent.includes("third")`)

			// Escape on a link of the page hides the box and keeps the focus.
			browsertest.Eval[bool](t, ctx, `document.getElementById("l30").focus(), true`)
			press(t, ctx, kb.Escape)
			if browsertest.Eval[bool](t, ctx, visible) {
				t.Errorf("Escape on a link: the %s is still shown", box)
			}
			if got := browsertest.Eval[string](t, ctx, focused); got != "l30" {
				t.Errorf("after Escape: focus on %q, want the link l30", got)
			}

			// Escape in a search box with text clears it, and only that.
			k.build(errs, "fourth")
			browsertest.WaitFor(t, ctx, visible+` && `+id+`.textContent.includes("fourth")`)
			browsertest.Eval[bool](t, ctx, `document.getElementById("q").focus(), true`)
			press(t, ctx, kb.Escape)
			if !browsertest.Eval[bool](t, ctx, visible) {
				t.Errorf("Escape clearing the search box hid the %s", box)
			}
			// On the empty box it hides the box.
			press(t, ctx, kb.Escape)
			if browsertest.Eval[bool](t, ctx, visible) {
				t.Errorf("Escape in the empty search box: the %s is still shown", box)
			}
			if !browsertest.Eval[bool](t, ctx, `!document.body.textContent.includes("<b>") && document.querySelector("b") === null`) {
				t.Error("a message's HTML is not escaped")
			}
		})
	}
}

// obscured lists, for the focused element, the points of it (its middle
// and two inner corners) that the overlay or the warnings box covers or
// that are outside the window.
const obscured = `(() => {
  const el = document.activeElement, r = el.getBoundingClientRect(), out = [];
  const pts = [["middle", r.left + r.width / 2, r.top + r.height / 2], ["top left", r.left + 2, r.top + 2], ["bottom right", r.right - 2, r.bottom - 2]];
  for (const [name, x, y] of pts) {
    const at = document.elementFromPoint(x, y);
    if (!at || !(at === el || el.contains(at))) { out.push(name + " under " + (at ? (at.closest("[id]") || at).id || at.tagName : "nothing (outside the window)")); }
  }
  return out.join(", ");
})()`

// TestBrowserFocusNotUnderTheBox Tabs through a long page with the
// warnings box open (many warnings, as tall as it gets) and with the
// error overlay, at a desktop and a phone width, and checks that no
// focused element is covered by the box: on the 1,000-postmortem corpus
// 14 of the first 60 Tab stops were entirely hidden behind it, and the
// last links of a page could never be scrolled out from under it (QA 21
// C-F3, WCAG 2.4.11). Folding the box shrinks what is kept clear; hiding
// it drops it.
func TestBrowserFocusNotUnderTheBox(t *testing.T) {
	k := newKBSite(t)
	ctx := browsertest.New(t)
	browsertest.OnNewDocument(t, ctx, `window.pmkbCSP = []; document.addEventListener("securitypolicyviolation", e => window.pmkbCSP.push(e.violatedDirective + " " + e.blockedURI));`)
	var many []string
	for i := range 40 {
		many = append(many, fmt.Sprintf("warning number %d about something in the front matter that is long enough to wrap", i))
	}
	for _, box := range []string{"warnings", "overlay"} {
		for _, size := range [][2]int64{{1280, 900}, {360, 640}} {
			t.Run(fmt.Sprintf("%s/%dx%d", box, size[0], size[1]), func(t *testing.T) {
				browsertest.Run(t, ctx, chromedp.EmulateViewport(size[0], size[1]))
				browsertest.Navigate(t, ctx, k.ts.URL+stylePath)
				browsertest.Eval[bool](t, ctx, `sessionStorage.clear(), true`)
				k.build(box == "overlay", many...)
				browsertest.Navigate(t, ctx, k.ts.URL+"/")
				browsertest.WaitFor(t, ctx, `document.readyState === "complete" && document.getElementById("pmkb-`+box+`") !== null`)
				browsertest.Eval[bool](t, ctx, `document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true`)
				// The Hide button, the summary, the skip link, the search
				// box and the 60 links.
				var hidden []string
				for i := 0; ; i++ {
					press(t, ctx, kb.Tab)
					id := browsertest.Eval[string](t, ctx, focused)
					if id == "l59" && i < 60 || i > 70 {
						t.Fatalf("Tab %d on %q", i+1, id)
					}
					if strings.HasPrefix(id, "pmkb-") || id == "pmkb: warnings of the last build (40)" {
						continue // the box's own controls
					}
					if got := browsertest.Eval[string](t, ctx, obscured); got != "" {
						hidden = append(hidden, fmt.Sprintf("Tab %d: %s: %s", i+1, id, got))
					}
					if id == "l59" {
						break
					}
				}
				if len(hidden) > 0 {
					t.Errorf("%d focused elements covered:\n%s", len(hidden), strings.Join(hidden, "\n"))
				}

				const pad = `parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom) || 0`
				open := browsertest.Eval[float64](t, ctx, pad)
				if box == "warnings" {
					browsertest.Eval[bool](t, ctx, `document.querySelector("#pmkb-warnings summary").click(), true`)
					browsertest.WaitFor(t, ctx, pad+` < `+fmt.Sprint(open)+` && `+pad+` > 0`)
				}
				press(t, ctx, kb.Escape)
				browsertest.WaitFor(t, ctx, pad+` === 0 && document.getElementById("pmkb-spacer").getBoundingClientRect().height === 0`)
				if v := browsertest.Eval[[]string](t, ctx, `window.pmkbCSP`); len(v) > 0 {
					t.Errorf("the Content-Security-Policy blocked %q", v)
				}
			})
		}
	}
}

// TestBrowserOverlayTakesTheFocusOnce: the overlay is an alert, but one
// that is in the page a reload brings is not read by screen readers, so
// a blind author did not learn that the build failed (QA 21 C, ideas).
// The page that brings new errors now moves the focus to the overlay, as
// GOV.UK's error summary does, from where Tab reaches its Hide button and
// Escape hides it; a reload saying the same does not take the focus
// again, a build that fails again after a good one does.
func TestBrowserOverlayTakesTheFocusOnce(t *testing.T) {
	k := newKBSite(t)
	ctx := browsertest.New(t)
	// A headless tab is not the focused window, so :focus would not match
	// before the first key; a user's tab is.
	browsertest.Run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	browsertest.Navigate(t, ctx, k.ts.URL+stylePath)
	browsertest.Eval[bool](t, ctx, `sessionStorage.clear(), true`)
	k.build(false)
	browsertest.Navigate(t, ctx, k.ts.URL+"/")
	waitFor := func(what string) {
		t.Helper()
		browsertest.WaitFor(t, ctx, `document.readyState === "complete" && `+what)
	}
	has := func(text string) string {
		return `document.getElementById("pmkb-overlay") !== null && document.getElementById("pmkb-overlay").textContent.includes(` + fmt.Sprintf("%q", text) + `)`
	}
	want := func(step, id string) {
		t.Helper()
		if got := browsertest.Eval[string](t, ctx, focused); got != id {
			t.Errorf("%s: focus on %q, want %q", step, got, id)
		}
	}

	k.build(true, "first error")
	waitFor(has("first error"))
	want("the build failed", "pmkb-overlay")
	if !browsertest.Eval[bool](t, ctx, `getComputedStyle(document.activeElement).outlineStyle !== "none"`) {
		t.Error("the focused overlay shows no focus outline")
	}
	press(t, ctx, kb.Tab)
	want("Tab from the overlay", "pmkb-hide")
	press(t, ctx, kb.Tab)
	want("Tab after Hide", "skip-link")

	browsertest.Navigate(t, ctx, k.ts.URL+"/")
	want("reloaded with the same errors", "BODY")
	k.build(true, "first error", "second error")
	waitFor(has("second error"))
	want("new errors", "pmkb-overlay")
	press(t, ctx, kb.Escape)
	want("Escape on the overlay", "skip-link")
	if browsertest.Eval[bool](t, ctx, `!document.getElementById("pmkb-overlay").hidden`) {
		t.Error("Escape on the focused overlay did not hide it")
	}

	// Fixed, then the same errors again: shown and said again.
	k.set(false, nil)
	k.s.Build(context.Background(), nil)
	waitFor(`document.getElementById("pmkb-overlay") === null`)
	k.set(true, []string{"first error", "second error"})
	k.s.Build(context.Background(), nil)
	waitFor(has("second error") + ` && !document.getElementById("pmkb-overlay").hidden`)
	want("failed again after a good build", "pmkb-overlay")

	// Someone who is already somewhere keeps the focus there.
	browsertest.OnNewDocument(t, ctx, `new MutationObserver((_, mo) => { const q = document.getElementById("q"); if (q) { q.focus(); mo.disconnect(); } }).observe(document, { childList: true, subtree: true });`)
	k.build(true, "third error")
	waitFor(has("third error"))
	want("a page whose own script focused its search box", "q")
}

// TestBrowserHiddenBoxNotShownOnReload: a box the author hid was laid out
// again by every reload until the deferred reload.js hid it, so a page
// long enough to be painted while it loaded flashed it at each save. The
// page's head now says which box it brings, and a script there hides a
// box hidden in this tab before the body is parsed.
func TestBrowserHiddenBoxNotShownOnReload(t *testing.T) {
	k := newKBSite(t)
	ctx := browsertest.New(t)
	// Whether the box was ever displayed while the page was parsed,
	// before the deferred script ran.
	browsertest.OnNewDocument(t, ctx, `window.pmkbShown = []; new MutationObserver(() => {
  for (const id of ["pmkb-warnings", "pmkb-overlay"]) {
    const b = document.getElementById(id);
    if (b && getComputedStyle(b).display !== "none" && !window.pmkbShown.includes(id)) { window.pmkbShown.push(id); }
  }
}).observe(document, { subtree: true, childList: true, attributes: true });`)
	for _, box := range []string{"warnings", "overlay"} {
		t.Run(box, func(t *testing.T) {
			browsertest.Navigate(t, ctx, k.ts.URL+stylePath)
			browsertest.Eval[bool](t, ctx, `sessionStorage.clear(), true`)
			k.build(box == "overlay", "one", "two")
			browsertest.Navigate(t, ctx, k.ts.URL+"/")
			if got := browsertest.Eval[[]string](t, ctx, `window.pmkbShown`); len(got) != 1 || got[0] != "pmkb-"+box {
				t.Fatalf("a tab's first page shows %q, want the %s", got, box)
			}
			browsertest.Eval[bool](t, ctx, `document.querySelector(".pmkb-hide").click(), true`)
			browsertest.Navigate(t, ctx, k.ts.URL+"/")
			if got := browsertest.Eval[[]string](t, ctx, `window.pmkbShown`); len(got) > 0 {
				t.Errorf("reloaded after Hide: the %s was displayed while the page loaded", box)
			}
			k.build(box == "overlay", "one", "two", "three")
			browsertest.WaitFor(t, ctx, `document.readyState === "complete" && document.getElementById("pmkb-`+box+`").textContent.includes("three")`)
			if !browsertest.Eval[bool](t, ctx, `window.pmkbShown.length === 1 && !document.getElementById("pmkb-`+box+`").hidden && getComputedStyle(document.getElementById("pmkb-`+box+`")).display !== "none"`) {
				t.Errorf("a build that changed the %s: not shown", box)
			}
		})
	}
}
