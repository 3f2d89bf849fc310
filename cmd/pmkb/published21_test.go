package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublishedFilesNameNoBuild checks that the feeds, the calendar and
// the JSON name the program without the build that ran (QA 21 B-F2: go
// run published "pmkb devel", a go build of the same commit "pmkb
// v0.0.0-…-5c6fd29548f9", "+dirty" with any uncommitted change), so one
// commit publishes the same bytes however it is run. A test binary is no
// release, so the name is "pmkb" alone.
func TestPublishedFilesNameNoBuild(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/a.md": okPM})
	if code, _, errOut := pmkb(t, "build", "--source", root, "--today", "2026-11-27"); code != exitOK {
		t.Fatalf("build: %d\n%s", code, errOut)
	}
	for file, want := range map[string]string{
		"feed.xml":             "<generator>pmkb</generator>",
		"api/postmortems.json": `"generator": "pmkb"`,
		"actions.ics":          "PRODID:-//pmkb//pmkb//EN",
	} {
		data, err := os.ReadFile(filepath.Join(root, "public", filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s does not hold %s:\n%.600s", file, want, data)
		}
	}
}
