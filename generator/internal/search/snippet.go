package search

import (
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/internal/termtext"
)

// snippetWidth is the length of a hit's snippet in columns, a character
// two when it is East Asian wide (Japanese, Chinese and Korean, full-width
// forms) and one otherwise, as a terminal draws it: so a Japanese snippet
// takes about as much of a page or a terminal as an English one (100
// characters, not 200), as search engines cut them. search.js cuts the
// same.
const snippetWidth = 200

// runeColumns is the columns r takes in a snippet: two for a character a
// terminal draws two columns wide (termtext.RuneWidth), one for any other,
// zero-width ones included. gentables writes the same ranges into
// search.js's WIDE_TABLE.
func runeColumns(r rune) int {
	if r >= 0x1100 && termtext.RuneWidth(r) == 2 {
		return 2
	}
	return 1
}

// columnsAt returns the column each rune of rs starts at, and at len(rs)
// the columns of all of them.
func columnsAt(rs []rune) []int {
	col := make([]int, len(rs)+1)
	for i, r := range rs {
		col[i+1] = col[i] + runeColumns(r)
	}
	return col
}

// atColumn is the first rune whose column (col, from columnsAt) is at
// least c, or len(col) when none is.
func atColumn(col []int, c int) int { return sort.SearchInts(col, c) }

// snippetClauses are pq's clauses as a snippet looks for them: a prefix
// stands for its expansions, as it does in ranking, and a phrase prefix
// is a phrase whose last term is any of them (Lasts); both keep Marked
// (see markedEnd).
func snippetClauses(src termSource, pq parsedQuery) []clause {
	out := make([]clause, 0, len(pq.Clauses))
	for _, c := range pq.Clauses {
		switch c.Kind {
		case clausePrefix:
			if exp, err := expansions(src, c); err == nil {
				c = clause{Kind: clausePrefix, Terms: exp, Marked: c.Marked}
			}
		case clausePhrasePrefix:
			exp, _ := expansions(src, lastPrefix(c))
			c = clause{Kind: clausePhrase, Terms: c.Terms, Offsets: c.Offsets, Lasts: append([]string{}, exp...), Marked: c.Marked}
		}
		out = append(out, c)
	}
	return out
}

// match is where a clause of a query occurs in a text, in runes.
type match struct {
	clause     int
	start, end int
}

// matches lists where clauses occur in text (toks are its terms), token
// by token and clause by clause: a word or a prefix wherever one of its
// terms is, a phrase where its terms are at their offsets from the first,
// its last any of Lasts when it has them (search.js's highlight finds the
// same). A match of a Marked prefix's expansion ends with the word
// (markedEnd).
func matches(text string, toks []Token, clauses []clause) []match {
	runeAt := make([]int, len(text)+1) // byte offset → rune offset
	n := 0
	for i := range text {
		runeAt[i] = n
		n++
	}
	runeAt[len(text)] = n
	for i := len(text) - 1; i >= 0; i-- {
		if !utf8.RuneStart(text[i]) {
			runeAt[i] = runeAt[i+1]
		}
	}
	byPos := map[int]int{}
	for i, t := range toks {
		if _, ok := byPos[t.Position]; !ok {
			byPos[t.Position] = i
		}
	}
	var out []match
	for _, t := range toks {
		term := validTerm(t.Term)
		for ci, c := range clauses {
			if c.Kind != clausePhrase {
				if slices.Contains(c.Terms, term) {
					out = append(out, match{ci, runeAt[t.Start], runeAt[markedEnd(text, t, c.Marked)]})
				}
				continue
			}
			if len(c.Terms) == 0 || c.Terms[0] != term {
				continue
			}
			end, ok := t.End, true
			for k := 1; k < len(c.Terms) && ok; k++ {
				j, found := byPos[t.Position+c.Offsets[k]]
				switch {
				case !found:
					ok = false
				case k == len(c.Terms)-1 && c.Lasts != nil:
					ok = slices.Contains(c.Lasts, validTerm(toks[j].Term))
					if ok {
						end = max(end, markedEnd(text, toks[j], c.Marked))
						continue
					}
				default:
					ok = validTerm(toks[j].Term) == c.Terms[k]
				}
				if ok {
					end = max(end, toks[j].End)
				}
			}
			if ok {
				out = append(out, match{ci, runeAt[t.Start], runeAt[end]})
			}
		}
	}
	return out
}

// markedEnd is where a match of t, a term of text, ends: t's end, or,
// when t is an expansion of a Marked prefix (marked: キー, whose term is
// キ) that pairs the letter with the character after it (キに of キーに,
// カに of レプリカに; markedExpansion), the end of the letter and of the
// long marks written after it (キー, カ): the word stops there, and the
// character after it is only in the term because foldLongMarks pairs it
// with the letter (QA 18r F9: キー marked キーに). A half-width letter's
// voiced mark (ｷﾞ) is the letter's. search.js's matchesIn does the same.
func markedEnd(text string, t Token, marked bool) int {
	_, n := utf8.DecodeRuneInString(t.Term)
	if !marked || n == len(t.Term) || t.Term[n:] == prolongedMark {
		return t.End
	}
	_, size := utf8.DecodeRuneInString(text[t.Start:t.End])
	i := t.Start + size
	if r, size := utf8.DecodeRuneInString(text[i:t.End]); r == 'ﾞ' || r == 'ﾟ' {
		i += size
	}
	for i < t.End {
		r, size := utf8.DecodeRuneInString(text[i:t.End])
		if r != 'ー' && r != 'ｰ' {
			break
		}
		i += size
	}
	return i
}

// bestMatch is the match a snippet of width columns starts a third of the
// way before: the one followed, within two thirds of the width, by the
// most distinct clauses (itself included), the first of equals; -1 when
// there are none. col is the text's columnsAt.
func bestMatch(ms []match, nClauses, width int, col []int) int {
	best, bestN := -1, 0
	seen := make([]int, nClauses) // the match i + 1 that saw a clause last
	for i, m := range ms {
		n := 0
		for _, o := range ms[i:] {
			if col[o.start] >= col[m.start]+width-width/3 {
				break
			}
			if seen[o.clause] != i+1 {
				seen[o.clause] = i + 1
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return best
}

// snippet cuts about width columns of text (runeColumns) around the
// passage that best matches clauses (bestMatch): from a third of the width
// before its first match, moved to the start of a word when one is near,
// to a word's end near the width, with "…" where text goes on. Text
// without a match, or short enough, is cut from the start. search.js's
// highlight cuts the same runes.
func snippet(a *Analyzer, text string, clauses []clause, width int) string {
	s, _ := snippetMarked(a, text, clauses, width)
	return s
}

// snippetMarked is snippet with where clauses match in it, in runes of
// the snippet, overlapping stretches merged: the matches of the whole
// text cut to the snippet, as search.js's highlight marks them, so that a
// phrase or a pair the "…" cuts is marked up to the cut (QA 18 b-F4:
// re-analysed, the cut snippet no longer held it whole, and the terminal
// left it plain where the site marked it).
func snippetMarked(a *Analyzer, text string, clauses []clause, width int) (string, []Span) {
	rs := []rune(text)
	col := columnsAt(rs)
	n := len(rs)
	ms := matches(text, a.Analyze(text), clauses)
	if col[n] <= width {
		return text, spansOf(ms, 0, n, 0)
	}
	start, anchor := 0, 0
	if i := bestMatch(ms, len(clauses), width, col); i >= 0 {
		anchor = ms[i].start
		start = atColumn(col, max(0, min(col[anchor]-width/3, col[n]-width)))
	}
	// the last rune boundary at most width columns after start
	end := atColumn(col, col[start]+width+1) - 1
	from, to := snapWords(rs, start, end, anchor)
	s, shift := string(rs[from:to]), -from
	if start > 0 {
		s = "…" + s
		shift++
	}
	if end < len(rs) && (to == 0 || rs[to-1] != '…') {
		s += "…"
	}
	return s, spansOf(ms, from, to, shift)
}

// spansOf is ms cut to the runes [from, to) and moved by shift, in order,
// overlapping or touching stretches merged.
func spansOf(ms []match, from, to, shift int) []Span {
	var out []Span
	for _, m := range ms {
		if a, b := max(m.start, from), min(m.end, to); a < b {
			out = append(out, Span{a + shift, b + shift})
		}
	}
	slices.SortFunc(out, func(x, y Span) int { return x.Start - y.Start })
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 && sp.Start <= merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, sp.End)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// wordSnap is how far, in runes, a snippet's ends move to fall between
// words.
const wordSnap = 16

// snapWords moves a snippet's ends, start and end in rs, to fall between
// words: a start inside a word to after the next space within wordSnap
// runes (not past anchor), an end inside a word back to the last space
// within wordSnap runes; then spaces at either end are left out. Text
// without spaces (Japanese) is cut where it is.
func snapWords(rs []rune, start, end, anchor int) (from, to int) {
	if start > 0 && rs[start-1] != ' ' {
		for k := start; k < min(start+wordSnap, anchor); k++ {
			if rs[k] == ' ' {
				start = k + 1
				break
			}
		}
	}
	if end < len(rs) && rs[end] != ' ' {
		for k := end - 1; k > max(end-wordSnap, start); k-- {
			if rs[k] == ' ' {
				end = k
				break
			}
		}
	}
	for start < end && rs[start] == ' ' {
		start++
	}
	for end > start && rs[end-1] == ' ' {
		end--
	}
	return start, end
}
