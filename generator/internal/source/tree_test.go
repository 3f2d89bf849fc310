package source

import (
	"regexp"
	"testing"
)

// tomlKey is the pattern tomlKeyOf stands for.
var tomlKey = regexp.MustCompile(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=`)

var tomlKeyCases = []string{
	"", " ", "title = \"x\"", "  title=1", "title", "title x = 1", "\t\"quoted key\" = 2", "'single' = 3",
	"\"unclosed = 4", "'a\"b' = 5", "\"a'b\"=6", "a-b_C9 =", "[table]", "[[items]]", "# comment = 1",
	"=1", " = 1", "key\t\f= v", "ключ = 1", "a.b = 1", "\"\" = 1", "'' =", "x==", "\"a\" \"b\" = 1",
}

// TestTOMLKeyOf compares tomlKeyOf with the tomlKey pattern it stands for.
func TestTOMLKeyOf(t *testing.T) {
	for _, l := range tomlKeyCases {
		checkTOMLKeyOf(t, l)
	}
}

func checkTOMLKeyOf(t *testing.T, l string) {
	t.Helper()
	got, ok := tomlKeyOf(l)
	m := tomlKey.FindStringSubmatch(l)
	if ok != (m != nil) || ok && got != m[1] {
		t.Errorf("tomlKeyOf(%q) = %q, %v; the pattern finds %q", l, got, ok, m)
	}
}

func FuzzTOMLKeyOf(f *testing.F) {
	for _, l := range tomlKeyCases {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		checkTOMLKeyOf(t, l)
	})
}
