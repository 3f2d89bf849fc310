package search

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// typeAheadQueries are dotted, underscored and hyphenated names cut short
// as they are while typed, for the agreement tests (QA 16 C-F2,
// type-ahead): each last word is a phrase whose last term is a prefix.
var typeAheadQueries = []jsQuery{
	{Q: "api.acme.ex"}, {Q: "api.acme.ex*"}, {Q: "acme.exa"}, {Q: "api.acme.e"}, {Q: "api.acme.ex", PrefixLast: true},
	{Q: "opensearch-pro"}, {Q: "opensearch-products.sea"}, {Q: "svc.cluster.loc"}, {Q: "cluster.lo"},
	{Q: "DB_MAX_CONN"}, {Q: "MAX_CONNEC"}, {Q: "DB_POOL_MAX_CO"}, {Q: "CERTIFICATE_VERIFY_FAI"}, {Q: "no_such_ho"},
	{Q: "certificate api.acme.ex"}, {Q: "dns -api.acme.ex*"}, {Q: "check-ap"}, {Q: "checkout-ap", PrefixLast: true},
	{Q: "repeat-inc"}, {Q: "orders-db-2.inter"}, {Q: "api.acme.zzq"},
}

// TestDottedPrefix checks that a dotted, underscored or hyphenated name
// being typed finds what the whole name finds, in the three engines with
// the same scores (QA 16 C-F2, type-ahead): api.acme.ex is api, acme and a
// term starting with "ex" at the next position. Before, a word of several
// terms was a phrase of them even as a prefix, and api.acme.ex found
// nothing until "example" was typed whole.
func TestDottedPrefix(t *testing.T) {
	checkThreeEngines(t, dottedKB(), []searchCase{
		{"api.acme.ex", []string{"gw-1"}},
		{"api.acme.ex*", []string{"gw-1"}},
		{"acme.exa", []string{"gw-1"}},
		{"status.acme.exam", []string{"gw-1"}},
		{"opensearch-pro", []string{"dns-2"}},
		{"opensearch-products.sea", []string{"dns-2"}},
		{"svc.cluster.loc", []string{"dns-2"}},
		{"DB_MAX_CONN", []string{"db-3"}},
		// As written MAX_CONN is the phrase max conn, which db-3 has
		// (DB_POOL_MAX_CONNS): it is not retried. MAX_CONNEC is.
		{"MAX_CONN", []string{"db-3"}},
		{"MAX_CONNEC", []string{"db-3", "max-6"}},
		{"DB_POOL_MAX_CO", []string{"db-3"}},
		{"CERTIFICATE_VERIFY_FAI", []string{"tls-4"}},
		{"reset_before_response_st", []string{"tls-4"}},
		{"certificate api.acme.ex", []string{"gw-1"}},
		// Stop words among the complete parts go as in a whole word:
		// no_such_ho is the prefix ho.
		{"no_such_ho", []string{"flag-7", "ip-5"}},
		// The phrase holds: acme then a term starting with "lo" is in no
		// postmortem.
		{"acme.lo", nil},
		// A last part of one letter is too short for a prefix.
		{"api.acme.e", nil},
		// A number's dots stay in the number: 10.0.0 is one term, the
		// prefix of 10.0.0.2.
		{"10.0.0", []string{"ip-5"}},
	})
}

// TestDottedPrefixHint checks the hint of a dotted name retried as a
// prefix: it names the word as written, the same in both engines.
func TestDottedPrefixHint(t *testing.T) {
	kb := dottedKB()
	dir, ix := bothEngines(t, kb)
	qs := []jsQuery{{Q: "api.acme.ex"}, {Q: "svc.cluster.loc"}}
	got := jsSearch(t, dir, qs, 10)
	for i, q := range qs {
		want := cliResult(t, ix, q, 10)
		hint := fmt.Sprintf("no exact match; showing words starting with %q", q.Q)
		if !slices.Equal(want.Hints, []string{hint}) || !slices.Equal(got[i].Hints, want.Hints) {
			t.Errorf("%q: hints cli %q, search.js %q, want %q", q.Q, want.Hints, got[i].Hints, hint)
		}
	}
}

// TestDottedPrefixSnippetMarks checks that the snippet of a dotted prefix
// marks the name from its first part to the end of the term the prefix
// stands for, in search.js and in the CLI, which cut the same snippet.
func TestDottedPrefixSnippetMarks(t *testing.T) {
	dir, ix := bothEngines(t, dottedKB())
	tests := []struct{ q, id, mark string }{
		{"api.acme.ex", "gw-1", "api.acme.example"},
		{"opensearch-pro", "dns-2", "opensearch-products"},
		{"DB_MAX_CONN", "db-3", "DB_MAX_CONNECTIONS"},
	}
	var qs []jsQuery
	for _, tt := range tests {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsSnippets(t, dir, qs, 10)
	for i, tt := range tests {
		hits := cliSnippets(t, ix, tt.q, 10)
		if len(js[i]) == 0 || len(hits) == 0 || js[i][0].ID != tt.id || hits[0].ID != tt.id {
			t.Errorf("%s: search.js %v, cli %v, want %s", tt.q, js[i], hits, tt.id)
			continue
		}
		if !slices.Contains(js[i][0].Marks, tt.mark) {
			t.Errorf("%s: search.js marks %q, want %q among them", tt.q, js[i][0].Marks, tt.mark)
		}
		rs := []rune(hits[0].Snippet)
		var marked []string
		for _, sp := range hits[0].SnippetMarks {
			marked = append(marked, string(rs[sp.Start:sp.End]))
		}
		if !slices.Contains(marked, tt.mark) {
			t.Errorf("%s: cli marks %q, want %q among them", tt.q, marked, tt.mark)
		}
		if hits[0].Snippet != js[i][0].Text {
			t.Errorf("%s: cli snippet %q, search.js %q", tt.q, hits[0].Snippet, js[i][0].Text)
		}
	}
}

// TestAgreementTypeAhead runs the type-ahead queries through the agreement
// checks: search.js over the export and the Go engine over the same index
// on a generated corpus, and search.js and the CLI on the sample content
// (top 10, scores and hints).
func TestAgreementTypeAhead(t *testing.T) {
	kb, _ := corpusKB(t, 400)
	a, m, dir := goEngine(t, kb)
	got := jsSearch(t, dir, typeAheadQueries, 10)
	for i, q := range typeAheadQueries {
		want := goSearch(t, m, a, q, 10)
		if got[i].Total != want.Total || !slices.Equal(got[i].IDs, want.IDs) || !slices.Equal(got[i].Scores, want.Scores) {
			t.Errorf("corpus %+v:\n go        %v\n search.js %v", q, want, got[i])
		}
	}

	dir, ix := bothEngines(t, sampleKB(t))
	got = jsSearch(t, dir, typeAheadQueries, 10)
	found := 0
	for i, q := range typeAheadQueries {
		want := cliResult(t, ix, q, 10)
		if want.Total > 0 {
			found++
		}
		if got[i].Total != want.Total || !slices.Equal(got[i].IDs, want.IDs) || !slices.Equal(got[i].Scores, want.Scores) || !slices.Equal(got[i].Hints, want.Hints) {
			t.Errorf("sample %+v:\n cli       %v %q\n search.js %v %q", q, want, want.Hints, got[i], got[i].Hints)
		}
	}
	if found < len(typeAheadQueries)/2 {
		t.Errorf("only %d of %d type-ahead queries found anything in the sample content", found, len(typeAheadQueries))
	}
}

// TestDottedPrefixFetchesItsShards checks that search.js, typing
// api.acme.ex on the sample site, fetches no dictionary shard but those
// of the complete parts and of the prefix (the shard a one-term prefix
// fetches), and logs the bytes it loads beside those of the whole name.
func TestDottedPrefixFetchesItsShards(t *testing.T) {
	dir, _ := bothEngines(t, sampleKB(t))
	var meta struct{ Shards int }
	if b, err := os.ReadFile(filepath.Join(dir, "search", "meta.json")); err != nil || json.Unmarshal(b, &meta) != nil || meta.Shards == 0 {
		t.Fatalf("meta.json: %v", err)
	}
	shard := func(key string) string {
		h := fnv.New32a()
		h.Write([]byte(key))
		return fmt.Sprintf("t/%d.json", h.Sum32()%uint32(meta.Shards))
	}
	qs := []jsQuery{{Q: "api.acme.ex"}, {Q: "api.acme.example"}, {Q: "opensearch-pro"}, {Q: "opensearch-products"}}
	own := [][]string{{"ap", "ac", "ex"}, {"ap", "ac", "ex"}, {"op", "pr"}, {"op", "pr"}}
	got := jsSearch(t, dir, qs, 10)
	for i, q := range qs {
		if got[i].Total == 0 {
			t.Errorf("%q finds nothing", q.Q)
		}
		var mine []string
		for _, k := range own[i] {
			mine = append(mine, shard(k))
		}
		for _, f := range got[i].Files {
			if strings.HasPrefix(f, "t/") && !slices.Contains(mine, f) {
				t.Errorf("%q: search.js fetched %s, the shard of none of its terms", q.Q, f)
			}
		}
		t.Logf("%q: %d hits, %d bytes in %d files %v", q.Q, got[i].Total, got[i].Bytes, len(got[i].Files), got[i].Files)
	}
}

// TestBrowserDottedTypeAhead types a dotted and a hyphenated name, cut
// short, into the header box of a page: the quick results list the
// postmortem that has the whole name (QA 16 C-F2, type-ahead).
func TestBrowserDottedTypeAhead(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, dottedKB()), nil)
	ctx := browsertest.New(t)
	for _, tc := range []struct{ typed, id string }{
		{"api.acme.ex", "gw-1"},
		{"opensearch-pro", "dns-2"},
	} {
		browsertest.Navigate(t, ctx, srv.URL+"index.html")
		browsertest.Run(t, ctx, chromedp.SendKeys("#site-search-q", tc.typed))
		browsertest.WaitFor(t, ctx, fmt.Sprintf(`(() => { const l = document.querySelector('.quick-results'); return l && !l.hidden && l.querySelectorAll('li').length === 1 && !!l.querySelector('a[href*="postmortems/%s/"]'); })()`, tc.id))
	}
}
