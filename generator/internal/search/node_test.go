package search

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/minify"
)

// searchJS is search.js relative to this package.
var searchJS = filepath.Join("..", "..", "..", "themes", "default", "static", "assets", "search.js")

// shippedSearchJS returns search.js as the build publishes it: minified.
func shippedSearchJS(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	min, err := minify.File("search.js", src)
	if err != nil {
		t.Fatal(err)
	}
	return min
}

// runNode runs a node program with the exports of search.js, as the build
// publishes it (shippedSearchJS), bound to `pmkb` and stdin as input, and
// returns its standard output.
func runNode(t testing.TB, program string, stdin []byte) []byte {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		// As the Nu checker, axe-core and ical.js: a laptop without
		// them may skip them; CI, which installs node, never does
		// (QA 16 A-F6).
		if os.Getenv("PMKB_SKIP_EXTERNAL_TOOLS") == "1" {
			t.Skipf("PMKB_SKIP_EXTERNAL_TOOLS=1 and no node: search.js test skipped (%v)", err)
		}
		t.Fatalf("node is required for the search.js tests (or set PMKB_SKIP_EXTERNAL_TOOLS=1 to skip them): %v", err)
	}
	dir := t.TempDir()
	lib := filepath.Join(dir, "search.js")
	if err := os.WriteFile(lib, shippedSearchJS(t), 0o644); err != nil {
		t.Fatal(err)
	}
	script := "const pmkb = require(" + jsString(lib) + ");\n" +
		"const input = require('fs').readFileSync(0, 'utf8');\n" + program
	f := filepath.Join(dir, "prog.js")
	if err := os.WriteFile(f, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, f)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	return out
}

func jsString(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
