package export

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/themes"
)

// TestActionExportsInTheSitesLanguage checks that the overdue feed and
// the calendar of a language = "ja" site say their own words in Japanese,
// with the theme's UI strings (the site's status labels, 未着手 for open),
// and no English (qa7-a #4). The English ones are the golden files of
// TestFilesGolden, unchanged.
func TestActionExportsInTheSitesLanguage(t *testing.T) {
	kb := actionstest.KB("https://kb.example.com/pm/")
	kb.Config.Language = "ja"
	words, err := render.LoadWords(themes.Default(), "ja")
	if err != nil {
		t.Fatal(err)
	}
	out := files(t, kb, Options{Generator: opts.Generator, Words: words})
	feed := string(out[OverdueFeedPath])
	ics := strings.ReplaceAll(string(out[CalendarPath]), "\r\n ", "") // unfolded
	golden(t, "ja/overdue.xml", out[OverdueFeedPath])
	golden(t, "ja/actions.ics", out[CalendarPath])
	for _, tt := range []struct {
		file, text string
		want, not  []string
	}{
		{OverdueFeedPath, feed,
			[]string{"：期限切れのアクションアイテム</title>", "期限を過ぎても完了していないアクションアイテム（2024-05-10 時点）。",
				" 時点で 42日超過。ポストモーテム「", "、期限 2024-03-29）</title>", "（担当者："},
			[]string{"overdue action items", "owned by", "was due", "days overdue", "From the postmortem", "(due "}},
		{CalendarPath, ics,
			[]string{"X-WR-CALNAME:", "：アクションアイテム\r\n", "X-WR-CALDESC:未完了のポストモーテムのアクションアイテムの期限\r\n",
				"DESCRIPTION:アクションアイテム ", "\\n担当者：", "\\n状態：未着手\\n", "\\n状態：対応中\\n", "\\nポストモーテム："},
			[]string{"action items", "Action item", "Owner:", "Status:", "Postmortem:", "Due dates"}},
	} {
		for _, w := range tt.want {
			if !strings.Contains(tt.text, w) {
				t.Errorf("%s lacks %q", tt.file, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(tt.text, n) {
				t.Errorf("%s says %q in English", tt.file, n)
			}
		}
	}
}
