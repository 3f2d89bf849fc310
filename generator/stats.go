package generator

import (
	"io"

	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/stats"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// StatsOptions select the incidents the statistics count (Since, Until),
// the repeat window, the severities and the trend granularity.
type StatsOptions = stats.Options

// StatsReport is every figure of the statistics (/api/stats.json);
// Postmortems counts the postmortems the options selected.
type StatsReport = stats.Report

// Stats computes the statistics of the postmortems of kb that opts
// select. It returns the error of opts.CheckSeverities when opts names a
// severity the site does not know.
func Stats(kb *model.KnowledgeBase, opts StatsOptions) (*StatsReport, error) {
	if err := opts.CheckSeverities(kb); err != nil {
		return nil, err
	}
	return stats.Compute(kb, opts), nil
}

// DefaultStatsTop is how many rows each long list of WriteStats' text
// shows by default.
const DefaultStatsTop = stats.DefaultTop

// WriteStats writes the statistics r as the JSON document of
// /api/stats.json (asJSON) or as text for a terminal, in English with
// durations written as the default theme writes them, each long list cut
// to its first top rows (top ≤ 0: all).
func WriteStats(w io.Writer, r *StatsReport, asJSON bool, top int) error {
	if !asJSON {
		words, err := render.LoadWords(themes.Default(), "en")
		if err != nil {
			return err
		}
		return stats.WriteText(w, r, words.Duration, top)
	}
	b, err := r.JSON()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
