package generator_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/themes"
)

// TestPartialTheme builds the sample site with a theme that holds only
// what it changes — one stylesheet and two UI strings, as a site's theme
// folder or one copied from an older pmkb may — and checks that its files
// and strings win and that everything else comes from the built-in theme
// (before, a theme had to hold every layout and every string, so a string
// added by a newer pmkb failed the build of every copied theme).
func TestPartialTheme(t *testing.T) {
	theme := fstest.MapFS{
		"static/assets/pmkb.css": {Data: []byte("/* the site's own style */\n")},
		"i18n/en.json":           {Data: []byte(`{"nav.postmortems": "Incident reviews", "nav.actions": "Follow-ups"}`)},
	}
	files := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil), Theme: theme}))
	if got := string(files["assets/pmkb.css"]); got != "/* the site's own style */\n" {
		t.Errorf("assets/pmkb.css = %.40q, want the theme's", got)
	}
	builtin, err := fs.ReadFile(themes.Default(), "static/assets/table.js")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files["assets/table.js"], builtin) {
		t.Error("assets/table.js is not the built-in one")
	}
	home := string(files["index.html"])
	for _, want := range []string{">Incident reviews</a>", ">Follow-ups</a>", ">Systems</a>"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if strings.Contains(home, ">Postmortems</a></li>") {
		t.Error("home page still says the built-in nav.postmortems")
	}
}

// TestPartialThemeTemplates builds the sample site with a theme whose
// layouts/partials.html holds only its own site footer, as a copy from an
// older pmkb lacks the templates of fragments added since: the theme's
// footer wins, and every other template comes from the built-in
// partials.html (before, each template a newer pmkb added, such as the
// time of a link in a chain of repeats, failed the build: "is undefined").
func TestPartialThemeTemplates(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/partials.html": {Data: []byte(`{{define "site-footer"}}<footer class="site-footer"><p>Our own footer</p></footer>{{end}}`)},
	}
	files := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil), Theme: theme}))
	want := filesByPath(buildSample(t, generator.Options{Source: overlay(t, nil)}))
	if len(files) != len(want) {
		t.Fatalf("%d files, the built-in theme makes %d", len(files), len(want))
	}
	for path, data := range files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		page := string(data)
		if !strings.Contains(page, "<p>Our own footer</p>") {
			t.Errorf("%s lacks the theme's footer", path)
			continue
		}
		// Apart from the footer, the page is the built-in theme's.
		cut := func(s string) string {
			i, j := strings.Index(s, `<footer class="site-footer">`), strings.LastIndex(s, "</footer>")
			if i < 0 || j < i {
				return s
			}
			return s[:i] + s[j:]
		}
		if cut(page) != cut(string(want[path])) {
			t.Errorf("%s differs from the built-in theme's page beyond the footer", path)
		}
	}
}
