package generator_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
)

// TestConfigProblemsQuoteTheirLine checks that a problem of the site's
// config that the parser does not quote itself (an unknown key, a [lint]
// grade or rule) carries its line as every postmortem problem does, in
// pmkb lint's report as in a build's (QA 20 A-F9: lint, text and JSON,
// showed none), and that a config holding a private key is never quoted.
func TestConfigProblemsQuoteTheirLine(t *testing.T) {
	const cfg = "title = \"KB\"\nbaseUrl = \"/\"\n\n[lint]\nrules = { \"markdown/linkz\" = \"error\" }\n"
	want := map[int]string{2: `baseUrl = "/"`, 5: `rules = { "markdown/linkz" = "error" }`}
	site := func(config string) fstest.MapFS {
		return fstest.MapFS{
			"pmkb.toml":                           {Data: []byte(config)},
			"content/postmortems/2026-11-02-a.md": {Data: []byte("---\ntitle: A\ndate: 2026-11-02\nseverity: SEV2\nsystems: [api]\ncauses: [bad-deploy]\n---\n\nBody.\n")},
		}
	}
	check := func(name string, l *diag.List, quoted bool) {
		t.Helper()
		got := map[int]string{}
		for _, d := range l.Items() {
			if d.Pos.Path == "pmkb.toml" && d.Severity == diag.Error {
				got[d.Pos.Line] = d.Excerpt
			}
		}
		for line, text := range want {
			if !quoted {
				text = ""
			}
			if e, ok := got[line]; !ok || e != text {
				t.Errorf("%s: pmkb.toml:%d quoted %q (found: %v), want %q\n%s", name, line, e, ok, text, l)
			}
		}
	}
	list, err := generator.Lint(generator.LintOptions{Source: site(cfg), Today: sampleToday})
	if err != nil {
		t.Fatal(err)
	}
	check("lint", list, true)
	s, _ := generator.Build(context.Background(), generator.Options{Source: site(cfg), Today: sampleToday})
	check("build", s.Diagnostics, true)

	keyed := cfg + "# -----BEGIN RSA PRIVATE KEY-----\n"
	list, err = generator.Lint(generator.LintOptions{Source: site(keyed), Today: sampleToday})
	if err != nil {
		t.Fatal(err)
	}
	check("lint, a private key in the config", list, false)
	if strings.Contains(list.String(), "baseUrl = ") {
		t.Errorf("a config with a private key was quoted:\n%s", list)
	}
}
