package serve

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/output"
)

// TestOverlayMarksTheMessagesLanguage checks that each problem of the
// overlay carries the language of its message, not the page's: the
// commands speak English on a Japanese site, but for the blameless
// findings on a Japanese phrase, so a screen reader reads each with the
// right voice (QA 14 B-F4); and that a quoted Japanese source line under
// an English message keeps the Japanese voice.
func TestOverlayMarksTheMessagesLanguage(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    diag.Diagnostic
		err  error
		want string
	}{
		{"English message", diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 4}, Message: `unknown severity "SEV9"`, Hint: "use SEV1"},
			nil, `<li lang="en"><code>content/a.md:4: error: unknown severity &#34;SEV9&#34;</code><p class="pmkb-hint">hint: use SEV1</p></li>`},
		{"English message quoting a Japanese value", diag.Diagnostic{Pos: diag.Pos{Path: "content/障害.md", Line: 3}, Message: `unknown detection "アラートです"`},
			nil, `<li lang="en"><code>content/障害.md:3: error: unknown detection &#34;アラートです&#34;</code></li>`},
		{"English message quoting a value with an escaped quote", diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 3}, Message: `unknown detection "ア\"ラート" in "です"`},
			nil, `<li lang="en"><code>content/a.md:3: error: unknown detection &#34;ア\&#34;ラート&#34; in &#34;です&#34;</code></li>`},
		{"English message giving a Japanese example", diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 5}, Message: `link "#x" names no heading of this file; a heading's id is its text in lower case (## タイムライン is #タイムライン)`},
			nil, `<li lang="en"><code>content/a.md:5: error: link &#34;#x&#34; names no heading of this file; a heading&#39;s id is its text in lower case (## タイムライン is #タイムライン)</code></li>`},
		{"Japanese source line under an English message", diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 2}, Col: 7, Excerpt: "title：社内DNSの応答遅延", Message: `invalid YAML`},
			nil, `<li lang="en"><code>content/a.md:2: error: invalid YAML</code><pre class="pmkb-quote" lang="ja">`},
		{"English source line", diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 2}, Col: 7, Excerpt: "title: [x", Message: `invalid YAML`},
			nil, `<li lang="en"><code>content/a.md:2: error: invalid YAML</code><pre class="pmkb-quote">`},
		{"Japanese blameless finding", diag.Diagnostic{Pos: diag.Pos{Path: "content/a.md", Line: 20}, Message: "「人為的ミス」 は人のミスを原因にしています。", Hint: "仕組みを原因として書いてください"},
			nil, `<li lang="ja"><code>content/a.md:20: error: 「人為的ミス」 は人のミスを原因にしています。</code><p class="pmkb-hint"><span lang="en">hint:</span> 仕組みを原因として書いてください</p></li>`},
		{"error of the build itself", diag.Diagnostic{}, errors.New("theme: layouts/base.html: bad template"),
			`<li lang="en"><code>theme: layouts/base.html: bad template</code></li>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New(func(context.Context, []string) ([]output.File, *diag.List, bool, error) {
				d := &diag.List{}
				if tc.err == nil {
					d.Add(tc.d)
				}
				return nil, d, false, tc.err
			}, Options{})
			ts := httptest.NewServer(s.Handler())
			defer ts.Close()
			s.Build(context.Background(), nil)
			if _, _, body := get(t, ts.URL+"/", nil); !strings.Contains(body, tc.want) {
				t.Errorf("overlay lacks %s:\n%s", tc.want, body)
			}
		})
	}
}
