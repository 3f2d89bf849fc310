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
