package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestNameOrder checks the order of names in lists against what a browser's
// localeCompare(…, lang, {numeric: true}) gives (the order of table.js),
// which a code-point sort did not (qa7-a #21): in Japanese, full-width
// Latin sorts with Latin and before kana and kanji, half-width katakana
// with katakana; digits compare as numbers; case does not come first.
func TestNameOrder(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []string // in order
	}{
		// The order Chromium gives /causes/ of the QA site after a click.
		{"ja", []string{"ＤＮＳ設定", "アラート不足", "キャパシティ不足", "証明書の期限切れ", "設定変更", "不具合のあるデプロイ"}},
		{"ja", []string{"DNS", "ｻｲﾄｳ", "佐藤花子"}},
		{"ja", []string{"ストレージ", "ﾊﾞｯﾁ処理基盤", "決済"}},
		{"en", []string{"api gateway", "Billing", "checkout", "Team 2", "Team 10", "Zebra"}},
	} {
		o := newNameOrder(tc.lang)
		got := slices.Clone(tc.want)
		slices.Reverse(got)
		keys := map[string][]byte{}
		for _, n := range got {
			keys[n] = o.key(n)
		}
		slices.SortFunc(got, func(a, b string) int { return byName(keys[a], a, "", keys[b], b, "") })
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: order %q, want %q", tc.lang, got, tc.want)
		}
	}
}

// TestNameOrderTies checks that names that collate alike still have one
// order: by their bytes, then by the slug.
func TestNameOrderTies(t *testing.T) {
	o := newNameOrder("ja")
	plain, zw := "ab", "a\u200bb" // a zero-width space is ignored by collation
	if !slices.Equal(o.key(plain), o.key(zw)) {
		t.Fatalf("keys of %q and %q differ; pick names that collate alike", plain, zw)
	}
	if c := byName(o.key(zw), zw, "a", o.key(plain), plain, "b"); c <= 0 {
		t.Errorf("names that collate alike are not ordered by their bytes (%d)", c)
	}
	k := o.key("x")
	if c := byName(k, "x", "b", k, "x", "a"); c <= 0 {
		t.Errorf("one name: slug b before a (%d)", c)
	}
}

// TestListsInNameOrder builds a Japanese site with full- and half-width
// names and checks that the term indexes, the owners index and the filter
// options list them in the language's order (qa7-a #21), where a byte
// order put ＤＮＳ設定, ﾊﾞｯﾁ処理基盤 and ｻｲﾄｳ last.
func TestListsInNameOrder(t *testing.T) {
	kb := testKB("ja", repo)
	kb.Config.Causes = []model.Term{
		{Slug: "dns", Name: "ＤＮＳ設定"}, {Slug: "deploy", Name: "不具合のあるデプロイ"}, {Slug: "capacity", Name: "キャパシティ不足"},
		{Slug: "config-change", Name: "設定変更"}, {Slug: "expired-certificate", Name: "証明書の期限切れ"}, {Slug: "missing-alert", Name: "アラート不足"},
	}
	kb.Config.Systems = append(kb.Config.Systems, model.System{Slug: "batch", Name: "ﾊﾞｯﾁ処理基盤", Team: "payments"}, model.System{Slug: "dns", Name: "社内ＤＮＳ", Team: "payments"})
	kb.Postmortems[0].Systems = append(kb.Postmortems[0].Systems, "batch", "dns")
	kb.Postmortems[0].ActionItems[0].Owner = "ｻｲﾄｳ"
	kb.Postmortems[0].ActionItems[1].Owner = "佐藤花子"
	files := site(t, kb, testOpts)
	inOrder := func(p, from string, names ...string) {
		t.Helper()
		s := fileText(t, files, p)
		i := strings.Index(s, from)
		if i < 0 {
			t.Fatalf("%s: no %q", p, from)
		}
		s = s[i:]
		last := -1
		for _, n := range names {
			j := strings.Index(s, ">"+n+"<")
			if j < 0 {
				t.Errorf("%s: no %q after %q", p, n, from)
				continue
			}
			if j < last {
				t.Errorf("%s: %q comes before the name listed ahead of it (want order %q)", p, n, names)
			}
			last = j
		}
	}
	inOrder("causes/index.html", "<main", "ＤＮＳ設定", "アラート不足", "キャパシティ不足", "証明書の期限切れ", "設定変更", "不具合のあるデプロイ")
	inOrder("systems/index.html", "<main", "API gateway", "Billing", "Checkout API", "ﾊﾞｯﾁ処理基盤", "社内ＤＮＳ")
	inOrder("teams/payments/index.html", "<main", "Billing", "Checkout API", "ﾊﾞｯﾁ処理基盤", "社内ＤＮＳ")
	inOrder("actions/owners/index.html", "<main", "Ben", "chen", "ｻｲﾄｳ", "佐藤花子")
	inOrder("actions/index.html", `id="af-owner"`, "Ben", "chen", "ｻｲﾄｳ", "佐藤花子")
	inOrder("actions/index.html", `id="af-system"`, "API gateway", "Checkout API", "ﾊﾞｯﾁ処理基盤", "社内ＤＮＳ")
}
