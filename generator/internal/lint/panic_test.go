package lint

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
)

// TestPanickingRuleIsThatFilesError checks bad-input case 7's last clause
// for lint: a rule that panics on one odd file becomes an error on that
// file, naming the rule, and the rules after it still run on it.
func TestPanickingRuleIsThatFilesError(t *testing.T) {
	out := &diag.List{}
	f := &File{Path: "content/postmortems/odd.md"}
	checkOne(f, Rule{ID: "test/panics", Check: func(*File, func(int, string, string)) { panic("index out of range [3]") }},
		func(int, string, string) {}, out)
	checkOne(f, Rule{ID: "test/reports", Check: func(_ *File, report func(int, string, string)) { report(2, "still checked", "") }},
		func(line int, msg, hint string) {
			out.Add(diag.Diagnostic{Pos: diag.Pos{Path: f.Path, Line: line}, Severity: diag.Warning, Message: msg})
		}, out)
	items := out.Items()
	if len(items) != 2 {
		t.Fatalf("diagnostics = %v, want the panic as an error and the next rule's finding", out)
	}
	got := items[0]
	if got.Severity != diag.Error || got.Pos.Path != f.Path || got.Rule != "test/panics" ||
		!strings.Contains(got.Message, "internal error in lint rule test/panics (please report it): index out of range [3]") {
		t.Errorf("panic reported as %+v", got)
	}
	if items[1].Message != "still checked" {
		t.Errorf("the next rule's finding is %+v", items[1])
	}
}
