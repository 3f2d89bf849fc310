package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/internal/actions"
	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
	"github.com/pmkb/pmkb/generator/internal/corpustest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

var opts = Options{Generator: "pmkb v0.0.0-test"}

func files(t *testing.T, kb *model.KnowledgeBase, o Options) map[string][]byte {
	t.Helper()
	fs, err := Files(kb, o)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	var paths []string
	for _, f := range fs {
		out[f.Path] = f.Data
		paths = append(paths, f.Path)
		if !utf8.Valid(f.Data) {
			t.Errorf("%s is not valid UTF-8", f.Path)
		}
	}
	want := []string{CalendarPath, OverdueFeedPath, ActionsCSVPath, ActionsJSONPath, PostmortemsAPIPath, FeedPath, SitemapPath}
	if !slices.Equal(paths, want) {
		t.Errorf("paths %v, want %v (sorted)", paths, want)
	}
	return out
}

func TestFilesGolden(t *testing.T) {
	for _, base := range []struct{ name, url string }{{"absolute", "https://kb.example.com/pm/"}, {"relative", "/"}} {
		out := files(t, actionstest.KB(base.url), Options{Generator: opts.Generator, Pages: []string{"postmortems/", "", "postmortems/", "postmortems/2024-04-20-dns/", "actions/owners/aiko/"}})
		for path, data := range out {
			golden(t, filepath.Join(base.name, filepath.FromSlash(path)), data)
		}
	}
}

func TestDeterministic(t *testing.T) {
	pms := actionstest.Postmortems()
	slices.Reverse(pms)
	cfg := model.DefaultSiteConfig()
	cfg.BaseURL = "https://kb.example.com/pm/"
	cfg.Title = "Acme postmortems"
	a := files(t, model.New(cfg, actionstest.Today, pms), opts)
	b := files(t, actionstest.KB("https://kb.example.com/pm/"), opts)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("output depends on input order:\n%s", diff)
	}
}

// Atom documents as a reader sees them.
type feedDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func decodeXML(t *testing.T, name string, data []byte, v any) {
	t.Helper()
	// Every token must parse (well-formedness), then the typed decode.
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v", name, err)
		}
	}
	if err := xml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestPostmortemFeed(t *testing.T) {
	out := files(t, actionstest.KB("https://kb.example.com/pm/"), opts)
	var f feedDoc
	decodeXML(t, FeedPath, out[FeedPath], &f)
	if f.ID != "https://kb.example.com/pm/feed.xml" || f.Title != "Acme postmortems" || f.Lang != "en" {
		t.Errorf("feed head: %+v", f)
	}
	// Updated is the latest entry's: the cert incident was resolved 11:40+09:00
	// but the disk incident started later (2024-05-09).
	if f.Updated != "2024-05-09T03:00:00Z" {
		t.Errorf("feed updated %q", f.Updated)
	}
	if len(f.Entries) != 3 {
		t.Fatalf("%d entries", len(f.Entries))
	}
	cert := f.Entries[2]
	if cert.ID != "https://kb.example.com/pm/postmortems/2024-03-14-checkout-cert/" ||
		cert.Updated != "2024-03-14T11:40:00+09:00" ||
		cert.Summary != "The checkout API's certificate expired & nobody was alerted." ||
		cert.Links[0].Href != cert.ID {
		t.Errorf("cert entry %+v", cert)
	}
	if f.Entries[1].Title != "DNS 解決の失敗で決済が停止" {
		t.Errorf("japanese title %q", f.Entries[1].Title)
	}

	rel0 := actionstest.KB("/kb")
	rel := files(t, rel0, opts)
	f = feedDoc{}
	decodeXML(t, FeedPath, rel[FeedPath], &f)
	site := siteURN(rel0.Config.Title, "/kb/", rel0.Config.Repository)
	if f.ID != site+":feed" || f.Entries[2].ID != site+":postmortem:2024-03-14-checkout-cert" ||
		f.Entries[2].Links[0].Href != "/kb/postmortems/2024-03-14-checkout-cert/" {
		t.Errorf("relative site: id %q entry %+v", f.ID, f.Entries[2])
	}
}

// TestFeedIDsNameTheSite checks that feeds of sites without an absolute
// base URL get ids of their own: two sites differ (a reader subscribed to
// both must not merge them), one site keeps its ids.
func TestFeedIDsNameTheSite(t *testing.T) {
	feedID := func(title, base, repository string) string {
		cfg := model.DefaultSiteConfig()
		cfg.Title, cfg.BaseURL, cfg.Repository = title, base, repository
		var f feedDoc
		decodeXML(t, FeedPath, files(t, model.New(cfg, actionstest.Today, nil), opts)[FeedPath], &f)
		return f.ID
	}
	a := feedID("Postmortems", "/", "")
	if !strings.HasPrefix(a, "urn:pmkb:site:") || a == "urn:pmkb:feed" {
		t.Errorf("feed id %q does not name the site", a)
	}
	if again := feedID("Postmortems", "/", ""); again != a {
		t.Errorf("feed id changed between builds: %q, %q", a, again)
	}
	for _, other := range [][3]string{{"Acme postmortems", "/", ""}, {"Postmortems", "/pm/", ""}, {"Postmortems", "/", "https://git.example.com/x/edit/main/"}} {
		if id := feedID(other[0], other[1], other[2]); id == a {
			t.Errorf("site %q shares the feed id %q of another site", other, id)
		}
	}
	if id := feedID("Postmortems", "https://kb.example.com/", ""); id != "https://kb.example.com/feed.xml" {
		t.Errorf("absolute site: feed id %q, want its URL", id)
	}
}

func TestFeedLimitAndEmpty(t *testing.T) {
	var pms []*model.Postmortem
	for i := range 60 {
		pms = append(pms, &model.Postmortem{ID: fmt.Sprintf("pm-%02d", i), Title: "t",
			Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), Severity: "SEV4"})
	}
	kb := model.New(model.DefaultSiteConfig(), actionstest.Today, pms)
	var f feedDoc
	decodeXML(t, FeedPath, files(t, kb, opts)[FeedPath], &f)
	site := siteURN(kb.Config.Title, kb.Config.BaseURL, "")
	if len(f.Entries) != FeedEntries || f.Entries[0].ID != site+":postmortem:pm-59" || f.Entries[49].ID != site+":postmortem:pm-10" {
		t.Errorf("%d entries, first %q last %q", len(f.Entries), f.Entries[0].ID, f.Entries[len(f.Entries)-1].ID)
	}

	empty := model.New(model.DefaultSiteConfig(), actionstest.Today, nil)
	out := files(t, empty, opts)
	f = feedDoc{}
	decodeXML(t, FeedPath, out[FeedPath], &f)
	if f.Updated != "2024-05-10T00:00:00Z" || len(f.Entries) != 0 {
		t.Errorf("empty feed: updated %q, %d entries", f.Updated, len(f.Entries))
	}
	if string(out[ActionsJSONPath]) != "[]\n" {
		t.Errorf("empty actions.json %q", out[ActionsJSONPath])
	}
}

func TestOverdueFeed(t *testing.T) {
	out := files(t, actionstest.KB("https://kb.example.com/pm/"), opts)
	var f feedDoc
	decodeXML(t, OverdueFeedPath, out[OverdueFeedPath], &f)
	if f.Updated != "2024-05-10T00:00:00Z" || f.ID != "https://kb.example.com/pm/actions/overdue.xml" {
		t.Errorf("head %q %q", f.ID, f.Updated)
	}
	var ids, updated []string
	for _, e := range f.Entries {
		ids = append(ids, e.ID)
		updated = append(updated, e.Updated)
	}
	wantIDs := []string{
		"https://kb.example.com/pm/postmortems/2024-03-14-checkout-cert/#AI-2",
		"https://kb.example.com/pm/postmortems/2024-04-20-dns/#AI-1",
		"https://kb.example.com/pm/postmortems/2024-05-09-disk/#AI-1",
	}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2024-03-30T00:00:00Z", "2024-05-02T00:00:00Z", "2024-05-10T00:00:00Z"}, updated); diff != "" {
		t.Errorf("updated (-want +got):\n%s", diff)
	}
	if !strings.Contains(f.Entries[0].Summary, "42 days overdue as of 2024-05-10") {
		t.Errorf("summary %q", f.Entries[0].Summary)
	}
	// An entry links to the item's row on its postmortem's page (the
	// page's id item-<id>); its id stays as it was, so readers do not
	// see old entries as new.
	if got, want := f.Entries[0].Links[0].Href, "https://kb.example.com/pm/postmortems/2024-03-14-checkout-cert/#"+model.ActionAnchor("AI-2"); got != want {
		t.Errorf("entry link %q, want %q", got, want)
	}
}

// TestFeedSummaryWithoutHeadings checks that the summary of a postmortem
// with neither summary nor impact is the start of its body without the
// headings (QA: "Summary C.", the heading glued to the first paragraph).
func TestFeedSummaryWithoutHeadings(t *testing.T) {
	kb := actionstest.KB("https://kb.example.com/pm/")
	p, ok := kb.ByID("2024-03-14-checkout-cert")
	if !ok {
		t.Fatal("fixture: no cert postmortem")
	}
	p.Summary, p.Impact = "", ""
	p.Text = "Summary\nC.\nTimeline\nThe certificate expired."
	p.Headings = []int32{0, 7, 11, 19}
	var f feedDoc
	decodeXML(t, FeedPath, files(t, kb, opts)[FeedPath], &f)
	for _, e := range f.Entries {
		if strings.Contains(e.ID, p.ID) {
			if want := "C. The certificate expired."; e.Summary != want {
				t.Errorf("summary %q, want %q", e.Summary, want)
			}
			return
		}
	}
	t.Errorf("no entry for %s", p.ID)
}

func TestSitemap(t *testing.T) {
	var set struct {
		URLs []string `xml:"url>loc"`
	}
	out := files(t, actionstest.KB("https://kb.example.com/pm"), Options{Pages: []string{"teams/b/", "", "postmortems/日本/", "teams/b/"}})
	decodeXML(t, SitemapPath, out[SitemapPath], &set)
	want := []string{"https://kb.example.com/pm/", "https://kb.example.com/pm/postmortems/%E6%97%A5%E6%9C%AC/", "https://kb.example.com/pm/teams/b/"}
	if diff := cmp.Diff(want, set.URLs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	out = files(t, actionstest.KB("/"), Options{})
	set.URLs = nil
	decodeXML(t, SitemapPath, out[SitemapPath], &set)
	for _, u := range []string{"/", "/actions/", "/actions/owners/aiko/", "/postmortems/2024-05-09-disk/", "/teams/payments/", "/years/2024/"} {
		if !slices.Contains(set.URLs, u) {
			t.Errorf("default pages lack %s: %v", u, set.URLs)
		}
	}
	if !slices.IsSorted(set.URLs) || len(slices.Compact(slices.Clone(set.URLs))) != len(set.URLs) {
		t.Errorf("not sorted and unique: %v", set.URLs)
	}
}

func TestPostmortemsAPI(t *testing.T) {
	out := files(t, actionstest.KB("https://kb.example.com/pm/"), opts)
	var doc map[string]any
	if err := json.Unmarshal(out[PostmortemsAPIPath], &doc); err != nil {
		t.Fatal(err)
	}
	if doc["count"] != 3.0 || doc["today"] != "2024-05-10" || doc["generator"] != opts.Generator {
		t.Errorf("head %v %v %v", doc["count"], doc["today"], doc["generator"])
	}
	pms := doc["postmortems"].([]any)
	wantKeys := []string{"action_items", "authors", "backlinks", "causes", "commander", "date", "day", "detection",
		"durations", "extra", "id", "impact", "lang", "related", "severity", "severity_label", "source", "status",
		"summary", "systems", "tags", "teams", "timeline", "title", "trigger", "url", "visibility"}
	for _, p := range pms {
		var got []string
		for k := range p.(map[string]any) {
			got = append(got, k)
		}
		slices.Sort(got)
		if diff := cmp.Diff(wantKeys, got); diff != "" {
			t.Errorf("keys (-want +got):\n%s", diff)
		}
	}
	dns := pms[1].(map[string]any)
	wantExtra := map[string]any{"customer_ticket": "CS-1234", "source": map[string]any{"tool": "pagerduty", "ids": []any{1.0, 2.0}}}
	if diff := cmp.Diff(wantExtra, dns["extra"]); diff != "" {
		t.Errorf("extra (-want +got):\n%s", diff)
	}
	cert := pms[2].(map[string]any)
	d := cert["durations"].(map[string]any)
	if diff := cmp.Diff(map[string]any{
		"time_to_detect":   map[string]any{"seconds": 1140.0, "human": "19m"},
		"time_to_mitigate": map[string]any{"seconds": 3180.0, "human": "53m"},
		"time_to_resolve":  map[string]any{"seconds": 8880.0, "human": "2h 28m"},
	}, d); diff != "" {
		t.Errorf("durations (-want +got):\n%s", diff)
	}
	if tl := cert["timeline"].(map[string]any); tl["acknowledged"] != nil || tl["started"] != "2024-03-14T09:12:00+09:00" {
		t.Errorf("timeline %v", tl)
	}
	if !slices.Equal(cert["backlinks"].([]any), []any{"2024-04-20-dns"}) || cert["url"] != "https://kb.example.com/pm/postmortems/2024-03-14-checkout-cert/" {
		t.Errorf("backlinks %v url %v", cert["backlinks"], cert["url"])
	}
	ai := cert["action_items"].([]any)[1].(map[string]any)
	if ai["key"] != "2024-03-14-checkout-cert#AI-2" || ai["overdue"] != true || ai["days_overdue"] != 42.0 || ai["closed"] != nil {
		t.Errorf("action item %v", ai)
	}
	disk := pms[0].(map[string]any)
	if disk["teams"] == nil || len(disk["teams"].([]any)) != 0 || disk["durations"].(map[string]any)["time_to_detect"] != nil {
		t.Errorf("absent values: teams %v durations %v", disk["teams"], disk["durations"])
	}
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"}, {45 * time.Second, "45s"}, {19 * time.Minute, "19m"}, {88 * time.Minute, "1h 28m"},
		{3 * time.Hour, "3h"}, {51*time.Hour + 59*time.Minute, "2d 3h"}, {48*time.Hour + 5*time.Minute, "2d"},
		{-90 * time.Second, "-1m 30s"},
	}
	for _, tt := range tests {
		if got := HumanDuration(tt.d); got != tt.want {
			t.Errorf("HumanDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestExtraValuesAlwaysEncode(t *testing.T) {
	p := actionstest.Postmortems()[2]
	p.Extra = map[string]any{
		"nan":   0.0 * 0,
		"yaml":  map[any]any{1: "a", "1": "b", true: []any{map[any]any{"x": 1}}},
		"when":  time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		"inf":   []any{float32(1.5)},
		"bytes": "bad\xff",
	}
	p.Extra["nan"] = p.Extra["nan"].(float64) / 0 // NaN without a constant division
	kb := model.New(model.DefaultSiteConfig(), actionstest.Today, []*model.Postmortem{p})
	out := files(t, kb, opts)
	var doc APIIndex
	if err := json.Unmarshal(out[PostmortemsAPIPath], &doc); err != nil {
		t.Fatal(err)
	}
	got := doc.Postmortems[0].Extra
	want := map[string]any{"nan": "NaN", "yaml": map[string]any{"1": "a", "true": []any{map[string]any{"x": 1.0}}},
		"when": "2024-01-02T03:04:05Z", "inf": []any{1.5}, "bytes": "bad\uFFFD"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestUntrustedTextInXML(t *testing.T) {
	pms := actionstest.Postmortems()
	p := pms[2]
	p.Title = "bad \xff byte, \x01 control, <b>&amp;</b> ]]> \"q\""
	p.ActionItems[0].Title = p.Title
	p.ActionItems[0].Link = "javascript:alert(1)"
	kb := model.New(model.DefaultSiteConfig(), actionstest.Today, pms)
	out := files(t, kb, opts)
	for _, path := range []string{FeedPath, OverdueFeedPath} {
		var f feedDoc
		decodeXML(t, path, out[path], &f)
		found := false
		for _, e := range f.Entries {
			if strings.HasPrefix(e.Title, "bad \uFFFD byte, \uFFFD control, <b>&amp;</b> ]]> \"q\"") {
				found = true
			}
			for _, l := range e.Links {
				if strings.HasPrefix(l.Href, "javascript:") {
					t.Errorf("%s: javascript link emitted", path)
				}
			}
		}
		if !found {
			t.Errorf("%s: title not round-tripped: %s", path, out[path])
		}
		if bytes.Contains(out[path], []byte("<b>")) {
			t.Errorf("%s: markup not escaped", path)
		}
	}
}

// TestDataAndSitemapMakeFiles checks that the two halves a build makes
// apart (Data while pages render, Sitemap after) are exactly Files.
func TestDataAndSitemapMakeFiles(t *testing.T) {
	kb := actionstest.KB("https://kb.example.com/pm/")
	pages := []string{"postmortems/", "", "actions/"}
	all := files(t, kb, Options{Generator: opts.Generator, Pages: pages})
	data, err := Data(kb, Options{Generator: opts.Generator, Pages: []string{"ignored/"}})
	if err != nil {
		t.Fatal(err)
	}
	sm, err := Sitemap(kb, opts, pages)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{sm.Path: sm.Data}
	for i, f := range data {
		if f.Path == SitemapPath || (i > 0 && data[i-1].Path >= f.Path) {
			t.Errorf("Data lists %s out of order or the sitemap", f.Path)
		}
		got[f.Path] = f.Data
	}
	if d := cmp.Diff(all, got); d != "" {
		t.Errorf("Data + Sitemap differ from Files (-Files +halves):\n%s", d)
	}
}

// TestDataToStopsAtTheFirstPutError proves DataTo hands over files one at
// a time and stops when put fails.
func TestDataToStopsAtTheFirstPutError(t *testing.T) {
	kb := actionstest.KB("https://kb.example.com/pm/")
	boom := errors.New("disk full")
	var got []string
	err := DataTo(kb, opts, func(f output.File) error {
		got = append(got, f.Path)
		if len(got) == 2 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the put error", err)
	}
	if len(got) != 2 {
		t.Errorf("put called for %q after it failed", got)
	}
}

// TestDataToReuseBuffers proves that with ReuseBuffers DataTo makes its
// files in one another's buffers (put is done with the bytes when it
// returns) and still hands over the bytes of Data.
func TestDataToReuseBuffers(t *testing.T) {
	c := corpus.Generate(corpus.Options{N: 200, Seed: 3, Formats: true})
	for name, kb := range map[string]*model.KnowledgeBase{
		"fixture": actionstest.KB("https://kb.example.com/pm/"), "corpus": corpustest.LoadFS(t, c.FS(), corpus.DefaultToday()),
	} {
		want, err := Data(kb, opts)
		if err != nil {
			t.Fatal(err)
		}
		reuse := opts
		reuse.ReuseBuffers = true
		got := map[string]string{}
		buffers := map[*byte]bool{}
		err = DataTo(kb, reuse, func(f output.File) error {
			got[f.Path] = string(f.Data) // a copy: the bytes are DataTo's again after put
			buffers[&f.Data[:1][0]] = true
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range want {
			if d := cmp.Diff(string(f.Data), got[f.Path]); d != "" {
				t.Errorf("%s: %s differs with ReuseBuffers (-Data +reused):\n%s", name, f.Path, d)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files, want %d", name, len(got), len(want))
		}
		if len(buffers) >= len(want) {
			t.Errorf("%s: %d files in %d buffers: none reused", name, len(want), len(buffers))
		}
	}
}

// TestActionExportsAreTheCommandsBytes checks that api/actions.json and
// api/actions.csv are what `pmkb actions --format json|csv` writes for
// every item: most urgent first, one CSV writer (QA round 7, #11: the API
// was in knowledge-base order, and only its CSV had a BOM).
func TestActionExportsAreTheCommandsBytes(t *testing.T) {
	kb := actionstest.KB("/")
	out := files(t, kb, opts)
	rows := actions.Rows(kb, actions.Filter{})
	actions.SortUrgent(rows)
	for _, tt := range []struct {
		path  string
		write func(io.Writer, []actions.Row) error
	}{{ActionsJSONPath, actions.WriteJSON}, {ActionsCSVPath, actions.WriteCSV}} {
		var want bytes.Buffer
		if err := tt.write(&want, rows); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), string(out[tt.path])); diff != "" {
			t.Errorf("%s is not the command's output (-command +api):\n%s", tt.path, diff)
		}
	}
}
