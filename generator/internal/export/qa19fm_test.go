package export

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// extraOf parses text as content/postmortems/<name> and returns the
// "extra" object of its entry in api/postmortems.json, as written there.
func extraOf(t *testing.T, name, text string) string {
	t.Helper()
	cfg := model.DefaultSiteConfig()
	p, d := source.ParseFile("content/postmortems/"+name, []byte(text), &cfg)
	if p == nil || d.HasErrors() {
		t.Fatalf("%s: %v", name, d.Items())
	}
	kb := model.New(cfg, actionstest.Today, []*model.Postmortem{p})
	var doc struct {
		Postmortems []struct {
			Extra json.RawMessage `json:"extra"`
		} `json:"postmortems"`
	}
	if err := json.Unmarshal(files(t, kb, opts)[PostmortemsAPIPath], &doc); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(doc.Postmortems[0].Extra)), " ")
}

// TestJSONTeamNumbersAsWritten checks that a team's own number in a JSON
// front matter reaches api/postmortems.json's extra as written: "version":
// 1.10 stays 1.10 and 1000.0 stays 1000.0 (QA 19 A-F3: they became 1.1 and
// 1000 without a word, while YAML and TOML warn about it), in a list and
// a mapping too, and a number too big for an int64 keeps its digits.
func TestJSONTeamNumbersAsWritten(t *testing.T) {
	got := extraOf(t, "2024-03-14-a.md", "{\n"+
		"\"title\": \"A\",\n\"date\": \"2024-03-14\",\n\"severity\": \"SEV3\",\n"+
		"\"systems\": [\"a\"],\n\"causes\": [\"b\"],\n"+
		"\"version\": 1.10,\n\"ratio\": 1000.0,\n\"n\": 7,\n\"big\": 123456789012345678901234567890,\n"+
		"\"list\": [1.50, 2],\n\"map\": {\"x\": 0.10}\n}\n\nBody.\n")
	want := `{ "big": 123456789012345678901234567890, "list": [ 1.50, 2 ], "map": { "x": 0.10 }, "n": 7, "ratio": 1000.0, "version": 1.10 }`
	if got != want {
		t.Errorf("extra\n got %s\nwant %s", got, want)
	}
}

// TestActionItemTeamFields checks that a team's own field on an action
// item reaches api/postmortems.json, in the item's extra after its other
// keys, from YAML, TOML and JSON alike, and that an item without one has
// extra {} (QA 19 A-F9: custom_ai: 7 and jira_epic: were read without a
// word and dropped from every export, though the contract keeps a team's
// own fields and exports them).
func TestActionItemTeamFields(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"yaml", "---\ntitle: A\ndate: 2024-03-14\nseverity: SEV3\nsystems: [a]\ncauses: [b]\naction_items:\n" +
			"  - {title: x, owner: o}\n  - title: y\n    owner: o\n    custom_ai: 7\n    jira_epic: PAY-1\n---\nx\n"},
		{"toml", "+++\ntitle = \"A\"\ndate = 2024-03-14\nseverity = \"SEV3\"\nsystems = [\"a\"]\ncauses = [\"b\"]\n" +
			"[[action_items]]\ntitle = \"x\"\nowner = \"o\"\n[[action_items]]\ntitle = \"y\"\nowner = \"o\"\ncustom_ai = 7\njira_epic = \"PAY-1\"\n+++\nx\n"},
		{"json", "{\n\"title\": \"A\",\n\"date\": \"2024-03-14\",\n\"severity\": \"SEV3\",\n\"systems\": [\"a\"],\n\"causes\": [\"b\"],\n" +
			"\"action_items\": [{\"title\": \"x\", \"owner\": \"o\"},\n{\"title\": \"y\", \"owner\": \"o\", \"custom_ai\": 7, \"jira_epic\": \"PAY-1\"}]\n}\n\nx\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := model.DefaultSiteConfig()
			p, d := source.ParseFile("content/postmortems/2024-03-14-a.md", []byte(tt.text), &cfg)
			if p == nil || d.HasErrors() {
				t.Fatalf("%v", d.Items())
			}
			kb := model.New(cfg, actionstest.Today, []*model.Postmortem{p})
			api := string(files(t, kb, opts)[PostmortemsAPIPath])
			for _, want := range []string{
				"\"days_overdue\": 0,\n          \"extra\": {}\n        },",
				"\"days_overdue\": 0,\n          \"extra\": {\n            \"custom_ai\": 7,\n            \"jira_epic\": \"PAY-1\"\n          }\n        }\n      ],",
			} {
				if !strings.Contains(api, want) {
					t.Errorf("api/postmortems.json lacks\n%s\nin\n%s", want, api)
				}
			}
		})
	}
}
