package search

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/benchtest"
)

// TestCacheFieldLengths pins the field lengths a cache refresh records for
// ranking: for every document and field, the number of terms the pmkb
// analyzer makes of the field's text, as the in-memory index (the
// export's, which search.js ranks with) counts them.
func TestCacheFieldLengths(t *testing.T) {
	kb, _ := corpusKB(t, 120)
	ix := cliIndex(t, kb)
	m, err := buildMemIndex(kb, ix.analyzer)
	if err != nil {
		t.Fatal(err)
	}
	memLens := map[string][nFields]int{}
	for _, d := range m.docs {
		memLens[d.Path] = d.Lens
	}
	byPath := newKBLoader(kb.Postmortems).byPath
	if len(ix.docs) != len(kb.Postmortems) {
		t.Fatalf("cache has %d documents, want %d", len(ix.docs), len(kb.Postmortems))
	}
	nonZero := 0
	for _, d := range ix.docs {
		texts := fieldTexts(byPath[d.Path], &kb.Config)
		for f, text := range texts {
			if want := len(ix.analyzer.Analyze(text)); d.Lens[f] != want {
				t.Errorf("%s: field %s has length %d, want %d terms", d.Path, Fields[f].Name, d.Lens[f], want)
			}
			if d.Lens[f] > 0 {
				nonZero++
			}
		}
		if d.Lens != memLens[d.Path] {
			t.Errorf("%s: cache lengths %v, in-memory index's %v", d.Path, d.Lens, memLens[d.Path])
		}
	}
	if nonZero < len(ix.docs)*3 {
		t.Errorf("only %d non-empty fields in %d documents", nonZero, len(ix.docs))
	}
}

// BenchmarkRefresh1k is the cold refresh of `pmkb search`'s cache: every
// one of 1,000 postmortems analysed and indexed into a new bleve index.
func BenchmarkRefresh1k(b *testing.B) {
	kb, _ := corpusKB(b, 1000)
	entries := entriesOf(kb.Postmortems, "1")
	load := newKBLoader(kb.Postmortems).load
	root := b.TempDir()
	b.ResetTimer()
	start := benchtest.CPUTime()
	for i := 0; i < b.N; i++ {
		ix, err := OpenCache(filepath.Join(root, strconv.Itoa(i)), &kb.Config, entries, load)
		if err != nil {
			b.Fatal(err)
		}
		if ix.Changed != len(entries) {
			b.Fatalf("refresh indexed %d, want %d", ix.Changed, len(entries))
		}
		ix.Close()
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}
