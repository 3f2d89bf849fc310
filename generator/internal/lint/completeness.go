package lint

import (
	"fmt"
	"strings"

	"github.com/pmkb/pmkb/generator/model"
)

// PlaceholderMarker is the text the new-postmortem templates put wherever
// the writer still has to fill something in. A published postmortem that
// still contains it outside code blocks is reported, and one in review
// gets a warning.
const PlaceholderMarker = "TODO"

var placeholderRE = newLazyRegexp(`\b` + PlaceholderMarker + `\b`)

// impactHeadingRE finds an "Impact" section in the body, which counts as
// stating the impact when the front-matter field is empty.
var impactHeadingRE = newLazyRegexp(`(?im)^#{1,6}\s*(impact|customer impact|影響|影響範囲)\s*#*\s*$`)

func completenessRules() []Rule {
	return []Rule{
		{
			ID: "completeness/timeline", Severity: warning,
			Doc: "A high-severity (the two worst levels) postmortem records when the incident started, was detected, mitigated and resolved.",
			KB:  true,
			Check: highSeverity(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				var missing []string
				for _, m := range []struct {
					name string
					set  bool
				}{
					{"started", !p.Timeline.Started.IsZero()},
					{"detected", !p.Timeline.Detected.IsZero()},
					{"mitigated", !p.Timeline.Mitigated.IsZero()},
					{"resolved", !p.Timeline.Resolved.IsZero()},
				} {
					if !m.set {
						missing = append(missing, m.name)
					}
				}
				switch {
				case len(missing) == 4:
					report(lineOf(p, "timeline"), p.Severity+" postmortem has no timeline",
						"add timeline: with started, detected, mitigated and resolved times; they give time to detect and resolve")
				case len(missing) > 0:
					report(lineOf(p, "timeline"), p.Severity+" postmortem's timeline has no "+strings.Join(missing, ", "),
						"add the missing moments to timeline: (RFC 3339 times)")
				}
			}),
		},
		{
			ID: "completeness/impact", Severity: warning,
			Doc: "A high-severity postmortem states its customer impact, in impact: or an Impact section.",
			KB:  true,
			Check: highSeverity(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				if strings.TrimSpace(p.Impact) == "" && !impactHeadingRE.MatchString(p.Body) {
					report(lineOf(p, "impact"), p.Severity+" postmortem does not say what the impact was",
						"add impact: with who was affected, how much and for how long")
				}
			}),
		},
		{
			ID: "completeness/action-items", Severity: warning,
			Doc: "A postmortem that is not a draft has at least one action item (a draft, once it has an action_items: key).",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				// Items written that the loader could not read (an item
				// written as a string) are its error already (QA 14 A-F19).
				if len(p.ActionItems) > 0 || f.writtenList(p.Lines["action_items"]) {
					return
				}
				if _, ok := p.Lines["action_items"]; !ok && p.Status == model.StatusDraft {
					return
				}
				msg := "postmortem has no action items"
				// Only a value written as a level is echoed: the
				// severity may be anything, even a pasted secret.
				if levelLike.MatchString(p.Severity) {
					msg = p.Severity + " " + msg
				}
				hint := "add action_items: with what will keep this from happening again, each with an owner and a due date"
				if n, heading := f.bodyTaskItems(); n == 1 {
					hint = fmt.Sprintf("the body has 1 task-list item under %s; move it to action_items: (title, owner, due) so it is tracked on /actions/", quote(heading))
				} else if n > 1 {
					hint = fmt.Sprintf("the body has %d task-list items under %s; move them to action_items: (title, owner, due) so they are tracked on /actions/", n, quote(heading))
				}
				report(lineOf(p, "action_items"), msg, hint)
			}),
		},
		{
			ID: "completeness/action-due", Severity: warning,
			Doc: "Every open or in-progress action item has a due date.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				for i := range p.ActionItems {
					a := &p.ActionItems[i]
					// An unknown status or a due date that is not a date
					// is already an error of the contract.
					open := a.Status == model.ActionOpen || a.Status == model.ActionInProgress
					if open && a.Due.IsZero() && !f.hasValue(a.Lines["due"]) {
						report(lineOrFM(a.FieldLine("due"), p), "action item "+quote(itemName(a, i))+" is "+a.Status+" and has no due date",
							"add "+f.setting("due", "YYYY-MM-DD", model.DateValue)+" so it shows up when overdue")
					}
				}
			}),
		},
		{
			ID: "completeness/placeholder", Severity: errorSev,
			Doc: "A published postmortem contains no " + PlaceholderMarker + " placeholder left from the template; one in review, which the site shows too, gets a warning for each.",
			// An in-review postmortem is on the site, its placeholders
			// too (QA 14 A-F3), but is still being finished.
			WarnIn: func(f *File) bool { return f.status() == model.StatusInReview },
			Check: func(f *File, report func(int, string, string)) {
				what := "published postmortem"
				switch f.status() {
				case model.StatusPublished:
				case model.StatusInReview:
					what = "postmortem in review"
				default:
					return
				}
				contract := contractPlaceholders(f.PM)
				f.eachLine(textLines, func(n int, l string) {
					if strings.Contains(l, PlaceholderMarker) && placeholderRE.MatchString(l) && !strings.Contains(l, "pmkb-lint-ignore") && !contract[n] {
						msg := what + " still has template placeholder "
						if f.holdsSecret(n) {
							// The secret rules report it redacted; a quote
							// of the line would show it whole.
							msg += PlaceholderMarker
						} else {
							msg += quote(excerpt(l))
						}
						report(n, msg, "replace the "+PlaceholderMarker+" with real text, or set "+f.setting("status", "draft", model.TextValue)+" until it is done")
					}
				})
			},
		},
	}
}

// contractPlaceholders returns the lines of p's action item fields whose
// value is a placeholder but must be one of a fixed set (status: TODO): the
// content contract reports them, saying TODO is a placeholder, so this rule
// does not report them a second time.
func contractPlaceholders(p *model.Postmortem) map[int]bool {
	lines := map[int]bool{}
	if p == nil {
		return lines
	}
	for _, a := range p.ActionItems {
		for field, v := range map[string]string{"status": a.Status, "priority": a.Priority, "kind": a.Kind} {
			if l, ok := a.Lines[field]; ok && placeholderRE.MatchString(v) {
				lines[l] = true
			}
		}
	}
	return lines
}

// actionHeadingRE matches a Markdown heading whose text names action items
// ("## Action items", "### Follow-up action items", "## アクションアイテム",
// and the other usual Japanese headings of that list: 対策, 再発防止策,
// 今後の対応, 改善策). 対策 counts only as the heading's last word, alone or
// as 恒久対策 or 今後の対策 ("## 5. 対策"): 暫定対策 is the mitigation taken
// during the incident, not the follow-ups.
var actionHeadingRE = newLazyRegexp(`(?i)^ {0,3}(#{1,6})[ \t]+(.*?(?:action[ \t-]*items|アクションアイテム|再発防止|今後の対応|改善策).*?|(?:.*?[ \t:：])?(?:恒久|今後の)?対策)[ \t#]*$`)

// headingRE matches any ATX heading, capturing its level.
var headingRE = newLazyRegexp(`^ {0,3}(#{1,6})(?:[ \t]|$)`)

// taskItemRE matches a task-list item ("- [ ] Add caching", "* [x] Done").
var taskItemRE = newLazyRegexp(`^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\][ \t]`)

// bodyTaskItems counts the task-list items written in the body under a
// heading that names action items (up to the next heading of the same or a
// higher level), and returns the first such heading's text: teams that
// migrate keep their follow-ups as a checklist there.
func (f *File) bodyTaskItems() (n int, heading string) {
	level := 0 // of the action-items heading we are under; 0: none
	f.eachLine([]lineKind{prose}, func(_ int, l string) {
		if m := headingRE.FindStringSubmatch(l); m != nil {
			if level > 0 && len(m[1]) > level {
				return // a sub-heading of the section
			}
			level = 0
			if a := actionHeadingRE.FindStringSubmatch(l); a != nil {
				level = len(a[1])
				if heading == "" {
					heading = strings.TrimSpace(a[2])
				}
			}
			return
		}
		if level > 0 && taskItemRE.MatchString(l) {
			n++
		}
	})
	return n, heading
}

// withPM adapts a check that needs the parsed postmortem; files that did
// not parse are skipped.
func withPM(check func(f *File, p *model.Postmortem, report func(int, string, string))) func(*File, func(int, string, string)) {
	return func(f *File, report func(int, string, string)) {
		if f.PM != nil {
			check(f, f.PM, report)
		}
	}
}

// highSeverity adapts a check that applies only to the two worst
// configured severity levels; a rule using it reads the knowledge base
// (set Rule.KB).
func highSeverity(check func(f *File, p *model.Postmortem, report func(int, string, string))) func(*File, func(int, string, string)) {
	return withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
		cfg := model.DefaultSiteConfig()
		if f.KB != nil && len(f.KB.Config.Severities) > 0 {
			cfg = f.KB.Config
		}
		if rank, ok := cfg.SeverityRank(p.Severity); ok && rank < 2 {
			check(f, p, report)
		}
	})
}

// lineOf is the line of a front-matter field, or of the front-matter when
// the field is absent, never 0 for a parsed file.
func lineOf(p *model.Postmortem, field string) int { return lineOrFM(p.Line(field), p) }

func lineOrFM(line int, p *model.Postmortem) int {
	if line > 0 {
		return line
	}
	return max(p.FrontMatterLine, 1)
}

// itemName names an action item in messages as the loader and the
// contract validation do: by its id, which defaults to its 1-based
// position.
func itemName(a *model.ActionItem, i int) string {
	if a.ID != "" {
		return a.ID
	}
	return itoa(i + 1)
}

// hasValue reports whether 1-based line n of the front-matter is a
// "key: value" (or "key = value") line with a value, as opposed to no line
// (0) or a key left empty ("due:", "due: \"\"", "due = null").
func (f *File) hasValue(n int) bool {
	if n <= 0 || n > f.numLines() {
		return false
	}
	l := f.line(n)
	i := strings.IndexAny(l, ":=")
	if i < 0 {
		return false
	}
	v, _, _ := strings.Cut(l[i+1:], "#")
	v = strings.Trim(v, " \t\"',~")
	return v != "" && v != "null"
}

// writtenList reports whether the front-matter key on 1-based line n has
// a value that is not empty: text after its ':' or '=' (a comment and a
// trailing ',' aside) other than [], {}, null, ~ or "", or, when the key's
// line ends there, a line indented under it or starting with "- " (a YAML
// block list) before the next key or the front matter's end. A TOML
// table header ("[action_items]", a table where a list of them was meant)
// has one. No line (0) has none.
func (f *File) writtenList(n int) bool {
	if n <= 0 || n > f.numLines() || f.kinds[n-1] != frontMatter {
		return false
	}
	l := f.line(n)
	if strings.HasPrefix(strings.TrimSpace(l), "[") {
		return true
	}
	i := strings.IndexAny(l, ":=")
	if i < 0 {
		return false
	}
	v := l[i+1:]
	if c := strings.Index(v, "#"); c >= 0 {
		v = v[:c]
	}
	v = strings.TrimRight(strings.TrimSpace(v), ",")
	switch strings.Join(strings.Fields(v), "") {
	case "", "[]", "{}", "null", "~", `""`, "''":
	default:
		return true
	}
	if v != "" {
		return false
	}
	indent := len(l) - len(strings.TrimLeft(l, " \t"))
	for m := n + 1; m <= f.numLines() && f.kinds[m-1] == frontMatter; m++ {
		next := f.line(m)
		t := strings.TrimSpace(next)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		return strings.HasPrefix(t, "- ") || t == "-" || len(next)-len(strings.TrimLeft(next, " \t")) > indent
	}
	return false
}

// levelLike matches a severity written as a level is (SEV1, P2, critical),
// which a message may echo.
var levelLike = newLazyRegexp(`^[\p{L}\p{N}_-]{1,24}$`)
