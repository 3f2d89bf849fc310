package search

import (
	"cmp"
	"math"
	"slices"

	"github.com/pmkb/pmkb/generator/internal/output"

	"github.com/pmkb/pmkb/generator/model"
)

// Similarity weights: the cosine of two postmortems' term vectors (bleve
// analysis of title, summary, impact, causes and systems, tf-idf weighted)
// plus a bonus per shared system and per shared cause, and one more when
// they share both a system and a cause: the same system failing the same
// way (a repeat, if earlier) is the better answer to "has this happened
// before?" than another system's incident told in the same words.
const (
	sharedSystemBonus = 0.15
	sharedCauseBonus  = 0.15
	sharedPairBonus   = 0.25
)

// The cosine is taken over a postmortem's similarQueryTerms heaviest terms (a
// "more like this" query, as Lucene's MoreLikeThis does with 25), against
// every term of the others, leaving out terms in more than one
// postmortem in commonShare: what a long text says most distinctly
// decides, and the work is bounded by similarQueryTerms postings per postmortem
// instead of every pair of postmortems sharing a word. Leaving out terms
// by how common they are alone, at one in fifty, made the lists of a
// large site noise: the words that say what an incident was about
// ("certificate", "failover") are in more than one postmortem in fifty
// of ten thousand, and only rare words were left to match.
const (
	similarQueryTerms = 25
	similarBudget     = 5000
	commonShare       = 5
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
	return s.SimilarUpTo(func(*model.Postmortem) int { return n })
}

// SimilarUpTo is Similar with a length for each postmortem: up to
// want(p) ids for p (none when want(p) <= 0). A page that leaves out the
// incidents it already links (related, backlinks, repeats) asks for that
// many more, so that the next most similar take their places.
func (s *SiteIndex) SimilarUpTo(want func(p *model.Postmortem) int) map[string][]string {
	pms := s.kb.Postmortems
	N := len(pms)
	tfs, postings := similarVectors(s.m, N)
	var query []tw
	cat := newCatalogSets(pms)
	bySystem, byCause := cat.bySystem, cat.byCause
	out := make(map[string][]string, N)
	var best []cand
	n := 0 // the length of d's list
	scores := make([]float64, N)
	// sharesSystem[e] is d+1 once e is met sharing a system with d, and
	// -(d+1) once it also had the pair bonus.
	sharesSystem := make([]int32, N)
	var touched []int
	touch := func(e int, v float64) {
		if scores[e] == 0 {
			touched = append(touched, e)
		}
		scores[e] += v
	}
	// keep adds the touched documents to best, the n best (score desc,
	// then document order) of those seen for d, and clears their scores.
	keep := func(d int, best []cand) []cand {
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
		return best
	}
	for d, p := range pms {
		if n = want(p); n <= 0 {
			out[p.ID] = []string{}
			continue
		}
		// A document's score is the cosine, then a bonus per system of d
		// it shares, then one per cause, the pair bonus right after the
		// first shared cause of a document sharing a system, added in
		// that order.
		query = heaviest(tfs[d], postings, similarQueryTerms, similarBudget, query[:0])
		for _, x := range query {
			for _, y := range postings[x.term] {
				touch(y.term, x.w*y.w)
			}
		}
		mark := int32(d + 1)
		for _, s := range cat.systems(d) {
			for _, e := range bySystem[s] {
				touch(e, sharedSystemBonus)
				sharesSystem[e] = mark
			}
		}
		for _, c := range cat.causes(d) {
			for _, e := range byCause[c] {
				touch(e, sharedCauseBonus)
				if sharesSystem[e] == mark {
					touch(e, sharedPairBonus)
					sharesSystem[e] = -mark
				}
			}
		}
		best = keep(d, best[:0])
		ids := make([]string, 0, len(best))
		for _, c := range best {
			ids = append(ids, pms[c.doc].ID)
		}
		out[p.ID] = ids
	}
	return out
}

// catalogSets are the systems and causes of each postmortem, by number,
// each once in the order first listed, and the postmortems of each system
// and cause, in order.
type catalogSets struct {
	// vals holds postmortem d's systems from at[2d] to at[2d+1], then its
	// causes up to at[2d+2].
	vals              []int32
	at                []int32
	bySystem, byCause [][]int
}

func newCatalogSets(pms []*model.Postmortem) *catalogSets {
	c := &catalogSets{at: make([]int32, 1, 2*len(pms)+1)}
	sysIDs, causeIDs := map[string]int32{}, map[string]int32{}
	add := func(d int, values []string, ids map[string]int32, docs *[][]int) {
		from := len(c.vals)
		for _, v := range values {
			if v == "" {
				continue
			}
			id, ok := ids[v]
			if !ok {
				id = int32(len(*docs))
				ids[v] = id
				*docs = append(*docs, nil)
			}
			if !slices.Contains(c.vals[from:], id) {
				c.vals = append(c.vals, id)
				(*docs)[id] = append((*docs)[id], d)
			}
		}
		c.at = append(c.at, int32(len(c.vals)))
	}
	for d, p := range pms {
		add(d, p.Systems, sysIDs, &c.bySystem)
		add(d, p.Causes, causeIDs, &c.byCause)
	}
	return c
}

func (c *catalogSets) systems(d int) []int32 { return c.vals[c.at[2*d]:c.at[2*d+1]] }
func (c *catalogSets) causes(d int) []int32  { return c.vals[c.at[2*d+1]:c.at[2*d+2]] }

// tw is a term's weight in a document, or a document's (term is then the
// document) in a term's postings.
type tw struct {
	term int
	w    float64
}

// similarVectors returns the tf-idf vector of each of the N documents of
// m over the similarFields, unit length, in term order, and the postings
// of each term: the documents whose vectors have it, in order, with its
// weight.
func similarVectors(m *memIndex, N int) (vecs, postings [][]tw) {
	// Each term's documents over the similarFields (df), counted first so
	// that each document's vector and each term's postings take one run of
	// one array.
	df := make([]int, len(m.terms))
	size := make([]int, N) // a document's terms
	last := make([]int, N) // the term, plus one, a document was last counted for
	total := 0
	for ti := range m.terms {
		for _, f := range similarFields {
			for _, p := range m.fieldPostings(ti, f) {
				if last[p.Doc] != ti+1 {
					last[p.Doc] = ti + 1
					size[p.Doc]++
					df[ti]++
				}
			}
		}
		total += df[ti]
	}
	// Term frequencies per document over the similarFields, in term order.
	tfs := make([][]tw, N)
	all := make([]tw, total)
	for d, k := range size {
		tfs[d], all = all[:0:k], all[k:]
	}
	acc := last[:N:N]
	clear(acc)
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
		for _, d := range docs {
			tfs[d] = append(tfs[d], tw{ti, float64(acc[d])})
			acc[d] = 0
		}
		docs = docs[:0]
	}
	// tf-idf vectors, unit length, without the terms of more than one
	// document in commonShare (and of every document): they say little,
	// and would make the heaviest terms of a document with few words.
	maxDF := max(20, N/commonShare)
	kept := func(t int) bool { return df[t] <= maxDF && df[t] != N }
	total = 0
	for t := range df {
		if kept(t) {
			total += df[t]
		}
	}
	postings = make([][]tw, len(df))
	all = make([]tw, total)
	for t, k := range df {
		if kept(t) {
			postings[t], all = all[:0:k], all[k:]
		}
	}
	for d := range tfs {
		var norm float64
		vec := tfs[d][:0]
		for _, x := range tfs[d] {
			if !kept(x.term) {
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
	return tfs, postings
}

// heaviest appends to dst the heaviest terms of vec (ties: the earlier
// term), at most k of them and only while their postings come to at most
// budget documents in all (a term that would pass it is passed over), in
// term order, and returns it.
func heaviest(vec []tw, postings [][]tw, k, budget int, dst []tw) []tw {
	from := len(dst)
	dst = append(dst, vec...)
	byWeight := dst[from:]
	slices.SortFunc(byWeight, func(a, b tw) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.term, b.term)
	})
	n, visits := 0, 0
	for _, x := range byWeight {
		if n == k {
			break
		}
		if df := len(postings[x.term]); visits+df <= budget {
			visits += df
			byWeight[n] = x
			n++
		}
	}
	dst = dst[:from+n]
	slices.SortFunc(dst[from:], func(a, b tw) int { return cmp.Compare(a.term, b.term) })
	return dst
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
