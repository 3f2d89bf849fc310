package actions

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// splitList splits a CSV list cell as the README says to: at each ";"
// not escaped by a "\", "\;" and "\\" standing for ";" and "\".
func splitList(cell string) []string {
	if cell == "" {
		return nil
	}
	var out []string
	var b strings.Builder
	for i := 0; i < len(cell); i++ {
		switch c := cell[i]; {
		case c == '\\' && i+1 < len(cell):
			i++
			b.WriteByte(cell[i])
		case c == ';':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(out, b.String())
}

// TestCSVListsSplitBack checks that a team or system name holding the
// list separator ";" (or a "\") does not make the CSV's list cells
// ambiguous: "sre;oncall" was written as is, so `payments;sre;oncall`
// read as three teams where the page shows two (QA 16 D-F12). Every list
// cell splits back into the postmortem's names.
func TestCSVListsSplitBack(t *testing.T) {
	teams := []string{"payments", "team, with comma", "sre;oncall", `back\slash`, `end\`, ";", ""}
	systems := []string{`a\;b`, "plain"}
	p := &model.Postmortem{ID: "2024-05-01-x", Title: "x", Teams: teams, Systems: systems,
		ActionItems: []model.ActionItem{{ID: "AI-1", Title: "t", Owner: "o"}}}
	cfg := model.DefaultSiteConfig()
	kb := model.New(cfg, model.Date{Year: 2024, Month: 5, Day: 10}, []*model.Postmortem{p})
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Rows(kb, Filter{})); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cell := func(name string) string { return recs[1][slices.Index(recs[0], name)] }
	for _, c := range []struct {
		col  string
		want []string
	}{{"teams", teams}, {"systems", systems}, {"team_names", teams}} {
		if got := splitList(cell(c.col)); !slices.Equal(got, c.want) {
			t.Errorf("%s cell %q splits into %q, want %q", c.col, cell(c.col), got, c.want)
		}
	}
	if got := splitList(cell("team_urls")); len(got) != len(teams) {
		t.Errorf("team_urls cell %q splits into %d URLs, want %d", cell("team_urls"), len(got), len(teams))
	}
	if want := `payments;team, with comma;sre\;oncall;back\\slash;end\\;\;;`; cell("teams") != want {
		t.Errorf("teams cell %q, want %q", cell("teams"), want)
	}
}
