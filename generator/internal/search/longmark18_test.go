package search

import (
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// longMarkKB writes katakana words ending in ー right before a kanji or a
// particle (エラー率, キュー長, ユーザー間, フェイルオーバー中, ユーザー数),
// as Japanese postmortems do, in both spellings of the loanwords (ユーザ数,
// サーバ側), and キー next to words that only start like it (キャパシティ,
// キュー).
func longMarkKB() *model.KnowledgeBase {
	a := textPM("2024-01-03-c", "ja", "ユーザー数の急増",
		"エラー率が上がり、サーバー側でタイムアウトが起きた。", "SEV3", "2024-01-03",
		[]string{"web"}, []string{"capacity"},
		"キュー長が伸び、ユーザー間で差が出た。フェイルオーバー中に書き込みが失敗した。")
	b := textPM("2024-02-01-d", "ja", "DBサーバの再起動",
		"ユーザ数が減り、サーバ側の設定を戻した。", "SEV2", "2024-02-01",
		[]string{"db"}, []string{"capacity"}, "再起動で復旧した。キャッシュキーにテナントを含めていなかった。")
	c := textPM("2024-03-01-e", "ja", "APIキーの失効",
		"APIキーが失効した。", "SEV2", "2024-03-01",
		[]string{"api"}, []string{"capacity"}, "キャパシティは十分だった。")
	d := textPM("2024-04-01-f", "ja", "キャンペーンで負荷増",
		"キャパシティ不足で遅延した。", "SEV3", "2024-04-01",
		[]string{"web"}, []string{"capacity"}, "手順を見直した。")
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	return model.New(cfg, model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{a, b, c, d})
}

// TestLongMarkBeforeKanji checks that a katakana word ending in ー followed
// by a kanji or a particle, copied from a postmortem, finds it (QA 18 b-F1:
// エラー率 found nothing, as the index paired 率 with nothing before it),
// in either spelling of the loanword, in the Go engine, pmkb search and
// search.js alike, and so does a fragment that starts after a word's ー
// (バーで of サーバーで, キーが of APIキーが).
func TestLongMarkBeforeKanji(t *testing.T) {
	const a, b, c, d = "2024-01-03-c", "2024-02-01-d", "2024-03-01-e", "2024-04-01-f"
	checkThreeEngines(t, longMarkKB(), []searchCase{
		{"エラー率", []string{a}},
		{"エラー率が", []string{a}},
		{"キュー長", []string{a}},
		{"ユーザー間", []string{a}},
		{"フェイルオーバー中", []string{a}},
		{"フェイルオーバー中に", []string{a}},
		{"ユーザー数", []string{a, b}},
		{"ユーザ数", []string{a, b}},
		{"ユーザー数の急増", []string{a}},
		{"サーバー側", []string{a, b}},
		{"サーバ側", []string{a, b}},
		{"サーバー", []string{a, b}},
		{"サーバ", []string{a, b}},
		{"ｴﾗｰ率", []string{a}},
		// キー is キ, searched as the start of a word, but not as the キ of
		// キャッシュ or キュー (QA 18 b-F5): it finds キャッシュキーに and
		// APIキーが.
		{"キー", []string{b, c}},
		{"ｷｰ", []string{b, c}},
		{"キ", []string{a, b, c, d}},
		{"キーに", []string{b}},
		{"キーが", []string{c}},
		{"バー中", []string{a}},
		{"ザー間で", []string{a}},
		{"APIキー", []string{c}},
		{"キャッシュキー", []string{b}},
		{"キャッシュキーに", []string{b}},
	})
}

// TestLongMarkTerms pins what the analyzer makes of a word-final ー: the
// pair it ends is left out and the pair it starts is made with the letter
// before it, so サーバーが is サーバが and エラー率 is エラ率 (QA 18 b-F1);
// a letter left alone is a term (キー is キ, as it was). search.js makes
// the same terms and offsets.
func TestLongMarkTerms(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"エラー率", "エラ@1[0:9] ラ率@2[3:12]"},
		{"エラ率", "エラ@1[0:6] ラ率@2[3:9]"},
		{"サーバーが", "サー@1[0:6] ーバ@2[3:12] バが@3[6:15]"},
		{"ユーザー数の", "ユー@1[0:6] ーザ@2[3:12] ザ数@3[6:15] 数の@4[12:18]"},
		{"キー", "キ@1[0:6]"},
		{"キーが", "キが@1[0:9]"},
		{"主キー", "主キ@1[0:9]"},
		{"主キーが", "主キ@1[0:9] キが@2[3:12]"},
		{"キャッシュキーに", "キャ@1[0:6] ャッ@2[3:9] ッシ@3[6:12] シュ@4[9:15] ュキ@5[12:21] キに@6[15:24]"},
		{"サーバー 側", "サー@1[0:6] ーバ@2[3:12] 側@3[13:16]"},
		{"ｻｰﾊﾞｰ", "サー@1[0:6] ーバ@2[3:15]"},
	} {
		if got := termsOf(a, tt.text); got != tt.want {
			t.Errorf("Analyze(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
	texts := []string{"エラー率", "エラ率", "サーバーが", "ユーザー数の", "キー", "キーが", "サーバー 側", "ｻｰﾊﾞｰ",
		"ｴﾗｰ率", "フェイルオーバー中に", "ルーター、メール。", "サーバーー側", "データーベース", "x_サーバー率", "主キー", "主キーが", "キャッシュキーに", "ｷｰ", "ｷｰが", "ーー", "アー率", "ア", "キー キー", "サーバー\nが"}
	compareParity(t, texts, false)
	compareParity(t, texts, true)
}

// TestLongMarkMarks checks that a snippet marks the whole word and the
// kanji after it (エラー率), on the site, whichever spelling is searched, and
// that pmkb search shows the same snippet.
func TestLongMarkMarks(t *testing.T) {
	dir, ix := bothEngines(t, longMarkKB())
	tests := []struct{ q, mark string }{
		{"エラー率", "エラー率"},
		{"エラ率", "エラー率"},
		{"サーバー側", "サーバー側"},
		{"フェイルオーバー中", "フェイルオーバー中"},
	}
	var qs []jsQuery
	for _, tt := range tests {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsSnippets(t, dir, qs, 10)
	for i, tt := range tests {
		hits := cliSnippets(t, ix, tt.q, 10)
		if len(js[i]) == 0 || len(hits) != len(js[i]) {
			t.Errorf("%s: search.js %v, cli %v", tt.q, js[i], hits)
			continue
		}
		k := slices.IndexFunc(js[i], func(s jsSnippet) bool { return s.ID == "2024-01-03-c" })
		if k < 0 || !slices.Contains(js[i][k].Marks, tt.mark) {
			t.Errorf("%s: search.js %v, want 2024-01-03-c marked %q", tt.q, js[i], tt.mark)
			continue
		}
		if hits[k].Snippet != js[i][k].Text {
			t.Errorf("%s: cli snippet %q, search.js %q", tt.q, hits[k].Snippet, js[i][k].Text)
		}
	}
}
