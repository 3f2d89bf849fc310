package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestLoaderWarningsAreLintRules checks that the loader's warnings about
// body links (markdown/links) and files it does not read (files/not-read)
// are lint rules: pmkb lint names them, a build still reports them, a
// pmkb-lint-ignore comment silences one, and [lint] rules re-grades or
// turns them off in both.
func TestLoaderWarningsAreLintRules(t *testing.T) {
	const pmPath = "content/postmortems/2025/2025-05-01-a.md"
	body := "---\ntitle: Linked\ndate: 2025-05-01\nseverity: SEV3\nstatus: published\nsystems: [checkout-api]\ncauses: [bad-deploy]\n" +
		"action_items:\n  - title: Fix it\n    owner: aiko\n    due: 2025-06-01\n---\n\n" +
		"See [gone](gone.md).\n\n" + // line 14
		"<!-- pmkb-lint-ignore markdown/links -->\n[also gone](gone2.md)\n\n" + // line 17, silenced
		"![chart](chart.svg)\n" // line 19
	missing := pmPath + `:14: warning: link "gone.md" names content/postmortems/2025/gone.md, which does not exist`
	svg := pmPath + `:19: warning: image "chart.svg" is an SVG file, which is not published`
	notRead := `content/postmortems/2025/notes.markdown:1: warning: not read: only .md files are postmortems; rename it to .md`
	cases := []struct {
		name      string
		lint      string
		want, not []string
		errors    bool
	}{
		{"defaults", "", []string{missing, svg, notRead}, []string{":17:"}, false},
		{"off", "[lint.rules]\n\"files/not-read\" = \"off\"\nmarkdown = \"off\"\n", nil, []string{missing, svg, notRead}, false},
		{"error", "[lint.rules]\n\"markdown/links\" = \"error\"\n", []string{strings.Replace(missing, "warning: ", "", 1), notRead}, []string{":17:"}, true},
		// A rule that reads the knowledge base makes a build check the
		// files after loading them, not in the loader's workers: the
		// comment silences the same finding.
		{"checked after loading", "[lint.rules]\n\"completeness/timeline\" = \"warning\"\n", []string{missing, svg, notRead}, []string{":17:"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := overlay(t, map[string]string{
				pmPath: body,
				"content/postmortems/2025/notes.markdown": "# notes\n",
			})
			src["pmkb.toml"].Data = append(src["pmkb.toml"].Data, "\n"+c.lint...)
			site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday})
			if (err != nil) != c.errors {
				t.Fatalf("build error %v, want one: %v\n%s", err, c.errors, site.Diagnostics)
			}
			lint, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday})
			if err != nil {
				t.Fatal(err)
			}
			for what, got := range map[string]string{"build": site.Diagnostics.String(), "lint": lint.String()} {
				for _, w := range c.want {
					if !strings.Contains(got, w) {
						t.Errorf("%s lacks %s:\n%s", what, w, got)
					}
				}
				for _, w := range c.not {
					if strings.Contains(got, w) {
						t.Errorf("%s has %s:\n%s", what, w, got)
					}
				}
			}
			rules := map[string]bool{}
			for _, d := range lint.Items() {
				if strings.Contains(d.Message, "gone.md") || strings.Contains(d.Message, "SVG") {
					rules[d.Rule+" "+d.Pos.Path] = true
				}
				if strings.HasSuffix(d.Pos.Path, ".markdown") {
					rules[d.Rule] = true
				}
			}
			if len(c.want) > 0 && (!rules["markdown/links "+pmPath] || !rules["files/not-read"]) {
				t.Errorf("lint rules %v, want markdown/links and files/not-read", rules)
			}
		})
	}
	listed := map[string]bool{}
	for _, r := range generator.LintRules() {
		listed[r[0]] = r[1] == "warning"
	}
	if !listed["markdown/links"] || !listed["files/not-read"] {
		t.Error("pmkb lint --rules does not list markdown/links and files/not-read as warnings")
	}
}

// TestActionItemStatusTODOReportedOnce checks that an action item with
// status: TODO gets one error on its line, the contract's, saying TODO is
// a placeholder (not also lint's completeness/placeholder), while a TODO
// elsewhere in the file is still lint's.
func TestActionItemStatusTODOReportedOnce(t *testing.T) {
	const p = "content/postmortems/2025/2025-05-01-todo.md"
	src := overlay(t, map[string]string{p: "---\ntitle: Todo\ndate: 2025-05-01\nseverity: SEV3\nsystems: [checkout-api]\ncauses: [bad-deploy]\n" +
		"action_items:\n  - title: Fix it\n    owner: aiko\n    status: TODO\n---\n\nTODO write this.\n"})
	list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday})
	if err != nil {
		t.Fatal(err)
	}
	byLine := map[int][]string{}
	for _, d := range list.Items() {
		if d.Pos.Path == p {
			byLine[d.Pos.Line] = append(byLine[d.Pos.Line], d.Rule+": "+d.Message)
		}
	}
	if got := byLine[10]; len(got) != 1 || !strings.HasPrefix(got[0], "contract: ") || !strings.Contains(got[0], "TODO is a placeholder") {
		t.Errorf("line 10: %q, want the contract's error alone", got)
	}
	if got := byLine[13]; len(got) != 1 || !strings.HasPrefix(got[0], "completeness/placeholder: ") {
		t.Errorf("line 13: %q, want completeness/placeholder", got)
	}
}
