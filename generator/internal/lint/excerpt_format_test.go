package lint

import (
	"bytes"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
)

// excerptList has front-matter syntax errors with a column and the source
// line: ASCII, Japanese (wide characters before the column), a tab, and
// one with an excerpt but no column.
func excerptList() *diag.List {
	l := &diag.List{}
	l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/postmortems/b.md", Line: 4}, Severity: diag.Error,
		Message: "invalid YAML: the list opened at line 4 is not closed; end it with ]", Rule: "contract",
		Col: 11, Excerpt: "severity: [SEV1", Hint: "see the format"})
	l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/postmortems/j.md", Line: 2}, Severity: diag.Error,
		Message: "invalid YAML: the list opened at line 2 is not closed; end it with ]",
		Col:     15, Excerpt: "systems: [決済, [api"})
	l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/postmortems/t.md", Line: 3}, Severity: diag.Error,
		Message: "invalid YAML: this line is indented with a tab; indent with spaces, not tabs",
		Col:     3, Excerpt: " \t- web"})
	l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/postmortems/u.md", Line: 2}, Severity: diag.Error,
		Message: "invalid YAML: unterminated quoted string; add the closing quote", Excerpt: "title: \"A"})
	return l
}

// TestWriteTextExcerpt checks the source line and caret pmkb lint prints
// under a problem with a column, between the message and the hint.
func TestWriteTextExcerpt(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, excerptList()); err != nil {
		t.Fatal(err)
	}
	want := "content/postmortems/b.md:4: error: invalid YAML: the list opened at line 4 is not closed; end it with ] [contract]\n" +
		"       4 | severity: [SEV1\n" +
		"         |           ^\n" +
		"    hint: see the format\n" +
		"content/postmortems/j.md:2: error: invalid YAML: the list opened at line 2 is not closed; end it with ]\n" +
		"       2 | systems: [決済, [api\n" +
		"         |                 ^\n" +
		"content/postmortems/t.md:3: error: invalid YAML: this line is indented with a tab; indent with spaces, not tabs\n" +
		"       3 |  \t- web\n" +
		"         |  \t^\n" +
		"content/postmortems/u.md:2: error: invalid YAML: unterminated quoted string; add the closing quote\n" +
		"       2 | title: \"A\n"
	if got := b.String(); got != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", got, want)
	}
}

// TestWriteGitHubColumn checks that a GitHub annotation names the column
// when there is one, and only then.
func TestWriteGitHubColumn(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, excerptList()); err != nil {
		t.Fatal(err)
	}
	want := "::error file=content/postmortems/b.md,line=4,col=11,title=contract::invalid YAML: the list opened at line 4 is not closed; end it with ]%0Ahint: see the format\n" +
		"::error file=content/postmortems/j.md,line=2,col=15::invalid YAML: the list opened at line 2 is not closed; end it with ]\n" +
		"::error file=content/postmortems/t.md,line=3,col=3::invalid YAML: this line is indented with a tab; indent with spaces, not tabs\n" +
		"::error file=content/postmortems/u.md,line=2::invalid YAML: unterminated quoted string; add the closing quote\n"
	if got := b.String(); got != want {
		t.Errorf("WriteGitHub =\n%s\nwant\n%s", got, want)
	}
}

// TestWriteJSONExcerpt checks the column and excerpt fields of the JSON
// format, present only when set.
func TestWriteJSONExcerpt(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, excerptList()); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		`"line": 4,
      "column": 11,
      "severity": "error",`,
		`"excerpt": "systems: [決済, [api"`,
		`"line": 2,
      "severity": "error",
      "message": "invalid YAML: unterminated quoted string; add the closing quote",
      "excerpt": "title: \"A"`,
	} {
		if !bytes.Contains([]byte(got), []byte(want)) {
			t.Errorf("WriteJSON lacks\n%s\nin\n%s", want, got)
		}
	}
}
