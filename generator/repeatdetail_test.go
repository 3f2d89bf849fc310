package generator

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/stats"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// TestRepeatDetailAsPagesShow proves that the rule by which stats.Site
// details only some earlier incidents (repeat in repeats.go: not the
// page's own id, distinct, the first render.MaxRepeatsShown) picks the
// ones render's repeatViews shows in detail, and that pageRepeats' cut
// lists with their totals show what the whole lists show: the postmortem
// pages are byte-identical whether their repeats are detailed and cut as
// a build does (computeSiteStats) or every one is listed and detailed
// (detail -1). It renders a generated
// corpus and a run of incidents that each repeat more earlier ones than a
// page details. (Related ids naming the incident itself or an earlier one
// twice never reach the rule, which buildRepeats drops first; the rule's
// own checks of ids are TestSiteRepeatDetail's, in stats.)
func TestRepeatDetailAsPagesShow(t *testing.T) {
	today := model.Date{Year: 2026, Month: 11, Day: 27}
	c := corpus.Generate(corpus.Options{N: 300, Seed: 1, Today: today})
	generated, _, err := Load(Options{Source: c.FS(), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var pms []*model.Postmortem
	for i := range 12 {
		pm := &model.Postmortem{ID: fmt.Sprintf("pm-%02d", i), Title: "t", Severity: "SEV2",
			Date: time.Date(2026, 1, 1+3*i, 0, 0, 0, 0, time.UTC), Systems: []string{"api"}, Causes: []string{"dns"},
			ActionItems: []model.ActionItem{{ID: "AI-1", Title: fmt.Sprintf("fix %d", i), Owner: "ann", Kind: "prevent", Status: "open"}}}
		switch i % 4 {
		case 1:
			pm.Related = []string{pm.ID, "pm-00", "pm-00"}
		case 2:
			pm.Related = []string{"pm-11", "nowhere"}
		case 3:
			pm.Systems, pm.Related = []string{"db"}, []string{"pm-01", "pm-02", "pm-00", "pm-01"}
		}
		pms = append(pms, pm)
	}
	dense := model.New(model.DefaultSiteConfig(), today, pms)

	beyond := 0
	for name, kb := range map[string]*model.KnowledgeBase{"generated": generated, "dense": dense} {
		st := testSiteStats(t, kb)
		// Every earlier incident, each detailed, as a list with no total:
		// what the pages showed before pageRepeats cut the lists.
		all := map[string][]render.Repeated{}
		var lists openLists
		stats.Site(kb, -1, -1, func(r stats.Repeat) {
			for _, e := range r.Of {
				all[r.ID] = append(all[r.ID], render.Repeated{ID: e.ID, Related: e.Related, Systems: e.Systems, Causes: e.Causes,
					Days: e.Days, OpenActions: lists.get(e.OpenActions)})
			}
		})
		for id, reps := range all {
			for _, r := range reps {
				if len(r.Systems)+len(r.Causes)+len(r.OpenActions) > 0 &&
					!slices.ContainsFunc(st.repeats[id], func(b render.Repeated) bool { return b.ID == r.ID }) {
					beyond++
				}
			}
		}
		pages := func(repeats map[string][]render.Repeated, totals map[string]int) map[string]string {
			files, err := render.Site(kb, themes.Default(), render.Options{Repeats: repeats, RepeatTotals: totals, Terms: st.terms})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]string{}
			for _, f := range files {
				if strings.HasPrefix(f.Path, "postmortems/") {
					out[f.Path] = string(f.Data)
				}
			}
			return out
		}
		built, full := pages(st.repeats, st.repeatTotals), pages(all, nil)
		if len(full) < len(kb.Postmortems) {
			t.Fatalf("%s: %d postmortem pages for %d postmortems", name, len(full), len(kb.Postmortems))
		}
		for path, want := range full {
			if built[path] != want {
				t.Errorf("%s: %s differs when every repeat is detailed", name, path)
			}
		}
	}
	// Not vacuous: some repeats must be detailed only by the detail -1 run.
	if beyond == 0 {
		t.Fatal("the build details every repeat: the fixtures no longer test the rule")
	}
}
