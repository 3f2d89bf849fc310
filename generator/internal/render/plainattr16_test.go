package render

import (
	"html/template"
	"strings"
	"testing"
)

// TestPlainAttrIsHTMLTemplates checks plainAttr against html/template
// itself: an attribute is plain exactly when html/template escapes a
// javascript: value in it as text rather than filtering it as a URL (or
// refusing it as a script or style). A namespace prefix goes as
// html/template cuts it (xlink:href is an href; xmlns:… a URL): the table
// said xlink:href was plain (review 16).
func TestPlainAttrIsHTMLTemplates(t *testing.T) {
	const value = "javascript:alert(1) a"
	for _, name := range []string{
		"title", "alt", "aria-label", "placeholder", "class", "id", "lang",
		"href", "src", "action", "style", "onclick", "srcset", "content",
		"data-href", "data-title", "data-src", "data-x",
		"xlink:href", "xlink:title", "xmlns:foo", "xmlns", "foo:title", "foo:src",
	} {
		tmpl, err := template.New("t").Parse(`<p ` + name + `="{{.}}">`)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := tmpl.Execute(&b, value); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		plain := b.String() == `<p `+name+`="`+escapeText(value)+`">`
		got := plainAttr(name)
		if got && !plain {
			t.Errorf("plainAttr(%q) = true, but html/template does not write it as text: %s", name, b.String())
		}
		// content is kept out on purpose: <meta http-equiv="refresh"
		// content="0;url=…"> is a URL.
		if !got && plain && name != "content" {
			t.Errorf("plainAttr(%q) = false; html/template writes it as text: %s", name, b.String())
		}
	}
}
