package source_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// parse19 parses text as content/postmortems/<name> with the default
// config and returns the postmortem and its problems as "line: severity:
// message".
func parse19(t *testing.T, name, text string) (*model.Postmortem, []string) {
	t.Helper()
	cfg := model.DefaultSiteConfig()
	p, diags := source.ParseFile("content/postmortems/"+name, []byte(text), &cfg)
	var out []string
	for _, d := range diags.Items() {
		out = append(out, fmt.Sprintf("%d: %s: %s", d.Pos.Line, d.Severity, d.Message))
	}
	return p, out
}

// TestRepeatedListEntries checks one rule for every list of a postmortem:
// an entry the list has already is left out with a warning at its line,
// in YAML, TOML and JSON alike (QA 19 A-F2: systems and causes dropped a
// repeat silently; teams, tags, authors and related kept it, so a page
// showed "Teams t, t" and the related postmortem got a doubled backlink).
func TestRepeatedListEntries(t *testing.T) {
	for _, tt := range []struct{ name, text string }{
		{"yaml", "---\n" +
			"title: A\n" + // 2
			"date: 2024-03-14\n" +
			"severity: SEV3\n" +
			"systems: [a, a]\n" + // 5
			"causes: [b, b]\n" +
			"teams: [t, t]\n" +
			"tags: [x, x, x]\n" +
			"authors: [ben, ben]\n" +
			"related:\n" + // 10
			"  - 2024-03-01-b\n" +
			"  - 2024-03-01-b\n" + // 12
			"---\nx\n"},
		{"toml", "+++\n" +
			"title = \"A\"\n" +
			"date = 2024-03-14\n" +
			"severity = \"SEV3\"\n" +
			"systems = [\"a\", \"a\"]\n" +
			"causes = [\"b\", \"b\"]\n" +
			"teams = [\"t\", \"t\"]\n" +
			"tags = [\"x\", \"x\", \"x\"]\n" +
			"authors = [\"ben\", \"ben\"]\n" +
			"related = [\n" +
			"  \"2024-03-01-b\",\n" +
			"  \"2024-03-01-b\",\n" +
			"]\n+++\nx\n"},
		{"json", "{\n" +
			"\"title\": \"A\",\n" +
			"\"date\": \"2024-03-14\",\n" +
			"\"severity\": \"SEV3\",\n" +
			"\"systems\": [\"a\", \"a\"],\n" +
			"\"causes\": [\"b\", \"b\"],\n" +
			"\"teams\": [\"t\", \"t\"],\n" +
			"\"tags\": [\"x\", \"x\", \"x\"],\n" +
			"\"authors\": [\"ben\", \"ben\"],\n" +
			"\"related\": [\n" +
			"  \"2024-03-01-b\",\n" +
			"  \"2024-03-01-b\"\n" +
			"]\n}\n\nx\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, got := parse19(t, "2024-03-14-a.md", tt.text)
			if p == nil {
				t.Fatalf("not parsed: %q", got)
			}
			for _, l := range [][]string{p.Systems, p.Causes, p.Teams, p.Tags, p.Authors, p.Related} {
				if len(l) != 1 {
					t.Errorf("systems %q, causes %q, teams %q, tags %q, authors %q, related %q: want each once", p.Systems, p.Causes, p.Teams, p.Tags, p.Authors, p.Related)
					break
				}
			}
			want := []string{
				`5: warning: systems lists "a" twice; the repeat is left out: delete it`,
				`6: warning: causes lists "b" twice; the repeat is left out: delete it`,
				`7: warning: teams lists "t" twice; the repeat is left out: delete it`,
				`8: warning: tags lists "x" 3 times; the repeats are left out: delete them`,
				`9: warning: authors lists "ben" twice; the repeat is left out: delete it`,
				`12: warning: related lists "2024-03-01-b" twice; the repeat is left out: delete it`,
			}
			if !slices.Equal(got, want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			// One backlink on the related postmortem.
			b := &model.Postmortem{ID: "2024-03-01-b", Path: "content/postmortems/2024-03-01-b.md"}
			kb := model.New(model.DefaultSiteConfig(), model.Date{}, []*model.Postmortem{p, b})
			if n := len(kb.Backlinks(b.ID)); n != 1 {
				t.Errorf("%d backlinks on 2024-03-01-b, want 1", n)
			}
		})
	}
}

// TestJSONNumbersThroughTheCache checks that a JSON front matter's team
// number, kept as written (json.Number, QA 19 A-F3), goes through the
// metadata cache: written without a warning and read back as written.
func TestJSONNumbersThroughTheCache(t *testing.T) {
	root, cache := t.TempDir(), t.TempDir()
	path := filepath.Join(root, "content", "postmortems", "a.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	text := "{\n\"title\": \"A\",\n\"date\": \"2024-03-14\",\n\"severity\": \"SEV3\",\n" +
		"\"systems\": [\"a\"],\n\"causes\": [\"b\"],\n\"version\": 1.10,\n\"list\": [2.0]\n}\n\nBody.\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := model.DefaultSiteConfig()
	for _, run := range []string{"first", "cached"} {
		files, d := source.LoadMetadata(os.DirFS(root), &cfg, cache)
		if len(d.Items()) != 0 || len(files) != 1 {
			t.Fatalf("%s load: %d files, %v", run, len(files), d.Items())
		}
		extra := files[0].PM.Extra
		if v, l := extra["version"], extra["list"]; v != json.Number("1.10") || fmt.Sprint(l) != "[2.0]" {
			t.Errorf("%s load: version %#v, list %#v; want 1.10 and [2.0] as written", run, v, l)
		}
	}
}

// TestWrappedSummaryReadsAsOneParagraph checks that a summary or impact
// wrapped over lines reads as a wrapped Markdown paragraph does, in every
// syntax: a line break between Japanese characters or after Japanese
// punctuation is nothing, any other one space (QA 19 A-F8: a TOML """
// summary, a YAML | one and a JSON "\n" kept their breaks, which a
// browser shows as a space between Japanese words, and the feed, the JSON
// export and search as a line break; YAML > joined them).
func TestWrappedSummaryReadsAsOneParagraph(t *testing.T) {
	const ja = "決済APIが停止し、注文が失敗した。原因は証明書の失効。"
	const en = "Checkout failed for 40% of users during the outage."
	for _, tt := range []struct{ name, text string }{
		{"yaml folded", "---\ntitle: A\ndate: 2024-03-14\nseverity: SEV3\nsystems: [a]\ncauses: [b]\n" +
			"summary: >\n  決済APIが停止し、\n  注文が失敗した。原因は\n  証明書の失効。\n" +
			"impact: >\n  Checkout failed for 40% of\n  users during the outage.\n---\nx\n"},
		{"yaml literal", "---\ntitle: A\ndate: 2024-03-14\nseverity: SEV3\nsystems: [a]\ncauses: [b]\n" +
			"summary: |\n  決済APIが停止し、\n  注文が失敗した。原因は\n  証明書の失効。\n" +
			"impact: |\n  Checkout failed for 40% of\n  users during the outage.\n---\nx\n"},
		{"toml", "+++\ntitle = \"A\"\ndate = 2024-03-14\nseverity = \"SEV3\"\nsystems = [\"a\"]\ncauses = [\"b\"]\n" +
			"summary = \"\"\"\n決済APIが停止し、\n注文が失敗した。原因は\n証明書の失効。\"\"\"\n" +
			"impact = \"\"\"\nCheckout failed for 40% of  \n  users during the outage.\n\"\"\"\n+++\nx\n"},
		{"json", "{\n\"title\": \"A\",\n\"date\": \"2024-03-14\",\n\"severity\": \"SEV3\",\n\"systems\": [\"a\"],\n\"causes\": [\"b\"],\n" +
			"\"summary\": \"決済APIが停止し、\\n注文が失敗した。原因は\\r\\n証明書の失効。\",\n" +
			"\"impact\": \"Checkout failed for 40% of\\n\\nusers during the outage.\"\n}\n\nx\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, got := parse19(t, "2024-03-14-a.md", tt.text)
			if p == nil {
				t.Fatalf("not parsed: %q", got)
			}
			if p.Summary != ja || p.Impact != en {
				t.Errorf("summary %q, impact %q\nwant    %q, %q", p.Summary, p.Impact, ja, en)
			}
		})
	}
}

// TestTOMLDateTimesAsWritten checks that a team's own TOML date-time is
// kept as written in Extra, as YAML and JSON keep theirs (QA 19 A-F7:
// TOML's were re-formatted, -00:00, RFC 3339's "offset unknown", became
// Z, a space T, .500 .5), in a list on one line or over several and in an
// inline table too, local date-times and times of day too (a space was T,
// 10:00 10:00:00); and that pmkb's own moments so written still read.
func TestTOMLDateTimesAsWritten(t *testing.T) {
	text := "+++\ntitle = \"A\"\ndate = 2024-01-01\nseverity = \"SEV3\"\nsystems = [\"a\"]\ncauses = [\"b\"]\n" +
		"e1 = 2024-01-01 10:00:00Z\n" +
		"e2 = 2024-01-01T10:00:00.500+09:00\n" +
		"e3 = 2024-01-01t10:00:00z\n" +
		"e5 = 2024-01-01T10:00:00-00:00 # not Z\n" +
		"both = [2024-01-01T10:00:00Z, 2024-01-01T10:00:00-00:00]\n" +
		"lines = [\n  2024-01-01T10:00:00.10Z,\n  2024-01-01T19:00:00+09:00,\n]\n" +
		"inline = {b = 2024-01-01T10:00:00-00:00, a = 2024-01-01T10:00:00Z}\n" +
		"l1 = 2024-01-01 10:00:00\n" +
		"l2 = 2024-01-01t10:00:00.500\n" +
		"l3 = 10:00\n" +
		"l4 = [2024-01-01T10:00:00Z, 2024-01-01 10:00, 10:00:00.50]\n" +
		"[timeline]\nstarted = 2024-01-01 10:00:00-00:00\ndetected = 2024-01-01t10:05:00.5z\n+++\nx\n"
	p, got := parse19(t, "2024-01-01-a.md", text)
	if p == nil {
		t.Fatalf("not parsed: %q", got)
	}
	for _, g := range got {
		t.Errorf("problem: %s", g)
	}
	want := map[string]string{
		"e1":     "2024-01-01 10:00:00Z",
		"e2":     "2024-01-01T10:00:00.500+09:00",
		"e3":     "2024-01-01t10:00:00z",
		"e5":     "2024-01-01T10:00:00-00:00",
		"both":   "[2024-01-01T10:00:00Z 2024-01-01T10:00:00-00:00]",
		"lines":  "[2024-01-01T10:00:00.10Z 2024-01-01T19:00:00+09:00]",
		"inline": "map[a:2024-01-01T10:00:00Z b:2024-01-01T10:00:00-00:00]",
		"l1":     "2024-01-01 10:00:00",
		"l2":     "2024-01-01t10:00:00.500",
		"l3":     "10:00",
		"l4":     "[2024-01-01T10:00:00Z 2024-01-01 10:00 10:00:00.50]",
	}
	for k, w := range want {
		if g := fmt.Sprint(p.Extra[k]); g != w {
			t.Errorf("%s: %s, want %s as written", k, g, w)
		}
	}
	if s, d := p.Timeline.Started.Format(time.RFC3339Nano), p.Timeline.Detected.Format(time.RFC3339Nano); s != "2024-01-01T10:00:00Z" || d != "2024-01-01T10:05:00.5Z" {
		t.Errorf("timeline started %s, detected %s", s, d)
	}
}

// TestPlusLineInTOMLString checks that a +++ line inside a TOML multi-line
// string, which closes the front matter there (a pasted diff's header),
// is explained at the string's opening line, naming the +++ line and how
// to write it (QA 19 A-F6: "multiline basic string not terminated by
// \"\"\"" of a string that is terminated two lines further down); and that
// what it says to write reads as +++.
func TestPlusLineInTOMLString(t *testing.T) {
	file := func(open, plus, end string) string {
		return "+++\ntitle = \"T\"\ndate = 2024-03-14\nseverity = \"SEV4\"\nsystems = [\"a\"]\ncauses = [\"b\"]\n" +
			"impact = " + open + "\nThe diff looked like this:\n" + plus + "\nnothing" + end + "\n+++\n\nBody.\n"
	}
	for _, tt := range []struct{ name, text, want string }{
		{"basic", file(`"""`, "+++", `"""`), `7: error: invalid TOML: the +++ at line 9 ends the front matter inside this string (a line of only +++ always closes a TOML front matter); write that line as \u002B++, which TOML reads as +++`},
		{"literal", file(`'''`, "+++", `'''`), `7: error: invalid TOML: the +++ at line 9 ends the front matter inside this string (a line of only +++ always closes a TOML front matter); write the string with """ in place of ''' and that line as \u002B++, which TOML reads as +++`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, got := parse19(t, "2024-03-14-x.md", tt.text)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
	p, got := parse19(t, "2024-03-14-x.md", file(`"""`, `\u002B++`, `"""`))
	if p == nil || len(got) != 0 || p.Impact != "The diff looked like this: +++ nothing" {
		t.Errorf("written as told: %q, %v", got, p)
	}
}

// TestUnclosedTOMLStringBeforePlus checks that a multi-line string never
// closed, which the front matter's +++ cuts, is told so at its opening
// quotes, naming that +++ (the advice of TestPlusLineInTOMLString would
// be wrong there: that +++ is the closing line).
func TestUnclosedTOMLStringBeforePlus(t *testing.T) {
	_, got := parse19(t, "2024-03-14-x.md", "+++\ntitle = \"T\"\ndate = 2024-03-14\nseverity = \"SEV4\"\nsystems = [\"a\"]\ncauses = [\"b\"]\n"+
		"impact = \"\"\"\nThe gateway failed.\n+++\n\nBody.\n")
	want := `7: error: invalid TOML: this string is not closed before the +++ at line 9 that ends the front matter; end it with """`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
