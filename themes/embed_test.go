package themes

import (
	"io/fs"
	"testing"
)

// TestDefault checks that the embedded theme is rooted at the theme folder
// and holds what the renderer reads.
func TestDefault(t *testing.T) {
	for _, name := range []string{
		"layouts/base.html", "layouts/partials.html", "layouts/home.html", "layouts/postmortem.html",
		"i18n/en.json", "i18n/ja.json",
		"static/assets/pmkb.css", "static/assets/chroma.css", "static/assets/table.js", "static/assets/actions.js",
	} {
		if _, err := fs.Stat(Default(), name); err != nil {
			t.Errorf("default theme: %v", err)
		}
	}
	if _, err := fs.Stat(Default(), "default"); err == nil {
		t.Errorf("Default() is not rooted at the theme folder")
	}
}
