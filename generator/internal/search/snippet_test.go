package search

import (
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestSnippetLeavesOutHeadings checks that a snippet does not run a
// heading of the body into its text (QA: "… 53 minutes. — Summary The
// gateway's upstream certificate expired.").
func TestSnippetLeavesOutHeadings(t *testing.T) {
	tests := []struct {
		text, html, want string
	}{
		{
			text: "Summary\nThe gateway's upstream certificate expired.\nWhat went well\nPaging worked.",
			html: "<h2 id=\"summary\">Summary</h2>\n<p>The gateway&rsquo;s upstream certificate expired.</p>\n<h3 id=\"x\">What <em>went</em> well</h3>\n<p>Paging worked.</p>\n",
			want: "Checkout failed. — 53 minutes. — The gateway's upstream certificate expired. Paging worked.",
		},
		// A paragraph that only looks like a heading stays.
		{
			text: "Summary\nDone.",
			html: "<p>Summary</p>\n<p>Done.</p>\n",
			want: "Checkout failed. — 53 minutes. — Summary Done.",
		},
	}
	for _, tt := range tests {
		p := &model.Postmortem{ID: "a", Summary: "Checkout failed.", Impact: "53 minutes.", Text: tt.text, HTML: tt.html}
		if got := newDocInfo(p, "en").Snippet; got != tt.want {
			t.Errorf("snippet %q, want %q", got, tt.want)
		}
	}
}
