package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestQueryFetchesOnlyItsShards: a query downloads only the parts of the
// index that hold its terms, not the whole index (QA 14 C-F4: search.js
// could fetch every dictionary shard and no test failed). For each query,
// a first query of a fresh engine, the files search.js fetched must be
// exactly: meta.json; the dictionary shard of each term of the Go
// engine's parse of the query (fnv32a of its shard key, mod meta.json's
// shards); the postings file its dictionary entry names, and for a phrase
// the positions file too; for a prefix, its shard and the postings of the
// terms it expands to (the most frequent, up to meta.json's maxExp);
// facets.json for a filter; and the document file of each hit shown.
func TestQueryFetchesOnlyItsShards(t *testing.T) {
	kb, _ := corpusKB(t, 400)
	files, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, files)
	ix := readExport(t, filepath.Join(dir, "search"))
	if ix.meta.Shards < 20 || ix.postingsFiles < 20 {
		t.Fatalf("%d dictionary shards and %d postings files: too few for the test to tell a query's from all", ix.meta.Shards, ix.postingsFiles)
	}
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	qs := []jsQuery{
		{Q: "database"}, {Q: "certificate expired"}, {Q: "deploy rollback"}, {Q: "dns"},
		{Q: `"connection pool"`}, {Q: "証明書"}, {Q: "障害"}, {Q: "TLS証明書"},
		{Q: "certif*"}, {Q: "conf", PrefixLast: true}, {Q: "co*"}, {Q: "データ*"}, {Q: "デ*"},
		{Q: "severity:SEV1 database"}, {Q: "latency", Filters: map[string][]string{"severity": {"SEV2"}}},
		{Q: "database -timeout"},
	}
	const limit = 10
	got := jsSearch(t, dir, qs, limit)
	for i, q := range qs {
		r := got[i]
		if r.Total == 0 {
			t.Errorf("%q found nothing; the test wants queries that find something", q.Q)
			continue
		}
		want := ix.wantFiles(t, q, a)
		for _, id := range r.IDs {
			want = append(want, fmt.Sprintf("d/%d.json", ix.docNum[id]/ix.meta.Bucket))
		}
		slices.Sort(want)
		want = slices.Compact(want)
		fetched := slices.Sorted(slices.Values(r.Files))
		if !slices.Equal(fetched, want) {
			t.Errorf("%q fetched %v\nwant %v", q.Q, fetched, want)
		}
		if n, all := countIndexFiles(fetched), ix.meta.Shards+2*ix.postingsFiles; n*10 > all {
			t.Errorf("%q fetched %d of the %d dictionary, postings and positions files", q.Q, n, all)
		}
	}
}

// exportFiles is what a test reads back of an export: meta.json, every
// term's dictionary shard and entry, and the document number of each id.
type exportFiles struct {
	meta          exportMeta
	shardOf       map[string]int
	entry         map[string][]int
	docNum        map[string]int
	postingsFiles int
}

func readExport(t *testing.T, dir string) *exportFiles {
	t.Helper()
	ix := &exportFiles{shardOf: map[string]int{}, entry: map[string][]int{}, docNum: map[string]int{}}
	readJSON := func(name string, v any) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(unstamp(b), v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	readJSON("meta.json", &ix.meta)
	for s := range ix.meta.Shards {
		var dict map[string][]int
		readJSON(fmt.Sprintf("t/%d.json", s), &dict)
		for term, e := range dict {
			ix.shardOf[term], ix.entry[term] = s, e
			ix.postingsFiles = max(ix.postingsFiles, e[0]+1)
		}
	}
	for f := 0; ; f++ {
		name := fmt.Sprintf("d/%d.json", f)
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			break
		}
		var docs [][]any
		readJSON(name, &docs)
		for i, d := range docs {
			ix.docNum[d[0].(string)] = f*ix.meta.Bucket + i
		}
	}
	if len(ix.docNum) != ix.meta.Docs {
		t.Fatalf("read %d documents, meta.json says %d", len(ix.docNum), ix.meta.Docs)
	}
	return ix
}

// shard is the dictionary shard of a shard key, as the export documents it.
func (ix *exportFiles) shard(key string) string {
	h := fnv.New32a()
	h.Write([]byte(key))
	return fmt.Sprintf("t/%d.json", h.Sum32()%uint32(ix.meta.Shards))
}

// termShard is the dictionary shard of term, checked against where the
// export put it.
func (ix *exportFiles) termShard(t *testing.T, term string) string {
	t.Helper()
	key, _ := shardKey(term)
	name := ix.shard(key)
	if s, ok := ix.shardOf[term]; ok && fmt.Sprintf("t/%d.json", s) != name {
		t.Fatalf("term %q is in t/%d.json, its shard key %q names %s", term, s, key, name)
	}
	return name
}

func (ix *exportFiles) postings(term string) string {
	return fmt.Sprintf("p/%d.json", ix.entry[term][0])
}

// wantFiles are the index files a first query q fetches, but for its
// documents: the files of the terms of the Go engine's parse of q.
func (ix *exportFiles) wantFiles(t *testing.T, q jsQuery, a *Analyzer) []string {
	t.Helper()
	pq := parseQuery(q.Q, a, q.PrefixLast)
	want := []string{"meta.json"}
	if len(q.Filters) > 0 || len(pq.Filters) > 0 || len(pq.NotFilters) > 0 {
		want = append(want, "facets.json")
	}
	clauses := pq.Clauses
	for _, cs := range pq.Exclude {
		clauses = append(clauses, cs...)
	}
	for _, c := range clauses {
		switch c.Kind {
		case "term":
			want = append(want, ix.termShard(t, c.Terms[0]))
			if _, ok := ix.entry[c.Terms[0]]; ok {
				want = append(want, ix.postings(c.Terms[0]))
			}
		case "phrase":
			all := true
			for _, term := range c.Terms {
				want = append(want, ix.termShard(t, term))
				_, ok := ix.entry[term]
				all = all && ok
			}
			if all {
				for _, term := range c.Terms {
					want = append(want, ix.postings(term), strings.Replace(ix.postings(term), "p/", "q/", 1))
				}
			}
		default: // a prefix and the terms it stands for, the most frequent first
			key, _ := prefixKey(c.Terms[0])
			want = append(want, ix.shard(key))
			var exps []string
			if c.Word != "" {
				want = append(want, ix.termShard(t, c.Word))
				if ix.dfSum(c.Word) > 0 {
					exps = append(exps, c.Word)
				}
			}
			var cands []string
			for term := range ix.entry {
				if term != c.Word && strings.HasPrefix(term, c.Terms[0]) && ix.dfSum(term) > 0 {
					cands = append(cands, term)
				}
			}
			slices.SortFunc(cands, func(x, y string) int {
				return cmp.Or(cmp.Compare(ix.dfSum(y), ix.dfSum(x)), strings.Compare(x, y))
			})
			exps = append(exps, cands[:min(len(cands), ix.meta.MaxExp-len(exps))]...)
			for _, term := range exps {
				want = append(want, ix.postings(term))
			}
		}
	}
	return want
}

func (ix *exportFiles) dfSum(term string) int {
	n := 0
	for _, df := range ix.entry[term][min(1, len(ix.entry[term])):] {
		n += df
	}
	return n
}

// countIndexFiles counts the dictionary, postings and positions files of
// names.
func countIndexFiles(names []string) int {
	n := 0
	for _, name := range names {
		if strings.HasPrefix(name, "t/") || strings.HasPrefix(name, "p/") || strings.HasPrefix(name, "q/") {
			n++
		}
	}
	return n
}
