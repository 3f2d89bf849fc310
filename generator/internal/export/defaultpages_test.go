package export

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestDefaultPagesTagsApart checks that the default pages have a page per
// tag as the site makes them (model.TagPaths): C++ and C#, which slugify
// alike, are two pages, dns and DNS one.
func TestDefaultPagesTagsApart(t *testing.T) {
	kb := &model.KnowledgeBase{Postmortems: []*model.Postmortem{
		{ID: "a", Severity: "SEV1", Tags: []string{"C++", "dns"}},
		{ID: "b", Severity: "SEV1", Tags: []string{"C#", "DNS"}},
	}}
	var tags []string
	for _, p := range DefaultPages(kb) {
		if strings.HasPrefix(p, "tags/") && p != "tags/" {
			tags = append(tags, p)
		}
	}
	slices.Sort(tags)
	if want := []string{"tags/c-cedb1bac/", "tags/c/", "tags/dns/"}; !slices.Equal(tags, want) {
		t.Errorf("tag pages %q, want %q", tags, want)
	}
}
