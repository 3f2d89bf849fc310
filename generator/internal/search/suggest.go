package search

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/diag"
)

// suggestions returns a "did you mean" hint for each word of q that is in
// no postmortem, naming the word of the index closest to it: its term
// within edit distance 1 (up to five runes) or 2 of an index term sharing
// its first two runes (so its dictionary shard, which the browser has
// already loaded), and the word as a postmortem writes it within the same
// distance of the word typed (so a stem's neighbour that reads as another
// word is not offered); the one in the most postmortems first. search.js
// suggests the same way. typos are the words the hints are for.
func suggestions(ix *Index, src termSource, q string) (out, typos []string, err error) {
	for _, t := range splitQuery(q) {
		if t.Quoted || t.Minus || strings.Contains(t.Text, ":") || strings.HasSuffix(t.Text, "*") {
			continue
		}
		for _, part := range splitScripts(t.Text, ix.analyzer) {
			c, ok := wordClause(part, ix.analyzer)
			if !ok || c.Kind != clauseTerm || isCJKTerm(c.Terms[0]) || utf8.RuneCountInString(c.Terms[0]) < 3 {
				continue
			}
			if df, err := src.docFreq(c.Terms[0]); err != nil {
				return nil, nil, err
			} else if df != ([nFields]int{}) {
				continue
			}
			cands, err := nearTerms(src, c.Terms[0], maxEdits(c.Terms[0]))
			if err != nil {
				return nil, nil, err
			}
			typed := strings.ToLower(part)
			for _, cand := range cands {
				if w := surfaceWord(ix, src, cand, typed); w != "" {
					out = append(out, fmt.Sprintf("no postmortem has the word %s; did you mean %s?", quote(part), quote(w)))
					typos = append(typos, part)
					break
				}
			}
		}
	}
	return out, typos, nil
}

// maxEdits is the edit distance a suggestion for word may be at.
func maxEdits(word string) int {
	if utf8.RuneCountInString(word) <= 5 {
		return 1
	}
	return 2
}

// nearTerms lists the index terms within maxDist edits of term that share
// its shard key (first two runes), nearest first, then by the number of
// documents, then in code-point order (at most 5).
func nearTerms(src termSource, term string, maxDist int) ([]string, error) {
	key, ok := shardKey(term)
	if !ok {
		return nil, nil
	}
	terms, err := src.prefixTerms(key)
	if err != nil {
		return nil, err
	}
	type cand struct {
		term     string
		dist, df int
	}
	var cands []cand
	for _, c := range terms {
		d := editDistance(term, c, maxDist)
		if d > maxDist || d == 0 {
			continue
		}
		df, err := src.docFreq(c)
		if err != nil {
			return nil, err
		}
		sum := 0
		for _, v := range df {
			sum += v
		}
		if sum > 0 {
			cands = append(cands, cand{c, d, sum})
		}
	}
	slices.SortFunc(cands, func(x, y cand) int {
		return cmp.Or(cmp.Compare(x.dist, y.dist), cmp.Compare(y.df, x.df), strings.Compare(x.term, y.term))
	})
	var out []string
	for _, c := range cands[:min(5, len(cands))] {
		out = append(out, c.term)
	}
	return out, nil
}

// editDistance is diag.EditDistanceAtMost: the edit distance between a
// and b in runes (a swap of two neighbours is one edit: "dsik" is one edit
// from "disk"), or max+1 when it is larger than max.
func editDistance(a, b string, max int) int { return diag.EditDistanceAtMost(a, b, max) }

// surfaceDocs is how many of the documents holding a term surfaceWord
// reads for the term's written forms.
const surfaceDocs = 3

// surfaceWord is the word, as written in a postmortem, that term is made
// from (index terms are stemmed: "certif" is written "certificate") and that
// is nearest to typed, then most frequent, found in the titles and snippets
// of the first documents holding term (in the first field that holds it);
// else term when it is that near; or "".
func surfaceWord(ix *Index, src termSource, term, typed string) string {
	counts := map[string]int{}
	for f := range Fields {
		ps, err := src.postings(term, f, false)
		if err != nil || len(ps) == 0 {
			continue
		}
		for i, p := range ps {
			if i == surfaceDocs {
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
		break // the first field that holds term
	}
	limit := maxEdits(typed)
	best, bestDist, n := "", limit+1, 0
	for w, c := range counts {
		d := editDistance(typed, w, limit)
		if d > limit {
			continue
		}
		if cmp.Or(cmp.Compare(d, bestDist), cmp.Compare(n, c), strings.Compare(w, best)) < 0 {
			best, bestDist, n = w, d, c
		}
	}
	if best == "" && editDistance(typed, term, limit) <= limit {
		return term // a term the stemmer left whole ("rollback")
	}
	return best
}
