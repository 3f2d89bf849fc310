package search

import (
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestRelaxKatakanaCompound checks that a katakana compound of a word the
// postmortems write and one they do not (キャッシュサーバー, written
// unspaced) leaves out only the unknown word, as the spaced query
// キャッシュ サーバー does, not the compound whole (QA 18r F5: after
// 51ea848 キャッシュサーバー障害 found nothing, naming "キャッシュサーバー"),
// while a word no postmortem writes as a word of its own is not kept for
// being inside another (ワーク of ネットワーク, サー of サーキット), in pmkb
// search and search.js alike.
func TestRelaxKatakanaCompound(t *testing.T) {
	kb, _ := corpusKB(t, 400)
	dir, ix := bothEngines(t, kb)
	sw := `no postmortem has "サーバー"; showing postmortems without it`
	tests := []relaxCase{
		{"キャッシュサーバー", false, []string{`no postmortem has the word "サーバー"`}},
		{"キャッシュ サーバー", false, []string{`no postmortem has the word "サーバー"`}},
		{"キャッシュサーバー障害", true, []string{sw, `no postmortem has "キャッシュサーバー障害" as written; showing postmortems with its words`}},
		{"アラートサーバー障害", true, []string{sw, `no postmortem has "アラートサーバー障害" as written; showing postmortems with its words`}},
		{"サーバーキャッシュ障害", true, []string{sw, `no postmortem has "サーバーキャッシュ障害" as written; showing postmortems with its words`}},
		{"サーバー", false, []string{`no postmortem has the word "サーバー"`}},
		{"ワークフロー", false, []string{`no postmortem has the word "ワークフロー"`}},
		{"キャッシュワークフロー障害", true, []string{`no postmortem has "ワークフロー"; showing postmortems without it`, `no postmortem has "キャッシュワークフロー障害" as written; showing postmortems with its words`}},
	}
	checkRelaxCases(t, ix, tests, true)
	var qs []jsQuery
	for _, tc := range tests {
		qs = append(qs, jsQuery{Q: tc.q})
	}
	agree(t, dir, ix, qs)

	// One postmortem: キャッシュ and フェイルオーバー written as words,
	// サー only in サーキットブレーカー, ワーク only in ネットワーク.
	pm := textPM("2024-02-01-cache", "ja", "キャッシュの障害",
		"サーキットブレーカーが開かず、フェイルオーバーに時間がかかった。ネットワークも分断された。", "SEV2", "2024-02-01",
		[]string{"db"}, []string{"capacity"}, "キャッシュを見直した。")
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	dir, ix = bothEngines(t, model.New(cfg, model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{pm}))
	small := []relaxCase{
		{"キャッシュサーバー障害", true, []string{sw, `no postmortem has "キャッシュサーバー障害" as written; showing postmortems with its words`}},
		{"フェイルオーバーサーバー障害", true, []string{sw, `no postmortem has "フェイルオーバーサーバー障害" as written; showing postmortems with its words`}},
		{"キャッシュサーバー", false, []string{`no postmortem has the word "サーバー"`}},
		{"サーバー", false, []string{`no postmortem has the word "サーバー"`}},
		{"ワークフロー障害", false, nil},
	}
	checkRelaxCases(t, ix, small, true)
	qs = qs[:0]
	for _, tc := range small {
		qs = append(qs, jsQuery{Q: tc.q})
	}
	agree(t, dir, ix, qs)
}
