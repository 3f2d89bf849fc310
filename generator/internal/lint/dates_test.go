package lint

import (
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// TestDateContradictions runs the QA5 A#16 repro: a file named 2024-03-14
// with date: 2024-04-14, a timeline on 2024-03-14 and an action item due
// 2024-02-01 gets one warning for each contradiction, with its words (sorted by rule, as Run sorts them).
func TestDateContradictions(t *testing.T) {
	p := pm(func(p *model.Postmortem) {
		p.Date, p.Lines["date"], p.Timeline = time.Date(2024, 4, 14, 0, 0, 0, 0, time.UTC), 3, fullTimeline
		p.ActionItems = []model.ActionItem{{ID: "AI-1", Title: "x", Owner: "b", Status: "open", Due: model.Date{Year: 2024, Month: 2, Day: 1}, Line: 20, Lines: map[string]int{"due": 22}}}
	})
	list := lintOne(md(), p, nil, Config{})
	var got []string
	for _, d := range list.Items() {
		if strings.HasPrefix(d.Rule, "dates/") {
			got = append(got, d.String())
		}
	}
	want := []string{
		`content/postmortems/2024/2024-03-14-test.md:3: warning: date 2024-04-14 disagrees with the file name "2024-03-14-test.md" (2024-03-14)`,
		`content/postmortems/2024/2024-03-14-test.md:3: warning: date 2024-04-14 is 31 days after timeline.started (2024-03-14)`,
		`content/postmortems/2024/2024-03-14-test.md:22: warning: action item "AI-1" is due 2024-02-01, before the incident (2024-04-14)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
