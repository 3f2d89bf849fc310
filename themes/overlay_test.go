package themes

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestOverlay checks that a partial theme replaces the default's files it
// has, lends the rest from the default, and lists both in its folders.
func TestOverlay(t *testing.T) {
	top := fstest.MapFS{
		"static/assets/pmkb.css": {Data: []byte("/* mine */")},
		"static/assets/extra.js": {Data: []byte("// mine")},
		"i18n/en.json":           {Data: []byte(`{"nav.home": "Start"}`)},
	}
	th := Overlay(top)
	if b, err := fs.ReadFile(th, "static/assets/pmkb.css"); err != nil || string(b) != "/* mine */" {
		t.Errorf("pmkb.css = %q, %v; want the top layer's", b, err)
	}
	want, _ := fs.ReadFile(Default(), "layouts/base.html")
	if b, err := fs.ReadFile(th, "layouts/base.html"); err != nil || string(b) != string(want) {
		t.Errorf("layouts/base.html from the default: %v", err)
	}
	entries, err := fs.ReadDir(th, "static/assets")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for i, e := range entries {
		names[e.Name()] = true
		if i > 0 && entries[i-1].Name() >= e.Name() {
			t.Errorf("entries not sorted or repeated: %s after %s", e.Name(), entries[i-1].Name())
		}
	}
	for _, n := range []string{"pmkb.css", "extra.js", "table.js", "search.js"} {
		if !names[n] {
			t.Errorf("static/assets lacks %s", n)
		}
	}
	if _, err := fs.ReadDir(th, "nowhere"); err == nil {
		t.Error("a folder in neither layer listed without error")
	}
	if l := Layers(th); len(l) != 2 {
		t.Errorf("Layers = %d, want 2", len(l))
	}
	if l := Layers(Default()); len(l) != 1 {
		t.Errorf("Layers(Default()) = %d, want 1", len(l))
	}
	if err := fstest.TestFS(th, "static/assets/pmkb.css", "static/assets/extra.js", "layouts/base.html", "i18n/ja.json"); err != nil {
		t.Error(err)
	}
}
