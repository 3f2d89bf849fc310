package main

import (
	"strings"
	"testing"
)

// TestReportsAreTerminalSafe checks that what build and lint print about a
// postmortem never carries its control or bidirectional characters to the
// terminal: a severity holding ESC and U+202E, echoed in messages such as
// "… postmortem has no action items", in a file whose name holds them too.
func TestReportsAreTerminalSafe(t *testing.T) {
	evil := "\x1b[2J\u202e\u2066"
	pm := strings.Replace(okPM, "severity: SEV2", `severity: "SEV9`+`\u001b[2J\u202e"`, 1)
	pm = strings.Replace(pm, "title: Search index disk filled up", "title: \"Disk\\e[31m red\u202e\"", 1)
	root := site(t, map[string]string{
		"content/postmortems/2024/disk" + evil + ".md": pm,
		"content/postmortems/2024/bare.md":             strings.Replace(okPM[:strings.Index(okPM, "action_items:")], "severity: SEV2", `severity: "SEV3`+`\u001b[31m\u202e"`, 1) + "---\n\nBody.\n",
	})
	for _, cmd := range [][]string{{"build", "--source", root}, {"lint", "--source", root}} {
		_, out, errOut := pmkb(t, cmd...)
		got := out + errOut
		if !strings.Contains(got, "disk") || !strings.Contains(got, "SEV9") {
			t.Fatalf("%s does not report the evil file:\n%s", cmd[0], got)
		}
		if strings.ContainsAny(got, "\x1b\u202e\u2066") {
			t.Errorf("%s prints a control or bidi character to the terminal:\n%q", cmd[0], got)
		}
	}
}
