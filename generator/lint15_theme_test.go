package generator_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestThemeUnusedIsARule checks that theme-unused, the tag of a build's
// warning about a theme folder's file or UI string it would not use, is a
// lint rule like any other tag in brackets: pmkb lint --rules lists it,
// and [lint] rules takes it, turns it off or makes it fail the build.
// Before, the config refused it ("unknown lint rule") and the build
// failed on the very line meant to silence the warning (QA 15 D-F10).
func TestThemeUnusedIsARule(t *testing.T) {
	const pm = "content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md"
	theme := fstest.MapFS{"i18n/en.json": {Data: []byte("{\n\"nav.postmortem\": \"Cases\"\n}\n")}}
	const warned = `i18n/en.json:2: warning: unknown UI string "nav.postmortem"`
	tests := []struct {
		name  string
		lint  string // the [lint] table of pmkb.toml
		fails bool   // the build fails with content errors
		want  string // the theme problem's first line starts so, "" for none
	}{
		{name: "default", want: warned},
		{name: "off", lint: `rules = { "theme-unused" = "off" }`},
		{name: "error", lint: `rules = { "theme-unused" = "error" }`, fails: true,
			want: `i18n/en.json:2: error: unknown UI string "nav.postmortem"`},
		{name: "warning", lint: `rules = { "theme-unused" = "warning" }`, want: warned},
		{name: "other area off", lint: `rules = { "markdown" = "off" }`, want: warned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fstest.MapFS{
				"pmkb.toml": {Data: []byte(contractSiteConfig + "\n[lint]\n" + tt.lint + "\n")},
				pm:          {Data: []byte(contractPM("[checkout-api]", ""))},
			}
			site, err := generator.Build(context.Background(), generator.Options{Source: src, Theme: theme, Today: sampleToday})
			if tt.fails != errors.Is(err, generator.ErrContent) || !tt.fails && err != nil {
				t.Fatalf("build: err = %v, want content errors: %v\n%s", err, tt.fails, site.Diagnostics)
			}
			var got []string
			for _, d := range site.Diagnostics.Items() {
				if strings.HasPrefix(d.Pos.Path, "pmkb.toml") {
					t.Errorf("config problem: %s", d.Line())
				}
				if d.Rule == "theme-unused" {
					got = append(got, d.Line())
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("theme problems %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want) || !strings.HasSuffix(got[0], " [theme-unused]")):
				t.Errorf("theme problems %q, want one starting %q and ending [theme-unused]", got, tt.want)
			}
			if tt.fails && len(site.Files) != 0 {
				t.Errorf("a failed build made %d files", len(site.Files))
			}
		})
	}
	listed := false
	for _, r := range generator.LintRules() {
		if r[0] == "theme-unused" {
			listed = r[1] == "warning" && strings.Contains(r[2], "theme")
		}
	}
	if !listed {
		t.Error("pmkb lint --rules does not list theme-unused as a warning")
	}
}
