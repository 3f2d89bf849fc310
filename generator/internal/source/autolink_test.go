package source

import (
	"strings"
	"testing"
)

// TestAutoLinkClass checks that a bare URL made a link carries the class
// "url" (the print stylesheet then does not print its address a second
// time), while a link with its own text does not.
func TestAutoLinkClass(t *testing.T) {
	m := newMarkdown(false, "en")
	for _, c := range []struct{ src, want, not string }{
		{"See <https://tracker.example.com/PAY-812>.\n", `<a href="https://tracker.example.com/PAY-812" class="url">https://tracker.example.com/PAY-812</a>`, ""},
		{"See https://tracker.example.com/PAY-812 now.\n", `<a href="https://tracker.example.com/PAY-812" class="url">https://tracker.example.com/PAY-812</a>`, ""},
		{"See [the ticket](https://tracker.example.com/PAY-812).\n", `<a href="https://tracker.example.com/PAY-812">the ticket</a>`, `class="url"`},
	} {
		got, _, err := m.render([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, c.want) || (c.not != "" && strings.Contains(got, c.not)) {
			t.Errorf("%q:\ngot  %s\nwant %s", c.src, got, c.want)
		}
	}
}
