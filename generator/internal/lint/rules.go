package lint

import (
	"cmp"
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
	slices.SortFunc(rules, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rules
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
