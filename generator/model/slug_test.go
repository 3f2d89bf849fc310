package model

import "testing"

// TestSlug checks the slug names are grouped by: case, punctuation and
// width folded, and the spaces Japanese may or may not put next to a kanji
// or kana dropped, so that one person or team typed several ways is one
// (QA round 7, #13); other separators still make a "-".
func TestSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Payments Team", "payments-team"},
		{"@carol", "carol"},
		{"DNS ", "dns"},
		{"Bob  Smith", "bob-smith"},
		{"田中太郎", "田中太郎"},
		{"田中 太郎", "田中太郎"},
		{"田中　太郎", "田中太郎"},
		{"田中-太郎", "田中-太郎"},
		{"田中・太郎", "田中-太郎"},
		{"ｻｲﾄｳ", "サイトウ"},
		{"サイトウ", "サイトウ"},
		{"ＳＲＥチーム", "sreチーム"},
		{"sreチーム", "sreチーム"},
		{"SRE チーム", "sreチーム"},
		{"ＤＮＳ", "dns"},
		{"ﾊﾞｯﾁ処理基盤", "バッチ処理基盤"},
		{"データ ベース", "データベース"},
		{"A B", "a-b"},
		{"..", "x-2e-2e"},
	} {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
