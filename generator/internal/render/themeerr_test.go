package render

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/themes"
)

// themeFolder writes files into a new folder and returns it as a site's
// theme folder named "th" (as --theme th would), laid over the built-in
// theme.
func themeFolder(t *testing.T, files map[string]string) fs.FS {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return themes.Overlay(themes.Folder(dir, "th"))
}

// TestThemeErrorsNameTheFile checks that a problem of a file of the site's
// theme folder is an error at the file as its user opens it
// ("th/layouts/partials.html:2: …", a *ThemeError), with the advice for a
// layout copied from an older pmkb where a layout is at fault. Before, a
// syntax error named "partials.html:1" without the folder or the advice,
// a bad UI-strings file had no line, and a template of the site's
// base.html or page layout that partials.html also defines was ignored
// without a word.
func TestThemeErrorsNameTheFile(t *testing.T) {
	hint := "is the theme folder's own: if it was copied from an older pmkb"
	fieldHint := "is the theme folder's own: this version does not give that template that field; each template gets its own data"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // the error starts with want[0] and holds the rest
		not   []string // and does not hold these
	}{
		{"field", map[string]string{"layouts/partials.html": "\n" + `{{define "site-footer"}}<footer>{{.Nope}}</footer>{{end}}`},
			[]string{"th/layouts/partials.html:2: executing \"site-footer\" at <.Nope>: can't evaluate field Nope", fieldHint}, nil},
		// A syntax error says all: no advice blaming an older pmkb (QA 14
		// D-F8); a function this version lacks gets it.
		{"syntax", map[string]string{"layouts/partials.html": "\n\n" + `{{define "site-footer"}}<footer>{{·}}</footer>{{end}}`},
			[]string{"th/layouts/partials.html:3: unrecognized character in action"}, []string{"older pmkb", "("}},
		{"function", map[string]string{"layouts/partials.html": "\n\n" + `{{define "site-footer"}}<footer>{{oldFunc}}</footer>{{end}}`},
			[]string{`th/layouts/partials.html:3: function "oldFunc" not defined`, hint}, nil},
		{"template", map[string]string{"layouts/partials.html": "\n" + `{{define "site-footer"}}<footer>{{template "old-part" .}}</footer>{{end}}`},
			[]string{`th/layouts/partials.html:2:`, `"old-part"`, hint}, nil},
		// A layout that fails on one postmortem names its page and file,
		// without advice (QA 14 D-F8: the author of a theme had to
		// bisect thousands of postmortems).
		{"one postmortem", map[string]string{"layouts/postmortem.html": `{{define "main"}}{{with .Main}}` + "\n" + `{{if eq .ID "2024-03-14-checkout-cert"}}{{index .Title 99}}{{end}}{{end}}{{end}}`},
			[]string{"th/layouts/postmortem.html:2: executing \"main\" at <index .Title 99>: error calling index: ",
				"(on postmortems/2024-03-14-checkout-cert/index.html, from content/postmortems/2024/2024-03-14-checkout-cert.md)"},
			[]string{"older pmkb"}},
		{"page field", map[string]string{"layouts/postmortem.html": `{{define "main"}}` + "\n" + `<h1>{{.Nope}}</h1>{{end}}`},
			// Every postmortem page fails: the first in the order of the
			// pages is named, in every build.
			[]string{"th/layouts/postmortem.html:2: executing \"main\" at <.Nope>", fieldHint,
				"(on postmortems/2024-03-14-checkout-cert/index.html, "}, nil},
		{"page defines a fragment", map[string]string{"layouts/postmortem.html": `{{define "main"}}<h1>x</h1>{{end}}` + "\n" + `{{define "site-footer"}}<footer>mine</footer>{{end}}`},
			[]string{`th/layouts/postmortem.html:2: defines "site-footer", which every page shows from layouts/partials.html`}, nil},
		{"base and partials define one", map[string]string{
			"layouts/base.html":     `{{define "site-footer"}}<footer>base</footer>{{end}}`,
			"layouts/partials.html": `{{define "site-footer"}}<footer>partials</footer>{{end}}`},
			[]string{`th/layouts/base.html:1: defines "site-footer", which th/layouts/partials.html defines too`}, nil},
		{"i18n comma", map[string]string{"i18n/en.json": "{\n  \"nav.postmortems\": \"Reviews\",\n}\n"},
			[]string{"th/i18n/en.json:3: invalid character '}'"}, nil},
		{"i18n number", map[string]string{"i18n/en.json": "{\n  \"nav.postmortems\": \"Reviews\",\n  \"nav.actions\": 3\n}\n"},
			[]string{"th/i18n/en.json:3: a UI string must be a JSON string, not a number"}, nil},
		{"i18n cut short", map[string]string{"i18n/en.json": "{\n  \"nav.postmortems\": \"Reviews\"\n\n"},
			[]string{"th/i18n/en.json:2: the file ends inside its JSON object"}, nil},
		{"static page", map[string]string{"static/index.html": "<p>mine</p>"},
			[]string{"th/static/index.html: the site makes its own /index.html, which a theme's static/ file cannot replace (change a page with the theme's layouts/)"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			theme := themeFolder(t, tc.files)
			_, err := Site(testKB("en", repo), theme, testOpts)
			var te *ThemeError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v, want a *ThemeError", err)
			}
			want := fromSlashPath(tc.want[0])
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("err = %q\nwant it to start %q", err, want)
			}
			for _, w := range tc.want[1:] {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q lacks %q", err, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(strings.TrimPrefix(err.Error(), want), w) {
					t.Errorf("err = %q holds %q", err, w)
				}
			}
		})
	}
}

// TestThemeBaseDefinesPartial checks that a template of partials.html
// which the site's base.html defines is the site's on every page (before,
// the built-in partials.html, parsed after it, won without a word), and
// that the site footer gets .Root, to link to a page of the site.
func TestThemeBaseDefinesPartial(t *testing.T) {
	base, err := fs.ReadFile(themes.Default(), "layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	theme := themeFolder(t, map[string]string{
		"layouts/base.html": `{{define "site-footer"}}<footer><a href="{{.Root}}postmortems/index.html">All</a></footer>{{end}}` + string(base),
	})
	got, err := Site(testKB("en", repo), theme, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"index.html":                     `<footer><a href="./postmortems/index.html">All</a></footer>`,
		"postmortems/index.html":         `<footer><a href="../postmortems/index.html">All</a></footer>`,
		"systems/api-gateway/index.html": `<footer><a href="../../postmortems/index.html">All</a></footer>`,
		"404.html":                       `<footer><a href="/kb/postmortems/index.html">All</a></footer>`,
	}
	checkPagesHold(t, got, want)
}

// TestThemeHeaderRoot checks that the site header gets .Root, as the
// pages and the footer do, so a theme's header can show its own logo
// from static/ on pages at every depth. Before, {{.Root}} in a theme's
// "site-header" failed the build ("can't evaluate field Root in type
// render.headerData", with advice blaming a copy from an older pmkb).
func TestThemeHeaderRoot(t *testing.T) {
	theme := themeFolder(t, map[string]string{
		"static/assets/logo.png": "PNG",
		"layouts/partials.html":  `{{define "site-header"}}<header class="site-header"><a class="site-title" href="{{.HomeHref}}"><img src="{{.Root}}assets/logo.png" alt="">{{.SiteTitle}}</a></header>{{end}}`,
	})
	got, err := Site(testKB("en", repo), theme, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"index.html":                     `<img src="./assets/logo.png" alt="">`,
		"postmortems/index.html":         `<img src="../assets/logo.png" alt="">`,
		"systems/api-gateway/index.html": `<img src="../../assets/logo.png" alt="">`,
		"search/index.html":              `<img src="../assets/logo.png" alt="">`,
		"404.html":                       `<img src="/kb/assets/logo.png" alt="">`,
	}
	checkPagesHold(t, got, want)
}

// TestThemePageCallsItsOwnHelper checks that a page layout may define and
// call a helper whose name a fragment of partials.html also has ("link"):
// the page uses its own copy there, and every other page keeps the
// built-in fragment. Before, the build refused the page ("this one would
// not be used"), which was false; only a copy nothing calls is refused
// ("page defines a fragment" in TestThemeErrorsNameTheFile).
func TestThemePageCallsItsOwnHelper(t *testing.T) {
	theme := themeFolder(t, map[string]string{
		"layouts/404.html": `{{define "main"}}<h1>{{template "link" "Lost"}}</h1>{{end}}{{define "link"}}<em class="mine">{{.}}</em>{{end}}`,
	})
	got, err := Site(testKB("en", repo), theme, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := Site(testKB("en", repo), themes.Default(), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range builtin {
		want[f.Path] = string(f.Data)
	}
	for _, f := range got {
		switch {
		case f.Path == "404.html":
			if !strings.Contains(string(f.Data), `<h1><em class="mine">Lost</em></h1>`) {
				t.Error("404.html lacks its own link helper's output")
			}
		case string(f.Data) != want[f.Path]:
			t.Errorf("%s differs from the built-in theme's", f.Path)
		}
	}
}

// TestGuardStatic checks that a file of the site's theme folder's static/
// that another part of the site also makes (or stands in the way of) is
// an error naming the theme's file, whichever comes first; before, the
// build failed with `output: file path "api/actions.json" is given more
// than once`.
func TestGuardStatic(t *testing.T) {
	theme := themeFolder(t, map[string]string{"static/api/actions.json": "[]", "static/robots.txt": "x",
		"static/feed.xml/x": "x", "static/feed.xml/b": "b", "static/feed.xml/a": "a"})
	for _, tc := range []struct {
		puts []string
		want string // "" for no error
	}{
		{[]string{"robots.txt", "api/stats.json", "api/actions.json/x.json"}, "th/static/api/actions.json: the site makes /api/actions.json/x.json, so /api/actions.json must be a folder"},
		{[]string{"api/actions.json", "robots.txt", "api/actions.json"}, "th/static/api/actions.json: the site makes its own /api/actions.json, which a theme's static/ file cannot replace"},
		// A folder of several files is named by its first file, in every
		// build (QA 15 C-F6: the last one in map order).
		{[]string{"feed.xml"}, "th/static/feed.xml/a: the site makes its own /feed.xml, so it cannot be a folder of the theme's static/"},
		{[]string{"robots.txt", "api/actions.json", "feed.xml/x", "index.html"}, ""},
	} {
		for range 20 { // map order varies between GuardStatics
			var put []string
			guarded := GuardStatic(theme, func(f output.File) error { put = append(put, f.Path); return nil })
			var err error
			for _, p := range tc.puts {
				if err = guarded(output.File{Path: p}); err != nil {
					break
				}
			}
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("%v: %v", tc.puts, err)
			case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), fromSlashPath(tc.want))):
				t.Errorf("%v: err = %v, want %q", tc.puts, err, tc.want)
			}
			if tc.want == "" && len(put) != len(tc.puts) {
				t.Errorf("%v: put %v", tc.puts, put)
			}
		}
	}
}

// fromSlashPath is message s with the path before its first colon in the
// system's form.
func fromSlashPath(s string) string {
	p, rest, _ := strings.Cut(s, ":")
	return filepath.FromSlash(p) + ":" + rest
}

// checkPagesHold checks that each page of want was made and holds its
// text.
func checkPagesHold(t *testing.T, got []output.File, want map[string]string) {
	t.Helper()
	seen := 0
	for _, f := range got {
		if w, ok := want[f.Path]; ok {
			seen++
			if !strings.Contains(string(f.Data), w) {
				t.Errorf("%s lacks %s", f.Path, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d pages made", seen, len(want))
	}
}
