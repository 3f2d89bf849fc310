package search

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// TestBrowserLongMarkBeforeKanji checks on the search page, in a browser,
// that a katakana word ending in ー followed by a kanji finds the
// postmortem that writes it and marks the words in its snippet (QA 18
// b-F1: /search/?q=エラー率 said 一致するポストモーテムはありません), and that
// a decomposed (NFD) query finds what the composed one does (QA 18 b-F7: サーバー側 as a macOS file name holds it, バ as ハ and U+3099).
func TestBrowserLongMarkBeforeKanji(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, longMarkKB()), nil)
	ctx := browsertest.New(t)
	for _, tt := range []struct{ q, mark string }{
		{"エラー率", "エラー率"},
		{"ユーザー間", "ユーザー間"},
		{"フェイルオーバー中", "フェイルオーバー中"},
		{norm.NFD.String("サーバー側"), "サーバー側"},
	} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape(tt.q))
		browsertest.WaitFor(t, ctx, `(() => { const s = document.getElementById('search-status').textContent; return s !== '' && s !== '検索中…' && !s.endsWith('…'); })()`)
		ids := browsertest.Eval[string](t, ctx, hitIDs)
		if !strings.Contains(ids, "2024-01-03-c") {
			t.Errorf("%q: the page lists %q, want 2024-01-03-c", tt.q, ids)
			continue
		}
		marks := browsertest.Eval[string](t, ctx, `Array.from(document.querySelectorAll('#search-results a[href*="2024-01-03-c"]')[0].closest('li').querySelectorAll('mark')).map(m => m.textContent).join('|')`)
		if !strings.Contains("|"+marks+"|", "|"+tt.mark+"|") {
			t.Errorf("%q: marks %q, want %q", tt.q, marks, tt.mark)
		}
	}
}
