package search

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q          string
		prefixLast bool
		clauses    []clause
		filters    map[string][]string
	}{
		{q: "dns", clauses: []clause{{Kind: clauseTerm, Terms: []string{"dn"}}}},
		{q: "Certificates expired", clauses: []clause{{Kind: clauseTerm, Terms: []string{"certif"}}, {Kind: clauseTerm, Terms: []string{"expir"}}}},
		{q: "the of", clauses: nil},
		{q: `"connection pool" severity:SEV1 System:checkout-api`, clauses: []clause{{Kind: clausePhrase, Terms: []string{"connect", "pool"}, Offsets: []int{0, 1}}},
			filters: map[string][]string{"severity": {"SEV1"}, "system": {"checkout-api"}}},
		{q: `team:"site reliability" year:2024 year:2023`, filters: map[string][]string{"team": {"site reliability"}, "year": {"2024", "2023"}}},
		{q: "certif*", clauses: []clause{{Kind: clausePrefix, Terms: []string{"certif"}, Word: "certif"}}},
		{q: "certificat", prefixLast: true, clauses: []clause{{Kind: clausePrefix, Terms: []string{"certificat"}, Word: "certificat"}}},
		{q: "c*", clauses: []clause{{Kind: clauseTerm, Terms: []string{"c"}}}},
		{q: "証*", clauses: []clause{{Kind: clausePrefix, Terms: []string{"証"}, Word: "証"}}},
		{q: "証明書", clauses: []clause{{Kind: clausePhrase, Terms: []string{"証明", "明書"}, Offsets: []int{0, 1}}}},
		{q: "checkout-api", clauses: []clause{{Kind: clausePhrase, Terms: []string{"checkout", "api"}, Offsets: []int{0, 1}}}},
		{q: "ｄｎｓ　障害", clauses: []clause{{Kind: clauseTerm, Terms: []string{"dn"}}, {Kind: clauseTerm, Terms: []string{"障害"}}}},
		// A word mixing scripts is split where the analyzer splits a document.
		{q: "DNS障害", clauses: []clause{{Kind: clauseTerm, Terms: []string{"dn"}}, {Kind: clauseTerm, Terms: []string{"障害"}}}},
		{q: "ＤＮＳ障害", clauses: []clause{{Kind: clauseTerm, Terms: []string{"dn"}}, {Kind: clauseTerm, Terms: []string{"障害"}}}},
		{q: "TLS証明書", clauses: []clause{{Kind: clauseTerm, Terms: []string{"tl"}}, {Kind: clausePhrase, Terms: []string{"証明", "明書"}, Offsets: []int{0, 1}}}},
		{q: "mTLS証明書の期限", clauses: []clause{{Kind: clauseTerm, Terms: []string{"mtl"}}, {Kind: clausePhrase, Terms: []string{"証明", "明書", "書の", "の期", "期限"}, Offsets: []int{0, 1, 2, 3, 4}}}},
		{q: "障害DNS", clauses: []clause{{Kind: clauseTerm, Terms: []string{"障害"}}, {Kind: clauseTerm, Terms: []string{"dn"}}}},
		{q: "DNS障", prefixLast: true, clauses: []clause{{Kind: clauseTerm, Terms: []string{"dn"}}, {Kind: clausePrefix, Terms: []string{"障"}, Word: "障"}}},
		{q: `"DNS障害"`, clauses: []clause{{Kind: clausePhrase, Terms: []string{"dn", "障害"}, Offsets: []int{0, 1}}}},
		{q: "DB接続", clauses: []clause{{Kind: clauseTerm, Terms: []string{"db"}}, {Kind: clauseTerm, Terms: []string{"接続"}}}},
		// A one-CJK-rune word (or part) is a prefix, wherever it is; quoted, exact (qa7-a #3).
		{q: "30分 鍵を", clauses: []clause{{Kind: clauseTerm, Terms: []string{"30"}}, {Kind: clausePrefix, Terms: []string{"分"}, Word: "分"}, {Kind: clauseTerm, Terms: []string{"鍵を"}}}},
		{q: `"分"`, clauses: []clause{{Kind: clauseTerm, Terms: []string{"分"}}}},
		// Filters typed in Japanese input mode (qa7-a #18).
		{q: `severity：ＳＥＶ１ tag:"ディスク　容量"`, filters: map[string][]string{"severity": {"SEV1"}, "tag": {"ディスク 容量"}}},
		{q: "nosuch:value", clauses: []clause{{Kind: clauseTerm, Terms: []string{"nosuch:valu"}}}},
		{q: `"unterminated phrase`, clauses: []clause{{Kind: clausePhrase, Terms: []string{"untermin", "phrase"}, Offsets: []int{0, 1}}}},
	}
	for _, tc := range tests {
		pq := parseQuery(tc.q, a, tc.prefixLast)
		if tc.filters == nil {
			tc.filters = map[string][]string{}
		}
		if !reflect.DeepEqual(pq.Clauses, tc.clauses) || !reflect.DeepEqual(pq.Filters, tc.filters) {
			t.Errorf("parseQuery(%q) = %+v %v\n want %+v %v", tc.q, pq.Clauses, pq.Filters, tc.clauses, tc.filters)
		}
	}
}

func TestResultWriteText(t *testing.T) {
	r := &Result{Query: "dns", Total: 3, Hits: []Hit{{
		ID: "a", Title: "DNS \x1b[31mdown\x1b[0m\nagain", URL: "postmortems/a/", Score: 1.5,
		Snippet: "Resolvers\tfailed", Severity: "SEV1", Date: "2024-03-14", Systems: []string{"dns"},
	}}}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `3 postmortems match "dns" (showing 1)

 1. SEV1  2024-03-14  DNS [31mdown[0m again
    systems: dns
    postmortems/a/
    Resolvers failed
`
	if b.String() != want {
		t.Errorf("WriteText:\n%s\nwant:\n%s", b.String(), want)
	}
	j, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"query":"dns","total":3,"hits":[{"id":"a","title":"DNS \u001b[31mdown\u001b[0m\nagain","url":"postmortems/a/","score":1.5,"snippet":"Resolvers\tfailed"}]}`; string(j) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", j, want)
	}
}

// TestRetryPrefix checks that a query's retry with its last word as a
// prefix, made from the parsed query without parsing it again, is the
// query parseQuery makes with prefixLast, and which words can be retried.
func TestRetryPrefix(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q, prefix string // prefix "": no retry
	}{
		{"searc", "searc"},
		{"certificate expir", "expir"},
		{"dns severity:SEV1", "dns"},
		{"severity:SEV1 certif tag:postgres year:2024", "certif"},
		{"DNS障害", "障害"},
		{"障害DNS", "dns"},
		{"証明", "証明"},
		{"the certif", "certif"},
		{"certif the", "the"},
		{"dns c", ""},         // one rune
		{"DNS障", ""},          // one rune
		{`dns "cert"`, ""},    // quoted
		{"certif*", ""},       // already a prefix
		{"severity:SEV1", ""}, // filters only
		{"checkout-api", ""},  // two terms
		{"", ""},
	}
	for _, tc := range tests {
		pq := parseQuery(tc.q, a, false)
		got, prefix, ok := pq.retryPrefix(a)
		if prefix != tc.prefix || ok != (tc.prefix != "") {
			t.Errorf("%q: retry prefix %q %v, want %q", tc.q, prefix, ok, tc.prefix)
			continue
		}
		if !ok {
			continue
		}
		want := parseQuery(tc.q, a, true)
		if !reflect.DeepEqual(got.Clauses, want.Clauses) || !reflect.DeepEqual(got.Filters, want.Filters) || !reflect.DeepEqual(got.Words, want.Words) {
			t.Errorf("%q: retry %+v %v %q\n want %+v %v %q", tc.q, got.Clauses, got.Filters, got.Words, want.Clauses, want.Filters, want.Words)
		}
		if !reflect.DeepEqual(pq.Clauses, parseQuery(tc.q, a, false).Clauses) {
			t.Errorf("%q: retry changed the query it was made from: %+v", tc.q, pq.Clauses)
		}
	}
}
