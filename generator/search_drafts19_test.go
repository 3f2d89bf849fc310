package generator_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// dingoPM is a postmortem of the sample site's vocabulary with the word
// "dingo" and its title in its body, front matter lines extra added.
func dingoPM(title, status, extra string) string {
	return fmt.Sprintf("---\ntitle: %s\ndate: 2024-03-01\nstatus: %s\nseverity: SEV2\nsystems: [checkout-api]\ncauses: [config-change]\n%saction_items:\n  - title: Fix\n    owner: ben\n    due: 2024-04-01\n---\n\nThe dingo proxy failed (%s).\n", title, status, extra, title)
}

// TestSearchDraftsLeavesOutWhatTheBuildDoes checks that pmkb search
// --drafts lists the drafts pmkb build --drafts (and so pmkb serve's
// search page) publishes, and no other, where the verdict depends on
// another file: a draft whose id is a published postmortem's (QA 19 C-F6:
// two hits with one URL), two drafts with one id, a draft whose related:
// names no postmortem; a draft whose related: names one is kept. A warm
// search from the same cache answers alike, and when the published
// postmortem is deleted its unchanged draft is found: the verdict is not
// kept with the draft's cache entry.
func TestSearchDraftsLeavesOutWhatTheBuildDoes(t *testing.T) {
	const dir = "content/postmortems/2024/"
	cases := []struct {
		name  string
		files map[string]string
		want  []string // the hits, newest first then by id
	}{
		{"draft with a published id", map[string]string{
			dir + "2024-03-01-gateway-outage-published.md": dingoPM("Gateway outage published", "published", "id: gateway-outage\n"),
			dir + "2024-03-01-gateway-outage-draft.md":     dingoPM("Gateway outage draft", "draft", "id: gateway-outage\n"),
		}, []string{dir + "2024-03-01-gateway-outage-published.md"}},
		{"draft with a published id in another case", map[string]string{
			dir + "2024-03-01-gateway-outage-published.md": dingoPM("Gateway outage published", "published", "id: gateway-outage\n"),
			dir + "2024-03-01-gateway-outage-draft.md":     dingoPM("Gateway outage draft", "draft", "id: Gateway-Outage\n"),
		}, []string{dir + "2024-03-01-gateway-outage-published.md"}},
		{"two drafts with one id", map[string]string{
			dir + "2024-03-01-a.md": dingoPM("Draft a", "draft", "id: gateway-outage\n"),
			dir + "2024-03-01-b.md": dingoPM("Draft b", "draft", "id: gateway-outage\n"),
		}, nil},
		{"draft with the id of a file with errors", map[string]string{
			dir + "2024-03-01-a.md": dingoPM("Draft a", "draft", "id: gateway-outage\n"),
			dir + "2024-03-01-b.md": dingoPM("Draft b", "draft", "id: gateway-outage\nseverity: nonsense\n"),
		}, nil},
		{"draft whose related names a postmortem", map[string]string{
			dir + "2024-03-01-a.md": dingoPM("Draft a", "draft", "related: [2023-01-18-search-index-disk-full]\n"),
		}, []string{dir + "2024-03-01-a.md"}},
		{"draft whose related names a draft", map[string]string{
			dir + "2024-03-01-a.md": dingoPM("Draft a", "draft", "related: [2024-03-01-b]\n"),
			dir + "2024-03-01-b.md": dingoPM("Draft b", "draft", ""),
		}, []string{dir + "2024-03-01-a.md", dir + "2024-03-01-b.md"}},
		{"draft whose related names its own file name", map[string]string{
			dir + "2024-03-01-a.md": dingoPM("Draft a", "draft", "id: gateway-a\nrelated: [2024-03-01-a]\n"),
		}, nil},
		{"draft whose related names no postmortem", map[string]string{
			dir + "2024-03-01-a.md": dingoPM("Draft a", "draft", "related: [no-such-incident]\n"),
			dir + "2024-03-01-b.md": dingoPM("Draft b", "draft", "related: [2024-03-01-b]\n"),
		}, nil},
	}
	ctx := context.Background()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := overlay(t, tc.files)
			built := builtDingo(t, src, tc.files)
			if !slices.Equal(built, tc.want) {
				t.Fatalf("pmkb build --drafts publishes %q, the test wants %q", built, tc.want)
			}
			cache := t.TempDir()
			for _, run := range []string{"cold", "warm"} {
				if got, unread := searchDingo(t, ctx, src, cache); !slices.Equal(got, tc.want) {
					t.Errorf("%s pmkb search --drafts dingo lists %q, pmkb build --drafts publishes %q (unread %q)", run, got, tc.want, unread)
				}
			}
		})
	}

	// The published postmortem goes: its draft, unchanged, is found
	// from the cache that held it back.
	files := cases[0].files
	src := overlay(t, files)
	cache := t.TempDir()
	_, unread := searchDingo(t, ctx, src, cache)
	draft := dir + "2024-03-01-gateway-outage-draft.md"
	if !slices.ContainsFunc(unread, func(u string) bool {
		return strings.HasPrefix(u, draft+":8: ") && strings.Contains(u, `id "gateway-outage"`)
	}) {
		t.Errorf("unread %q does not say why %s is left out", unread, draft)
	}
	delete(src, dir+"2024-03-01-gateway-outage-published.md")
	if got, _ := searchDingo(t, ctx, src, cache); !slices.Equal(got, []string{draft}) {
		t.Errorf("after the published postmortem is deleted, search lists %q, want the draft", got)
	}
	if built := builtDingo(t, src, files); !slices.Equal(built, []string{draft}) {
		t.Errorf("after the published postmortem is deleted, the build publishes %q, want the draft", built)
	}
}

// builtDingo lists the paths of files that pmkb build --drafts of src
// publishes, newest first then by id.
func builtDingo(t *testing.T, src fstest.MapFS, files map[string]string) []string {
	t.Helper()
	site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday, Drafts: true})
	if err != nil {
		t.Fatalf("build --drafts: %v", err)
	}
	var out []string
	for _, p := range site.KB.Postmortems {
		if _, ok := files[p.Path]; ok {
			out = append(out, p.Path)
		}
	}
	return out
}

// searchDingo is pmkb search --drafts --limit 0 dingo over src with the
// cache in cache: the paths of the hits, and the unread files' errors. It
// checks that each hit has its own snippet.
func searchDingo(t *testing.T, ctx context.Context, src fstest.MapFS, cache string) (hits, unread []string) {
	t.Helper()
	res, _, err := generator.Search(ctx, generator.SearchOptions{Source: src, CacheDir: cache, Query: "dingo", Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		hits = append(hits, h.Path)
		// A document left out of a warm search leaves the others'
		// snippets where they were.
		if !strings.Contains(h.Snippet, "("+h.Title+")") {
			t.Errorf("the hit %s has the snippet %q, not its own", h.Path, h.Snippet)
		}
	}
	return hits, res.Unread
}
