package stats

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// CheckSeverities reports the levels of o.Severities that kb does not know:
// neither configured for the site nor written by one of its postmortems. A
// filter that names no level would count nothing and print empty tables,
// so each unknown level is an error that names the known ones, with the
// closest as "did you mean" when one stands out. Empty entries ("SEV1,")
// are ignored.
func (o Options) CheckSeverities(kb *model.KnowledgeBase) error {
	var known []string
	for _, sv := range kb.Config.Severities {
		known = append(known, sv.Level)
	}
	var extra []string
	for _, p := range kb.Postmortems {
		if sv := severityOf(p); sv != "" && !slices.Contains(known, sv) && !slices.Contains(extra, sv) {
			extra = append(extra, sv)
		}
	}
	slices.Sort(extra)
	known = append(known, extra...)

	var msgs []string
	for _, l := range o.Severities {
		l = strings.TrimSpace(l)
		if l == "" || slices.Contains(known, l) {
			continue
		}
		msg := fmt.Sprintf("unknown severity %q", l)
		if near := nearest(l, known); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		msgs = append(msgs, msg)
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("%s; the site's severities are %s", strings.Join(msgs, "; "), strings.Join(known, ", "))
}

// nearest is the one candidate closest to s, ignoring case, within an edit
// distance of a third of s (at least 1); "" when none is that close or two
// are equally close ("SEV9" is as near "SEV1" as "SEV2").
func nearest(s string, candidates []string) string {
	best, bestD, tie := "", max(1, len([]rune(s))/3)+1, false
	for _, c := range candidates {
		switch d := diag.EditDistance(strings.ToLower(s), strings.ToLower(c)); {
		case d < bestD:
			best, bestD, tie = c, d, false
		case d == bestD:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}
