package lint

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSampleContentClean lints the repository's sample knowledge base: it
// must hold no lint error and no blameless or secret warning, or the rules
// have a false positive (or the sample content a real problem to report).
func TestSampleContentClean(t *testing.T) {
	site := os.DirFS("../../..")
	cfg, _, cdiags := source.LoadConfig(site)
	if cdiags.HasErrors() {
		t.Fatalf("site config:\n%s", cdiags)
	}
	paths, _ := source.Files(site)
	if len(paths) == 0 {
		t.Fatal("no sample postmortems found under content/postmortems")
	}
	var files []*File
	var pms []*model.Postmortem
	for _, p := range paths {
		raw, err := fs.ReadFile(site, p)
		if err != nil {
			t.Fatal(err)
		}
		pm, _ := source.ParseFile(p, raw, &cfg)
		files = append(files, &File{Path: p, Raw: raw, PM: pm})
		if pm != nil {
			pms = append(pms, pm)
		} else {
			t.Logf("%s did not parse; text rules only", p)
		}
	}
	list := Run(files, model.New(cfg, today, pms), Config{}, today)
	for _, d := range list.Items() {
		bad := d.Severity.String() == "error" || strings.HasPrefix(d.Rule, "blameless/") || strings.HasPrefix(d.Rule, "secret/")
		if bad {
			t.Errorf("%s [%s]", d, d.Rule)
		} else {
			t.Logf("%s [%s]", d, d.Rule)
		}
	}
	t.Logf("%d files, %d findings", len(files), list.Len())
}
