package source_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// yamlBase is a valid postmortem whose front matter starts on line 2 of the
// file, as pmkb new writes it: a comment, then one key a line. The cases
// below replace one or two of its lines with a copy-paste slip.
var yamlBase = []string{
	"---",                                  // 1
	"# the template",                       // 2
	"title: \"Checkout API returned 503\"", // 3
	"summary: \"TODO: what broke, for whom\"", // 4
	"date: 2024-11-08",                        // 5
	"severity: \"SEV3\"",                      // 6
	"status: draft",                           // 7
	"systems: [checkout-api]",                 // 8
	"causes:",                                 // 9
	"  - expired-certificate",                 // 10
	"action_items:",                           // 11
	"  - title: \"Renew the certificate\"",    // 12
	"    owner: \"ben\"",                      // 13
	"    status: open",                        // 14
	"---",                                     // 15
	"",
	"## Summary",
}

// TestYAMLSyntaxHints checks that each common YAML slip is reported at the
// line a person has to fix, in words that say how to fix it.
func TestYAMLSyntaxHints(t *testing.T) {
	const file = "content/postmortems/x.md"
	cases := []struct {
		name  string
		lines map[int]string // file line → its new text
		want  string
	}{
		{"unclosed list", map[int]string{6: "severity: [SEV3"},
			file + ":6: invalid YAML: the list opened at line 6 is not closed; end it with ]"},
		{"unclosed list before a comment", map[int]string{8: "systems: [checkout-api, edge", 9: "# causes", 10: "causes: [x]"},
			file + ":8: invalid YAML: the list opened at line 8 is not closed; end it with ]"},
		// QA 12 F1: a " #" in an item hides the list's ].
		{"comment inside a list", map[int]string{8: "systems: [checkout-api, PR #123]"},
			file + ":8: invalid YAML: the list opened at line 8 is not closed: its \" #\" starts a YAML comment, which hides the rest of the line, ] included; quote the item: \"PR #123\""},
		{"comment inside a list never closed", map[int]string{8: "systems: [checkout-api, edge #1"},
			file + ":8: invalid YAML: the list opened at line 8 is not closed; end it with ]"},
		{"unclosed mapping", map[int]string{8: "systems: {a: 1"},
			file + ":8: invalid YAML: the mapping opened at line 8 is not closed; end it with }"},
		{"unclosed quote reads on to the next one", map[int]string{3: "title: \"Checkout API returned 503"},
			file + ":3: invalid YAML: unterminated quoted string: the \" that opens this value is not closed on its line, so YAML reads on to the \" at line 4; add the closing \""},
		{"unclosed quote to the end", map[int]string{13: "    owner: 'ben"},
			file + ":13: invalid YAML: unterminated quoted string: the ' that opens this value is never closed; add the closing '"},
		{"colon in a value", map[int]string{3: "title: Incident Report: API Gateway 502s"},
			file + ":3: invalid YAML: a \": \" inside a value starts a new key; quote the value: title: \"Incident Report: API Gateway 502s\""},
		// The quoted value keeps a " #…": QA 12 F1, text is not a comment.
		{"colon in a value with a ticket number", map[int]string{3: "title: Incident Report: API Gateway 502s #4512"},
			file + ":3: invalid YAML: a \": \" inside a value starts a new key; quote the value: title: \"Incident Report: API Gateway 502s #4512\""},
		{"colon in a list item value", map[int]string{12: "  - title: Fix: renew the certificate"},
			file + ":12: invalid YAML: a \": \" inside a value starts a new key; quote the value: title: \"Fix: renew the certificate\""},
		{"colon in a value with double quotes", map[int]string{3: "title: The \"cache\": stampede"},
			file + ":3: invalid YAML: a \": \" inside a value starts a new key; quote the value: title: \"The \\\"cache\\\": stampede\""},
		{"curly quotes", map[int]string{3: "title: “Cache: stampede” on login"},
			file + ":3: invalid YAML: curly quotes do not quote in YAML; use straight quotes around the whole value: title: \"“Cache: stampede” on login\""},
		{"no-break space after the colon", map[int]string{5: "date:\u00a02024-11-08"},
			file + ":5: invalid YAML: a no-break space (U+00A0) after the colon; replace it with a normal space"},
		{"full-width space in the indentation", map[int]string{13: "\u3000\u3000owner: ben"},
			file + ":13: invalid YAML: a full-width space (U+3000) in the indentation; replace it with a normal space"},
		{"tab-indented list", map[int]string{10: "\t- expired-certificate"},
			file + ":10: invalid YAML: this line is indented with a tab; indent with spaces, not tabs"},
		{"tab-indented key", map[int]string{13: "\towner: ben"},
			file + ":13: invalid YAML: this line is indented with a tab; indent with spaces, not tabs"},
		{"key one space short", map[int]string{13: "   owner: \"ben\""},
			file + ":13: invalid YAML: this line is indented 3 spaces and the key above it 4; keys of one mapping must line up"},
		{"key one space deeper under a plain value", map[int]string{6: " severity: \"SEV3\""},
			file + ":6: invalid YAML: this line is indented 1 space, deeper than \"date\" above it, which already has a value; if this is a key, line it up with \"date\"; if it is more of \"date\"'s text, quote the whole value"},
		{"key three spaces deeper, two lines under a plain value", map[int]string{7: "   status: draft"},
			file + ":7: invalid YAML: this line is indented 3 spaces, deeper than \"severity\" above it, which already has a value; if this is a key, line it up with \"severity\"; if it is more of \"severity\"'s text, quote the whole value"},
		{"text with a colon on a second line of a value", map[int]string{5: "date: 2024-11-08", 6: "  and then: more"},
			file + ":6: invalid YAML: this line is indented 2 spaces, deeper than \"date\" above it, which already has a value; if this is a key, line it up with \"date\"; if it is more of \"date\"'s text, quote the whole value"},
		{"key one space deeper in a list item", map[int]string{13: "    owner: ben", 14: "     status: open"},
			file + ":14: invalid YAML: this line is indented 5 spaces, deeper than \"owner\" above it, which already has a value; if this is a key, line it up with \"owner\"; if it is more of \"owner\"'s text, quote the whole value"},
		// Code review: a valid "step1：…" list item just above another
		// slip is not blamed for it.
		{"full-width colon in a list item above an unclosed quote", map[int]string{10: "  - step1：ロールバック", 11: "action_items: 'open"},
			file + ":11: invalid YAML: unterminated quoted string: the ' that opens this value is never closed; add the closing '"},
		{"full-width colon after a key", map[int]string{6: "severity：SEV3"},
			file + ":6: invalid YAML: a full-width colon '：' (U+FF1A) after the key severity, which YAML does not read as a colon; write \"severity: SEV3\""},
		// QA 14 A-F4: a key without a space after its colon, set with
		// = as TOML does, and a list item among the keys.
		{"no space after the colon", map[int]string{6: "severity:SEV3"},
			file + ":6: invalid YAML: no space after the colon of the key severity, so YAML reads the line as text, not as a key; write \"severity: SEV3\""},
		{"no space after the colon of the first key", map[int]string{3: "title:Checkout API returned 503"},
			file + ":3: invalid YAML: no space after the colon of the key title, so YAML reads the line as text, not as a key; write \"title: Checkout API returned 503\""},
		{"no space after the colon of the first key of an action item", map[int]string{12: "  - title:Renew the certificate"},
			file + ":12: invalid YAML: no space after the colon of the key title, so YAML reads the line as text, not as a key; write \"title: Renew the certificate\""},
		{"no space after the colon, twice in action items", map[int]string{13: "    owner:ben", 14: "    status:open"},
			file + ":13: invalid YAML: no space after the colon of the key owner, so YAML reads the line as text, not as a key; write \"owner: ben\"\n" +
				file + ":14: invalid YAML: no space after the colon of the key status, so YAML reads the line as text, not as a key; write \"status: open\""},
		{"no space after the colon before a URL", map[int]string{14: "    link:https://x.example/a"},
			file + ":14: invalid YAML: no space after the colon of the key link, so YAML reads the line as text, not as a key; write \"link: https://x.example/a\""},
		{"no space after the colon before a value to quote", map[int]string{3: "title:[SEV1] down"},
			file + ":3: invalid YAML: no space after the colon of the key title, so YAML reads the line as text, not as a key; write title: \"[SEV1] down\""},
		{"key = value", map[int]string{5: "date = 2024-11-08"},
			file + ":5: invalid YAML: YAML sets a key with a colon, not \"=\" (key = value is TOML); write \"date: 2024-11-08\""},
		{"TOML between --- lines", map[int]string{5: "date = 2024-11-08", 7: "status = \"draft\""},
			file + ":5: invalid YAML: YAML sets a key with a colon, not \"=\" (key = value is TOML); write \"date: 2024-11-08\"; if the front matter is TOML, open and close it with +++ lines instead of ---"},
		{"a key's list item among the keys", map[int]string{7: "status: draft\n- stray: item"},
			file + ":8: invalid YAML: a list item among the keys, under status, which already has a value; if stray is a key, remove the \"- \": write \"stray: item\""},
		{"an item after a one-line list", map[int]string{8: "systems: [checkout-api]\n- edge"},
			file + ":9: invalid YAML: a list item under systems, which already has a value ([checkout-api]); add the item to that list: write \"systems: [checkout-api, edge]\""},
		{"an item after a list field's one value", map[int]string{9: "causes: dns", 10: "- config-change"},
			file + ":10: invalid YAML: a list item under causes, which already has a value (dns); add the item to that list: write \"causes: [dns, config-change]\""},
		// Only plain items join a list: not one in a list inside it, nor
		// a list left open (review 14: "systems: [checkout-api, [edge], web]").
		{"an item after a list with a list in it", map[int]string{8: "systems: [checkout-api, [edge]]\n- web"},
			file + ":9: invalid YAML: a list item among the keys, under systems, which already has a value, so the item belongs to no list; move it under the key of its list, or remove it"},
		{"an item under a value", map[int]string{7: "status: draft\n- stray"},
			file + ":8: invalid YAML: a list item among the keys, under status, which already has a value, so the item belongs to no list; move it under the key of its list, or remove it"},
		{"a tab, then a colon in the value", map[int]string{3: "title: \t決済停止: API down"},
			file + ":3: invalid YAML: a \": \" inside a value starts a new key; quote the value: title: \"決済停止: API down\""},
		{"other errors keep the parser's words", map[int]string{14: "    status: open: x: y", 13: "    owner: - ben"},
			file + ":13: invalid YAML: block sequence entries are not allowed in this context"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := append([]string(nil), yamlBase...)
			for n, l := range c.lines {
				lines[n-1] = l
			}
			fsys := fstest.MapFS{file: {Data: []byte(strings.Join(lines, "\n"))}}
			cfg := model.DefaultSiteConfig()
			_, diags := source.Load(fsys, &cfg)
			if got := strings.TrimSpace(diags.String()); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
	// The base itself is valid, so each case tests only its own slip.
	cfg := model.DefaultSiteConfig()
	if _, diags := source.Load(fstest.MapFS{file: {Data: []byte(strings.Join(yamlBase, "\n"))}}, &cfg); diags.Len() != 0 {
		t.Errorf("the base is not valid:\n%s", diags)
	}
}

// TestStartIndicatorHints checks that a value of text that starts with a
// character YAML reads as syntax (QA 12 F5: "[SEV1] …", a code span, an
// @mention, a quoted first word) is explained at its line and column, with
// the value quoted as a double-quoted YAML string; that the quoted value,
// written in the line's place, parses and reads as the value written; and
// that two such slips are listed in one run.
func TestStartIndicatorHints(t *testing.T) {
	const file = "content/postmortems/x.md"
	const advice = file + ":3: invalid YAML: a value that starts with "
	cases := []struct {
		value, want string
	}{
		{"[SEV1] Checkout API down", advice + `'[' must be quoted (YAML reads '[' as the start of a list); write title: "[SEV1] Checkout API down"`},
		{"`kubectl apply` broke prod", advice + "'`' must be quoted (YAML reads '`' as a reserved character); write title: \"`kubectl apply` broke prod\""},
		{"@channel all requests failed", advice + `'@' must be quoted (YAML reads '@' as a reserved character); write title: "@channel all requests failed"`},
		{"*all* requests failed", advice + `'*' must be quoted (YAML reads '*' as an alias); write title: "*all* requests failed"`},
		{`"Checkout" returned 500 again`, advice + `a double quote must be quoted whole (YAML ends the value at the closing quote); write title: "\"Checkout\" returned 500 again"`},
		{`'Checkout' returned 500 again`, advice + `a single quote must be quoted whole (YAML ends the value at the closing quote); write title: "'Checkout' returned 500 again"`},
		{"{api} returned 500", advice + `'{' must be quoted (YAML reads '{' as the start of a mapping); write title: "{api} returned 500"`},
		{"> 50% errors", advice + `'>' must be quoted (YAML reads '>' as the start of a folded block of text); write title: "> 50% errors"`},
		{"| pipe broke", advice + `'|' must be quoted (YAML reads '|' as the start of a literal block of text); write title: "| pipe broke"`},
		{"%s in log format", advice + `'%' must be quoted (YAML reads '%' as a directive); write title: "%s in log format"`},
		{"&nbsp; in emails", advice + `'&' must be quoted (YAML reads '&' as an anchor); write title: "&nbsp; in emails"`},
		{`[C:\temp] "full" #4512`, advice + `'[' must be quoted (YAML reads '[' as the start of a list); write title: "[C:\\temp] \"full\" #4512"`},
	}
	cfg := model.DefaultSiteConfig()
	load := func(lines map[int]string) ([]*model.Postmortem, string, []string) {
		text := append([]string(nil), yamlBase...)
		for n, l := range lines {
			text[n-1] = l
		}
		pms, diags := source.Load(fstest.MapFS{file: {Data: []byte(strings.Join(text, "\n"))}}, &cfg)
		var excerpts []string
		for _, d := range diags.Items() {
			excerpts = append(excerpts, fmt.Sprintf("%d:%s", d.Col, d.Excerpt))
		}
		return pms, strings.TrimSpace(diags.String()), excerpts
	}
	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			line := "title: " + c.value
			_, got, excerpts := load(map[int]string{3: line})
			if got != c.want {
				t.Fatalf("got\n%s\nwant\n%s", got, c.want)
			}
			if want := []string{"8:" + line}; !slices.Equal(excerpts, want) {
				t.Errorf("column and excerpt %q, want %q", excerpts, want)
			}
			mend := c.want[strings.LastIndex(c.want, "; write ")+len("; write "):]
			pms, got, _ := load(map[int]string{3: mend})
			if got != "" || len(pms) != 1 || pms[0].Title != c.value {
				t.Errorf("%s: %s, title %v, want %q", mend, got, pms, c.value)
			}
		})
	}
	// In a list item and an action item, two slips in one run; a list
	// that ends the value is no slip to quote.
	_, got, _ := load(map[int]string{10: "  - @edge", 12: "  - title: [P1] renew it"})
	want := file + `:10: invalid YAML: a value that starts with '@' must be quoted (YAML reads '@' as a reserved character); write - "@edge"` + "\n" +
		file + `:12: invalid YAML: a value that starts with '[' must be quoted (YAML reads '[' as the start of a list); write - title: "[P1] renew it"`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// The list whose ] a comment hides is mended too, for the next slip.
	_, got, _ = load(map[int]string{8: "systems: [checkout-api, PR #123]", 13: "    owner: @ben"})
	want = file + `:8: invalid YAML: the list opened at line 8 is not closed: its " #" starts a YAML comment, which hides the rest of the line, ] included; quote the item: "PR #123"` + "\n" +
		file + `:13: invalid YAML: a value that starts with '@' must be quoted (YAML reads '@' as a reserved character); write owner: "@ben"`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, l := range []string{"systems: [checkout-api] edge", "systems: [checkout-api]]"} {
		if _, got, _ := load(map[int]string{8: l}); got == "" || strings.Contains(got, "must be quoted") {
			t.Errorf("%q: %q, want the parser's words", l, got)
		}
	}
	// Lines of a block of text are text, also when another error is
	// no slip explained.
	if _, got, _ := load(map[int]string{4: "summary: |\n  - @z\n  - title: `x` y", 13: "    owner: - ben"}); got != file+":15: invalid YAML: block sequence entries are not allowed in this context" {
		t.Errorf("block of text before another error: %s", got)
	}
	// (A summary's line breaks read as a paragraph's: spaces; QA 19 A-F8.)
	if pms, got, _ := load(map[int]string{4: "summary: |\n  - [x] y\n  - @z\n  - {a} b"}); got != "" || len(pms) != 1 || pms[0].Summary != "- [x] y - @z - {a} b" {
		t.Errorf("block of text: %s %v", got, pms)
	}
}

// TestKeySlipColumns checks that the caret of a key slip (QA 14 A-F4)
// is where the line is to change: just after a colon that lacks its
// space, at the =, at a stray item's dash.
func TestKeySlipColumns(t *testing.T) {
	const file = "content/postmortems/x.md"
	for _, c := range []struct {
		line, text string
		col        int
	}{
		{"6", "severity:SEV3", 10},
		{"13", "    owner:ben", 11},
		{"5", "date = 2024-11-08", 6},
		{"13", "    owner: ben\n    - due: 2024-12-01", 5},
	} {
		lines := append([]string(nil), yamlBase...)
		n, _ := strconv.Atoi(c.line)
		lines[n-1] = c.text
		cfg := model.DefaultSiteConfig()
		_, diags := source.Load(fstest.MapFS{file: {Data: []byte(strings.Join(lines, "\n"))}}, &cfg)
		if items := diags.Items(); len(items) != 1 || items[0].Col != c.col {
			t.Errorf("%q: %s, want one error at column %d", c.text, diags, c.col)
		}
	}
}

// TestStrayItemUnderBlankValue: a list item under a key whose value is
// only spaces YAML does not read as spaces and a comment ("causes: 　 #",
// an ideographic space typed with an input method on) is a YAML error
// that names the space, at the key's line, not an internal error:
// keyValue took the value for one, and strayItem cut the empty value's
// first byte (review 14).
func TestStrayItemUnderBlankValue(t *testing.T) {
	const file = "content/postmortems/x.md"
	for _, c := range []struct{ value, want string }{
		{"\u3000 # which?", file + ":9: invalid YAML: a full-width space (U+3000) after the colon; replace it with a normal space"},
		{"\u3000\u3000 #", file + ":9: invalid YAML: a full-width space (U+3000) after the colon; replace it with a normal space"},
		{"\u2003 #x", file + ":9: invalid YAML: a typographic space (U+2003) after the colon; replace it with a normal space"},
	} {
		lines := append([]string(nil), yamlBase...)
		lines[8] = "causes: " + c.value
		lines[9] = "- expired-certificate"
		cfg := model.DefaultSiteConfig()
		_, diags := source.Load(fstest.MapFS{file: {Data: []byte(strings.Join(lines, "\n"))}}, &cfg)
		if got := strings.TrimSpace(diags.String()); got != c.want {
			t.Errorf("causes: %q then a list item:\n%s\nwant\n%s", c.value, got, c.want)
		}
	}
}
