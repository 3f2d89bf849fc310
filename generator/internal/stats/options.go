package stats

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// CheckSeverities reports the levels of o.Severities that kb does not know:
// neither configured for the site nor written by one of its postmortems. A
// level may be written in any case or width, or as the label the site
// shows for it (sev1, ＳＥＶ１ and Critical are SEV1), as `pmkb search`'s
// severity: takes it; Compute counts it so. A filter that names no level
// would count nothing and print empty tables, so each unknown level is an
// error that names the known ones, with the closest as "did you mean"
// when one stands out. Empty entries ("SEV1,") are ignored.
func (o Options) CheckSeverities(kb *model.KnowledgeBase) error {
	known := knownSeverities(kb)
	var msgs []string
	for _, l := range o.Severities {
		l = strings.TrimSpace(l)
		if l == "" || len(severitiesNamed(kb, known, l)) > 0 {
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

// knownSeverities is the levels kb knows: those configured, in order, then
// those only its postmortems write, sorted.
func knownSeverities(kb *model.KnowledgeBase) []string {
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
	return append(known, extra...)
}

// severitiesNamed is the levels of known that l names: compared as
// validate.Fold compares an author's words with the site's, l is the
// level or the label of a configured one.
func severitiesNamed(kb *model.KnowledgeBase, known []string, l string) []string {
	fl := validate.Fold(l)
	var out []string
	for _, k := range known {
		if validate.Fold(k) == fl {
			out = append(out, k)
		}
	}
	for _, sv := range kb.Config.Severities {
		if sv.Label != "" && validate.Fold(sv.Label) == fl && !slices.Contains(out, sv.Level) {
			out = append(out, sv.Level)
		}
	}
	return out
}
