package generator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestPublic15ServeHidesAnInternalDraft is QA 15 C-F5: pmkb serve --drafts
// answers the address of a draft left out for its problems with a page
// naming its title and problems (Session.leftOutDrafts), but with
// --audience public an internal draft's page never comes, so its address
// is the site's 404 without its title; a public draft's still answers,
// and an internal preview answers both (so the test can fail). (The
// preview's panel of build warnings names every file with a problem, as
// pmkb build prints them, whatever the audience.)
func TestPublic15ServeHidesAnInternalDraft(t *testing.T) {
	const (
		internalTitle = "Project Falcon merger cut-over rolled back"
		publicTitle   = "Status page lagged behind the outage"
	)
	files := map[string]string{}
	for p, f := range publicSite15() {
		files[p] = string(f.Data)
	}
	// Two drafts without a severity: left out until it is written.
	files["content/postmortems/2026-11-01-secret-merger.md"] = `---
title: ` + internalTitle + `
date: 2026-11-01
status: draft
systems: [api]
causes: [config-change]
---

## Summary

Not for customers.
`
	files["content/postmortems/2026-11-02-status-page-lag.md"] = `---
title: ` + publicTitle + `
date: 2026-11-02
status: draft
visibility: public
systems: [api]
causes: [config-change]
---

## Summary

For customers, once written.
`
	for _, c := range []struct {
		audience string
		path     string
		title    string
		want     int
	}{
		{generator.AudiencePublic, "postmortems/2026-11-01-secret-merger/", internalTitle, http.StatusNotFound},
		{generator.AudiencePublic, "postmortems/2026-11-02-status-page-lag/", publicTitle, http.StatusOK},
		{generator.AudienceInternal, "postmortems/2026-11-01-secret-merger/", internalTitle, http.StatusOK},
		{generator.AudienceInternal, "postmortems/2026-11-02-status-page-lag/", publicTitle, http.StatusOK},
	} {
		base, _ := servedWith(t, generator.Options{Audience: c.audience, Drafts: true}, files)
		code, body := fetch(t, base+c.path)
		if code != c.want || strings.Contains(body, c.title) != (c.want == http.StatusOK) {
			t.Errorf("%s preview: GET /%s = %d, want %d; names %q: %v", c.audience, c.path, code, c.want, c.title, strings.Contains(body, c.title))
		}
	}
}
