package actions

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// Check reports the values of f that can select nothing in kb, so a
// misspelt filter is an error instead of an empty list (and a CI gate that
// passes silently): a status or kind outside the contract's vocabulary
// (the error lists the valid ones), and an owner, team or system that no
// action item, postmortem or systems catalog entry of kb names (with the
// closest name when one is near). Every problem is reported, joined with
// newlines.
func (f Filter) Check(kb *model.KnowledgeBase) error {
	var errs []error
	for s := range strings.SplitSeq(f.Status, ",") {
		if s = strings.TrimSpace(s); s != "" && !containsFold(validate.ActionStatuses, s) {
			errs = append(errs, fmt.Errorf("status %q is not an action-item status (want %s)%s", s, strings.Join(validate.ActionStatuses, ", "), didYouMean(s, validate.ActionStatuses)))
		}
	}
	for k := range strings.SplitSeq(f.Kind, ",") {
		if k = strings.TrimSpace(k); k != "" && !containsFold(validate.Kinds, k) {
			errs = append(errs, fmt.Errorf("kind %q is not an action-item kind (want %s)%s", k, strings.Join(validate.Kinds, ", "), didYouMean(k, validate.Kinds)))
		}
	}
	owners, teams, systems := names(kb)
	for _, c := range []struct {
		value, what, who string
		known            []string
	}{
		{f.Owner, "owner", "no action item has", owners},
		{f.Team, "team", "no postmortem has", teams},
		{f.System, "system", "no postmortem or systems catalog entry has", systems},
	} {
		v := strings.TrimSpace(c.value)
		if v == "" || containsName(c.known, v) {
			continue
		}
		errs = append(errs, fmt.Errorf("%s %s %q%s", c.who, c.what, v, didYouMeanName(v, c.known)))
	}
	return errors.Join(errs...)
}

// names returns the owners of kb's action items, the teams of its
// postmortems and systems catalog, and the systems of both (for catalog
// entries, the slug and the name), each sorted and without repeats.
func names(kb *model.KnowledgeBase) (owners, teams, systems []string) {
	for _, p := range kb.Postmortems {
		teams = append(teams, p.Teams...)
		systems = append(systems, p.Systems...)
		for _, a := range p.ActionItems {
			owners = append(owners, a.Owner)
		}
	}
	for _, s := range kb.Config.Systems {
		systems = append(systems, s.Slug)
		if s.Name != "" {
			systems = append(systems, s.Name)
		}
		if s.Team != "" {
			teams = append(teams, s.Team)
		}
	}
	for _, l := range []*[]string{&owners, &teams, &systems} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return owners, teams, systems
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

// didYouMean returns `; did you mean "…"?` for the name in known an
// author most likely meant (diag.Suggest), or "".
func didYouMean(s string, known []string) string {
	if near := diag.Suggest(s, known); near != "" {
		return fmt.Sprintf("; did you mean %q?", near)
	}
	return ""
}

// didYouMeanName is didYouMean for a person's, team's or system's name,
// compared by model.Slug (width folded, so "サイトウ" finds "ｻｲﾄｳ"): up to
// three names that start with what was typed, else the nearest
// (diag.SuggestNames; QA round 7, #13).
func didYouMeanName(s string, known []string) string {
	names := diag.SuggestNames(s, known, model.Slug)
	if len(names) == 0 {
		return ""
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return "; did you mean " + strings.Join(q, " or ") + "?"
}
