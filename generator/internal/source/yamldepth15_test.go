package source

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// yamlDeepHead is the front matter above the deep value in the cases of
// TestYAMLNestingBounded: valid, five lines.
const yamlDeepHead = "title: deep\ndate: 2026-01-02\nseverity: SEV3\nsystems: [api-gateway]\ncauses: [dns]\n"

// TestYAMLNestingBounded checks that a front matter nested far deeper
// than maxDepth is refused at the line where it gets too deep, with little
// memory, whatever the shape of the nesting (QA 15 A-F1: 200 KB of "["
// made goccy/go-yaml, which explained yaml.v3's "exceeded max depth"
// error, allocate until the process died; 1 MB took 21 GB).
func TestYAMLNestingBounded(t *testing.T) {
	deepLines := ""
	for i := range 5 {
		deepLines += fmt.Sprintf("k%d: %s%s\n", i, strings.Repeat("[", 5000), strings.Repeat("]", 5000))
	}
	deepMaps := ""
	for i := range 200 {
		deepMaps += strings.Repeat(" ", i) + "k:\n"
	}
	for _, c := range []struct {
		name, yaml string
		line, col  int
	}{
		// yaml.v3 stops at 10,000 levels: its error went to goccy.
		{"lists, closed", "extra: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n", 6, 72},
		{"mappings, closed", "extra: " + strings.Repeat("{a: ", 20000) + "x" + strings.Repeat("}", 20000) + "\n", 6, 264},
		{"list items on one line", "extra:\n  " + strings.Repeat("- ", 20000) + "x\n", 7, 131},
		// Under yaml.v3's limit but never closed: a syntax error too.
		{"lists, never closed", "extra: " + strings.Repeat("[", 9000) + "\n", 6, 72},
		{"mappings, never closed", "extra: " + strings.Repeat("{a: ", 9000) + "\n", 6, 264},
		// goccy's work grows with the nesting of each value: five deep
		// ones, then a slip.
		{"five deep lists, then a slip", deepLines + "summary: \"open\n", 6, 69},
		// One key a line, each indented one more: yaml.v3 reads it, and
		// the error is where the nesting passes the limit.
		{"indented keys", deepMaps, 71, 66},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, errs := parseYAML([]byte(yamlDeepHead+c.yaml), nil)
			runtime.ReadMemStats(&after)
			want := fmt.Sprintf("%d:%d: front matter is nested more than %d levels deep", c.line, c.col, maxDepth)
			if len(errs) != 1 || fmt.Sprintf("%d:%d: %s", errs[0].line, errs[0].col, errs[0].msg) != want {
				var got []string
				for _, e := range errs {
					got = append(got, fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg))
				}
				t.Errorf("got %q, want %q", got, want)
			}
			// yaml.v3 itself takes a few MB for 20,000 levels; goccy took
			// 650 MB and more.
			if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 32 {
				t.Errorf("parsing took %d MB; want at most 32", mb)
			}
		})
	}
}

// TestYAMLNestingNotRefused checks that what only looks nested, brackets in
// text, and nesting up to the limit, is not refused as too deep.
func TestYAMLNestingNotRefused(t *testing.T) {
	br := strings.Repeat("[", 100)
	for _, c := range []struct{ name, yaml string }{
		{"lists to the limit", "extra: " + strings.Repeat("[", maxDepth-1) + "x" + strings.Repeat("]", maxDepth-1) + "\n"},
		{"mappings to the limit", "extra:\n" + func() string {
			s := ""
			for i := range maxDepth - 1 {
				s += strings.Repeat("  ", i+1) + "k:\n"
			}
			return s + strings.Repeat("  ", maxDepth) + "x\n"
		}()},
		{"list items to the limit", "extra: \n" + strings.Repeat("- ", maxDepth-1) + "x\n"},
		{"plain text", "summary: a " + br + "\n"},
		{"plain text over two lines", "summary: a\n  " + br + "\n"},
		{"plain key", "a" + br + ": x\n"},
		{"double quotes", "summary: \"" + br + "\"\n"},
		{"double quotes over two lines", "summary: \"a\n  " + br + " \\\" " + br + "\"\n"},
		{"single quotes over two lines", "summary: 'it''s\n  " + br + "'\n"},
		{"quotes in a list", "tags: [\"" + br + "\", '" + br + "', a\"b, " + br[:1] + "x]]\n"},
		{"quoted key", "\"" + br + "\": x\n"},
		{"literal block", "summary: |\n  " + br + "\n\n  " + br + "\nstatus: draft\n"},
		{"folded block in a list item", "action_items:\n  - title: >-\n      " + br + "\n    owner: x\n"},
		{"comments", "# " + br + "\ntags: [a, # " + br + "\n  b]\n"},
		{"tag and anchor", "summary: !!str \"" + br + "\"\nimpact: &a '" + br + "'\n"},
		{"flow mapping", "extra: {a: \"" + br + "\", b: '" + br + "'}\n"},
		{"CRLF", "summary: |\r\n  " + br + "\r\nstatus: draft\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := parseYAML([]byte(yamlDeepHead+c.yaml), nil)
			for _, e := range errs {
				t.Errorf("%d:%d: %s", e.line, e.col, e.msg)
			}
		})
	}
}

// TestYAMLSlipLinear checks that explaining a YAML error takes time in
// proportion to the front matter, not its square: a 750 KB front matter
// of 60,000 one-line lists and an error that mendYAML looks for on every
// line took 12 to 30 s, each line asked of every list (QA 15 A-F1:
// bounded work per file); now it takes a few hundred milliseconds.
func TestYAMLSlipLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: x\ntags:\n")
	const n = 60000
	for i := range n {
		b.WriteString("  - [a" + strconv.Itoa(i) + "]\n")
	}
	b.WriteString("  bad: x\n")
	start := time.Now()
	_, errs := parseYAML([]byte(b.String()), nil)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("explaining the error took %v, more than 5 s: quadratic in the lines again?", took.Round(time.Millisecond))
	}
	if len(errs) != 1 || errs[0].line != n+3 {
		t.Errorf("got %v, want one error at line %d", errs, n+3)
	}
}
