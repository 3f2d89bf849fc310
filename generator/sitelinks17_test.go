package generator_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestLintLinksToEveryBuiltFile links, from one postmortem of the sample
// content, every file a build of that content writes (by its web address
// under a sub-path baseURL): lint's dead-link check must know each of them. Before,
// actions/overdue.xml and the term pages' incidents.svg were "no page or
// file of the site" (QA 17r R1).
func TestLintLinksToEveryBuiltFile(t *testing.T) {
	site := buildSample(t, generator.Options{})
	src := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(sampleRoot), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && p != "content" && p != "templates" && !strings.HasPrefix(p, "content/") && !strings.HasPrefix(p, "templates/") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.Contains(p, "/") || p == "pmkb.toml" {
			b, err := os.ReadFile(sampleRoot + "/" + p)
			if err != nil {
				return err
			}
			src[p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Under a sub-path, each file linked by its web address.
	src["pmkb.toml"].Data = []byte(strings.Replace(string(src["pmkb.toml"].Data), `baseURL = "/"`, `baseURL = "https://kb.example.com/pm/"`, 1))
	var pm string
	for p := range src {
		if strings.HasPrefix(p, "content/postmortems/") && strings.HasSuffix(p, ".md") && (pm == "" || p < pm) {
			pm = p
		}
	}
	var b strings.Builder
	b.WriteString("\n\n")
	n := 0
	for _, f := range site.Files {
		link := "https://kb.example.com/pm/" + strings.TrimSuffix(f.Path, "index.html")
		b.WriteString("[f](" + link + ")\n")
		n++
	}
	if n < 100 || !strings.Contains(b.String(), "/actions/overdue.xml)") || !strings.Contains(b.String(), "/incidents.svg)") {
		t.Fatalf("the build wrote %d files, without the overdue feed or a chart", n)
	}
	src[pm].Data = append(append([]byte{}, src[pm].Data...), b.String()...)
	list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: []string{pm}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range list.Items() {
		if strings.Contains(it.Line(), "link") {
			t.Errorf("%s", it.Line())
		}
	}
}
