package source_test

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestFootnoteBacklinksNamed: a footnote's back-links were named only by
// the "↩︎" glyph, so a screen reader read an arrow, and the two links of a
// note cited twice had the same name for different places (QA 18 C-F7).
// Each now says which reference it returns to, as GitHub's do ("Back to
// reference 1", "Back to reference 1-2"), in the site's language and
// marked with it, visually hidden; the glyph stays, hidden from screen
// readers, and the links keep their targets.
func TestFootnoteBacklinksNamed(t *testing.T) {
	body := "Text[^1] and more[^1], and[^note].\n\n[^1]: One.\n\n[^note]: Two.\n"
	backlink := func(target, name, lang string) string {
		return `&#160;<a href="#` + target + `" class="footnote-backref" role="doc-backlink"><span aria-hidden="true">&#x21a9;&#xfe0e;</span><span class="visually-hidden" lang="` + lang + `">` + name + `</span></a>`
	}
	h := qa18mdHTML(t, nil, body)
	for _, w := range []string{
		backlink("fnref:1", "Back to reference 1", "en") + backlink("fnref1:1", "Back to reference 1-2", "en"),
		backlink("fnref:2", "Back to reference 2", "en"),
		`<sup id="fnref:1"><a href="#fn:1"`, `<sup id="fnref1:1"><a href="#fn:1"`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s:\n%s", w, h)
		}
	}
	cfg := model.DefaultSiteConfig()
	cfg.Language = "ja"
	h = qa18mdHTML(t, &cfg, body)
	for _, w := range []string{
		backlink("fnref:1", "参照 1 に戻る", "ja") + backlink("fnref1:1", "参照 1-2 に戻る", "ja"),
		backlink("fnref:2", "参照 2 に戻る", "ja"),
	} {
		if !strings.Contains(h, w) {
			t.Errorf("ja: HTML lacks %s:\n%s", w, h)
		}
	}
}
