package lint

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSyntheticCorpusHasNoSecrets lints a generated knowledge base (all
// three front-matter formats, a quarter in Japanese): since a build refuses
// to publish on a secret finding, the secret rules must find nothing in
// ordinary postmortems, and no other rule may report an error.
func TestSyntheticCorpusHasNoSecrets(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 100
	}
	c := corpus.Generate(corpus.Options{N: n, Seed: 7, Formats: true})
	cdiags := &diag.List{}
	cfg := source.ParseConfig("pmkb.toml", c.Files["pmkb.toml"], cdiags)
	if cdiags.HasErrors() {
		t.Fatalf("corpus config:\n%s", cdiags)
	}
	var files []*File
	var pms []*model.Postmortem
	for _, p := range slices.Sorted(maps.Keys(c.Files)) {
		if !strings.HasPrefix(p, "content/") {
			continue
		}
		pm, _ := source.ParseFile(p, c.Files[p], &cfg)
		files = append(files, &File{Path: p, Raw: c.Files[p], PM: pm})
		if pm != nil {
			pms = append(pms, pm)
		}
	}
	list := Run(files, model.New(cfg, corpus.DefaultToday(), pms), Config{}, corpus.DefaultToday())
	counts := map[string]int{}
	for _, d := range list.Items() {
		counts[d.Rule]++
		if counts[d.Rule] <= 3 {
			t.Logf("%s [%s]", d, d.Rule)
		}
		if strings.HasPrefix(d.Rule, "secret/") || d.Severity.String() == "error" {
			t.Errorf("%s [%s]", d, d.Rule)
		}
	}
	t.Logf("%d files; findings by rule: %v", len(files), counts)
}
