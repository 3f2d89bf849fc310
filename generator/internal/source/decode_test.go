package source_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/scaffold"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// unquotedTextBase is a valid postmortem; each case of
// TestUnquotedTextWarnings replaces one of its lines.
var unquotedTextBase = []string{
	"---",                          // 1
	"title: Checkout 503s",         // 2
	"date: 2024-03-03",             // 3
	"severity: SEV2",               // 4
	"systems: [checkout-api]",      // 5
	"causes: [expired-cert]",       // 6
	"summary: Checkout failed.",    // 7
	"impact: EU users.",            // 8
	"tags:",                        // 9
	"  - tls",                      // 10
	"timeline:",                    // 11
	"  started: 2024-03-03T09:00Z", // 12
	"action_items:",                // 13
	"  - id: AI-1",                 // 14
	"    title: Renew it",          // 15
	"    owner: ben",               // 16
	"    status: open",             // 17
	"---",                          // 18
	"",
	"Body.",
}

// unquotedText parses unquotedTextBase with lines replaced and returns the
// postmortem and its RuleUnquotedText warnings.
func unquotedText(t *testing.T, lines map[int]string) (*model.Postmortem, []diag.Diagnostic) {
	t.Helper()
	text := append([]string(nil), unquotedTextBase...)
	for n, l := range lines {
		text[n-1] = l
	}
	cfg := model.DefaultSiteConfig()
	p, diags := source.ParseFile("content/postmortems/x.md", []byte(strings.Join(text, "\n")), &cfg)
	if p == nil {
		t.Fatalf("does not parse:\n%s", diags)
	}
	var found []diag.Diagnostic
	for _, d := range diags.Items() {
		if d.Rule == source.RuleUnquotedText {
			if d.Severity != diag.Warning {
				t.Errorf("%s is not a warning", d)
			}
			found = append(found, d)
		} else if d.Severity == diag.Error {
			t.Errorf("unexpected error: %s", d)
		}
	}
	return p, found
}

// quoteTheValue finds the quoted value a warning tells to write.
var quoteTheValue = regexp.MustCompile(`; quote the value: (.*)$`)

// TestUnquotedTextFlowListComment checks that a comment after a flow
// list's "," or "]" gets no warning: it belongs to no value, and quoting
// as the warning said would have renamed the tag (QA 15r-a 14).
func TestUnquotedTextFlowListComment(t *testing.T) {
	for _, lines := range []map[int]string{
		{9: "tags: [payments, # card only", 10: "  psp]"},
		{9: "tags: [payments, psp]  # card only", 10: ""},
		{9: "tags: [payments, psp, # card only", 10: "]"},
	} {
		p, found := unquotedText(t, lines)
		if got := strings.Join(p.Tags, ","); got != "payments,psp" {
			t.Errorf("%v: tags %q, want payments,psp", lines, got)
		}
		for _, d := range found {
			t.Errorf("%v: unexpected %s", lines, d)
		}
	}
	// A comment right after an item of a flow list is still the item's.
	p, found := unquotedText(t, map[int]string{9: "tags: [payments, psp #card", 10: "  ]"})
	if got := strings.Join(p.Tags, ","); got != "payments,psp" || len(found) != 1 {
		t.Errorf("tags %q, %d warnings (%v), want payments,psp and one warning", got, len(found), found)
	}
}

// TestUnquotedTextWarnings checks that a plain YAML value of text that
// YAML reads less of than was written (QA 12 F1: " #4512" read as a
// comment, "!important" as a tag) gets a warning at its line, with the
// column and the value quoted, and that the quoted value, written in its
// place, reads as everything that was written; and that comments after
// other fields, after quoted values and a template's TODO are left alone.
func TestUnquotedTextWarnings(t *testing.T) {
	cases := []struct {
		name      string
		line      int
		text      string
		read      func(*model.Postmortem) string // the field's value
		wantRead  string                         // what YAML read
		want      string                         // the warning, "" for none
		wantCol   int
		wantValue string // what the quoted value reads as
	}{
		{"comment after a title", 2, "title: Checkout down after deploy #4512", title, "Checkout down after deploy",
			`:2: warning: title: YAML reads the text after " #" as a comment and leaves it out; quote the value: title: "Checkout down after deploy #4512"`, 35, "Checkout down after deploy #4512"},
		{"comment after a summary", 7, "summary: 100% of requests failed; see #incident-123", summary, "100% of requests failed; see",
			`:7: warning: summary: YAML reads the text after " #" as a comment and leaves it out; quote the value: summary: "100% of requests failed; see #incident-123"`, 39, "100% of requests failed; see #incident-123"},
		{"comment after an impact, two spaces", 8, "impact: EU users could not pay  #payments", impact, "EU users could not pay",
			`:8: warning: impact: YAML reads the text after " #" as a comment and leaves it out; quote the value: impact: "EU users could not pay #payments"`, 33, "EU users could not pay #payments"},
		// The comment is on the value's second line: no line quoted, so
		// that the masking of a secret's line is not left to one line.
		{"comment after a value of two lines", 7, "summary: Checkout failed\n  for EU users #4512", summary, "Checkout failed for EU users",
			`:7: warning: summary: YAML reads the text after " #" as a comment and leaves it out; quote the value: summary: "Checkout failed for EU users #4512"`, 10, "Checkout failed for EU users #4512"},
		{"comment after an action item's title", 15, "    title: Renew it #OPS-12", itemTitle, "Renew it",
			`:15: warning: action item "AI-1": title: YAML reads the text after " #" as a comment and leaves it out; quote the value: title: "Renew it #OPS-12"`, 21, "Renew it #OPS-12"},
		{"comment after a tag", 10, "  - tls #cert", firstTag, "tls",
			`:10: warning: tags[0]: YAML reads the text after " #" as a comment and leaves it out; quote the value: - "tls #cert"`, 9, "tls #cert"},
		{"a comment is all there is", 2, "title: #4512 checkout down", title, "",
			`:2: warning: title: YAML reads the text after " #" as a comment and leaves it out; quote the value: title: "#4512 checkout down"`, 8, "#4512 checkout down"},
		// A tag before a value of two lines: the message quotes all of
		// it, the first line shows only part: no line quoted (a secret
		// on the second would be shown where the masking does not look).
		{"tag before a value of two lines", 8, "impact: !important boom\n  see the runbook", impact, "boom see the runbook",
			`:8: warning: impact: YAML reads "!important" as a tag and leaves it out; quote the value: impact: "!important boom see the runbook"`, 9, "!important boom see the runbook"},
		{"tag before a title", 2, "title: !important flag removed from CSS", title, "flag removed from CSS",
			`:2: warning: title: YAML reads "!important" as a tag and leaves it out; quote the value: title: "!important flag removed from CSS"`, 8, "!important flag removed from CSS"},
		{"tag alone", 2, "title: !important", title, "",
			`:2: warning: title: YAML reads "!important" as a tag and leaves it out; quote the value: title: "!important"`, 8, "!important"},
		{"tag before an owner", 16, "    owner: !ben", func(p *model.Postmortem) string { return p.ActionItems[0].Owner }, "",
			`:16: warning: action item "AI-1": owner: YAML reads "!ben" as a tag and leaves it out; quote the value: owner: "!ben"`, 12, "!ben"},
		{"anchor before a title", 2, "title: &nbsp in emails", title, "in emails",
			`:2: warning: title: YAML reads "&nbsp" as an anchor and leaves it out; quote the value: title: "&nbsp in emails"`, 8, "&nbsp in emails"},
		{"tag and comment", 2, "title: !x y #z", title, "y",
			`:2: warning: title: YAML reads "!x" as a tag and leaves it out; quote the value: title: "!x y #z"`, 8, "!x y #z"},
		{"comment with a quote and a backslash", 2, `title: a #"b\c"`, title, "a",
			`:2: warning: title: YAML reads the text after " #" as a comment and leaves it out; quote the value: title: "a #\"b\\c\""`, 10, `a #"b\c"`},

		{"quoted title and a comment", 2, `title: "Checkout 503s" # see #4512`, title, "Checkout 503s", "", 0, ""},
		{"a template's TODO", 2, "title: Checkout 503s # TODO: say who", title, "Checkout 503s", "", 0, ""},
		{"a TODO without a space", 2, "title: Checkout 503s #TODO", title, "Checkout 503s", "", 0, ""},
		// README and the hints tell authors to silence a rule with a
		// comment on the line: quoting it would publish the marker.
		{"a pmkb-lint-ignore comment", 8, "impact: Bob pushed the bad config  # pmkb-lint-ignore blameless", impact, "Bob pushed the bad config", "", 0, ""},
		{"a note after a status", 17, "    status: open  # open, in-progress, done, wont-do", func(p *model.Postmortem) string { return p.ActionItems[0].Status }, "open", "", 0, ""},
		{"a note after a severity", 4, "severity: SEV2 # worst first", func(p *model.Postmortem) string { return p.Severity }, "SEV2", "", 0, ""},
		{"a note after a list", 5, "systems: [checkout-api]  # TODO", func(p *model.Postmortem) string { return strings.Join(p.Systems, ",") }, "checkout-api", "", 0, ""},
		{"a note after a time", 12, "  started: 2024-03-03T09:00Z  # when a person noticed", func(p *model.Postmortem) string { return p.Timeline.Started.Format("15:04") }, "09:00", "", 0, ""},
		{"a hash inside a word", 2, "title: Checkout#4512 down", title, "Checkout#4512 down", "", 0, ""},
		{"a standard tag", 2, "title: !!str 3.10", title, "3.10", "", 0, ""},
		{"a team's own field", 8, "custom: !x y # z", func(p *model.Postmortem) string { return p.Extra["custom"].(string) }, "y", "", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, found := unquotedText(t, map[int]string{c.line: c.text})
			if got := c.read(p); got != c.wantRead {
				t.Errorf("read %q, want %q", got, c.wantRead)
			}
			if c.want == "" {
				for _, d := range found {
					t.Errorf("unexpected %s", d)
				}
				return
			}
			if len(found) != 1 {
				t.Fatalf("got %d warnings, want\n%s", len(found), c.want)
			}
			d := found[0]
			if got := strings.TrimPrefix(d.String(), "content/postmortems/x.md"); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			excerpt := c.text
			if strings.Contains(excerpt, "\n") {
				excerpt = ""
			}
			if d.Col != c.wantCol || d.Excerpt != excerpt {
				t.Errorf("column %d of %q, want %d of %q", d.Col, d.Excerpt, c.wantCol, excerpt)
			}
			// The quoted value, in the value's place, reads whole.
			m := quoteTheValue.FindStringSubmatch(d.Message)
			indent := c.text[:len(c.text)-len(strings.TrimLeft(c.text, " "))]
			mended, mfound := unquotedText(t, map[int]string{c.line: indent + m[1]})
			if got := c.read(mended); got != c.wantValue || len(mfound) != 0 {
				t.Errorf("%s reads %q (warnings %v), want %q", m[1], got, mfound, c.wantValue)
			}
		})
	}
}

func title(p *model.Postmortem) string     { return p.Title }
func summary(p *model.Postmortem) string   { return p.Summary }
func impact(p *model.Postmortem) string    { return p.Impact }
func itemTitle(p *model.Postmortem) string { return p.ActionItems[0].Title }
func firstTag(p *model.Postmortem) string  { return strings.Join(p.Tags[:1], "") }

// TestTemplateCommentsStaySilent checks that the comments pmkb new writes
// after values, the TODOs and the notes, give no RuleUnquotedText warning,
// in the template as written and once its values are filled in with the
// comments kept ("started: 2026-11-27T09:00:00+09:00  # TODO: when it
// began").
func TestTemplateCommentsStaySilent(t *testing.T) {
	values := map[string]string{
		"started": "2026-11-27T09:00:00+09:00", "detected": "2026-11-27T09:10:00+09:00",
		"acknowledged": "2026-11-27T09:12:00+09:00", "mitigated": "2026-11-27T09:40:00+09:00",
		"resolved": "2026-11-27T10:00:00+09:00", "due": "2026-12-01",
	}
	// A key with no value and a comment after it: "  started:       # TODO…".
	empty := regexp.MustCompile(`^(\s*(?:- )?([a-z_]+):)(\s+#.*)$`)
	for _, lang := range []string{"en", "ja"} {
		res, err := scaffold.New(nil, themes.Default(), scaffold.Options{Title: "Orders DB pool exhausted", Lang: lang, Date: model.Date{Year: 2026, Month: 11, Day: 27}})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(res.Data), "\n")
		filled, n := make([]string, len(lines)), 0
		for i, l := range lines {
			filled[i] = l
			if m := empty.FindStringSubmatch(l); m != nil && values[m[2]] != "" {
				filled[i], n = m[1]+" "+values[m[2]]+m[3], n+1
			}
		}
		if n < 6 {
			t.Fatalf("%s: filled %d values after comments, want the timeline's and due:\n%s", lang, n, res.Data)
		}
		cfg := model.DefaultSiteConfig()
		for _, data := range []string{string(res.Data), strings.Join(filled, "\n")} {
			p, diags := source.ParseFile(res.Path, []byte(data), &cfg)
			if p == nil {
				t.Fatalf("%s: does not parse:\n%s", lang, diags)
			}
			for _, d := range diags.Items() {
				if d.Rule == source.RuleUnquotedText {
					t.Errorf("%s: %s", lang, d)
				}
			}
		}
	}
}
