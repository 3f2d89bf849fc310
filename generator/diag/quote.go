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
// but tabs are kept), and the caret is padded by the display width of the
// characters before it, tabs copied, so it sits under its character in
// Japanese text and after tabs too. Of a line wider than about 100
// columns, about 100 around Col are shown, with "…" where it is cut.
func (d Diagnostic) Quote() string {
	if d.Excerpt == "" {
		return ""
	}
	parts := strings.Split(d.Excerpt, "\t")
	for i, p := range parts {
		parts[i] = termtext.OneLine(p)
	}
	line := []rune(strings.Join(parts, "\t"))
	at := min(max(d.Col-1, 0), len(line)) // the caret's index in line
	from, to := window(line, at)
	var shown, pad strings.Builder
	if from > 0 {
		shown.WriteString("…")
		pad.WriteString(" ")
	}
	shown.WriteString(string(line[from:to]))
	if to < len(line) {
		shown.WriteString("…")
	}
	for _, r := range line[from:at] {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteString(strings.Repeat(" ", termtext.RuneWidth(r)))
		}
	}
	num := fmt.Sprintf("%4d", d.Pos.Line)
	out := "    " + num + " | " + shown.String() + "\n"
	if d.Col > 0 {
		out += "    " + strings.Repeat(" ", len(num)) + " | " + pad.String() + "^\n"
	}
	return out
}

// width is the number of columns r takes in an excerpt; a tab counts as
// four, about what it takes after an indentation.
func width(r rune) int {
	if r == '\t' {
		return 4
	}
	return termtext.RuneWidth(r)
}

// window returns the runes of line to show, line[from:to]: all of it when
// it is at most quoteWidth columns wide, else about quoteWidth columns
// with index at among them, about 40 of them before it.
func window(line []rune, at int) (from, to int) {
	total := 0
	for _, r := range line {
		total += width(r)
	}
	if total <= quoteWidth {
		return 0, len(line)
	}
	budget := quoteWidth - 2 // the two "…"
	from, used := at, 0
	for from > 0 && used+width(line[from-1]) <= 40 {
		from--
		used += width(line[from])
	}
	to = from
	used = 0
	for to < len(line) && used+width(line[to]) <= budget {
		used += width(line[to])
		to++
	}
	for to == len(line) && from > 0 && used+width(line[from-1]) <= budget {
		from--
		used += width(line[from])
	}
	return from, to
}
