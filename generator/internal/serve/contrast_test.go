package serve

import (
	"context"
	"io/fs"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/themes"
)

// contrastJS returns, for every text element of the overlay or the
// warnings box, its selector and the WCAG contrast ratio of its colour
// (with its opacity) against the background painted under it.
const contrastJS = `(() => {
  const rgba = c => { const v = c.match(/[\d.]+/g).map(Number); return v.length === 3 ? [...v, 1] : v; };
  const lum = v => { const l = v.slice(0, 3).map(x => { x = x / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const under = el => { for (; el; el = el.parentElement) { const b = rgba(getComputedStyle(el).backgroundColor); if (b[3] > 0) { return b; } } return [255, 255, 255, 1]; };
  const out = [];
  for (const sel of ["h2", "p", "summary", "code", ".pmkb-quote", ".pmkb-hint", ".pmkb-hide"]) {
    for (const el of document.querySelectorAll("#pmkb-overlay " + sel + ", #pmkb-warnings " + sel)) {
      const bg = under(el), fg = rgba(getComputedStyle(el).color);
      const a = fg[3] * Number(getComputedStyle(el).opacity);
      const mix = [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a));
      const f = lum(mix), b = lum(bg);
      out.push(sel + " " + ((Math.max(f, b) + 0.05) / (Math.min(f, b) + 0.05)).toFixed(2));
    }
  }
  return out;
})()`

// TestBrowserOverlayContrast checks that every text of the error overlay
// and the warnings box, the quoted source line and its caret among them,
// has a contrast of at least 4.5:1 in the light and the dark colour scheme
// over the default theme, whose pre background is light in the light
// scheme (QA 14 B-F4: the quote was light text on it, 1.1:1).
func TestBrowserOverlayContrast(t *testing.T) {
	css, err := fs.ReadFile(themes.Default(), "static/assets/pmkb.css")
	if err != nil {
		t.Fatal(err)
	}
	home := output.File{Path: "index.html", Data: []byte(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><link rel="stylesheet" href="/assets/pmkb.css"></head><body><main><pre>本文</pre></main></body></html>`)}
	fail := false
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		sev := diag.Warning
		if fail {
			sev = diag.Error
		}
		d.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 16}, Col: 9, Excerpt: `severity： "SEV2"`, Severity: sev,
			Message: `"severity：" has a full-width colon`, Hint: "write severity: with an ASCII colon"})
		return []output.File{home, {Path: "assets/pmkb.css", Data: css}}, d, false, nil
	}, Options{})
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close) // after the browser's cleanup closes the page's event stream
	ctx := browsertest.New(t)
	for _, box := range []string{"warnings", "overlay"} {
		fail = box == "overlay"
		// Away from the site first: the page of the last round listens for
		// builds and reloads itself on this one, which aborted the next
		// navigation (net::ERR_ABORTED) on a loaded machine.
		browsertest.Navigate(t, ctx, "about:blank")
		s.Build(context.Background(), nil)
		for _, scheme := range []string{"light", "dark"} {
			browsertest.ColorScheme(t, ctx, scheme)
			browsertest.Navigate(t, ctx, ts.URL+"/")
			got := browsertest.Eval[[]string](t, ctx, contrastJS)
			if !strings.Contains(strings.Join(got, ","), ".pmkb-quote") {
				t.Fatalf("%s, %s scheme: no quoted source line in %v", box, scheme, got)
			}
			for _, g := range got {
				sel, ratio, _ := strings.Cut(g, " ")
				if r, err := strconv.ParseFloat(ratio, 64); err != nil || r < 4.5 {
					t.Errorf("%s, %s scheme: %s has a contrast of %s:1, want at least 4.5:1", box, scheme, sel, ratio)
				}
			}
		}
	}
}
