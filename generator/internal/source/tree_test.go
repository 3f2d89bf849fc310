package source

import (
	"bytes"
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

// FuzzParseTOML checks that parsing and explaining any TOML text (the
// slips of tomlSlip, the lines of tomlKeys) neither panics nor hangs, and
// that an error or a key's line is inside the text.
func FuzzParseTOML(f *testing.F) {
	for _, s := range []string{
		"title = A: b\n", "a = [\"x\"\nb = 1\n", "a = [\n \"x\", # ]\n [1, {b = \"]\"}],\n]\n", "a = 1\na = 2\n",
		"[t]\n[t]\n", "severity: SEV3\nstatus: x\n", "timeline.started = 1\n", "a . \"b\" . c = 2\n[t]\nx.'y' = [\n1,\n]\n", "date = 2024/01/02\n", "s = \"\"\"\nx = [\n\\\"\"\"\"\"\"\nx = 1\n",
		"a = '''\n'''\nb = [\n'''x\n'''\n]\n", "[[a]]\nt = 1\n[[a]]\nt = 1\nt = 2\n", "a = [b, 'c', \"d\"]\n", "a = [\n  b, # c\n]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		n, errs := parseTOML(data, nil)
		for _, e := range errs {
			if e.line < 0 || e.line > lines+1 || e.msg == "" {
				t.Fatalf("error at line %d of %d: %q", e.line, lines, e.msg)
			}
		}
		if n != nil {
			for path, l := range tomlKeyLines(data) {
				if l < 1 || l > lines {
					t.Fatalf("%s at line %d of %d", path, l, lines)
				}
			}
		}
	})
}
