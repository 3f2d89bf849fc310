package scaffold

import (
	"flag"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/lint"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

var day = model.Date{Year: 2026, Month: time.November, Day: 27}

func TestSlug(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"Checkout API returned 503 after TLS certificate expired", "checkout-api-returned-503-after-tls-certificate"},
		{"  DNS   outage!! ", "dns-outage"},
		{"TLS証明書の期限切れで決済APIが503", "tls-api-503"},
		{"2回目の障害", "incident"}, // digits alone are no word; kanji → fallback
		{"キャッシュサーバーの設定ミス", "kyasshusaba-misu"},
		{"データベース接続が枯渇", "detabesu"},
		{"ちょっとした設定ミス", "chottoshita-misu"},
		{"ファイアウォールのルール", "faiaworu-ruru"},
		{"ティッカーのジョブ", "tikka-jobu"},
		{"証明書期限切れ", "incident"},
		{"🔥🔥", "incident"},
		{"", "incident"},
		{strings.Repeat("a", 80), strings.Repeat("a", 48)},
		// Latin letters lose their diacritics (QA 4 #9), compatibility
		// forms become plain ASCII, kana keep their voicing marks.
		{"Löschen der Datenbank", "loschen-der-datenbank"},
		{"Échec de la réplication à Zürich", "echec-de-la-replication-a-zurich"},
		{"Größe des Caches überschritten", "grosse-des-caches-uberschritten"},
		{"Łódź: awaria DNS", "lodz-awaria-dns"},
		{"ＡＰＩ障害", "api"},
		{"ﾃﾞｰﾀﾍﾞｰｽ障害", "detabesu"},
	} {
		if got := Slug(c.title); got != c.want {
			t.Errorf("Slug(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

// TestSlugFor proves a Japanese postmortem keeps the title's Japanese
// letters, kana included, in a valid id, as does a title with any kanji,
// which the Latin slug would lose; English postmortems keep Slug (QA 7a
// #14, qa8 #2).
func TestSlugFor(t *testing.T) {
	for _, c := range []struct {
		title, lang, want string
		lossy             bool
	}{
		{"決済障害", "ja", "決済障害", false},
		{"認証障害", "ja", "認証障害", false},
		{"コンテナ障害", "ja", "コンテナ障害", false},
		{"時刻テスト", "ja", "時刻テスト", false},
		{"決済APIの証明書期限切れ", "ja", "決済apiの証明書期限切れ", false},
		{"決済バッチのAPI障害", "ja", "決済バッチのapi障害", false},
		{"ＤＮＳ障害（社内）", "ja", "dns障害-社内", false},
		{"ﾃﾞｰﾀﾍﾞｰｽ障害", "ja", "データベース障害", false},
		{"デプロイ障害", "ja", "デプロイ障害", false},
		{"Disk full", "ja", "disk-full", false},
		{"Löschen der Datenbank", "ja", "loschen-der-datenbank", false},
		{"🔥🔥", "ja", "incident", true},
		{strings.Repeat("障害", 20), "ja", strings.Repeat("障害", 16), false},
		{"決済 API 証明書期限切れ 再発 確認 ネットワーク 監視 アラート 不足", "ja", "決済-api-証明書期限切れ-再発-確認-ネットワーク-監視", false},
		// An English postmortem: Latin words, kana in romaji, and the
		// title's letters kept whenever the slug would lose any kanji
		// (qa8 #2: 東京リージョン障害 gave "rijon", コンテナ障害 "kontena").
		{"Disk full", "en", "disk-full", false},
		{"コンテナ", "en", "kontena", false},
		{"リージョン", "en", "rijon", false},
		{"コンテナ障害", "en", "コンテナ障害", false},
		{"東京リージョン障害", "en", "東京リージョン障害", false},
		{"DNS障害", "en", "dns障害", false},
		{"決済障害", "en", "決済障害", false},
		{"決済APIの証明書期限切れ", "en", "決済apiの証明書期限切れ", false},
		{"TLS certificate expired (証明書)", "en", "tls-certificate-expired-証明書", false},
	} {
		got, lossy := SlugFor(c.title, c.lang)
		if got != c.want || lossy != c.lossy {
			t.Errorf("SlugFor(%q, %q) = %q, %v, want %q, %v", c.title, c.lang, got, lossy, c.want, c.lossy)
		}
		if !validate.ValidID("2026-11-27-" + got) {
			t.Errorf("SlugFor(%q, %q) = %q is not a valid id", c.title, c.lang, got)
		}
	}
}

func TestRomanise(t *testing.T) {
	for in, want := range map[string]string{
		"きゃ": "kya", "しゅ": "shu", "ちょ": "cho", "じゃ": "ja", "っち": "tchi", "ざっし": "zasshi",
		"ヴァ": "va", "ウィ": "wi", "フェ": "fe", "ディ": "di", "ん": "n", "まっちゃ": "matcha",
	} {
		if got := romanise([]rune(in)); got != want {
			t.Errorf("romanise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewGolden(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skipf("no zone database: %v", err)
	}
	for _, c := range []struct {
		golden string
		opts   Options
	}{
		{"new-en.golden", Options{Title: `Checkout "API" returned 503: TLS certificate expired`, Severity: "SEV1", Date: day}},
		// The site's zone above the timeline (QA 14 A-F2).
		{"new-ja.golden", Options{Title: "キャッシュサーバーの設定ミスで決済が停止", Lang: "ja", Severity: "SEV2", Date: day, TimeZone: tokyo}},
		// A site with a catalog: the template names its slugs (QA 13 F16).
		{"new-catalog-en.golden", Options{Title: "Checkout API down", Severity: "SEV2", Date: day,
			Systems: []string{"checkout-api", "api-gateway", "決済api"}, Causes: []string{"expired-certificate", "config-change"}}},
		{"new-catalog-ja.golden", Options{Title: "決済APIの停止", Lang: "ja", Severity: "SEV2", Date: day,
			Systems: []string{"checkout-api", "決済api"}, Causes: []string{"config-change"}}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			res, err := New(fstest.MapFS{}, themes.Default(), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := res.Path + "\n" + string(res.Data)
			golden := filepath.Join("testdata", c.golden)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (go test -update):\n%s", golden, got)
			}
		})
	}
}

// TestNewCatalogCannotWriteFrontMatter: a catalog slug with a line break
// (a quoted key of pmkb.toml) stays inside its comment line, so it cannot
// set a field of the new postmortem.
func TestNewCatalogCannotWriteFrontMatter(t *testing.T) {
	res, err := New(fstest.MapFS{}, themes.Default(), Options{Title: "x", Severity: "SEV2", Date: day,
		Systems: []string{"a\nstatus: published", "b\u2028c"}, Causes: []string{"d\r\nvisibility: public"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(res.Data), "\n") {
		if strings.HasPrefix(line, "status: published") || strings.HasPrefix(line, "visibility: public") || strings.Contains(line, "\u2028") {
			t.Errorf("a catalog slug wrote a line of its own: %q\n%s", line, res.Data)
		}
	}
	if !strings.Contains(string(res.Data), "# This site's systems: a status: published, b c.\n") {
		t.Errorf("the systems comment line:\n%s", res.Data)
	}
}

// TestNewParsesAndLints checks that the new file reads back with the
// loader, carries every contract field, has the blameless sections, and
// that lint reports its placeholders once it is published, and never its
// wording.
func TestNewParsesAndLints(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			title := "Orders DB: \"pool\" exhausted\t# not a comment"
			res, err := New(nil, themes.Default(), Options{Title: title, Lang: lang, Severity: "SEV2", Date: day})
			if err != nil {
				t.Fatal(err)
			}
			p, data := res.Path, res.Data
			cfg := model.DefaultSiteConfig()
			pm, diags := source.ParseFile(p, data, &cfg)
			if pm == nil || diags.HasErrors() {
				t.Fatalf("new file does not parse:\n%s\n%s", diags, data)
			}
			if pm.Title != `Orders DB: "pool" exhausted # not a comment` || pm.Severity != "SEV2" || pm.Lang != lang ||
				pm.Status != model.StatusDraft || pm.Day() != day || pm.ID != strings.TrimSuffix(filepath.Base(p), ".md") {
				t.Errorf("fields read back wrong: %+v", pm)
			}
			for _, field := range []string{"title", "summary", "date", "severity", "status", "systems", "teams",
				"causes", "trigger", "detection", "commander", "authors", "tags", "timeline", "impact", "related",
				"visibility", "lang", "action_items"} {
				if _, ok := pm.Lines[field]; !ok {
					t.Errorf("field %q missing from the template", field)
				}
			}
			// The id is the file name, not written, so renaming the file
			// moves the page (QA 5b #15); the line is there, commented.
			if _, ok := pm.Lines["id"]; ok || !strings.Contains(string(data), "\n# id: \""+res.ID+"\"\n") {
				t.Errorf("the template sets id: or lacks the commented id line:\n%s", data)
			}
			renamed := path.Join(path.Dir(p), "2026-11-27-renamed.md")
			if pm2, _ := source.ParseFile(renamed, data, &cfg); pm2 == nil || pm2.ID != "2026-11-27-renamed" {
				t.Errorf("renamed file: id %v, want 2026-11-27-renamed", pm2)
			}
			sections := map[string][]string{
				"en": {"Summary", "Impact", "Timeline", "Contributing factors", "What went well", "What went wrong", "Where we got lucky", "Action items"},
				"ja": {"概要", "影響", "タイムライン", "寄与要因", "うまくいったこと", "うまくいかなかったこと", "幸運だったこと", "アクションアイテム"},
			}[lang]
			for _, s := range sections {
				if !strings.Contains(pm.Body, "\n## "+s+"\n") {
					t.Errorf("section %q missing", s)
				}
			}

			lintIt := func(raw []byte, pm *model.Postmortem) *diag.List {
				f := &lint.File{Path: p, Raw: raw, PM: pm}
				return lint.Run([]*lint.File{f}, model.New(cfg, day, []*model.Postmortem{pm}), lint.Config{}, day)
			}
			for _, d := range lintIt(data, pm).Items() {
				if strings.HasPrefix(d.Rule, "blameless/") || strings.HasPrefix(d.Rule, "secret/") || strings.HasPrefix(d.Rule, "pii/") || d.Rule == "completeness/placeholder" {
					t.Errorf("draft template: %s [%s]", d, d.Rule)
				}
			}
			published := []byte(strings.Replace(string(data), "status: draft", "status: published", 1))
			pm2, _ := source.ParseFile(p, published, &cfg)
			n := 0
			for _, d := range lintIt(published, pm2).Items() {
				if d.Rule == "completeness/placeholder" {
					n++
				}
			}
			if n < 10 {
				t.Errorf("published template: %d placeholders reported, want every TODO (≥10)", n)
			}
		})
	}
}

// TestNewCollisions proves a taken id is refused, naming the file that
// has it and a free id, whatever its folder and case, when it was given or
// the file has the same title (QA 4 #20: a second `pmkb new` with one
// title quietly made "…-2.md"); that an id made from another title takes
// the next free one (QA 7a #14: every kanji title of a day was
// "…-incident", and the second was refused); and that a free id is used
// as it is.
func TestNewCollisions(t *testing.T) {
	pm := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2026-11-27\n---\n")}
	}
	site := fstest.MapFS{
		"content/postmortems/2026/2026-11-27-dns-outage.md":   pm("DNS outage"),
		"content/postmortems/2026/2026-11-27-dns-outage-2.md": pm("DNS outage (2)"),
		"content/postmortems/old/2026-11-27-Incident.md":      {Data: []byte("x")},
		"content/postmortems/2026/2026-11-27-決済障害.md":         pm("決済障害"),
		"content/postmortems/2026/2026-11-27-api.md":          pm("API"),
	}
	for _, c := range []struct{ title, siteLang, id, want, wantErr string }{
		{"DNS outage", "", "", "", `id "2026-11-27-dns-outage" is taken by content/postmortems/2026/2026-11-27-dns-outage.md; to start another postmortem, give it another id: pmkb new --id 2026-11-27-dns-outage-3`},
		{"ＤＮＳ　Outage", "", "", "", `id "2026-11-27-dns-outage" is taken by content/postmortems/2026/2026-11-27-dns-outage.md`},
		{"DNS outage (2)", "", "", "", `id "2026-11-27-dns-outage-2" is taken by`},
		{"DNS outage!", "", "", "content/postmortems/2026/2026-11-27-dns-outage-3.md", ""},
		{"🔥🔥", "", "", "content/postmortems/2026/2026-11-27-incident-2.md", ""},
		{"証明書期限切れ", "", "", "content/postmortems/2026/2026-11-27-証明書期限切れ.md", ""},
		{"決済障害", "ja", "", "", `id "2026-11-27-決済障害" is taken by content/postmortems/2026/2026-11-27-決済障害.md; to start another postmortem, give it another id: pmkb new --id 2026-11-27-決済障害-2`},
		{"決済障害（再発）", "ja", "", "content/postmortems/2026/2026-11-27-決済障害-再発.md", ""},
		{"決済・障害", "ja", "", "content/postmortems/2026/2026-11-27-決済-障害.md", ""},
		{"認証障害", "ja", "", "content/postmortems/2026/2026-11-27-認証障害.md", ""},
		{"API!", "ja", "", "content/postmortems/2026/2026-11-27-api-2.md", ""},
		{"DNS outage", "", "2026-11-27-DNS-outage-2", "", `id "2026-11-27-DNS-outage-2" is taken by content/postmortems/2026/2026-11-27-dns-outage-2.md`},
		{"DNS outage again", "", "", "content/postmortems/2026/2026-11-27-dns-outage-again.md", ""},
		{"DNS outage", "", "2026-11-27-dns-outage-3", "content/postmortems/2026/2026-11-27-dns-outage-3.md", ""},
		{"証明書期限切れ", "", "cert-expiry", "content/postmortems/2026/cert-expiry.md", ""},
		{"x", "", "../etc/passwd", "", `id "../etc/passwd" is not an id`},
		{"x", "", "a.md", "", `id "a.md" is not an id`},
	} {
		res, err := New(site, themes.Default(), Options{Title: c.title, ID: c.id, Date: day, SiteLang: c.siteLang})
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("New(%q, id %q): err = %v, want %q", c.title, c.id, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("New(%q, id %q): %v", c.title, c.id, err)
			continue
		}
		if res.Path != c.want {
			t.Errorf("New(%q, id %q) = %s, want %s", c.title, c.id, res.Path, c.want)
		}
		if numbered := strings.HasSuffix(c.want, "-2.md") || strings.HasSuffix(c.want, "-3.md"); numbered != (res.TakenBy != "") && c.id == "" {
			t.Errorf("New(%q): TakenBy %q", c.title, res.TakenBy)
		}
		id := strings.TrimSuffix(filepath.Base(c.want), ".md")
		if res.ID != id || !strings.Contains(string(res.Data), "\n# id: \""+id+"\"\n") || strings.Contains(string(res.Data), "\nid:") {
			t.Errorf("id %q not in the commented id: line of the file, or set (result id %q)", id, res.ID)
		}
	}
}

// TestNewLanguageAndSeverity proves the template is in the site's
// language unless one is given (QA 4 #6), that a language without a
// template and a severity that is not a level are refused (QA 4 #20), and
// the default severity.
func TestNewLanguageAndSeverity(t *testing.T) {
	frSite := fstest.MapFS{"templates/postmortem.fr.md": {Data: []byte("---\ntitle: {{ yaml .Title }}\nlang: {{ yaml .Lang }}\n---\nfr\n")}}
	custom := []model.Severity{{Level: "P0", Label: "致命的"}, {Level: "P1", Label: "重大"}, {Level: "P2"}}
	for _, c := range []struct {
		name     string
		site     fstest.MapFS
		opts     Options
		wantLang string
		wantSev  string
		wantErr  string
	}{
		{"default", nil, Options{}, "en", "SEV3", ""},
		{"site language", nil, Options{SiteLang: "ja"}, "ja", "SEV3", ""},
		{"flag over site language", nil, Options{SiteLang: "ja", Lang: "en"}, "en", "SEV3", ""},
		{"severity in any case", nil, Options{Severity: "sev1"}, "en", "SEV1", ""},
		{"custom levels: least severe by default", nil, Options{Severities: custom}, "en", "P2", ""},
		{"custom level", nil, Options{Severities: custom, Severity: "p0"}, "en", "P0", ""},
		{"a site's own language", frSite, Options{Lang: "fr"}, "fr", "SEV3", ""},
		{"language without a template", nil, Options{Lang: "fr"}, "", "", `no postmortem template in language "fr" (there are: en, ja); a site adds one as templates/postmortem.fr.md`},
		{"unknown severity", nil, Options{Severity: "SEV9"}, "", "", `severity "SEV9" is not one of the site's levels (SEV1, SEV2, SEV3, SEV4)`},
		{"unknown custom severity", nil, Options{Severities: custom, Severity: "SEV3"}, "", "", `severity "SEV3" is not one of the site's levels (P0, P1, P2)`},
		// A level's label, as stats and search take it, and a
		// did-you-mean for a near one (QA 14 A-F16).
		{"label", nil, Options{Severity: "Critical"}, "en", "SEV1", ""},
		{"label in any case and width", nil, Options{Severity: "ｍａｊｏｒ"}, "en", "SEV2", ""},
		{"level in full width", nil, Options{Severity: "ＳＥＶ２"}, "en", "SEV2", ""},
		{"custom label", nil, Options{Severities: custom, Severity: "致命的"}, "en", "P0", ""},
		{"misspelt label", nil, Options{Severity: "Critcal"}, "", "", `severity "Critcal" is not one of the site's levels (SEV1, SEV2, SEV3, SEV4); did you mean SEV1 ("Critical")?`},
		{"start of a label", nil, Options{Severity: "maj"}, "", "", `severity "maj" is not one of the site's levels (SEV1, SEV2, SEV3, SEV4); did you mean SEV2 ("Major")?`},
		{"start of a custom label", nil, Options{Severities: custom, Severity: "致命"}, "", "", `severity "致命" is not one of the site's levels (P0, P1, P2); did you mean P0 ("致命的")?`},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.opts.Title, c.opts.Date = "Orders DB failover", day
			res, err := New(c.site, themes.Default(), c.opts)
			if c.wantErr != "" {
				if err == nil || err.Error() != c.wantErr {
					t.Errorf("err = %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Lang != c.wantLang || !strings.Contains(string(res.Data), "\nlang: \""+c.wantLang+"\"\n") {
				t.Errorf("lang %q, want %q:\n%s", res.Lang, c.wantLang, res.Data)
			}
			if c.site == nil && !strings.Contains(string(res.Data), "\nseverity: \""+c.wantSev+"\"\n") {
				t.Errorf("severity is not %q:\n%s", c.wantSev, res.Data)
			}
			if c.wantLang == "ja" && !strings.Contains(string(res.Data), "## 概要") {
				t.Errorf("not the Japanese template:\n%s", res.Data)
			}
		})
	}
}

// TestSlugLossy proves the hint for a title the slug keeps little of
// (QA 4 #9): kanji titles, not Latin, folded or kana ones.
func TestSlugLossy(t *testing.T) {
	for title, want := range map[string]bool{
		"Checkout API returned 503": false,
		"Löschen der Datenbank":     false,
		"データベース障害":                  false,
		"決済APIの証明書期限切れ":             true,
		"TLS証明書の期限切れで決済APIが503":     true,
		"証明書期限切れ":                   true,
		"🔥🔥":                        true,
	} {
		if got := slugLossy(title); got != want {
			t.Errorf("slugLossy(%q) = %v, want %v", title, got, want)
		}
	}
	// The kanji are kept now (QA 7a #14), so there is nothing to hint.
	res, err := New(nil, themes.Default(), Options{Title: "決済APIの証明書期限切れ", Date: day})
	if err != nil || res.SlugLossy || res.ID != "2026-11-27-決済apiの証明書期限切れ" {
		t.Errorf("New: id %q, SlugLossy = %v, %v", res.ID, res.SlugLossy, err)
	}
	res, err = New(nil, themes.Default(), Options{Title: "🔥🔥", Date: day})
	if err != nil || !res.SlugLossy {
		t.Errorf("New(🔥🔥): SlugLossy = %v, %v", res.SlugLossy, err)
	}
	res, err = New(nil, themes.Default(), Options{Title: "決済APIの証明書期限切れ", ID: "cert", Date: day})
	if err != nil || res.SlugLossy {
		t.Errorf("New with an id: SlugLossy = %v, %v", res.SlugLossy, err)
	}
}

func TestNewErrors(t *testing.T) {
	bad := fstest.MapFS{"templates/postmortem.md": {Data: []byte("{{ .Nope }}")}}
	broken := fstest.MapFS{"templates/postmortem.md": {Data: []byte("{{ if }}")}}
	for _, c := range []struct {
		name string
		site fstest.MapFS
		opts Options
		want string
	}{
		{"empty title", nil, Options{Title: "  \t", Date: day}, "title is empty"},
		{"no date", nil, Options{Title: "x"}, "no date"},
		{"bad lang", nil, Options{Title: "x", Lang: "../etc", Date: day}, "not a language tag"},
		{"unknown field", bad, Options{Title: "x", Date: day}, "templates/postmortem.md"},
		{"syntax", broken, Options{Title: "x", Date: day}, "templates/postmortem.md"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(c.site, themes.Default(), c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
	if _, err := New(nil, fstest.MapFS{}, Options{Title: "x", Date: day}); err == nil {
		t.Error("a theme without archetypes must be an error")
	}
}

// TestNewTemplateUnknownField proves a site template that names a field a
// template does not have is told the fields it can use, with the near one,
// not Go's "in type scaffold.templateData" (QA 14 A-F20).
func TestNewTemplateUnknownField(t *testing.T) {
	const fields = ".Title, .ID, .Date, .Year, .Severity, .Lang, .Systems, .Causes, .Zone, .TimeZone, .Offset"
	for _, c := range []struct{ tmpl, want string }{
		{"---\ndate: {{ .Dat }}\n", `template templates/postmortem.md:2:9: no field .Dat (did you mean .Date?); a template can use ` + fields},
		{"{{ with .Systems }}{{ .Nope }}{{ end }}{{ .Nope }}", `template templates/postmortem.md:1:42: no field .Nope; a template can use ` + fields},
		{"{{ .title }}", `template templates/postmortem.md:1:3: no field .title (did you mean .Title?); a template can use ` + fields},
	} {
		site := fstest.MapFS{"templates/postmortem.md": {Data: []byte(c.tmpl)}}
		_, err := New(site, themes.Default(), Options{Title: "x", Date: day})
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: err = %v\nwant %s", c.tmpl, err, c.want)
		}
	}
}

// fillIn does what an author does with a new postmortem: replaces every
// placeholder value and line, fills systems, causes, the start time and the
// owner, publishes it, and keeps every comment the template wrote.
func fillIn(data string) string {
	var out []string
	fences := 0
	for _, l := range strings.Split(data, "\n") {
		switch t := strings.TrimSpace(l); {
		case strings.HasPrefix(t, "systems: []"):
			l = "systems: [api]"
		case strings.HasPrefix(t, "causes: []"):
			l = "causes: [capacity]"
		case strings.HasPrefix(t, "started:"):
			l = "  started: 2026-11-27T09:00:00+09:00"
		case strings.HasPrefix(t, "owner: \"\""):
			l = strings.Replace(l, `""`, "aiko", 1)
		case t == "status: draft":
			l = "status: published"
		}
		if l == "---" {
			fences++
		}
		if fences == 1 && strings.HasPrefix(strings.TrimSpace(l), "#") {
			out = append(out, l) // the template's comments stay as they are
			continue
		}
		l = placeholderValue.ReplaceAllString(l, `"Filled in."`)
		l = strings.ReplaceAll(l, lint.PlaceholderMarker+":", "Filled in:")
		l = strings.ReplaceAll(l, lint.PlaceholderMarker, "Filled in.")
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

var placeholderValue = regexp.MustCompile(`"` + lint.PlaceholderMarker + `[^"]*"`)

// TestFilledInTemplateLintsClean proves a postmortem made by New and filled
// in, with the template's comments kept, has no placeholder left once
// published (QA 7a #6: the header comment explaining the rule held the
// marker itself, so lint failed on a line the author never wrote).
func TestFilledInTemplateLintsClean(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			res, err := New(nil, themes.Default(), Options{Title: "Orders DB pool exhausted", Lang: lang, Date: day})
			if err != nil {
				t.Fatal(err)
			}
			filled := fillIn(string(res.Data))
			if !strings.Contains(filled, "\n# ") || !strings.Contains(filled, "status: published") {
				t.Fatalf("the filled-in file lost its comments or status:\n%s", filled)
			}
			cfg := model.DefaultSiteConfig()
			pm, diags := source.ParseFile(res.Path, []byte(filled), &cfg)
			if pm == nil || diags.HasErrors() || pm.Status != model.StatusPublished {
				t.Fatalf("filled-in file does not parse as published:\n%s\n%s", diags, filled)
			}
			f := &lint.File{Path: res.Path, Raw: []byte(filled), PM: pm}
			for _, d := range lint.Run([]*lint.File{f}, model.New(cfg, day, []*model.Postmortem{pm}), lint.Config{}, day).Items() {
				if d.Rule == "completeness/placeholder" {
					t.Errorf("%s [%s]", d, d.Rule)
				}
			}
		})
	}
}

// TestNewTimeZone proves the template names the site's timeZone above the
// timeline and gives an example moment with its offset, in both
// languages (QA 14 A-F2: it said "All times UTC." on a Tokyo site and
// "時刻はすべて JST。" on a UTC one, a nine-hour error in every timeline
// written under it).
func TestNewTimeZone(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("no zone database: %v", err)
		}
		return loc
	}
	summer := model.Date{Year: 2026, Month: time.July, Day: 1}
	for _, c := range []struct {
		name, lang string
		loc        *time.Location
		date       model.Date
		want       []string
	}{
		{"no zone is UTC", "en", nil, day, []string{"\nAll times UTC.\n", "e.g. 2026-11-27T09:12:00Z;"}},
		{"UTC", "ja", time.UTC, day, []string{"\n時刻はすべて UTC。\n", "例: 2026-11-27T09:12:00Z。"}},
		{"Tokyo", "en", zone("Asia/Tokyo"), day, []string{"\nAll times JST (Asia/Tokyo).\n", "e.g. 2026-11-27T09:12:00+09:00;"}},
		{"Tokyo ja", "ja", zone("Asia/Tokyo"), day, []string{"\n時刻はすべて JST（Asia/Tokyo）。\n", "例: 2026-11-27T09:12:00+09:00。"}},
		{"summer time", "en", zone("Europe/Berlin"), summer, []string{"\nAll times CEST (Europe/Berlin).\n", "e.g. 2026-07-01T09:12:00+02:00;"}},
		{"winter time", "en", zone("Europe/Berlin"), day, []string{"\nAll times CET (Europe/Berlin).\n", "e.g. 2026-11-27T09:12:00+01:00;"}},
		{"zone without a letter abbreviation", "en", zone("America/Sao_Paulo"), day, []string{"\nAll times UTC-03:00 (America/Sao_Paulo).\n", "e.g. 2026-11-27T09:12:00-03:00;"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := New(nil, themes.Default(), Options{Title: "x", Lang: c.lang, Date: c.date, TimeZone: c.loc})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(string(res.Data), w) {
					t.Errorf("want %q in:\n%s", w, res.Data)
				}
			}
			for _, wrong := range []string{"All times UTC.", "すべて JST。", "+09:00"} {
				if !strings.Contains(strings.Join(c.want, ""), wrong) && strings.Contains(string(res.Data), wrong) {
					t.Errorf("%q is not this site's zone:\n%s", wrong, res.Data)
				}
			}
		})
	}
	// A site's own template sees the zone too.
	site := fstest.MapFS{"templates/postmortem.md": {Data: []byte("{{ .Zone }}|{{ .TimeZone }}|{{ .Offset }}\n")}}
	res, err := New(site, themes.Default(), Options{Title: "x", Date: day, TimeZone: zone("Asia/Tokyo")})
	if err != nil || string(res.Data) != "JST|Asia/Tokyo|+09:00\n" {
		t.Errorf("site template: %q, %v", res.Data, err)
	}
}
