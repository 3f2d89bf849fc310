package lint

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/benchtest"
	"github.com/pmkb/pmkb/generator/model"
)

// BenchmarkRun lints 200 generated postmortems (text rules only: the parsed
// postmortem is left out to measure the line scanners). Besides wall time
// it reports the process's CPU time per run (cpu-ms/op), which neighbours
// on a shared machine disturb less.
func BenchmarkRun(b *testing.B) {
	c := corpus.Generate(corpus.Options{N: 200, Seed: 1, Formats: true})
	var raws [][]byte
	for _, p := range slices.Sorted(maps.Keys(c.Files)) {
		if strings.HasPrefix(p, "content/") {
			raws = append(raws, c.Files[p])
		}
	}
	for _, only := range []string{"all", "secret"} {
		b.Run(only, func(b *testing.B) {
			cfg := Config{}
			if only == "secret" {
				cfg.Rules = map[string]string{"blameless": "off", "completeness": "off", "pii": "off", "frontmatter": "off"}
			}
			start := benchtest.CPUTime()
			for b.Loop() {
				files := make([]*File, len(raws))
				for i, r := range raws {
					files[i] = &File{Path: "x.md", Raw: r}
				}
				Run(files, nil, cfg, model.Date{})
			}
			b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}
