package search

import (
	"math"
	"slices"

	"github.com/pmkb/pmkb/generator/internal/output"

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
// nothing in common get none. A build that also exports the index should
// use SiteIndex, which analyses the knowledge base once for both.
func Similar(kb *model.KnowledgeBase, n int) map[string][]string {
	s, err := NewSiteIndex(kb)
	if err != nil {
		return map[string][]string{}
	}
	return s.Similar(n)
}

// SiteIndex is a knowledge base analysed once for Export and Similar.
type SiteIndex struct {
	kb *model.KnowledgeBase
	m  *memIndex
}

// NewSiteIndex analyses every postmortem of kb with the pmkb analyzer.
func NewSiteIndex(kb *model.KnowledgeBase) (*SiteIndex, error) {
	a, err := NewAnalyzer()
	if err != nil {
		return nil, err
	}
	m, err := buildMemIndex(kb, a)
	if err != nil {
		return nil, err
	}
	return &SiteIndex{kb: kb, m: m}, nil
}

// Export writes the static search index (see the package function Export).
func (s *SiteIndex) Export() ([]output.File, error) { return exportIndex(s.m, s.kb) }

// Similar finds similar incidents (see the package function Similar).
func (s *SiteIndex) Similar(n int) map[string][]string {
	if n <= 0 {
		return map[string][]string{}
	}
	m, pms := s.m, s.kb.Postmortems
	N := len(pms)
	type tw struct {
		term int
		w    float64
	}
	// Term frequencies per document over the similarFields, in term order.
	tfs := make([][]tw, N)
	df := make([]int, len(m.terms))
	acc := make([]int, N)
	var docs []int
	for ti := range m.terms {
		for _, f := range similarFields {
			for _, p := range m.fieldPostings(ti, f) {
				if acc[p.Doc] == 0 {
					docs = append(docs, int(p.Doc))
				}
				acc[p.Doc] += int(p.TF)
			}
		}
		slices.Sort(docs)
		df[ti] = len(docs)
		for _, d := range docs {
			tfs[d] = append(tfs[d], tw{ti, float64(acc[d])})
			acc[d] = 0
		}
		docs = docs[:0]
	}
	// tf-idf vectors, unit length; common terms say little and cost much
	// (every pair of documents sharing them is visited), so they are left
	// out.
	maxDF := max(20, N/50)
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
	best := make([]cand, 0, n+1)
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
		// Keep the n best (score desc, then document order) in one pass.
		best := best[:0]
		for _, e := range touched {
			raw := scores[e]
			scores[e] = 0
			// Rounding moves a score by at most 0.5e-6, so a score more
			// than 1e-6 below the n-th best cannot enter the list.
			if e == d || (len(best) == n && raw+1e-6 < best[n-1].score) {
				continue
			}
			sc := roundScore(raw)
			if sc <= 0 {
				continue
			}
			c := cand{e, sc}
			if len(best) == n && !c.better(best[n-1]) {
				continue
			}
			i := len(best)
			if i < n {
				best = append(best, c)
			} else {
				i = n - 1
			}
			for i > 0 && c.better(best[i-1]) {
				best[i] = best[i-1]
				i--
			}
			best[i] = c
		}
		touched = touched[:0]
		ids := []string{}
		for _, c := range best {
			ids = append(ids, pms[c.doc].ID)
		}
		out[p.ID] = ids
	}
	return out
}

// cand is a candidate similar document.
type cand struct {
	doc   int
	score float64
}

// better orders candidates: higher score, then earlier document.
func (c cand) better(o cand) bool {
	return c.score > o.score || (c.score == o.score && c.doc < o.doc)
}
