package generator_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
)

// checklistPath is a postmortem without action_items: that keeps its
// follow-ups as a checklist in the body (QA5 #14).
const checklistPath = "content/postmortems/2024/2024-07-15-checklist.md"

const checklistPostmortem = `---
title: Feature flags stale after a deploy
date: 2024-07-15
severity: SEV2
systems: [checkout-api]
causes: [bad-deploy]
impact: Some users saw old prices for 20 minutes.
timeline:
  started: 2024-07-15T09:00:00Z
  detected: 2024-07-15T09:05:00Z
  mitigated: 2024-07-15T09:20:00Z
  resolved: 2024-07-15T09:30:00Z
---

## Action items

- [ ] Add caching of flag values (@kim, due 2024-08-01)
`

// noActionItems returns the problems of list about checklistPath having no
// action items.
func noActionItems(list *diag.List) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range list.Items() {
		if d.Pos.Path == checklistPath && strings.Contains(d.Message, "no action items") {
			out = append(out, d)
		}
	}
	return out
}

// TestNoActionItemsReportedOnce checks that a postmortem without action
// items gets one warning, not a contract copy beside the lint rule, in
// pmkb lint and in a build; that the hint counts the body's checklist; and
// that a site's lint settings silence it in both.
func TestNoActionItemsReportedOnce(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rules string // the [lint] rules of pmkb.toml, appended
		want  int
	}{
		{"default", "", 1},
		{"rule off", `"completeness/action-items" = "off"`, 0},
		{"area off", `"completeness" = "off"`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := overlay(t, map[string]string{checklistPath: checklistPostmortem})
			if tc.rules != "" {
				src["pmkb.toml"] = &fstest.MapFile{Data: append(append([]byte{}, src["pmkb.toml"].Data...), "\n[lint]\nrules = { "+tc.rules+" }\n"...)}
			}
			list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday})
			if err != nil {
				t.Fatal(err)
			}
			got := noActionItems(list)
			if len(got) != tc.want {
				t.Fatalf("lint reports %d, want %d:\n%s", len(got), tc.want, list)
			}
			if tc.want == 1 {
				d := got[0]
				if d.Rule != "completeness/action-items" || d.Severity != diag.Warning || !strings.Contains(d.Hint, "the body has 1 task-list item under \"Action items\"") {
					t.Errorf("lint: %s [%s] hint %q", d, d.Rule, d.Hint)
				}
			}
			site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday})
			if err != nil {
				t.Fatal(err)
			}
			if got := noActionItems(site.Diagnostics); len(got) != tc.want {
				t.Errorf("build reports %d, want %d:\n%s", len(got), tc.want, site.Diagnostics)
			}
		})
	}
}
