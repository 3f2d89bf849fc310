package lint_test

import (
	"os"

	"github.com/pmkb/pmkb/generator/internal/lint"
	"github.com/pmkb/pmkb/generator/model"
)

// A published postmortem with a leftover placeholder, blaming words and a
// customer's e-mail; the phone number is silenced on its line, and the
// example AWS key passes.
func ExampleRun() {
	raw := `---
title: Checkout failed after a config push
status: published
---

## Summary

TODO: two sentences.
The root cause was human error: a careless edit.
Reported by mika.sato@acme.co.jp; key AKIAIOSFODNN7EXAMPLE in the runbook.
Call 090-3141-5926 <!-- pmkb-lint-ignore pii/phone -->
`
	f := &lint.File{Path: "content/postmortems/2024/2024-03-14-config.md", Raw: []byte(raw)}
	list := lint.Run([]*lint.File{f}, nil, lint.Config{}, model.Date{Year: 2024, Month: 4, Day: 1})
	lint.WriteText(os.Stdout, list)
	// Output:
	// content/postmortems/2024/2024-03-14-config.md:8: error: published postmortem still has template placeholder "TODO: two sentences." [completeness/placeholder]
	//     hint: replace the TODO with real text, or set status: draft until it is done
	// content/postmortems/2024/2024-03-14-config.md:9: warning: "careless" reads as blame; a blameless postmortem keeps people safe to tell the whole story [blameless/blame]
	//     hint: describe the missing safeguard instead of the person's attention or skill
	// content/postmortems/2024/2024-03-14-config.md:9: warning: "human error" names a person's mistake as the cause; it usually hides what in the system let it happen [blameless/human-error]
	//     hint: ask what made the mistake possible or likely (no guard-rail, confusing tool, missing review) and name that instead
	// content/postmortems/2024/2024-03-14-config.md:10: warning: e-mail address "mika"…(20 chars) is personal data [pii/email]
	//     hint: remove it or write the role instead ("the on-call engineer", "a customer"); use example.com in examples
}
