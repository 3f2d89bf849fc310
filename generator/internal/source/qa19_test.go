package source_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// errorLines parses text as content/postmortems/x.md and returns the
// messages of its errors by line.
func errorLines(t *testing.T, text string) map[int][]string {
	t.Helper()
	cfg := model.DefaultSiteConfig()
	_, diags := source.ParseFile("content/postmortems/x.md", []byte(text), &cfg)
	got := map[int][]string{}
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			got[d.Pos.Line] = append(got[d.Pos.Line], d.Message)
		}
	}
	return got
}

// checkErrorLines checks that each line of want has an error starting with
// its text, and that no other line has one.
func checkErrorLines(t *testing.T, got map[int][]string, want map[int]string) {
	t.Helper()
	for line, w := range want {
		if !slices.ContainsFunc(got[line], func(m string) bool { return strings.HasPrefix(m, w) }) {
			t.Errorf("line %d: got %q, want %q", line, got[line], w)
		}
	}
	for line, ms := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected %q", line, ms)
		}
	}
}

// TestYAMLBlockValueOfTheWrongShapeAtItsKey: a YAML value that is a block
// mapping or list where text, a list or a mapping was wanted was reported
// at the line of its first entry, not at the key the message names, as
// TOML ([table]) and JSON ("key": {) report it (QA 19 A-F4). A flow value
// starts on its key's line anyway.
func TestYAMLBlockValueOfTheWrongShapeAtItsKey(t *testing.T) {
	text := strings.Join([]string{
		"---",                           // 1
		"title:",                        // 2
		"  text: A",                     // 3
		"date: 2024-03-14",              // 4
		"severity: SEV3",                // 5
		"systems:",                      // 6
		"  name: a",                     // 7
		"causes:",                       // 8
		"  - b",                         // 9
		"teams:",                        // 10
		"  lead: x",                     // 11
		"timeline:",                     // 12
		"  - 2024-03-14T09:12:00+09:00", // 13
		"impact: x",                     // 14
		"related:",                      // 15
		"  id: foo",                     // 16
		"summary: {a: b}",               // 17
		"action_items:",                 // 18
		"  - title: t",                  // 19
		"    owner:",                    // 20
		"      name: o",                 // 21
		"    due: 2024-04-01",           // 22
		"---",                           // 23
		"",
		"Body.",
	}, "\n")
	got := errorLines(t, text)
	want := map[int]string{
		2:  "title must be text, not a mapping",
		6:  "systems must be a list of text values, not a mapping",
		10: "teams must be a list of text values, not a mapping",
		12: "timeline must be a mapping of moments",
		15: "related must be a list of text values, not a mapping",
		17: "summary must be text, not a mapping",
		20: `action item "1": owner must be text, not a mapping`,
	}
	checkErrorLines(t, got, want)
}

// TestTOMLDottedKeysHaveTheirLines: TOML's dotted keys (timeline.started =
// …, as Hugo's docs write params.x = …) got no line of their own, so every
// problem in them was reported at the front matter's first line (QA 19
// A-F1); the [timeline] and inline-table forms were right.
func TestTOMLDottedKeysHaveTheirLines(t *testing.T) {
	text := strings.Join([]string{
		"+++",                   // 1
		`title = "Dotted keys"`, // 2
		"date = 2024-03-14",     // 3
		"timeline.started = 2024-03-14T09:12:00+09:00", // 4
		`timeline . "detected" = "yesterday"`,          // 5
		`severity = "SEV3"`,                            // 6
		`systems = ["a"]`,                              // 7
		`causes = ["b"]`,                               // 8
		`impact = "x"`,                                 // 9
		`timeline.'mitigated' = "soon"`,                // 10
		"+++",                                          // 11
		"",
		"Body.",
	}, "\n")
	got := errorLines(t, text)
	want := map[int]string{
		5:  `timeline.detected: "yesterday" is not a time`,
		10: `timeline.mitigated: "soon" is not a time`,
	}
	checkErrorLines(t, got, want)
}
