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

// TestOtherToolsKeyOfAnotherShape checks that another tool's name for a
// field is told only when its value has the shape pmkb's field takes
// (QA 17r R4): a list of text in actions:, a list or mapping in
// incident_commander:, a top-level started: that is no time, a number in
// description: are a team's own fields, which renamed as told were errors.
// And that what is told, written so, is accepted.
func TestOtherToolsKeyOfAnotherShape(t *testing.T) {
	for _, own := range []string{
		"actions: [restart, rollback]\n",
		"actions:\n  - name: restarted pods\n    by: bob\n",
		"follow_ups:\n  - call the vendor\n",
		"incident_commander: [alice, bob]\n",
		"incident_commander: {name: alice}\n",
		"started: yesterday\n",
		"started: true\n",
		"resolved: 2023-02-01\n",
		"description: 42\n",
		"excerpt: true\n",
	} {
		for _, g := range qa17(t, "2023-02-01-x.md", qa17Base+own+"---\nx\n") {
			if strings.Contains(g, "unknown field") || strings.Contains(g, "belongs") {
				t.Errorf("%q: advice for a team's own field: %s", own, g)
			}
		}
	}
	// The shapes told, and, written as told, no error.
	for _, tt := range []struct{ other, line, pmkb string }{
		{"actions:\n  - {title: x, owner: b}\n", `did you mean "action_items"?`, "action_items:\n  - {title: x, owner: b}\n"},
		{"incident_commander: bob\n", `did you mean "commander"?`, "commander: bob\n"},
		{"description: The gateway failed.\n", `did you mean "summary"?`, "summary: The gateway failed.\n"},
		{"started: 2023-02-01T10:00:00Z\n", `"  started: 2023-02-01T10:00:00Z"`, "timeline:\n  started: 2023-02-01T10:00:00Z\n"},
		{"started: 2023-02-01 10:00:00 +0100\n", `"  started: 2023-02-01T10:00:00+01:00"`, "timeline:\n  started: 2023-02-01T10:00:00+01:00\n"},
	} {
		expect(t, qa17(t, "2023-02-01-x.md", qa17Base+tt.other+"---\nx\n"), "7: warning: ", tt.line)
		for _, g := range qa17(t, "2023-02-01-x.md", qa17Base+tt.pmkb+"---\nx\n") {
			if strings.Contains(g, "error") {
				t.Errorf("%q written as told: %s", tt.other, g)
			}
		}
	}
}

// TestCurlyQuotedTeamKey checks that a team's own key in curly quotes
// (“jira”: OPS-12, autocorrected in Word or Confluence), which built
// before QA 17 A-F5, is a warning, not an error that stops the build, and
// that the message does not say pmkb would read it as jira, a field pmkb
// has not (QA 17r R5); a near miss of a known field names it; in
// timeline:, which holds only pmkb's moments, it stays an error.
func TestCurlyQuotedTeamKey(t *testing.T) {
	got := qa17(t, "2023-02-01-x.md", qa17Base+"“jira”: OPS-12\n“sumary”: s\naction_items:\n  - title: x\n    owner: b\n    “ticket”: OPS-13\n---\nx\n")
	expect(t, got, "7: warning: ", "“jira”", "curly quotes", "team's own field named “jira”", "write jira:")
	expect(t, got, "8: warning: ", "“sumary”", `did you mean "summary"?`, "write summary:")
	expect(t, got, "12: warning: ", `action item "1"`, "“ticket”", "has no field ticket")
	for _, g := range got {
		if strings.Contains(g, "error") || strings.Contains(g, "does not read it as") {
			t.Errorf("got %s", g)
		}
	}
	expect(t, qa17(t, "2023-02-01-x.md", qa17Base+"timeline:\n  “begun”: 2023-02-01T10:00:00Z\n---\nx\n"), "8: error: ", "“begun”", "not one of started")
}

// TestSlugAdviceIsAValidID checks that the id: the slug: advice says to
// write is one pmkb accepts (QA 17r R7: "write id: Payments Down", written
// so, was an error): the slug made valid as the id check proposes, its
// last segment when it has folders, without .html; and that written as
// told it gives no error. A slug that makes no id says so.
func TestSlugAdviceIsAValidID(t *testing.T) {
	for _, tt := range []struct{ slug, id string }{
		{`"checkout-down"`, "checkout-down"},
		{`"決済障害"`, "決済障害"},
		{`"Payments Down"`, "payments-down"},
		{`"posts/payments-down"`, "payments-down"},
		{`"/posts/payments-down/"`, "payments-down"},
		{`"payments_down.html"`, "payments_down"},
	} {
		expect(t, qa17(t, "2023-02-01-x.md", qa17Base+"slug: "+tt.slug+"\n---\nx\n"), "7: warning: ", `"slug"`, "write id: "+tt.id)
		for _, g := range qa17(t, "2023-02-01-x.md", qa17Base+"id: "+tt.id+"\n---\nx\n") {
			if strings.Contains(g, "error") {
				t.Errorf("slug %s written as told: %s", tt.slug, g)
			}
		}
	}
	got := qa17(t, "2023-02-01-x.md", qa17Base+"slug: \"--\"\n---\nx\n")
	expect(t, got, "7: warning: ", `"--" makes no id`, "the file name stays it")
	if has(got, "7: ", "write id") {
		t.Errorf("got %q, want no id to write", got)
	}
}

// TestTagsStringAdvice checks that tags: written as one string of words
// without commas is never only told as tags split at its spaces (QA 17r
// R9: tags: "Black Friday" was told "e.g. tags: [Black, Friday]", two tags
// where the author meant one): a quoted string, or one in TOML or JSON,
// is one tag; a plain one gets both readings, the one tag first, and
// Jekyll's list of several.
func TestTagsStringAdvice(t *testing.T) {
	for _, tt := range []struct{ tags, want, not string }{
		{`"Black Friday"`, "tags: [Black Friday]", "[Black, Friday]"},
		{`'payment gateway'`, "tags: [payment gateway]", "[payment, gateway]"},
		{"on call", "tags: [on call] for one tag, or tags: [on, call] for several", ""},
		{"決済 障害", "tags: [決済 障害] for one tag, or tags: [決済, 障害]", ""},
		{"outage dns payments", "tags: [outage dns payments] for one tag, or tags: [outage, dns, payments] for several, as Jekyll reads it", ""},
		{"outage, dns", "tags: [outage, dns]", "for one tag"},
		{"outage", "tags: [outage]", "for one tag"},
	} {
		got := qa17(t, "2023-02-01-x.md", qa17Base+"tags: "+tt.tags+"\n---\nx\n")
		expect(t, got, "7: error: ", "tags must be a list, e.g. "+tt.want)
		if tt.not != "" && has(got, "7: ", tt.not) {
			t.Errorf("tags: %s: got %q, holding %q", tt.tags, got, tt.not)
		}
	}
	got := qa17(t, "x.md", "+++\ntitle = \"x\"\ndate = 2023-02-01\nseverity = \"SEV2\"\nsystems = [\"a\"]\ncauses = [\"b\"]\ntags = \"on call\"\n+++\nx\n")
	expect(t, got, "7: error: ", `tags = ["on call"]`)
	if has(got, "7: ", `"on", "call"`) {
		t.Errorf("TOML tags = \"on call\": got %q", got)
	}
}
