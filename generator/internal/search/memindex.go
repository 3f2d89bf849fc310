package search

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/model"
)

// posting is one document's occurrences of a term in a field.
type posting struct {
	Doc int32
	TF  int32
	Pos []int32
}

// mpost is a posting as memIndex keeps it: its positions are the TF
// numbers from Pos in the index's positions. It holds no pointer, so the
// collector never scans the millions of them.
type mpost struct {
	Doc, TF, Pos int32
}

// memIndex is an inverted index held in memory, built from the same bleve
// analysis as the on-disk index; Export writes it out and Similar reads it.
type memIndex struct {
	docs []docInfo
	// terms is every term in code-point order; a term's number is its
	// index.
	terms []string
	// post holds the postings of term t in field f, by document, at
	// off[t*nFields+f] up to off[t*nFields+f+1].
	off  []int32
	post []mpost
	// pos holds the positions of every posting, in the order of post.
	pos    []int32
	avg    [nFields]float64
	labels facetLabels
}

// fieldPostings returns the postings of term number t in field f.
func (m *memIndex) fieldPostings(t, f int) []mpost {
	k := t*nFields + f
	return m.post[m.off[k]:m.off[k+1]]
}

// positions returns the positions of p.
func (m *memIndex) positions(p mpost) []int32 {
	return m.pos[p.Pos : p.Pos+p.TF : p.Pos+p.TF]
}

// termNumber returns the number of term, if indexed.
func (m *memIndex) termNumber(term string) (int, bool) {
	return slices.BinarySearch(m.terms, term)
}

// docTerms is one analysed postmortem: per field, its distinct terms in
// the order they first occur with their frequencies, and the positions of
// each, term after term.
type docTerms struct {
	info docInfo
	// ents holds the terms of field f from ends[f-1] (0 for the first) up
	// to ends[f].
	ents []termFreq
	ends [nFields]int32
	pos  []int32
	// worker is the analyst that numbered the terms.
	worker int
}

// termFreq is a term's number and its frequency in one field.
type termFreq struct {
	term, tf int32
}

// buildMemIndex analyses every postmortem of kb, in kb order (newest first),
// which is also the documents' numbering and ranking tie-break.
// Postmortems are analysed in batches spread over the CPUs while the
// previous batch is indexed; the index is laid out once every document's
// terms are known, each term's postings in one run of one array.
func buildMemIndex(kb *model.KnowledgeBase, a *Analyzer) (*memIndex, error) {
	n := len(kb.Postmortems)
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	analysts := make([]*analyst, workers)
	for w := range analysts {
		an, err := newAnalyst(a)
		if err != nil {
			return nil, err
		}
		analysts[w] = an
	}
	const batch = 128
	type batchTerms struct {
		docs []docTerms
		// fresh are each analyst's newly numbered terms, in number order.
		fresh [][]string
	}
	ready := make(chan batchTerms, 1)
	go func() {
		defer close(ready)
		for start := 0; start < n; start += batch {
			end := min(start+batch, n)
			b := batchTerms{docs: make([]docTerms, end-start), fresh: make([][]string, workers)}
			var wg sync.WaitGroup
			for w, an := range analysts {
				wg.Go(func() {
					for i := start + w; i < end; i += workers {
						b.docs[i-start] = an.analyse(kb.Postmortems[i], &kb.Config, w)
					}
					b.fresh[w] = an.fresh
					an.fresh = nil
				})
			}
			wg.Wait()
			ready <- b
		}
	}()

	// Terms get index-wide numbers in the order they are met; a term with
	// bytes that are not UTF-8 is indexed under its valid form.
	ids := map[string]int32{}
	var terms []string
	var number func(term string) int32
	number = func(term string) int32 {
		if id, ok := ids[term]; ok {
			return id
		}
		var id int32
		if v := validTerm(term); v != term {
			id = number(v)
		} else {
			id = int32(len(terms))
			terms = append(terms, term)
		}
		ids[term] = id
		return id
	}
	local := make([][]int32, workers) // per analyst, its numbers → index-wide
	docs := make([]docTerms, 0, n)
	for b := range ready {
		for w, fresh := range b.fresh {
			for _, t := range fresh {
				local[w] = append(local[w], number(t))
			}
		}
		for _, d := range b.docs {
			tr := local[d.worker]
			for i := range d.ents {
				d.ents[i].term = tr[d.ents[i].term]
			}
			docs = append(docs, d)
		}
	}
	ids, local = nil, nil

	// Terms in code-point order (byte order of UTF-8), then each term's
	// postings per field, in document order.
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(terms[x], terms[y]) })
	rank := make([]int32, len(terms))
	m := &memIndex{terms: make([]string, len(terms)), docs: make([]docInfo, n), labels: newFacetLabels(&kb.Config)}
	for r, t := range order {
		rank[t] = int32(r)
		m.terms[r] = terms[t]
	}
	order, terms = nil, nil
	// Count the postings and positions of each term and field, then place
	// each document's.
	m.off = make([]int32, len(m.terms)*nFields+1)
	posNext := make([]int32, len(m.terms)*nFields+1)
	for _, d := range docs {
		f := 0
		for i, e := range d.ents {
			for int32(i) >= d.ends[f] {
				f++
			}
			k := int(rank[e.term])*nFields + f + 1
			m.off[k]++
			posNext[k] += e.tf
		}
	}
	for k := 1; k < len(m.off); k++ {
		m.off[k] += m.off[k-1]
		posNext[k] += posNext[k-1]
	}
	m.post = make([]mpost, m.off[len(m.off)-1])
	m.pos = make([]int32, posNext[len(posNext)-1])
	next := slices.Clone(m.off[:len(m.off)-1])
	for doc := range docs {
		d := &docs[doc]
		f, at := 0, int32(0)
		for i, e := range d.ents {
			for int32(i) >= d.ends[f] {
				f++
			}
			k := int(rank[e.term])*nFields + f
			p := posNext[k]
			m.post[next[k]] = mpost{Doc: int32(doc), TF: e.tf, Pos: p}
			copy(m.pos[p:p+e.tf], d.pos[at:at+e.tf])
			next[k]++
			posNext[k] += e.tf
			at += e.tf
		}
		m.docs[doc] = d.info
		*d = docTerms{}
	}
	m.avg = averageLengths(m.docs)
	return m, nil
}

// averageLengths is the mean term count of each field; a field that is
// empty everywhere averages 1 so no score divides by zero.
func averageLengths(docs []docInfo) [nFields]float64 {
	var sum [nFields]int
	for _, d := range docs {
		for f, l := range d.Lens {
			sum[f] += l
		}
	}
	var avg [nFields]float64
	for f := range avg {
		avg[f] = 1
		if sum[f] > 0 {
			avg[f] = float64(sum[f]) / float64(len(docs))
		}
	}
	return avg
}

func (m *memIndex) docList() []docInfo       { return m.docs }
func (m *memIndex) avgLen() [nFields]float64 { return m.avg }
func (m *memIndex) facetLabels() facetLabels { return m.labels }

func (m *memIndex) docFreq(term string) ([nFields]int, error) {
	var df [nFields]int
	if t, ok := m.termNumber(term); ok {
		for f := range df {
			df[f] = len(m.fieldPostings(t, f))
		}
	}
	return df, nil
}

func (m *memIndex) postings(term string, f int, _ bool) ([]posting, error) {
	t, ok := m.termNumber(term)
	if !ok {
		return nil, nil
	}
	ps := m.fieldPostings(t, f)
	out := make([]posting, len(ps))
	for i, p := range ps {
		out[i] = posting{Doc: p.Doc, TF: p.TF, Pos: m.positions(p)}
	}
	return out, nil
}

func (m *memIndex) prefixTerms(prefix string) ([]string, error) {
	i, _ := slices.BinarySearch(m.terms, prefix)
	var out []string
	for ; i < len(m.terms) && strings.HasPrefix(m.terms[i], prefix); i++ {
		out = append(out, m.terms[i])
	}
	return out, nil
}

// shardKey is the part of a term that picks its dictionary shard: its first
// rune when that is CJK (U+2E80 and up) or the term is one rune long, else
// its first two runes. A prefix of at least that length names one shard.
func shardKey(term string) (string, bool) {
	r, n := utf8.DecodeRuneInString(term)
	if n == 0 {
		return "", false
	}
	if r >= 0x2E80 || n == len(term) {
		return term[:n], true
	}
	_, n2 := utf8.DecodeRuneInString(term[n:])
	return term[:n+n2], true
}

// prefixKey returns the shard key of a prefix, or false when the prefix is
// too short to expand (a single non-CJK rune).
func prefixKey(prefix string) (string, bool) {
	r, n := utf8.DecodeRuneInString(prefix)
	if n == 0 || (r < 0x2E80 && n == len(prefix)) {
		return "", false
	}
	return shardKey(prefix)
}

// validTerm replaces each byte of term that is not UTF-8 with U+FFFD, as
// JSON does. (bleve's lower-casing leaves such bytes behind after U+0130.)
func validTerm(term string) string {
	if utf8.ValidString(term) {
		return term
	}
	return string([]rune(term))
}
