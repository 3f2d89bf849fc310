package search

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/model"
)

// japaneseKB is a Japanese site written as a Japanese SRE team writes
// (qa7-a): full-width digits from the input method, counters after
// numbers, both spellings of katakana loanwords, tags in half-width
// katakana and full-width letters, a catalog with Japanese names and
// severities with Japanese labels.
func japaneseKB() *model.KnowledgeBase {
	a := textPM("2026-09-01-k8s", "ja", "Ｋ８ｓノードの障害",
		"ステータス ５０３ を返し、エラーが３件発生した。", "SEV1", "2026-09-01",
		[]string{"payment-api"}, []string{"capacity"},
		"障害は２０２６年９月１日に起きた。鍵を紛失した。")
	a.Tags = []string{"ｲﾝﾌﾗ", "Ｋ８ｓ"}
	b := textPM("2026-10-20-wrap", "ja", "APIサーバーの停止",
		"APIサーバーが落ち、ユーザーに影響した。", "SEV2", "2026-10-20",
		[]string{"internal-dns"}, []string{"capacity"},
		"30分間断続的に失敗した。HTTP 503 を返した。")
	b.Tags = []string{"ディスク 容量"}
	c := textPM("2026-10-21-wrap2", "ja", "社内リゾルバの障害",
		"DBサーバの再起動でユーザの接続が切れた。", "SEV3", "2026-10-21",
		[]string{"batch"}, []string{"capacity"},
		"障害は2024年9月にも起きた。証明書の有効期限14日前に通知した。")
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	cfg.Systems = []model.System{{Slug: "payment-api", Name: "決済API"}, {Slug: "internal-dns", Name: "社内ＤＮＳ"}, {Slug: "batch", Name: "ﾊﾞｯﾁ処理基盤"}}
	cfg.Severities = []model.Severity{{Level: "SEV1", Label: "致命的"}, {Level: "SEV2", Label: "重大"}, {Level: "SEV3", Label: "軽微"}, {Level: "SEV4", Label: "低"}}
	return model.New(cfg, model.Date{Year: 2026, Month: 11, Day: 27}, []*model.Postmortem{a, b, c})
}

// TestJapaneseSearch checks the qa7-a search findings in the three
// engines (the Go engine over the export's index, the CLI over the bleve
// cache, search.js over the export), which must also agree on scores:
// full-width digits are digits (#2), a one-kanji word is a prefix (#3),
// サーバー finds サーバ (#16), filters typed in Japanese input mode are
// filters (#18), and tag, system and severity filters take any width and
// the names the site shows (#12).
func TestJapaneseSearch(t *testing.T) {
	const a, b, c = "2026-09-01-k8s", "2026-10-20-wrap", "2026-10-21-wrap2"
	tests := []searchCase{
		// #2: ５０３ and 503 find each other; ２０２６年 is not 年 alone
		// (2024年 of c must not match).
		{"503", []string{a, b}},
		{"５０３", []string{a, b}},
		{"３件", []string{a}},
		{"3件", []string{a}},
		{"２０２６年", []string{a}},
		{"2026年", []string{a}},
		{"k8s", []string{a}},
		// #3: one kanji, alone or after a number, any word of the query.
		{"鍵", []string{a}},
		{"件", []string{a}},
		{"分", []string{b}},
		{"30分", []string{b}},
		{"14日", []string{c}},
		{"14日 証明書", []string{c}},
		{"証明書 14日", []string{c}},
		{"9月1日", []string{a}},
		// #16: both spellings of katakana loanwords.
		{"サーバー", []string{b, c}},
		{"サーバ", []string{b, c}},
		{"ユーザー", []string{b, c}},
		{"ユーザ", []string{b, c}},
		{"ｻｰﾊﾞｰ", []string{b, c}},
		{"リゾルバー", []string{c}},
		{"APIサーバ", []string{b}},
		// #18: filters typed with a Japanese input method on.
		{"severity：SEV1", []string{a}},
		{"severity:ＳＥＶ１", []string{a}},
		{`tag:"ディスク　容量"`, []string{b}},
		{`tag："ディスク　容量"`, []string{b}},
		// #12: filter values folded like words, and the site's names.
		{"tag:インフラ", []string{a}},
		{"tag:k8s", []string{a}},
		{"tag:K8S", []string{a}},
		{"system:決済API", []string{a}},
		{"system:決済ａｐｉ", []string{a}},
		{"system:社内DNS", []string{b}},
		{"system:バッチ処理基盤", []string{c}},
		{"system:payment-api", []string{a}},
		{"severity:致命的", []string{a}},
		{"severity:重大 サーバー", []string{b}},
	}
	checkThreeEngines(t, japaneseKB(), tests)
}

// TestJapaneseAnalysis pins the terms of the qa7-a texts: full-width digits
// are kept and folded (they were dropped), a word-final ー after katakana
// is left out of the pairs (エラーが is エラ, ラが as エラが is; QA 18 b-F1)
// and nothing else is.
func TestJapaneseAnalysis(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"ＨＴＴＰ５０３エラーが３件発生した。", "http503 エラ ラが 3 件発 発生 生し した"},
		{"Ｋ８ｓ", "k8"}, // k8s, stemmed
		{"１０分間", "10 分間"},
		{"３．１４", "3.14"},
		{"サーバー", "サー ーバ"},
		{"ｻｰﾊﾞｰ", "サー ーバ"},
		{"サーバ", "サー ーバ"},
		{"サーバーが", "サー ーバ バが"},
		{"キー", "キ"},
		{"データーベース", "デー ータ ター ーベ ベー ース"},
		{"ー", "ー"},
		{"ーー", "ーー"},
		{"サーバーー", "サー ーバ バー ーー"},
		{"ひらがなー", "ひら らが がな なー"},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range a.Analyze(tt.text) {
			got = append(got, tok.Term)
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("Analyze(%q) = %q, want %q", tt.text, s, tt.want)
		}
	}
}

// TestJapaneseHints checks the hints on a Japanese site, in the CLI and
// search.js: a filter value is quoted as typed (no \u3000), and the
// example for a filter without a value is one of the site's own (qa7-a
// #12, #18).
func TestJapaneseHints(t *testing.T) {
	kb := japaneseKB()
	ix := cliIndex(t, kb)
	cases := []struct {
		q    string
		want []string
	}{
		{`tag:"存在しない　タグ"`, []string{`no postmortem has tag "存在しない タグ"`}},
		{"system：", []string{`"system:" has no value: write the value right after the colon, as in system:batch`}},
		{"tag:", []string{`"tag:" has no value: write the value right after the colon, as in tag:ディスク 容量`}},
		{"severity:ＳＥＶ９", []string{`no postmortem has severity "SEV9"`}},
	}
	files, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	js := jsHints(t, writeFiles(t, files), cases)
	for i, tt := range cases {
		res, err := Query(t.Context(), ix, tt.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Hints, tt.want) {
			t.Errorf("%q: hints %q, want %q", tt.q, res.Hints, tt.want)
		}
		if !slices.Equal(js[i], tt.want) {
			t.Errorf("%q: search.js hints %q, want %q", tt.q, js[i], tt.want)
		}
	}
	var b strings.Builder
	if err := (&Result{Query: `tag:"ディスク　容量"`}).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if want := "no postmortems match \"tag:\"ディスク　容量\"\"\n"; b.String() != want {
		t.Errorf("WriteText = %q, want %q", b.String(), want)
	}
}

// TestBrowserJapaneseFilters checks the search page of a Japanese site: a
// filter written with the catalog's name or another width ticks the box of
// the value it names, and unticking the box takes the word out of the
// query (qa7-a #12, #18).
func TestBrowserJapaneseFilters(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, japaneseKB()), nil)
	ctx := browsertest.New(t)
	const n = `document.querySelectorAll('#search-results li.search-hit').length`
	for _, tt := range []struct{ q, box string }{
		{"system:決済API", `fieldset[data-facet=system] input[value="payment-api"]`},
		{"severity：ＳＥＶ１", `fieldset[data-facet=severity] input[value="SEV1"]`},
		{"tag:インフラ", `fieldset[data-facet=tag] input[value="ｲﾝﾌﾗ"]`},
	} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape(tt.q))
		box := `document.querySelector('#search-filters ` + tt.box + `')`
		browsertest.WaitFor(t, ctx, n+` === 1 && `+box+` && `+box+`.checked`)
		if hits := browsertest.Eval[string](t, ctx, hitIDs); !strings.Contains(hits, "2026-09-01-k8s") {
			t.Errorf("%s: hits %q", tt.q, hits)
		}
		browsertest.Run(t, ctx, chromedp.Click(`#search-filters `+tt.box))
		browsertest.WaitFor(t, ctx, `document.getElementById('search-input').value === ''`)
	}
}
