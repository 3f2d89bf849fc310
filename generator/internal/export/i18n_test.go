package export

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
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
				" 時点で 42日超過。ポストモーテム「", "、期限 2024-03-29）</title>", "（担当者：",
				// the kind as the site words it, the severity as the main feed labels it (QA 14 B-F11)
				`<category term="mitigate" label="緩和"></category>`, `<category term="SEV2" label="Major"></category>`},
			[]string{"overdue action items", "owned by", "was due", "days overdue", "From the postmortem", "(due ", `<category term="mitigate"></category>`}},
		{CalendarPath, ics,
			[]string{"X-WR-CALNAME:", "：アクションアイテム\r\n", "X-WR-CALDESC:未完了のポストモーテムのアクションアイテムの期限\r\n",
				"DESCRIPTION:アクションアイテム ", "\\n担当者：", "\\n状態：未着手\\n", "\\n状態：対応中\\n", "\\nポストモーテム：",
				"\r\nCATEGORIES:緩和\r\n", "\r\nCATEGORIES:プロセス\r\n"}, // the kind as the site words it (QA 14 B-F11)
			[]string{"action items", "Action item", "Owner:", "Status:", "Postmortem:", "Due dates", "CATEGORIES:mitigate", "CATEGORIES:process"}},
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

// TestOverdueFeedReportsMissingWords checks that the overdue feed reports
// a theme's lack of the words of owner-less entries even when every
// overdue item has an owner (the feed formats only the words an entry
// says), and never reports the words of a kind of entry the feed would
// need only with overdue items: none overdue, nothing is missing.
func TestOverdueFeedReportsMissingWords(t *testing.T) {
	base, err := fs.ReadFile(themes.Default(), "i18n/en.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		lacks   string
		owners  string // "" leaves them as they are
		overdue bool
		want    string // in DataTo's error, "" for none
	}{
		{"owned entries, theme lacks entryNoOwner", "feed.overdue.entryNoOwner", "ann", true, "feed.overdue.entryNoOwner"},
		{"owned entries, theme lacks summaryNoOwner", "feed.overdue.summaryNoOwner", "ann", true, "feed.overdue.summaryNoOwner"},
		{"owner-less entries, theme lacks entry", "feed.overdue.entry", "-", true, ""},
		{"owner-less entries, theme lacks entryNoOwner", "feed.overdue.entryNoOwner", "-", true, "feed.overdue.entryNoOwner"},
		{"nothing overdue, theme lacks entryNoOwner", "feed.overdue.entryNoOwner", "", false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			strs := map[string]string{}
			if err := json.Unmarshal(base, &strs); err != nil {
				t.Fatal(err)
			}
			if _, ok := strs[tt.lacks]; !ok {
				t.Fatalf("the default theme has no %s: the test no longer removes a string", tt.lacks)
			}
			delete(strs, tt.lacks)
			data, err := json.Marshal(strs)
			if err != nil {
				t.Fatal(err)
			}
			words, err := render.LoadWords(fstest.MapFS{"i18n/en.json": {Data: data}}, "en")
			if err != nil {
				t.Fatal(err)
			}
			pms := actionstest.Postmortems()
			for _, p := range pms {
				for i := range p.ActionItems {
					a := &p.ActionItems[i]
					switch tt.owners {
					case "-":
						a.Owner = ""
					case "":
					default:
						a.Owner = tt.owners
					}
					if !tt.overdue {
						a.Due = model.Date{}
					}
				}
			}
			kb := model.New(model.DefaultSiteConfig(), actionstest.Today, pms)
			overdue := 0
			err = DataTo(kb, Options{Words: words}, func(f output.File) error {
				if f.Path == OverdueFeedPath {
					overdue = strings.Count(string(f.Data), "<entry>")
				}
				return nil
			})
			if (overdue > 0) != tt.overdue {
				t.Fatalf("%d overdue entries; the fixture no longer has overdue=%v", overdue, tt.overdue)
			}
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("DataTo: %v, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("DataTo: %v, want an error naming %s", err, tt.want)
			}
		})
	}
}
