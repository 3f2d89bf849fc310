package search

import (
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestRelaxKatakanaWordAsWritten checks that a katakana word no
// postmortem has is a word left out whole even when each of its pairs is
// in some other word (QA 18 b-F2: サーバー listed 53 failovers, its サー in
// サーキットブレーカー and its ーバ in フェイルオーバー; ルーター 51, メール
// 19), in pmkb search and search.js alike, while a katakana word the
// postmortems write is still searched as its pairs in a run (リージョン of
// 東京リージョン障害).
func TestRelaxKatakanaWordAsWritten(t *testing.T) {
	kb, _ := corpusKB(t, 400)
	dir, ix := bothEngines(t, kb)
	tests := []relaxCase{
		{"サーバー", false, []string{`no postmortem has the word "サーバー"`}},
		{"サーバ", false, []string{`no postmortem has the word "サーバ"`}},
		{"ルーター", false, []string{`no postmortem has the word "ルーター"`}},
		{"メール", false, []string{`no postmortem has the word "メール"`}},
		{"サーバー障害", false, []string{`no postmortem has the word "サーバー"`}},
		{"東京リージョン障害", true, []string{`no postmortem has "東京"; showing postmortems without it`, `no postmortem has "東京リージョン障害" as written; showing postmortems with its words`}},
		{"ネットワーク", true, []string{}},
	}
	checkRelaxCases(t, ix, tests, false)
	var qs []jsQuery
	for _, tc := range tests {
		qs = append(qs, jsQuery{Q: tc.q})
	}
	agree(t, dir, ix, qs)

	// QA 18 b-F2's minimal site: one postmortem with サーキットブレーカー and
	// フェイルオーバー, no サーバー.
	pm := textPM("2024-02-01-failover", "ja", "データベースのフェイルオーバー",
		"サーキットブレーカーが開かず、フェイルオーバーに時間がかかった。", "SEV2", "2024-02-01",
		[]string{"db"}, []string{"capacity"}, "手順を見直した。")
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	dir, ix = bothEngines(t, model.New(cfg, model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{pm}))
	small := []relaxCase{
		{"サーバー", false, []string{`no postmortem has the word "サーバー"`}},
		{"フェイルオーバー", true, []string{}},
		{"サーキット", true, []string{}},
	}
	checkRelaxCases(t, ix, small, false)
	qs = qs[:0]
	for _, tc := range small {
		qs = append(qs, jsQuery{Q: tc.q})
	}
	agree(t, dir, ix, qs)
}
