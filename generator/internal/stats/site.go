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
	// Repeats is RepeatInfo(kb, 0), what each postmortem page shows, but
	// with only as many earlier incidents detailed as a page shows: in
	// each Repeat's Of, the first Site's detail distinct ones other than
	// the repeat's own id have their shared Systems and Causes and their
	// OpenActions; the rest have those nil (and no OpenPrevent).
	Repeats map[string]Repeat
	// Terms is ForTerms(kb, Options{}): the system and cause pages.
	Terms TermReports
}

// Site returns the figures of every page of kb. It finds the incidents,
// their repeats and the repeat chains once for the three, which Compute,
// RepeatInfo and ForTerms each do on their own, then computes the three
// concurrently. Repeats details detail earlier incidents of each repeat
// (see SiteFigures); detail < 0 details every one.
func Site(kb *model.KnowledgeBase, detail int) SiteFigures {
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
	wg.Go(func() { f.Repeats = g.info(detail) })
	wg.Go(func() { f.Terms = s.forTerms(g, ci) })
	wg.Wait()
	return f
}
