package search

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/model"
)

// TestBrowserJapaneseEdges19 checks on the search page, in a browser, the
// Japanese edge cases of QA 18r: a half-width word with voiced marks
// followed by a kanji (F8) is found in either width and marked whole, its
// ﾞ with its letter; a quoted "キー" finds what キー finds (F13); ー率 finds
// エラー率 (F6); and キー marks the word, not the particle after it (F9).
func TestBrowserJapaneseEdges19(t *testing.T) {
	hw := textPM("2023-01-18-hw", "ja", "ﾌｪｲﾙｵｰﾊﾞｰ中にｴﾗｰ率が上昇",
		"ﾌｪｲﾙｵｰﾊﾞｰ中にｴﾗｰ率が上昇した。", "SEV3", "2023-01-18",
		[]string{"web"}, []string{"capacity"}, "ｻｰﾊﾞｰｰが落ちた。APIキーが失効した。")
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	kb := model.New(cfg, model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{hw})
	srv := browsertest.Serve(t, buildSite(t, kb), nil)
	ctx := browsertest.New(t)
	for _, tt := range []struct{ q, marks string }{
		{"フェイルオーバー中", "ﾌｪｲﾙｵｰﾊﾞｰ中|ﾌｪｲﾙｵｰﾊﾞｰ中"},
		{"ﾌｪｲﾙｵｰﾊﾞｰ中", "ﾌｪｲﾙｵｰﾊﾞｰ中|ﾌｪｲﾙｵｰﾊﾞｰ中"},
		{"サーバー", "ｻｰﾊﾞ"},
		{`"キー"`, "キー"},
		{"キー", "キー"},
		{"ー率", "率が|率が"},
	} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape(tt.q))
		browsertest.WaitFor(t, ctx, `(() => { const s = document.getElementById('search-status').textContent; return s !== '' && s !== '検索中…' && !s.endsWith('…'); })()`)
		ids := browsertest.Eval[string](t, ctx, hitIDs)
		if !strings.Contains(ids, "2023-01-18-hw") {
			t.Errorf("%q: the page lists %q, want 2023-01-18-hw", tt.q, ids)
			continue
		}
		marks := browsertest.Eval[string](t, ctx, `Array.from(document.querySelectorAll('#search-results a[href*="2023-01-18-hw"]')[0].closest('li').querySelectorAll('mark')).map(m => m.textContent).join('|')`)
		if marks != tt.marks {
			t.Errorf("%q: marks %q, want %q", tt.q, marks, tt.marks)
		}
	}
}
