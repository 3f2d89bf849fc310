package generator_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"github.com/pmkb/pmkb/generator"
)

// utf16LE is s as UTF-16 little-endian with a byte-order mark, as
// PowerShell 5's ">" writes a text file.
func utf16LE(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// TestSecretsInUTF16Text checks that a UTF-16 log is scanned for secrets
// by lint (linked or not) and by a build, which then publishes nothing;
// and that lint says so when a text file is larger than what it scans.
// Both went by: a UTF-16 log's token passed lint and was published (QA 15
// regression pass, a-3), and a token after the first 10 MiB of a log got
// "0 errors" without a word (a-1).
func TestSecretsInUTF16Text(t *testing.T) {
	const token = "ghp_" + "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f"
	log := utf16LE("2026-01-01 deploy started\r\nGITHUB_TOKEN=" + token + "\r\n")
	for _, tc := range []struct {
		name string
		body string
	}{
		{"unlinked", "The deploy failed.\n"},
		{"linked", "The deploy failed ([log](deploy.log)).\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := overlay(t, map[string]string{
				"content/postmortems/2026/2026-11-01-deploy.md": "---\ntitle: Deploy failed\ndate: 2026-11-01\nseverity: SEV3\nsystems: [checkout-api]\ncauses: [bad-deploy]\n---\n" + tc.body,
			})
			src["content/postmortems/2026/deploy.log"] = &fstest.MapFile{Data: log}
			list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(list.String(), "content/postmortems/2026/deploy.log:2: ") || !list.HasErrors() {
				t.Errorf("lint found no secret at deploy.log:2:\n%s", list)
			}
			if tc.name == "linked" {
				if _, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday}); err == nil {
					t.Error("the build published a UTF-16 log holding a token")
				}
			}
		})
	}
	t.Run("larger than scanned", func(t *testing.T) {
		src := overlay(t, nil)
		src["content/postmortems/2026/huge.log"] = &fstest.MapFile{Data: bytes.Repeat([]byte("ok\n"), 4<<20)}
		list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(list.String(), "huge.log:1: warning: only the first 10 MiB of this file were scanned for secrets") {
			t.Errorf("lint did not say the file was scanned in part:\n%s", list)
		}
	})
}
