package serve

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserReloadAndOverlay drives a real browser: the reload script runs
// under the server's Content-Security-Policy, an edit reloads the open tab,
// a failing build shows the styled overlay without running the script in
// its message, and a good rebuild clears it.
func TestBrowserReloadAndOverlay(t *testing.T) {
	ctx := browsertest.New(t)
	dialogs := browsertest.Dialogs(t, ctx)
	l := startLive(t, 50*time.Millisecond)
	a := filepath.Join(l.root, "content", "a.md")

	browsertest.Navigate(t, ctx, l.url+"/")
	waitClients(t, l, 2) // the test's own stream and the page's
	browsertest.Eval[bool](t, ctx, "window.pmkbMarker = true")

	start := time.Now()
	write(t, a, "hello from the editor")
	browsertest.WaitFor(t, ctx, `document.readyState === "complete" && !window.pmkbMarker && document.body.textContent.includes("hello from the editor")`)
	origin := browsertest.Eval[float64](t, ctx, "performance.timeOrigin")
	t.Logf("edit → new page loading in the browser: %s; → test saw it: %s",
		time.UnixMilli(int64(origin)).Sub(start).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))

	write(t, a, "BROKEN")
	browsertest.WaitFor(t, ctx, `document.readyState === "complete" && document.getElementById("pmkb-overlay") !== null`)
	if pos := browsertest.Eval[string](t, ctx, `getComputedStyle(document.getElementById("pmkb-overlay")).position`); pos != "fixed" {
		t.Errorf("overlay position %q: its stylesheet did not load under the CSP", pos)
	}
	if !browsertest.Eval[bool](t, ctx, `document.getElementById("pmkb-overlay").textContent.includes("bad <script>alert(1)</script> here") && document.body.textContent.includes("hello from the editor")`) {
		t.Error("overlay text or last good page missing")
	}

	write(t, a, "fixed again")
	browsertest.WaitFor(t, ctx, `document.readyState === "complete" && document.getElementById("pmkb-overlay") === null && document.body.textContent.includes("fixed again")`)
	if d := dialogs(); len(d) > 0 {
		t.Errorf("dialogs opened: %v", d)
	}
}

// waitClients waits until n event streams are open.
func waitClients(t *testing.T, l *liveServer, n int) {
	t.Helper()
	deadline := time.Now().Add(browsertest.Timeout)
	for l.s.clientCount() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d event streams open, want %d", l.s.clientCount(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBrowserWarningsBoxStaysCollapsed checks that the warnings box, which
// serve shows again on every reload, is open the first time only, then as
// the author left it, and open again when a warning is added; and that on
// a phone-sized screen it takes at most a third of it (qa6 #13).
func TestBrowserWarningsBoxStaysCollapsed(t *testing.T) {
	ctx := browsertest.New(t)
	l := startLive(t, 50*time.Millisecond)
	a := filepath.Join(l.root, "content", "a.md")
	write(t, a, "one WARN")
	<-l.b.builds

	browsertest.Navigate(t, ctx, l.url+"/")
	waitClients(t, l, 2)
	const open = `document.querySelector("#pmkb-warnings details").open`
	reloaded := func(text string) {
		t.Helper()
		write(t, a, text)
		browsertest.WaitFor(t, ctx, `document.readyState === "complete" && document.body.textContent.includes(`+strconv.Quote(text)+`) && document.getElementById("pmkb-warnings") !== null`)
	}
	if !browsertest.Eval[bool](t, ctx, open) {
		t.Error("the first warnings box of the tab is collapsed, want open")
	}
	reloaded("two WARN")
	if browsertest.Eval[bool](t, ctx, open) {
		t.Error("after a reload the box opened again, want collapsed")
	}
	browsertest.Eval[bool](t, ctx, `document.querySelector("#pmkb-warnings summary").click(), true`)
	reloaded("three WARN")
	if !browsertest.Eval[bool](t, ctx, open) {
		t.Error("the author opened the box; after a reload it is collapsed")
	}
	browsertest.Eval[bool](t, ctx, `document.querySelector("#pmkb-warnings summary").click(), true`)
	reloaded("four WARN")
	if browsertest.Eval[bool](t, ctx, open) {
		t.Error("the author closed the box; after a reload it is open")
	}
	reloaded("five WARN WARN")
	if !browsertest.Eval[bool](t, ctx, open) {
		t.Error("a new warning did not open the box")
	}

	reloaded("six " + strings.Repeat("WARN ", 40))
	browsertest.Run(t, ctx, chromedp.EmulateViewport(390, 900))
	if h := browsertest.Eval[float64](t, ctx, `document.getElementById("pmkb-warnings").getBoundingClientRect().height`); h > 900/3+1 {
		t.Errorf("on a 390×900 screen the box is %.0fpx high, want at most a third", h)
	}
}
