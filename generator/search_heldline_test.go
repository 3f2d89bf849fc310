package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestSearchHeldDraftsAtTheirLine checks that pmkb search --drafts names a
// draft the checks across files leave out at the line pmkb build --drafts
// names it, "path:line: message" as --format's help and README promise:
// the related: entry that names no postmortem (on the related: line, or on
// its own line in a block list), the id: line of an id another file has,
// and for a draft that sets no id: (its file name is the id) the front
// matter's first line, where the build puts it. It said "path: message"
// (QA 19r F3). A warm search, which reads the lines from the cache's
// manifest, says the same.
func TestSearchHeldDraftsAtTheirLine(t *testing.T) {
	const dir = "content/postmortems/2024/"
	files := map[string]string{
		dir + "2024-03-01-flow.md":        dingoPM("Draft flow", "draft", "related: [2023-01-18-search-index-disk-full, no-such-incident]\n"),
		dir + "2024-03-01-block.md":       dingoPM("Draft block", "draft", "related:\n  - 2023-01-18-search-index-disk-full\n  - no-such-incident\n"),
		dir + "2024-03-01-self.md":        dingoPM("Draft self", "draft", "id: gateway-self\nrelated: [2024-03-01-self]\n"),
		dir + "2024-03-01-published.md":   dingoPM("Published", "published", "id: gateway-outage\n"),
		dir + "2024-03-01-taken.md":       dingoPM("Draft taken", "draft", "tags: [dns]\nid: gateway-outage\n"),
		dir + "2024-03-01-published-b.md": dingoPM("Published b", "published", "id: 2024-03-01-named\n"),
		dir + "2024-03-01-named.md":       dingoPM("Draft named", "draft", ""),
	}
	src := overlay(t, files)
	site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday, Drafts: true})
	if err != nil {
		t.Fatalf("build --drafts: %v", err)
	}
	// What the build says of each held draft: "path:line: message".
	built := map[string]string{}
	for _, d := range site.Diagnostics.Items() {
		if _, ok := files[d.Pos.Path]; ok && strings.Contains(d.Message, "left out until fixed") {
			built[d.Pos.Path] = d.Pos.String()
		}
	}
	if len(built) != 5 {
		t.Fatalf("build --drafts leaves out %v, the test wants the five drafts", built)
	}
	cache := t.TempDir()
	for _, run := range []string{"cold", "warm"} {
		_, unread := searchDingo(t, context.Background(), src, cache)
		said := map[string]string{}
		for _, u := range unread {
			for p := range built {
				if strings.HasPrefix(u, p+":") {
					said[p] = u
				}
			}
		}
		for p, pos := range built {
			if !strings.HasPrefix(said[p], pos+": ") {
				t.Errorf("%s search says %q of the draft the build leaves out at %s", run, said[p], pos)
			}
		}
	}
}
