package search

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// relaxQueries are queries that find nothing as written because of words
// no postmortem has (a pasted log line's timestamp, pid, request id) or an
// unspaced Japanese run written with another particle than the
// postmortems' (QA 16 C-F1, C-F3), for the agreement tests.
var relaxQueries = []jsQuery{
	{Q: "03:12:44 ERROR upstream returned status 503 request_id=deadbeef"},
	{Q: "2026-11-28 03:12:44.001 UTC [99999] sorry, too many clients already"},
	{Q: "証明書が期限切れ"}, {Q: "証明書期限切れ"}, {Q: "名前解決に失敗"}, {Q: "名前解決が失敗"}, {Q: "DNS 名前解決の失敗"},
	{Q: "上限に達した"}, {Q: `"証明書が期限切れ"`}, {Q: "03:12:44 certi"}, {Q: "zzzqqq"}, {Q: "zzzqqq yyyxxx"},
	{Q: "zzzqqq certficate"}, {Q: "certficate 03:12:44"}, {Q: "dns zzzqqq -zone"}, {Q: "zzzqqq -dns"},
	{Q: "zzzqqq severity:SEV1 database"}, {Q: "database zzzqqq", Filters: map[string][]string{"severity": {"SEV9"}}},
	{Q: `"connection pool exhausted zzzqqq" database`}, {Q: "ぁぁぁぁ"}, {Q: "HTTP/1.1 503 Service Unavailable"},
	{Q: "503 upstream connect error or disconnect/reset before headers. reset reason: connection failure"},
	{Q: "certificate zzzqqq", PrefixLast: true}, {Q: "Alertmanager ルーティング"}, {Q: "rotation 名前解決が失敗"},
}

// TestRelaxedQueryFindsThePostmortem checks that a pasted log line whose
// timestamp and pid no postmortem has, and a Japanese run with another
// particle, find the postmortem they come from on the sample content,
// with a hint that says what was left out (QA 16 C-F1, C-F3); and that a
// query with nothing left to search says so.
func TestRelaxedQueryFindsThePostmortem(t *testing.T) {
	ix := cliIndex(t, sampleKB(t))
	tests := []struct {
		q, id string
		hints []string
	}{
		{"2026-11-28 03:12:44.001 UTC [99999] sorry, too many clients already", "2026-08-26-orders-db-failover-connection-limit",
			[]string{`no postmortem has "2026-11-28", "03:12:44.001", "[99999]"; showing postmortems without them`}},
		{"名前解決に失敗", "2026-06-17-dns-zone-delegation-dnssec", []string{`no postmortem has "名前解決に失敗" as written; showing postmortems with its words`}},
		{"名前解決が失敗", "2026-06-17-dns-zone-delegation-dnssec", []string{`no postmortem has "名前解決が失敗" as written; showing postmortems with its words`}},
		{"dns dnssec severity:SEV1 zzzqqq", "2026-06-17-dns-zone-delegation-dnssec", []string{`no postmortem has "zzzqqq"; showing postmortems without it`}},
		// One word of two kept is too little to relax (review 16 search-1).
		{"dns severity:SEV1 zzzqqq", "", []string{`no postmortem has the word "zzzqqq"`}},
		{"zzzqqq yyyxxx", "", []string{`no postmortem has any of the words "zzzqqq", "yyyxxx"`}},
		{"zzzqqq", "", []string{`no postmortem has the word "zzzqqq"`}},
		// A run searched as its words that still finds nothing is named.
		{"rotation 名前解決が失敗", "", []string{`no postmortem has the word "名前解決が失敗"`}},
		{"rotation zzzqqq 名前解決が失敗", "", []string{`no postmortem has the words "zzzqqq", "名前解決が失敗"`}},
		// A word with a typo hint is not named twice.
		{"certficate", "", []string{`no postmortem has the word "certficate"; did you mean "certificate"?`}},
		// Filters and excluded words are never relaxed.
		{"zzzqqq severity:SEV9", "", []string{`no postmortem has severity "SEV9"`, `no postmortem has the word "zzzqqq"`}},
		{"zzzqqq -dns", "", nil},
	}
	for _, tc := range tests {
		r, err := Query(context.Background(), ix, tc.q, 5)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		if (tc.id == "") != (r.Total == 0) || (tc.id != "" && !slices.Contains(ids, tc.id)) {
			t.Errorf("%q: %d hits %v, want %q among them", tc.q, r.Total, ids, tc.id)
		}
		if tc.hints != nil && !slices.Equal(r.Hints, tc.hints) {
			t.Errorf("%q: hints\n %q\nwant\n %q", tc.q, r.Hints, tc.hints)
		}
	}
}

// TestRelaxedCorpus checks the examples of QA 16 C-F1 and C-F3 on a
// generated corpus: the log line with another request id finds the
// postmortems with its message, 証明書が期限切れ and 証明書期限切れ those that
// write 証明書の期限切れ; and that search.js answers every relaxed query
// as pmkb search does, hints included.
func TestRelaxedCorpus(t *testing.T) {
	kb, _ := corpusKB(t, 400)
	dir, ix := bothEngines(t, kb)
	atLeast := func(q string, min int, of string) {
		t.Helper()
		r, err := Query(context.Background(), ix, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		w, err := Query(context.Background(), ix, of, 0)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total < min || r.Total < w.Total || len(r.Hints) == 0 {
			t.Errorf("%q: %d hits %q; want at least %d and the %d of %q", q, r.Total, r.Hints, min, w.Total, of)
		}
	}
	atLeast("03:12:44 ERROR upstream returned status 503 request_id=deadbeef", 10, "ERROR upstream returned status 503")
	atLeast("証明書が期限切れ", 3, "証明書の期限切れ")
	atLeast("証明書期限切れ", 3, "証明書の期限切れ")
	got := jsSearch(t, dir, relaxQueries, 10)
	for i, q := range relaxQueries {
		want := cliResult(t, ix, q, 10)
		if got[i].Total != want.Total || !slices.Equal(got[i].IDs, want.IDs) || !slices.Equal(got[i].Scores, want.Scores) || !slices.Equal(got[i].Hints, want.Hints) {
			t.Errorf("query %+v:\n cli       %v %q\n search.js %v %q", q, want, want.Hints, got[i], got[i].Hints)
		}
	}
	// Relaxing fetches no dictionary shard but those of the query's own
	// terms (its words, and its last word as a prefix).
	var meta struct{ Shards int }
	if b, err := os.ReadFile(filepath.Join(dir, "search", "meta.json")); err != nil || json.Unmarshal(b, &meta) != nil || meta.Shards == 0 {
		t.Fatalf("meta.json: %v", err)
	}
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range relaxQueries {
		own := map[string]bool{}
		for _, prefixLast := range []bool{false, true} {
			pq := parseQuery(q.Q, a, prefixLast)
			for _, c := range slices.Concat(pq.Clauses, slices.Concat(pq.Exclude...)) {
				for _, term := range c.Terms {
					k, _ := shardKey(term)
					h := fnv.New32a()
					h.Write([]byte(k))
					own[fmt.Sprintf("t/%d.json", h.Sum32()%uint32(meta.Shards))] = true
				}
			}
		}
		for _, f := range got[i].Files {
			if strings.HasPrefix(f, "t/") && !own[f] {
				t.Errorf("%q: search.js fetched %s, the shard of none of its terms", q.Q, f)
			}
		}
	}
}
