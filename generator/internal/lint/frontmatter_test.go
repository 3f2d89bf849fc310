package lint

import (
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestUnquotedVersionOnlyWhereReadAsANumber checks that
// frontmatter/unquoted-version warns where a number loses its trailing
// zero, a team's own YAML field (nested too) and any TOML field, and not
// on the YAML fields pmkb reads as text, which keep it (QA 12 F17: title:
// 3.10 was warned about, yet published as "3.10"). The postmortems are
// parsed, so that what the test says is kept is what pmkb reads.
func TestUnquotedVersionOnlyWhereReadAsANumber(t *testing.T) {
	cases := []struct {
		name, raw string
		title     string // the title read
		want      []int
	}{
		{"yaml", "---\ntitle: 3.10\ndate: 2024-03-14\nseverity: SEV3\nimpact: 2.50\nversion: 1.10\nrelease:\n  version: 2.0\naction_items:\n  - title: 2.0\n    owner: ben\n    id: 1.10\n---\n",
			"3.10", []int{6, 8}},
		// An action item's own field is kept as the number YAML reads
		// and exported in the item's extra (0ebbb3d), so it is warned as
		// a top-level one is; the item's id:, which pmkb reads as text,
		// is not (QA 19r F5).
		{"yaml action item's own fields", "---\ntitle: X\ndate: 2024-03-14\naction_items:\n  - id: 1.10\n    title: t\n    owner: ben\n    points: 3.0\n    version: 1.10\n    tracker:\n      v: 2.0\n  - title: u\n    owner: ann\n    version: \"1.10\"\n---\n",
			"X", []int{8, 9, 11}},
		{"toml", "+++\ntitle = 3.10\ndate = 2024-03-14\nseverity = \"SEV3\"\nversion = 1.10\n+++\n",
			"3.1", []int{2, 5}},
		// Not parsed: every line is suspect, as before.
		{"yaml that does not parse", "---\ntitle: 3.10\nseverity: [SEV3\n---\n", "", []int{2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := model.DefaultSiteConfig()
			p, _ := source.ParseFile("content/postmortems/2024/2024-03-14-test.md", []byte(c.raw), &cfg)
			if p != nil && p.Title != c.title {
				t.Errorf("title read as %q, want %q", p.Title, c.title)
			}
			var got []int
			for _, d := range lintOne(c.raw, p, nil, Config{}).Items() {
				if d.Rule == "frontmatter/unquoted-version" {
					got = append(got, d.Pos.Line)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("warned at %v, want %v", got, c.want)
			}
		})
	}
}

// TestUnquotedTextIsALoaderRule checks that the rule of the loader's
// warning of YAML text left out (QA 12 F1) is a rule lint lists, re-grades
// and silences: without it in loaderRules a site could not turn it off.
func TestUnquotedTextIsALoaderRule(t *testing.T) {
	raw := "---\n# pmkb-lint-ignore frontmatter/unquoted-text\ntitle: Checkout down after deploy #4512\nsummary: see #123\ndate: 2024-03-14\n---\n"
	cfg := model.DefaultSiteConfig()
	_, loaded := source.ParseFile("a.md", []byte(raw), &cfg)
	var ignored IgnoreComments
	ignored.Add("a.md", []byte(raw))
	for _, c := range []struct {
		rules map[string]string
		want  []string
	}{
		{nil, []string{"a.md:4 warning"}},
		{map[string]string{source.RuleUnquotedText: "error"}, []string{"a.md:4 error"}},
		{map[string]string{"frontmatter": "off"}, nil},
	} {
		var got []string
		for _, d := range (Config{Rules: c.rules}).Regrade(loaded, &ignored).Items() {
			if d.Rule == source.RuleUnquotedText {
				got = append(got, d.Pos.String()+" "+d.Severity.String())
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("rules %v: %q, want %q", c.rules, got, c.want)
		}
	}
}
