package search

import (
	"slices"
	"strings"
	"testing"
)

// TestQuotedCharacterHint checks the hint for a quoted word of one kanji
// ("率"), which finds the character only where it stands alone (a
// decision of 0af37c5): when that finds nothing, the hint says so, and
// that 率 unquoted finds the words starting with it, instead of saying
// that no postmortem has the word "率", which is false where エラー率 is
// written (session 19). The other words keep their hints, and a relaxed
// search says the character was left out; pmkb search and search.js word
// the hints alike.
func TestQuotedCharacterHint(t *testing.T) {
	const a = "2024-01-03-c"
	const alone = `no postmortem has "率" standing alone; search 率 without quotes for the words that start with it`
	cases := []struct {
		q     string
		hits  []string
		hints []string
	}{
		{"率", []string{a}, nil},
		{`"率"`, nil, []string{alone}},
		{`"率" zzqqxx`, nil, []string{`no postmortem has the word "zzqqxx"`, alone}},
		{`"率" "率"`, nil, []string{alone}},
		{`"率" タイムアウト 上がり`, []string{a}, []string{`no postmortem has "率" standing alone; showing postmortems without it (search 率 without quotes for the words that start with it)`}},
		{`"率" zzqqxx タイムアウト 上がり 側`, []string{a}, []string{`no postmortem has "zzqqxx"; showing postmortems without it`,
			`no postmortem has "率" standing alone; showing postmortems without it (search 率 without quotes for the words that start with it)`}},
	}
	dir, ix := bothEngines(t, longMarkKB())
	var qs []jsQuery
	for _, c := range cases {
		qs = append(qs, jsQuery{Q: c.q})
	}
	js := jsSearch(t, dir, qs, 10)
	for i, c := range cases {
		cli := cliResult(t, ix, qs[i], 10)
		if !slices.Equal(cli.IDs, c.hits) || !slices.Equal(cli.Hints, c.hints) {
			t.Errorf("%q: pmkb search %q, hints %q; want %q, %q", c.q, cli.IDs, cli.Hints, c.hits, c.hints)
		}
		if !slices.Equal(js[i].IDs, cli.IDs) || !slices.Equal(js[i].Hints, cli.Hints) {
			t.Errorf("%q: search.js %q, hints %q; pmkb search %q, %q", c.q, js[i].IDs, js[i].Hints, cli.IDs, cli.Hints)
		}
		for _, h := range slices.Concat(cli.Hints, js[i].Hints) {
			if strings.Contains(h, `has the word "率"`) || strings.Contains(h, `"率",`) || strings.Contains(h, `has "率";`) {
				t.Errorf("%q: false hint %q", c.q, h)
			}
		}
	}
}
