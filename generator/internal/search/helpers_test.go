package search

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// corpusKB loads a generated corpus of n postmortems with the real loader,
// once per n (the tests only read it).
func corpusKB(t testing.TB, n int) (*model.KnowledgeBase, *corpus.Corpus) {
	t.Helper()
	return corpustest.Shared(t, corpus.Options{N: n, Seed: 7})
}

// writeFiles writes an export to a temporary folder and returns it.
func writeFiles(t testing.TB, files []output.File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// jsQuery is one query for search.js.
type jsQuery struct {
	Q          string              `json:"q"`
	PrefixLast bool                `json:"prefixLast,omitempty"`
	Filters    map[string][]string `json:"filters,omitempty"`
}

// jsResult is what search.js answers.
type jsResult struct {
	Total  int       `json:"total"`
	IDs    []string  `json:"ids"`
	Scores []float64 `json:"scores"`
	Hints  []string  `json:"hints"`
	Bytes  int       `json:"bytes"`
	Files  []string  `json:"files"`
}

// jsSearch runs each query with search.js over the export in dir (a fresh
// engine per query, so Bytes and Files are what a first query loads).
func jsSearch(t testing.TB, dir string, queries []jsQuery, limit int) []jsResult {
	t.Helper()
	in, err := json.Marshal(map[string]any{"dir": filepath.Join(dir, "search"), "queries": queries, "limit": limit})
	if err != nil {
		t.Fatal(err)
	}
	prog := `const fs = require('fs');
const args = JSON.parse(input);
(async () => {
  const out = [];
  for (const q of args.queries) {
    let bytes = 0; const files = [];
    const e = new pmkb.Engine(p => { const b = fs.readFileSync(args.dir + '/' + p); bytes += b.length; files.push(p); return Promise.resolve(JSON.parse(b)); });
    const r = await e.search(q.q, {prefixLast: !!q.prefixLast, filters: q.filters || {}});
    const top = r.hits.slice(0, args.limit);
    const docs = await e.docs(top.map(h => h.doc));
    out.push({total: r.total, ids: docs.map(d => d.id), scores: top.map(h => h.score), hints: r.hints.map(h => pmkb.hintText(h, 'en')), bytes, files});
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });`
	var res []jsResult
	if err := json.Unmarshal(runNode(t, prog, in), &res); err != nil {
		t.Fatal(err)
	}
	if len(res) != len(queries) {
		t.Fatalf("search.js answered %d of %d queries", len(res), len(queries))
	}
	return res
}

func (r jsResult) String() string { return fmt.Sprintf("total %d %v %v", r.Total, r.IDs, r.Scores) }

// cliIndex is the CLI's engine over kb: a bleve cache of its postmortems
// in a temporary folder, closed when the test ends.
func cliIndex(t testing.TB, kb *model.KnowledgeBase) *Index {
	t.Helper()
	ix, err := OpenCache(t.TempDir(), &kb.Config, entriesOf(kb.Postmortems, "1"), newKBLoader(kb.Postmortems).load)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// bothEngines sets up the two engines the agreement tests compare over
// kb: the browser's export written to a folder (for search.js), and the
// CLI's index.
func bothEngines(t testing.TB, kb *model.KnowledgeBase) (dir string, ix *Index) {
	t.Helper()
	files, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	return writeFiles(t, files), cliIndex(t, kb)
}

// goEngine builds the Go engine over kb (its analyzer and in-memory
// index) and writes the index's export to a folder for search.js: the
// agreement tests compare the two over the same index.
func goEngine(t testing.TB, kb *model.KnowledgeBase) (a *Analyzer, m *memIndex, dir string) {
	t.Helper()
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	m, err = buildMemIndex(kb, a)
	if err != nil {
		t.Fatal(err)
	}
	files, err := exportIndex(m, kb)
	if err != nil {
		t.Fatal(err)
	}
	return a, m, writeFiles(t, files)
}
