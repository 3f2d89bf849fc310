package lint

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/model"
)

// BenchmarkRun lints 200 generated postmortems (text rules only: the parsed
// postmortem is left out to measure the line scanners).
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
			for b.Loop() {
				files := make([]*File, len(raws))
				for i, r := range raws {
					files[i] = &File{Path: "x.md", Raw: r}
				}
				Run(files, nil, cfg, model.Date{})
			}
		})
	}
}
