package search

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/pmkb/pmkb/generator/model"
)

// posting is one document's occurrences of a term in a field.
type posting struct {
	Doc int32
	TF  int32
	Pos []int32
}

// memIndex is an inverted index held in memory, built from the same bleve
// analysis as the on-disk index; Export writes it out and Similar reads it.
type memIndex struct {
	docs []docInfo
	// terms maps a term to its postings per field, sorted by document.
	terms map[string]*[nFields][]posting
	avg   [nFields]float64
	// sorted is every term in code-point order.
	sorted []string
}

// buildMemIndex analyses every postmortem of kb, in kb order (newest first),
// which is also the documents' numbering and ranking tie-break.
// Postmortems are analysed in batches spread over the CPUs and indexed in
// order, so memory holds one batch of tokens at a time.
func buildMemIndex(kb *model.KnowledgeBase, a *Analyzer) *memIndex {
	m := &memIndex{terms: map[string]*[nFields][]posting{}}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(kb.Postmortems)))
	analyzers := make([]*Analyzer, workers)
	for w := range analyzers {
		analyzers[w] = a.memoized()
	}
	const batch = 128
	type batchTokens struct {
		start  int
		fields [][nFields]analysis.TokenStream
	}
	// The next batch is analysed while this one is indexed.
	ready := make(chan batchTokens, 1)
	go func() {
		defer close(ready)
		for start := 0; start < len(kb.Postmortems); start += batch {
			end := min(start+batch, len(kb.Postmortems))
			b := batchTokens{start: start, fields: make([][nFields]analysis.TokenStream, end-start)}
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := start + w; i < end; i += workers {
						for f, text := range fieldTexts(kb.Postmortems[i], &kb.Config) {
							b.fields[i-start][f] = analyzers[w].full.Analyze([]byte(text))
						}
					}
				}()
			}
			wg.Wait()
			ready <- b
		}
	}()
	byTerm := map[string]int{} // term → index in local, reused
	var local []posting
	var order []string
	var whichBuf []int32
	for b := range ready {
		for k, fields := range b.fields {
			n := b.start + k
			d := newDocInfo(kb.Postmortems[n], kb.Config.Language)
			for f, toks := range fields {
				d.Lens[f] = len(toks)
				clear(byTerm)
				local, order = local[:0], order[:0]
				// Two passes: count each term, then fill its positions into
				// one array shared by the field's postings.
				which := whichBuf[:0]
				for _, t := range toks {
					i, ok := byTerm[string(t.Term)]
					if !ok {
						i = len(local)
						key := string(t.Term)
						byTerm[key] = i
						local = append(local, posting{Doc: int32(n)})
						order = append(order, validTerm(key))
					}
					local[i].TF++
					which = append(which, int32(i))
				}
				whichBuf = which
				positions := make([]int32, len(toks))
				at := 0
				for i := range local {
					tf := int(local[i].TF)
					local[i].Pos = positions[at : at : at+tf]
					at += tf
				}
				for k, t := range toks {
					p := &local[which[k]]
					p.Pos = append(p.Pos, int32(t.Position))
				}
				for i, term := range order {
					ps := m.terms[term]
					if ps == nil {
						ps = new([nFields][]posting)
						m.terms[term] = ps
					}
					ps[f] = append(ps[f], local[i])
				}
			}
			m.docs = append(m.docs, d)
		}
	}
	m.avg = averageLengths(m.docs)
	for t := range m.terms {
		m.sorted = append(m.sorted, t)
	}
	slices.Sort(m.sorted) // byte order of UTF-8 is code-point order
	return m
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

func (m *memIndex) docFreq(term string) ([nFields]int, error) {
	var df [nFields]int
	if ps := m.terms[term]; ps != nil {
		for f := range ps {
			df[f] = len(ps[f])
		}
	}
	return df, nil
}

func (m *memIndex) postings(term string, f int, _ bool) ([]posting, error) {
	if ps := m.terms[term]; ps != nil {
		return ps[f], nil
	}
	return nil, nil
}

func (m *memIndex) prefixTerms(prefix string) ([]string, error) {
	i, _ := slices.BinarySearch(m.sorted, prefix)
	var out []string
	for ; i < len(m.sorted) && strings.HasPrefix(m.sorted[i], prefix); i++ {
		out = append(out, m.sorted[i])
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
