package render

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/minify"
	"github.com/pmkb/pmkb/themes"
)

// TestStaticFilesMinifiesTheBuiltInAssets checks that the built-in theme's
// scripts and stylesheets are published minified (what minify.File makes
// of them, and smaller), while a script of the site's own theme folder and
// any other file are published byte for byte as they are.
func TestStaticFilesMinifiesTheBuiltInAssets(t *testing.T) {
	own := "// the site's own script, kept as written\nvar greeting = 'hello';\n"
	theme := themeFolder(t, map[string]string{"static/assets/own.js": own})
	files, err := Site(testKB("en", ""), theme, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, f := range files {
		got[f.Path] = f.Data
	}
	for _, name := range []string{"assets/search.js", "assets/table.js", "assets/actions.js", "assets/pmkb.css", "assets/chroma.css"} {
		src, err := fs.ReadFile(themes.Default(), "static/"+name)
		if err != nil {
			t.Fatal(err)
		}
		want, err := minify.File(name, src)
		if err != nil {
			t.Fatal(err)
		}
		if string(got[name]) != string(want) {
			t.Errorf("%s is published as %d bytes, not its minified %d bytes (source %d)", name, len(got[name]), len(want), len(src))
		}
		if len(want) >= len(src) {
			t.Errorf("minified %s is %d bytes, its source %d", name, len(want), len(src))
		}
	}
	if string(got["assets/own.js"]) != own {
		t.Errorf("the theme folder's own script is published as %q, want it as written", got["assets/own.js"])
	}
	fav, err := fs.ReadFile(themes.Default(), "static/assets/favicon.svg")
	if err != nil {
		t.Fatal(err)
	}
	if string(got["assets/favicon.svg"]) != string(fav) {
		t.Errorf("favicon.svg changed on its way to the site")
	}
	if !strings.Contains(string(got["assets/search.js"]), "module.exports") {
		t.Errorf("minified search.js lost its exports for node")
	}
}
