package lint

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
)

// bidiFindings returns the findings of markdown/bidi-control in raw, as
// "line:col severity: message".
func bidiFindings(raw string, cfg Config) []string {
	var got []string
	for _, d := range lintOne(raw, nil, nil, cfg).Items() {
		if d.Rule == BidiControl {
			got = append(got, fmt.Sprintf("%d:%d %s: %s", d.Pos.Line, d.Col, d.Severity, d.Message))
		}
	}
	return got
}

// TestBidiControl checks that markdown/bidi-control reports each invisible
// character that changes the order text is shown in (QA 15 A-F6: a title
// holding U+202E reversed the dates and titles after it, and lint said
// nothing) at its line and column in characters, in front matter, prose
// and code blocks, and leaves alone the marks U+200E and U+200F, emoji
// joiners and zero-width spaces, which reorder nothing.
func TestBidiControl(t *testing.T) {
	const rlo = "hidden bidirectional character U+202E RIGHT-TO-LEFT OVERRIDE"
	tests := []struct {
		name string
		raw  string
		want []string
	}{
		{"the QA repro: a title", "---\ntitle: \"Evil … \u202etxt.exe\u200b\"\n---\n",
			[]string{"2:16 warning: " + rlo}},
		{"columns in characters, not bytes", "---\ntitle: 決済障害\u202e障害\n---\n",
			[]string{"2:12 warning: " + rlo}},
		{"toml front matter", "+++\ntitle = \"a\u202eb\"\n+++\n",
			[]string{"2:11 warning: " + rlo}},
		{"isolates in prose", md("", "Deploy \u2067שלום\u2069 done"),
			[]string{"7:8 warning: hidden bidirectional character U+2067 RIGHT-TO-LEFT ISOLATE",
				"7:13 warning: hidden bidirectional character U+2069 POP DIRECTIONAL ISOLATE"}},
		{"trojan source in a code block", md("```go", "if accessLevel != \"user\u202e \u2066// Check if admin\u2069 \u2066\" {", "```"),
			[]string{"7:24 warning: " + rlo,
				"7:26 warning: hidden bidirectional character U+2066 LEFT-TO-RIGHT ISOLATE",
				"7:44 warning: hidden bidirectional character U+2069 POP DIRECTIONAL ISOLATE",
				"7:46 warning: hidden bidirectional character U+2066 LEFT-TO-RIGHT ISOLATE"}},
		{"every one of them", md("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
			[]string{"6:1 warning: hidden bidirectional character U+202A LEFT-TO-RIGHT EMBEDDING",
				"6:2 warning: hidden bidirectional character U+202B RIGHT-TO-LEFT EMBEDDING",
				"6:3 warning: hidden bidirectional character U+202C POP DIRECTIONAL FORMATTING",
				"6:4 warning: hidden bidirectional character U+202D LEFT-TO-RIGHT OVERRIDE",
				"6:5 warning: " + rlo,
				"6:6 warning: hidden bidirectional character U+2066 LEFT-TO-RIGHT ISOLATE",
				"6:7 warning: hidden bidirectional character U+2067 RIGHT-TO-LEFT ISOLATE",
				"6:8 warning: hidden bidirectional character U+2068 FIRST STRONG ISOLATE",
				"6:9 warning: hidden bidirectional character U+2069 POP DIRECTIONAL ISOLATE"}},
		{"a byte-order mark and CRLF line ends", "\ufeff---\r\ntitle: \u202ex\r\n---\r\n\r\na \u2068b\u2069\r\n",
			[]string{"2:8 warning: " + rlo,
				"5:3 warning: hidden bidirectional character U+2068 FIRST STRONG ISOLATE",
				"5:5 warning: hidden bidirectional character U+2069 POP DIRECTIONAL ISOLATE"}},
		{"the last line without a line end", "---\ntitle: x\n---\nend \u202d", []string{
			"4:5 warning: hidden bidirectional character U+202D LEFT-TO-RIGHT OVERRIDE"}},
		// What reorders nothing, or only what is next to it, is left
		// alone: the marks, joiners in emoji, zero-width and no-break
		// spaces, dashes and quotes (whose UTF-8 starts as theirs does),
		// and right-to-left text itself.
		{"marks, joiners and other invisible characters", md(
			"Left\u200eright\u200f mark, 👩\u200d💻 and 👨\u200d👩\u200d👧, zero\u200bwidth, word\u2060joiner, no\u00a0break, no\u202fbreak",
			"— “quotes” … ‰ ‹›", "مرحبا بالعالم, שלום עולם", "```", "code \u200f\u200e", "```"), nil},
		// Each byte of invalid UTF-8 counts as a character, as in the
		// quoted line (diag.Diagnostic.Quote).
		{"invalid UTF-8 around", md("\xe2\x80 \xe2 \xe2\x81\xe2\x80\xae"),
			[]string{"6:8 warning: " + rlo}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := bidiFindings(tt.raw, Config{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestBidiControlHint checks that a finding quotes its line with the caret
// under the character, and that its hint says what the character does,
// how to delete it (with the file's path) and how to keep it, and, in a
// code block, that the code shown is not the code run.
func TestBidiControlHint(t *testing.T) {
	tests := []struct {
		name, raw string
		excerpt   string
		hint      []string // what the hint says
		notHint   string
	}{
		{"title", "---\ntitle: Evil \u202etxt.exe\n---\n", "title: Evil \u202etxt.exe",
			[]string{"it shows the characters after it right to left", "“exe.txt” after it reads “txt.exe”", "invisible in most editors and diffs",
				`perl -CSD -i -pe 's/[\x{202A}-\x{202E}\x{2066}-\x{2069}]//g' content/postmortems/2024/2024-03-14-test.md`,
				"add a pmkb-lint-ignore markdown/bidi-control comment"},
			"code block"},
		{"code", md("```", "x = 1 \u2066y\u2069", "```"), "x = 1 \u2066y\u2069",
			[]string{"it sets the text after it apart as left-to-right text, up to a U+2069", "in a code block, the code a reader sees is then not the code they copy and run (Trojan Source)"},
			"right to left"},
		// A line too long to quote (a pasted log), or any line of a file
		// holding a private key, is not quoted; the column is kept.
		{"long line", md(strings.Repeat("log ", 5000) + "\u202e"), "",
			[]string{"it shows the characters after it right to left"}, "code block"},
		{"private key", md("\u202ea", "-----BEGIN RSA PRIVATE KEY-----"), "",
			[]string{"it shows the characters after it right to left"}, "code block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var found []diag.Diagnostic
			for _, d := range lintOne(tt.raw, nil, nil, Config{}).Items() {
				if d.Rule == BidiControl {
					found = append(found, d)
				}
			}
			if len(found) == 0 {
				t.Fatal("no finding")
			}
			d := found[0]
			if d.Excerpt != tt.excerpt {
				t.Errorf("excerpt %q, want %q", d.Excerpt, tt.excerpt)
			}
			if d.Col == 0 {
				t.Error("no column")
			}
			// The caret is under the character, which a terminal is shown
			// as a space (the lines are ASCII before it).
			if q := strings.Split(d.Quote(), "\n"); tt.excerpt != "" &&
				(len(q) < 2 || strings.Index(q[1], "^") != strings.Index(q[0], "| ")+2+d.Col-1) {
				t.Errorf("quote\n%s\nwant the caret at column %d", d.Quote(), d.Col)
			}
			for _, h := range tt.hint {
				if !strings.Contains(d.Hint, h) {
					t.Errorf("hint %q, want it to say %q", d.Hint, h)
				}
			}
			if strings.Contains(d.Hint, tt.notHint) || strings.Contains(d.Hint, `"`) {
				t.Errorf("hint %q says %q or holds a double quote (masked where the line is not quoted)", d.Hint, tt.notHint)
			}
		})
	}
}

// TestBidiControlGraded checks that the rule is advice a site grades and a
// writer silences like the others: a warning by default, off or an error
// by id or area in [lint] rules, and silenced by a pmkb-lint-ignore
// comment on its line or the line before (in front matter, a YAML
// comment). Only the line's findings are silenced.
func TestBidiControlGraded(t *testing.T) {
	raw := "---\n# pmkb-lint-ignore markdown/bidi-control\ntitle: \u202ea\nsummary: \u202eb # pmkb-lint-ignore markdown\n---\n\n" +
		"<!-- pmkb-lint-ignore markdown/links -->\nc \u202ec\n"
	tests := []struct {
		rules map[string]string
		want  []string
	}{
		{nil, []string{"8:3 warning"}},
		{map[string]string{BidiControl: "error"}, []string{"8:3 error"}},
		{map[string]string{"markdown": "error"}, []string{"8:3 error"}},
		{map[string]string{BidiControl: "off"}, nil},
		{map[string]string{"markdown": "off", BidiControl: "warning"}, []string{"8:3 warning"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range bidiFindings(raw, Config{Rules: tt.rules}) {
			at, _, _ := strings.Cut(f, ": ")
			got = append(got, at)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("rules %v: %q, want %q", tt.rules, got, tt.want)
		}
	}
	if p := (Config{Rules: map[string]string{BidiControl: "error"}}).Problems(); len(p) > 0 {
		t.Errorf("[lint] rules refuses %s: %v", BidiControl, p)
	}
}

// FuzzBidiControl checks on any text that markdown/bidi-control reports
// each bidirectional control character once, at the line and column in
// characters where it is (the character at that column of the quoted
// line), and nothing else.
func FuzzBidiControl(f *testing.F) {
	f.Add([]byte("---\ntitle: \"Evil … \u202etxt.exe\u200b\"\n---\n"))
	f.Add([]byte("\ufeff---\r\ntitle: \u202ex\r\n---\r\n\r\na \u2068b\u2069\r\n"))
	f.Add([]byte("\xe2\x80 \xe2 \xe2\x81\xe2\x80\xae\n```\n\u2066\u2067"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := &File{Path: "x.md", Raw: raw}
		list := Run([]*File{file}, nil, Config{}, today)
		want := 0
		for _, r := range string(bytes.TrimPrefix(raw, []byte("\ufeff"))) {
			if _, ok := bidiControls[r]; ok {
				want++
			}
		}
		got := 0
		for _, d := range list.Items() {
			if d.Rule != BidiControl {
				continue
			}
			got++
			if d.Pos.Line < 1 || d.Pos.Line > file.numLines() {
				t.Fatalf("%s: line outside the file (%d lines)", d, file.numLines())
			}
			line := []rune(string(file.lineBytes(d.Pos.Line)))
			if d.Col < 1 || d.Col > len(line) {
				t.Fatalf("%s: column %d outside its line %q", d, d.Col, string(line))
			}
			if c, ok := bidiControls[line[d.Col-1]]; !ok || !strings.Contains(d.Message, c.name) {
				t.Errorf("%s: column %d of %q is %U", d, d.Col, string(line), line[d.Col-1])
			}
		}
		if got != want {
			t.Errorf("%d findings, want %d:\n%s", got, want, list)
		}
	})
}
