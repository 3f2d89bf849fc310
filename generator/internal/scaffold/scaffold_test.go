package scaffold

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/lint"
	"github.com/pmkb/pmkb/generator/internal/source"
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
	} {
		if got := Slug(c.title); got != c.want {
			t.Errorf("Slug(%q) = %q, want %q", c.title, got, c.want)
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
	for _, c := range []struct {
		golden string
		opts   Options
	}{
		{"new-en.golden", Options{Title: `Checkout "API" returned 503: TLS certificate expired`, Severity: "SEV1", Date: day}},
		{"new-ja.golden", Options{Title: "キャッシュサーバーの設定ミスで決済が停止", Lang: "ja", Severity: "SEV2", Date: day}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			p, data, err := New(fstest.MapFS{}, themes.Default(), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := p + "\n" + string(data)
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

// TestNewParsesAndLints checks that the new file reads back with the
// loader, carries every contract field, has the blameless sections, and
// that lint reports its placeholders once it is published, and never its
// wording.
func TestNewParsesAndLints(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			title := "Orders DB: \"pool\" exhausted\t# not a comment"
			p, data, err := New(nil, themes.Default(), Options{Title: title, Lang: lang, Severity: "SEV2", Date: day})
			if err != nil {
				t.Fatal(err)
			}
			cfg := model.DefaultSiteConfig()
			pm, diags := source.ParseFile(p, data, &cfg)
			if pm == nil || diags.HasErrors() {
				t.Fatalf("new file does not parse:\n%s\n%s", diags, data)
			}
			if pm.Title != `Orders DB: "pool" exhausted # not a comment` || pm.Severity != "SEV2" || pm.Lang != lang ||
				pm.Status != model.StatusDraft || pm.Day() != day || pm.ID != strings.TrimSuffix(filepath.Base(p), ".md") {
				t.Errorf("fields read back wrong: %+v", pm)
			}
			for _, field := range []string{"title", "summary", "id", "date", "severity", "status", "systems", "teams",
				"causes", "trigger", "detection", "commander", "authors", "tags", "timeline", "impact", "related",
				"visibility", "lang", "action_items"} {
				if _, ok := pm.Lines[field]; !ok {
					t.Errorf("field %q missing from the template", field)
				}
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

func TestNewCollisions(t *testing.T) {
	site := fstest.MapFS{
		"content/postmortems/2026/2026-11-27-dns-outage.md":   {Data: []byte("x")},
		"content/postmortems/2026/2026-11-27-dns-outage-2.md": {Data: []byte("x")},
		// Ids are unique site-wide, whatever the folder and case.
		"content/postmortems/old/2026-11-27-Incident.md": {Data: []byte("x")},
	}
	for _, c := range []struct{ title, want string }{
		{"DNS outage", "content/postmortems/2026/2026-11-27-dns-outage-3.md"},
		{"証明書期限切れ", "content/postmortems/2026/2026-11-27-incident-2.md"},
		{"DNS outage again", "content/postmortems/2026/2026-11-27-dns-outage-again.md"},
	} {
		p, data, err := New(site, themes.Default(), Options{Title: c.title, Date: day})
		if err != nil {
			t.Fatal(err)
		}
		if p != c.want {
			t.Errorf("New(%q) = %s, want %s", c.title, p, c.want)
		}
		id := strings.TrimSuffix(filepath.Base(c.want), ".md")
		if !strings.Contains(string(data), "\nid: \""+id+"\"\n") {
			t.Errorf("id %q not written into the file", id)
		}
	}
}

func TestSiteOverride(t *testing.T) {
	site := fstest.MapFS{
		"templates/postmortem.md":    {Data: []byte("---\ntitle: {{ yaml .Title }}\nsource: acme\n---\nsite en {{ .Year }}\n")},
		"templates/postmortem.ja.md": {Data: []byte("---\ntitle: {{ yaml .Title }}\n---\nsite ja {{ .Lang }}\n")},
	}
	for lang, want := range map[string]string{"en": "site en 2026", "ja": "site ja ja", "fr": "site en 2026"} {
		_, data, err := New(site, themes.Default(), Options{Title: "x", Lang: lang, Date: day})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(string(data), want+"\n") {
			t.Errorf("lang %s: got %q", lang, data)
		}
	}
	// Only an English override: Japanese falls back to the theme's Japanese.
	enOnly := fstest.MapFS{"templates/postmortem.md": site["templates/postmortem.md"]}
	_, data, err := New(enOnly, themes.Default(), Options{Title: "x", Lang: "ja", Date: day})
	if err != nil || !strings.Contains(string(data), "## 概要") {
		t.Errorf("ja without a site ja template: %v\n%s", err, data)
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
			_, _, err := New(c.site, themes.Default(), c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
	if _, _, err := New(nil, fstest.MapFS{}, Options{Title: "x", Date: day}); err == nil {
		t.Error("a theme without archetypes must be an error")
	}
}
