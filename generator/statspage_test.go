package generator

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/stats"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const hostileLabel = `<script>alert(1)</script>&"x"`

// statsFixture is four incidents, hand-checkable: b repeats a (api ×
// config-change, 55 days later, a's AI-1 still open and overdue), c names b
// in related: while b's AI-1 is open, d repeats a and b (api ×
// config-change) and is written in Japanese. c's title and d's second
// cause are hostile.
func statsFixture(t *testing.T, lang string) *model.KnowledgeBase {
	t.Helper()
	ts := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tl := func(start string, detect, mitigate, resolve int) model.Timeline {
		s := ts(start)
		return model.Timeline{Started: s, Detected: s.Add(time.Duration(detect) * time.Minute),
			Mitigated: s.Add(time.Duration(mitigate) * time.Minute), Resolved: s.Add(time.Duration(resolve) * time.Minute)}
	}
	d := func(y, m, dd int) model.Date { return model.Date{Year: y, Month: time.Month(m), Day: dd} }
	cfg := model.DefaultSiteConfig()
	cfg.Language = lang
	cfg.Causes = append(cfg.Causes, model.Term{Slug: "config-change", Name: "Configuration change"})
	pms := []*model.Postmortem{
		{ID: "2024-01-10-a", Path: "content/postmortems/a.md", Title: "Gateway config pushed twice", Date: ts("2024-01-10T10:00:00Z"),
			Severity: "SEV1", Systems: []string{"api"}, Causes: []string{"config-change"}, Detection: "alert", Teams: []string{"platform"},
			Timeline: tl("2024-01-10T10:00:00Z", 10, 30, 90),
			ActionItems: []model.ActionItem{
				{ID: "AI-1", Title: "Validate gateway config in CI", Owner: "ann", Kind: "prevent", Status: "open", Due: d(2024, 2, 1)},
				{ID: "AI-2", Title: "Alert on config drift", Owner: "bo", Kind: "detect", Status: "done", Due: d(2024, 1, 31), Closed: d(2024, 1, 20)},
			}},
		{ID: "2024-03-05-b", Path: "content/postmortems/b.md", Title: "Gateway config rollback failed", Date: ts("2024-03-05T08:00:00Z"),
			Severity: "SEV2", Systems: []string{"api"}, Causes: []string{"config-change"}, Detection: "customer-report", Teams: []string{"platform"},
			Timeline: tl("2024-03-05T08:00:00Z", 45, 60, 240),
			ActionItems: []model.ActionItem{
				{ID: "AI-1", Title: "Write a rollback runbook", Owner: "cy", Kind: "process", Status: "open"},
			}},
		{ID: "2024-05-20-c", Path: "content/postmortems/c.md", Title: "Disk full " + hostileLabel, Date: ts("2024-05-20T12:00:00Z"),
			Severity: "SEV2", Systems: []string{"db"}, Causes: []string{"disk-full"}, Detection: "internal-report", Teams: []string{"data"},
			Related: []string{"2024-03-05-b"}},
		{ID: "2024-07-02-d", Path: "content/postmortems/d.md", Title: "設定変更でAPIとDBが停止", Date: ts("2024-07-02T01:00:00Z"),
			Severity: "SEV3", Systems: []string{"api", "db"}, Causes: []string{"config-change", hostileLabel}, Detection: "alert", Lang: "ja",
			Timeline: tl("2024-07-02T01:00:00Z", 5, 20, 50)},
	}
	return model.New(cfg, d(2024, 9, 30), pms)
}

// testSiteStats computes kb's statistics in the default theme's words.
func testSiteStats(t *testing.T, kb *model.KnowledgeBase) *siteStats {
	t.Helper()
	words, err := render.LoadWords(themes.Default(), kb.Config.Language)
	if err != nil {
		t.Fatal(err)
	}
	st, err := computeSiteStats(kb, words)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// statsSite renders the fixture's pages with its statistics.
func statsSite(t *testing.T, kb *model.KnowledgeBase) (*siteStats, map[string][]byte) {
	t.Helper()
	st := testSiteStats(t, kb)
	pages, err := render.Site(kb, themes.Default(), render.Options{Repeats: st.repeats, Terms: st.terms, Pages: []render.Page{st.page}})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	files := map[string][]byte{}
	out, err := st.output()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range slices.Concat(pages, out) {
		if _, dup := files[f.Path]; dup {
			t.Errorf("%s written twice", f.Path)
		}
		files[f.Path] = f.Data
	}
	return st, files
}

// TestStatsPageGolden holds the statistics page of the fixture in both UI
// languages.
func TestStatsPageGolden(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		_, files := statsSite(t, statsFixture(t, lang))
		golden(t, filepath.Join("statspage", lang+".html"), files["stats/index.html"])
	}
}

// TestStatsPageContent checks the page against the hand-computed figures
// of the fixture: every chart has its table and exists, the duration notes
// are visible, repeats link the postmortems with the open action items,
// and labels are escaped.
func TestStatsPageContent(t *testing.T) {
	st, files := statsSite(t, statsFixture(t, "en"))
	s := string(files["stats/index.html"])
	for _, sec := range st.page.Sections {
		if sec.Figure != nil {
			if _, ok := files[sec.Figure.Src]; !ok {
				t.Errorf("section %s: chart %s is not built", sec.ID, sec.Figure.Src)
			}
			if sec.Figure.Alt == "" || sec.Table == nil {
				t.Errorf("section %s: a chart without alt text or table", sec.ID)
			}
		}
	}
	for _, want := range []string{
		`<p class="lead">4 postmortems from 2024-01-10 to 2024-07-02, as of 2024-09-30.`,
		// causes ranked: config-change in 3 of 4
		`<th scope="row"><a href="../causes/config-change/index.html">Configuration change</a></th>
<td>1</td>
<td>3</td>
<td>75%</td>`,
		`Incident durations are heavy-tailed`,
		`Rows marked “n &lt; 5” have fewer than five incidents: too few to compare.`,
		`<td>n &lt; 5: too few to compare</td>`,
		// time to detect, all: 5, 10, 45 minutes → median 10m, n 3, 1 missing
		`<th scope="row">All</th>
<td>3</td>
<td>10 min</td>`,
		// detection sources by their names, as a postmortem's page shows
		// them, and durations as it writes them: b took 45 minutes to
		// detect
		`<th scope="row">Customer report</th>
<td>1</td>
<td>45 min</td>`,
		`<th scope="row">Internal report</th>`,
		// repeats: b and d by system and cause, c by related:
		`3 of 4 postmortems (75%) are repeats`,
		// b repeats a while a's prevent item AI-1 was open and overdue;
		// kind, status and overdue in the words of the action pages
		`<th scope="row"><bdi><a href="../postmortems/2024-03-05-b/index.html">Gateway config rollback failed</a></bdi></th>
<td><bdi><a href="../postmortems/2024-01-10-a/index.html">Gateway config pushed twice</a></bdi></td>
<td>55</td>
<td><bdi>Validate gateway config in CI (#AI-1)</bdi></td>
<td>Prevent</td>
<td><bdi>ann</bdi></td>
<td>Open</td>
<td>2024-02-01 (overdue)</td>`,
		// c repeats b by related: with b's runbook item open
		"<td><bdi>Write a rollback runbook (#AI-1)</bdi></td>",
		// the Japanese title says so
		`<th scope="row" lang="ja"><bdi><a href="../postmortems/2024-07-02-d/index.html">設定変更でAPIとDBが停止</a></bdi></th>`,
		`&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#34;x&#34;`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("stats page lacks\n%s", want)
		}
	}
	if strings.Contains(s, "<script>alert") {
		t.Errorf("a label reached the page unescaped")
	}

	// system page: chart built and shown, chain a → b → d, open items
	sys := string(files["systems/api/index.html"])
	if _, ok := files["systems/api/incidents.svg"]; !ok {
		t.Errorf("systems/api/incidents.svg is not built")
	}
	for _, want := range []string{
		`<img src="../../systems/api/incidents.svg" alt="Incidents per quarter, 3 in all: 2024-Q1 2, 2024-Q2 0, 2024-Q3 1">`,
		`<span class="chain-label">api × Configuration change</span> — <bdi><a href="../../postmortems/2024-01-10-a/index.html">`,
		`<caption id="open-caption">2 action items of these incidents not closed</caption>`,
	} {
		if !strings.Contains(sys, want) {
			t.Errorf("systems/api page lacks\n%s", want)
		}
	}
	// postmortem page: b says it repeats a, with a's open item
	pm := string(files["postmortems/2024-03-05-b/index.html"])
	for _, want := range []string{
		`<dt>Repeat incident</dt><dd><a href="#h-repeats">Yes, of 1 earlier incident</a></dd>`,
		`<span class="why">(same system (api) and cause (Configuration change); 55 days earlier)</span>`,
		`<li><span class="kind">Prevent</span> <bdi>Validate gateway config in CI</bdi> <span class="item-id">#AI-1</span>`,
	} {
		if !strings.Contains(pm, want) {
			t.Errorf("postmortem b lacks\n%s", want)
		}
	}
	if a := string(files["postmortems/2024-01-10-a/index.html"]); !strings.Contains(a, `<dt>Repeat incident</dt><dd>No</dd>`) {
		t.Errorf("postmortem a does not say it is no repeat")
	}
}

// TestStatsPageEmpty renders an empty knowledge base: no tables without
// rows, a "no data" line instead.
func TestStatsPageEmpty(t *testing.T) {
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 1, Day: 1}, nil)
	st, files := statsSite(t, kb)
	s := string(files["stats/index.html"])
	if !strings.Contains(s, "No postmortems yet.") || strings.Contains(s, "<tbody>\n</tbody>") {
		t.Errorf("empty stats page:\n%s", s)
	}
	// each section says "No data yet." once, without an empty chart or
	// table saying it again (QA round 4, #26)
	sections, nodata := strings.Count(s, "<section"), strings.Count(s, "No data yet.")
	if sections < 10 || nodata != sections || strings.Contains(s, "<figure") || strings.Contains(s, "<table") {
		t.Errorf("empty stats page has %d sections, %d \"No data yet.\", figures or tables:\n%s", sections, nodata, s)
	}
	if len(st.terms) != 0 {
		t.Errorf("term figures without terms: %v", slices.Sorted(maps.Keys(st.terms)))
	}
}

// TestStatsPageActionsWithoutTeams: on a site whose postmortems name no
// team, the action items section says there are no figures per team
// instead of ending in "No data yet." under its summary, which read as if
// there were no action items (qa7-b #16). Without any action item the
// section still says "No data yet.".
func TestStatsPageActionsWithoutTeams(t *testing.T) {
	section := func(page string) string {
		t.Helper()
		_, after, ok := strings.Cut(page, `<h2 id="actions">`)
		if !ok {
			t.Fatalf("no action items section:\n%s", page)
		}
		before, _, _ := strings.Cut(after, "<h2 ")
		return before
	}
	for _, tt := range []struct{ lang, want, nodata string }{
		{"en", "No postmortem with action items names a team", "No data yet."},
		{"ja", "アクションアイテムのあるポストモーテムにチームの指定がない", "まだデータがありません。"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			kb := statsFixture(t, tt.lang)
			for _, p := range kb.Postmortems {
				p.Teams = nil
			}
			_, files := statsSite(t, kb)
			s := section(string(files["stats/index.html"]))
			if !strings.Contains(s, tt.want) || strings.Contains(s, tt.nodata) || strings.Contains(s, "<table") || strings.Contains(s, "<figure") {
				t.Errorf("action items section without teams: want %q, no %q, no table or chart:\n%s", tt.want, tt.nodata, s)
			}

			for _, p := range kb.Postmortems {
				p.ActionItems = nil
			}
			_, files = statsSite(t, kb)
			if s := section(string(files["stats/index.html"])); !strings.Contains(s, tt.nodata) || strings.Contains(s, tt.want) {
				t.Errorf("action items section without items: want %q:\n%s", tt.nodata, s)
			}
		})
	}
}

// TestStatsPageDeterministic builds the page twice.
func TestStatsPageDeterministic(t *testing.T) {
	_, a := statsSite(t, statsFixture(t, "en"))
	_, b := statsSite(t, statsFixture(t, "en"))
	for _, p := range slices.Sorted(maps.Keys(a)) {
		if string(a[p]) != string(b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestPct(t *testing.T) {
	for in, want := range map[float64]string{0: "0%", 0.75: "75%", 7.0 / 18: "38.9%", 1: "100%", 0.0004: "0%", 0.12345: "12.3%"} {
		if got := pct(in); got != want {
			t.Errorf("pct(%v) = %q; want %q", in, got, want)
		}
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	// An asset's version is its hash (render's
	// TestAssetURLsCarryContentHash): a change of pmkb.css or search.js
	// changes no golden page.
	got = regexp.MustCompile(`\?v=[0-9a-f]{10}"`).ReplaceAll(got, []byte(`?v=HASH"`))
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s differs from golden (-want +got):\n%s", name, d)
	}
}

// TestPageRepeatsDetailsOnlyWhatPagesShow proves the repeats postmortem pages get
// hold the details (shared systems and causes, open action items) of the
// first render.MaxRepeatsShown earlier incidents, the ones a page details,
// and only count the rest, as a page does.
func TestPageRepeatsDetailsOnlyWhatPagesShow(t *testing.T) {
	var pms []*model.Postmortem
	for i := range 9 {
		pms = append(pms, &model.Postmortem{ID: fmt.Sprintf("pm-%d", i), Title: "t",
			Date: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC), Systems: []string{"api"}, Causes: []string{"dns"},
			ActionItems: []model.ActionItem{{ID: "AI-1", Title: "fix", Owner: "ann"}}})
	}
	kb := model.New(model.DefaultSiteConfig(), model.Date{Year: 2024, Month: 6, Day: 1}, pms)
	words, err := render.LoadWords(themes.Default(), "en")
	if err != nil {
		t.Fatal(err)
	}
	st, err := computeSiteStats(kb, words)
	if err != nil {
		t.Fatal(err)
	}
	got := st.repeats["pm-8"] // repeats the 8 before it, newest first
	var ids, detailed []string
	for _, r := range got {
		ids = append(ids, r.ID)
		if len(r.Systems) > 0 || len(r.OpenActions) > 0 {
			detailed = append(detailed, r.ID)
		}
	}
	// The list stops after the incidents a page lists; the total counts
	// them all (QA 18 A-F2).
	if want := []string{"pm-7", "pm-6", "pm-5", "pm-4", "pm-3"}; !slices.Equal(ids, want) {
		t.Fatalf("pm-8 repeats %v; want %v (the ones its page lists)", ids, want)
	}
	if n := st.repeatTotals["pm-8"]; n != 8 {
		t.Errorf("pm-8 repeats %d incidents in all; want 8", n)
	}
	want := []string{"pm-7", "pm-6", "pm-5", "pm-4", "pm-3"}
	if render.MaxRepeatsShown != len(want) {
		t.Fatalf("MaxRepeatsShown = %d; this test expects %d", render.MaxRepeatsShown, len(want))
	}
	if diff := cmp.Diff(want, detailed); diff != "" {
		t.Errorf("detailed entries (-want +got):\n%s", diff)
	}
	if r := got[0]; len(r.OpenActions) != 1 || r.OpenActions[0].Postmortem != "pm-7" || len(r.Causes) != 1 {
		t.Errorf("pm-7's details = %+v; want its open item and the shared cause", r)
	}
}

// TestOpenListsShareEqualLists proves openLists hands out one slice for
// equal lists of open items, and a list of their own to lists that differ
// in any field the pages show, each what openActions makes. It changes
// every field of render.OpenAction in turn, so that a field added later
// cannot be left out of the key.
func TestOpenListsShareEqualLists(t *testing.T) {
	row := stats.ActionRow{Key: "pm-1#AI-1", Postmortem: "pm-1", ID: "AI-1", Title: "fix", Owner: "ann",
		Kind: "prevent", Status: "open", Due: "2024-02-01", AgeDays: 3}
	other := row
	other.ID, other.Key = "AI-2", "pm-1#AI-2"
	var lists openLists
	first := lists.get([]stats.ActionRow{row, other})
	if d := cmp.Diff(openActions([]stats.ActionRow{row, other}), first); d != "" {
		t.Fatalf("list differs from openActions (-want +got):\n%s", d)
	}
	same := row
	same.AgeDays = 9 // not shown
	if got := lists.get([]stats.ActionRow{same, other}); &got[0] != &first[0] {
		t.Error("an equal list was made again")
	}
	for name, change := range map[string]func(*stats.ActionRow){
		"postmortem":          func(a *stats.ActionRow) { a.Postmortem = "pm-2" },
		"id":                  func(a *stats.ActionRow) { a.ID = "AI-3" },
		"title":               func(a *stats.ActionRow) { a.Title = "fix it" },
		"owner":               func(a *stats.ActionRow) { a.Owner = "bo" },
		"kind":                func(a *stats.ActionRow) { a.Kind = "detect" },
		"status":              func(a *stats.ActionRow) { a.Status = "in-progress" },
		"due":                 func(a *stats.ActionRow) { a.Due = "2024-02-02" },
		"overdue":             func(a *stats.ActionRow) { a.Overdue = true },
		"fields run together": func(a *stats.ActionRow) { a.Postmortem, a.ID = "pm-1A", "I-1" },
	} {
		r := row
		change(&r)
		want := openActions([]stats.ActionRow{r, other})
		got := lists.get([]stats.ActionRow{r, other})
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: list differs from openActions (-want +got):\n%s", name, d)
		}
		if &got[0] == &first[0] {
			t.Errorf("%s: shares the list of different items", name)
		}
	}
	// Every field of render.OpenAction, and so a field added later, is part
	// of the key: changing any one gives a list of its own.
	oa := reflect.TypeFor[render.OpenAction]()
	for i := range oa.NumField() {
		name := oa.Field(i).Name
		r := row
		f := reflect.ValueOf(&r).Elem().FieldByName(name)
		switch {
		case !f.IsValid():
			t.Errorf("render.OpenAction.%s has no stats.ActionRow field of that name to change", name)
			continue
		case f.Kind() == reflect.String:
			f.SetString(f.String() + "x")
		case f.Kind() == reflect.Bool:
			f.SetBool(!f.Bool())
		case f.CanInt():
			f.SetInt(f.Int() + 1)
		default:
			t.Errorf("stats.ActionRow.%s: this test cannot change a %s", name, f.Type())
			continue
		}
		got := lists.get([]stats.ActionRow{r, other})
		if d := cmp.Diff(openActions([]stats.ActionRow{r, other}), got); d != "" {
			t.Errorf("%s changed: list differs from openActions (-want +got):\n%s", name, d)
		}
		if &got[0] == &first[0] {
			t.Errorf("%s changed: shares the list of different items (openLists' key lacks the field)", name)
		}
	}
	if got := lists.get([]stats.ActionRow{row}); len(got) != 1 {
		t.Errorf("a shorter list: %d items", len(got))
	}
	if got := lists.get(nil); got == nil || len(got) != 0 {
		t.Errorf("no items: %#v, want an empty list", got)
	}
}

// TestStatsPageSpeaksLikePostmortemPages checks, in both UI languages, that
// the statistics page names detection sources and writes durations as a
// postmortem's page does (QA: it showed the slug customer-report and "45m"
// where the page said 顧客からの報告 and 45分), and gives ages in whole days.
func TestStatsPageSpeaksLikePostmortemPages(t *testing.T) {
	for lang, want := range map[string]struct{ detection, ttd, age string }{
		"en": {"Customer report", "45 min", `Median age of open items: \d+ days\.`},
		"ja": {"顧客からの報告", "45分", `未完了のものの経過日数の中央値：\d+ 日。`},
	} {
		_, files := statsSite(t, statsFixture(t, lang))
		pm := string(files["postmortems/2024-03-05-b/index.html"])
		for _, w := range []string{"<dd>" + want.detection + "</dd>", "<dd>" + want.ttd + "</dd>"} {
			if !strings.Contains(pm, w) {
				t.Fatalf("%s: postmortem b lacks %s: the fixture no longer shows what this test compares", lang, w)
			}
		}
		s := string(files["stats/index.html"])
		for _, w := range []string{"<th scope=\"row\">" + want.detection + "</th>\n<td>1</td>\n<td>" + want.ttd + "</td>"} {
			if !strings.Contains(s, w) {
				t.Errorf("%s: stats page lacks\n%s", lang, w)
			}
		}
		if strings.Contains(s, "customer-report") {
			t.Errorf("%s: stats page shows the slug customer-report", lang)
		}
		if !regexp.MustCompile(want.age).MatchString(s) {
			t.Errorf("%s: stats page lacks %s", lang, want.age)
		}
	}
}

// TestStatsPageMarksActionTitlesLang checks that the table of action items
// still open when an incident repeated marks an item's title with the
// language of its postmortem, as its earlier-incident cell is marked and as
// every other page marks action item titles (QA 14 B-F5: the title was a
// plain cell, read with the site's voice).
func TestStatsPageMarksActionTitlesLang(t *testing.T) {
	for _, tt := range []struct {
		site, earlier string // the site's language, postmortem a's
		title, want   string
	}{
		{"ja", "en", "Validate gateway config in CI", "<td lang=\"en\"><bdi>Validate gateway config in CI (#AI-1)</bdi></td>"},
		{"en", "ja", "ゲートウェイの設定を CI で検証する", "<td lang=\"ja\"><bdi>ゲートウェイの設定を CI で検証する (#AI-1)</bdi></td>"},
		{"en", "en", "Validate gateway config in CI", "<td><bdi>Validate gateway config in CI (#AI-1)</bdi></td>"}, // the page's own language
	} {
		t.Run(tt.site+"/"+tt.earlier, func(t *testing.T) {
			kb := statsFixture(t, tt.site)
			a, ok := kb.ByID("2024-01-10-a")
			if !ok {
				t.Fatal("the fixture has no postmortem a")
			}
			a.Lang, a.ActionItems[0].Title = tt.earlier, tt.title
			_, files := statsSite(t, kb)
			s := string(files["stats/index.html"])
			_, open, ok := strings.Cut(s, `id="repeat-open-actions"`)
			if !ok {
				t.Fatalf("no section of open action items:\n%s", s)
			}
			if !strings.Contains(open, tt.want) {
				t.Errorf("open action items lack\n%s\nin\n%s", tt.want, open)
			}
		})
	}
}
