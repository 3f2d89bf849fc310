package search

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/model"
)

// TestDecomposedQuery checks that a query in decomposed form (NFD, as a
// file name copied on macOS holds it: デ is テ and U+3099) finds what the
// same query composed finds (QA 18 b-F7: it found nothing, with the hint
// "no postmortem has the words テ, フ"), in the Go engine, pmkb search and
// search.js alike: queries are read in NFC, as the postmortems are.
func TestDecomposedQuery(t *testing.T) {
	a := textPM("2024-05-01-deploy", "ja", "デプロイ後にデータベースが停止",
		"デプロイでスキーマが壊れた。", "SEV2", "2024-05-01",
		[]string{"db"}, []string{"bad-deploy"}, "ロールバックで復旧した。")
	b := textPM("2024-06-01-cafe", "en", "Café checkout failed",
		"The café's payment terminal was down.", "SEV3", "2024-06-01",
		[]string{"pos"}, []string{"capacity"}, "Rebooted it.")
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	kb := model.New(cfg, model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{a, b})
	nfd := norm.NFD.String
	for _, q := range []string{"デプロイ", "データベース", "café"} {
		if nfd(q) == q {
			t.Fatalf("%q is the same in NFD", q)
		}
	}
	checkThreeEngines(t, kb, []searchCase{
		{nfd("デプロイ"), []string{a.ID}},
		{nfd("データベース"), []string{a.ID}},
		{nfd("デプロイ後にデータベース"), []string{a.ID}},
		{nfd("café"), []string{b.ID}},
		{nfd(`"café checkout"`), []string{b.ID}},
		{nfd("デプロイ -café"), []string{a.ID}},
	})
}
