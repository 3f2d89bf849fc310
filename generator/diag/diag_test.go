package diag

import "testing"

func TestRedactLinesOf(t *testing.T) {
	l := &List{}
	a := Pos{Path: "a.md", Line: 4}
	l.Add(Diagnostic{Pos: a, Severity: Error, Rule: "secret/aws-key", Message: `possible AWS access key id "AKIA"…(20 chars)`})
	l.Add(Diagnostic{Pos: a, Severity: Error, Message: `severity: unknown level "AKIAZ7QF3XKJ4LMN2PQR" (want "SEV1", "SEV2")`,
		Hint: `did you mean "SEV1"?`})
	l.Add(Diagnostic{Pos: Pos{Path: "a.md", Line: 5}, Severity: Error, Message: `related: no postmortem has id "x"`})
	l.Add(Diagnostic{Pos: Pos{Path: "b.md", Line: 4}, Severity: Error, Message: `severity: unknown level "SEV9"`})
	l.Add(Diagnostic{Pos: a, Severity: Warning, Message: `value "with \"escapes\" inside" and "two"`})
	l.RedactLinesOf("secret/")
	want := []string{
		`possible AWS access key id "AKIA"…(20 chars)`, // the rule's own message is already redacted
		`severity: unknown level "[redacted]" (want "[redacted]", "[redacted]")`,
		`related: no postmortem has id "x"`, // another line
		`severity: unknown level "SEV9"`,    // another file
		`value "[redacted]" and "[redacted]"`,
	}
	for i, d := range l.Items() {
		if d.Message != want[i] {
			t.Errorf("message %d = %s, want %s", i, d.Message, want[i])
		}
	}
	if h := l.Items()[1].Hint; h != `did you mean "[redacted]"?` {
		t.Errorf("hint = %s", h)
	}
}

// TestSortIsTotal checks that Sort orders by every field, the hint last,
// so that two lists with the same problems in another order sort alike and
// an exact duplicate is dropped even when a problem differing only in its
// hint came between the two.
func TestSortIsTotal(t *testing.T) {
	p := Pos{Path: "a.md", Line: 3}
	x := Diagnostic{Pos: p, Severity: Error, Message: `unknown field "sevrity"`, Hint: `did you mean "severity"?`}
	y := Diagnostic{Pos: p, Severity: Error, Message: `unknown field "sevrity"`}
	for _, order := range [][]Diagnostic{{x, y, x}, {y, x, y, x}, {x, x, y}} {
		l := &List{}
		for _, d := range order {
			l.Add(d)
		}
		l.Sort()
		if got := l.Items(); len(got) != 2 || got[0] != y || got[1] != x {
			t.Errorf("%d diagnostics sorted to hints %q, want [\"\" %q]", len(order), hints(got), x.Hint)
		}
	}
}

func hints(ds []Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Hint
	}
	return out
}

// TestLine proves the first line of a problem carries its severity and
// rule, as lint writes it, for errors too (QA 14 A-F12).
func TestLine(t *testing.T) {
	for _, tt := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Pos: Pos{Path: "a.md", Line: 3}, Severity: Error, Message: "unknown severity"}, "a.md:3: error: unknown severity"},
		{Diagnostic{Pos: Pos{Path: "a.md", Line: 3}, Severity: Warning, Message: "no items", Rule: "completeness/action-items"}, "a.md:3: warning: no items [completeness/action-items]"},
		{Diagnostic{Pos: Pos{Path: "a.md"}, Severity: Error, Message: "too big", Rule: "files/size"}, "a.md: error: too big [files/size]"},
	} {
		if got := tt.d.Line(); got != tt.want {
			t.Errorf("Line() = %q, want %q", got, tt.want)
		}
	}
}
