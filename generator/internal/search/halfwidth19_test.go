package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// halfWidthKB is a postmortem written in half-width katakana with voiced
// marks (ﾊﾞ, ﾃﾞ, ﾋﾞ: two runes each, one letter after cjk_width) right
// before a kanji or a particle, and one written in full width.
func halfWidthKB() *model.KnowledgeBase {
	a := textPM("2023-01-18-hw", "ja", "ﾌｪｲﾙｵｰﾊﾞｰ中にｴﾗｰ率が上昇",
		"ﾌｪｲﾙｵｰﾊﾞｰ中にｴﾗｰ率が上昇した。", "SEV3", "2023-01-18",
		[]string{"web"}, []string{"capacity"},
		"ｻｰﾊﾞｰｰが落ちた。ﾃﾞｰﾀｰ率も下がった。ﾋﾞｭｰｱ画面で確認した。")
	b := textPM("2023-02-01-fw", "ja", "切り替えの遅延",
		"切り替え中に遅延した。", "SEV3", "2023-02-01",
		[]string{"web"}, []string{"capacity"}, "手順を見直した。")
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	return model.New(cfg, model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{a, b})
}

// TestHalfWidthVoicedTerms checks that a half-width katakana word with a
// voiced mark is the terms of its full-width spelling, the character after
// it included (QA 18r F8: cjk_bigram tested touching at the end of the
// folded term, shorter than the text, and saw a gap before 中), and that
// each term's offsets are those of its own characters in the text: the ﾞ
// goes with its letter. search.js makes the same terms and offsets, and
// the build's analyst the same terms.
func TestHalfWidthVoicedTerms(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	terms := func(s string) []string {
		var out []string
		for _, tok := range a.Analyze(s) {
			out = append(out, tok.Term)
		}
		return out
	}
	for half, full := range map[string]string{
		"ﾌｪｲﾙｵｰﾊﾞｰ中に": "フェイルオーバー中に",
		"ﾃﾞｰﾀｰ率":      "データー率",
		"ﾋﾞｭｰｱ画面":     "ビューア画面",
		"ｻｰﾊﾞｰｰが":     "サーバーーが",
		"ｶﾞﾞ中":        "ガ\u3099中",
		"ｱﾞ中":         "ア\u3099中",
	} {
		if got, want := terms(half), terms(full); !slices.Equal(got, want) {
			t.Errorf("Analyze(%q) = %q, want those of %q: %q", half, got, full, want)
		}
	}
	for _, tt := range []struct{ text, want string }{
		// ﾊ and ﾞ are three bytes each: バ is [6:12].
		{"ﾊﾞｽ中", "バス@1[0:9] ス中@2[6:12]"},
		{"ｻｰﾊﾞｰｰ", "サー@1[0:6] ーバ@2[3:12] バー@3[6:15] ーー@4[12:18]"},
		{"ｻｰﾊﾞｰ中", "サー@1[0:6] ーバ@2[3:15] バ中@3[6:18]"},
		{"中ﾃﾞｰﾀ", "中デ@1[0:9] デー@2[3:12] ータ@3[9:15]"},
	} {
		if got := termsOf(a, tt.text); got != tt.want {
			t.Errorf("Analyze(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
	texts := []string{"ﾌｪｲﾙｵｰﾊﾞｰ中に", "ﾃﾞｰﾀｰ率", "ﾋﾞｭｰｱ画面", "ｻｰﾊﾞｰｰが", "ｶﾞﾞ中", "ｱﾞ中", "ﾊﾞｽ中", "ｻｰﾊﾞｰ中",
		"中ﾃﾞｰﾀ", "ﾊﾟ", "ﾊﾞ", "ﾊﾞ 中", "ﾊﾞ中ﾊﾞ中", "ｶﾞｷﾞ", "ｶﾞｰ", "ｷﾞｰ率", "ﾎﾟｰﾄ番号", "x_ﾊﾞｰ中", "ひﾞ中", "ヴｰ中", "ｳﾞｪ中"}
	compareParity(t, texts, false)
	compareParity(t, texts, true)
	an := testAnalyst(t)
	for _, s := range texts {
		ids := slices.Clone(an.analyze(s))
		names := map[int32]string{}
		for term, id := range an.ids {
			names[id] = term
		}
		var got []string
		for _, id := range ids {
			got = append(got, names[id])
		}
		if want := terms(s); !slices.Equal(got, want) {
			t.Errorf("analyst(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestHalfWidthVoicedFinds checks that a postmortem that writes
// ﾌｪｲﾙｵｰﾊﾞｰ中 or ﾃﾞｰﾀｰ率 is found by the word in either width, pasted
// from it or typed (QA 18r F8: 0 hits and the false hint that no
// postmortem has 中), in the Go engine, pmkb search and search.js alike.
func TestHalfWidthVoicedFinds(t *testing.T) {
	const hw = "2023-01-18-hw"
	checkThreeEngines(t, halfWidthKB(), []searchCase{
		{"フェイルオーバー中", []string{hw}},
		{"ﾌｪｲﾙｵｰﾊﾞｰ中", []string{hw}},
		{"ﾌｪｲﾙｵｰﾊﾞｰ中に", []string{hw}},
		{"データ率", []string{hw}},
		{"データー率", []string{hw}},
		{"ﾃﾞｰﾀｰ率", []string{hw}},
		{"ビューア画面", []string{hw}},
		{"中", []string{hw, "2023-02-01-fw"}},
	})
}

// TestHalfWidthVoicedMarks checks that a snippet marks the half-width word
// whole, its voiced marks with their letters (QA 18r F8: サーバー marked
// ｻｰﾊ of ｻｰﾊﾞｰｰ), and the kanji after it, on the site and in the terminal
// alike.
func TestHalfWidthVoicedMarks(t *testing.T) {
	dir, ix := bothEngines(t, halfWidthKB())
	checkMarks(t, dir, ix, "2023-01-18-hw", []markCase{
		{"サーバー", []string{"ｻｰﾊﾞ"}},
		{"フェイルオーバー中", []string{"ﾌｪｲﾙｵｰﾊﾞｰ中"}},
		{"データ率", []string{"ﾃﾞｰﾀｰ率"}},
	})
}

// markCase is a query and the words its hit's snippet marks, in order.
type markCase struct {
	q    string
	want []string
}

// checkMarks checks, for each case, that the hit id's snippet marks the
// case's words in pmkb search and that search.js marks the same runes of
// the same snippet.
func checkMarks(t *testing.T, dir string, ix *Index, id string, cases []markCase) {
	t.Helper()
	var qs []jsQuery
	for _, tt := range cases {
		qs = append(qs, jsQuery{Q: tt.q})
	}
	js := jsMarkedRunes(t, dir, qs, 10)
	for i, tt := range cases {
		hits := cliSnippets(t, ix, tt.q, 10)
		h := slices.IndexFunc(hits, func(h Hit) bool { return h.ID == id })
		k := slices.IndexFunc(js[i], func(s markedSnippet) bool { return s.ID == id })
		if h < 0 || k < 0 || hits[h].Snippet != js[i][k].Text {
			t.Errorf("%s: cli %v, search.js %v, want %s in both with the same snippet", tt.q, hits, js[i], id)
			continue
		}
		rs := []rune(hits[h].Snippet)
		var cli []int
		var words []string
		for _, sp := range hits[h].SnippetMarks {
			words = append(words, string(rs[sp.Start:sp.End]))
			for r := sp.Start; r < sp.End; r++ {
				cli = append(cli, r)
			}
		}
		if !slices.Equal(words, tt.want) {
			t.Errorf("%s: cli marks %q, want %q", tt.q, words, tt.want)
		}
		if got := js[i][k].Marked; !slices.Equal(got, cli) {
			var site []string
			for _, r := range got {
				site = append(site, string(rs[r]))
			}
			t.Errorf("%s: search.js marks runes %v (%q), cli %v", tt.q, got, site, cli)
		}
	}
}

// TestHalfWidthParityRandom compares bleve, search.js and the build's
// analyst on random strings of half-width and full-width katakana, voiced
// and semi-voiced marks (combined or not), long marks, kanji, hiragana and
// separators: the terms and offsets of the pairs across folded letters.
func TestHalfWidthParityRandom(t *testing.T) {
	alphabet := []rune("ｶﾊｳｱﾜｻﾃﾞﾞﾟﾟｰｰーカハウヴガ゙漢字率中がにa1 、")
	rng := rand.New(rand.NewPCG(19, 8))
	texts := make([]string, 3000)
	for i := range texts {
		rs := make([]rune, 1+rng.IntN(12))
		for j := range rs {
			rs[j] = alphabet[rng.IntN(len(alphabet))]
		}
		texts[i] = string(rs)
	}
	compareParity(t, texts, false)
	compareParity(t, texts, true)
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	an := testAnalyst(t)
	for _, s := range texts {
		ids := slices.Clone(an.analyze(s))
		names := map[int32]string{}
		for term, id := range an.ids {
			names[id] = term
		}
		var got, want []string
		for _, id := range ids {
			got = append(got, names[id])
		}
		for _, tok := range a.Analyze(s) {
			want = append(want, tok.Term)
		}
		if !slices.Equal(got, want) {
			t.Errorf("analyst(%q) = %q, want %q", s, got, want)
		}
	}
}
