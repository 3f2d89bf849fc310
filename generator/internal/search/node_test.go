package search

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// searchJS is search.js relative to this package.
var searchJS = filepath.Join("..", "..", "..", "themes", "default", "static", "assets", "search.js")

// runNode runs a node program with search.js's exports bound to `pmkb` and
// stdin as input, and returns its standard output.
func runNode(t testing.TB, program string, stdin []byte) []byte {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is required for the search.js tests: %v", err)
	}
	abs, err := filepath.Abs(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	script := "const pmkb = require(" + jsString(abs) + ");\n" +
		"const input = require('fs').readFileSync(0, 'utf8');\n" + program
	f := filepath.Join(t.TempDir(), "prog.js")
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
