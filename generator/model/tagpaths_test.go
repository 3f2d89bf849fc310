package model

import (
	"maps"
	"slices"
	"testing"
)

// TestTagPaths checks that tags are one page per key as the search page's
// tag filter folds them (case and width), and that keys which slugify
// alike get distinct pages (review: C++ and C# were both tags/c/,
// on-call and on call one page): the key that is its own slug keeps it,
// else the first in byte order; the others add a hash of their key, the
// same whatever other tags the site has and in whatever order.
func TestTagPaths(t *testing.T) {
	for _, c := range []struct {
		name string
		tags []string
		want map[string]string // by TagKey
	}{
		{"review", []string{"C++", "C#", "c-sharp", "on-call", "on call", "ＤＮＳ", "dns"}, map[string]string{
			"c#":      "tags/c/",
			"c++":     "tags/c-cedb1bac/",
			"c-sharp": "tags/c-sharp/",
			"on-call": "tags/on-call/",
			"on call": "tags/on-call-982ffe54/",
			"dns":     "tags/dns/",
		}},
		{"spellings of one key", []string{"DNS", "dns", "ＤＮＳ", "Dns"}, map[string]string{"dns": "tags/dns/"}},
		{"alone, a tag keeps its slug", []string{"C++", "On Call", "DS レコード", "再発"}, map[string]string{
			"c++": "tags/c/", "on call": "tags/on-call/", "ds レコード": "tags/dsレコード/", "再発": "tags/再発/",
		}},
		{"the key that is its slug keeps it", []string{"On Call", "on-call"}, map[string]string{
			"on call": "tags/on-call-982ffe54/", "on-call": "tags/on-call/",
		}},
		{"a hash path that is a tag's", []string{"C#", "C++", "c-cedb1bac"}, map[string]string{
			"c#": "tags/c/", "c++": "tags/c-cedb1bac7efcd7db/", "c-cedb1bac": "tags/c-cedb1bac/",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := TagPaths(c.tags)
			if !maps.Equal(got, c.want) {
				t.Errorf("TagPaths(%q) = %v, want %v", c.tags, got, c.want)
			}
			if rev := TagPaths(reversed(c.tags)); !maps.Equal(rev, got) {
				t.Errorf("TagPaths of the tags reversed = %v, want %v", rev, got)
			}
			seen := map[string]string{}
			for k, p := range got {
				if o, ok := seen[p]; ok {
					t.Errorf("%q and %q share %s", o, k, p)
				}
				seen[p] = k
			}
		})
	}
}

// reversed returns a copy of s in the reverse order.
func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}
