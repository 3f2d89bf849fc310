package render

import (
	"bytes"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/minify"
)

// TestMinifiedOncePerContent checks that minified gives minify.File's
// output, makes it once for the same content (pmkb serve's quick update
// reads the static files for their hashes on every edit), and again when
// the content changes.
func TestMinifiedOncePerContent(t *testing.T) {
	const p = "static/assets/x.js"
	src := []byte("function f ( a ) {\n  return a  +  1 ;\n}\n")
	want, err := minify.File(p, src)
	if err != nil {
		t.Fatal(err)
	}
	a, err := minified(p, src)
	if err != nil || !bytes.Equal(a, want) {
		t.Fatalf("minified = %q, %v; want %q", a, err, want)
	}
	b, _ := minified(p, bytes.Clone(src))
	if &a[0] != &b[0] {
		t.Error("the same content was minified again")
	}
	changed := []byte("function g ( a ) {\n  return a  *  2 ;\n}\n")
	want2, _ := minify.File(p, changed)
	if c, _ := minified(p, changed); !bytes.Equal(c, want2) {
		t.Errorf("changed content: minified = %q, want %q", c, want2)
	}
}
