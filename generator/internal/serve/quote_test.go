package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// TestOverlayShowsTheCaretExcerpt checks that a problem with a source line
// and column (a front matter that does not parse) shows that line with a
// caret under the column in the overlay, escaped, and in the log, as pmkb
// lint prints it.
func TestOverlayShowsTheCaretExcerpt(t *testing.T) {
	var logged []string
	s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
		d := &diag.List{}
		d.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 4}, Col: 11, Excerpt: "severity: [SEV1 <b>", Severity: diag.Error,
			Message: "invalid YAML: the list opened at line 4 is not closed; end it with ]", Hint: "close it"})
		return nil, d, false, nil
	}, Options{Logf: func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	s.Build(context.Background(), nil)

	quote := "       4 | severity: [SEV1 <b>\n         |           ^\n"
	want := `<pre class="pmkb-quote">` + strings.ReplaceAll(quote, "<b>", "&lt;b&gt;") + `</pre><p class="pmkb-hint">hint: close it</p>`
	if _, _, body := get(t, ts.URL+"/", nil); !strings.Contains(body, want) {
		t.Errorf("overlay lacks the caret excerpt %q:\n%s", want, body)
	}
	wantLog := "  content/a.md:4: error: invalid YAML: the list opened at line 4 is not closed; end it with ]\n" + quote + "      hint: close it"
	if len(logged) != 1 || !strings.HasSuffix(logged[0], wantLog) {
		t.Errorf("log = %q, want it to end with %q", logged, wantLog)
	}
}
