package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestSnippetMarksAtTheCut checks that a match the snippet's "…" cuts is
// marked up to the cut in the terminal as on the site (QA 18 b-F4: for
// "ERROR upstream returned status" the snippets ended in "ERROR…", which
// the site marked, the phrase going on past the cut, and pmkb search did
// not, as it re-analysed the cut snippet, where the phrase is no longer
// whole). Japanese is cut between any two characters: a pair the cut
// splits (トが of トが接続) keeps its mark, at either end.
func TestSnippetMarksAtTheCut(t *testing.T) {
	filler := strings.Repeat("The team reviewed the dashboards before the call. ", 6)
	phrase := "ERROR upstream returned status"
	en := textPM("2024-05-03-upstream", "en", "Checkout returned errors",
		filler+phrase+" 502 on the first try, retried by the gateway twice and then given up on by the slow web client; "+phrase+" 503 for the rest of the hour. "+filler,
		"SEV2", "2024-05-03", []string{"checkout"}, []string{"capacity"}, "Checkout failed for an hour.")
	jaFill := strings.Repeat("チームは通話の前にダッシュボードを確認した。", 8)
	ja := textPM("2024-05-04-setsuzoku", "ja", "決済の接続エラー",
		jaFill+"クライアントが接続を切った。"+string([]rune(jaFill)[:44])+"その後、担当者が"+"リクエストが接続を待った。"+jaFill,
		"SEV2", "2024-05-04", []string{"checkout"}, []string{"capacity"}, "決済が止まった。")
	dir, ix := bothEngines(t, model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{en, ja}))
	tests := []struct {
		q    string
		want []string // the marked stretches, in order
		// the snippet's start or end, where the cut splits a match
		prefix, suffix string
	}{
		{`"` + phrase + `"`, []string{phrase, "ERROR"}, "…", " ERROR…"},
		{"トが接続", []string{"トが接続", "トが"}, "…", "トが…"},
	}
	var qs []jsQuery
	for _, tt := range tests {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsMarkedRunes(t, dir, qs, 10)
	for i, tt := range tests {
		hits := cliSnippets(t, ix, tt.q, 10)
		if len(hits) != 1 || len(js[i]) != 1 || hits[0].Snippet != js[i][0].Text {
			t.Errorf("%s: cli %v, search.js %v", tt.q, hits, js[i])
			continue
		}
		snip := hits[0].Snippet
		if !strings.HasPrefix(snip, tt.prefix) || !strings.HasSuffix(snip, tt.suffix) {
			t.Errorf("%s: snippet %q, want it to start %q and end %q (the test's text no longer cuts a match)", tt.q, snip, tt.prefix, tt.suffix)
		}
		rs := []rune(snip)
		var cli []int
		var words []string
		for _, sp := range hits[0].SnippetMarks {
			words = append(words, string(rs[sp.Start:sp.End]))
			for k := sp.Start; k < sp.End; k++ {
				cli = append(cli, k)
			}
		}
		if !slices.Equal(words, tt.want) {
			t.Errorf("%s: cli marks %q in %q, want %q", tt.q, words, snip, tt.want)
		}
		if got := js[i][0].Marked; !slices.Equal(got, cli) {
			var site []string
			for _, k := range got {
				site = append(site, string(rs[k]))
			}
			t.Errorf("%s: search.js marks runes %v (%q), cli %v", tt.q, got, site, cli)
		}
	}
}
