package validate_test

import (
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
)

// BenchmarkPostmortems checks a generated knowledge base of 1,000
// postmortems (loaded once) against the contract and the site's
// vocabularies.
func BenchmarkPostmortems(b *testing.B) {
	fsys := corpus.Generate(corpus.Options{N: 1000, Seed: 1, Formats: true}).FS()
	cfg, _, _ := source.LoadConfig(fsys)
	pms, _ := source.Load(fsys, &cfg)
	for b.Loop() {
		validate.Postmortems(&cfg, pms, nil)
	}
}
