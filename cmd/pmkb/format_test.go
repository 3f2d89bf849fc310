package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestTextOrJSON checks stats and search take --format text|json like lint
// and actions, with --json as its shorthand, and refuse a bad or
// contradictory choice.
func TestTextOrJSON(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/disk.md": okPM})
	for _, cmd := range [][]string{{"stats"}, {"search", "disk"}} {
		run := func(flags ...string) (int, string, string) {
			args := append([]string{cmd[0], "--source", root}, flags...)
			return pmkb(t, append(args, cmd[1:]...)...)
		}
		for _, flags := range [][]string{{"--json"}, {"--format", "json"}, {"--format=json", "--json"}, {"--format", "JSON"}} {
			code, out, errOut := run(flags...)
			if code != 0 || !json.Valid([]byte(out)) {
				t.Errorf("%s %s: exit %d, not JSON:\n%s\n%s", cmd[0], flags, code, out, errOut)
			}
		}
		for _, flags := range [][]string{nil, {"--format", "text"}} {
			code, out, errOut := run(flags...)
			if code != 0 || json.Valid([]byte(out)) || out == "" {
				t.Errorf("%s %s: exit %d, want text:\n%s\n%s", cmd[0], flags, code, out, errOut)
			}
		}
		for _, c := range []struct {
			flags []string
			want  string
		}{
			{[]string{"--format", "yaml"}, "pmkb " + cmd[0] + `: --format "yaml" is not a format (want text, json)` + "\nRun \"pmkb help " + cmd[0] + "\" for its flags.\n"},
			{[]string{"--format", "jsn"}, "pmkb " + cmd[0] + `: --format "jsn" is not a format (want text, json); did you mean "json"?` + "\nRun \"pmkb help " + cmd[0] + "\" for its flags.\n"},
			{[]string{"--format", "text", "--json"}, "pmkb: --json contradicts --format text\n"},
		} {
			code, out, errOut := run(c.flags...)
			if code != 2 || out != "" || !strings.HasSuffix(errOut, c.want) {
				t.Errorf("%s %s: exit %d, stderr:\n%s\nwant %q", cmd[0], c.flags, code, errOut, c.want)
			}
		}
	}
}
