package source

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestUnclosedOnTheLastLine checks that a list or mapping left open on the
// front matter's last line, the usual place of tags:, is explained as one
// left open on an earlier line is, with the caret at its bracket (the
// parser's "sequence end token ']' not found" and "could not find flow map
// content" came out as they were), and that a stray closing bracket, or a
// list closed with a mapping's bracket, is not taken for one left open,
// on the last line or an earlier one.
func TestUnclosedOnTheLastLine(t *testing.T) {
	for _, tc := range []struct {
		line, want string
		col        int
	}{
		{"tags: [db, outage", "invalid YAML: the list opened at line 7 is not closed; end it with ]", 7},
		{"tags: [決済, 障害, タイムアウト", "invalid YAML: the list opened at line 7 is not closed; end it with ]", 7},
		{"tags: {api", "invalid YAML: the mapping opened at line 7 is not closed; end it with }", 7},
		{"tags: [a, b]]", "", 0},
		// Closed with the other bracket: the parser's own message is
		// right, "not closed" would not be.
		{"tags: {a: [b, c}", "", 0},
		{"tags: [a, {b: c]", "", 0},
	} {
		cfg := model.DefaultSiteConfig()
		last := "---\ntitle: A\ndate: 2025-01-02\nseverity: SEV1\nsystems: [api]\ncauses: [x]\n" + tc.line + "\n---\nbody\n"
		earlier := strings.Replace(last, "\n---\nbody", "\nowner: a\n---\nbody", 1)
		for i, src := range []string{last, strings.ReplaceAll(last, "\n", "\r\n"), earlier} {
			crlf := i == 1
			if i == 2 && tc.want != "" {
				continue // an open list before another key: explained as before
			}
			data := src
			_, diags := ParseFile("content/postmortems/a.md", []byte(data), &cfg)
			items := diags.Items()
			if len(items) == 0 {
				t.Errorf("%q: no error", tc.line)
				continue
			}
			d := items[0]
			if tc.want == "" {
				if strings.Contains(d.Message, "opened at") {
					t.Errorf("%q: a stray ] taken for an open list: %s", tc.line, d.Message)
				}
				continue
			}
			if d.Pos.Line != 7 || d.Message != tc.want || d.Col != tc.col {
				t.Errorf("%q (CRLF %v): line %d col %d %q, want line 7 col %d %q", tc.line, crlf, d.Pos.Line, d.Col, d.Message, tc.col, tc.want)
			}
		}
	}
}
