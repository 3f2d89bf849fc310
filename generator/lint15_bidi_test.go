package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// bidiPM is the QA 15 A-F6 repro, a title holding a right-to-left
// override (U+202E, column 16 of line 2) and a zero-width space, with a
// Trojan Source line in a code block (an isolate at line 16, column 8,
// closed at column 13); before line 2, comment is a line of its own.
func bidiPM(comment string) string {
	return "---\n" + comment + "title: \"Evil … \u202etxt.exe\u200b\"\ndate: 2024-03-14\nseverity: SEV3\nsystems: [checkout-api]\n" +
		"causes: [expired-certificate]\naction_items:\n  - title: Renew automatically\n    owner: ana\n    due: 2024-04-01\n---\n\n" +
		"The certificate expired; 👩\u200d💻 ana renewed it (\u200fRLM, \u200eLRM).\n\n```sh\nrm -rf \u2066/tmp\u2069\n```\n"
}

// TestLintBidiControl checks that pmkb lint reports the invisible
// characters that reorder text, a U+202E in a title and isolates in a
// code block, at their lines and columns, as warnings of
// markdown/bidi-control that [lint] rules grades and a comment silences,
// and that a build reports them as it reports markdown/raw-html (QA 15
// A-F6: lint was silent, while the title reversed the dates after it on
// the pages); the marks U+200E and U+200F and an emoji's joiner are no
// findings. pmkb lint --rules lists the rule.
func TestLintBidiControl(t *testing.T) {
	const pm = "content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md"
	const (
		rlo = pm + ":2: %s: hidden bidirectional character U+202E RIGHT-TO-LEFT OVERRIDE [markdown/bidi-control]"
		lri = pm + ":16: %s: hidden bidirectional character U+2066 LEFT-TO-RIGHT ISOLATE [markdown/bidi-control]"
		pdi = pm + ":16: %s: hidden bidirectional character U+2069 POP DIRECTIONAL ISOLATE [markdown/bidi-control]"
	)
	at := func(sev string, lines ...string) []string {
		var out []string
		for _, l := range lines {
			out = append(out, strings.Replace(l, "%s", sev, 1))
		}
		return out
	}
	tests := []struct {
		name    string
		lint    string // the [lint] table of pmkb.toml
		comment string // a line before the title
		fails   bool   // the build fails with content errors
		want    []string
		cols    []int // the findings' columns in JSON
	}{
		{name: "default", want: at("warning", rlo, lri, pdi), cols: []int{16, 8, 13}},
		{name: "error", lint: `rules = { "markdown/bidi-control" = "error" }`, fails: true, want: at("error", rlo, lri, pdi), cols: []int{16, 8, 13}},
		{name: "off", lint: `rules = { "markdown/bidi-control" = "off" }`},
		{name: "area off", lint: `rules = { "markdown" = "off" }`},
		{name: "title silenced", comment: "# pmkb-lint-ignore markdown/bidi-control\n",
			want: at("warning", strings.Replace(lri, ":16:", ":17:", 1), strings.Replace(pdi, ":16:", ":17:", 1)), cols: []int{8, 13}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fstest.MapFS{
				"pmkb.toml": {Data: []byte(contractSiteConfig + "\n[lint]\n" + tt.lint + "\n")},
				pm:          {Data: []byte(bidiPM(tt.comment))},
			}
			list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range list.Items() {
				if d.Rule == "markdown/bidi-control" {
					got = append(got, d.Line())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("lint:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var out bytes.Buffer
			if err := generator.WriteLint(&out, list, "json"); err != nil {
				t.Fatal(err)
			}
			var js struct {
				Diagnostics []struct {
					Rule    string
					Column  int
					Excerpt string
				}
			}
			if err := json.Unmarshal(out.Bytes(), &js); err != nil {
				t.Fatal(err)
			}
			var cols []int
			for _, d := range js.Diagnostics {
				if d.Rule == "markdown/bidi-control" {
					cols = append(cols, d.Column)
					if !strings.ContainsAny(d.Excerpt, "\u202e\u2066") {
						t.Errorf("excerpt %q, want the line as in the file", d.Excerpt)
					}
				}
			}
			if !slices.Equal(cols, tt.cols) {
				t.Errorf("columns %v, want %v", cols, tt.cols)
			}

			site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday})
			if tt.fails != errors.Is(err, generator.ErrContent) || !tt.fails && err != nil {
				t.Fatalf("build: err = %v, want content errors: %v\n%s", err, tt.fails, site.Diagnostics)
			}
			got = nil
			for _, d := range site.Diagnostics.Items() {
				if d.Rule == "markdown/bidi-control" {
					got = append(got, d.Line())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("build:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	listed := false
	for _, r := range generator.LintRules() {
		if r[0] == "markdown/bidi-control" {
			listed = r[1] == "warning" && strings.Contains(r[2], "U+202A-U+202E")
		}
	}
	if !listed {
		t.Error("pmkb lint --rules does not list markdown/bidi-control as a warning")
	}
}
