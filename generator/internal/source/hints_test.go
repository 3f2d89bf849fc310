package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// hintBase is a valid postmortem; each case of TestValueHints replaces
// some of its lines.
var hintBase = []string{
	"---",                     // 1
	"title: Checkout 503s",    // 2
	"date: 2024-03-03",        // 3
	"severity: SEV2",          // 4
	"status: published",       // 5
	"visibility: internal",    // 6
	"systems: [checkout-api]", // 7
	"causes: [expired-cert]",  // 8
	"action_items:",           // 9
	"  - id: AI-1",            // 10
	"    title: Renew it",     // 11
	"    owner: ben",          // 12
	"    status: open",        // 13
	"    kind: prevent",       // 14
	"    due: 2024-04-01",     // 15
	"---",                     // 16
	"",
	"Body.",
}

// TestValueHints checks that a value that differs from an allowed one only
// in case, spacing or separators, or a date written in prose, is still an
// error but one that names the value to write (QA5 A#13).
func TestValueHints(t *testing.T) {
	const file = "content/postmortems/x.md"
	cases := []struct {
		name  string
		lines map[int]string
		want  string
	}{
		{"severity lower case", map[int]string{4: "severity: sev1"},
			`:4: unknown severity "sev1" (want one of "SEV1", "SEV2", "SEV3", "SEV4"); did you mean "SEV1"?`},
		{"severity with a space", map[int]string{4: "severity: Sev 1"},
			`:4: unknown severity "Sev 1" (want one of "SEV1", "SEV2", "SEV3", "SEV4"); did you mean "SEV1"?`},
		{"severity by its label", map[int]string{4: "severity: critical"},
			`:4: unknown severity "critical" (want one of "SEV1", "SEV2", "SEV3", "SEV4"); did you mean "SEV1"?`},
		{"severity as its number", map[int]string{4: "severity: 2"},
			`:4: unknown severity "2" (want one of "SEV1", "SEV2", "SEV3", "SEV4"); did you mean "SEV2"?`},
		{"severity as a full-width number", map[int]string{4: "severity: ３"},
			`:4: unknown severity "３" (want one of "SEV1", "SEV2", "SEV3", "SEV4"); did you mean "SEV3"?`},
		{"severity number of no level", map[int]string{4: "severity: 7"},
			`:4: unknown severity "7" (want one of "SEV1", "SEV2", "SEV3", "SEV4")`},
		{"systems not a list", map[int]string{7: "systems: checkout-api"},
			`:7: systems must be a list, e.g. systems: [checkout-api]`},
		{"systems with a closing bracket only", map[int]string{7: "systems: checkout-api, edge]"},
			`:7: systems must be a list, e.g. systems: [checkout-api, edge]`},
		// QA 14 A-F5: an input method's commas and brackets in a list.
		{"full-width comma in a list", map[int]string{7: "systems: [checkout-api， api-gateway]"},
			`:7: systems: a full-width comma '，' (U+FF0C) inside the list, which does not separate items; write systems: [checkout-api, api-gateway]`},
		{"ideographic comma in a list", map[int]string{8: "causes: [dns、config-change]"},
			`:8: causes: an ideographic comma '、' (U+3001) inside the list, which does not separate items; write causes: [dns, config-change]`},
		{"full-width comma in tags", map[int]string{7: "systems: [checkout-api]\ntags: [障害，DNS]"},
			`:8: tags: a full-width comma '，' (U+FF0C) inside the list, which does not separate items; write tags: [障害, DNS]`},
		{"full-width comma in teams, the other items kept", map[int]string{7: "systems: [checkout-api]\nteams: [core, payments， sre]"},
			`:8: teams: a full-width comma '，' (U+FF0C) inside the list, which does not separate items; write teams: [core, payments, sre]`},
		{"ideographic comma in a block list", map[int]string{8: "causes:\n  - expired-cert\n  - dns、config-change"},
			`:10: causes: an ideographic comma '、' (U+3001) inside the list, which does not separate items; write causes: [expired-cert, dns, config-change]`},
		{"full-width brackets", map[int]string{7: "systems: ［checkout-api］"},
			`:7: systems must be a list: full-width brackets '［' '］' (U+FF3B, U+FF3D) do not make one; write systems: [checkout-api]`},
		{"full-width brackets and comma", map[int]string{7: "systems: ［checkout-api， api-gateway］"},
			`:7: systems must be a list: full-width brackets '［' '］' (U+FF3B, U+FF3D) do not make one; write systems: [checkout-api, api-gateway]`},
		{"full-width closing bracket", map[int]string{7: "systems: [checkout-api］"},
			`:7: invalid YAML: the list opened at line 7 is not closed: '］' (U+FF3D) is a full-width bracket, which YAML does not read as one; write ]`},
		{"full-width comma without brackets", map[int]string{7: "systems: checkout-api， api-gateway"},
			`:7: systems must be a list, e.g. systems: [checkout-api, api-gateway]`},
		{"severity far from any", map[int]string{4: "severity: P0"},
			`:4: unknown severity "P0" (want one of "SEV1", "SEV2", "SEV3", "SEV4")`},
		{"document status capitalised", map[int]string{5: "status: Draft"},
			`:5: unknown status "Draft" (want one of "draft", "in-review", "published"); did you mean "draft"?`},
		{"document status is the incident's", map[int]string{5: "status: resolved"},
			`:5: unknown status "resolved" (want one of "draft", "in-review", "published"); status is the document's state (draft, in-review, published), not the incident's`},
		{"visibility capitalised", map[int]string{6: "visibility: Internal"},
			`:6: unknown visibility "Internal" (want one of "internal", "public"); did you mean "internal"?`},
		{"action status capitalised", map[int]string{13: "    status: Done"},
			`:13: action item "AI-1": unknown status "Done" (want one of "open", "in-progress", "done", "wont-do"); did you mean "done"?`},
		{"action status with capitals and a dash", map[int]string{13: "    status: In-Progress"},
			`:13: action item "AI-1": unknown status "In-Progress" (want one of "open", "in-progress", "done", "wont-do"); did you mean "in-progress"?`},
		{"action kind capitalised", map[int]string{14: "    kind: Prevent"},
			`:14: action item "AI-1": unknown kind "Prevent" (want one of "prevent", "detect", "mitigate", "process"); did you mean "prevent"?`},
		{"date in English prose", map[int]string{3: "date: March 3, 2024"},
			`:3: date: "March 3, 2024" is not a date (want YYYY-MM-DD or an RFC 3339 time); write 2024-03-03`},
		{"date with slashes", map[int]string{3: "date: 2024/03/05"},
			`:3: date: "2024/03/05" is not a date (want YYYY-MM-DD or an RFC 3339 time); write 2024-03-05`},
		{"date in Japanese", map[int]string{3: "date: 2025年3月1日"},
			`:3: date: "2025年3月1日" is not a date (want YYYY-MM-DD or an RFC 3339 time); write 2025-03-01`},
		{"ambiguous date gets no guess", map[int]string{3: "date: 03/05/2024"},
			`:3: date: "03/05/2024" is not a date (want YYYY-MM-DD or an RFC 3339 time)`},
		{"due date in prose", map[int]string{15: "    due: 1 April 2024"},
			`:15: action item "AI-1": due: "1 April 2024" is not a date (want YYYY-MM-DD); write 2024-04-01`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := append([]string(nil), hintBase...)
			for n, l := range c.lines {
				lines[n-1] = l
			}
			got := check(t, fstest.MapFS{file: {Data: []byte(strings.Join(lines, "\n"))}})
			if want := file + c.want; got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
	if got := check(t, fstest.MapFS{file: {Data: []byte(strings.Join(hintBase, "\n"))}}); got != "" {
		t.Errorf("the base is not valid:\n%s", got)
	}
}

// check loads and validates fsys and returns its diagnostics, one a line.
func check(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	cfg := model.DefaultSiteConfig()
	pms, diags := source.Load(fsys, &cfg)
	diags.Merge(validate.Postmortems(&cfg, pms, nil))
	diags.Sort()
	return strings.TrimSpace(diags.String())
}

// TestListExampleInTheFilesFormat checks that the example of a list that
// is written as a single value is in the file's front-matter format
// (qa9-a #6: a TOML file was told to write systems: [checkout-api]).
func TestListExampleInTheFilesFormat(t *testing.T) {
	const file = "content/postmortems/x.md"
	for _, tt := range []struct{ name, data, want string }{
		{"toml", "+++\ntitle = \"X\"\ndate = 2024-03-03\nseverity = \"SEV2\"\nsystems = \"checkout-api\"\ncauses = [\"dns\"]\n+++\n",
			file + `:5: systems must be a list, e.g. systems = ["checkout-api"]`},
		{"json", "{\n\"title\": \"X\",\n\"date\": \"2024-03-03\",\n\"severity\": \"SEV2\",\n\"systems\": [\"checkout-api\"],\n\"causes\": \"dns\"\n}\n",
			file + `:6: causes must be a list, e.g. "causes": ["dns"]`},
		{"toml, brackets in the quotes", "+++\ntitle = \"X\"\ndate = 2024-03-03\nseverity = \"SEV2\"\nsystems = \"[checkout-api]\"\ncauses = [\"dns\"]\n+++\n",
			file + `:5: systems must be a list, e.g. systems = ["checkout-api"]`},
		// QA 14 A-F5: the list to write is in the file's format too.
		{"toml, a full-width comma", "+++\ntitle = \"X\"\ndate = 2024-03-03\nseverity = \"SEV2\"\nsystems = [\"checkout-api\"]\ncauses = [\"dns\"]\ntags = [\"障害，DNS\"]\n+++\n",
			file + `:7: tags: a full-width comma '，' (U+FF0C) inside the list, which does not separate items; write tags = ["障害", "DNS"]`},
		{"json, two items in one", "{\n\"title\": \"X\",\n\"date\": \"2024-03-03\",\n\"severity\": \"SEV2\",\n\"systems\": [\"checkout-api\"],\n\"causes\": \"dns, config\"\n}\n",
			file + `:6: causes must be a list, e.g. "causes": ["dns", "config"]`},
	} {
		if got := check(t, fstest.MapFS{file: {Data: []byte(tt.data)}}); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
