package lint

import (
	"strings"

	"github.com/pmkb/pmkb/generator/model"
)

// markdownRules report Markdown that does not come out on the page as its
// writer meant.
func markdownRules() []Rule {
	return []Rule{
		{
			ID: "markdown/raw-html", Severity: warning,
			Doc: "The body's raw HTML is rendered: while unsafeHTML is off, only <br>, <details>, <summary>, <sub>, <sup> and <kbd> without attributes, in pairs; other tags are shown as text.",
			Check: withPM(func(f *File, p *model.Postmortem, report func(int, string, string)) {
				for _, e := range p.EscapedHTML {
					if e.Unpaired {
						msg, hint := unpairedMessage(e.Tag)
						report(e.Line, msg, hint)
						continue
					}
					report(e.Line, "raw HTML "+e.Tag+" is shown as text; use Markdown or set unsafeHTML = true",
						"without unsafeHTML, only <br>, <details>, <summary>, <sub>, <sup> and <kbd> are rendered, written without attributes (<details> and <summary> on lines of their own); a line break in a paragraph is a \\ at the end of the line")
				}
			}),
		},
	}
}

// unpairedMessage is the warning and hint for an allowed tag shown as text
// because its tags do not pair up where it stands: inline tags pair up
// within a paragraph, table cell or heading; <details> at one level of the
// document, with <summary> right after it.
func unpairedMessage(tag string) (msg, hint string) {
	switch tag {
	case "<details>", "<summary>":
		return "raw HTML " + tag + " is shown as text here: its opening and closing tags do not pair up at this level of the document",
			"put <details> and </details> on lines of their own at the same level (not one inside a list item and the other outside), with <summary>…</summary> right after <details>, or remove them"
	}
	closing := "</" + strings.Trim(tag, "<>") + ">"
	return "raw HTML " + tag + " is shown as text here: its opening and closing tags do not pair up in this paragraph, table cell or heading",
		"close each " + tag + " with " + closing + " in the same paragraph, table cell or heading, or remove the stray one"
}
