package model

import "testing"

// TestSyntaxSetting checks every kind of value in every syntax: each line
// is what a file in that syntax accepts.
func TestSyntaxSetting(t *testing.T) {
	for _, tc := range []struct {
		kind             ValueKind
		key, value       string
		yaml, toml, json string
	}{
		{TextValue, "id", "gate-way", `id: gate-way`, `id = "gate-way"`, `"id": "gate-way"`},
		{QuotedValue, "version", "1.10", `version: "1.10"`, `version = "1.10"`, `"version": "1.10"`},
		{DateValue, "due", "2026-12-01", `due: 2026-12-01`, `due = 2026-12-01`, `"due": "2026-12-01"`},
		{ListValue, "systems", "checkout-api", `systems: [checkout-api]`, `systems = ["checkout-api"]`, `"systems": ["checkout-api"]`},
	} {
		for syntax, want := range map[Syntax]string{SyntaxYAML: tc.yaml, SyntaxTOML: tc.toml, SyntaxJSON: tc.json} {
			if got := syntax.Setting(tc.key, tc.value, tc.kind); got != want {
				t.Errorf("syntax %d, kind %d: Setting(%q, %q) = %s, want %s", syntax, tc.kind, tc.key, tc.value, got, want)
			}
		}
	}
}

func TestActionItemField(t *testing.T) {
	if got, want := ActionItemField("2", "owner"), `action item "2": owner`; got != want {
		t.Errorf("ActionItemField = %s, want %s", got, want)
	}
}
