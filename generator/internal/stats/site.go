package stats

import (
	"sync"

	"github.com/pmkb/pmkb/generator/model"
)

// SiteFigures are the figures a site build shows.
type SiteFigures struct {
	// Report is Compute(kb, Options{}): the statistics page and
	// /api/stats.json.
	Report *Report
	// Terms is ForTerms(kb, Options{}), with only the first open action
	// items: the system and cause pages.
	Terms TermReports
}

// Site returns the figures of every page of kb, and calls repeat with the
// repeats of every postmortem that repeats earlier ones (RepeatInfo(kb,
// 0), oldest first), for its page. It finds the incidents, their repeats
// and the repeat chains once for the three, which Compute, RepeatInfo and
// ForTerms each do on their own, then computes the three concurrently:
// repeat is called from one goroutine beside the rest.
//
// A page shows the details of only a few earlier incidents, so each
// Repeat details only as many: in its Of, the first detail distinct
// earlier incidents other than its own id have their shared Systems and
// Causes and their OpenActions; the rest have those nil (and no
// OpenPrevent). detail < 0 details every one. Site reuses the memory of
// a Repeat's Of and OpenActions for the next one once repeat returns:
// repeat copies what it keeps.
//
// A term's page lists only its first open action items and counts the
// rest, so each TermReport keeps only the first termOpen of its
// OpenActions (all when termOpen < 0); its OpenTotal counts them all.
func Site(kb *model.KnowledgeBase, detail, termOpen int, repeat func(Repeat)) SiteFigures {
	s := selectIncidents(kb, Options{})
	g := buildRepeats(s.all, s.window)
	// The three list action items concurrently: make every incident's
	// rows now rather than on first use.
	for _, x := range g.inc {
		if len(x.p.ActionItems) > 0 {
			x.itemRow(0, model.Date{})
		}
	}
	ci := newChainIndex(g, g.chains())
	var f SiteFigures
	var wg sync.WaitGroup
	wg.Go(func() {
		f.Report = s.report(Options{}, func() (*repeatGraph, *chainIndex) { return g, ci })
	})
	wg.Go(func() { g.each(detail, repeat) })
	wg.Go(func() { f.Terms = s.forTerms(g, ci, termOpen) })
	wg.Wait()
	return f
}
