package serve

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// TestBoxFirstInTheBody checks that the overlay and the warnings box are
// put right after the page's <body> tag, before its skip link: at the end
// of the body the box's only control was the page's last Tab stop, after
// every link the box covered (QA 21 C-F3).
func TestBoxFirstInTheBody(t *testing.T) {
	pages := []struct{ name, html, before string }{
		{"body", `<!doctype html><html><head><title>t</title></head><body class="home"><a class="skip-link" href="#main">Skip</a><main id="main">home</main></body></html>`,
			`<body class="home">`},
		{"quoted >", `<!DOCTYPE html><HTML><HEAD></HEAD><BODY data-x="a>b" data-y='c>d'><a class="skip-link" href="#main">Skip</a>home</BODY></HTML>`,
			`<BODY data-x="a>b" data-y='c>d'>`},
		{"bodyx", `<html><head></head><bodyx></bodyx><body><a class="skip-link" href="#main">Skip</a>home</body></html>`,
			`<bodyx></bodyx><body>`},
	}
	for _, box := range []string{"overlay", "warnings"} {
		for _, pg := range pages {
			t.Run(box+"/"+pg.name, func(t *testing.T) {
				s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
					d := &diag.List{}
					if box == "overlay" {
						d.Errorf(diag.Pos{Path: "content/a.md", Line: 4}, `unknown severity "SEV9"`)
						return nil, d, false, nil
					}
					d.Warnf(diag.Pos{Path: "content/a.md", Line: 4}, `a warning`)
					return []output.File{{Path: "index.html", Data: []byte(pg.html)}}, d, false, nil
				}, Options{})
				ts := httptest.NewServer(s.Handler())
				defer ts.Close()
				if box == "overlay" {
					// The last good build is the page; this one fails.
					good := s.build
					s.build = func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
						return []output.File{{Path: "index.html", Data: []byte(pg.html)}}, &diag.List{}, false, nil
					}
					s.Build(context.Background(), nil)
					s.build = good
				}
				s.Build(context.Background(), nil)
				_, _, body := get(t, ts.URL+"/", nil)
				want := pg.before + `<div id="pmkb-` + box + `"`
				if !strings.Contains(body, want) || strings.Index(body, "pmkb-"+box) > strings.Index(body, "skip-link") {
					t.Errorf("want the %s right after the body tag (%s), before the skip link:\n%s", box, want, body)
				}
			})
		}
	}
	// Without a body tag the box still comes, at the end.
	got := string(insertAtBodyStart([]byte("<p>bare</p>"), "<div>box</div>"))
	if got != "<p>bare</p><div>box</div>" {
		t.Errorf("page without a body: %q", got)
	}
}
