package generator_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestServeThemeSyntaxErrorIsAProblem: the dev server's build reports a
// template of the theme folder that does not parse as a problem, printed
// "path:line: error: message [theme]" in the terminal and the overlay as
// every other problem is, not as a bare "path:line: message" error
// (QA 16 B-F7).
func TestServeThemeSyntaxErrorIsAProblem(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(dir+"/content/postmortems", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/content/postmortems/a.md", []byte(sessionPM), 0o644); err != nil {
		t.Fatal(err)
	}
	theme := fstest.MapFS{"layouts/base.html": {Data: []byte(`{{define "site-footer"}}<footer class="site-footer"><p>{{.Nope}</p></footer>{{end}}`)}}
	s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Theme: theme, Today: sampleToday}, dir)
	_, diags, _, err := s.Build(context.Background(), nil)
	if err == nil {
		t.Fatal("no error")
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Line())
	}
	if len(got) != 1 || !strings.Contains(got[0], "layouts/base.html:1: error: ") || !strings.HasSuffix(got[0], "U+007D '}' [theme]") {
		t.Errorf("problems %q, want the theme's syntax error as a problem line (error %v)", got, err)
	}
}
