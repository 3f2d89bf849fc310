package serve

import (
	"path/filepath"
	"testing"
	"time"

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
