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
				if start, n, off := offTimeline(p); off {
					report(lineOf(p, "date"), fmt.Sprintf("date %s is %s timeline.started (%s)", p.Day(), daysApart(n), start),
						"date is the day the incident started; correct whichever of the two is wrong")
				}
			}),
		},
		{
			ID: "dates/file-name", Severity: warning,
			Doc: "A file whose name starts with YYYY-MM-DD has that day as its date:.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				if named, off := offFileName(f, p); off {
					report(lineOf(p, "date"), fmt.Sprintf("date %s disagrees with the file name %s (%s)", p.Day(), quote(path.Base(f.Path)), named),
						"correct date:, or rename the file")
				}
			}),
		},
		{
			ID: "dates/before-incident", Severity: warning,
			Doc: "No action item is due or closed before the incident's date.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				if p.Date.IsZero() {
					return
				}
				// A date: the two rules above already doubt would make
				// every item look early: one warning about date: is enough.
				if _, _, off := offTimeline(p); off {
					return
				}
				if _, off := offFileName(f, p); off {
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

// offTimeline reports whether p's date: is more than a day from the day
// timeline.started falls on (in its own offset), with that day and how
// many days date: lies before it. A day either way is the offset of the
// writer's zone against the timeline's, not a mistake.
func offTimeline(p *model.Postmortem) (start model.Date, n int, off bool) {
	if p.Date.IsZero() || p.Timeline.Started.IsZero() {
		return model.Date{}, 0, false
	}
	start = model.DateOf(p.Timeline.Started)
	n = p.Day().DaysUntil(start)
	return start, n, n > 1 || n < -1
}

// offFileName reports whether f's name starts with a YYYY-MM-DD other than
// p's date:, and that date.
func offFileName(f *File, p *model.Postmortem) (named model.Date, off bool) {
	name := path.Base(f.Path)
	if p.Date.IsZero() || len(name) < 10 {
		return model.Date{}, false
	}
	named, err := model.ParseDate(name[:10])
	return named, err == nil && named != p.Day()
}

// daysApart says how far a date is from a later (n > 0) or earlier day.
func daysApart(n int) string {
	if n > 0 {
		return fmt.Sprintf("%d days before", n)
	}
	return fmt.Sprintf("%d days after", -n)
}
