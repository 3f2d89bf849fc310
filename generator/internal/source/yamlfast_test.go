package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/txtar"

	"github.com/pmkb/pmkb/generator/corpus"
)

// sameTree reports the first difference between the trees a and b, or "".
func sameTree(a, b *node, path string) string {
	if a.kind != b.kind || a.line != b.line || a.text != b.text ||
		fmt.Sprintf("%T %#v", a.plain(), a.plain()) != fmt.Sprintf("%T %#v", b.plain(), b.plain()) ||
		len(a.items) != len(b.items) || len(a.keys) != len(b.keys) {
		return fmt.Sprintf("%s: simple {%v at %d, %q, %T %#v, %d items, %d keys}, library {%v at %d, %q, %T %#v, %d items, %d keys}", path,
			a.kind, a.line, a.text, a.plain(), a.plain(), len(a.items), len(a.keys), b.kind, b.line, b.text, b.plain(), b.plain(), len(b.items), len(b.keys))
	}
	for i := range a.items {
		if d := sameTree(a.items[i], b.items[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	for i := range a.keys {
		ka, kb := a.keys[i], b.keys[i]
		if ka.name != kb.name || ka.line != kb.line {
			return fmt.Sprintf("%s: key %d: simple %q at %d, library %q at %d", path, i, ka.name, ka.line, kb.name, kb.line)
		}
		if d := sameTree(ka.val, kb.val, path+"/"+ka.name); d != "" {
			return d
		}
	}
	return ""
}

// checkSimpleYAML compares simpleYAML with the library (and yamlConv) on
// data and reports whether simpleYAML took it.
func checkSimpleYAML(t *testing.T, data []byte) bool {
	t.Helper()
	got := simpleYAML(data)
	if got == nil {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Errorf("%q: simpleYAML reads it, the library says %v", data, err)
		return true
	}
	if len(doc.Content) != 1 {
		t.Errorf("%q: simpleYAML reads it, the library finds %d documents", data, len(doc.Content))
		return true
	}
	c := &yamlConv{}
	want := c.conv(doc.Content[0], 0)
	for _, e := range c.errs {
		t.Errorf("%q: simpleYAML reads it, the library's tree has an error at %d:%d: %s", data, e.line, e.col, e.msg)
	}
	if d := sameTree(got, want, ""); d != "" {
		t.Errorf("%q:\n%s", data, d)
	}
	return true
}

var simpleYAMLCases = []string{
	"title: T\n",
	"title: T\ndate: 2024-01-02\n",
	"a: 2024-02-30\nb: 2024-1-2\nc: 2024-01-02 10:00\nd: 20240102\ne: 2024-01-02x\nf: 1e-3\ng: 0b11\nh: 0o7\nm: 0x1_F\nn: 1_000.5\no: 2024-01-02T10:00:00Z\np: 9223372036854775808\nq: 1.5e3.2\nr: ..5\ni: \"~\"\nj: a~\nk: 1:2:3\nl: 10/20\n",
	"a: 1\nb: 1.5\nc: true\nd: no\ne: on\nf: null\ng: ~\nh: 0x1F\ni: 1_000\nj: .inf\nl: 1e3\nk: +.5\nq: 0o17\nr: .NaN\ns: False\nt: NULL\nu: 1:20\nv: 0.1.2\nm: 2024-03-14T09:12:00+09:00\nn: <<\no: 1.10\n",
	"title: Checkout: down\n",
	"title: Checkout:down\n",
	"title: a:\n",
	"title: url http://x.example/a?b=c&d\n",
	"title: it's fine\n",
	"title: \"quoted\"\n",
	"title: \"with 'single' inside\"\n",
	"title: 'single'\n",
	"title: 'it''s'\n",
	"title: \"esc\\\"aped\"\n",
	"title: \"\"\n",
	"title: ''\n",
	"title: \"a\" b\n",
	"title: \"\n",
	"title: 日本語のタイトル：障害\n",
	"title:   spaced   \n",
	"title: trailing ]\n",
	"title: [a, b]\n",
	"title: [a,b]\n",
	"title: [ a , b ]\n",
	"title: []\n",
	"title: [ ]\n",
	"title: [a, b,]\n",
	"title: [\"a\", 'b', c]\n",
	"title: [\"a,b\"]\n",
	"title: [a b, c]\n",
	"title: [日本, 語]\n",
	"title: [a:b]\n",
	"title: [a, [b]]\n",
	"title: [a] b\n",
	"title: [1, true, null]\n",
	"timeline:\n  started: 2024-01-02T10:00:00Z\n  detected: 2024-01-02T10:05:00Z\n",
	"timeline:\n    started: x\n    detected: y\nnext: z\n",
	"timeline:\n  started: x\n detected: y\n",
	"timeline:\n  started: x\n    detected: y\n",
	"timeline:\n",
	"timeline:\ntitle: x\n",
	"systems:\n  - a\n  - b\n",
	"systems:\n- a\n- b\n",
	"systems:\n  -   a\n  - b\n",
	"systems:\n  - a\n   - b\n",
	"systems:\n  -\n  - b\n",
	"systems:\n  - - a\n",
	"action_items:\n  - title: Fix\n    owner: o\n    due: 2024-02-01\n  - id: AI-7\n    title: Alert\n",
	"action_items:\n  -   title: Fix\n      owner: o\n",
	"action_items:\n  - title: Fix\n   owner: o\n",
	"action_items:\n  - title: Fix\n      owner: o\n",
	"action_items:\n  - title:\n      nested: x\n",
	"action_items:\n  - title: [a, b]\n    owner: o\n  - plain\n",
	"a:\n  b:\n    c:\n      d: e\n",
	"title: T\ntitle: U\n",
	"title: multi\n  line\n",
	"title: T\n\nsummary: S\n",
	"title: T # comment\n",
	"title: T\t\n",
	"Title: T\n",
	"ti-tle_2: T\n",
	"2title: T\n",
	"title : T\n",
	"title:T\n",
	"- a\n- b\n",
	"a\n",
	"  title: T\n",
	"title: -1\n",
	"title: ?x\n",
	"title: &a x\n",
	"title: *a\n",
	"title: !!str 1\n",
	"title: |\n  x\n",
	"title: {a: b}\n",
	"title: @x\n",
	"title: %x\n",
	"title: `x`\n",
	"title: ...\n",
	"title: ---\n",
	"title: x\u2028y\n",
	"title: x\u0085y\n",
	"title: x\ufeffy\n",
	"title: 😀\n",
	"title: T",
	"",
	strings.Repeat("k", 200) + ": v\n",
	nested(60),
	nested(61),
	nested(62),
	nested(63),
	nested(64),
	nested(70),
	"a:\n  - b: [c]\n",
}

// nested is a document of n mappings nested in each other.
func nested(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "b: c\n")
	return b.String()
}

// TestSimpleYAMLMatchesLibrary compares simpleYAML with go.yaml.in/yaml/v3
// on hand-made documents, the front matter of the load test cases and of
// the sample content: wherever simpleYAML reads a document, it must build
// the library's tree.
func TestSimpleYAMLMatchesLibrary(t *testing.T) {
	for _, c := range simpleYAMLCases {
		checkSimpleYAML(t, []byte(c))
	}
	for _, fm := range testFrontMatters(t) {
		checkSimpleYAML(t, fm)
	}
}

// TestSimpleYAMLTakesTypicalFrontMatter makes sure the fast path is taken
// for ordinary postmortems (all but a few of a generated corpus), or it
// would save nothing.
func TestSimpleYAMLTakesTypicalFrontMatter(t *testing.T) {
	c := corpus.Generate(corpus.Options{N: 400, Seed: 5, Formats: true})
	total, taken := 0, 0
	for _, p := range c.Paths() {
		if !strings.HasPrefix(p, "content/") {
			continue
		}
		s, prob := splitFrontMatter(c.Files[p])
		if prob != nil || s.format != fmYAML {
			continue
		}
		total++
		if checkSimpleYAML(t, s.data) {
			taken++
		} else if total-taken <= 3 {
			t.Logf("not taken: %s\n%s", p, s.data)
		}
	}
	if total < 200 || taken < total*95/100 {
		t.Errorf("simpleYAML took %d of %d YAML front matters; want at least 95%%", taken, total)
	}
}

// testFrontMatters returns the YAML front matter of every load test case
// and sample postmortem.
func testFrontMatters(t testing.TB) [][]byte {
	var out [][]byte
	add := func(data []byte) {
		if s, prob := splitFrontMatter(data); prob == nil && s.format == fmYAML {
			out = append(out, s.data)
		}
	}
	cases, _ := filepath.Glob("testdata/load/*.txtar")
	for _, file := range cases {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			add(f.Data)
		}
	}
	_ = filepath.WalkDir("../../../content/postmortems", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := os.ReadFile(path); err == nil {
				add(data)
			}
		}
		return nil
	})
	if len(out) < 10 {
		t.Fatalf("only %d front matters found", len(out))
	}
	return out
}

func FuzzSimpleYAMLMatchesLibrary(f *testing.F) {
	for _, c := range simpleYAMLCases {
		f.Add([]byte(c))
	}
	for _, fm := range testFrontMatters(f) {
		f.Add(fm)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSimpleYAML(t, data)
	})
}
