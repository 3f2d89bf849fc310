package search

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestNotAFilterOnlyWithAValue checks that the hint "X: is not a filter"
// is given for a word whose colon is glued to a value (sev:SEV1,
// status:open), not for a word that ends with its colon, as log lines
// and stack traces are full of (FATAL:, panic:, reason:) or a link's
// https: (QA 16 C-F4: the only hint blamed a word that was no problem),
// by pmkb search and search.js alike. Since QA 21r F5 only a name near a
// filter name is hinted (TestColonWordHints).
func TestNotAFilterOnlyWithAValue(t *testing.T) {
	kb, _ := corpusKB(t, 60)
	dir, ix := bothEngines(t, kb)
	cases := []struct {
		q    string
		want []string // the words hinted as no filter
	}{
		{"sev:SEV1 zzqqxx", []string{"sev:"}},
		{"systems:open zzqqxx", []string{"systems:"}},
		{"ｓｅｖ：ｈｉｇｈ zzqqxx", []string{"sev:"}}, // typed in full width
		// A name near no filter name is a word's (QA 21r F5: colonhint21_test.go).
		{"status:open zzqqxx", []string{"status:"}}, // a contract field (QA 21r2 F4)
		{"FATAL: zzqqxx", nil},
		{"FATAL:  sorry, too many clients zzqqxx", nil},
		{"pool exhausted: too many connections zzqqxx", nil},
		{"panic: runtime error: invalid memory address zzqqxx", nil},
		{";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 23114 zzqqxx", nil},
		{"https://tracker.example.com/SRCH-201 zzqqxx", nil},
		{"reason:(connection) zzqqxx", nil},
	}
	var qs []jsQuery
	for _, c := range cases {
		qs = append(qs, jsQuery{Q: c.q})
	}
	js := jsSearch(t, dir, qs, 10)
	for i, c := range cases {
		res, err := Query(context.Background(), ix, c.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hints {
			if w, ok := strings.CutSuffix(h, " is not a filter; the filters are severity:, system:, cause:, team:, year:, tag:"); ok {
				got = append(got, strings.Trim(w, `"`))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: not-a-filter hints for %q, want %q (hints %q)", c.q, got, c.want, res.Hints)
		}
		if !slices.Equal(js[i].Hints, res.Hints) {
			t.Errorf("%q: search.js hints %q, pmkb search %q", c.q, js[i].Hints, res.Hints)
		}
	}
}

// TestEachHintOnce checks that a hint is given once however often the
// query repeats what it is about (QA 16 C-F9: a pasted log line repeated
// to 2,000 characters listed the same hint 27 times), in the order of
// first mention, by pmkb search and search.js alike.
func TestEachHintOnce(t *testing.T) {
	kb, _ := corpusKB(t, 60)
	dir, ix := bothEngines(t, kb)
	line := "ERROR 2026-11-28T03:12:44Z sev:high pool exhausted: too many connections (max=100) "
	qs := []jsQuery{
		{Q: strings.Repeat(line, 2000/len(line)+1)},
		{Q: "x:y zzqqxx x:z"},
		{Q: "sev:SEV1 zzqqxx sev:SEV1 severity:SEV9 severity:SEV9 'a b' 'a b'"},
		{Q: "zzqqxx OR dns OR zzqqxx"},
		{Q: "dns -severity:SEV9 -severity:SEV9"},
		{Q: "zzqqxx severity:SEV9 -severity:SEV9"}, // worded alike, wanted or excluded
		{Q: "certficate certficate"},
	}
	js := jsSearch(t, dir, qs, 10)
	for i, q := range qs {
		res, err := Query(context.Background(), ix, q.Q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hints) == 0 {
			t.Errorf("%.60q: no hint; the test proves nothing", q.Q)
		}
		seen := map[string]bool{}
		for _, h := range res.Hints {
			if seen[h] {
				t.Errorf("%.60q: hint %q more than once: %q", q.Q, h, res.Hints)
			}
			seen[h] = true
		}
		if !slices.Equal(js[i].Hints, res.Hints) {
			t.Errorf("%.60q: search.js hints %q, pmkb search %q", q.Q, js[i].Hints, res.Hints)
		}
	}
}

// TestCommonWordsOnly checks that a query of common words only (stop
// words, which the index leaves out) finds nothing and says that its
// words are too common to be searched, on the site as in the terminal
// (QA 16 C-F11: "the" listed 3 of the 18 postmortems, those with
// "therefore", as a prefix match that looked like an answer, and "was"
// said nothing).
func TestCommonWordsOnly(t *testing.T) {
	dir, ix := bothEngines(t, sampleKB(t))
	cases := []struct {
		q     string
		total int // -1: some
		hints []string
	}{
		{"the", 0, []string{`"the" is too common a word to be searched`}},
		{"The", 0, []string{`"The" is too common a word to be searched`}},
		{"WAS", 0, []string{`"WAS" is too common a word to be searched`}},
		{"it was not there", 0, []string{`"it", "was", "not", "there" are too common words to be searched`}},
		{`"to be" 🔥`, 0, []string{`"to be" is too common a word to be searched`}},
		{"the the", 0, []string{`"the" is too common a word to be searched`}},
		{"the severity:SEV1", -1, nil}, // the filter lists its postmortems
		{"the -dns", -1, nil},          // as an exclusion alone does
	}
	var qs []jsQuery
	for _, c := range cases {
		qs = append(qs, jsQuery{Q: c.q})
	}
	js := jsSearch(t, dir, qs, 10)
	for i, c := range cases {
		res, err := Query(context.Background(), ix, c.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if (c.total < 0) != (res.Total > 0) || !slices.Equal(res.Hints, c.hints) {
			t.Errorf("%q: %d hits, hints %q; want %d, %q", c.q, res.Total, res.Hints, c.total, c.hints)
		}
		if js[i].Total != res.Total || !slices.Equal(js[i].Hints, res.Hints) {
			t.Errorf("%q: search.js %d hits %q, pmkb search %d %q", c.q, js[i].Total, js[i].Hints, res.Total, res.Hints)
		}
	}
}
