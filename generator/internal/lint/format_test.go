package lint

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// formatList has the characters the GitHub format must escape: % , : CR LF
// in paths, rules and messages.
func formatList() *diag.List {
	l := &diag.List{}
	l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/postmortems/2024/a,b:c.md", Line: 12}, Severity: diag.Error,
		Rule: "secret/github-token", Message: `possible GitHub token "ghp_"…(40 chars) (fingerprint 0123456789ab)`,
		Hint: "remove it and rotate it now"})
	l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/postmortems/2024/b.md", Line: 3}, Severity: diag.Warning,
		Rule: "blameless/human-error", Message: "100% \"human error\"\r\nsecond line: a, b",
		Hint: "ask what made the mistake possible"})
	l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/postmortems/2024/c.md"}, Severity: diag.Error,
		Message: "file is 3.0 MiB, limit is 2.0 MiB"})
	l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "content/postmortems/2025/影響.md", Line: 7}, Severity: diag.Warning,
		Rule: "blameless/blame", Message: `"不注意" reads as blame`, Hint: "仕組みを問い、人を責めない"})
	l.Sort()
	return l
}

func TestFormatsGolden(t *testing.T) {
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"text.golden", func(b *bytes.Buffer) error { return WriteText(b, formatList()) }},
		{"json.golden", func(b *bytes.Buffer) error { return WriteJSON(b, formatList()) }},
		{"github.golden", func(b *bytes.Buffer) error { return WriteGitHub(b, formatList()) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.write(&b); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", c.name)
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("output differs from %s (run go test -update):\n%s", golden, b.String())
			}
		})
	}
}

func TestGitHubEscaping(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, formatList()); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(b.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != 4 {
		t.Fatalf("want one line per diagnostic, got %d:\n%s", len(lines), b.String())
	}
	for _, want := range []string{
		"::error file=content/postmortems/2024/a%2Cb%3Ac.md,line=12,title=secret/github-token::",
		"::warning file=content/postmortems/2024/b.md,line=3,title=blameless/human-error::100%25 \"human error\"%0D%0Asecond line: a, b%0Ahint: ",
		"::error file=content/postmortems/2024/c.md::file is 3.0 MiB",
	} {
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, &diag.List{}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Errors      int
		Diagnostics []any
	}
	if err := json.Unmarshal(b.Bytes(), &out); err != nil || out.Diagnostics == nil {
		t.Errorf("empty list must give an empty array: %s (%v)", b.String(), err)
	}
}
