package actions

import (
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/model"
)

// BenchmarkSortUrgentRefs10k orders every action item of a generated
// 10,000-postmortem site, as the site's /actions/ page does.
func BenchmarkSortUrgentRefs10k(b *testing.B) {
	kb, _ := corpustest.Shared(b, corpus.Options{N: 10000, Seed: 1})
	all := kb.Actions()
	refs := make([]model.ActionRef, len(all))
	b.ReportAllocs()
	for b.Loop() {
		copy(refs, all)
		SortUrgentRefs(refs, kb.Today)
	}
	b.ReportMetric(float64(len(refs)), "items")
}

// BenchmarkSortUrgent10k orders the rows of every action item of a
// generated 10,000-postmortem site, as the JSON, CSV and calendar exports
// do.
func BenchmarkSortUrgent10k(b *testing.B) {
	kb, _ := corpustest.Shared(b, corpus.Options{N: 10000, Seed: 1})
	all := Rows(kb, Filter{})
	rows := make([]Row, len(all))
	b.ReportAllocs()
	for b.Loop() {
		copy(rows, all)
		SortUrgent(rows)
	}
	b.ReportMetric(float64(len(rows)), "items")
}

// BenchmarkComputeRows10k sums the rows of every action item of a
// generated 10,000-postmortem site, as the statistics do.
func BenchmarkComputeRows10k(b *testing.B) {
	kb, _ := corpustest.Shared(b, corpus.Options{N: 10000, Seed: 1})
	rows := Rows(kb, Filter{})
	period := Period{To: kb.Today.AddDays(-1)}
	b.ReportAllocs()
	for b.Loop() {
		ComputeRows(rows, kb.Today, period)
	}
	b.ReportMetric(float64(len(rows)), "items")
}
