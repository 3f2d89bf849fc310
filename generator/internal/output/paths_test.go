package output

import (
	"path"
	"strings"
	"testing"
)

// FuzzCheckPath checks that every path checkPath accepts stays inside the
// site root and is already in clean form.
func FuzzCheckPath(f *testing.F) {
	for _, seed := range []string{
		"index.html", "postmortems/2024-01-01-dns/index.html", ".well-known/security.txt",
		"../x", "a/../b", "/etc/passwd", "a//b", "a/", "./a", `a\b`, "caf\xe9", "a\x00b", ManifestName,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if checkPath(p) != "" {
			return
		}
		if path.Clean(p) != p {
			t.Errorf("accepted %q, which is not clean (%q)", p, path.Clean(p))
		}
		if path.IsAbs(p) || p == "." || p == ".." || strings.HasPrefix(p, "../") {
			t.Errorf("accepted %q, which escapes the site root", p)
		}
	})
}

func TestIsDotPath(t *testing.T) {
	tests := map[string]bool{
		".git/config":            true,
		"a/.well-known/x":        true,
		".nojekyll":              true,
		"index.html":             false,
		"a/b.c/d":                false,
		"postmortems/x/index.md": false,
	}
	for p, want := range tests {
		if got := isDotPath(p); got != want {
			t.Errorf("isDotPath(%q) = %v, want %v", p, got, want)
		}
	}
}
