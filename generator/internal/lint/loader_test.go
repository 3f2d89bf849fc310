package lint

import (
	"slices"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
)

// loaderIDs returns the ids of the rules the loader reports.
func loaderIDs() map[string]Rule {
	m := map[string]Rule{}
	for _, r := range loaderRules() {
		m[r.ID] = r
	}
	return m
}

// TestRegrade checks that the loader's findings (markdown/links,
// files/not-read) are lint rules: listed, graded by rule or area, turned
// off, silenced by a comment on their line or the line before, and that
// other diagnostics are left alone.
func TestRegrade(t *testing.T) {
	for _, id := range []string{"markdown/links", "files/not-read", "frontmatter/unquoted-text"} {
		if _, ok := ruleByID(id); !ok {
			t.Errorf("%s is not listed by Rules", id)
		}
		if p := (Config{Rules: map[string]string{id: "error"}}).Problems(); len(p) != 0 {
			t.Errorf("%s cannot be graded: %q", id, p)
		}
	}
	raw := []byte("---\ntitle: X\n---\n\n<!-- pmkb-lint-ignore markdown/links -->\n[a](b.md)\n\n[c](/d.md)\n")
	loaded := func() *diag.List {
		l := &diag.List{}
		l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "a.md", Line: 6}, Severity: diag.Warning, Rule: "markdown/links", Message: "silenced"})
		l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "a.md", Line: 8}, Severity: diag.Warning, Rule: "markdown/links", Message: "root"})
		l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "x.markdown", Line: 1}, Severity: diag.Warning, Rule: "files/not-read", Message: "not read"})
		l.Add(diag.Diagnostic{Pos: diag.Pos{Path: "a.md", Line: 6}, Severity: diag.Error, Message: "contract"})
		return l
	}
	var ignored IgnoreComments
	ignored.Add("a.md", raw)
	ignored.Add("x.markdown", []byte("no comments"))
	cases := []struct {
		name  string
		rules map[string]string
		want  []string // message:severity
	}{
		{"defaults", nil, []string{"root:warning", "not read:warning", "contract:error"}},
		{"rule to error", map[string]string{"markdown/links": "error"}, []string{"root:error", "not read:warning", "contract:error"}},
		{"area off", map[string]string{"files": "off"}, []string{"root:warning", "contract:error"}},
		{"id beats area", map[string]string{"markdown": "off", "markdown/links": "error"}, []string{"root:error", "not read:warning", "contract:error"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, d := range (Config{Rules: c.rules}).Regrade(loaded(), &ignored).Items() {
				got = append(got, d.Message+":"+d.Severity.String())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	if ignored.of("x.markdown") != nil || ignores([]byte("no comments")) != nil {
		t.Error("a file without comments has silencing comments")
	}
	// Without comments, only the grades apply.
	var got []string
	for _, d := range (Config{}).Regrade(loaded(), nil).Items() {
		got = append(got, d.Message)
	}
	if want := []string{"silenced", "root", "not read", "contract"}; !slices.Equal(got, want) {
		t.Errorf("Regrade without comments kept %q, want %q", got, want)
	}
	// A comment naming a loader rule silences something: no unknown-ignore.
	l := Run([]*File{{Path: "a.md", Raw: []byte("---\ntitle: X\n---\n<!-- pmkb-lint-ignore markdown/links files/not-read -->\n")}}, nil, Config{}, today)
	for _, d := range l.Items() {
		if d.Rule == "lint/unknown-ignore" {
			t.Errorf("%s", d)
		}
	}
}
