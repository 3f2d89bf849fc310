package serve

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// TestOverlayRolesOnDivs checks the elements of the overlay (errors, role
// alert) and of the warnings box (role status): ARIA allows neither role
// on an aside (axe's aria-allowed-role, QA 12 F18), so each is a div.
func TestOverlayRolesOnDivs(t *testing.T) {
	cases := []struct {
		name string
		add  func(d *diag.List)
		ok   bool
		want string
	}{
		{"errors", func(d *diag.List) { d.Errorf(diag.Pos{Path: "content/a.md", Line: 4}, `unknown severity "SEV9"`) }, false,
			`<div id="pmkb-overlay" role="alert" aria-live="assertive">`},
		{"warnings", func(d *diag.List) {
			d.Warnf(diag.Pos{Path: "content/d.md", Line: 2}, `in a draft, left out until fixed`)
		}, true,
			`<div id="pmkb-warnings" role="status">`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
				d := &diag.List{}
				c.add(d)
				if !c.ok {
					return nil, d, false, nil
				}
				return []output.File{page}, d, false, nil
			}, Options{Logf: func(string, ...any) {}})
			ts := httptest.NewServer(s.Handler())
			defer ts.Close()
			s.Build(context.Background(), nil)
			_, _, body := get(t, ts.URL+"/", nil)
			if !strings.Contains(body, c.want) || strings.Contains(body, "<aside") {
				t.Errorf("GET / with %s: want %s and no aside:\n%s", c.name, c.want, body)
			}
		})
	}
}
