package lint

import (
	"fmt"
	"regexp"
	"strconv"
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
				hint := "without unsafeHTML, only <br>, <details>, <summary>, <sub>, <sup> and <kbd> are rendered, written without attributes (<details> and <summary> on lines of their own); a line break in a paragraph is a \\ at the end of the line"
				var inText []model.EscapedHTML
				for _, e := range p.EscapedHTML {
					switch {
					case e.Unclosed:
						msg, hint := unclosedMessage(f, e)
						report(e.Line, msg, hint)
					case e.Nameless:
						msg, hint := namelessMessage(e.Tag)
						report(e.Line, msg, hint)
					case e.Unpaired:
						msg, hint := unpairedMessage(e.Tag)
						report(e.Line, msg, hint)
					case e.InText:
						inText = append(inText, e)
					default:
						// The long hint once per file (QA 17r R10).
						report(e.Line, "raw HTML "+e.Tag+" is shown as text; use Markdown or set unsafeHTML = true", hint)
						hint = ""
					}
				}
				if len(inText) > 0 {
					msg, hint := inTextMessage(inText)
					report(inText[0].Line, msg, hint)
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

// namelessMessage is the warning and hint for a <details> shown as text
// because no <summary> follows it, or for an empty <summary> shown as
// text with its <details> (model.EscapedHTML.Nameless): their tags pair
// up, but the disclosure widget would have no name to read, which is
// what the message says rather than unpairedMessage's (QA 18 C-F10).
func namelessMessage(tag string) (msg, hint string) {
	if tag == "<summary>" {
		return "raw HTML <summary> is shown as text here, with its <details>: the <summary> has no text, so the disclosure widget would have no name to read",
			"write what the <details> holds between <summary> and </summary>, e.g. <summary>Full log</summary>, or remove the tags"
	}
	return "raw HTML <details> is shown as text here: it is rendered only with a <summary> that has text right after it, or the disclosure widget would have no name to read",
		"write <summary>what it holds</summary> right after <details> (on its line, the next or after blank lines), e.g. <details><summary>Full log</summary>, or remove the tags"
}

// inTextMessage is the one warning and hint for the tags of a body that
// name elements in running text ("the <select> of countries"): shown as
// text is what their writer meant, so the advice keeps the text, as code;
// unsafeHTML would make them live elements and drop the words (QA 17r R10).
func inTextMessage(notes []model.EscapedHTML) (msg, hint string) {
	first := notes[0]
	msg = "raw HTML " + first.Tag + " in running text is shown as text; to name an element, write it as code: `" + first.Tag + "`"
	if len(notes) > 1 {
		lines := make([]string, 0, len(notes)-1)
		for _, n := range notes[1:] {
			lines = append(lines, strconv.Itoa(n.Line))
		}
		msg += " (the same for the tags on lines " + strings.Join(lines, ", ") + ")"
	}
	return msg, "an opening tag that its paragraph does not close is taken as a name in running text; in backticks it is shown as written and never read as HTML"
}

// atxHeadingRE matches a heading line of Markdown ("## Timeline notes"),
// its text in group 1.
var atxHeadingRE = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)

// unclosedMessage is the warning and hint for an HTML comment that is
// never closed (model.EscapedHTML.Unclosed): the page, its search text
// and its exports leave out all it hides, silently, as GitHub does (QA
// 21r F6). The message says how much that is, and names the first
// heading it hides, which the writer will miss first.
func unclosedMessage(f *File, e model.EscapedHTML) (msg, hint string) {
	last := e.Line + e.Hides
	rest := true // nothing after the hidden lines
	for n := last + 1; n <= f.numLines() && rest; n++ {
		rest = strings.TrimSpace(f.line(n)) == ""
	}
	heading := ""
	for n := e.Line + 1; n <= last && n <= f.numLines(); n++ {
		if m := atxHeadingRE.FindStringSubmatch(f.line(n)); m != nil && m[1] != "" {
			heading = m[1]
			break
		}
	}
	lines := "1 line"
	if e.Hides != 1 {
		lines = strconv.Itoa(e.Hides) + " lines"
	}
	msg = "HTML comment <!-- is never closed (no -->): "
	switch {
	case e.Hides == 0:
		msg += "it hides the rest of its line"
	case rest:
		msg += "it hides the rest of the body, " + lines + " after it"
	default:
		next := "the next line"
		if e.Hides > 1 {
			next = "the next " + lines
		}
		msg += "it hides the rest of its line and " + next + ", to the end of its HTML block, list item or quote"
	}
	if heading != "" {
		msg += fmt.Sprintf(", with the heading %q", heading)
	}
	return msg, "end the comment with --> where the note ends; a comment that is never closed hides everything after it on the page, in search and in exports, as on GitHub"
}
