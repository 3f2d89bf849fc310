package generator_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// The ids of the postmortems of publicSite15.
const (
	public15ID   = "2026-03-01-login-errors"
	internal15ID = "2026-02-01-internal-db"
)

// publicSite15 is a small site with the shapes a public build must take
// apart, which the sample lacks (QA 15 C-F1): a public postmortem whose
// related: names an internal one.
func publicSite15() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
	return fstest.MapFS{
		"pmkb.toml": file(`title = "Public edition test"
baseURL = "https://status.example.com/incidents/"
language = "en"
`),
		"content/postmortems/" + public15ID + ".md": file(`---
title: Login errors after a bad deploy
date: 2026-03-01
severity: SEV2
visibility: public
systems: [api]
teams: [platform]
causes: [bad-deploy]
related: [` + internal15ID + `]
---

## Summary

Logins failed for twenty minutes.
`),
		"content/postmortems/" + internal15ID + ".md": file(`---
title: Database failover drill went long
date: 2026-02-01
severity: SEV3
systems: [db]
teams: [platform]
causes: [capacity]
---

## Summary

Internal only.
`),
	}
}

// public15Build is one build of publicSite15.
type public15Build struct {
	name     string
	audience string
	drafts   bool
	files    map[string][]byte
}

// public15Builds builds publicSite15 once for each audience, with and
// without drafts.
func public15Builds(t *testing.T) []public15Build {
	t.Helper()
	builds := []public15Build{
		{name: "internal", audience: generator.AudienceInternal},
		{name: "internal --drafts", audience: generator.AudienceInternal, drafts: true},
		{name: "public", audience: generator.AudiencePublic},
		{name: "public --drafts", audience: generator.AudiencePublic, drafts: true},
	}
	for i, b := range builds {
		site, err := generator.Build(context.Background(), generator.Options{Source: publicSite15(), Today: sampleToday,
			Audience: b.audience, Drafts: b.drafts})
		if err != nil {
			t.Fatalf("%s build: %v\n%s", b.name, err, site.Diagnostics)
		}
		builds[i].files = filesByPath(site)
	}
	return builds
}

// TestPublic15LeaksNothingInternal builds publicSite15 for each audience
// and checks, for each thing only an internal build may publish, that
// every internal build has it (so the test can fail) and no file of a
// public build does: not a page, not a byte of any file.
func TestPublic15LeaksNothingInternal(t *testing.T) {
	builds := public15Builds(t)
	for _, c := range []struct {
		name string
		// path is the file that must hold text, or "" for any file.
		path string
		text string
	}{
		// C-F1: related: naming an internal postmortem, which only the
		// API's "related" list would carry (stripInternalLinks).
		{"internal postmortem's id", "", internal15ID},
		{"internal postmortem's id in the API's related", "api/postmortems.json", `"related": [` + "\n        \"" + internal15ID + `"`},
	} {
		for _, b := range builds {
			public := b.audience == generator.AudiencePublic
			var holders []string
			for _, p := range slices.Sorted(maps.Keys(b.files)) {
				if (c.path == "" || p == c.path) && strings.Contains(string(b.files[p]), c.text) {
					holders = append(holders, p)
				}
			}
			switch {
			case public && len(holders) > 0:
				t.Errorf("%s build: %s: %v hold %q", b.name, c.name, holders, c.text)
			case !public && len(holders) == 0:
				t.Errorf("%s build: %s: no file holds %q; the test cannot tell whether a public build leaks it", b.name, c.name, c.text)
			}
		}
	}
}
