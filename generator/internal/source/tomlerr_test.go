package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// tomlBase is a valid postmortem with TOML front matter; each case of
// TestTOMLSyntaxHints replaces some of its lines.
var tomlBase = []string{
	"+++",                                   // 1
	"title = \"Checkout API returned 503\"", // 2
	"date = 2024-11-08",                     // 3
	"severity = \"SEV3\"",                   // 4
	"status = \"draft\"",                    // 5
	"systems = [\"checkout-api\"]",          // 6
	"causes = [\"dns\"]",                    // 7
	"[[action_items]]",                      // 8
	"title = \"Renew the certificate\"",     // 9
	"owner = \"ben\"",                       // 10
	"+++",                                   // 11
	"",
	"## Summary",
}

// TestTOMLSyntaxHints checks that the TOML slips of a person used to YAML,
// or who forgets TOML's quotes, are reported at the line to fix with the
// line to write (QA 14 A-F6), and that an item of a list written over
// several lines is reported at its own line.
func TestTOMLSyntaxHints(t *testing.T) {
	const file = "content/postmortems/x.md"
	cases := []struct {
		name  string
		lines map[int]string // file line → its new text
		want  string
	}{
		{"text not quoted", map[int]string{2: "title = Incident Report: API down"},
			`:2: invalid TOML: text is quoted in TOML; write title = "Incident Report: API down"`},
		{"text after a number", map[int]string{2: "title = 404 not found"},
			`:2: invalid TOML: text is quoted in TOML; write title = "404 not found"`},
		{"a word", map[int]string{5: "status = draft"},
			`:5: invalid TOML: text is quoted in TOML; write status = "draft"`},
		// Text that starts with a letter that is not ASCII is text all
		// the same (review 14: a Japanese title got only the name of its
		// first character, "unexpected character '決' (U+6C7A)").
		{"Japanese text not quoted", map[int]string{2: "title = 決済 API が 503 を返した"},
			`:2: invalid TOML: text is quoted in TOML; write title = "決済 API が 503 を返した"`},
		{"accented text not quoted", map[int]string{2: "title = Échec du paiement"},
			`:2: invalid TOML: text is quoted in TOML; write title = "Échec du paiement"`},
		{"a Japanese item not quoted", map[int]string{6: "systems = [決済, \"edge\"]"},
			`:6: invalid TOML: text is quoted in TOML, in a list too; write systems = ["決済", "edge"]`},
		// A full-width colon after a key is TOML's "=" to write, not
		// YAML's ":" (review 14: it said "write ':'").
		{"full-width colon after a key", map[int]string{5: "status：\"draft\""},
			`:5: invalid TOML: expected '=' after key, not '：' (U+FF1A, a full-width colon); TOML sets a key with '=': write status = "draft"`},
		{"full-width colon after a key, text not quoted", map[int]string{5: "status：draft"},
			`:5: invalid TOML: expected '=' after key, not '：' (U+FF1A, a full-width colon); TOML sets a key with '=': write status = "draft"`},
		// A curly quote is no text to quote: it is named, with the fix.
		{"curly quotes", map[int]string{2: "title = “決済”"},
			`:2: invalid TOML: unexpected character '“' (U+201C, a curly quote) at start of value; write '"'`},
		{"a list of text not quoted", map[int]string{6: "systems = [checkout-api, \"edge\"]"},
			`:6: invalid TOML: text is quoted in TOML, in a list too; write systems = ["checkout-api", "edge"]`},
		{"an item not quoted in a list over lines", map[int]string{6: "systems = [\n  \"edge\",\n  checkout-api, # the API\n]"},
			`:8: invalid TOML: text is quoted in TOML, in a list too; write "checkout-api"`},
		{"date with slashes", map[int]string{3: "date = 2024/11/08"},
			`:3: invalid TOML: a date is written YYYY-MM-DD in TOML; write date = 2024-11-08`},
		{"unclosed list", map[int]string{6: "systems = [\"checkout-api\""},
			`:6: invalid TOML: the list opened at line 6 is not closed; end it with ]`},
		{"unclosed list after a comma", map[int]string{6: "systems = [\"checkout-api\","},
			`:6: invalid TOML: the list opened at line 6 is not closed; end it with ]`},
		{"unclosed list over lines", map[int]string{6: "systems = [\n  \"checkout-api\",\n  \"edge\""},
			`:6: invalid TOML: the list opened at line 6 is not closed; end it with ]`},
		{"unclosed list at the end", map[int]string{10: "tags = [\"a\",\n  \"b\""},
			`:10: invalid TOML: the list opened at line 10 is not closed; end it with ]`},
		{"duplicate key", map[int]string{5: "status = \"draft\"\ntitle = \"again\""},
			`:6: invalid TOML: duplicate key "title" (first set at line 2)`},
		{"duplicate key in an action item", map[int]string{10: "owner = \"ben\"\ntitle = \"again\""},
			`:11: invalid TOML: duplicate key "title" (first set at line 9)`},
		{"duplicate table", map[int]string{8: "[timeline]\nstarted = 2024-11-08T09:00:00Z\n[timeline]\ndetected = 2024-11-08T09:10:00Z\n[[action_items]]"},
			`:10: invalid TOML: duplicate table [timeline] (first at line 8); put its keys under one [timeline]`},
		{"a duplicate after a list over lines", map[int]string{6: "systems = [\n  \"checkout-api\",\n]\nsystems = [\"edge\"]"},
			`:9: invalid TOML: duplicate key "systems" (first set at line 6)`},
		{"key: value", map[int]string{4: "severity: \"SEV3\""},
			`:4: invalid TOML: TOML sets a key with "=", not a colon (key: value is YAML); write severity = "SEV3"`},
		{"key: text", map[int]string{5: "status: draft"},
			`:5: invalid TOML: TOML sets a key with "=", not a colon (key: value is YAML); write status = "draft"`},
		{"YAML between +++ lines", map[int]string{4: "severity: SEV3", 5: "status: draft"},
			`:4: invalid TOML: TOML sets a key with "=", not a colon (key: value is YAML); write severity = "SEV3"; if the front matter is YAML, open and close it with --- lines instead of +++`},
		{"a YAML key with its value below", map[int]string{7: "causes:\n  - dns"},
			`:7: invalid TOML: TOML sets a key with "=", not a colon (key: value is YAML); if the front matter is YAML, open and close it with --- lines instead of +++`},
		{"an item of a list over lines", map[int]string{7: "causes = [\n  \"dns\",\n  \"cosmic\", # a comment, ]\n  [\"x\"],\n]"},
			`:9: causes: "cosmic" is not in the site's causes list in pmkb.toml; add it there or use a listed one` + "\n" +
				file + `:10: causes[2] must be text, not a list`},
		{"a string over lines holds no keys", map[int]string{2: "title = \"\"\"Checkout\ndate = 2024\n\"\"\"", 3: "date = \"2024/11/08\""},
			`:5: date: "2024/11/08" is not a date (want YYYY-MM-DD or an RFC 3339 time); write 2024-11-08`},
		{"other errors keep the parser's words", map[int]string{4: "severity = \"SEV3\" x"},
			`:4: invalid TOML: expected newline but got U+0078 'x'`},
	}
	cfg := model.DefaultSiteConfig()
	cfg.Causes = []model.Term{{Slug: "dns"}, {Slug: "expired-certificate"}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := append([]string(nil), tomlBase...)
			for n, l := range c.lines {
				lines[n-1] = l
			}
			pms, diags := source.Load(fstest.MapFS{file: {Data: []byte(strings.Join(lines, "\n"))}}, &cfg)
			diags.Merge(validate.Postmortems(&cfg, pms, nil))
			diags.Sort()
			if got, want := strings.TrimSpace(diags.String()), file+c.want; got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
	pms, diags := source.Load(fstest.MapFS{file: {Data: []byte(strings.Join(tomlBase, "\n"))}}, &cfg)
	diags.Merge(validate.Postmortems(&cfg, pms, nil))
	if diags.Len() != 0 {
		t.Errorf("the base is not valid:\n%s", diags)
	}
}
