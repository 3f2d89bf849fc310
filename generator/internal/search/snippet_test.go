package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSnippetLeavesOutHeadings checks that a snippet does not run a
// heading of the body into its text (QA: "… 53 minutes. — Summary The
// gateway's upstream certificate expired."), while the heading's words are
// still searched.
func TestSnippetLeavesOutHeadings(t *testing.T) {
	const head = "---\ntitle: Checkout failed\ndate: 2024-03-14\nseverity: SEV1\nsystems: [checkout-api]\ncauses: [expired-certificate]\nsummary: Checkout failed.\nimpact: 53 minutes.\n---\n"
	tests := []struct {
		body, want string
	}{
		{
			body: "## Summary\n\nThe gateway's upstream certificate expired.\n\n### What *went* well\n\nPaging worked.\n",
			want: "Checkout failed. — 53 minutes. — The gateway's upstream certificate expired. Paging worked.",
		},
		// A paragraph that only looks like a heading stays, even beside a
		// heading with the same words.
		{
			body: "## Summary\n\nSummary\n\nDone.\n",
			want: "Checkout failed. — 53 minutes. — Summary Done.",
		},
	}
	cfg := model.DefaultSiteConfig()
	for _, tt := range tests {
		p, diags := source.ParseFile("content/postmortems/a.md", []byte(head+tt.body), &cfg)
		if p == nil {
			t.Fatalf("parse: %v", diags)
		}
		if got := newDocInfo(p, "en").Snippet; got != tt.want {
			t.Errorf("snippet %q, want %q", got, tt.want)
		}
		if texts := fieldTexts(p, &cfg); !slices.Contains(strings.Fields(texts[7]), "Summary") {
			t.Errorf("body field %q lost the heading's words", texts[7])
		}
	}
}

// TestSnippetText compares the snippet, folded and cut in one buffer, with
// folding each part, joining and cutting step by step, around the length
// limit: parts that end just before, at and after it, a separator across
// it, white space of every kind, wide runes, and the generated corpus.
func TestSnippetText(t *testing.T) {
	reference := func(p *model.Postmortem) string {
		collapse := func(s string, max int) string {
			var b strings.Builder
			space, n := false, 0
			for _, r := range s {
				if n >= max {
					break
				}
				if unicode.IsSpace(r) {
					space = true
					continue
				}
				if space && b.Len() > 0 {
					b.WriteByte(' ')
					n++
				}
				space = false
				b.WriteRune(r)
				n++
			}
			return b.String()
		}
		var b strings.Builder
		runes := 0
		for _, s := range []string{p.Summary, p.Impact, p.Prose()} {
			if runes > snippetRunes {
				break
			}
			if s = collapse(s, snippetRunes+1-runes); s == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString(" — ")
				runes += 3
			}
			b.WriteString(s)
			runes += utf8.RuneCountInString(s)
		}
		out := b.String()
		i := 0
		for j := range out {
			if i == snippetRunes {
				return out[:j] + "…"
			}
			i++
		}
		return out
	}
	var pms []*model.Postmortem
	parts := []string{"", " ", " \t\n\u3000\u00a0 ", "a", "証明書", "🙂", "a  b\n\nc ", "bad \xff utf8"}
	for _, n := range []int{0, 1, 100, 276, 277, 278, 279, 280, 281, 282, 300} {
		for _, part := range parts {
			long := strings.Repeat("x", n)
			wide := strings.Repeat("語", n)
			pms = append(pms,
				&model.Postmortem{Summary: long, Impact: part, Text: part + " tail"},
				&model.Postmortem{Summary: part, Impact: wide, Text: long},
				&model.Postmortem{Summary: long + part, Impact: part + long, Text: wide},
				&model.Postmortem{Summary: " " + part, Text: long + " " + part},
			)
		}
	}
	kb, _ := corpusKB(t, 300)
	pms = append(pms, kb.Postmortems...)
	for _, p := range pms {
		if got, want := snippetText(p), reference(p); got != want {
			t.Fatalf("summary %q, impact %q, text %q:\nsnippet %q\nwant    %q", p.Summary, p.Impact, p.Text, got, want)
		}
	}
}
