package search

import (
	"cmp"
	"fmt"
	"strings"
	"unicode/utf8"
)

// suggestions returns a "did you mean" hint for each word of q that is in
// no postmortem, naming the index word closest to it: within edit distance
// 1 (words of up to five runes) or 2, sharing its first rune, the one in
// the most postmortems on a tie. Only the command line suggests; the
// browser would have to load the whole term dictionary.
func suggestions(ix *Index, src termSource, q string) ([]string, error) {
	var out []string
	for _, t := range splitQuery(q) {
		if t.Quoted || strings.Contains(t.Text, ":") || strings.HasSuffix(t.Text, "*") {
			continue
		}
		for _, part := range splitScripts(t.Text, ix.analyzer) {
			c, ok := wordClause(part, ix.analyzer)
			if !ok || c.Kind != clauseTerm {
				continue
			}
			term := c.Terms[0]
			n := utf8.RuneCountInString(term)
			if n < 3 || isCJKTerm(term) {
				continue
			}
			if df, err := src.docFreq(term); err != nil {
				return nil, err
			} else if df != ([nFields]int{}) {
				continue
			}
			maxDist := 2
			if n <= 4 {
				maxDist = 1
			}
			best, err := closestTerm(src, term, maxDist)
			if err != nil {
				return nil, err
			}
			if best != "" {
				out = append(out, fmt.Sprintf("no postmortem has the word %q; did you mean %q?", part, surfaceWord(ix, src, best)))
			}
		}
	}
	return out, nil
}

// closestTerm is the index term nearest to term within maxDist edits
// (ties: more documents, then code-point order), or "".
func closestTerm(src termSource, term string, maxDist int) (string, error) {
	r, size := utf8.DecodeRuneInString(term)
	if r == utf8.RuneError || maxDist < 1 {
		return "", nil
	}
	cands, err := src.prefixTerms(term[:size])
	if err != nil {
		return "", err
	}
	best, bestDist, bestDF := "", maxDist+1, 0
	for _, c := range cands {
		d := editDistance(term, c, maxDist)
		if d > maxDist || d == 0 || d > bestDist {
			continue
		}
		df, err := src.docFreq(c)
		if err != nil {
			return "", err
		}
		sum := 0
		for _, v := range df {
			sum += v
		}
		if sum == 0 {
			continue
		}
		if d < bestDist || cmp.Or(cmp.Compare(sum, bestDF), strings.Compare(best, c)) > 0 {
			best, bestDist, bestDF = c, d, sum
		}
	}
	return best, nil
}

// editDistance is the Levenshtein distance between a and b in runes, or
// max+1 when it is larger than max.
func editDistance(a, b string, max int) int {
	x, y := []rune(a), []rune(b)
	if d := len(x) - len(y); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// surfaceWord is a word as written in a postmortem that term is made from
// (index terms are stemmed: "certif" is written "certificate"), found in
// the titles and snippets of the documents holding it, or term itself.
func surfaceWord(ix *Index, src termSource, term string) string {
	counts := map[string]int{}
	for f := range Fields {
		ps, err := src.postings(term, f, false)
		if err != nil {
			break
		}
		for i, p := range ps {
			if i == 20 {
				break
			}
			for _, text := range []string{ix.docs[p.Doc].Title, ix.snippetText(int(p.Doc))} {
				for _, t := range ix.analyzer.Analyze(text) {
					if t.Term == term {
						counts[strings.ToLower(text[t.Start:t.End])]++
					}
				}
			}
		}
		if len(counts) > 0 {
			break
		}
	}
	// The shortest form is usually the plain word (certificate, not
	// certificates); then the most frequent.
	best, n := "", 0
	for w, c := range counts {
		if best == "" || cmp.Or(cmp.Compare(len(w), len(best)), cmp.Compare(n, c), strings.Compare(w, best)) < 0 {
			best, n = w, c
		}
	}
	if best == "" {
		return term
	}
	return best
}
