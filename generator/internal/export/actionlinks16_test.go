package export

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// linkItem is what TestActionExportsLinkTheSite reads of actions.json.
type linkItem struct {
	Key       string   `json:"key"`
	Owner     string   `json:"owner"`
	Overdue   bool     `json:"overdue"`
	Teams     []string `json:"teams"`
	OwnerName string   `json:"owner_name"`
	OwnerURL  string   `json:"owner_url"`
	URL       string   `json:"url"`
	TeamNames []string `json:"team_names"`
	TeamURLs  []string `json:"team_urls"`
}

// ownerSpellings is a postmortem whose items spell three owners six
// ways, whose teams spell one team two ways, with a Japanese id and an
// item id that needs escaping.
func ownerSpellings() *model.Postmortem {
	due := model.Date{Year: 2024, Month: time.May, Day: 1}
	return &model.Postmortem{
		ID: "2024-05-02-決済障害", Path: "content/postmortems/2024/2024-05-02-決済障害.md",
		Title: "決済障害", Date: time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC), Severity: "SEV2",
		Status: model.StatusPublished, Systems: []string{"payment-api"}, Teams: []string{"Payments", "SRE チーム"},
		Visibility: model.VisibilityInternal,
		ActionItems: []model.ActionItem{
			{ID: "AI-1", Title: "one", Owner: "Bob", Due: due},
			{ID: "AI-2", Title: "two", Owner: "@bob", Due: due},
			{ID: "AI 4/x#y", Title: "three", Owner: "田中 太郎", Due: due},
			{ID: "AI-5", Title: "four", Owner: "田中太郎", Due: due},
			{ID: "AI-6", Title: "five", Owner: "ｻｲﾄｳ", Due: due},
			{ID: "AI-7", Title: "six", Owner: "サイトウ", Due: due},
			{ID: "AI-8", Title: "seven", Owner: "ｻｲﾄｳ", Due: due},
		},
	}
}

var h1 = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
var tags = regexp.MustCompile(`<[^>]*>`)

// TestActionExportsLinkTheSite checks that every item of api/actions.json
// (and so of `pmkb actions --format json|csv`) carries its owner and teams
// as the site groups and names them, with their pages' URLs, and its own
// URL: the link of the overdue feed and actions.ics, to an id of its
// postmortem's page. Before, a bot saw "Bob" and "@bob" as two owners the
// site shows as one, and had to rebuild every link, with pmkb's encoding
// of odd ids (QA 16 D-F9).
func TestActionExportsLinkTheSite(t *testing.T) {
	const base = "https://kb.example.com/%E9%9A%9C%E5%AE%B3kb/" // /障害kb/, as the config encodes it
	pms := append(actionstest.Postmortems(), ownerSpellings())
	pms[1].Teams = []string{"platform", "payments"} // "Payments" above is newer: it names the page
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = base
	kb := model.New(cfg, actionstest.Today, pms)
	out := files(t, kb, opts)
	pages := map[string]string{}
	site, err := render.Site(kb, themes.Default(), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range site {
		pages[f.Path] = string(f.Data)
	}

	var items []linkItem
	if err := json.Unmarshal(out[ActionsJSONPath], &items); err != nil {
		t.Fatal(err)
	}
	// page returns the HTML of the page at u, a URL under base, and u's
	// fragment.
	page := func(what, u string) (string, string) {
		t.Helper()
		rest, ok := strings.CutPrefix(u, base)
		if !ok {
			t.Errorf("%s %q is not under %s", what, u, base)
			return "", ""
		}
		escaped, frag, _ := strings.Cut(rest, "#")
		path, err := url.PathUnescape(escaped)
		if err != nil || model.EscapePath(path) != escaped {
			t.Errorf("%s %q is not encoded as the site's URLs are (%v)", what, u, err)
		}
		doc, ok := pages[path+"index.html"]
		if !ok {
			t.Errorf("%s %q: no page %sindex.html", what, u, path)
		}
		return doc, frag
	}
	heading := func(doc string) string {
		m := h1.FindStringSubmatch(doc)
		if m == nil {
			return ""
		}
		return html.UnescapeString(tags.ReplaceAllString(m[1], ""))
	}
	ownerNames := map[string]string{} // by owner_url
	urls := map[string]bool{}
	var overdue []string
	for _, it := range items {
		doc, frag := page(it.Key+" url", it.URL)
		if !strings.Contains(doc, ` id="`+html.EscapeString(frag)+`"`) || !strings.HasPrefix(frag, "item-") {
			t.Errorf("%s: url %q: its page has no row with the id %q", it.Key, it.URL, frag)
		}
		urls[it.URL] = true
		if it.Overdue {
			overdue = append(overdue, it.URL)
		}
		doc, _ = page(it.Key+" owner_url", it.OwnerURL)
		if got := heading(doc); it.OwnerName == "" || !strings.Contains(got, it.OwnerName) {
			t.Errorf("%s: owner %q is named %q; its page %s is headed %q", it.Key, it.Owner, it.OwnerName, it.OwnerURL, got)
		}
		ownerNames[it.OwnerURL] = it.OwnerName
		if len(it.TeamNames) != len(it.Teams) || len(it.TeamURLs) != len(it.Teams) {
			t.Errorf("%s: teams %q, team_names %q, team_urls %q", it.Key, it.Teams, it.TeamNames, it.TeamURLs)
			continue
		}
		for i := range it.Teams {
			doc, _ := page(it.Key+" team_url", it.TeamURLs[i])
			if got := heading(doc); it.TeamNames[i] == "" || !strings.Contains(got, it.TeamNames[i]) {
				t.Errorf("%s: team %q is named %q; its page %s is headed %q", it.Key, it.Teams[i], it.TeamNames[i], it.TeamURLs[i], got)
			}
		}
	}
	var ownerPages int
	for p := range pages {
		if strings.HasPrefix(p, "actions/owners/") && strings.Count(p, "/") == 3 {
			ownerPages++
		}
	}
	if len(ownerNames) != ownerPages {
		t.Errorf("%d owner_urls %v; the site has %d owner pages", len(ownerNames), ownerNames, ownerPages)
	}
	for _, want := range []string{"Bob", "田中 太郎", "ｻｲﾄｳ"} {
		if !slices.Contains(slices.Collect(maps.Values(ownerNames)), want) {
			t.Errorf("no owner is named %q: %v", want, ownerNames)
		}
	}

	// The overdue feed and the calendar link the items by the same URLs.
	var feed struct {
		Entries []struct {
			Links []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out[OverdueFeedPath], &feed); err != nil {
		t.Fatal(err)
	}
	var feedLinks []string
	for _, e := range feed.Entries {
		for _, l := range e.Links {
			feedLinks = append(feedLinks, l.Href)
		}
	}
	slices.Sort(overdue)
	slices.Sort(feedLinks)
	if !slices.Equal(overdue, feedLinks) || len(overdue) < 7 {
		t.Errorf("overdue items' urls %q,\noverdue feed's links %q", overdue, feedLinks)
	}
	n := 0
	for _, ev := range events(parseICS(t, out[CalendarPath])) {
		for _, u := range ev.Props["URL"] {
			n++
			if !urls[u] {
				t.Errorf("actions.ics links %s, the url of no item", u)
			}
		}
	}
	if n == 0 {
		t.Error("actions.ics links no item")
	}
}
