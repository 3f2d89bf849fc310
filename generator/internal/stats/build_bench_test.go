package stats_test

import (
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/benchtest"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/stats"
	"github.com/pmkb/pmkb/themes"
)

// BenchmarkBuild10k is what a build of 10,000 generated postmortems asks
// of stats: the report, its JSON and charts, the repeats of every
// postmortem page, and the figures and chart of every system and cause
// page. It reports CPU time per run (the machine is shared, so wall time
// varies).
func BenchmarkBuild10k(b *testing.B) {
	kb, _ := corpustest.Shared(b, corpus.Options{N: 10_000, Seed: 1})
	w, err := render.LoadWords(themes.Default(), kb.Config.Language)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := benchtest.CPUTime()
	for range b.N {
		r := stats.Compute(kb, stats.Options{})
		if _, err := r.JSON(); err != nil {
			b.Fatal(err)
		}
		if len(stats.Figures(r, w, stats.Names{})) == 0 {
			b.Fatal("no figures")
		}
		if len(stats.RepeatInfo(kb, kb.Config.RepeatWindowDays)) == 0 {
			b.Fatal("no repeats")
		}
		tr := stats.ForTerms(kb, stats.Options{})
		for _, m := range []map[string]*stats.TermReport{tr.Systems, tr.Causes} {
			for _, t := range m {
				if len(t.Chart(w, "")) == 0 {
					b.Fatal("empty chart")
				}
			}
		}
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkSite10k is BenchmarkBuild10k through stats.Site, which finds
// repeats once for the report, the postmortem pages and the term pages.
func BenchmarkSite10k(b *testing.B) {
	kb, _ := corpustest.Shared(b, corpus.Options{N: 10_000, Seed: 1})
	w, err := render.LoadWords(themes.Default(), kb.Config.Language)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := benchtest.CPUTime()
	for range b.N {
		repeats := 0
		f := stats.Site(kb, render.MaxRepeatsShown, render.MaxTermOpen, func(stats.Repeat) { repeats++ }) // as a build asks
		if _, err := f.Report.JSON(); err != nil {
			b.Fatal(err)
		}
		if len(stats.Figures(f.Report, w, stats.Names{})) == 0 || repeats == 0 {
			b.Fatal("no figures")
		}
		for _, m := range []map[string]*stats.TermReport{f.Terms.Systems, f.Terms.Causes} {
			for _, t := range m {
				if len(t.Chart(w, "")) == 0 {
					b.Fatal("empty chart")
				}
			}
		}
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}
