package generator_test

import (
	"context"
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
	// A misspelt layout is a problem of the whole file: at its line 1, as
	// every command names one (it had no line, QA 15 regression pass a-12).
	if len(got) == 2 && !strings.HasPrefix(got[1], "layouts/postmorten.html:1: warning: ") {
		t.Errorf("warning %q, want it at layouts/postmorten.html:1", got[1])
	}
	if len(got) != len(want) {
		t.Fatalf("theme warnings = %q, want %d", got, len(want))
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("warning %d = %q, want it to hold %q", i, got[i], w)
		}
	}
}

// TestThemeWarningsInServe checks that pmkb serve's session reports the
// theme folder's unused files and UI strings as pmkb build does, graded by
// [lint] rules: a theme's author previews the theme with serve, which
// said nothing of a misspelt layout (QA 15, the lint engineer's note).
func TestThemeWarningsInServe(t *testing.T) {
	theme := fstest.MapFS{"layouts/postmorten.html": {Data: []byte(`{{define "main"}}x{{end}}`)}}
	for _, tt := range []struct {
		config string
		want   string // the line's severity, "" for none
	}{
		{"", "warning"},
		{"[lint]\nrules = { \"theme-unused\" = \"error\" }\n", "error"},
		{"[lint]\nrules = { \"theme-unused\" = \"off\" }\n", ""},
	} {
		src := overlay(t, nil)
		if tt.config != "" {
			src["pmkb.toml"] = &fstest.MapFile{Data: append(append([]byte{}, src["pmkb.toml"].Data...), "\n"+tt.config...)}
		}
		_, diags, _, err := generator.NewSession(generator.Options{Source: src, Theme: theme, Today: sampleToday}, "").Build(context.Background(), nil)
		var got []string
		for _, d := range diags.Items() {
			if d.Rule == "theme-unused" {
				got = append(got, d.Line())
			}
		}
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%q: theme-unused is off, got %q", tt.config, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], ": "+tt.want+": ") || !strings.Contains(got[0], "did you mean postmortem.html?")):
			t.Errorf("%q: got %q, want one %s about postmorten.html", tt.config, got, tt.want)
		}
		if (tt.want == "error") != (err != nil) {
			t.Errorf("%q: err = %v", tt.config, err)
		}
	}
}
