package main

import (
	"strings"
	"testing"
)

// TestBuildAndLintPrintCaretExcerpt checks that a front matter that does
// not parse is shown under its message with the line and a caret under
// the column, in pmkb build's stderr and pmkb lint's text, after Japanese
// text and a tab too, and that a line holding an AWS key is not shown.
func TestBuildAndLintPrintCaretExcerpt(t *testing.T) {
	key := "AKIA" + "Z7QF3XKJ4LMN2PQR"
	root := site(t, map[string]string{
		"content/postmortems/b.md": "---\ntitle: B\ndate: 2024-03-03\nseverity: [SEV1\n---\n",
		"content/postmortems/j.md": "---\ntitle: 決済\nsystems: [決済, a]]\n---\n",
		"content/postmortems/t.md": "+++\ntitle =\t\"障害\"\nsummary = \tA\n+++\n",
		"content/postmortems/k.md": "---\ntitle: K\nseverity: [" + key + "\n---\n",
	})
	want := []string{
		"b.md:4: ", "       4 | severity: [SEV1\n         |           ^\n",
		"j.md:3: ", "       3 | systems: [決済, a]]\n         |                   ^\n",
		"t.md:3: ", "       3 | summary = \tA\n         |           \t^\n",
		"k.md:3: ",
	}
	_, _, buildErr := pmkb(t, "build", "--source", root)
	_, lintOut, _ := pmkb(t, "lint", "--source", root)
	for what, out := range map[string]string{"build": buildErr, "lint": lintOut} {
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s output lacks %q:\n%s", what, w, out)
			}
		}
		if strings.Contains(out, key[4:]) {
			t.Errorf("%s output shows the key:\n%s", what, out)
		}
	}
}
