package browsertest

import (
	"net/http"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/output"
)

// TestServeAndBrowse checks the server's static-host rules and that the
// browser runs scripts, reports dialogs and sees the extra headers.
func TestServeAndBrowse(t *testing.T) {
	files := []output.File{
		{Path: "index.html", Data: []byte(`<!doctype html><title>home</title><p id=x>root</p>`)},
		{Path: "a/index.html", Data: []byte(`<!doctype html><title>a</title><script>document.title = "ran"; alert("hi")</script>`)},
		{Path: "404.html", Data: []byte(`<!doctype html><title>missing</title>`)},
	}
	srv := Serve(t, files, http.Header{"X-Test": {"yes"}})

	resp, err := http.Get(srv.URL + "nope/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get("X-Test") != "yes" {
		t.Errorf("GET /nope/: status %d, X-Test %q; want 404 with the extra header", resp.StatusCode, resp.Header.Get("X-Test"))
	}

	ctx := New(t)
	dialogs := Dialogs(t, ctx)
	Navigate(t, ctx, srv.URL)
	if got := Eval[string](t, ctx, `document.getElementById("x").textContent`); got != "root" {
		t.Errorf("home text = %q, want root", got)
	}
	Navigate(t, ctx, srv.URL+"a")
	WaitFor(t, ctx, `document.title === "ran"`)
	if got := Eval[string](t, ctx, `location.pathname`); got != "/a/" {
		t.Errorf("redirected path = %q, want /a/", got)
	}
	if got := dialogs(); !slices.Equal(got, []string{"alert: hi"}) {
		t.Errorf("dialogs = %q, want one alert", got)
	}
	if !slices.Contains(srv.Requests(), "/a/") {
		t.Errorf("requests %q lack /a/", srv.Requests())
	}
}

// TestBrowserLeavesNoTempFolders checks that a test's browser, once the
// test ends, leaves none of chromium's org.chromium.Chromium.* folders in
// $TMPDIR: killing it left two per browser, 72 per run of the suite
// (QA 16 A-F3).
func TestBrowserLeavesNoTempFolders(t *testing.T) {
	tmp := t.TempDir()
	t.Run("browse", func(t *testing.T) {
		t.Setenv("TMPDIR", tmp)
		srv := Serve(t, []output.File{{Path: "index.html", Data: []byte(`<!doctype html><title>home</title><p id=x>root</p>`)}}, nil)
		ctx := New(t)
		Navigate(t, ctx, srv.URL)
		if got := Eval[string](t, ctx, `document.getElementById("x").textContent`); got != "root" {
			t.Errorf("home text = %q, want root", got)
		}
	})
	left, err := filepath.Glob(filepath.Join(tmp, "org.chromium.Chromium.*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("the browser left %q in $TMPDIR", left)
	}
}
