package generator_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestLintScansUnlinkedTextFiles checks that pmkb lint scans every text
// file (.txt, .log, .csv) under content/postmortems/ for secrets, whether
// a postmortem links it yet or not, and takes one as a path. Before, a log
// saved before the postmortem that links it (the usual order) was never
// scanned, lint and the README's pre-commit hook passed with a token in
// it, and `pmkb lint <the log>` refused it as "not a postmortem of this
// site" (QA 15 D-F2).
func TestLintScansUnlinkedTextFiles(t *testing.T) {
	const (
		pm      = "content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md"
		linked  = "content/postmortems/2024/logs/linked.log"
		loose   = "content/postmortems/2024/logs/unlinked.log"
		notes   = "content/postmortems/2025/notes/dump.TXT"
		table   = "content/postmortems/export.csv"
		clean   = "content/postmortems/2024/logs/clean.log"
		hidden  = "content/postmortems/2024/.scratch/tokens.log"
		image   = "content/postmortems/2024/img/graph.png"
		outside = "content/notes.log"
		// nfd is a linked log whose name the disk keeps decomposed (a
		// file copied from macOS), which the link writes composed: it is
		// scanned once, as the linked file it is.
		nfd = "content/postmortems/2024/logs/cafe\u0301.log"
	)
	token := "ghp_" + "k3Jq9ZxT2vLm8RwP5nYb1HcD7sGf4AeU6tQo"
	src := fstest.MapFS{
		"pmkb.toml": {Data: []byte(contractSiteConfig)},
		pm:          {Data: []byte(contractPM("[checkout-api]", "") + "\nThe [log](logs/linked.log) and [more](logs/caf\u00e9.log).\n")},
		nfd:         {Data: []byte("token=" + token + "\n")},
		linked:      {Data: []byte("ok\ntoken=" + token + "\n")},
		loose:       {Data: []byte("token=" + token + "\n")},
		notes:       {Data: []byte("a\nb\nAuthorization: token " + token + "\n")},
		table:       {Data: []byte("when,what\n10:57,\"" + token + "\"\n")},
		clean:       {Data: []byte("10:57 ERROR 503\n")},
		hidden:      {Data: []byte("token=" + token + "\n")},
		image:       {Data: []byte("\x89PNG " + token)},
		outside:     {Data: []byte("token=" + token + "\n")},
	}
	const nfc = "content/postmortems/2024/logs/caf\u00e9.log"
	all := []string{nfc + ":1:", linked + ":2:", loose + ":1:", notes + ":3:", table + ":2:"}
	tests := []struct {
		name  string
		paths []string
		want  []string // the secrets reported, by path:line:
		err   string   // Lint's error, "" for none
	}{
		{name: "whole site", want: all},
		{name: "the unlinked log", paths: []string{loose}, want: []string{loose + ":1:"}},
		{name: "its folder", paths: []string{"content/postmortems/2024/logs"}, want: []string{nfc + ":1:", linked + ":2:", loose + ":1:"}},
		{name: "every postmortem folder", paths: []string{"content/postmortems"}, want: all},
		{name: "a text file in capitals", paths: []string{notes}, want: []string{notes + ":3:"}},
		{name: "a clean log", paths: []string{clean}},
		// The pre-commit hook passes every staged log, a hidden one too.
		{name: "a hidden log by name", paths: []string{hidden}, want: []string{hidden + ":1:"}},
		{name: "an unlinked image", paths: []string{image}, err: image + " is not a postmortem or a text attachment of this site"},
		{name: "a log outside content/postmortems", paths: []string{outside}, err: outside + " is not a postmortem of this site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: tt.paths})
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("lint %q: err = %v, want one starting %q", tt.paths, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("lint %q: %v", tt.paths, err)
			}
			var got []string
			for _, d := range list.Items() {
				if strings.HasPrefix(d.Rule, "secret/") {
					got = append(got, d.Pos.String()+":")
				}
				if strings.Contains(d.Line(), token[4:]) || strings.Contains(d.Excerpt, token[4:]) {
					t.Errorf("a problem quotes the token: %s", d.Line())
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("lint %q: secrets at %q, want %q\n%s", tt.paths, got, tt.want, list)
			}
			for _, d := range list.Items() {
				if d.Severity.String() == "error" && !strings.HasPrefix(d.Rule, "secret/") {
					t.Errorf("lint %q: %s", tt.paths, d.Line())
				}
			}
		})
	}
}

// TestLintNamesASkippedFile checks that a file the loader skips, a
// README.md beside the postmortems, named as the README's pre-commit hook
// names every staged .md, gets what the whole site's lint says of it (a
// files/not-read warning, or nothing with the rule off), not a refusal
// that would block every commit that touches it.
func TestLintNamesASkippedFile(t *testing.T) {
	const readme = "content/postmortems/README.md"
	for _, tt := range []struct {
		name, config string
		want         []string // the diagnostics' rules
	}{
		{"default", contractSiteConfig, []string{"files/not-read"}},
		{"rule off", contractSiteConfig + "\n[lint]\nrules = { \"files/not-read\" = \"off\" }\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := fstest.MapFS{
				"pmkb.toml": {Data: []byte(tt.config)},
				"content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md": {Data: []byte(contractPM("[checkout-api]", ""))},
				readme: {Data: []byte("# How we write postmortems\n")},
			}
			list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: []string{readme}})
			if err != nil {
				t.Fatalf("lint %s: %v", readme, err)
			}
			var got []string
			for _, d := range list.Items() {
				if d.Pos.Path != readme {
					t.Errorf("lint %s reports another file: %s", readme, d.Line())
				}
				got = append(got, d.Rule)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") || list.HasErrors() {
				t.Errorf("lint %s: %q, want %q\n%s", readme, got, tt.want, list)
			}
		})
	}
}
