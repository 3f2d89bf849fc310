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
		if near := diag.Suggest(l, known); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		msgs = append(msgs, msg)
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("%s; the site's severities are %s", strings.Join(msgs, "; "), strings.Join(known, ", "))
}
