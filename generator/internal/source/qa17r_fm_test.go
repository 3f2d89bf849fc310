package source_test

import (
	"strings"
	"testing"
)

// TestOtherToolsKeyBesidePmkbs checks that another tool's name for a
// field gets no did-you-mean when the front matter sets pmkb's field too:
// it is then a team's own field, and renaming it as told was a duplicate
// key error (QA 17r R3: description: beside summary:, sev: beside
// severity:, a top-level detected: beside timeline.detected).
func TestOtherToolsKeyBesidePmkbs(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"description", qa17Base + "summary: s\ndescription: Checkout API down for EU customers\n"},
		{"excerpt", qa17Base + "excerpt: e\nsummary: s\n"},
		{"sev", qa17Base + "sev: high\n"},
		{"incident_commander", qa17Base + "commander: alice\nincident_commander: bob\n"},
		{"follow_ups", qa17Base + "follow_ups:\n  - {title: x, owner: b}\naction_items:\n  - {title: y, owner: c}\n"},
		{"detected", qa17Base + "timeline:\n  detected: 2023-02-01T10:05:00Z\ndetected: 2023-02-01T10:07:00Z\n"},
		{"slug", qa17Base + "id: payments-down\nslug: payments-down-feb\n"},
		{"toml started", "+++\ntitle = \"x\"\ndate = 2023-02-01\nseverity = \"SEV2\"\nsystems = [\"a\"]\ncauses = [\"b\"]\nstarted = 2023-02-01T10:00:00Z\n[timeline]\nstarted = 2023-02-01T10:00:00Z\n+++\nx\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text
			if !strings.HasPrefix(text, "+++") {
				text += "---\nx\n"
			}
			for _, g := range qa17(t, "2023-02-01-x.md", text) {
				if strings.Contains(g, "unknown field") || strings.Contains(g, "belongs") {
					t.Errorf("advice to rename a team's own field: %s", g)
				}
			}
		})
	}
}
