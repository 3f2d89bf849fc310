package lint

import (
	"fmt"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// versionFloatRE finds an unquoted number with a trailing zero in YAML
// ("version: 1.10") or TOML ("version = 2.0"), which a parser reads as
// 1.1 or 2.
var versionFloatRE = newLazyRegexp(`^\s*(?:-\s+)?"?([\w.-]+)"?\s*[:=]\s*(\d+\.\d*0)\s*(?:#.*)?$`)

func consistencyRules() []Rule {
	return []Rule{
		{
			ID: "dates/future", Severity: warning,
			Doc: "No incident date, timeline moment or closing date lies after today.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				if f.Today.IsZero() {
					return
				}
				future := func(d model.Date) bool { return !d.IsZero() && f.Today.Before(d) }
				const hint = "check the year and month; dates are YYYY-MM-DD"
				if !p.Date.IsZero() && future(p.Day()) {
					report(lineOf(p, "date"), fmt.Sprintf("date %s is after today (%s)", p.Day(), f.Today), hint)
				}
				// A moment's day is the day the page shows it on, in the
				// site's zone, not in the offset it was written with (QA
				// 17 B-F4).
				zone := time.UTC
				if f.KB != nil && f.KB.Config.TimeZone != nil {
					zone = f.KB.Config.TimeZone
				}
				for _, m := range p.Timeline.Moments() {
					shown := m.Time.In(zone)
					if !future(model.DateOf(shown)) {
						continue
					}
					moment := m.Time.Format(time.RFC3339)
					if shown.Format(time.RFC3339) != moment {
						moment += fmt.Sprintf(" (%s in %s)", shown.Format("2006-01-02 15:04"), zone)
					}
					report(lineOf(p, "timeline."+m.Name), fmt.Sprintf("timeline %s %s is after today (%s)", m.Name, moment, f.Today), hint)
				}
				for i := range p.ActionItems {
					a := &p.ActionItems[i]
					if future(a.Closed) {
						report(lineOrFM(a.FieldLine("closed"), p), fmt.Sprintf("action item %s was closed on %s, after today (%s)", quote(itemName(a, i)), a.Closed, f.Today), hint)
					}
				}
			}),
		},
		{
			ID: "frontmatter/unquoted-version", Severity: warning,
			Doc: "No unquoted number with a trailing zero (version: 1.10) in front-matter where it is read as a number, 1.1: a team's own field, or any field in TOML (pmkb's own fields keep a YAML value as written).",
			Check: func(f *File, report func(int, string, string)) {
				if f.fm != yamlFrontMatter && f.fm != tomlFrontMatter {
					return
				}
				var verbatim map[int]bool // made at the first number found
				f.eachLine([]lineKind{frontMatter}, func(n int, l string) {
					m := versionFloatRE.FindStringSubmatch(l)
					if m != nil && verbatim == nil {
						verbatim = verbatimLines(f)
					}
					if m != nil && !verbatim[n] {
						report(n, fmt.Sprintf("%s: %s is read as a number and loses its trailing zero", m[1], m[2]),
							"quote it: "+f.setting(m[1], m[2], model.QuotedValue))
					}
				})
			},
		},
	}
}

// verbatimLines are the lines of the YAML front-matter fields pmkb reads
// as text, which keep a number as written (title: 3.10 is "3.10"): every
// field of the contract and of an action item, but a team's own fields
// (Postmortem.Extra, and an action item's ActionItem.Extra, exported in
// the item's extra since QA 19 A-F9), which keep the number YAML reads.
// None for TOML, whose numbers are numbers whatever the field, nor when
// the file did not parse.
func verbatimLines(f *File) map[int]bool {
	lines := map[int]bool{}
	if f.fm != yamlFrontMatter || f.PM == nil {
		return lines
	}
	for name, n := range f.PM.Lines {
		if _, own := f.PM.Extra[name]; !own {
			lines[n] = true
		}
	}
	for i := range f.PM.ActionItems {
		a := &f.PM.ActionItems[i]
		for name, n := range a.Lines {
			if _, own := a.Extra[name]; !own {
				lines[n] = true
			}
		}
	}
	return lines
}
