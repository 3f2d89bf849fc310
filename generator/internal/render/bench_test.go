package render

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/internal/stats"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// benchSite loads a generated corpus of n postmortems and the options a
// build would pass: repeats and the system and cause pages' figures (less
// the charts) from stats, and five "similar" incidents per postmortem
// picked by position (the search index is not part of it).
func benchSite(b *testing.B, n int) (*model.KnowledgeBase, Options) {
	b.Helper()
	kb, _ := corpustest.Load(b, corpus.Options{N: n, Seed: 1, Today: model.Date{Year: 2026, Month: 11, Day: 27}})
	opts := Options{Similar: map[string][]string{}, Repeats: map[string][]Repeated{}, Terms: map[string]*TermFigures{}}
	terms := stats.ForTerms(kb, stats.Options{})
	for _, kind := range []struct {
		reports map[string]*stats.TermReport
		path    func(string) string
	}{{terms.Systems, model.SystemPath}, {terms.Causes, model.CausePath}} {
		for k, t := range kind.reports {
			f := &TermFigures{Repeats: t.Repeats, ChainsTotal: t.ChainsTotal, OpenTotal: len(t.OpenActions)}
			for _, c := range t.Chains {
				f.Chains = append(f.Chains, Chain{Label: k, IDs: c.IDs})
			}
			for _, a := range t.OpenActions[:min(len(t.OpenActions), MaxTermOpen)] { // as a build passes them
				f.OpenActions = append(f.OpenActions, OpenAction{Postmortem: a.Postmortem, ID: a.ID, Title: a.Title,
					Owner: a.Owner, Kind: a.Kind, Status: a.Status, Due: a.Due, Overdue: a.Overdue})
			}
			opts.Terms[kind.path(k)] = f
		}
	}
	for i, p := range kb.Postmortems {
		for _, d := range []int{1, 7, 31, 101, 307} {
			opts.Similar[p.ID] = append(opts.Similar[p.ID], kb.Postmortems[(i+d)%len(kb.Postmortems)].ID)
		}
	}
	// Equal lists of open items are one list, as the facade makes them.
	lists := map[string][]OpenAction{}
	for id, rep := range stats.RepeatInfo(kb, kb.Config.RepeatWindowDays) {
		for _, e := range rep.Of {
			r := Repeated{ID: e.ID, Related: e.Related, Systems: e.Systems, Causes: e.Causes, Days: e.Days}
			for _, a := range e.OpenActions {
				r.OpenActions = append(r.OpenActions, OpenAction{Postmortem: a.Postmortem, ID: a.ID, Title: a.Title,
					Owner: a.Owner, Kind: a.Kind, Status: a.Status, Due: a.Due, Overdue: a.Overdue})
			}
			if len(r.OpenActions) > 0 {
				k := fmt.Sprint(r.OpenActions)
				if l, ok := lists[k]; ok {
					r.OpenActions = l
				}
				lists[k] = r.OpenActions
			}
			opts.Repeats[id] = append(opts.Repeats[id], r)
		}
	}
	return kb, opts
}

// BenchmarkSite2k renders every page of a generated 2,000-postmortem site.
func BenchmarkSite2k(b *testing.B) {
	kb, opts := benchSite(b, 2000)
	theme := themes.Default()
	var size int
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		files, err := Site(kb, theme, opts)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range files {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MB-out")
}

// BenchmarkStream2k streams the same site to a put that keeps nothing, as
// a build writing each page to disk does (so the page buffers are reused).
func BenchmarkStream2k(b *testing.B) {
	kb, opts := benchSite(b, 2000)
	opts.ReuseBuffers = true
	theme := themes.Default()
	var files, size atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		files.Store(0)
		size.Store(0)
		err := Stream(kb, theme, opts, func(f output.File) error {
			files.Add(1)
			size.Add(int64(len(f.Data)))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(files.Load()), "files")
	b.ReportMetric(float64(size.Load())/(1<<20), "MB-out")
}
