package notify

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// TestSlackPayloadInTheSitesLanguage checks that the digest of a
// language = "ja" site says its own words in Japanese, with the theme's
// UI strings, and no English (qa7-a #4); TestSlackPayloadGolden keeps the
// English one as it was.
func TestSlackPayloadInTheSitesLanguage(t *testing.T) {
	words, err := render.LoadWords(themes.Default(), "ja")
	if err != nil {
		t.Fatal(err)
	}
	pms := actionstest.Postmortems()
	pms[1].ActionItems[3].Due = model.Date{Year: 2024, Month: 5, Day: 12}
	kb := model.New(model.DefaultSiteConfig(), actionstest.Today, pms)
	data, err := SlackPayload(BuildDigest(kb, 7), "https://kb.example.com/pm/", words)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "digest-ja.json", data)
	p := decodePayload(t, data)
	if want := "ポストモーテムのアクションアイテム：期限切れ 3 件、7 日以内に期限 3 件"; p.Text != want {
		t.Errorf("text %q, want %q", p.Text, want)
	}
	all := string(data)
	for _, want := range []string{
		"ポストモーテムのアクションアイテム：期限切れ 3 件、期限間近 3 件",            // header
		"2024-05-10 時点で *期限切れ 3 件* 、 *7 日以内に期限 3 件* です。", // summary
		"|すべてのアクションアイテム>",
		"*aiko* （期限切れ 2 件、期限間近 1 件）",
		"今日が期限（2024-05-10）",
		"— 期限 2024-03-29、 *42日超過*",
		"日後が期限（2024-05-",
		"|チケット>",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("payload lacks %q", want)
		}
	}
	for _, en := range []string{"overdue", "due soon", "As of", "All action items", "|ticket>", "due in", "due today", "due tomorrow"} {
		if strings.Contains(all, en) {
			t.Errorf("payload says %q in English", en)
		}
	}
}
