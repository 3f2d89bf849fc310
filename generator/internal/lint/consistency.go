package lint

import (
	"fmt"
	"github.com/pmkb/pmkb/generator/diag"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// versionFloatRE finds an unquoted number with a trailing zero in YAML
// ("version: 1.10") or TOML ("version = 2.0"), which a parser reads as
// 1.1 or 2.
var versionFloatRE = regexp.MustCompile(`^\s*(?:-\s+)?"?([\w.-]+)"?\s*[:=]\s*(\d+\.\d*0)\s*(?:#.*)?$`)

func consistencyRules() []Rule {
	return []Rule{
		{
			ID: "links/related", Severity: errorSev,
			Doc: "Every id in related: names a postmortem of the knowledge base.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				if f.KB == nil {
					return
				}
				var ids []string
				for _, q := range f.KB.Postmortems {
					ids = append(ids, q.ID)
				}
				for _, r := range p.Related {
					if r == p.ID {
						report(lineOf(p, "related"), "related: names the postmortem itself", "remove "+quote(r)+" from related:")
						continue
					}
					if _, ok := f.KB.ByID(r); !ok {
						report(lineOf(p, "related"), "related postmortem "+quote(r)+" does not exist",
							suggest(r, ids, "use the id (file name without .md) of an existing postmortem"))
					}
				}
			}),
		},
		{
			ID: "catalog/system", Severity: errorSev,
			Doc: "When the site configures a systems catalog, every system is in it.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				if f.KB == nil || len(f.KB.Config.Systems) == 0 {
					return
				}
				var slugs []string
				for _, s := range f.KB.Config.Systems {
					slugs = append(slugs, s.Slug)
				}
				for _, s := range p.Systems {
					if !slices.Contains(slugs, s) {
						report(lineOf(p, "systems"), "system "+quote(s)+" is not in the systems catalog",
							suggest(s, slugs, "add it to the systems catalog in the site config"))
					}
				}
			}),
		},
		{
			ID: "catalog/cause", Severity: errorSev,
			Doc: "When the site configures a cause vocabulary, every cause is in it.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				if f.KB == nil || len(f.KB.Config.Causes) == 0 {
					return
				}
				var slugs []string
				for _, c := range f.KB.Config.Causes {
					slugs = append(slugs, c.Slug)
				}
				for _, c := range p.Causes {
					if !slices.Contains(slugs, c) {
						report(lineOf(p, "causes"), "cause "+quote(c)+" is not in the cause vocabulary",
							suggest(c, slugs, "add it to the causes in the site config, or pick an existing one"))
					}
				}
			}),
		},
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
			ID: "timeline/order", Severity: errorSev,
			Doc: "Timeline moments are in order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				ms := p.Timeline.Moments()
				for i := 1; i < len(ms); i++ {
					for j := 0; j < i; j++ {
						if ms[i].Time.Before(ms[j].Time) {
							report(lineOf(p, "timeline."+ms[i].Name),
								fmt.Sprintf("timeline %s (%s) is before %s (%s)", ms[i].Name, ms[i].Time.Format(time.RFC3339), ms[j].Name, ms[j].Time.Format(time.RFC3339)),
								"check the date and the UTC offset of both moments")
							break
						}
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
							fmt.Sprintf("quote it: %s: %q", m[1], m[2]))
					}
				})
			},
		},
	}
}

// suggest returns "did you mean …?" for the closest candidate within a small
// edit distance, or fallback.
func suggest(s string, candidates []string, fallback string) string {
	best, bestD := "", 4
	for _, c := range candidates {
		d := diag.EditDistance(strings.ToLower(s), strings.ToLower(c))
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(1, len([]rune(s))/3) {
		return fallback
	}
	return "did you mean " + quote(best) + "?"
}
