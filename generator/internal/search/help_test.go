package search

import (
	"encoding/json"
	"html"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// TestSearchPageHelp checks the search page's help on the query syntax,
// in each language of the default theme: a closed <details> in the page's
// HTML (readable without JavaScript), its summary and texts in the page's
// language, and an entry for each kind of query word the engine knows:
// phrases, prefixes and every filter (facetNames).
func TestSearchPageHelp(t *testing.T) {
	helpRE := regexp.MustCompile(`(?s)<details class="search-help">\s*<summary>([^<]+)</summary>(.*?)</details>`)
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			data, err := fs.ReadFile(themes.Default(), "i18n/"+lang+".json")
			if err != nil {
				t.Fatal(err)
			}
			var tr map[string]string
			if err := json.Unmarshal(data, &tr); err != nil {
				t.Fatal(err)
			}
			cfg := model.DefaultSiteConfig()
			cfg.Language = lang
			kb := model.New(cfg, model.Date{Year: 2024, Month: 7, Day: 1}, browserKB().Postmortems)
			var page string
			for _, f := range buildSite(t, kb) {
				if f.Path == "search/index.html" {
					page = string(f.Data)
				}
			}
			m := helpRE.FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("no closed search help in the search page:\n%s", page)
			}
			if m[1] != tr["search.help"] || m[1] == "" {
				t.Errorf("summary %q, want %q", m[1], tr["search.help"])
			}
			body := html.UnescapeString(m[2])
			for _, key := range []string{"search.helpWords", "search.helpPhrase", "search.helpPrefix", "search.helpFilters"} {
				if tr[key] == "" || !strings.Contains(body, "<dd>"+tr[key]+"</dd>") {
					t.Errorf("help lacks %s %q:\n%s", key, tr[key], body)
				}
			}
			for _, want := range []string{`<code>"connection pool"</code>`, "<code>certif*</code>"} {
				if !strings.Contains(body, want) {
					t.Errorf("help lacks %s:\n%s", want, body)
				}
			}
			// Exclusions, as the engine reads them (QA 12 F4: the help said
			// -word does not exclude).
			for _, want := range []string{"dns -zone", "dns NOT zone", "-severity:"} {
				if !strings.Contains(tr["search.helpWords"], want) {
					t.Errorf("the help on words lacks the exclusion %s: %q", want, tr["search.helpWords"])
				}
			}
			for _, name := range facetNames {
				if !strings.Contains(body, "<code>"+name+":</code>") {
					t.Errorf("help lacks the filter %s:", name)
				}
			}
			if strings.Index(page, `class="search-help"`) > strings.Index(page, "<noscript>") {
				t.Errorf("the help is inside or after the <noscript> note")
			}
		})
	}
}

// TestJapaneseFilterSpelling checks that the search page spells "filter"
// one way in Japanese, フィルター, in its help text (ja.json search.*) and
// its hints (search.js), not フィルタ in one and フィルター in the other
// (QA 14 B-F13).
func TestJapaneseFilterSpelling(t *testing.T) {
	short := regexp.MustCompile(`フィルタ([^ー]|$)`)
	data, err := fs.ReadFile(themes.Default(), "i18n/ja.json")
	if err != nil {
		t.Fatal(err)
	}
	var tr map[string]string
	if err := json.Unmarshal(data, &tr); err != nil {
		t.Fatal(err)
	}
	for _, key := range slices.Sorted(maps.Keys(tr)) {
		if strings.HasPrefix(key, "search.") && short.MatchString(tr[key]) {
			t.Errorf("ja.json %s says フィルタ, the hints フィルター: %q", key, tr[key])
		}
	}
	js, err := fs.ReadFile(themes.Default(), "static/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	if m := short.Find(js); m != nil || !strings.Contains(string(js), "フィルター") {
		t.Errorf("search.js spells the filter %q, want フィルター", m)
	}
}
