package render

import (
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/pmkb/pmkb/generator/model"
)

// anchorHeadings returns the body HTML with a "#" link after each heading
// that has an id, as the postmortem page's own sections have (QA 13 F17):
// the heading and its link are wrapped in a div of class "anchored" (the
// stylesheet shows the link on hover and focus), outside the heading, so
// the heading's text stays its name. label makes the link's aria-label
// from the heading's text. lang, when not "", is the language of that UI
// text, set on the link when it differs from the body's (QA 14 B-F2: a
// Japanese label inside an English body was read with an English voice).
// The id, lang and the label are escaped; the body's own bytes are copied
// as they are.
func anchorHeadings(body, lang string, label func(heading string) string) string {
	var b strings.Builder
	last := 0
	attrLang := ""
	if lang != "" {
		attrLang = ` lang="` + html.EscapeString(lang) + `"`
	}
	for from := 0; ; {
		start, end, level, id, ok := nextHeading(body, from)
		if !ok {
			break
		}
		closeTag := "</h" + level + ">"
		closeAt := strings.Index(body[end:], closeTag)
		if closeAt < 0 {
			from = end
			continue
		}
		closeAt += end
		if b.Len() == 0 {
			b.Grow(len(body) + 512)
		}
		text := html.UnescapeString(stripTags(body[end:closeAt]))
		if model.ShowsNothing(text) {
			// A heading of images is named by their alt text (QA 18r F2).
			text = imageAlts(body[end:closeAt])
		}
		if model.ShowsNothing(text) {
			// An empty heading gets no link "to this section: " (QA 18
			// C-F3; lint warns about it, markdown/empty-heading).
			from = closeAt + len(closeTag)
			continue
		}
		href := "#" + url.PathEscape(html.UnescapeString(id))
		b.WriteString(body[last:start])
		b.WriteString(`<div class="anchored anchored-h` + level + `">`)
		b.WriteString(body[start : closeAt+len(closeTag)])
		b.WriteString(`<a class="anchor"` + attrLang + ` href="` + html.EscapeString(href) + `" aria-label="` + html.EscapeString(label(text)) + `">#</a></div>`)
		last = closeAt + len(closeTag)
		from = last // a heading inside this one is not from goldmark
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// nextHeading finds the first start tag of a heading as goldmark writes
// it, `<hN id="…">` with N 1-6 and an id without '"', '<' or '>', at or
// after from in body: where it starts and ends, N and the id as written.
// A plain scan: a regular expression over every body cost ~0.3 CPU-s of a
// 10,000-postmortem build.
func nextHeading(body string, from int) (start, end int, level, id string, ok bool) {
	for {
		k := strings.Index(body[from:], "<h")
		if k < 0 {
			return 0, 0, "", "", false
		}
		start = from + k
		rest := body[start+2:]
		if len(rest) > 6 && '1' <= rest[0] && rest[0] <= '6' && strings.HasPrefix(rest[1:], ` id="`) {
			if q := strings.IndexAny(rest[6:], `"<>`); q >= 0 && strings.HasPrefix(rest[6+q:], `">`) {
				return start, start + 2 + 6 + q + 2, rest[:1], rest[6 : 6+q], true
			}
		}
		from = start + 2
	}
}

// imgAlt matches an image's alt text as goldmark writes it.
var imgAlt = regexp.MustCompile(`<img\b[^>]*?\balt="([^"]*)"`)

// imageAlts returns the alt texts of the images of an HTML fragment, one
// space between them, entities resolved.
func imageAlts(s string) string {
	var alts []string
	for _, m := range imgAlt.FindAllStringSubmatch(s, -1) {
		alts = append(alts, html.UnescapeString(m[1]))
	}
	return strings.Join(strings.Fields(strings.Join(alts, " ")), " ")
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
