package search

import (
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestMarkedPrefixMarksTheWord checks that a snippet marks a word of one
// katakana letter and the long mark (キー, カー, リー) where it is written,
// not the character after it that the index pairs with the letter (QA 18r
// F9: キー marked キーに, カー the カに of レプリカに, リー リをリー of
// メモリをリーク), in pmkb search and on the site alike.
func TestMarkedPrefixMarksTheWord(t *testing.T) {
	pm := textPM("2024-06-01-k", "ja", "鍵の失効", "失効した。", "SEV3", "2024-06-01",
		[]string{"api"}, []string{"capacity"},
		"キャッシュキーにテナントを含めた。レプリカに切り替え、カーネルを更新した。メモリをリークした。APIキーが失効した。ｷｰは無効。")
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	kb := model.New(cfg, model.Date{Year: 2024, Month: 11, Day: 28}, []*model.Postmortem{pm})
	dir, ix := bothEngines(t, kb)
	checkMarks(t, dir, ix, "2024-06-01-k", []markCase{
		{"キー", []string{"キー", "キー", "ｷｰ"}},
		{"ｷｰ", []string{"キー", "キー", "ｷｰ"}},
		{"キー*", []string{"キー", "キー", "ｷｰ"}},
		{"カー", []string{"カ", "カー"}},
		{"リー", []string{"リ", "リー"}},
		{`"APIキー"`, []string{"APIキー"}},
		{"キーに", []string{"キーに"}},
	})
}
