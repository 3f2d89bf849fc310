package render

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// TestThemeWarnings checks that a file or UI string of the site's theme
// folder that the build would not use, though its author meant it to, is
// a warning naming the file (and the line of a UI string), with a
// did-you-mean. Before, a misspelt layout (postmorten.html), one in
// another case (Home.html, used on a disk that ignores case and not on
// Linux) and a misspelt UI string key were all ignored without a word.
func TestThemeWarnings(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lang  string
		files map[string]string
		want  []string // each warning's text, in order
	}{
		{"none", "en", map[string]string{
			"layouts/postmortem.html":  `{{define "main"}}x{{end}}`,
			"layouts/.DS_Store":        "x",
			"static/assets/pmkb.css":   "body{}",
			"i18n/en.json":             "{\"nav.postmortems\": \"Cases\", \"pm.ttd.one\": \"x\"}",
			"i18n/de.json":             "{\"nav.stats\": \"Zahlen\"}",
			"layouts/partials.html":    `{{define "site-footer"}}{{t "acme.note"}}{{end}}`,
			"i18n/ja.json":             "{\"acme.note\": \"x\"}",
			"layouts/postmortem.html~": "x",
		}, nil},
		{"misspelt layout", "en", map[string]string{"layouts/postmorten.html": `{{define "main"}}x{{end}}`},
			[]string{"th/layouts/postmorten.html: no such layout, so the build does not use it; did you mean postmortem.html?"}},
		{"layout in another case", "en", map[string]string{"layouts/Home.html": `{{define "main"}}x{{end}}`},
			[]string{"th/layouts/Home.html: no such layout, so the build does not use it; did you mean home.html? (names are case-sensitive"}},
		{"unknown layout", "en", map[string]string{"layouts/about.html": `{{define "main"}}x{{end}}`},
			[]string{"th/layouts/about.html: no such layout, so the build does not use it (the layouts are 404.html, actions.html, base.html"}},
		{"i18n in another case", "en", map[string]string{"i18n/EN.json": `{"nav.stats": "Numbers"}`},
			[]string{`th/i18n/EN.json: the site's language is "en", whose UI strings are read from i18n/en.json; did you mean en.json?`}},
		{"misspelt keys", "en", map[string]string{"i18n/en.json": "{\n  \"nav.postmortem\": \"Cases\",\n  \"Nav.Stats\": \"Numbers\",\n  \"nav.actions\": \"To do\",\n  \"zzqx\": \"?\"\n}\n"},
			[]string{
				`th/i18n/en.json:2: unknown UI string "nav.postmortem", so no page shows it; did you mean "nav.postmortems"?`,
				`th/i18n/en.json:3: unknown UI string "Nav.Stats", so no page shows it; did you mean "nav.stats"?`,
				`th/i18n/en.json:5: unknown UI string "zzqx", so no page shows it`,
			}},
		{"ja site", "ja", map[string]string{"i18n/ja.json": `{"nav.postmortem": "事例"}`},
			[]string{`th/i18n/ja.json:1: unknown UI string "nav.postmortem", so no page shows it; did you mean "nav.postmortems"?`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ThemeWarnings(themeFolder(t, tc.files), tc.lang)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d warnings %q, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i].Error(), fromSlashPath(w)) {
					t.Errorf("warning %d = %q\nwant it to start %q", i, got[i], fromSlashPath(w))
				}
			}
		})
	}
	if w := ThemeWarnings(themes.Default(), "en"); w != nil {
		t.Errorf("built-in theme alone: %q", w)
	}
}
