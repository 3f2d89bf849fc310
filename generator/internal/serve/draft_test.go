package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// TestLeftOutDraftIsNotA404 builds a site whose draft d is built, then
// left out for a problem (twice: the last render stays), then built
// again, beside a draft n that never had a page, a draft x whose page
// cannot be rendered and a draft y whose address another page has. Each
// left-out address answers 200: d with its last render and image under
// the overlay of its problems (escaped), n with LeftOut.Page, x with a
// bare page and the overlay; y and, once fixed, d show the build's page.
// Before the fix (QA 12 F2) every one of them was the site's 404.
func TestLeftOutDraftIsNotA404(t *testing.T) {
	const (
		dPage = "postmortems/d/index.html"
		image = "postmortems/_files/d.png"
	)
	problem := diag.Diagnostic{Pos: diag.Pos{Path: "content/d.md", Line: 4}, Severity: diag.Warning,
		Message: `in a draft, left out until fixed: unknown severity "<script>alert(1)</script>"`, Hint: "use SEV1 & co"}
	pageOf := func(s string) []byte {
		return []byte("<!doctype html><html><head></head><body>" + s + "</body></html>")
	}
	notFound := output.File{Path: "404.html", Data: pageOf("Page not found")}
	var (
		leftOut []LeftOut
		fail    bool
	)
	files := []output.File{notFound, page, {Path: dPage, Data: pageOf("render one")}, {Path: image, Data: []byte("PNG")},
		{Path: "postmortems/y/index.html", Data: pageOf("y's page")}}
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		if fail {
			d.Errorf(diag.Pos{Path: "content/a.md", Line: 2}, "a published postmortem's error")
			return nil, d, false, nil
		}
		if len(leftOut) > 0 {
			d.Add(problem)
		}
		return files, d, false, nil
	}, Options{LeftOut: func() []LeftOut { return leftOut }})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	s.Build(context.Background(), nil)

	// d gets a problem; n, x and y are drafts left out too.
	files = []output.File{notFound, page, {Path: "postmortems/y/index.html", Data: pageOf("y's page")}}
	leftOut = []LeftOut{
		{Path: dPage, Attachments: []string{image}, Problems: []diag.Diagnostic{problem}, Page: func() []byte { return pageOf("d's stand-in") }},
		{Path: "postmortems/n/index.html", Problems: []diag.Diagnostic{problem}, Page: func() []byte { return pageOf("n is left out") }},
		{Path: "postmortems/x/index.html", Problems: []diag.Diagnostic{problem}, Page: func() []byte { return nil }},
		{Path: "postmortems/y/index.html", Problems: []diag.Diagnostic{problem}, Page: func() []byte { return pageOf("y's stand-in") }},
	}
	for range 2 { // the second build has no render of d: the first is kept
		s.Build(context.Background(), nil)
		code, _, body := get(t, ts.URL+"/postmortems/d/", nil)
		if code != http.StatusOK || !strings.Contains(body, "render one") || !strings.Contains(body, "<h2>"+English.Draft+"</h2>") ||
			!strings.Contains(body, English.DraftLastGood) || !strings.Contains(body, "<code>content/d.md:4: warning: in a draft, left out until fixed: unknown severity &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;</code>") ||
			!strings.Contains(body, "hint: use SEV1 &amp; co") || strings.Contains(body, "<script>alert") || !strings.Contains(body, scriptPath) {
			t.Errorf("GET /postmortems/d/ with a problem = %d:\n%s", code, body)
		}
		if code, _, body := get(t, ts.URL+"/"+image, nil); code != http.StatusOK || body != "PNG" {
			t.Errorf("GET its image = %d %q", code, body)
		}
	}
	for _, c := range []struct{ path, want, not string }{
		{"/postmortems/n/", "n is left out", English.Draft},          // its page, with the usual warnings box
		{"/postmortems/x/", "<h2>" + English.Draft + "</h2>", "<h1"}, // a bare page with the overlay
		{"/postmortems/y/", "y's page", English.Draft},               // the build's page wins
	} {
		code, _, body := get(t, ts.URL+c.path, nil)
		if code != http.StatusOK || !strings.Contains(body, c.want) || strings.Contains(body, c.not) || !strings.Contains(body, scriptPath) {
			t.Errorf("GET %s = %d, want %q without %q:\n%s", c.path, code, c.want, c.not, body)
		}
	}
	if code, hdr, _ := get(t, ts.URL+"/postmortems/n", nil); code != http.StatusMovedPermanently || hdr.Get("Location") != "/postmortems/n/" {
		t.Errorf("GET /postmortems/n = %d to %q, want a redirect to /postmortems/n/", code, hdr.Get("Location"))
	}

	// A failed build's errors come first, over the same page.
	fail = true
	s.Build(context.Background(), nil)
	if code, _, body := get(t, ts.URL+"/postmortems/d/", nil); code != http.StatusOK || !strings.Contains(body, "render one") ||
		!strings.Contains(body, "a published postmortem&#39;s error") || strings.Contains(body, English.Draft) {
		t.Errorf("GET /postmortems/d/ while the build fails = %d:\n%s", code, body)
	}
	fail = false

	// d is fixed: its page is the build's again; n is gone: a 404.
	files = []output.File{notFound, page, {Path: dPage, Data: pageOf("render two")}}
	leftOut = nil
	s.Build(context.Background(), nil)
	if code, _, body := get(t, ts.URL+"/postmortems/d/", nil); code != http.StatusOK || !strings.Contains(body, "render two") || strings.Contains(body, English.Draft) {
		t.Errorf("GET /postmortems/d/ fixed = %d:\n%s", code, body)
	}
	for _, p := range []string{"/postmortems/n/", "/" + image} {
		if code, _, _ := get(t, ts.URL+p, nil); code != http.StatusNotFound {
			t.Errorf("GET %s once no draft is left out = %d, want 404", p, code)
		}
	}
}
