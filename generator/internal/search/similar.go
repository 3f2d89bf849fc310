package search

import (
	"cmp"
	"math"
	"slices"

	"github.com/pmkb/pmkb/generator/model"
)

// Similarity weights: the cosine of two postmortems' term vectors (bleve
// analysis of title, summary, impact, causes and systems, tf-idf weighted)
// plus a bonus per shared system and per shared cause.
const (
	sharedSystemBonus = 0.15
	sharedCauseBonus  = 0.15
)

// similarFields are the fields (indexes into Fields) that describe what an
// incident was about; the body is left out as too long and too noisy.
var similarFields = []int{0, 1, 2, 3, 4}

// Similar returns, for every postmortem of kb, the ids of up to n others
// most like it, best first (ties: newer first, then id). Postmortems with
// nothing in common get none.
func Similar(kb *model.KnowledgeBase, n int) map[string][]string {
	a, err := NewAnalyzer()
	if err != nil || n <= 0 {
		return map[string][]string{}
	}
	pms := kb.Postmortems
	N := len(pms)
	// Term frequencies per document.
	type tw struct {
		term int
		w    float64
	}
	termID := map[string]int{}
	var df []int
	tfs := make([][]tw, N)
	for d, p := range pms {
		texts := fieldTexts(p, &kb.Config)
		counts := map[int]int{}
		var order []int
		for _, f := range similarFields {
			for _, t := range a.Analyze(texts[f]) {
				id, ok := termID[validTerm(t.Term)]
				if !ok {
					id = len(df)
					termID[validTerm(t.Term)] = id
					df = append(df, 0)
				}
				if counts[id] == 0 {
					order = append(order, id)
					df[id]++
				}
				counts[id]++
			}
		}
		for _, id := range order {
			tfs[d] = append(tfs[d], tw{id, float64(counts[id])})
		}
	}
	// tf-idf vectors, unit length; very common terms say nothing.
	maxDF := max(20, N/10)
	postings := make([][]tw, len(df))
	for d := range tfs {
		var norm float64
		vec := tfs[d][:0]
		for _, x := range tfs[d] {
			if df[x.term] > maxDF || df[x.term] == N {
				continue
			}
			w := (1 + math.Log(x.w)) * math.Log(float64(N)/float64(df[x.term]))
			vec = append(vec, tw{x.term, w})
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for i := range vec {
			vec[i].w /= norm
			postings[vec[i].term] = append(postings[vec[i].term], tw{d, vec[i].w})
		}
		tfs[d] = vec
	}
	bySystem, byCause := map[string][]int{}, map[string][]int{}
	for d, p := range pms {
		for _, s := range uniq(p.Systems) {
			bySystem[s] = append(bySystem[s], d)
		}
		for _, c := range uniq(p.Causes) {
			byCause[c] = append(byCause[c], d)
		}
	}
	out := make(map[string][]string, N)
	scores := make([]float64, N)
	var touched []int
	touch := func(e int, v float64) {
		if scores[e] == 0 {
			touched = append(touched, e)
		}
		scores[e] += v
	}
	for d, p := range pms {
		for _, x := range tfs[d] {
			for _, y := range postings[x.term] {
				touch(y.term, x.w*y.w)
			}
		}
		for _, s := range uniq(p.Systems) {
			for _, e := range bySystem[s] {
				touch(e, sharedSystemBonus)
			}
		}
		for _, c := range uniq(p.Causes) {
			for _, e := range byCause[c] {
				touch(e, sharedCauseBonus)
			}
		}
		type cand struct {
			doc   int
			score float64
		}
		var cands []cand
		for _, e := range touched {
			if e != d && scores[e] > 0 {
				cands = append(cands, cand{e, roundScore(scores[e])})
			}
			scores[e] = 0
		}
		touched = touched[:0]
		slices.SortFunc(cands, func(x, y cand) int { return cmp.Or(cmp.Compare(y.score, x.score), x.doc-y.doc) })
		ids := []string{}
		for _, c := range cands[:min(n, len(cands))] {
			ids = append(ids, pms[c.doc].ID)
		}
		out[p.ID] = ids
	}
	return out
}
