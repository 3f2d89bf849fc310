package generator_test

import (
	"bytes"
	"testing"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/model"
)

// TestPublicBuildCatalogOnlyWhatIsNamed builds the sample for the public
// audience: a system, cause or team of the catalog that no public
// postmortem names has no page, and its description is in no output file;
// one that a public postmortem names keeps its page and description.
func TestPublicBuildCatalogOnlyWhatIsNamed(t *testing.T) {
	all := buildSample(t, generator.Options{})
	pub := buildSample(t, generator.Options{Audience: generator.AudiencePublic})
	files := filesByPath(pub)
	named := map[string]bool{}
	for _, p := range pub.KB.Postmortems {
		for _, list := range [][]string{p.Systems, p.Causes, p.Teams} {
			for _, v := range list {
				named[model.Slug(v)] = true
			}
		}
	}

	type entry struct{ slug, path, description string }
	var hidden, shown []entry
	add := func(e entry) {
		if named[e.slug] {
			shown = append(shown, e)
		} else {
			hidden = append(hidden, e)
		}
	}
	for _, s := range all.KB.Config.Systems {
		add(entry{model.Slug(s.Slug), model.SystemPath(s.Slug), s.Description})
		if s.Team != "" {
			add(entry{model.Slug(s.Team), model.TeamPath(s.Team), ""})
		}
	}
	for _, c := range all.KB.Config.Causes {
		add(entry{model.Slug(c.Slug), model.CausePath(c.Slug), c.Description})
	}
	if len(hidden) == 0 || len(shown) == 0 {
		t.Fatalf("the sample has %d catalog entries no public postmortem names and %d it names; the test needs both", len(hidden), len(shown))
	}
	for _, e := range hidden {
		if _, ok := files[e.path+"index.html"]; ok {
			t.Errorf("public build has a page for %s, which no public postmortem names", e.path)
		}
		if e.description == "" {
			continue
		}
		for p, data := range files {
			if bytes.Contains(data, []byte(e.description)) {
				t.Errorf("public build: %s holds the description of %s, which no public postmortem names", p, e.slug)
			}
		}
	}
	for _, e := range shown {
		page, ok := files[e.path+"index.html"]
		if !ok {
			t.Errorf("public build lacks %s, which a public postmortem names", e.path)
			continue
		}
		if e.description != "" && !bytes.Contains(page, []byte(e.description)) {
			t.Errorf("%s lacks its description %q", e.path, e.description)
		}
	}
}
