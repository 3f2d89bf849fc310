package render

import (
	"strings"
	"testing"
)

// TestActionTitleLang checks that the title of an action item is marked
// with its postmortem's language wherever it is shown (action tables, the
// open items of a repeat and of a term page) when that language is not the
// site's (qa7-a #24: an English postmortem's items on a Japanese site had
// no lang="en", though its title and body did).
func TestActionTitleLang(t *testing.T) {
	opts := testOpts
	opts.Repeats = map[string][]Repeated{"2024-02-01-billing-batch": {{ID: "2024-03-14-checkout-cert", Related: true, Days: 10,
		OpenActions: []OpenAction{{Postmortem: "2024-03-14-checkout-cert", ID: "AI-2", Title: "Alert 14 days before any certificate expires",
			Owner: "aiko", Kind: "detect", Status: "open", Due: "2024-03-29"}}}}}
	for _, tc := range []struct {
		site, lang string
		titles     []string
		where      []string // pages that must show one of them
	}{
		{"ja", "en", []string{"Renew certificates automatically", "Alert 14 days before any certificate expires", "Write a runbook for certificate rotation"},
			[]string{"actions/index.html", "postmortems/2024-03-14-checkout-cert/index.html", "postmortems/2024-02-01-billing-batch/index.html", "systems/api-gateway/index.html"}},
		{"en", "ja", []string{"バッチに排他ロックを追加する"}, []string{"actions/index.html", "postmortems/2024-02-01-billing-batch/index.html"}},
	} {
		files := site(t, testKB(tc.site, repo), opts)
		shown := map[string]bool{}
		for p, data := range files {
			s := string(data)
			for _, title := range tc.titles {
				all, marked := strings.Count(s, ">"+title+"<"), strings.Count(s, `lang="`+tc.lang+`">`+title+"<")
				if all != marked {
					t.Errorf("%s site: %s: %d of %d occurrences of %q are not marked lang=%s", tc.site, p, all-marked, all, title, tc.lang)
				}
				if marked > 0 {
					shown[p] = true
				}
			}
		}
		for _, p := range tc.where {
			if !shown[p] {
				t.Errorf("%s site: %s shows no marked title", tc.site, p)
			}
		}
	}
}
