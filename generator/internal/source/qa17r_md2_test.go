package source_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestHeadingBracesStayText: braces at the end of a heading are read as
// attributes only when they hold an id written {#id}; "{}", "{id=0}",
// "{acks=1}" or "{.class}" stay the heading's text, and its id is the one
// made from that text as before (the repository browser's), so links to
// it keep working, without a warning. A heading that would be left with
// no text keeps its braces as text too. Braces that set the id and more,
// or that name a class and stay text, or an id alone, get a warning at
// their line that says how to keep them as text, \{ (QA 17r R2).
func TestHeadingBracesStayText(t *testing.T) {
	body := strings.Join([]string{
		"## The API answered {}",              // 12
		"## Orders were saved with {id=0}",    // 14
		"## Kafka producer ran with {acks=1}", // 16
		"See [a](#the-api-answered-) [b](#orders-were-saved-with-id0) [c](#kafka-producer-ran-with-acks1) [d](#t) [e](#setext-braces-).", // 18
		"## {}",                 // 20
		"## {#empty}",           // 22
		"## Hugo {.unnumbered}", // 24
		"## Table {#t .wide}",   // 26
		"Setext braces {}\n---", // 28
		"## Escaped \\{id=1}",   // 31
		"## {#}",                // 33
	}, "\n\n") + "\n"
	got := qa17mdWarnings(t, fstest.MapFS{}, nil, body)
	want := map[int]string{
		22: `markdown/links: heading "{#empty}" would have no text but its id, so it is shown as text; write the heading's text before the braces (## What happened {#empty}), or \{ to keep the braces as text without this warning`,
		24: `markdown/links: "{.unnumbered}" at the end of the heading is shown as text: a heading sets its id only as {#id} (## Hugo {#…}), and no other attribute; write \{ to keep the braces as text without this warning`,
		33: `markdown/links: heading "{#}" would have no text but its id, so it is shown as text; write the heading's text before the braces (## What happened {#…}), or \{ to keep the braces as text without this warning`,
		26: `markdown/links: heading attributes are left out but for its id ({#t}): the text of a postmortem does not set attributes on the page; remove a class ({.…}), or write \{ to keep the braces as text`,
	}
	checkOneWarningPerLine(t, got, want)
	cfg := model.DefaultSiteConfig()
	p, diags := source.ParseFile(qa17mdPath, []byte(linkFront+"\n"+body), &cfg)
	if p == nil {
		t.Fatalf("not parsed: %v", diags)
	}
	for _, w := range []string{`<h2 id="the-api-answered-">The API answered {}</h2>`,
		`<h2 id="orders-were-saved-with-id0">Orders were saved with {id=0}</h2>`,
		`<h2 id="kafka-producer-ran-with-acks1">Kafka producer ran with {acks=1}</h2>`,
		`>{}</h2>`, `>{#empty}</h2>`, `<h2 id="hugo-unnumbered">Hugo {.unnumbered}</h2>`, `<h2 id="t">Table</h2>`,
		`<h2 id="setext-braces-">Setext braces {}</h2>`, `<h2 id="escaped-id1">Escaped {id=1}</h2>`} {
		if !strings.Contains(p.HTML, w) {
			t.Errorf("HTML lacks %s:\n%s", w, p.HTML)
		}
	}
	if strings.Contains(p.HTML, `"></h2>`) {
		t.Errorf("an empty heading:\n%s", p.HTML)
	}
}

// TestAdviceWithSpacesIsMarkdown: the Markdown a warning says to write
// for a raw <img src> and the path it says to write for a root-relative
// image are valid as written when the file name has a space or
// parentheses (<img/My Graph (1).png>): an author who follows the advice
// gets the image published, and no warning (QA 17r R6; before, the
// advice was literal text on the page).
func TestAdviceWithSpacesIsMarkdown(t *testing.T) {
	cfg := model.DefaultSiteConfig()
	cfg.UnsafeHTML = true
	const file = "content/postmortems/2023/img/My Graph (1).png"
	fsys := func() fstest.MapFS { return fstest.MapFS{file: {Data: []byte("PNG")}} }
	advice := regexp.MustCompile(`write it in Markdown: (.*)$|write it relative to this file: (.*)$`)
	for _, tc := range []struct{ body, old string }{
		{`<img src="img/My Graph (1).png" alt="latency">`, `<img src="img/My Graph (1).png" alt="latency">`},
		{`![latency](/postmortems/2023/img/My%20Graph%20(1).png)`, `/postmortems/2023/img/My%20Graph%20(1).png`},
	} {
		got := qa17mdWarnings(t, fsys(), &cfg, tc.body+"\n")
		if len(got[12]) != 1 {
			t.Fatalf("%s: warnings %v", tc.body, got)
		}
		m := advice.FindStringSubmatch(got[12][0])
		if m == nil {
			t.Fatalf("%s: no advice in %q", tc.body, got[12][0])
		}
		fixed := m[1]
		if fixed == "" {
			fixed = strings.Replace(tc.body, tc.old, m[2], 1)
		}
		if got := qa17mdWarnings(t, fsys(), &cfg, fixed+"\n"); len(got) > 0 {
			t.Errorf("%s written as told, %s: %v", tc.body, fixed, got)
		}
		p, diags := source.ParseFile(qa17mdPath, []byte(linkFront+"\n"+fixed+"\n"), &cfg)
		if p == nil {
			t.Fatalf("not parsed: %v", diags)
		}
		if !slices.Contains(p.Attachments, file) || !strings.Contains(p.HTML, "<img ") {
			t.Errorf("%s written as told, %s: attachments %q, HTML %s", tc.body, fixed, p.Attachments, p.HTML)
		}
	}
}
