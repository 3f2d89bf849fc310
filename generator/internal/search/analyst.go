package search

import (
	"errors"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/segment"

	"github.com/pmkb/pmkb/generator/model"
)

// analyst analyses postmortems for buildMemIndex on one goroutine. It runs
// the pmkb pipeline with the same bleve components and the same results
// (a test compares every token with the stock analyzer's), arranged for a
// whole knowledge base:
//   - the tokenizer is bleve's unicode tokenizer (the segment word
//     breaker) writing into buffers reused from field to field, with
//     full-width digits as digits (see digitTokenizer);
//   - the per-token filters (width, possessive, lower case, stop words,
//     stemmer) run once per distinct token, their result remembered with
//     the term's number;
//   - bleve's cjk_bigram filter runs only on runs of touching
//     ideographic tokens, a run that recurs once more, its term numbers
//     remembered after that: on the other tokens it would only number the positions
//     1, 2, 3…, which analyzeLine does itself (see analyzeLine);
//   - text is analysed line by line, each distinct line once, its term
//     numbers remembered (see analyze): headings, boilerplate and catalog
//     names recur in many postmortems.
//
// It numbers the terms it meets in the order it meets them.
type analyst struct {
	filters []analysis.TokenFilter // per-token filters, in order
	bigram  analysis.TokenFilter   // the pipeline's cjk_bigram, run by pairs
	// seen maps a token as the tokenizer cut it to what the filters make
	// of it.
	seen  map[string]*memoTerm
	memos []*memoTerm // of each token of the stream
	// ids numbers the terms; fresh are those numbered since the indexer
	// last took them.
	ids   map[string]int32
	fresh []string
	// lines maps a line (without its line feed) to the numbers of its
	// terms, in order.
	lines map[string][]int32
	// runs maps a run of touching ideographic terms, joined, to the
	// numbers of what cjk_bigram makes of it; a run is kept there once it
	// is met a second time (metRuns holds the hashes of those met once):
	// in prose a run is often a whole clause, most of them met only once,
	// which a memo would hold to the end for nothing.
	runs    map[string][]int32
	metRuns map[uint64]struct{}
	seed    maphash.Seed
	run     []byte
	// block holds the term numbers of the lines and runs met last (see
	// keep).
	block []int32
	// mark[id] is the field pass that last met term id, slot[id] its entry
	// there.
	mark, slot []int32
	pass       int32

	buf    []byte // the text being analysed
	toks   []analysis.Token
	parts  []int // wordParts of a word
	stream analysis.TokenStream
	terms  []int32 // the term number of each token of the stream
	runIDs []int32 // those of a run's bigrams
	fterms []int32 // those of each token of the field
	one    [1]*analysis.Token
	which  []int32
	start  []int32
	ents   []termFreq // the document's terms, copied out when complete
	pos    []int32    // the document's positions, likewise
}

// memoTerm is what the per-token filters make of a token: its term and
// the term's number (-1 until a token with it is indexed: a term that
// cjk_bigram always splits gets none), or nothing.
type memoTerm struct {
	term []byte
	id   int32
	drop bool
}

var errPipeline = errors.New("search: the analyzer is not the pmkb pipeline")

// newAnalyst returns an analyst running a's full pipeline: the unicode
// tokenizer, then per-token filters, then cjk_bigram without unigrams.
func newAnalyst(a *Analyzer) (*analyst, error) {
	p, ok := a.full.(*textPipeline)
	if !ok || len(p.CharFilters) > 0 || len(p.TokenFilters) < 1 || p.bigram == nil {
		return nil, errPipeline
	}
	da := p.DefaultAnalyzer
	if dt, ok := da.Tokenizer.(digitTokenizer); !ok {
		return nil, errPipeline
	} else if _, ok := dt.Tokenizer.(*unicode.UnicodeTokenizer); !ok {
		return nil, errPipeline
	}
	return &analyst{filters: da.TokenFilters, bigram: p.bigram, seen: map[string]*memoTerm{}, ids: map[string]int32{}, lines: map[string][]int32{}, runs: map[string][]int32{}, metRuns: map[uint64]struct{}{}, seed: maphash.MakeSeed()}, nil
}

// analyze returns the number of each term of text, as the full pipeline
// makes them; the term numbered i is at position i+1. The result is valid
// until the next call.
//
// The text is analysed line by line, and a line met before is not
// analysed again. The terms of a text are those of its lines one after
// the other: the word breaker always breaks before and after a line feed
// and makes no token of it (UAX #29 rules WB3a and WB3b), the per-token
// filters see one token at a time, and cjk_bigram pairs only characters
// that touch (it flushes on any gap between two tokens' offsets), so no
// token, filter or bigram spans a line feed; every stream the pipeline
// makes numbers its tokens 1, 2, 3… in order. TestAnalyst compares
// analyze with the stock pipeline on texts of many lines.
func (an *analyst) analyze(text string) []int32 {
	terms := an.fterms[:0]
	for text != "" {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if line == "" {
			continue
		}
		ids, ok := an.lines[line]
		if !ok {
			ids = an.keep(an.analyzeLine(line))
			// The key shares the text's bytes, which the knowledge base
			// (or the field's joined string) holds anyway.
			an.lines[line] = ids
		}
		terms = append(terms, ids...)
	}
	an.fterms = terms
	return terms
}

// analyzeLine returns the number of each term of text, as the full
// pipeline makes them. The result is valid until the next call.
//
// bleve's cjk_bigram (CJKBigramFilter.Filter in bleve v2.6.3, without
// unigrams) passes every token that is not ideographic through, numbering
// the positions 1, 2, 3…, and pairs the runes of ideographic tokens that
// touch (the next token starts where the previous one's term ends); it
// flushes at any other token and at any gap, so what it makes of a run of
// touching ideographic tokens depends only on the run's runes: the bigrams
// of its runes, or the rune alone. foldLongMarks, after it, looks at the
// katakana words of the run, which the runes also tell: the word breaker
// keeps touching katakana in one token (UAX #29 rule WB13). So a run goes
// through bleve's own instance and foldLongMarks, its term numbers
// remembered (runs) from its second time on,
// and the other tokens are numbered directly. TestAnalyst compares the result with
// the stock pipeline.
func (an *analyst) analyzeLine(text string) []int32 {
	// The filters rewrite their input. The invisible format characters are
	// left out as the pipeline leaves them out (stripIgnorable, in place):
	// the offsets inside the line are only compared with each other.
	an.buf = append(an.buf[:0], text...)
	an.buf, _ = stripIgnorable(an.buf[:0], an.buf)
	toks := an.filter(an.tokenize(an.buf))
	terms := an.terms[:0]
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.Type != analysis.Ideographic {
			r := an.memos[i]
			if r.id < 0 {
				r.id = an.number(r.term)
			}
			terms = append(terms, r.id)
			i++
			continue
		}
		run := append(an.run[:0], t.Term...)
		j := i + 1
		for ; j < len(toks) && toks[j].Type == analysis.Ideographic && toks[j].Start == toks[j-1].End; j++ {
			run = append(run, toks[j].Term...)
		}
		an.run = run
		ids, ok := an.runs[string(run)]
		if !ok {
			ids = an.runIDs[:0]
			for _, b := range pairs(toks[i:j], an.buf, an.bigram) { // bleve's own instance, then foldLongMarks
				ids = append(ids, an.number(b.Term))
			}
			an.runIDs = ids
			h := maphash.Bytes(an.seed, run)
			if _, again := an.metRuns[h]; again {
				ids = an.keep(ids)
				an.runs[string(run)] = ids
			} else {
				an.metRuns[h] = struct{}{}
			}
		}
		terms = append(terms, ids...)
		i = j
	}
	an.terms = terms
	return terms
}

// keep returns a copy of ids in the analyst's block, which it replaces by
// a new one when full: the memos' term numbers are never copied as they
// grow.
func (an *analyst) keep(ids []int32) []int32 {
	if len(ids) > cap(an.block)-len(an.block) {
		an.block = make([]int32, 0, max(len(ids), 1<<14))
	}
	n := len(an.block)
	an.block = append(an.block, ids...)
	return an.block[n:len(an.block):len(an.block)]
}

// number returns the number of term, numbering it if it is new.
func (an *analyst) number(term []byte) int32 {
	if id, ok := an.ids[string(term)]; ok {
		return id
	}
	key := string(term)
	id := int32(len(an.mark))
	an.ids[key] = id
	an.fresh = append(an.fresh, key)
	an.mark = append(an.mark, 0)
	an.slot = append(an.slot, 0)
	return id
}

// tokenize is bleve's unicode tokenizer, with full-width digits as
// digits and words cut into their parts (digitTokenizer), writing into the
// analyst's buffers.
func (an *analyst) tokenize(input []byte) analysis.TokenStream {
	toks := an.toks[:0]
	text := input
	if masked := maskFullWidthDigits(input); masked != nil {
		text = masked
	}
	seg := segment.NewWordSegmenterDirect(text)
	start, pos := 0, 1
	parts := an.parts
	for seg.Segment() {
		end := start + len(seg.Bytes())
		if typ := seg.Type(); typ != segment.None {
			word, tt := input[start:end], tokenType(typ)
			parts = parts[:0]
			if tt == analysis.AlphaNumeric {
				parts = wordParts(parts, word)
			}
			if len(parts) == 0 {
				toks = append(toks, analysis.Token{Term: word, Start: start, End: end, Position: pos, Type: tt})
				pos++
			}
			for k := 0; k < len(parts); k += 2 {
				from, to := start+parts[k], start+parts[k+1]
				toks = append(toks, analysis.Token{Term: input[from:to], Start: from, End: to, Position: pos, Type: partType(text[from:to], tt)})
				pos++
			}
		}
		start = end
	}
	an.toks, an.parts = toks, parts
	stream := an.stream[:0]
	for i := range toks {
		stream = append(stream, &toks[i])
	}
	an.stream = stream
	return stream
}

// tokenType is the bleve token type of a segment type, as the unicode
// tokenizer converts it.
func tokenType(t int) analysis.TokenType {
	switch t {
	case segment.Ideo, segment.Kana:
		return analysis.Ideographic
	case segment.Number:
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// filter runs the per-token filters through the memo, in place.
func (an *analyst) filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	memos := an.memos[:0]
	for _, t := range in {
		r := an.seen[string(t.Term)]
		if r == nil {
			key := string(t.Term)
			an.one[0] = t
			s := analysis.TokenStream(an.one[:])
			for _, f := range an.filters {
				s = f.Filter(s)
			}
			if len(s) == 0 {
				r = &memoTerm{drop: true}
			} else {
				r = &memoTerm{term: []byte(string(s[0].Term)), id: -1}
			}
			an.seen[key] = r
		}
		if r.drop {
			continue
		}
		t.Term = r.term
		out = append(out, t)
		memos = append(memos, r)
	}
	an.memos = memos
	return out
}

// analyse analyses p: its document and, per field, its distinct terms with
// their frequencies and positions.
func (an *analyst) analyse(p *model.Postmortem, cfg *model.SiteConfig, worker int) docTerms {
	d := docTerms{info: newDocInfo(p, cfg.Language), worker: worker, ents: an.ents[:0], pos: an.pos[:0]}
	for f, text := range fieldTexts(p, cfg) {
		terms := an.analyze(text)
		d.info.Lens[f] = len(terms)
		an.pass++
		first := len(d.ents)
		which := an.which[:0]
		for _, id := range terms {
			if an.mark[id] != an.pass {
				an.mark[id] = an.pass
				an.slot[id] = int32(len(d.ents) - first)
				d.ents = append(d.ents, termFreq{term: id})
			}
			d.ents[first+int(an.slot[id])].tf++
			which = append(which, an.slot[id])
		}
		an.which = which
		d.ends[f] = int32(len(d.ents))
		// Positions term after term, each term's in token order.
		start := an.start[:0]
		at := int32(len(d.pos))
		for _, e := range d.ents[first:] {
			start = append(start, at)
			at += e.tf
		}
		an.start = start
		d.pos = append(d.pos, make([]int32, len(terms))...)
		for k, w := range which {
			d.pos[start[w]] = int32(k + 1)
			start[w]++
		}
	}
	// The index keeps the document's terms until it is laid out: exact
	// copies, and the buffers serve the next document.
	an.ents, an.pos = d.ents, d.pos
	d.ents, d.pos = slices.Clone(d.ents), slices.Clone(d.pos)
	return d
}
