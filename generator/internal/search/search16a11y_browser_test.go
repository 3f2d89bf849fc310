package search

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"github.com/pmkb/pmkb/generator/internal/browsertest"
)

// liveTexts returns the text of the page's accessibility tree (Chrome's,
// as a screen reader gets it) that starts with prefix, each with the
// politeness of the live region it is in ("" for none).
func liveTexts(t *testing.T, ctx context.Context, prefix string) map[string]string {
	t.Helper()
	nodes := browsertest.Run(t, ctx, chromedp.Action[[]*accessibility.Node](func(ctx context.Context, tg *chromedp.Target) ([]*accessibility.Node, error) {
		r, err := cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			return nil, err
		}
		return r.Nodes, nil
	}))
	byID := map[accessibility.NodeID]*accessibility.Node{}
	for _, n := range nodes {
		byID[n.NodeID] = n
	}
	// liveOf is the politeness of the closest live region around n.
	liveOf := func(n *accessibility.Node) string {
		for ; n != nil; n = byID[n.ParentID] {
			for _, p := range n.Properties {
				if p.Name == "live" && p.Value != nil {
					if v := strings.Trim(string(p.Value.Value), `"`); v != "off" {
						return v
					}
				}
			}
		}
		return ""
	}
	out := map[string]string{}
	for _, n := range nodes {
		if n.Ignored || n.Name == nil || n.Role == nil || strings.Trim(string(n.Role.Value), `"`) != "StaticText" {
			continue
		}
		var name string
		if err := json.Unmarshal(n.Name.Value, &name); err == nil && strings.HasPrefix(name, prefix) {
			out[name] = liveOf(n)
		}
	}
	return out
}

// TestBrowserHintsAreAnnounced checks that the hints under the status
// line are in a polite live region, as the status line is, so that a
// screen reader reads them when they change (QA 16 C-F6: it said "No
// postmortems match." and never the "did you mean" the page offered, or
// that the results shown were prefix matches).
func TestBrowserHintsAreAnnounced(t *testing.T) {
	srv := browsertest.Serve(t, buildSite(t, browserKB()), nil)
	ctx := browsertest.New(t)
	for _, tt := range []struct{ q, status, hint string }{
		{"certficate", "No postmortems match.", `no postmortem has the word "certficate"; did you mean "certificate"?`},
		{"gatew", "1 postmortem", `no exact match; showing words starting with "gatew"`},
		{"rotation+gateway+zzqqxx", "1 postmortem", `no postmortem has "zzqqxx"; showing postmortems without it`},
	} {
		browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+tt.q)
		browsertest.WaitFor(t, ctx, `document.querySelector('#search-hints li') !== null`)
		texts := liveTexts(t, ctx, "")
		for _, text := range []string{tt.status, "Hint: ", tt.hint} {
			if live, ok := texts[text]; !ok || live != "polite" {
				t.Errorf("q=%s: %q on the page %v, in a live region %q; want a polite one", tt.q, text, ok, live)
			}
		}
	}
}
