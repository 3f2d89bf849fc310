package lint

import (
	"fmt"
	"path"

	"github.com/pmkb/pmkb/generator/model"
)

// dateRules catch a date: that contradicts the rest of its file, the
// classic migration slip of a month typed wrong: the incident is then
// filed under the wrong month everywhere while its timeline, its file name
// and its action items tell another story.
func dateRules() []Rule {
	return []Rule{
		{
			ID: "dates/timeline-start", Severity: warning,
			Doc: "date: is the day timeline.started falls on (in its own offset), give or take a day.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				started := p.Timeline.Started
				if p.Date.IsZero() || started.IsZero() {
					return
				}
				// A day either way is the offset of the writer's zone
				// against the timeline's, not a mistake.
				day, start := p.Day(), model.DateOf(started)
				if n := day.DaysUntil(start); n > 1 || n < -1 {
					report(lineOf(p, "date"), fmt.Sprintf("date %s is %s timeline.started (%s)", day, daysApart(n), start),
						"date is the day the incident started; correct whichever of the two is wrong")
				}
			}),
		},
		{
			ID: "dates/file-name", Severity: warning,
			Doc: "A file whose name starts with YYYY-MM-DD has that day as its date:.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				name := path.Base(f.Path)
				if p.Date.IsZero() || len(name) < 10 {
					return
				}
				named, err := model.ParseDate(name[:10])
				if err != nil || named == p.Day() {
					return
				}
				report(lineOf(p, "date"), fmt.Sprintf("date %s disagrees with the file name %s (%s)", p.Day(), quote(name), named),
					"correct date:, or rename the file")
			}),
		},
		{
			ID: "dates/before-incident", Severity: warning,
			Doc: "No action item is due or closed before the incident's date.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				if p.Date.IsZero() {
					return
				}
				day := p.Day()
				const hint = "check the year and month of the two dates; dates are YYYY-MM-DD"
				for i := range p.ActionItems {
					a := &p.ActionItems[i]
					if !a.Due.IsZero() && a.Due.Before(day) {
						report(lineOrFM(a.FieldLine("due"), p), fmt.Sprintf("action item %s is due %s, before the incident (%s)", quote(itemName(a, i)), a.Due, day), hint)
					}
					if !a.Closed.IsZero() && a.Closed.Before(day) {
						report(lineOrFM(a.FieldLine("closed"), p), fmt.Sprintf("action item %s was closed on %s, before the incident (%s)", quote(itemName(a, i)), a.Closed, day), hint)
					}
				}
			}),
		},
	}
}

// daysApart says how far a date is from a later (n > 0) or earlier day.
func daysApart(n int) string {
	if n > 0 {
		return fmt.Sprintf("%d days before", n)
	}
	return fmt.Sprintf("%d days after", -n)
}
