package termtext

import "github.com/mattn/go-runewidth"

// columns is how pmkb's terminal output counts the columns text takes:
// an East Asian wide character two, and an ambiguous-width one (… × ○)
// one whatever the locale. go-runewidth's package functions read LANG
// when the program starts and count ambiguous characters as two under a
// CJK locale, which made `pmkb actions` cut and pad its table differently
// for a Japanese user than for anyone else.
func columns() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	return c
}

// Width is the number of columns s takes on a terminal.
func Width(s string) int { return columns().StringWidth(s) }

// RuneWidth is the number of columns r takes on a terminal.
func RuneWidth(r rune) int { return columns().RuneWidth(r) }

// Truncate cuts s to at most w columns, ending in tail when it cut.
func Truncate(s string, w int, tail string) string { return columns().Truncate(s, w, tail) }

// FillRight pads s with spaces to w columns.
func FillRight(s string, w int) string { return columns().FillRight(s, w) }
