package source

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/model"
)

// TestHeadingIDs checks the ids of headings as GitHub makes them: letters
// and digits of every script kept, HTML tags left out, repeats numbered
// (qa7 #8).
func TestHeadingIDs(t *testing.T) {
	ids := newHeadingIDs()
	for _, tt := range []struct{ heading, want string }{
		{"タイムライン", "タイムライン"},
		{"概要", "概要"},
		{"原因と対策（暫定）", "原因と対策暫定"},
		{"ＤＮＳの設定", "ｄｎｓの設定"},
		{"2026年９月の障害", "2026年９月の障害"},
		{"Résumé of Straße", "résumé-of-straße"},
		{"Heading with <kbd>Esc</kbd>", "heading-with-esc"},
		{"Line<br/>break and <span class=\"x\">span</span>", "linebreak-and-span"},
		{"Why `<div>` broke", "why-div-broke"},
		{"a < b > c", "a--b--c"},
		// Code review: '_' kept beside Japanese, a link by its text alone,
		// numbers of every kind kept, as GitHub makes them.
		{"max_connections の上限", "max_connections-の上限"},
		{"See [RFC 1234](https://x.org/a)", "see-rfc-1234"},
		{"See [the runbook](https://example.com/run_book \"Run (book)\")", "see-the-runbook"},
		{"Fix [the (old) cert](https://x.org/a_(b)) now", "fix-the-old-cert-now"},
		{"![logo](logo.png) Status [page][status]", "logo-status-page"},
		{"Autolink <https://x.org/a> here", "autolink-httpsxorga-here"},
		{"手順①と②", "手順①と②"},
		// QA 15 A-F8: the text after entities and escapes are read, as
		// GitHub reads it: "Fish & Chips", "A <b> tag".
		{"Fish &amp; Chips", "fish--chips"},
		{"A &lt;b&gt; tag", "a-b-tag"},
		{"Caf&eacute; &#38; &#x26; bar", "café---bar"},
		{"max_conn &mdash; limit", "max_conn--limit"},
		{"max_conn — limit", "max_conn--limit-1"},
		{"Code `&amp;` is shown as written", "code-amp-is-shown-as-written"},
		{"Escaped \\&amp; is text", "escaped-amp-is-text"},
		{"Escaped \\<kbd> is text", "escaped-kbd-is-text"},
		{"&nosuchentity; and AT&T", "nosuchentity-and-att"},
		// QA8: the ids the page puts around the body are taken.
		{"Main", "main-1"},
		{"H Facts", "h-facts-1"},
		{"PM actions", "pm-actions-1"},
		{"🔥🔥", "heading"},
		{"概要", "概要-1"},
		{"概要", "概要-2"},
		{"概要-1", "概要-1-1"},
	} {
		if got := string(ids.Generate([]byte(tt.heading), ast.KindHeading)); got != tt.want {
			t.Errorf("%q: id %q, want %q", tt.heading, got, tt.want)
		}
	}
}

// TestHeadingEntityAnchors: a heading written with entities has the
// anchor GitHub gives it, and a link to it gets no warning (QA 15 A-F8).
func TestHeadingEntityAnchors(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	body := "---\ntitle: T\ndate: 2026-10-20\nseverity: SEV2\nsystems: [web]\ncauses: [dns]\n---\n" +
		"## Fish &amp; Chips\n\n## A &lt;b&gt; tag\n\n## Fish & Chips\n\n[l](#fish--chips) [n](#a-b-tag) [m](#fish--chips-1)\n"
	p, diags := NewParser(&cfg).Parse("content/postmortems/h.md", []byte(body))
	if p == nil || diags.Len() != 0 {
		t.Fatalf("parsed: %v; diagnostics:\n%s", p != nil, diags)
	}
	for _, want := range []string{`<h2 id="fish--chips">Fish &amp; Chips</h2>`, `<h2 id="a-b-tag">A &lt;b&gt; tag</h2>`, `<h2 id="fish--chips-1">Fish &amp; Chips</h2>`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, p.HTML)
		}
	}
}

// TestHeadingIDsKeepASCII: a heading of ASCII text without HTML tags gets
// the id goldmark has always given it, so links to English sections keep
// working.
func TestHeadingIDsKeepASCII(t *testing.T) {
	ours, theirs := newHeadingIDs(), parser.NewContext().IDs()
	for _, h := range []string{
		"Summary", "What went well", "What went wrong", "Action items", "Summary",
		"  Root cause: DNS  ", "Step 1 -- rollback", "snake_case_heading", "C++ & Go (v1.2)",
		"Fix `config.yaml`", "**Bold** *em*", "snake_case [link]", "", "!!!", "Summary",
	} {
		want := string(theirs.Generate([]byte(h), ast.KindHeading))
		if got := string(ours.Generate([]byte(h), ast.KindHeading)); got != want {
			t.Errorf("%q: id %q, goldmark's %q", h, got, want)
		}
	}
}

// TestHeadingAnchors: a body's headings get the ids GitHub gives them, and
// a #fragment that names no heading of its page is warned about with the
// id meant, while one that does is not (qa7 #8).
func TestHeadingAnchors(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	ps := NewParser(&cfg)
	body := "---\ntitle: T\ndate: 2026-10-20\nseverity: SEV2\nsystems: [web]\ncauses: [dns]\n---\n" +
		"## 概要\n\n## タイムライン\n\n## What went well\n\n" +
		"[a](#タイムライン) [b](#%E6%A6%82%E8%A6%81) [c](#what-went-well) [d](#fn:1) [top](#top)\n\n" +
		"[e](#タイムラン)\n\n[f](#What-Went-Well)\n\n[g](#nothing-like-it)\n\nA note[^1].\n\n[^1]: the note\n"
	p, diags := ps.Parse("content/postmortems/a.md", []byte(body))
	if p == nil {
		t.Fatalf("not parsed:\n%s", diags)
	}
	for _, want := range []string{`<h2 id="概要">概要</h2>`, `<h2 id="タイムライン">タイムライン</h2>`, `<h2 id="what-went-well">`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, p.HTML)
		}
	}
	got := strings.Split(strings.TrimSpace(diags.String()), "\n")
	want := []string{
		`content/postmortems/a.md:16: warning: link "#タイムラン" names no heading of this postmortem; did you mean "#タイムライン"?`,
		`content/postmortems/a.md:18: warning: link "#What-Went-Well" names no heading of this postmortem; did you mean "#what-went-well"?`,
		`content/postmortems/a.md:20: warning: link "#nothing-like-it" names no heading of this postmortem; a heading's id is its text in lower case, '-' for each space, punctuation left out, as in the repository browser (## What went well is #what-went-well, ## タイムライン is #タイムライン)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range diags.Items() {
		if d.Rule != RuleBodyLinks {
			t.Errorf("%s: rule %q, want %q", d.Message, d.Rule, RuleBodyLinks)
		}
	}
	// With raw HTML on, a fragment may name an id the HTML sets.
	cfg.UnsafeHTML = true
	if _, diags := NewParser(&cfg).Parse("content/postmortems/a.md", []byte(body)); diags.Len() != 0 {
		t.Errorf("unsafeHTML: %s", diags)
	}
}

// TestHeadingAnchorsAcrossFiles: a link to another postmortem's .md file
// with a #fragment is warned about when that postmortem has no such
// heading (qa7 #8); the heading of a file whose name and text are in NFD
// is found by the NFC fragment a keyboard types.
func TestHeadingAnchorsAcrossFiles(t *testing.T) {
	const front = "---\ntitle: T\ndate: 2026-10-20\nseverity: SEV2\nsystems: [web]\ncauses: [dns]\n---\n"
	fsys := fstest.MapFS{
		"content/postmortems/2026/" + norm.NFD.String("デプロイ.md"): {Data: []byte(norm.NFD.String(front + "## 概要\n\n## デプロイ手順\n"))},
		"content/postmortems/2026/b.md": {Data: []byte(front + "[x](デプロイ.md#概要) [y](デプロイ.md#%E3%83%87%E3%83%97%E3%83%AD%E3%82%A4%E6%89%8B%E9%A0%86)\n\n" +
			"[z](デプロイ.md#デプロイ手段)\n\n[w](デプロイ.md#timeline)\n")},
	}
	cfg := model.DefaultSiteConfig()
	_, diags := Load(fsys, &cfg)
	got := strings.Split(strings.TrimSpace(diags.String()), "\n")
	target := "content/postmortems/2026/" + norm.NFD.String("デプロイ.md")
	want := []string{
		`content/postmortems/2026/b.md:10: warning: link "デプロイ.md#デプロイ手段" names no heading of ` + target + `; did you mean "デプロイ.md#デプロイ手順"?`,
		`content/postmortems/2026/b.md:12: warning: link "デプロイ.md#timeline" names no heading of ` + target + `; a heading's id is its text in lower case, '-' for each space, punctuation left out, as in the repository browser (## What went well is #what-went-well, ## タイムライン is #タイムライン)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
