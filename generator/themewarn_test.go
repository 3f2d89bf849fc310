package generator_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestThemeWarningsInBuild checks that a build warns about a theme
// folder's file or UI string it would not use (render.ThemeWarnings): a
// misspelt layout and a misspelt key, naming the file. Before, both were
// ignored with "0 warnings" (QA 14 D-F6).
func TestThemeWarningsInBuild(t *testing.T) {
	theme := fstest.MapFS{
		"layouts/postmorten.html": {Data: []byte(`{{define "main"}}x{{end}}`)},
		"i18n/en.json":            {Data: []byte("{\n\"nav.postmortem\": \"Cases\"\n}\n")},
	}
	site := buildSample(t, generator.Options{Theme: theme})
	var got []string
	for _, d := range site.Diagnostics.Items() {
		if d.Rule == "theme-unused" {
			got = append(got, d.Line())
		}
	}
	want := []string{"did you mean \"nav.postmortems\"?", "did you mean postmortem.html?"}
	if len(got) != len(want) {
		t.Fatalf("theme warnings = %q, want %d", got, len(want))
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("warning %d = %q, want it to hold %q", i, got[i], w)
		}
	}
}
