package generator_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestHeadingIDsNeverRepeatAPageID gives a postmortem of the sample
// content a body heading {#x} for every id x its built page has (the
// theme's, the action table's, each action item's row, item-…), builds
// again and checks that the page has no id twice: each such heading gets
// a suffix, with a warning at its line (QA 17r R8: ## Row {#item-AI-1}
// made two elements of one id, silently).
func TestHeadingIDsNeverRepeatAPageID(t *testing.T) {
	site := buildSample(t, generator.Options{})
	var pm, page string
	for _, p := range site.KB.Postmortems {
		if len(p.ActionItems) > 1 && p.Path != "" {
			pm, page = p.Path, "postmortems/"+p.ID+"/index.html"
			break
		}
	}
	if pm == "" {
		t.Fatal("no postmortem with action items")
	}
	idRe := regexp.MustCompile(` id="([^"]+)"`)
	var ids []string
	for _, f := range site.Files {
		if f.Path == page {
			for _, m := range idRe.FindAllStringSubmatch(string(f.Data), -1) {
				ids = append(ids, m[1])
			}
		}
	}
	if !slicesContainsPrefix(ids, "item-") {
		t.Fatalf("%s has no action row ids: %q", page, ids)
	}
	src := sampleFS(t)
	var b strings.Builder
	b.WriteString("\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "\n## Heading {#%s}\n", id)
	}
	src[pm].Data = append(append([]byte{}, src[pm].Data...), b.String()...)
	site2, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range site2.Files {
		if f.Path != page {
			continue
		}
		seen := map[string]int{}
		for _, m := range idRe.FindAllStringSubmatch(string(f.Data), -1) {
			seen[m[1]]++
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("%s has id %q %d times", page, id, n)
			}
		}
	}
	list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: []string{pm}})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(list.String(), "ids are unique on a page"); n != len(ids) {
		t.Errorf("%d warnings for %d ids taken:\n%s", n, len(ids), list)
	}
}

func slicesContainsPrefix(s []string, prefix string) bool {
	for _, x := range s {
		if strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}

// sampleFS returns the sample site's pmkb.toml and content/ as a MapFS.
func sampleFS(t *testing.T) fstest.MapFS {
	t.Helper()
	src := fstest.MapFS{}
	root := os.DirFS(sampleRoot)
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == "." || p == "content" || strings.HasPrefix(p, "content/") {
				return nil
			}
			return fs.SkipDir
		}
		if p == "pmkb.toml" || strings.HasPrefix(p, "content/") {
			data, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			src[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return src
}
