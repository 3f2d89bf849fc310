package search

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
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
		// Not a filter: a word joined by a colon, searched as its parts
		// (QA 21 F5).
		{q: "nosuch:value", clauses: []clause{{Kind: clausePhrase, Terms: []string{"nosuch", "valu"}, Offsets: []int{0, 1}}}},
		{q: `"system:serviceaccount"`, clauses: []clause{{Kind: clausePhrase, Terms: []string{"system", "serviceaccount"}, Offsets: []int{0, 1}}}},
		{q: "system:serviceaccount", filters: map[string][]string{"system": {"serviceaccount"}}},
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
		Snippet: "Resolvers\tfailed", Severity: "SEV1", Day: "2024-03-14", Systems: []string{"dns"},
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
	if want := `{"query":"dns","total":3,"hits":[{"id":"a","title":"DNS \u001b[31mdown\u001b[0m\nagain","url":"postmortems/a/","score":1.5,"snippet":"Resolvers\tfailed","day":"2024-03-14","severity":"SEV1","systems":["dns"],"source":""}],"relaxed":false}`; string(j) != want {
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
		{"dns c", ""},      // one rune
		{"DNS障", ""},       // one rune
		{`dns "cert"`, ""}, // a closed phrase
		// A phrase still open is being typed (QA 18 b-F6): its complete
		// words and a word starting with its last, named as written.
		{`dns "cert`, "cert"},
		{`"connection po`, "connection po"},
		{`dns “connection po`, "connection po"},
		{`"connection po severity:SEV1`, "connection po severity:SEV1"}, // open to the end: the filter is in the phrase
		{`"connection p`, ""},                                           // a last word of one letter
		{`-"connection po`, ""},                                         // excluded
		{"certif*", ""},                                                 // already a prefix
		{"severity:SEV1", ""},                                           // filters only
		{"certif -zone", "certif"},
		{"-zone", ""}, // exclusions only
		// Two terms or more: the phrase with its last a prefix, named as
		// written (QA 16 C-F2, type-ahead); stop words among the complete
		// parts go, a last part of one letter is none.
		{"checkout-api", "checkout-api"},
		{"api.acme.ex", "api.acme.ex"},
		{"no_such_ho", "ho"},
		{"api.acme.e", ""},
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

// TestParseQueryExclusions checks how a query's excluded words, phrases
// and filters are read (QA 12 F4): after one minus (a hyphen or a
// full-width one) or the word NOT in capitals, as bleve's, Google's and
// GitHub's syntax have them.
func TestParseQueryExclusions(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	dns := clause{Kind: clauseTerm, Terms: []string{"dn"}}
	zone := clause{Kind: clauseTerm, Terms: []string{"zone"}}
	tests := []struct {
		q          string
		prefixLast bool
		clauses    []clause
		exclude    [][]clause
		notFilters map[string][]string
	}{
		{q: "dns -zone", clauses: []clause{dns}, exclude: [][]clause{{zone}}},
		{q: "-zone dns", clauses: []clause{dns}, exclude: [][]clause{{zone}}},
		{q: "dns NOT zone", clauses: []clause{dns}, exclude: [][]clause{{zone}}},
		{q: "dns －zone", clauses: []clause{dns}, exclude: [][]clause{{zone}}},
		// NOT typed in full width (an input method's full-width Latin) is
		// NOT (QA 14 B-F8: it was the word "not", and zone was required).
		{q: "dns ＮＯＴ zone", clauses: []clause{dns}, exclude: [][]clause{{zone}}},
		{q: "dns ＮOT zone", clauses: []clause{dns}, exclude: [][]clause{{zone}}},
		{q: `dns -"forward zone"`, clauses: []clause{dns}, exclude: [][]clause{{{Kind: clausePhrase, Terms: []string{"forward", "zone"}, Offsets: []int{0, 1}}}}},
		{q: `dns NOT "forward zone"`, clauses: []clause{dns}, exclude: [][]clause{{{Kind: clausePhrase, Terms: []string{"forward", "zone"}, Offsets: []int{0, 1}}}}},
		{q: "dns -zon*", clauses: []clause{dns}, exclude: [][]clause{{{Kind: clausePrefix, Terms: []string{"zon"}, Word: "zon"}}}},
		// A word mixing scripts excludes what it alone finds: both parts.
		{q: "dns -DNS障害", clauses: []clause{dns}, exclude: [][]clause{{dns, {Kind: clauseTerm, Terms: []string{"障害"}}}}},
		{q: "dns -severity:SEV1 -system:checkout-api", clauses: []clause{dns}, notFilters: map[string][]string{"severity": {"SEV1"}, "system": {"checkout-api"}}},
		{q: "-zone", exclude: [][]clause{{zone}}},
		// The last word typed is a prefix; an excluded one never is.
		{q: "dns -zo", prefixLast: true, clauses: []clause{{Kind: clausePrefix, Terms: []string{"dns"}, Word: "dn"}}, exclude: [][]clause{{{Kind: clauseTerm, Terms: []string{"zo"}}}}},
		// Not exclusions: two minuses (a flag), a lone minus, a minus
		// inside a word or a phrase, lower-case not, NOT last.
		{q: "dns --zone", clauses: []clause{dns, zone}},
		{q: "dns - zone", clauses: []clause{dns, zone}},
		{q: "dns-zone", clauses: []clause{{Kind: clausePhrase, Terms: []string{"dn", "zone"}, Offsets: []int{0, 1}}}},
		{q: `"-zone" dns`, clauses: []clause{zone, dns}},
		{q: "dns not zone", clauses: []clause{dns, zone}},
		{q: "dns ｎｏｔ zone", clauses: []clause{dns, zone}},
		{q: `dns "ＮＯＴ" zone`, clauses: []clause{dns, zone}},
		{q: "dns NOT", clauses: []clause{dns}},
		{q: "-the dns", clauses: []clause{dns}}, // a stop word excludes nothing
	}
	for _, tc := range tests {
		pq := parseQuery(tc.q, a, tc.prefixLast)
		if tc.notFilters == nil {
			tc.notFilters = map[string][]string{}
		}
		if !reflect.DeepEqual(pq.Clauses, tc.clauses) || !reflect.DeepEqual(pq.Exclude, tc.exclude) || !reflect.DeepEqual(pq.NotFilters, tc.notFilters) || len(pq.Filters) > 0 {
			t.Errorf("parseQuery(%q) = %+v excluding %+v %v %v\n want %+v excluding %+v %v", tc.q, pq.Clauses, pq.Exclude, pq.NotFilters, pq.Filters, tc.clauses, tc.exclude, tc.notFilters)
		}
	}
}

// TestExclusions checks that pmkb search and search.js leave out what an
// exclusion finds, over the sample content (QA 12 F4: dns -zone listed
// the one postmortem with "zone"): the hits of "dns -zone" are those of
// "dns" without those of "dns zone", ranked and scored as in "dns"; a query
// of exclusions only lists every other postmortem, newest first.
func TestExclusions(t *testing.T) {
	kb := sampleKB(t)
	dir, ix := bothEngines(t, kb)
	all := len(kb.Postmortems)
	tests := []struct{ q, base, without string }{
		{"dns -zone", "dns", "dns zone"},
		{"dns NOT zone", "dns", "dns zone"},
		{"dns －zone", "dns", "dns zone"},
		{"dns ＮＯＴ zone", "dns", "dns zone"},
		{`dns -"forward zone"`, "dns", `dns "forward zone"`},
		{"dns -forw*", "dns", "dns forw*"},
		{"-severity:SEV1 dns", "dns", "dns severity:SEV1"},
		{"certificate -system:checkout-api", "certificate", "certificate system:checkout-api"},
		{"-zone", "", "zone"},
		{"-dns -certificate", "", "dns"}, // and certificate, below
		{"severity:SEV2 -dns", "severity:SEV2", "severity:SEV2 dns"},
	}
	var qs []jsQuery
	for _, tc := range tests {
		qs = append(qs, jsQuery{Q: tc.q}, jsQuery{Q: tc.base}, jsQuery{Q: tc.without})
	}
	qs = append(qs, jsQuery{Q: "certificate"})
	js := jsSearch(t, dir, qs, all)
	ids := func(r jsResult) map[string]float64 {
		m := map[string]float64{}
		for i, id := range r.IDs {
			m[id] = r.Scores[i]
		}
		return m
	}
	for i, tc := range tests {
		for engine, res := range map[string][3]jsResult{
			"pmkb search": {cliResult(t, ix, qs[3*i], all), cliResult(t, ix, qs[3*i+1], all), cliResult(t, ix, qs[3*i+2], all)},
			"search.js":   {js[3*i], js[3*i+1], js[3*i+2]},
		} {
			got, base, without := res[0], res[1], res[2]
			if without.Total == 0 || without.Total == base.Total && tc.base != "" {
				t.Fatalf("%s: %q finds %d of %q's %d: the test proves nothing", engine, tc.without, without.Total, tc.base, base.Total)
			}
			var want []string
			var wantScores []float64
			if tc.base == "" {
				for _, p := range kb.Postmortems {
					want = append(want, p.ID)
					wantScores = append(wantScores, 0)
				}
			} else {
				want, wantScores = base.IDs, base.Scores
			}
			drop := ids(without)
			if tc.q == "-dns -certificate" {
				for id := range ids(cliResult(t, ix, jsQuery{Q: "certificate"}, all)) {
					drop[id] = 0
				}
			}
			var wantIDs []string
			var wantS []float64
			for j, id := range want {
				if _, ok := drop[id]; !ok {
					wantIDs = append(wantIDs, id)
					wantS = append(wantS, wantScores[j])
				}
			}
			if got.Total != len(wantIDs) || !slices.Equal(got.IDs, wantIDs) || !slices.Equal(got.Scores, wantS) {
				t.Errorf("%s: %q = %v\n want %v (%q without %q)", engine, tc.q, got, jsResult{Total: len(wantIDs), IDs: wantIDs, Scores: wantS}, tc.base, tc.without)
			}
			if len(wantIDs) == 0 {
				t.Errorf("%s: %q leaves nothing: the test proves little", engine, tc.q)
			}
		}
	}
}

// TestBrowserSearchExclusions checks exclusions and a filter value's
// did-you-mean on the search page in a real browser (QA 12 F4, F10):
// opened from the URL and typed into the box, -gateway and NOT gateway
// leave out the gateway postmortem; exclusions alone list the others;
// system:checkout suggests system:checkout-api ("Checkout API") and ticks no box, so the
// filters' summary counts none.
func TestBrowserSearchExclusions(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	status := `document.getElementById('search-status').textContent`
	gateway := `document.querySelector('#search-results a[href*="2023-11-02-gateway-certs"]') !== null`
	for _, q := range []string{"certificates -gateway", "certificates NOT gateway", `certificates -"gateway certificates"`} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape(q))
		browsertest.WaitFor(t, ctx, status+` === '2 postmortems'`)
		if browsertest.Eval[bool](t, ctx, gateway) {
			t.Errorf("%q lists the gateway postmortem", q)
		}
	}
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); i.value = 'certificates'; i.form.requestSubmit(); return true; })()`)
	browsertest.WaitFor(t, ctx, status+` === '3 postmortems' && `+gateway)
	browsertest.Eval[bool](t, ctx, `(() => { const i = document.getElementById('search-input'); i.value = 'certificates NOT gateway'; i.form.requestSubmit(); return true; })()`)
	browsertest.WaitFor(t, ctx, status+` === '2 postmortems' && !(`+gateway+`)`)

	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape("-dns -severity:SEV1"))
	browsertest.WaitFor(t, ctx, status+` === '2 postmortems'`)

	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape("certificates system:checkout"))
	browsertest.WaitFor(t, ctx, status+` === 'No postmortems match.' && document.querySelector('#search-filters summary') !== null`)
	hint := browsertest.Eval[string](t, ctx, `document.getElementById('search-hints').textContent`)
	if want := `Hint: no postmortem has system "checkout"; did you mean system:checkout-api ("Checkout API")?`; hint != want {
		t.Errorf("system:checkout: hints %q, want %q", hint, want)
	}
	summary := browsertest.Eval[string](t, ctx, `document.querySelector('#search-filters summary').textContent + ' ' + document.querySelectorAll('#search-filters input:checked').length`)
	if summary != "Filters 0" {
		t.Errorf("system:checkout: filters summary and ticked boxes %q, want \"Filters 0\"", summary)
	}
}

// TestHitMarks checks where a hit's title and snippet hold the words of
// the query, for pmkb search to mark them on a terminal (QA 13 F3): a
// word in any form the analyser takes for it, a prefix's expansions, a
// phrase from its first word to its last, a Japanese word, in order and
// never overlapping.
func TestHitMarks(t *testing.T) {
	ix := cliIndex(t, sampleKB(t))
	for _, tt := range []struct {
		q    string
		want []string // what the marks of the first hit cover, lower case, title then snippet
	}{
		{"certificate expired", []string{"certificate", "expired"}},
		{"certif*", []string{"certificate"}},
		{`"connection pool"`, []string{"connection pool"}},
		{"証明書", []string{"証明書"}},
	} {
		res, err := Query(context.Background(), ix, tt.q, 1)
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%q: %v, %d hits", tt.q, err, res.Total)
		}
		h := res.Hits[0]
		got := map[string]bool{}
		for _, part := range []struct {
			text  string
			marks []Span
		}{{h.Title, h.TitleMarks}, {h.Snippet, h.SnippetMarks}} {
			rs := []rune(part.text)
			for i, m := range part.marks {
				if m.Start >= m.End || m.End > len(rs) || i > 0 && m.Start <= part.marks[i-1].End {
					t.Fatalf("%q: marks %v out of order or overlapping in %q", tt.q, part.marks, part.text)
				}
				got[strings.ToLower(string(rs[m.Start:m.End]))] = true
			}
		}
		if len(got) == 0 {
			t.Errorf("%q: nothing marked in %q / %q", tt.q, h.Title, h.Snippet)
		}
		for w := range got {
			if !slices.ContainsFunc(tt.want, func(x string) bool { return strings.HasPrefix(w, x) || strings.HasPrefix(x, w) }) {
				t.Errorf("%q: %q marked, want only %q", tt.q, w, tt.want)
			}
		}
	}
}
