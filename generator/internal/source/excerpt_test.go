package source_test

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSyntaxErrorColumn checks that a front matter that does not parse is
// reported at its file line with the column, in characters, and the line
// itself as the excerpt (bad-input case 3: "line:col … with a caret
// excerpt"), for YAML, TOML and JSON.
func TestSyntaxErrorColumn(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line, col  int
		excerpt    string
	}{
		{"yaml unclosed list", "---\ntitle: A\nseverity: [SEV1\ndate: 2024-03-03\n---\nbody\n",
			3, 11, "severity: [SEV1"},
		{"yaml unclosed list after Japanese", "---\ntitle: 決済の障害\nsystems: [決済, [api\ndate: 2024-03-03\n---\n",
			3, 15, "systems: [決済, [api"},
		{"yaml extra bracket after Japanese", "---\nsystems: [決済, a]]\n---\n",
			2, 17, "systems: [決済, a]]"},
		{"yaml unclosed quote", "---\ntitle: \"Checkout down\ndate: 2024-03-03\n---\n",
			2, 8, "title: \"Checkout down"},
		{"yaml bad indent", "---\ntitle: A\n date: 2024-03-03\n---\n",
			3, 2, " date: 2024-03-03"},
		{"yaml tab indent", "---\nsystems:\n\t- web\n---\n",
			3, 1, "\t- web"},
		{"yaml colon in value", "---\ntitle: DNS: down again\n---\n",
			2, 11, "title: DNS: down again"},
		{"yaml full-width colon", "---\ntitle: 障害\nseverity：SEV2\n---\n",
			3, 9, "severity：SEV2"},
		{"yaml no-break space", "---\ntitle: 障害\ndate:\u00a02024-03-03\nseverity: SEV1\n---\n",
			3, 6, "date:\u00a02024-03-03"},
		{"yaml curly quotes", "---\ntitle: “障害: down”\n---\n",
			2, 8, "title: “障害: down”"},
		{"yaml duplicate key", "---\ntitle: A\nseverity: SEV1\n  \ntitle: 障害 B\n---\n",
			5, 1, "title: 障害 B"},
		{"toml bare value", "+++\ntitle = A\n+++\n", 2, 9, "title = A"},
		{"toml after Japanese", "+++\ntitle = \"障害\"\nsummary = 決済\n+++\n", 3, 11, "summary = 決済"},
		// QA 14 A-F14: just after the value that lacks the comma.
		{"json missing comma", "{\n  \"title\": \"A\"\n  \"date\": \"2024-03-03\"\n}\n", 2, 15, `  "title": "A"`},
		{"json missing comma on one line", "{\n  \"title\": \"x\" \"date\": \"2024-01-02\"\n}\n", 2, 15, `  "title": "x" "date": "2024-01-02"`},
		{"json after Japanese", "{\n  \"title\": \"障害\",\n  \"date\" 1\n}\n", 3, 10, `  "date" 1`},
		{"json trailing comma", "{\n  \"title\": \"A\",\n}\n", 2, 15, `  "title": "A",`},
	} {
		cfg := model.DefaultSiteConfig()
		_, diags := source.ParseFile("content/postmortems/x.md", []byte(tc.text), &cfg)
		d, ok := firstError(diags)
		if !ok {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if d.Pos.Line != tc.line || d.Col != tc.col || d.Excerpt != tc.excerpt {
			t.Errorf("%s: error at %d:%d with excerpt %q, want %d:%d %q (%s)", tc.name, d.Pos.Line, d.Col, d.Excerpt, tc.line, tc.col, tc.excerpt, d.Message)
		}
	}
}

// TestLongLineHasNoExcerpt checks that a front-matter line too long to
// quote (a pasted log) keeps its column but is not copied into
// the diagnostic.
func TestLongLineHasNoExcerpt(t *testing.T) {
	text := "+++\nsummary = \"" + strings.Repeat("障", 6000) + "\" x\n+++\n"
	cfg := model.DefaultSiteConfig()
	_, diags := source.ParseFile("content/postmortems/x.md", []byte(text), &cfg)
	d, ok := firstError(diags)
	if !ok || d.Pos.Line != 2 || d.Col != 6014 || d.Excerpt != "" {
		t.Errorf("got line %d col %d, excerpt of %d bytes; want 2:6014 and none (%s)", d.Pos.Line, d.Col, len(d.Excerpt), d.Message)
	}
}

// TestFileProblemColumn checks that a file that is not UTF-8 text is
// reported with the column of the bad byte and no excerpt (the line
// cannot be shown as it is).
func TestFileProblemColumn(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	_, diags := source.ParseFile("content/postmortems/x.md", []byte("---\ntitle: caf\xe9\n---\n"), &cfg)
	d, ok := firstError(diags)
	if !ok || d.Pos.Line != 2 || d.Col != 11 || d.Excerpt != "" {
		t.Errorf("got %+v, want line 2 col 11 and no excerpt", d)
	}
}

// TestConfigSyntaxErrorColumn checks the column and excerpt of a
// pmkb.toml that does not parse.
func TestConfigSyntaxErrorColumn(t *testing.T) {
	var diags diag.List
	source.ParseConfig("pmkb.toml", []byte("title = \"KB\"\nlanguage = en\n"), &diags)
	d, ok := firstError(&diags)
	if !ok || d.Pos.Line != 2 || d.Col != 12 || d.Excerpt != "language = en" {
		t.Errorf("got %+v, want line 2 col 12 with the line", d)
	}
}

func firstError(l *diag.List) (diag.Diagnostic, bool) {
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			return d, true
		}
	}
	return diag.Diagnostic{}, false
}
