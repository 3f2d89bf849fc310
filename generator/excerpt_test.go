package generator_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSyntaxErrorExcerptHidesSecrets checks that the source line quoted
// under a front-matter syntax error is never one that holds a secret (an
// AWS key, a password in a URL), whether the site's secret rules are on,
// when they report the line themselves, or off, and that an ordinary line
// is quoted with its column, in pmkb lint and in a build.
func TestSyntaxErrorExcerptHidesSecrets(t *testing.T) {
	key := "AKIA" + "Z7QF3XKJ4LMN2PQR"
	url := "postgres://app:" + "Xk9pQ2vL7mzR4t" + "@db.internal:5432/orders"
	files := map[string]string{
		"content/postmortems/key.md":   "---\ntitle: Key\nseverity: [" + key + "\ndate: 2024-03-03\n---\n",
		"content/postmortems/url.md":   "---\ntitle: URL\ndb: [\"" + url + "\"\ndate: 2024-03-03\n---\n",
		"content/postmortems/plain.md": "---\ntitle: Plain\nseverity: [SEV1\ndate: 2024-03-03\n---\n",
	}
	for _, config := range []string{"title = \"KB\"\n", "title = \"KB\"\n[lint.rules]\nsecret = \"off\"\n"} {
		src := fstest.MapFS{"pmkb.toml": {Data: []byte(config)}}
		for p, s := range files {
			src[p] = &fstest.MapFile{Data: []byte(s)}
		}
		lint, err := generator.Lint(generator.LintOptions{Source: src, Today: model.Date{Year: 2024, Month: 3, Day: 4}})
		if err != nil {
			t.Fatal(err)
		}
		site, _ := generator.Build(context.Background(), generator.Options{Source: src, Today: model.Date{Year: 2024, Month: 3, Day: 4}})
		for what, list := range map[string]*diag.List{"lint": lint, "build": site.Diagnostics} {
			var plain bool
			for _, d := range list.Items() {
				if strings.Contains(d.Excerpt, key) || strings.Contains(d.Excerpt, "Xk9pQ2vL7mzR4t") {
					t.Errorf("%s with %q: %s quotes a secret: %q", what, config, d, d.Excerpt)
				}
				if d.Pos == (diag.Pos{Path: "content/postmortems/plain.md", Line: 3}) {
					plain = d.Excerpt == "severity: [SEV1" && d.Col == 11
				}
			}
			if !plain {
				t.Errorf("%s with %q: no excerpt at plain.md:3:11 in\n%s", what, config, list)
			}
		}
	}
}
