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
				for _, m := range p.Timeline.Moments() {
					if future(model.DateOf(m.Time)) {
						report(lineOf(p, "timeline."+m.Name), fmt.Sprintf("timeline %s %s is after today (%s)", m.Name, m.Time.Format(time.RFC3339), f.Today), hint)
					}
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
			Doc: "No unquoted number with a trailing zero (version: 1.10) in front-matter: it is read as 1.1.",
			Check: func(f *File, report func(int, string, string)) {
				if f.fm != yamlFrontMatter && f.fm != tomlFrontMatter {
					return
				}
				f.eachLine([]lineKind{frontMatter}, func(n int, l string) {
					if m := versionFloatRE.FindStringSubmatch(l); m != nil {
						report(n, fmt.Sprintf("%s: %s is read as a number and loses its trailing zero", m[1], m[2]),
							"quote it: "+f.setting(m[1], m[2], model.QuotedValue))
					}
				})
			},
		},
	}
}
