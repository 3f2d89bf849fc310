package generator_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/model"
)

// TestPublicBuildCatalogOnlyWhatIsNamed builds the sample for the public
// audience: a system, cause or team of the catalog that no public
// postmortem names has no page, and its description is in no output file;
// one that a public postmortem names keeps its page and description.
func TestPublicBuildCatalogOnlyWhatIsNamed(t *testing.T) {
	all := buildSample(t, generator.Options{})
	pub := buildSample(t, generator.Options{Audience: generator.AudiencePublic})
	files := filesByPath(pub)
	named := map[string]bool{}
	for _, p := range pub.KB.Postmortems {
		for _, list := range [][]string{p.Systems, p.Causes, p.Teams} {
			for _, v := range list {
				named[model.Slug(v)] = true
			}
		}
	}

	type entry struct{ slug, path, description string }
	var hidden, shown []entry
	add := func(e entry) {
		if named[e.slug] {
			shown = append(shown, e)
		} else {
			hidden = append(hidden, e)
		}
	}
	for _, s := range all.KB.Config.Systems {
		add(entry{model.Slug(s.Slug), model.SystemPath(s.Slug), s.Description})
		if s.Team != "" {
			add(entry{model.Slug(s.Team), model.TeamPath(s.Team), ""})
		}
	}
	for _, c := range all.KB.Config.Causes {
		add(entry{model.Slug(c.Slug), model.CausePath(c.Slug), c.Description})
	}
	if len(hidden) == 0 || len(shown) == 0 {
		t.Fatalf("the sample has %d catalog entries no public postmortem names and %d it names; the test needs both", len(hidden), len(shown))
	}
	for _, e := range hidden {
		if _, ok := files[e.path+"index.html"]; ok {
			t.Errorf("public build has a page for %s, which no public postmortem names", e.path)
		}
		if e.description == "" {
			continue
		}
		for p, data := range files {
			if bytes.Contains(data, []byte(e.description)) {
				t.Errorf("public build: %s holds the description of %s, which no public postmortem names", p, e.slug)
			}
		}
	}
	for _, e := range shown {
		page, ok := files[e.path+"index.html"]
		if !ok {
			t.Errorf("public build lacks %s, which a public postmortem names", e.path)
			continue
		}
		if e.description != "" && !bytes.Contains(page, []byte(e.description)) {
			t.Errorf("%s lacks its description %q", e.path, e.description)
		}
	}
}

// people are the names the site below gives its commanders, authors and
// action-item owners, each as written and as the words a page, a slug or
// a search index could show of it.
var people = map[string][]string{
	"Zebulon Quartermaine": {"zebulon", "quartermaine"},
	"ottoline.vasquez":     {"ottoline", "vasquez"},
	"marisol":              {"marisol"},
	"thaddeus-w":           {"thaddeus"},
	"山田花子":                 {"山田", "花子"},
	"xanthippe":            {"xanthippe"},
	// In a custom field (on_call:), which the JSON export carries.
	"Wilhelmina Okonkwo": {"Wilhelmina", "Okonkwo"},
}

// peopleSite is a small site with two public postmortems (the second
// repeats the first, so pages list its open items) and an internal one,
// all with a commander, authors and action items whose owners are people.
func peopleSite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
	return fstest.MapFS{
		"pmkb.toml": file(`title = "People test"
baseURL = "https://status.example.com/incidents/"
language = "en"
`),
		"content/postmortems/2026-01-10-api-deploy.md": file(`---
title: API errors after a bad deploy
date: 2026-01-10
severity: SEV1
visibility: public
systems: [api]
teams: [platform]
causes: [bad-deploy]
commander: Zebulon Quartermaine
authors: [ottoline.vasquez, 山田花子]
on_call: Wilhelmina Okonkwo
timeline:
  started: 2026-01-10T09:00:00Z
  detected: 2026-01-10T09:10:00Z
  resolved: 2026-01-10T10:00:00Z
action_items:
  - id: AI-1
    title: Roll back automatically on error spikes
    owner: marisol
    due: 2026-02-01
    priority: P1
    kind: prevent
  - id: AI-2
    title: Alert on the error rate of each deploy
    owner: 山田花子
    due: 2026-12-31
    status: in-progress
    kind: detect
  - id: AI-3
    title: Write the rollback runbook
    owner: Zebulon Quartermaine
    due: 2026-01-20
    status: done
    closed: 2026-01-19
    kind: process
---

## Summary

The API returned errors for an hour after a deploy.
`),
		"content/postmortems/2026-03-01-api-deploy-again.md": file(`---
title: API errors after another bad deploy
date: 2026-03-01
severity: SEV2
visibility: public
systems: [api]
teams: [platform]
causes: [bad-deploy]
commander: thaddeus-w
authors: [thaddeus-w]
related: [2026-01-10-api-deploy, 2026-02-01-internal-db]
action_items:
  - id: AI-1
    title: Canary every deploy
    owner: thaddeus-w
    due: 2026-04-01
    kind: prevent
---

## Summary

It happened again.
`),
		"content/postmortems/2026-02-01-internal-db.md": file(`---
title: Database failover drill went long
date: 2026-02-01
severity: SEV3
systems: [db]
causes: [capacity]
commander: xanthippe
action_items:
  - title: Shorten the failover
    owner: xanthippe
    due: 2026-03-01
---

## Summary

Internal only.
`),
	}
}

// TestPublicBuildNamesNoOne builds a small site with commanders, authors
// and action-item owners for the public audience (qa7-b #7): no output
// file, every byte of it, holds any of their names or an owner page, feed
// text or column, while the internal build of the same site has them
// all (so the test can fail). Action items keep their title, status, due
// date, kind, priority and teams.
func TestPublicBuildNamesNoOne(t *testing.T) {
	build := func(audience string) map[string][]byte {
		site, err := generator.Build(context.Background(), generator.Options{Source: peopleSite(),
			Today: model.Date{Year: 2026, Month: 11, Day: 27}, Audience: audience})
		if err != nil {
			t.Fatalf("%s build: %v\n%s", audience, err, site.Diagnostics)
		}
		return filesByPath(site)
	}
	internal, public := build(generator.AudienceInternal), build(generator.AudiencePublic)

	// What only a site that names people has: owner pages and their
	// links, an Owner column and filter, and owners in the feeds.
	owned := []string{"actions/owners/", `data-owner=`, `id="af-owner"`, ">Owner</th>", "owned by ", `\nOwner: `, "<name>marisol</name>"}
	for name, words := range people {
		if name == "xanthippe" { // in the internal postmortem only
			continue
		}
		for _, w := range append([]string{name}, words...) {
			if !anyContains(internal, w) {
				t.Errorf("internal build: no file holds %q; the test cannot tell whether the public build leaks it", w)
			}
		}
	}
	for _, w := range owned {
		if !anyContains(internal, w) {
			t.Errorf("internal build: no file holds %q; the test cannot tell whether the public build leaks it", w)
		}
	}

	for p, data := range public {
		if strings.HasPrefix(p, "actions/owners/") {
			t.Errorf("public build has %s", p)
		}
		lower := bytes.ToLower(data)
		for name, words := range people {
			for _, w := range append([]string{name}, words...) {
				if bytes.Contains(lower, []byte(strings.ToLower(w))) {
					t.Errorf("public build: %s names %q (%s)", p, w, name)
				}
			}
		}
		for _, w := range append(owned, " ·  · ") {
			if bytes.Contains(data, []byte(w)) {
				t.Errorf("public build: %s holds %q", p, w)
			}
		}
	}

	if bytes.Contains(public["actions.ics"], []byte("()")) {
		t.Error("public build: actions.ics names an empty owner \"()\"")
	}

	// The items themselves are still there, with their facts.
	for p, want := range map[string][]string{
		"actions/index.html": {"Roll back automatically on error spikes", "Canary every deploy", "P1", `data-team="platform"`, `data-kind="prevent"`, `data-due="2026-02-01"`},
		"actions/overdue.xml": {"Roll back automatically on error spikes (due 2026-02-01)",
			"2026-01-10-api-deploy#AI-1, was due 2026-02-01: 299 days overdue as of 2026-11-27."},
		"actions.ics":          {"SUMMARY:Alert on the error rate of each deploy\r\n"},
		"api/actions.csv":      {"Canary every deploy,,2026-04-01,open,,prevent"},
		"api/actions.json":     {`"title": "Canary every deploy",` + "\n    " + `"owner": "",`},
		"api/postmortems.json": {`"commander": "",`},
	} {
		for _, w := range want {
			if !bytes.Contains(public[p], []byte(w)) {
				t.Errorf("public build: %s lacks %q", p, w)
			}
		}
	}
}

// anyContains reports whether a file of files holds s.
func anyContains(files map[string][]byte, s string) bool {
	for _, data := range files {
		if bytes.Contains(data, []byte(s)) {
			return true
		}
	}
	return false
}

// TestPublicSessionQuickUpdateNamesNoOne edits a public postmortem in a
// pmkb serve --audience public session: the page the quick update makes
// names no one, like a complete build, while an internal session's names
// the new owner (so the test can fail).
func TestPublicSessionQuickUpdateNamesNoOne(t *testing.T) {
	const (
		path  = "content/postmortems/2026-01-10-api-deploy.md"
		page  = "postmortems/2026-01-10-api-deploy/index.html"
		title = "API errors after a bad deploy, edited"
		owner = "quillon"
	)
	for _, audience := range []string{generator.AudienceInternal, generator.AudiencePublic} {
		dir := t.TempDir()
		for p, f := range peopleSite() {
			full := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}, Audience: audience}, dir)
		ctx := context.Background()
		if _, diags, _, err := s.Build(ctx, nil); err != nil {
			t.Fatalf("%s: first build: %v\n%s", audience, err, diags)
		}
		full := filepath.Join(dir, filepath.FromSlash(path))
		data := string(peopleSite()[path].Data)
		data = strings.Replace(data, "title: API errors after a bad deploy", "title: "+title, 1)
		data = strings.Replace(data, "owner: marisol", "owner: "+owner, 1)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		files, _, partial, err := s.Build(ctx, []string{full})
		got := fileData(files, page)
		if err != nil || !partial || !strings.Contains(got, title) {
			t.Fatalf("%s: edit not rebuilt quickly: partial %v, %v", audience, partial, err)
		}
		if named := strings.Contains(got, owner); named != (audience == generator.AudienceInternal) {
			t.Errorf("%s: the quick update's page names the new owner: %v", audience, named)
		}
		if audience == generator.AudiencePublic {
			for _, f := range files {
				lower := strings.ToLower(string(f.Data))
				for name, words := range people {
					for _, w := range append([]string{name}, words...) {
						if strings.Contains(lower, strings.ToLower(w)) {
							t.Errorf("public session: %s names %q (%s)", f.Path, w, name)
						}
					}
				}
			}
		}
	}
}
