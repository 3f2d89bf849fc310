package source_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// TestDecomposedNames loads a site whose file names, folder names and text
// are in NFD, as macOS, zip archives and cloud drives write them ("デ" as テ
// and U+3099): ids, related:, tags, body links and images to those files,
// and the body's text are read in NFC, the form a keyboard types, while
// the file keeps its own path for messages (qa7 #7).
func TestDecomposedNames(t *testing.T) {
	nfd := norm.NFD.String
	name := "2026-07-01-デプロイ障害" // NFC, as typed
	if nfd(name) == name {
		t.Fatal("the test needs a name that NFD changes")
	}
	deployPath := nfd("content/postmortems/2026/" + name + ".md")
	front := func(extra string) string {
		return "---\ntitle: T\ndate: 2026-07-01\nseverity: SEV2\nsystems: [デプロイ基盤]\ncauses: [dns]\n" + extra +
			"action_items:\n  - title: t\n    owner: o\n---\n"
	}
	fsys := fstest.MapFS{
		// The catalog's key too is written in NFD.
		"pmkb.toml": {Data: []byte(nfd("title = \"KB\"\n[systems.\"デプロイ基盤\"]\nname = \"デプロイ基盤\"\n[causes.dns]\nname = \"DNS\"\n"))},
		deployPath:  {Data: []byte(nfd(front("tags: [デプロイ]\n") + "\n## 概要\n\nデプロイ障害が起きた。\n"))},
		nfd("content/postmortems/2026/グラフ/ダッシュボード.png"): {Data: []byte("PNG")},
		"content/postmortems/2026/2026-07-02-related.md": {Data: []byte(front("related: ["+name+"]\n") +
			"\n[前回の障害](" + name + ".md) ![グラフ](グラフ/ダッシュボード.png)\n")},
	}
	cfg, _, diags := source.LoadConfig(fsys)
	pms, ld := source.Load(fsys, &cfg)
	diags.Merge(ld)
	diags.Merge(validate.Postmortems(&cfg, pms, nil))
	if diags.Len() != 0 {
		t.Errorf("problems with names in NFD:\n%s", diags)
	}
	if _, ok := cfg.System("デプロイ基盤"); !ok {
		t.Errorf("catalog keys %+v, want デプロイ基盤 in NFC", cfg.Systems)
	}
	if len(pms) != 2 {
		t.Fatalf("loaded %d postmortems, want 2", len(pms))
	}
	deploy, related := pms[0], pms[1]
	if deploy.ID != name || deploy.Path != deployPath {
		t.Errorf("id %+q path %+q; want id %+q (NFC) and the file's own path", deploy.ID, deploy.Path, name)
	}
	if !slices.Equal(deploy.Tags, []string{"デプロイ"}) {
		t.Errorf("tags %+q, want [デプロイ] in NFC", deploy.Tags)
	}
	if !strings.Contains(deploy.Text, "デプロイ障害が起きた。") {
		t.Errorf("text %+q is not in NFC", deploy.Text)
	}
	for _, want := range []string{
		`<a href="../` + url.PathEscape(name) + `/index.html">前回の障害</a>`,
		`<img src="../_files/2026/` + url.PathEscape("グラフ") + "/" + url.PathEscape("ダッシュボード.png") + `" alt="グラフ">`,
	} {
		if !strings.Contains(related.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, related.HTML)
		}
	}
	// The image on disk has its NFD name; the site publishes it under the
	// NFC one the page links to.
	var put []string
	err := source.PutAttachments(fsys, pms, nil, func(p string, data []byte) error {
		put = append(put, p+"="+string(data))
		return nil
	})
	if want := "postmortems/_files/2026/グラフ/ダッシュボード.png=PNG"; err != nil || strings.Join(put, ",") != want {
		t.Errorf("PutAttachments put %+q, %v; want %+q", put, err, want)
	}
}

// TestDecomposedDuplicate: the same name once in NFC and once in NFD is
// one id, so both files are named as landing on one page.
func TestDecomposedDuplicate(t *testing.T) {
	const front = "---\ntitle: T\ndate: 2026-07-01\nseverity: SEV2\nsystems: [web]\ncauses: [dns]\naction_items:\n  - title: t\n    owner: o\n---\n"
	fsys := fstest.MapFS{
		"content/postmortems/デプロイ.md":                       {Data: []byte(front)},
		"content/postmortems/" + norm.NFD.String("デプロイ.md"): {Data: []byte(front)},
	}
	cfg := model.DefaultSiteConfig()
	pms, diags := source.Load(fsys, &cfg)
	diags.Merge(validate.Postmortems(&cfg, pms, nil))
	if n := strings.Count(diags.String(), `id "デプロイ" is also used by`); n != 2 {
		t.Errorf("%d duplicate-id errors, want 2 (one per file):\n%s", n, diags)
	}
	// The two paths look the same on screen: the message says why they
	// differ (QA8 #6).
	if n := strings.Count(diags.String(), "differ only in Unicode form"); n != 2 {
		t.Errorf("%d duplicate-id errors say the names differ only in Unicode form, want 2:\n%s", n, diags)
	}
}

// TestRawIsTheParsedText: File.Raw is the text the parser read, normalised
// once (no byte-order mark, LF line ends, NFC), not the file's bytes put
// through NFC a second time with their BOM and CRs (code review).
func TestRawIsTheParsedText(t *testing.T) {
	const front = "---\ntitle: デプロイ\ndate: 2026-07-01\nseverity: SEV2\nsystems: [web]\ncauses: [dns]\n---\n\n## 概要\n"
	data := "\uFEFF" + strings.ReplaceAll(norm.NFD.String(front), "\n", "\r\n")
	fsys := fstest.MapFS{"content/postmortems/a.md": {Data: []byte(data)}}
	cfg := model.DefaultSiteConfig()
	files, diags := source.LoadFiles(fsys, &cfg)
	if diags.Len() != 0 || len(files) != 1 || files[0].PM == nil {
		t.Fatalf("files %+v:\n%s", files, diags)
	}
	if got := string(files[0].Raw); got != front {
		t.Errorf("Raw = %+q, want %+q", got, front)
	}
}
