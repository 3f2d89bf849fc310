package generator_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestLintDeletedPath checks that pmkb lint given a postmortem that no
// longer exists (git rm, or the old name of a git mv, which the README's
// pre-commit hook passes) reports every problem of the whole site that
// points at a postmortem that does not exist — a related: id, a .md link,
// a link to its page — in the files that have them, and nothing else;
// a deleted text attachment gets the links to it. Before, the path was a
// usage error ("no such file") and the hook let through a commit the
// build then refused (QA 16 B-F2).
func TestLintDeletedPath(t *testing.T) {
	const (
		b = "content/postmortems/2024/2024-03-15-b.md"
		c = "content/postmortems/2024/2024-03-16-c.md"
	)
	src := fstest.MapFS{
		"pmkb.toml": {Data: []byte(contractSiteConfig)},
		// systems: [nope] is an error of b's own, not one of a reference.
		b: {Data: []byte(contractPM("[nope]", "related: [\"2024-03-14-a\"]\n") +
			"\nSee [a](2024-03-14-a.md), [its page](../2024-03-14-a/) and [the log](logs/a.log).\n")},
		c: {Data: []byte(contractPM("[checkout-api]", "related: [\"2020-01-01-old\"]\n"))},
	}
	tests := []struct {
		name, path string
		want       []string // the problems' first lines, in part
		err        string
	}{
		{name: "a deleted postmortem", path: "content/postmortems/2024/2024-03-14-a.md", want: []string{
			b + `:7: error: related: no postmortem has id "2024-03-14-a"`,
			b + `:16: warning: link "../2024-03-14-a/" names the page of no postmortem`,
			b + `:16: warning: link "2024-03-14-a.md" names content/postmortems/2024/2024-03-14-a.md, which does not exist`,
			c + `:7: error: related: no postmortem has id "2020-01-01-old"`,
		}},
		{name: "in capitals", path: "content/postmortems/2024/OLD.MD", want: []string{
			b + `:7: error: related:`, b + `:16: warning: link "../2024-03-14-a/"`, b + `:16: warning: link "2024-03-14-a.md"`, c + `:7: error: related:`,
		}},
		{name: "a deleted log", path: "content/postmortems/2024/logs/a.log", want: []string{
			b + `:16: warning: "logs/a.log" names content/postmortems/2024/logs/a.log, which does not exist`,
		}},
		{name: "a deleted image", path: "content/postmortems/2024/a.png", err: "content/postmortems/2024/a.png: no such file"},
		{name: "outside the postmortems", path: "content/a.md", err: "content/a.md: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: []string{tt.path}})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			items := list.Items()
			if len(items) != len(tt.want) {
				t.Errorf("%d problems, want %d:\n%s", len(items), len(tt.want), list)
			}
			for i, w := range tt.want {
				if i < len(items) && !strings.HasPrefix(items[i].Line(), w) {
					t.Errorf("problem %d: %s\nwant %s…", i, items[i].Line(), w)
				}
			}
		})
	}
}
