package lint

import (
	"strings"
	"testing"
)

// TestUnpairedMessage checks that an unpaired tag's warning says where its
// tags must pair up, and its hint names that tag's own closing tag: an
// inline tag within its paragraph, <details> at its level of the document.
func TestUnpairedMessage(t *testing.T) {
	for _, c := range []struct {
		tag, msg, hint, notHint string
	}{
		{"<kbd>", "do not pair up in this paragraph, table cell or heading", "close each <kbd> with </kbd>", "<summary>"},
		{"<sub>", "do not pair up in this paragraph, table cell or heading", "close each <sub> with </sub>", "<details>"},
		{"<details>", "do not pair up at this level of the document", "<summary>…</summary> right after <details>", "paragraph"},
		{"<summary>", "do not pair up at this level of the document", "<summary>…</summary> right after <details>", "table cell"},
	} {
		msg, hint := unpairedMessage(c.tag)
		if !strings.HasPrefix(msg, "raw HTML "+c.tag+" is shown as text here") || !strings.Contains(msg, c.msg) {
			t.Errorf("%s: message %q, want it to say %q", c.tag, msg, c.msg)
		}
		if !strings.Contains(hint, c.hint) || strings.Contains(hint, c.notHint) {
			t.Errorf("%s: hint %q, want %q and not %q", c.tag, hint, c.hint, c.notHint)
		}
	}
}
