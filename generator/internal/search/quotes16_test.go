package search

import (
	"encoding/json"
	"slices"
	"testing"
)

// curlyQueries are queries written with the quotation marks smart quotes,
// other languages and Japanese input methods type where ASCII double
// quotes are meant, each with the query in ASCII quotes it must read as
// (QA 16 C-F5).
var curlyQueries = []struct{ q, ascii string }{
	{"“connection pool”", `"connection pool"`},
	{"„connection pool“", `"connection pool"`},
	{"„connection pool”", `"connection pool"`},
	{"«connection pool»", `"connection pool"`},
	{"「too many clients」", `"too many clients"`},
	{"『too many clients』", `"too many clients"`},
	{"＂too many clients＂", `"too many clients"`},
	{"dns -“forward zone”", `dns -"forward zone"`},
	{"dns NOT 「forward zone」", `dns NOT "forward zone"`},
	{"system:“Checkout API” certificate", `system:"Checkout API" certificate`},
	{"“connection pool", `"connection pool`},   // unclosed: to the end, as "
	{"pool“s connection", `pool“s connection`}, // inside a word: a character of the word
}

// TestCurlyQuotesMakeAPhrase checks that splitQuery reads a phrase in “…”,
// „…“, «…», 「…」, 『…』 or ＂…＂ as one in "…", in Go and in search.js,
// and that both engines find for it what the ASCII-quoted phrase finds
// on the sample content (QA 16 C-F5: “connection pool” found a third
// postmortem with neither the phrase nor the idea).
func TestCurlyQuotesMakeAPhrase(t *testing.T) {
	var qs []string
	for _, c := range curlyQueries {
		qs = append(qs, c.q, c.ascii)
	}
	in, err := json.Marshal(qs)
	if err != nil {
		t.Fatal(err)
	}
	var js [][]queryToken
	out := runNode(t, `process.stdout.write(JSON.stringify(JSON.parse(input).map(q => pmkb.splitQuery(q).map(t => ({Text: t.text, Quoted: t.quoted, Minus: t.minus, Open: !!t.open})))));`, in)
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	for i, c := range curlyQueries {
		got, want := splitQuery(c.q), splitQuery(c.ascii)
		if !slices.Equal(got, want) {
			t.Errorf("splitQuery(%q) = %+v, want %+v as %q", c.q, got, want, c.ascii)
		}
		if !slices.Equal(js[2*i], want) {
			t.Errorf("search.js splitQuery(%q) = %+v, want %+v as %q", c.q, js[2*i], want, c.ascii)
		}
	}
	dir, ix := bothEngines(t, sampleKB(t))
	var jq []jsQuery
	for _, c := range curlyQueries {
		jq = append(jq, jsQuery{Q: c.q})
	}
	jr := jsSearch(t, dir, jq, 10)
	for i, c := range curlyQueries {
		got, want := cliResult(t, ix, jsQuery{Q: c.q}, 10), cliResult(t, ix, jsQuery{Q: c.ascii}, 10)
		if got.Total != want.Total || !slices.Equal(got.IDs, want.IDs) {
			t.Errorf("pmkb search %q: %v, want %v as %q", c.q, got, want, c.ascii)
		}
		if jr[i].Total != got.Total || !slices.Equal(jr[i].IDs, got.IDs) || !slices.Equal(jr[i].Scores, got.Scores) || !slices.Equal(jr[i].Hints, got.Hints) {
			t.Errorf("%q:\n cli       %v %q\n search.js %v %q", c.q, got, got.Hints, jr[i], jr[i].Hints)
		}
	}
}
