package lint

import "github.com/pmkb/pmkb/generator/model"

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
						report(e.Line, "raw HTML "+e.Tag+" is shown as text: its opening and closing tags do not pair up in this body",
							"close each "+e.Tag+" in the same paragraph or table cell (<details> at the same level, with <summary> right after it and closed on the same lines), or remove them")
						continue
					}
					report(e.Line, "raw HTML "+e.Tag+" is shown as text; use Markdown or set unsafeHTML = true",
						"without unsafeHTML, only <br>, <details>, <summary>, <sub>, <sup> and <kbd> are rendered, written without attributes (<details> and <summary> on lines of their own); a line break in a paragraph is a \\ at the end of the line")
				}
			}),
		},
	}
}
