package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestThemeSyntaxErrorIsAProblemLine: a template of the --theme folder
// that does not parse is reported by pmkb build as every other problem,
// "path:line: error: message [rule]", which editors' and CI's problem
// matchers read, not as "pmkb: build failed: path:line: message"
// without "error:" (QA 16 B-F7); nothing is published.
func TestThemeSyntaxErrorIsAProblemLine(t *testing.T) {
	root := site(t, map[string]string{
		"content/postmortems/2024/2024-01-18-disk.md": okPM,
		"th/layouts/base.html":                        `{{define "site-footer"}}<footer class="site-footer"><p>{{.Nope}</p></footer>{{end}}`,
	})
	t.Chdir(root)
	code, _, errOut := pmkb(t, "build", "--theme", "th")
	line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(filepath.Join("th", "layouts", "base.html")) + `:1: error: .*U\+007D.* \[theme\]$`)
	// The summary counts the warnings printed above it, as every other
	// failure's does (review 16); okPM has none.
	summary := regexp.MustCompile(`(?m)^pmkb: build failed: 1 error \(in the theme\), 0 warnings; `)
	if code != exitContent || !line.MatchString(errOut) || !summary.MatchString(errOut) || strings.Contains(errOut, "build failed: th") {
		t.Errorf("exit %d, want %d, and stderr with a line matching %s:\n%s", code, exitContent, line, errOut)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("published with a broken theme")
	}
}
