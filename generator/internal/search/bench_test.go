package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/internal/benchtest"
	"github.com/pmkb/pmkb/generator/internal/output"
)

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func benchExport(b *testing.B, n int) {
	kb, _ := corpusKB(b, n)
	s, err := NewSiteIndex(kb)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var files []output.File
	start := benchtest.CPUTime()
	for i := 0; i < b.N; i++ {
		if files, err = s.Export(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
	b.StopTimer()
	size, gz := 0, 0
	for _, f := range files {
		size += len(f.Data)
		gz += gzipSize(f.Data)
	}
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(gz)/1e6, "MB-gzip")
	b.ReportMetric(float64(len(files)), "files")
}

func BenchmarkExport1k(b *testing.B)  { benchExport(b, 1000) }
func BenchmarkExport10k(b *testing.B) { benchExport(b, 10000) }

// BenchmarkAnalyse10k is the analysis every build does once (NewSiteIndex);
// it reports the heap the analysed index keeps.
func BenchmarkAnalyse10k(b *testing.B) {
	kb, _ := corpusKB(b, 10000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	var s *SiteIndex
	start := benchtest.CPUTime()
	for i := 0; i < b.N; i++ {
		var err error
		if s, err = NewSiteIndex(kb); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(s)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "MB-kept")
}

func benchSimilar(b *testing.B, n int) {
	kb, _ := corpusKB(b, n)
	s, err := NewSiteIndex(kb)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := benchtest.CPUTime()
	for i := 0; i < b.N; i++ {
		s.Similar(5)
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}

func BenchmarkSimilar2k(b *testing.B)  { benchSimilar(b, 2000) }
func BenchmarkSimilar10k(b *testing.B) { benchSimilar(b, 10000) }

// benchCache builds the bleve cache of an n-postmortem corpus once.
func benchCache(b *testing.B, n int) (string, []Entry, Loader, *kbLoader) {
	kb, _ := corpusKB(b, n)
	dir := b.TempDir()
	l := newKBLoader(kb.Postmortems)
	entries := entriesOf(kb.Postmortems, "1")
	start := time.Now()
	ix, err := OpenCache(dir, &kb.Config, entries, l.load)
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	size := int64(0)
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	b.Logf("cold cache of %d postmortems built in %v, %.1f MB on disk", n, time.Since(start).Round(time.Millisecond), float64(size)/1e6)
	return dir, entries, l.load, l
}

// BenchmarkQueryWarm10k is one `pmkb search` over a warm cache: open the
// cache (nothing changed), answer a query, close.
func BenchmarkQueryWarm10k(b *testing.B) {
	dir, entries, load, l := benchCache(b, 10000)
	kb, _ := corpusKB(b, 10000)
	queries := []string{"database failover", "証明書", "certif*", `"connection pool" severity:SEV1`}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := OpenCache(dir, &kb.Config, entries, load)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Query(context.Background(), ix, queries[i%len(queries)], 10); err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
	b.StopTimer()
	if len(l.asked) != 10000 {
		b.Fatalf("warm opens parsed files again: %d", len(l.asked))
	}
}

// BenchmarkBrowser10k reports what the browser downloads for its first
// query on a 10,000-postmortem site (script, index files, the top-10
// results' documents; raw and gzip bytes) and how long search.js takes to
// answer once the files are loaded.
func BenchmarkBrowser10k(b *testing.B) { benchBrowser(b, 10000) }
func BenchmarkBrowser1k(b *testing.B)  { benchBrowser(b, 1000) }

func benchBrowser(b *testing.B, n int) {
	kb, _ := corpusKB(b, n)
	files, err := Export(kb)
	if err != nil {
		b.Fatal(err)
	}
	dir := writeFiles(b, files)
	script := shippedSearchJS(b)
	queries := []jsQuery{{Q: "database"}, {Q: "証明書"}, {Q: "certif", PrefixLast: true}, {Q: "timeout retry"}, {Q: "database severity:sev1"}}
	for i := 0; i < b.N; i++ {
		res := jsSearch(b, dir, queries, 10)
		for j, q := range queries {
			raw, gz := len(script), gzipSize(script)
			for _, f := range res[j].Files {
				data, err := os.ReadFile(dir + "/search/" + f)
				if err != nil {
					b.Fatal(err)
				}
				raw += len(data)
				gz += gzipSize(data)
			}
			name := strings.ReplaceAll(fmt.Sprintf("%q", q.Q), " ", "_")
			b.ReportMetric(float64(raw)/1000, name+"-kB")
			b.ReportMetric(float64(gz)/1000, name+"-kB-gzip")
		}
	}
	for _, f := range files {
		if f.Path == "search/facets.json" {
			b.ReportMetric(float64(len(f.Data))/1000, "facets-kB")
			b.ReportMetric(float64(gzipSize(f.Data))/1000, "facets-kB-gzip")
		}
	}
	b.ReportMetric(float64(len(script))/1000, "script-kB")
	b.ReportMetric(float64(gzipSize(script))/1000, "script-kB-gzip")
	ms := jsTimings(b, dir, queries)
	for j, q := range queries {
		b.ReportMetric(ms[j], strings.ReplaceAll(fmt.Sprintf("%q", q.Q), " ", "_")+"-ms")
	}
}

// jsTimings times search.js per query once its files are loaded (the
// second run of the same query on one engine, best of five).
func jsTimings(b *testing.B, dir string, queries []jsQuery) []float64 {
	in, _ := json.Marshal(map[string]any{"dir": dir + "/search", "queries": queries})
	prog := `const fs = require('fs');
const args = JSON.parse(input);
(async () => {
  const out = [];
  for (const q of args.queries) {
    const e = new pmkb.Engine(p => Promise.resolve(JSON.parse(fs.readFileSync(args.dir + '/' + p))));
    const opts = {prefixLast: !!q.prefixLast};
    await e.facetCounts(await e.search(q.q, opts));
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      const r = await e.search(q.q, opts);
      await e.docs(r.hits.slice(0, 10).map(h => h.doc));
      await e.facetCounts(r);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    out.push(best);
  }
  process.stdout.write(JSON.stringify(out));
})();`
	var ms []float64
	if err := json.Unmarshal(runNode(b, prog, in), &ms); err != nil {
		b.Fatal(err)
	}
	return ms
}

func BenchmarkAnalyse2k(b *testing.B) {
	kb, _ := corpusKB(b, 2000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := NewSiteIndex(kb); err != nil {
			b.Fatal(err)
		}
	}
}
