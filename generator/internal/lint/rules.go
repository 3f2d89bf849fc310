package lint

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/pmkb/pmkb/generator/diag"
)

// Rules returns every rule, sorted by id. Each call builds a fresh slice,
// so callers may keep or modify it.
func Rules() []Rule {
	var rules []Rule
	rules = append(rules, completenessRules()...)
	rules = append(rules, blamelessRules()...)
	rules = append(rules, secretRules()...)
	rules = append(rules, piiRules()...)
	rules = append(rules, consistencyRules()...)
	rules = append(rules, markdownRules()...)
	rules = append(rules, dateRules()...)
	rules = append(rules, ignoreRule())
	slices.SortFunc(rules, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

// ignoreRule reports silencing comments that silence nothing because they
// name no rule: a typo, or a check of the content contract (which a
// comment cannot silence).
func ignoreRule() Rule {
	return Rule{
		ID: "lint/unknown-ignore", Severity: warning,
		Doc: "A pmkb-lint-ignore comment names rules or areas that exist (not checks of the content contract).",
		Check: func(f *File, report func(int, string, string)) {
			ignores := f.ignoreMap()
			if len(ignores) == 0 {
				return
			}
			known := map[string]bool{"all": true}
			for _, r := range Rules() {
				known[r.ID], known[area(r.ID)] = true, true
			}
			for _, n := range slices.Sorted(maps.Keys(ignores)) {
				for _, id := range ignores[n] {
					switch what, contract := contractChecks[id]; {
					case known[id]:
					case contract:
						report(n, fmt.Sprintf("pmkb-lint-ignore %s silences nothing: %s is an error of the content contract", id, what),
							"fix the problem; the contract's checks cannot be silenced")
					default:
						report(n, fmt.Sprintf("pmkb-lint-ignore %s silences nothing: there is no such rule", id),
							"use a rule id or area that pmkb lint --rules lists")
					}
				}
			}
		},
	}
}

// RuleByID returns the rule with the given id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// warning and errorSev shorten rule tables.
const (
	warning  = diag.Warning
	errorSev = diag.Error
)

// eachLine calls fn for every line of the given kinds with its 1-based
// number.
func (f *File) eachLine(kinds []lineKind, fn func(n int, line string)) {
	for i, l := range f.Lines {
		if slices.Contains(kinds, f.kinds[i]) {
			fn(i+1, l)
		}
	}
}

var (
	allLines  = []lineKind{prose, frontMatter, fence}
	textLines = []lineKind{prose, frontMatter}
)
