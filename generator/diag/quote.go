package diag

import (
	"fmt"
	"strings"

	"github.com/pmkb/pmkb/generator/internal/termtext"
)

// quoteWidth is about how many terminal columns of a long excerpt Quote
// shows around the column of the problem.
const quoteWidth = 100

// Quote returns the excerpt of d, the source line it is on, as the two
// lines pmkb prints under a problem's message:
//
//	4 | severity: [SEV1
//	  |           ^
//
// with the caret under column Col (no caret line when Col is 0); "" when d
// has no Excerpt. The line is made safe for a terminal (termtext.OneLine,
// but tabs are kept), the spaces YAML does not read as spaces (no-break,
// full-width, zero-width) and the invisible bidi controls are spelled
// <U+00A0>, <U+202E>, as they are often the mistake, and the caret is padded by the display width of what is before
// it, tabs copied, so it sits under its character in Japanese text and
// after tabs too. Of a line wider than about 100 columns, about 100 around
// Col are shown, with "…" where it is cut.
func (d Diagnostic) Quote() string {
	if d.Excerpt == "" {
		return ""
	}
	var cells []string // what each character of the line is shown as
	for _, r := range d.Excerpt {
		switch {
		case r == '\t':
			cells = append(cells, "\t")
		case r == 0xa0 || r == 0x3000 || r == 0x202f || r == 0xfeff || (r >= 0x2000 && r <= 0x200b),
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069: // bidi controls (markdown/bidi-control)
			cells = append(cells, fmt.Sprintf("<U+%04X>", r))
		default:
			cells = append(cells, termtext.OneLine(string(r)))
		}
	}
	at := min(max(d.Col-1, 0), len(cells)) // the caret's index in cells
	from, to := window(cells, at)
	var shown, pad strings.Builder
	if from > 0 {
		shown.WriteString("…")
		pad.WriteString(" ")
	}
	shown.WriteString(strings.Join(cells[from:to], ""))
	if to < len(cells) {
		shown.WriteString("…")
	}
	// The width of each run between tabs is taken whole, so a character
	// drawn from several (an emoji with a skin tone) counts once.
	var run strings.Builder
	for _, c := range cells[from:at] {
		if c == "\t" {
			pad.WriteString(strings.Repeat(" ", termtext.Width(run.String())))
			run.Reset()
			pad.WriteByte('\t')
		} else {
			run.WriteString(c)
		}
	}
	pad.WriteString(strings.Repeat(" ", termtext.Width(run.String())))
	num := fmt.Sprintf("%4d", d.Pos.Line)
	out := "    " + num + " | " + shown.String() + "\n"
	if d.Col > 0 {
		out += "    " + strings.Repeat(" ", len(num)) + " | " + pad.String() + "^\n"
	}
	return out
}

// width is the number of columns a cell of an excerpt takes; a tab counts
// as four, about what it takes after an indentation.
func width(c string) int {
	if c == "\t" {
		return 4
	}
	return termtext.Width(c)
}

// window returns the cells of a line to show, cells[from:to]: all of them
// when they are at most quoteWidth columns wide, else about quoteWidth
// columns with index at among them, about 40 of them before it.
func window(cells []string, at int) (from, to int) {
	total := 0
	for _, c := range cells {
		total += width(c)
	}
	if total <= quoteWidth {
		return 0, len(cells)
	}
	budget := quoteWidth - 2 // the two "…"
	from, used := at, 0
	for from > 0 && used+width(cells[from-1]) <= 40 {
		from--
		used += width(cells[from])
	}
	to = from
	used = 0
	for to < len(cells) && used+width(cells[to]) <= budget {
		used += width(cells[to])
		to++
	}
	for to == len(cells) && from > 0 && used+width(cells[from-1]) <= budget {
		from--
		used += width(cells[from])
	}
	return from, to
}

// Terminal returns s, a line of a report, fit for a terminal: every
// control, format (bidirectional) and line-separator character a
// postmortem's own text may bring into a path, message or hint is a space
// (termtext.OneLine), so it cannot clear, colour or reorder the terminal.
func Terminal(s string) string { return termtext.OneLine(s) }
