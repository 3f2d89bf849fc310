package lint

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestActionItemsWarningEchoesOnlyALevel checks that "… postmortem has no
// action items" names the severity only when it is written as a level:
// a severity holding anything else, even a pasted connection string with
// a password, is not repeated at line 1, where no secret rule masks it.
func TestActionItemsWarningEchoesOnlyALevel(t *testing.T) {
	for severity, want := range map[string]string{
		"SEV2": "SEV2 postmortem has no action items",
		"重大":   "重大 postmortem has no action items",
		"":     "postmortem has no action items",
		"SEV1 postgres://admin:Hunt3r2Secret@db.prod.acme.io/app": "postmortem has no action items",
		"SEV1\x1b[2J": "postmortem has no action items",
	} {
		list := lintOne(md(), pm(func(p *model.Postmortem) { p.Severity = severity }), nil, Config{})
		var got []string
		for _, d := range list.Items() {
			if d.Rule == "completeness/action-items" {
				got = append(got, d.Message)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("severity %q: %q, want [%q]", severity, got, want)
		}
		if strings.Contains(strings.Join(got, ""), "Hunt3r") {
			t.Errorf("severity %q: the warning repeats the password", severity)
		}
	}
}
