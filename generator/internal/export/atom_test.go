package export

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// TestOverdueSummaryQuotesTitleAsWritten checks that an overdue entry's
// summary shows its postmortem's title as written, in quotation marks
// (QA 15 B-F2): en.json said %q, Go's string quoting, so a reader showed
// `"Deploy \"v2\" broke\\path"` and a no-break space as `\u00a0`. A site
// theme that copied that string, %q and all, reads right too.
func TestOverdueSummaryQuotesTitleAsWritten(t *testing.T) {
	const title = "Deploy \"v2\" broke\\path,\u00a0Leap day 🎉"
	en, err := fs.ReadFile(themes.Default(), "i18n/en.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, lang string
		summary    string // feed.overdue.summary and …NoOwner with the title as this verb, "" for the theme's
		owner      string
		want       string
	}{
		{"default English", "en", "", "ann", "From the postmortem “" + title + "”."},
		{"default English, no owner", "en", "", "", "From the postmortem “" + title + "”."},
		{"default Japanese", "ja", "", "ann", "ポストモーテム「" + title + "」より。"},
		{"a theme copied with %q", "en", "%q", "ann", `From the postmortem "` + title + `".`},
		{"a theme copied with %q, no owner", "en", "%q", "", `From the postmortem "` + title + `".`},
		{"a theme with %s", "en", "%s", "ann", "From the postmortem " + title + "."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var words *render.Words
			var err error
			if tt.summary == "" {
				words, err = render.LoadWords(themes.Default(), tt.lang)
			} else {
				strs := map[string]string{}
				if err := json.Unmarshal(en, &strs); err != nil {
					t.Fatal(err)
				}
				strs["feed.overdue.summary"] = "%s, owned by %s, was due %s: %s as of %s. From the postmortem " + tt.summary + "."
				strs["feed.overdue.summaryNoOwner"] = "%s, was due %s: %s as of %s. From the postmortem " + tt.summary + "."
				data, err := json.Marshal(strs)
				if err != nil {
					t.Fatal(err)
				}
				words, err = render.LoadWords(fstest.MapFS{"i18n/en.json": {Data: data}}, "en")
			}
			if err != nil {
				t.Fatal(err)
			}
			pms := actionstest.Postmortems()
			for _, p := range pms {
				p.Title = title
				for i := range p.ActionItems {
					p.ActionItems[i].Owner = tt.owner
				}
			}
			kb := model.New(model.DefaultSiteConfig(), actionstest.Today, pms)
			var f feedDoc
			decodeXML(t, OverdueFeedPath, files(t, kb, Options{Generator: opts.Generator, Words: words})[OverdueFeedPath], &f)
			if len(f.Entries) == 0 {
				t.Fatal("no overdue entries: the fixture has none")
			}
			for _, e := range f.Entries {
				if !strings.HasSuffix(e.Summary, tt.want) {
					t.Errorf("summary %q; want it to end %q", e.Summary, tt.want)
				}
			}
		})
	}
}
