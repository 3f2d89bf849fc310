package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
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

// TestOwnerTitleJoinsIdeographs proves an owner page's title sets no
// space between a Japanese name and the Japanese words after it, and
// keeps it after a Latin name (QA 14 B-F13: "佐藤 のアクションアイテム").
func TestOwnerTitleJoinsIdeographs(t *testing.T) {
	kb := testKB("ja", repo)
	cert, ok := kb.ByID("2024-03-14-checkout-cert")
	if !ok {
		t.Fatal("no certificate incident in the fixture")
	}
	cert.ActionItems = append(slices.Clone(cert.ActionItems), model.ActionItem{ID: "AI-9", Title: "Rehearse", Owner: "佐藤", Due: day(2024, 5, 1), Status: "open"})
	files := site(t, kb, testOpts)
	found := map[string]bool{}
	for p, data := range files {
		if !strings.HasPrefix(p, "actions/owners/") {
			continue
		}
		for _, title := range []string{"<h1>佐藤のアクションアイテム</h1>", "<h1>aiko のアクションアイテム</h1>", "<h1>佐藤 のアクションアイテム</h1>"} {
			if strings.Contains(string(data), title) {
				found[title] = true
			}
		}
	}
	if !found["<h1>佐藤のアクションアイテム</h1>"] || !found["<h1>aiko のアクションアイテム</h1>"] || found["<h1>佐藤 のアクションアイテム</h1>"] {
		t.Errorf("owner page titles found: %v", found)
	}
	for _, tt := range [][3]string{
		{"佐藤 のアクションアイテム", "佐藤", "佐藤のアクションアイテム"},
		{"aiko のアクションアイテム", "aiko", "aiko のアクションアイテム"},
		{"Action items of 佐藤", "佐藤", "Action items of 佐藤"},
		{"田中 ", "田中", "田中 "},
		{"x", "", "x"},
	} {
		if got := joinIdeographs(tt[0], tt[1]); got != tt[2] {
			t.Errorf("joinIdeographs(%q, %q) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
}
