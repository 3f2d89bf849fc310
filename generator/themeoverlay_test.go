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
