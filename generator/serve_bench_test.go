package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/corpus"
)

// BenchmarkServeEdit1k and BenchmarkServeEdit10k measure what pmkb serve
// does between an editor's save and the edited page being served: re-read
// the one file, re-validate the knowledge base and render the page (the
// rest of the site follows in a second build, not measured here). The
// corpus is written to disk once, as serve reads it.
func BenchmarkServeEdit1k(b *testing.B)  { benchmarkServeEdit(b, 1000) }
func BenchmarkServeEdit10k(b *testing.B) { benchmarkServeEdit(b, 10000) }

func benchmarkServeEdit(b *testing.B, n int) {
	c := corpus.Generate(corpus.Options{N: n, Seed: 1, Today: benchToday, Formats: true})
	dir := b.TempDir()
	if err := c.WriteDir(dir); err != nil {
		b.Fatal(err)
	}
	s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Today: benchToday}, dir)
	ctx := context.Background()
	if _, diags, _, err := s.Build(ctx, nil); err != nil {
		b.Fatalf("%v\n%s", err, diags)
	}
	path := filepath.Join(dir, filepath.FromSlash(c.Paths()[n/2]))
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		edited := string(orig) + "\nEdit " + strconv.Itoa(i) + ".\n"
		if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		files, _, partial, err := s.Build(ctx, []string{path})
		if err != nil || !partial {
			b.Fatalf("edit %d: partial %v, %v", i, partial, err)
		}
		if len(files) == 0 {
			b.Fatal("no files")
		}
	}
}
