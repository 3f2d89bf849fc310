package search

import (
	"context"
	"slices"
	"testing"
)

// goSearch ranks a query with the Go engine over src.
func goSearch(t *testing.T, src termSource, a *Analyzer, q jsQuery, limit int) jsResult {
	t.Helper()
	pq := parseQuery(q.Q, a, q.PrefixLast)
	for k, v := range q.Filters {
		pq.Filters[k] = append(pq.Filters[k], v...)
	}
	hits, err := rank(context.Background(), src, pq)
	if err != nil {
		t.Fatal(err)
	}
	r := jsResult{Total: len(hits)}
	for _, h := range hits[:min(limit, len(hits))] {
		r.IDs = append(r.IDs, src.docList()[h.Doc].ID)
		r.Scores = append(r.Scores, h.Score)
	}
	return r
}

// agreementQueries are run over the generated corpus by the agreement tests.
func agreementQueries(words []string) []jsQuery {
	qs := []jsQuery{
		{Q: "database"}, {Q: "certificate expired"}, {Q: "certif*"}, {Q: "deploy rollback"},
		{Q: `"connection pool"`}, {Q: "dns"}, {Q: "severity:SEV1 database"}, {Q: "severity:SEV2"},
		{Q: "latency", Filters: map[string][]string{"severity": {"SEV1", "SEV2"}}},
		{Q: "証明書"}, {Q: "障害"}, {Q: "デプロイ"}, {Q: "config"}, {Q: "conf", PrefixLast: true},
		{Q: "timeout retry"}, {Q: "the"}, {Q: "year:2024 cache"}, {Q: "alert*"}, {Q: "データ*"},
		{Q: "capacity disk"}, {Q: "checkout-api"},
	}
	for i, w := range words {
		if i%7 == 0 {
			qs = append(qs, jsQuery{Q: w})
		}
	}
	return qs
}

// TestAgreementExport checks that search.js over the exported files ranks
// exactly as the Go engine over the same index.
func TestAgreementExport(t *testing.T) {
	kb, c := corpusKB(t, 400)
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	m := buildMemIndex(kb, a)
	files, err := exportIndex(m, kb)
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, files)
	var words []string
	for w := range c.Truth.Words {
		words = append(words, w)
	}
	slices.Sort(words)
	qs := agreementQueries(words)
	got := jsSearch(t, dir, qs, 10)
	nonEmpty := 0
	for i, q := range qs {
		want := goSearch(t, m, a, q, 10)
		if want.Total > 0 {
			nonEmpty++
		}
		if got[i].Total != want.Total || !slices.Equal(got[i].IDs, want.IDs) || !slices.Equal(got[i].Scores, want.Scores) {
			t.Errorf("query %+v:\n go        %v\n search.js %v", q, want, got[i])
		}
	}
	if nonEmpty < len(qs)/2 {
		t.Errorf("only %d of %d queries found anything; the test proves little", nonEmpty, len(qs))
	}
}
