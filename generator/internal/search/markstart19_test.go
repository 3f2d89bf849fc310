package search

import (
	"slices"
	"strings"
	"testing"
)

// TestFragmentFromTheMark checks a query fragment copied from inside a
// katakana word, starting with its long mark (ー率 of エラー率), and a word
// whose long mark is typed as a hyphen or a wave dash (エラ-率, エラ～率,
// エラ〜率) (QA 18r F6): the fragment is searched without the mark, as
// 率 is (it found nothing: the index pairs 率 with the letter before the
// mark, ラ率), and no hint says that no postmortem has 率, which 率 alone
// finds; the pmkb search and search.js answers and hints agree.
func TestFragmentFromTheMark(t *testing.T) {
	const a, b = "2024-01-03-c", "2024-02-01-d"
	kb := longMarkKB()
	cases := []searchCase{
		{"率", []string{a}},
		{"ー率", []string{a}},
		{"ｰ率", []string{a}},
		{`"ー率"`, []string{a}},
		{"ーバ側", []string{a, b}},
		{"ー率 キュー", []string{a}},
		{"エラ-率", []string{a}},
		{"エラ～率", []string{a}},
		{"エラ〜率", []string{a}},
	}
	checkThreeEngines(t, kb, cases)
	dir, ix := bothEngines(t, kb)
	var qs []jsQuery
	for _, c := range cases {
		qs = append(qs, jsQuery{Q: c.q})
	}
	js := jsSearch(t, dir, qs, 10)
	for i, c := range cases {
		cli := cliResult(t, ix, qs[i], 10)
		if !slices.Equal(js[i].Hints, cli.Hints) {
			t.Errorf("%q: search.js hints %q, pmkb search %q", c.q, js[i].Hints, cli.Hints)
		}
		for _, h := range cli.Hints {
			if strings.Contains(h, `no postmortem has the word "率"`) || strings.Contains(h, `"ー`) && strings.Contains(h, "no postmortem has the word") {
				t.Errorf("%q: false hint %q", c.q, h)
			}
		}
	}
}
