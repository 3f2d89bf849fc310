package search

import (
	"slices"
	"strings"
	"testing"

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
