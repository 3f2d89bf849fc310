package search

import "testing"

// TestQuotedMarkedWord checks that a quoted word (or phrase) ending in a
// katakana letter and the long mark finds what the word finds (QA 18r
// F13: "キー" found nothing while キー found 93 postmortems: the phrase
// looked up the lone term キ, which the index has only where nothing
// follows the mark, as キー before a particle is キに), in the Go engine,
// pmkb search and search.js alike, and that excluding it leaves out what
// it finds.
func TestQuotedMarkedWord(t *testing.T) {
	const a, b, c, d = "2024-01-03-c", "2024-02-01-d", "2024-03-01-e", "2024-04-01-f"
	checkThreeEngines(t, longMarkKB(), []searchCase{
		{"キー", []string{b, c}},
		{`"キー"`, []string{b, c}},
		{`"ｷｰ"`, []string{b, c}},
		{`「キー」`, []string{b, c}},
		{`"キー" 再起動`, []string{b}},
		{`"APIキー"`, []string{c}},
		{`"APIキーが"`, []string{c}},
		{`"キャッシュキー"`, []string{b}},
		{`"テナント キー"`, nil},
		{`-"キー"`, []string{a, d}},
		{`"エラー"`, []string{a}},
	})
}
