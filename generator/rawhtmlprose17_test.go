package generator_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
)

// TestRawHTMLNamesInProse: a postmortem that names HTML elements in its
// running text ("the <select> of countries") gets one markdown/raw-html
// warning for them all, whose advice keeps the text (backticks), never
// unsafeHTML, which would make them live elements and drop the words; a
// Confluence export's tags are still warned about at each place, with the
// long hint once per file (QA 17r R10: five warnings, each saying "set
// unsafeHTML = true", each with the same two-line hint).
func TestRawHTMLNamesInProse(t *testing.T) {
	const pm = "content/postmortems/2024/2024-03-14-checkout-tls-certificate-expired.md"
	body := strings.Join([]string{
		"The release replaced the <select> of countries with a custom list.",          // 15
		"The <input> for the postcode lost its label, and the <form> posted nothing.", // 17
		"Screen readers announced the <button> as a link.",                            // 19
		"Our <noscript> fallback was empty.",                                          // 21
		"The <template> element was cloned before the <slot> was filled.",             // 23
		`<div class="panel">Note</div>`,                                               // 25
		`A <span style="color:red">red</span> word.`,                                  // 27
	}, "\n\n")
	src := fstest.MapFS{
		"pmkb.toml": {Data: []byte(contractSiteConfig)},
		pm:          {Data: []byte(contractPM("[checkout-api]", "") + "\n" + body + "\n")},
	}
	list, err := generator.Lint(generator.LintOptions{Source: src, Today: sampleToday, Paths: []string{pm}})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	hints := 0
	for _, d := range list.Items() {
		if d.Rule != "markdown/raw-html" {
			continue
		}
		lines = append(lines, d.Pos.Line)
		if d.Hint != "" {
			hints++
		}
		switch d.Pos.Line {
		case 15:
			if !strings.Contains(d.Message, "`<select>`") || strings.Contains(d.Message+d.Hint, "unsafeHTML") {
				t.Errorf("line 15: %s\n%s", d.Message, d.Hint)
			}
		case 25, 27:
			if !strings.Contains(d.Message, "unsafeHTML") {
				t.Errorf("line %d: %s", d.Pos.Line, d.Message)
			}
		}
	}
	if len(lines) != 3 || lines[0] != 15 || lines[1] != 25 || lines[2] != 27 || hints != 2 {
		t.Errorf("raw-html warnings at lines %v with %d hints, want 15, 25, 27 and 2 (the names' and the first tag's):\n%s", lines, hints, list)
	}
}
