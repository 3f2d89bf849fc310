package source_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// qa17 parses text as the file content/postmortems/<name> and checks it
// against the contract, returning each problem as "line: error|warning:
// message".
func qa17(t *testing.T, name, text string) []string {
	t.Helper()
	cfg := model.DefaultSiteConfig()
	p, diags := source.ParseFile("content/postmortems/"+name, []byte(text), &cfg)
	if p != nil {
		validate.One(&cfg, p, diags)
	}
	var out []string
	for _, d := range diags.Items() {
		out = append(out, fmt.Sprintf("%d: %s: %s", d.Pos.Line, d.Severity, d.Message))
	}
	return out
}

// has reports whether one of got starts with line and holds each of want.
func has(got []string, line string, want ...string) bool {
	for _, g := range got {
		if !strings.HasPrefix(g, line) {
			continue
		}
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(g, w)
		}
		if ok {
			return true
		}
	}
	return false
}

// expect fails t unless one of got starts with line and holds each of
// want; with -v it logs got.
func expect(t *testing.T, got []string, line string, want ...string) {
	t.Helper()
	if !has(got, line, want...) {
		t.Errorf("got %q, want %q… holding %q", got, line, want)
	} else if testing.Verbose() {
		t.Logf("%q", got)
	}
}

// qa17Base is a valid YAML front matter without its closing line.
const qa17Base = "---\ntitle: Payments down\ndate: 2023-02-01\nseverity: SEV2\nsystems: [checkout-api]\ncauses: [bad-deploy]\n"

// TestOtherToolsDraft checks that Hugo's draft: true and Jekyll's
// published: false, which pmkb did not read, are an error at their line
// when the postmortem is not a draft, saying to write status: draft (QA 17
// A-F1: such a postmortem was published, to the public too), and a
// warning that the key can go when it holds nothing back or the
// postmortem is a draft already; in every front-matter syntax.
func TestOtherToolsDraft(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       string // "line: severity: ", then text in the message
		words      []string
	}{
		{"hugo draft", qa17Base + "draft: true\n---\nx\n", "7: error: ", []string{"draft: true", "pmkb holds a postmortem back with status: draft", "write status: draft"}},
		{"jekyll published", qa17Base + "published: false\n---\nx\n", "7: error: ", []string{"published: false", "write status: draft"}},
		{"in review", qa17Base + "status: in-review\ndraft: true\n---\nx\n", "8: error: ", []string{"status: in-review", "status: draft"}},
		{"toml", "+++\ntitle = \"x\"\ndate = 2023-02-01\nseverity = \"SEV2\"\nsystems = [\"a\"]\ncauses = [\"b\"]\ndraft = true\n+++\nx\n", "7: error: ", []string{`status = "draft"`}},
		{"json", "{\n\"title\": \"x\",\n\"date\": \"2023-02-01\",\n\"severity\": \"SEV2\",\n\"systems\": [\"a\"],\n\"causes\": [\"b\"],\n\"published\": false\n}\n\nx\n", "7: error: ", []string{`"status": "draft"`}},
		{"draft false", qa17Base + "draft: false\n---\nx\n", "7: warning: ", []string{"draft: false", "not read", "remove"}},
		{"published true", qa17Base + "published: true\n---\nx\n", "7: warning: ", []string{"published: true", "not read"}},
		{"draft already", qa17Base + "status: draft\ndraft: true\n---\nx\n", "8: warning: ", []string{"status: draft", "remove"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, qa17(t, "2023-02-01-x.md", tt.text), tt.want, tt.words...)
		})
	}
	// A team's own field of that name, not a flag, is kept without a word.
	if got := qa17(t, "2023-02-01-x.md", qa17Base+"published: 2023-02-03\n---\nx\n"); len(got) > 0 {
		t.Errorf("published: 2023-02-03: got %q, want none", got)
	}
}

// TestCurlyQuotedKeys checks that a key in curly quotes, as word
// processors' autocorrect writes them, or with spaces inside its quotes,
// is an error at its line naming the key to write, and that a known field
// so written is not also reported missing (QA 17 A-F5: "missing required
// field" at line 1, and “summary” silently dropped).
func TestCurlyQuotedKeys(t *testing.T) {
	text := "---\n“title”: Checkout down\ndate: 2023-07-03\nseverity: SEV3\n‘systems’: [checkout-api]\ncauses: [bad-deploy]\n“summary”: s\n\"impact \": b\n“source”: jira\naction_items:\n  - “title”: x\n    owner: bob\ntimeline:\n  “started”: 2023-07-03T10:00:00Z\n---\n\nx\n"
	got := qa17(t, "2023-07-03-q.md", text)
	expect(t, got, "2: error: ", "“title”", "curly quotes", "write title:")
	expect(t, got, "5: error: ", "‘systems’", "write systems:")
	expect(t, got, "7: error: ", "“summary”", "write summary:")
	expect(t, got, "8: error: ", `"impact "`, "spaces", "write impact:")
	// A team's own key: a warning, it builds (QA 17r R5).
	expect(t, got, "9: warning: ", "“source”", "write source:")
	expect(t, got, "11: error: ", `action item "1"`, "“title”", "write title:")
	expect(t, got, "14: error: ", "“started”", "write started:")
	for _, g := range got {
		if strings.Contains(g, "missing") || strings.Contains(g, "has no title") || strings.Contains(g, "unknown timeline moment") {
			t.Errorf("reported as missing or unknown too: %s", g)
		}
	}
	// TOML and JSON spell the key to write their way; a team's own key
	// with a space inside is its own business.
	expect(t, qa17(t, "2023-07-03-q.md", "{\n\"title \": \"x\",\n\"date\": \"2023-07-03\",\n\"severity\": \"SEV3\",\n\"systems\": [\"a\"],\n\"causes\": [\"b\"]\n}\n\nx\n"), "2: error: ", `write "title":`)
	for _, g := range qa17(t, "2023-07-03-q.md", qa17Base+"\"my note \": x\n---\nx\n") {
		if strings.Contains(g, "my note") && strings.Contains(g, "error") {
			t.Errorf("a team's own key with a stray space is an error: %s", g)
		}
	}
}

// TestOtherToolsTimes checks that the times Jekyll and Jira write, which
// are not RFC 3339 (an offset without its colon or after a space, a zone
// name), stay refused in date:, timeline: and action-item dates, but with
// the RFC 3339 value to write (QA 17 A-F6: no advice, while prose dates
// got one); and that RFC 3339 with a space for the T, as the RFC allows,
// is read.
func TestOtherToolsTimes(t *testing.T) {
	for _, tt := range []struct{ in, write string }{
		{"2023-02-03 09:00:00 +0100", "2023-02-03T09:00:00+01:00"},
		{"2023-07-01T14:30:00.000+0200", "2023-07-01T14:30:00+02:00"},
		{"2023-07-01T14:30:00.250+0200", "2023-07-01T14:30:00.25+02:00"},
		{"2023-02-03 09:00:00 +01:00", "2023-02-03T09:00:00+01:00"},
		{"2023-06-01 14:30:00 UTC", "2023-06-01T14:30:00Z"},
		{"2023-06-01T14:30:00+0100", "2023-06-01T14:30:00+01:00"},
		{"2023-06-01 9:05 -0500", "2023-06-01T09:05:00-05:00"},
	} {
		text := "---\ntitle: x\ndate: " + tt.in + "\nseverity: SEV2\nsystems: [a]\ncauses: [b]\ntimeline:\n  started: " + tt.in + "\naction_items:\n  - title: y\n    owner: z\n    due: " + tt.in + "\n---\nx\n"
		got := qa17(t, "x.md", text)
		expect(t, got, "3: error: ", tt.in, "; write "+tt.write)
		expect(t, got, "8: error: ", tt.in, "; write "+tt.write)
		// A due date is a day: the day to write.
		expect(t, got, "12: error: ", tt.in, "; write "+tt.write[:10])
	}
	// RFC 3339 itself, with a space for the T or fractions of a second.
	for _, in := range []string{"2023-02-03 09:00:00+01:00", "2023-07-01T14:30:00.000+02:00", "2023-06-01T14:30:00Z"} {
		if got := qa17(t, "x.md", qa17Base+"timeline:\n  started: "+in+"\n---\nx\n"); len(got) > 0 {
			t.Errorf("%s: %q, want none", in, got)
		}
	}
}

// TestFrontMatterClosedByDots checks that a YAML front matter closed with
// "..." (YAML's document end, which Jekyll and Pandoc accept) is reported
// at that line with the line to write (QA 17 A-F14: "not closed" at line
// 1, the line to change not named).
func TestFrontMatterClosedByDots(t *testing.T) {
	got := qa17(t, "2023-07-13-c.md", "---\ntitle: X\ndate: 2023-07-13\nseverity: SEV3\nsystems: [a]\ncauses: [b]\n...\n\nx\n")
	expect(t, got, "7: error: ", "close the front matter with ---, not ...")
	if len(got) != 1 {
		t.Errorf("got %q, want one error", got)
	}
	// With CRLF line ends too (a file saved on Windows).
	crlf := strings.ReplaceAll("---\ntitle: X\ndate: 2023-07-13\nseverity: SEV3\nsystems: [a]\ncauses: [b]\n...\n\nx\n", "\n", "\r\n")
	expect(t, qa17(t, "2023-07-13-c.md", crlf), "7: error: ", "close the front matter with ---, not ...")
	// Still not closed when no line is "..." either.
	expect(t, qa17(t, "x.md", "---\ntitle: X\n\nx\n"), "1: error: ", "is not closed")
}

// TestOtherToolsNames checks that the names other tools give pmkb's
// fields, which pmkb keeps as a team's own and so silently did not read
// (QA 17 A-F15, A-F11), get a did-you-mean warning at their line: what to
// write instead, or, for old URLs, that pmkb makes no redirects.
func TestOtherToolsNames(t *testing.T) {
	text := qa17Base + "description: The gateway failed.\nactions:\n  - {title: x, owner: b}\nincident_commander: bob\nsev: SEV1\nstarted: 2023-02-01T10:00:00Z\nresolved: 2023-02-01T11:00:00Z\nslug: payments-down-feb\naliases: [/posts/payments-down/]\nurl: /incidents/tz/\nsource: jira\n---\nx\n"
	got := qa17(t, "2023-02-01-x.md", text)
	for _, tt := range []struct {
		line  string
		words []string
	}{
		{"7: warning: ", []string{`"description"`, `did you mean "summary"?`}},
		{"8: warning: ", []string{`"actions"`, `did you mean "action_items"?`}},
		{"10: warning: ", []string{`"incident_commander"`, `did you mean "commander"?`}},
		{"12: warning: ", []string{`"started"`, "belongs under timeline:"}},
		{"13: warning: ", []string{`"resolved"`, "belongs under timeline:"}},
		{"14: warning: ", []string{`"slug"`, "pmkb's URL is the id", "write id: payments-down-feb"}},
		{"15: warning: ", []string{`"aliases"`, "pmkb makes no redirects; see README (Moving from another tool)"}},
		{"16: warning: ", []string{`"url"`, "pmkb makes no redirects"}},
	} {
		expect(t, got, tt.line, tt.words...)
	}
	// sev: is told only when severity: is not set (QA 17r R3).
	expect(t, qa17(t, "2023-02-01-x.md", strings.Replace(qa17Base, "severity: SEV2\n", "sev: SEV1\n", 1)+"---\nx\n"), "4: warning: ", `"sev"`, `did you mean "severity"?`)
	if has(got, "17: ") {
		t.Errorf("a team's own field is reported: %q", got)
	}
	// A value of another shape than the other tool's is a team's own
	// field: a dashboard's url:, a list of resolved: notes.
	if got := qa17(t, "x.md", qa17Base+"url: https://grafana.example.com/d/x\nresolved:\n  - by restart\nactions: see the ticket\n---\nx\n"); len(got) > 0 {
		t.Errorf("team's own fields: got %q, want none", got)
	}
	// TOML says where the timeline's moments go its own way.
	expect(t, qa17(t, "x.md", "+++\ntitle = \"x\"\ndate = 2023-02-01\nseverity = \"SEV2\"\nsystems = [\"a\"]\ncauses = [\"b\"]\nslug = \"y\"\nstarted = 2023-02-01T10:00:00Z\n+++\nx\n"),
		"8: warning: ", "belongs in the [timeline] table")
}

// TestOtherToolsValues checks the did-you-means for the values Jira and
// other tools write where pmkb wants its own (QA 17 A-F10, A-F12): each
// stays an error, with the value to write.
func TestOtherToolsValues(t *testing.T) {
	item := func(field, v string) string {
		return qa17Base + "action_items:\n  - title: x\n    owner: bob\n    " + field + ": " + v + "\n---\nx\n"
	}
	for _, tt := range []struct {
		name, text, line string
		words            []string
	}{
		{"To Do", item("status", "To Do"), "10: error: ", []string{`"To Do"`, `did you mean "open"?`}},
		{"todo", item("status", "todo"), "10: error: ", []string{`did you mean "open"?`}},
		{"Todo", item("status", "Todo"), "10: error: ", []string{`did you mean "open"?`}},
		{"Done", item("status", "Done"), "10: error: ", []string{`did you mean "done"?`}},
		{"In Progress", item("status", "In Progress"), "10: error: ", []string{`did you mean "in-progress"`}},
		{"Highest", item("priority", "Highest"), "10: error: ", []string{`"Highest"`, `did you mean "P1"?`}},
		{"Critical", item("priority", "Critical"), "10: error: ", []string{`did you mean "P1"?`}},
		{"High", item("priority", "High"), "10: error: ", []string{`did you mean "P1"?`}},
		{"Medium", item("priority", "Medium"), "10: error: ", []string{`did you mean "P2"?`}},
		{"Low", item("priority", "Low"), "10: error: ", []string{`did you mean "P3"?`}},
		{"English", qa17Base + "lang: English\n---\nx\n", "7: error: ", []string{`"English"`, `did you mean "en"?`}},
		{"en_US", qa17Base + "lang: en_US\n---\nx\n", "7: error: ", []string{`did you mean "en"?`}},
		{"Japanese", qa17Base + "lang: Japanese\n---\nx\n", "7: error: ", []string{`did you mean "ja"?`}},
		{"ja_JP", qa17Base + "lang: ja_JP\n---\nx\n", "7: error: ", []string{`did you mean "ja"?`}},
		{"S2", strings.Replace(qa17Base, "SEV2", "S2", 1) + "---\nx\n", "4: error: ", []string{`"S2"`, `did you mean "SEV2"?`}},
		{"P1", strings.Replace(qa17Base, "SEV2", "P1", 1) + "---\nx\n", "4: error: ", []string{`did you mean "SEV1"?`}},
		{"Sev 2", strings.Replace(qa17Base, "SEV2", "Sev 2", 1) + "---\nx\n", "4: error: ", []string{`did you mean "SEV2"?`}},
		{"due 15/07/2023", item("due", "15/07/2023"), "10: error: ", []string{"; write 2023-07-15"}},
		{"due 15.07.2023", item("due", "15.07.2023"), "10: error: ", []string{"; write 2023-07-15"}},
		{"date 31/01/2023", strings.Replace(qa17Base, "2023-02-01", "31/01/2023", 1) + "---\nx\n", "3: error: ", []string{"; write 2023-01-31"}},
		{"tags with spaces", qa17Base + "tags: outage dns payments\n---\nx\n", "7: error: ", []string{"tags: [outage, dns, payments]"}},
	} {
		t.Run(tt.name, func(t *testing.T) { expect(t, qa17(t, "x.md", tt.text), tt.line, tt.words...) })
	}
	// A day of 12 or less is March or May depending on the reader: no
	// advice.
	if got := qa17(t, "x.md", item("due", "03/05/2023")); has(got, "10: error: ", "write") {
		t.Errorf("03/05/2023: %q, want no date to write", got)
	}
	// Commas make the list; a single tag is left alone.
	expect(t, qa17(t, "x.md", qa17Base+"authors: Jane Doe, Bob\n---\nx\n"), "7: error: ", "authors: [Jane Doe, Bob]")
}
