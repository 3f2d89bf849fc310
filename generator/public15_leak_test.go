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
	draft15ID    = "2026-04-01-cache-warmup"
)

// publicSite15 is a small site with the shapes a public build must take
// apart, which the sample lacks: a public postmortem whose related: names
// an internal one (QA 15 C-F1), an internal postmortem and a public draft
// that each link an attachment (C-F2), and a public postmortem naming a
// system whose catalog team only an internal postmortem names (C-F3); the
// public postmortem's related: also names a public draft (C-F7).
func publicSite15() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
	return fstest.MapFS{
		"pmkb.toml": file(`title = "Public edition test"
baseURL = "https://status.example.com/incidents/"
language = "en"

[systems.api]
name = "Public API"
team = "platform"

[systems.auth-service]
name = "Auth Service"
team = "identity-guild"

[systems.db]
name = "Orders database"
team = "identity-guild"
description = "The Postgres cluster behind orders, failed over twice a year."
`),
		"content/postmortems/" + public15ID + ".md": file(`---
title: Login errors after a bad deploy
date: 2026-03-01
severity: SEV2
visibility: public
systems: [api, auth-service]
teams: [platform]
causes: [bad-deploy]
related: [` + internal15ID + `, ` + draft15ID + `]
---

## Summary

Logins failed for twenty minutes.
`),
		"content/postmortems/" + internal15ID + ".md": file(`---
title: Database failover drill went long
date: 2026-02-01
severity: SEV3
systems: [db]
teams: [identity-guild]
causes: [capacity]
---

## Summary

Internal only. The [resolver trace](logs/internal-trace.log) has the details.
`),
		"content/postmortems/logs/internal-trace.log": file("10:01 resolver timeout on host db-7\n"),
		"content/postmortems/" + draft15ID + ".md": file(`---
title: Cache warm-up slowed the first page loads
date: 2026-04-01
status: draft
severity: SEV3
visibility: public
systems: [api]
teams: [platform]
causes: [capacity]
---

## Summary

Still being written. The [warm-up notes](logs/warmup-notes.txt) say more.
`),
		"content/postmortems/logs/warmup-notes.txt": file("warm-up took 14 minutes on cold nodes\n"),
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

// TestPublic15LeaksNothingInternal builds publicSite15 for each audience,
// with and without drafts, and checks for each thing that only some
// builds may publish that those builds have it (so the test can fail) and
// no file of the others does: not a page, not a byte of any file.
func TestPublic15LeaksNothingInternal(t *testing.T) {
	builds := public15Builds(t)
	internal := []string{"internal", "internal --drafts"}
	for _, c := range []struct {
		name string
		// path is the file that must hold text, or "" for any file.
		path string
		text string
		// in names the builds that publish it.
		in []string
	}{
		// C-F1: related: naming an internal postmortem, which only the
		// API's "related" list would carry (stripInternalLinks).
		{"internal postmortem's id", "", internal15ID, internal},
		{"internal postmortem's id in the API's related", "api/postmortems.json", `"related": [` + "\n        \"" + internal15ID + `"`, internal},
		// C-F2: an attachment is published only by a build that has a
		// postmortem linking it (source.PutAttachments of the built ones).
		{"internal postmortem's attachment", "postmortems/_files/logs/internal-trace.log", "", internal},
		{"internal postmortem's attachment's text", "", "resolver timeout on host db-7", internal},
		{"draft's attachment", "postmortems/_files/logs/warmup-notes.txt", "", []string{"internal --drafts", "public --drafts"}},
		{"draft's attachment's text", "", "warm-up took 14 minutes", []string{"internal --drafts", "public --drafts"}},
		// C-F7: related: naming a draft, which the API listed in an
		// internal build without --drafts though no page names it.
		{"draft's id", "", draft15ID, []string{"internal --drafts", "public --drafts"}},
		// C-F3: the catalog's team of a system a public postmortem names,
		// when no public postmortem names that team (publicCatalog).
		{"internal-only team's page", "teams/identity-guild/index.html", "", internal},
		{"internal-only team", "", "identity-guild", internal},
		{"team of a public system", "systems/auth-service/index.html", "identity-guild", internal},
		{"internal-only system's description", "", "failed over twice a year", internal},
	} {
		for _, b := range builds {
			var holders []string
			for _, p := range slices.Sorted(maps.Keys(b.files)) {
				if (c.path == "" || p == c.path) && strings.Contains(string(b.files[p]), c.text) {
					holders = append(holders, p)
				}
			}
			switch in := slices.Contains(c.in, b.name); {
			case !in && len(holders) > 0:
				t.Errorf("%s build: %s: %v hold %q", b.name, c.name, holders, c.text)
			case in && len(holders) == 0:
				t.Errorf("%s build: %s: no file %s holds %q; the test cannot tell whether the other builds leak it", b.name, c.name, c.path, c.text)
			}
		}
	}
}
