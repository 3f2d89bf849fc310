package diag

import "testing"

// TestDefaultRule checks that DefaultRule tags only the problems without
// a rule, so a contract check's line ends with [contract] and a lint
// rule's keeps its own tag (QA 15 D-F4).
func TestDefaultRule(t *testing.T) {
	l := &List{}
	p := Pos{Path: "a.md", Line: 5}
	l.Add(Diagnostic{Pos: p, Severity: Error, Message: `systems: "api-gateway" is not in the site's systems list`})
	l.Add(Diagnostic{Pos: p, Severity: Warning, Rule: "markdown/links", Message: "no such file"})
	l.DefaultRule("contract")
	for i, want := range []string{
		`a.md:5: error: systems: "api-gateway" is not in the site's systems list [contract]`,
		"a.md:5: warning: no such file [markdown/links]",
	} {
		if got := l.Items()[i].Line(); got != want {
			t.Errorf("line %d = %q, want %q", i, got, want)
		}
	}
}
