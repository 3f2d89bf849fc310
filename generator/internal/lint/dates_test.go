package lint

import (
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestDateContradictions runs the QA5 A#16 repro: a file named 2024-03-14
// with date: 2024-04-14 and a timeline on 2024-03-14 gets one warning for
// each contradiction of date:, with its words (sorted by rule, as Run sorts
// them), and an action item due before a date: nothing contradicts gets
// its own.
func TestDateContradictions(t *testing.T) {
	item := model.ActionItem{ID: "AI-1", Title: "x", Owner: "b", Status: "open", Due: model.Date{Year: 2024, Month: 2, Day: 1}, Line: 20, Lines: map[string]int{"due": 22}}
	tests := []struct {
		name string
		date time.Time
		want []string
	}{
		{
			// A month typed wrong: the two rules about date: say so, and
			// the items are not also called early (QA6 #15: one typo gave
			// eight warnings).
			name: "date typo",
			date: time.Date(2024, 4, 14, 0, 0, 0, 0, time.UTC),
			want: []string{
				`content/postmortems/2024/2024-03-14-test.md:3: warning: date 2024-04-14 disagrees with the file name "2024-03-14-test.md" (2024-03-14)`,
				`content/postmortems/2024/2024-03-14-test.md:3: warning: date 2024-04-14 is 31 days after timeline.started (2024-03-14)`,
			},
		},
		{
			name: "item due before a consistent date",
			date: time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC),
			want: []string{
				`content/postmortems/2024/2024-03-14-test.md:22: warning: action item "AI-1" is due 2024-02-01, before the incident (2024-03-14)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pm(func(p *model.Postmortem) {
				p.Date, p.Lines["date"], p.Timeline = tt.date, 3, fullTimeline
				p.ActionItems = []model.ActionItem{item}
			})
			list := lintOne(md(), p, nil, Config{})
			var got []string
			for _, d := range list.Items() {
				if strings.HasPrefix(d.Rule, "dates/") {
					got = append(got, d.String())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
