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

// WriteStats computes the statistics of kb and writes them as the JSON
// document of /api/stats.json (asJSON) or as text for a terminal, in
// English with durations written as the default theme writes them. It
// writes nothing and returns the error of opts.CheckSeverities when opts
// names a severity the site does not know.
func WriteStats(w io.Writer, kb *model.KnowledgeBase, opts StatsOptions, asJSON bool) error {
	if err := opts.CheckSeverities(kb); err != nil {
		return err
	}
	r := stats.Compute(kb, opts)
	if !asJSON {
		words, err := render.LoadWords(themes.Default(), "en")
		if err != nil {
			return err
		}
		return stats.WriteText(w, r, words.Duration)
	}
	b, err := r.JSON()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
