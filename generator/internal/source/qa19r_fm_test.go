package source_test

import (
	"slices"
	"strings"
	"testing"
)

// TestRepeatedTagOrTeamInAnotherSpelling checks that a tag or team that
// makes the page one the list has already (a tag in another case or
// width, DNS and ＤＮＳ after dns; a team whose page name is another's,
// Core after core) is a repeat: the first spelling is kept and the others
// are left out with a warning at their line, in YAML, TOML and JSON alike
// (QA 19r F6: no warning, and the page showed three tag chips dns, DNS,
// ＤＮＳ that all led to /tags/dns/). Tags that only slugify alike (C++
// and C#) are different tags with pages apart, and authors, who have no
// page, are kept as written.
func TestRepeatedTagOrTeamInAnotherSpelling(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"yaml", "---\n" +
			"title: A\n" + // 2
			"date: 2024-03-14\n" +
			"severity: SEV3\n" +
			"tags: [dns, DNS, ＤＮＳ, DNS, C++, C#, dns]\n" + // 5
			"teams:\n" +
			"  - core\n" +
			"  - Core\n" + // 8
			"  - on call\n" +
			"  - On-Call\n" + // 10
			"authors: [ben, Ben]\n" +
			"---\nx\n"},
		{"toml", "+++\n" +
			"title = \"A\"\n" +
			"date = 2024-03-14\n" +
			"severity = \"SEV3\"\n" +
			"tags = [\"dns\", \"DNS\", \"ＤＮＳ\", \"DNS\", \"C++\", \"C#\", \"dns\"]\n" +
			"teams = [\n" +
			"  \"core\",\n" +
			"  \"Core\",\n" +
			"  \"on call\",\n" +
			"  \"On-Call\",\n" +
			"]\n" +
			"authors = [\"ben\", \"Ben\"]\n" +
			"+++\nx\n"},
		{"json", "{\n" +
			"\"title\": \"A\",\n" +
			"\"date\": \"2024-03-14\",\n" +
			"\"severity\": \"SEV3\",\n" +
			"\"tags\": [\"dns\", \"DNS\", \"ＤＮＳ\", \"DNS\", \"C++\", \"C#\", \"dns\"],\n" +
			"\"teams\": [\n" +
			"  \"core\",\n" +
			"  \"Core\",\n" +
			"  \"on call\",\n" +
			"  \"On-Call\"\n" +
			"],\n" +
			"\"authors\": [\"ben\", \"Ben\"]\n" +
			"}\n\nx\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, got := parse19(t, "2024-03-14-a.md", tt.text)
			if p == nil {
				t.Fatalf("not parsed: %q", got)
			}
			if want := []string{"dns", "C++", "C#"}; !slices.Equal(p.Tags, want) {
				t.Errorf("tags %q, want %q", p.Tags, want)
			}
			if want := []string{"core", "on call"}; !slices.Equal(p.Teams, want) {
				t.Errorf("teams %q, want %q", p.Teams, want)
			}
			if want := []string{"ben", "Ben"}; !slices.Equal(p.Authors, want) {
				t.Errorf("authors %q, want %q", p.Authors, want)
			}
			// The team items are on lines of their own: the one kept
			// after a left-out one is still found at its line.
			if l := p.Lines["teams[1]"]; l != 9 {
				t.Errorf("teams[1] (on call) at line %d, want 9", l)
			}
			want := []string{
				`5: warning: tags: "DNS" (2 times) is the same tag as "dns", which the list has already; the repeats are left out: delete them`,
				`5: warning: tags: "ＤＮＳ" is the same tag as "dns", which the list has already; the repeat is left out: delete it`,
				`5: warning: tags lists "dns" twice; the repeat is left out: delete it`,
				`8: warning: teams: "Core" is the same team as "core", which the list has already; the repeat is left out: delete it`,
				`10: warning: teams: "On-Call" is the same team as "on call", which the list has already; the repeat is left out: delete it`,
			}
			if !slices.Equal(got, want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
