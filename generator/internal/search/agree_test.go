package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// goSearch ranks a query with the Go engine over src.
func goSearch(t *testing.T, src termSource, a *Analyzer, q jsQuery, limit int) jsResult {
	t.Helper()
	hits, _, _, err := runQuery(context.Background(), src, a, q.Q, q.PrefixLast, q.Filters)
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
		{Q: "capacity disk"}, {Q: "checkout-api"}, {Q: `"connection pool" severity:SEV1`},
		{Q: "ｄｎｓ　障害"}, {Q: `cause:"expired-certificate" deploy`}, {Q: `"unterminated phrase`},
		// No exact match: the last word is retried as a prefix.
		{Q: "certi"}, {Q: "deplo"}, {Q: "database conn"}, {Q: "latenc", Filters: map[string][]string{"severity": {"SEV2"}}},
		{Q: "d"}, {Q: `"conn"`}, {Q: "conn*"}, {Q: "severity:SEV1 datab"},
		// A phrase still open is retried so too (QA 18 b-F6).
		{Q: `"conn`}, {Q: `"connection po`}, {Q: `database "connection po`}, {Q: `"connection po`, PrefixLast: true},
		{Q: `severity:SEV1 "connection po`}, {Q: `"connection pool" "database conn`},
		// Words mixing Latin and CJK are split at the script boundary.
		{Q: "DNS障害"}, {Q: "ＤＮＳ障害"}, {Q: "TLS証明書"}, {Q: "障害dns"}, {Q: "DNS障", PrefixLast: true},
		// Tags: words ranked with the title's weight, and the tag: filter.
		{Q: "oncall"}, {Q: "postgres"}, {Q: "tag:postgres"}, {Q: "tag:tls database"}, {Q: "tag:TLS tag:cdn"},
		{Q: "latency", Filters: map[string][]string{"tag": {"kubernetes", "cdn"}}}, {Q: "vendor*"},
	}
	qs = append(qs, relaxQueries...)
	for i, w := range words {
		if i%7 == 0 {
			qs = append(qs, jsQuery{Q: w})
		}
		if i%29 == 0 { // an exclusion, alone and after another word
			qs = append(qs, jsQuery{Q: "-" + w}, jsQuery{Q: "database -" + w})
		}
	}
	return qs
}

// TestAgreementExport checks that search.js over the exported files ranks
// exactly as the Go engine over the same index.
func TestAgreementExport(t *testing.T) {
	kb, c := corpusKB(t, 400)
	a, m, dir := goEngine(t, kb)
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

// cliResult runs q through Query over the bleve cache.
func cliResult(t *testing.T, ix *Index, q jsQuery, limit int) jsResult {
	t.Helper()
	text := q.Q
	for _, name := range facetNames {
		for _, v := range q.Filters[name] {
			text += " " + name + ":" + v
		}
	}
	if q.PrefixLast {
		text += "*"
	}
	res, err := Query(context.Background(), ix, text, limit)
	if err != nil {
		t.Fatal(err)
	}
	r := jsResult{Total: res.Total, Hints: res.Hints}
	for _, h := range res.Hits {
		r.IDs = append(r.IDs, h.ID)
		r.Scores = append(r.Scores, h.Score)
	}
	return r
}

// TestAgreementSampleContent runs the agreement check over the sample
// knowledge base of the repository: search.js over the export and the CLI
// over a bleve cache give the same top 10.
func TestAgreementSampleContent(t *testing.T) {
	kb := sampleKB(t)
	dir, ix := bothEngines(t, kb)
	qs := []jsQuery{
		{Q: "certificate"}, {Q: "certif*"}, {Q: "証明書"}, {Q: "dns"}, {Q: "deploy"}, {Q: "database"},
		{Q: "config*"}, {Q: "timeout"}, {Q: "障害"}, {Q: "alert"}, {Q: "cache"}, {Q: `"rate limit"`},
		{Q: "severity:SEV1"}, {Q: "latency", Filters: map[string][]string{"severity": {"SEV2"}}},
		{Q: "デ", PrefixLast: true}, {Q: "queue"}, {Q: "network partition"}, {Q: "rollback"},
		// The URL a user typed into gives what typing showed (QA: postgres
		// found 3 while typing and nothing from the URL).
		{Q: "postgres"}, {Q: "cer"}, {Q: "kube"}, {Q: "certficate"}, {Q: "postgre", Filters: map[string][]string{"severity": {"SEV1", "SEV2"}}},
		{Q: "DNS障害"}, {Q: "ＤＮＳ障害"}, {Q: "TLS証明書"}, {Q: "mTLS証明書"},
		// Typos get the same suggestions.
		{Q: "kuberntes"}, {Q: "postgress"}, {Q: "datbase rollbak"}, {Q: "relevance"},
		// Tags are words and a filter (QA: repeat-incident, private-link
		// and 再発 found nothing).
		{Q: "repeat-incident"}, {Q: "private-link"}, {Q: "再発"}, {Q: "pgbouncer"}, {Q: "tag:repeat-incident"},
		{Q: "tag:tls certificate"}, {Q: "dns", Filters: map[string][]string{"tag": {"kubernetes", "再発"}}},
		{Q: "tag:PostgreSQL"}, {Q: `tag:"DS レコード"`}, {Q: "tag:nosuch"}, {Q: "tags:tls"}, {Q: "tag:"},
		// Too short for a prefix, and phrases in single quotes (qa9-b #6).
		{Q: "q*"}, {Q: "c*"}, {Q: "certificate q"}, {Q: "'quoted'"}, {Q: "'connection pool'"},
		// Exclusions (QA 12 F4), alone, with a retried prefix, with filters;
		// OR explained with hits; a filter value's did-you-mean (F10).
		{Q: "dns -zone"}, {Q: "dns NOT zone"}, {Q: `dns -"forward zone"`}, {Q: "-zone"}, {Q: "-dns -証明書"},
		{Q: "certi -zone"}, {Q: "dns -severity:SEV1"}, {Q: "-system:checkout-api", Filters: map[string][]string{"severity": {"SEV1"}}},
		{Q: "dns -forw*"}, {Q: "zzqqxx -zone"}, {Q: "dns OR certificate"}, {Q: "dns -severity:SEV9 zzqqxx"},
		{Q: "dns -system:checkout"}, {Q: "certi -cause:certificate"}, {Q: "dns -severity:SEV9 -year:2204"},
		{Q: "system:checkout certificate"}, {Q: "cause:certificate"}, {Q: "team:pay"}, {Q: "system:chekout-api"},
		// Dashes that are no exclusion, and NOT with nothing after it
		// (review: search.js read "--zone" as an exclusion once its
		// check of the second dash was removed, and no test failed).
		{Q: "dns --zone"}, {Q: "dns - zone"}, {Q: "dns NOT"}, {Q: `"-zone" dns`}, {Q: "dns -－zone"},
		// Operators typed in full width (QA 14 B-F8).
		{Q: "dns ＮＯＴ zone"}, {Q: "dns ＯＲ certificate"}, {Q: "zzqqxx ＯＲ dns"}, {Q: "dns ｎｏｔ zone"},
		// Invisible characters pasted around a filter or a minus (QA 21r F1).
		{Q: "severity:SEV1\u200b"}, {Q: "\u200bseverity:SEV1"}, {Q: "dns \u200b-zone"}, {Q: "dns -\u00adzone"},
		{Q: "\ufeffcertificate \u2060NOT zone"},
		// A colon word is no filter typed wrong when it finds a postmortem
		// (ndots:5), nor when its name is near no filter name: it is then
		// named with the words no postmortem has (QA 21r F5).
		{Q: "ndots:5"}, {Q: "ndots:5 zzqqxx"}, {Q: "ndots:5 nosuchword:other"}, {Q: "nosuchword:other"},
		{Q: "ERROR:timeout zzqqxx"}, {Q: "status:open certificate"}, {Q: "sev:SEV1 zzqqxx"}, {Q: "sev:SEV1"},
		{Q: "systems:checkout-api"}, {Q: "teams:payments dns"},
	}
	qs = append(qs, relaxQueries...)
	got := jsSearch(t, dir, qs, 10)
	nonEmpty, hinted := 0, 0
	for i, q := range qs {
		want := cliResult(t, ix, q, 10)
		if want.Total > 0 {
			nonEmpty++
		}
		if len(want.Hints) > 0 {
			hinted++
		}
		if got[i].Total != want.Total || !slices.Equal(got[i].IDs, want.IDs) || !slices.Equal(got[i].Scores, want.Scores) || !slices.Equal(got[i].Hints, want.Hints) {
			t.Errorf("query %+v:\n cli       %v\n search.js %v", q, want, got[i])
		}
	}
	if nonEmpty < len(qs)/2 {
		t.Errorf("only %d of %d queries found anything in the sample content", nonEmpty, len(qs))
	}
	if hinted < 8 {
		t.Errorf("only %d queries had hints; the test proves little about them", hinted)
	}
}

// sampleKB loads the sample knowledge base of the repository, as built on
// 2026-11-27.
func sampleKB(t *testing.T) *model.KnowledgeBase {
	t.Helper()
	root := os.DirFS(filepath.Join("..", "..", ".."))
	cfg, _, diags := source.LoadConfig(root)
	if diags.HasErrors() {
		t.Fatalf("sample config: %v", diags)
	}
	pms, _ := source.Load(root, &cfg)
	if len(pms) < 5 {
		t.Fatalf("sample content has %d postmortems", len(pms))
	}
	return model.New(cfg, model.Date{Year: 2026, Month: 11, Day: 27}, pms)
}
