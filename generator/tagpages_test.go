package generator_test

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/model"
)

// TestTagPagesAudience builds the sample for both audiences (QA 13 F9):
// every tag of a listed postmortem has a page, which the sitemap lists,
// and tags spelt alike (dns, DNS) share one; a public build has pages
// only for the tags of public postmortems, and no file of it names a tag
// only internal postmortems have.
func TestTagPagesAudience(t *testing.T) {
	internal := buildSample(t, generator.Options{})
	public := buildSample(t, generator.Options{Audience: generator.AudiencePublic})

	tagPages := func(site *generator.Site) []string {
		var out []string
		for _, f := range site.Files {
			if strings.HasPrefix(f.Path, "tags/") && f.Path != "tags/index.html" {
				out = append(out, f.Path)
			}
		}
		return out
	}
	wantPages := func(site *generator.Site) []string {
		var out []string
		for _, p := range site.KB.Postmortems {
			for _, tag := range p.Tags {
				out = append(out, model.TagPath(tag)+"index.html")
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for name, site := range map[string]*generator.Site{"internal": internal, "public": public} {
		got, want := tagPages(site), wantPages(site)
		if !slices.Equal(got, want) {
			t.Errorf("%s build: tag pages %q, want %q", name, got, want)
		}
		locs := sitemapPaths(t, filesByPath(site)["sitemap.xml"])
		for _, p := range append([]string{"tags/index.html"}, want...) {
			if !locs[strings.TrimSuffix(p, "index.html")] {
				t.Errorf("%s build: sitemap.xml does not list %s", name, p)
			}
		}
	}
	if n := len(tagPages(internal)); !slices.Contains(tagPages(internal), "tags/dns/index.html") || n < 20 {
		t.Fatalf("the sample's internal build has %d tag pages, without tags/dns/: the test needs its tags", n)
	}

	// Tags only internal postmortems have: the public build names none.
	publicTags := map[string]bool{}
	for _, p := range public.KB.Postmortems {
		for _, tag := range p.Tags {
			publicTags[model.Slug(tag)] = true
		}
	}
	var hidden []string
	for _, p := range internal.KB.Postmortems {
		for _, tag := range p.Tags {
			if !publicTags[model.Slug(tag)] && len(tag) >= 8 && !slices.Contains(hidden, tag) {
				hidden = append(hidden, tag)
			}
		}
	}
	if len(hidden) == 0 {
		t.Fatal("every tag of the sample is on a public postmortem: the test needs an internal one")
	}
	index := filesByPath(public)["tags/index.html"]
	for _, tag := range hidden {
		if bytes.Contains(index, []byte(">"+tag+"<")) {
			t.Errorf("public build: tags/index.html lists %q, a tag of internal postmortems only", tag)
		}
		if _, ok := filesByPath(public)[model.TagPath(tag)+"index.html"]; ok {
			t.Errorf("public build has the page of %q, a tag of internal postmortems only", tag)
		}
	}
}

// sitemapPaths returns the site paths ("tags/再発/") of the locations of
// a sitemap, unescaped, without the base URL.
func sitemapPaths(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	out := map[string]bool{}
	for _, u := range set.URLs {
		loc, err := url.Parse(u.Loc)
		if err != nil {
			t.Fatalf("sitemap.xml: %v", err)
		}
		out[strings.TrimPrefix(loc.Path, "/")] = true
	}
	return out
}
