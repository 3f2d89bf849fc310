package render

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

// bodyHeading is the start tag of a heading of a rendered Markdown body:
// goldmark gives each an id (source's headingIDs), its only attribute.
var bodyHeading = regexp.MustCompile(`<h([1-6]) id="([^"<>]*)">`)

// anchorHeadings returns the body HTML with a "#" link after each heading
// that has an id, as the postmortem page's own sections have (QA 13 F17):
// the heading and its link are wrapped in a div of class "anchored" (the
// stylesheet shows the link on hover and focus), outside the heading, so
// the heading's text stays its name. label makes the link's aria-label
// from the heading's text. The id and the label are escaped; the body's
// own bytes are copied as they are.
func anchorHeadings(body string, label func(heading string) string) string {
	ms := bodyHeading.FindAllStringSubmatchIndex(body, -1)
	if ms == nil {
		return body
	}
	var b strings.Builder
	b.Grow(len(body) + len(ms)*160)
	last := 0
	for _, m := range ms {
		if m[0] < last {
			continue // a heading inside the last one: not from goldmark
		}
		level, id := body[m[2]:m[3]], body[m[4]:m[5]]
		end := "</h" + level + ">"
		closeAt := strings.Index(body[m[1]:], end)
		if closeAt < 0 {
			continue
		}
		closeAt += m[1]
		text := html.UnescapeString(stripTags(body[m[1]:closeAt]))
		href := "#" + url.PathEscape(html.UnescapeString(id))
		b.WriteString(body[last:m[0]])
		b.WriteString(`<div class="anchored anchored-h` + level + `">`)
		b.WriteString(body[m[0] : closeAt+len(end)])
		b.WriteString(`<a class="anchor" href="` + html.EscapeString(href) + `" aria-label="` + html.EscapeString(label(text)) + `">#</a></div>`)
		last = closeAt + len(end)
	}
	b.WriteString(body[last:])
	return b.String()
}

// stripTags returns the text of an HTML fragment without its tags
// (entities left as they are), spaces folded: a heading's text.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
