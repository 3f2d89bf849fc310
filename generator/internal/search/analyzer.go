// Package search indexes postmortems with bleve and serves full-text search
// in two places that agree on every result: the command line (Query, over an
// on-disk bleve index kept fresh by OpenCache) and the browser (Export writes
// static, sharded index files that themes/default/static/assets/search.js
// loads on demand). It also finds similar incidents (Similar).
//
// There is one analysis pipeline, built from bleve's own analysis
// components: the unicode tokenizer, cjk_width, possessive_en, to_lower,
// stop_en, stemmer_porter and cjk_bigram. It is bleve's "en" analyzer with
// CJK width folding and bigrams added, and bleve's "cjk" analyzer with
// English stop words and stemming added. Small pieces of our own adapt
// it to Japanese as typed and to what an on-call engineer pastes: the
// invisible format characters pasted text carries inside words (a soft
// hyphen, a zero-width space) are left out before segmenting (see
// stripIgnorable), the tokenizer keeps full-width digits (５０３ is 503;
// see digitTokenizer) and cuts a word joined by ".", "_", ":" or "·" into
// its parts (api.acme.example, DB_MAX_CONNECTIONS, redis:alpine; see
// wordParts), and the pairs cjk_bigram makes leave out the prolonged
// sound mark that ends a katakana word (サーバー is サーバ,
// エラー率 is エラ率; see foldLongMarks). Stop words and the stemmer leave
// CJK tokens untouched and the bigram filter leaves Latin tokens alone, so
// the one pipeline serves English and Japanese postmortems, and a Japanese
// word typed on an English page finds Japanese postmortems. So the analyzer
// picked for a postmortem's lang (en, ja, or the site language when unset)
// is the same for every language: bleve's "cjk" analyzer alone would leave
// the English words of Japanese postmortems unstemmed, "en" alone would
// index the Japanese words of English ones as single characters, and a
// query, whose language is unknown, could match only one of the two. The
// lang still marks results (lang="ja" on a Japanese hit in an English site).
// search.js reproduces the pipeline term for term (a test compares the two).
//
// search is the only package that imports bleve.
package search

import (
	"bytes"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/segment"
)

// Analyzer names registered in every index mapping this package builds.
const (
	// AnalyzerName is the full pipeline every field is indexed with.
	AnalyzerName = "pmkb"
	// prefixAnalyzerName leaves out stop words and stemming, for the word
	// being typed ("certif" must stay "certif").
	prefixAnalyzerName = "pmkb_prefix"
)

// addAnalyzers defines the pmkb analyzers on m.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	full := []any{cjk.WidthName, en.PossessiveName, lowercase.Name, en.StopName, porter.Name, cjk.BigramName}
	prefix := []any{cjk.WidthName, en.PossessiveName, lowercase.Name, cjk.BigramName}
	for name, filters := range map[string][]any{AnalyzerName: full, prefixAnalyzerName: prefix} {
		err := m.AddCustomAnalyzer(name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     unicode.Name,
			"token_filters": filters,
		})
		if err != nil {
			return fmt.Errorf("defining analyzer %s: %w", name, err)
		}
	}
	return nil
}

// Analyzer turns text into index terms with bleve's analysis. It is safe
// for concurrent use.
type Analyzer struct {
	full, prefix analysis.Analyzer
}

// Token is one analysed term with its 1-based position in the field and its
// byte offsets in the text.
type Token struct {
	Term       string
	Position   int
	Start, End int
}

// NewAnalyzer builds the pmkb analysis pipeline.
func NewAnalyzer() (*Analyzer, error) {
	m := mapping.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	return analyzerFromMapping(m)
}

func analyzerFromMapping(m *mapping.IndexMappingImpl) (*Analyzer, error) {
	full := pipeline(m.AnalyzerNamed(AnalyzerName))
	prefix := pipeline(m.AnalyzerNamed(prefixAnalyzerName))
	if full == nil || prefix == nil {
		return nil, fmt.Errorf("analyzers %s and %s are not defined", AnalyzerName, prefixAnalyzerName)
	}
	return &Analyzer{full: skipIdle(full), prefix: skipIdle(prefix)}, nil
}

// textPipeline is the pmkb pipeline: a bleve analyzer (the tokenizer and
// the per-token filters) whose last step, cjk_bigram followed by
// foldLongMarks (pairs), is also given the text, to tell where each
// character of a term stands in it (termBounds).
type textPipeline struct {
	*analysis.DefaultAnalyzer
	bigram *cjk.CJKBigramFilter
	// idle: streams without ideographic tokens skip the pairs (skipIdle).
	idle bool
}

// Analyze returns the terms of input: those of the text without its
// invisible format characters (stripIgnorable), each with its offsets in
// input.
func (p *textPipeline) Analyze(input []byte) analysis.TokenStream {
	text, cuts := stripIgnorable(nil, input)
	if cuts == nil {
		return p.analyze(input)
	}
	ts := p.analyze(text)
	for _, t := range ts {
		t.Start, t.End = cuts.start(t.Start), cuts.end(t.End)
	}
	return ts
}

func (p *textPipeline) analyze(input []byte) analysis.TokenStream {
	ts := p.DefaultAnalyzer.Analyze(input)
	if p.idle && !slices.ContainsFunc(ts, func(t *analysis.Token) bool { return t.Type == analysis.Ideographic }) {
		// cjk_bigram would only number the positions 1, 2, 3….
		for i, t := range ts {
			t.Position = i + 1
		}
		return ts
	}
	return pairs(ts, input, p.bigram)
}

// isIgnorable reports whether r is one of the invisible format characters
// a word is read without: SOFT HYPHEN (U+00AD), ZERO WIDTH SPACE (U+200B),
// ZERO WIDTH NON-JOINER and JOINER (U+200C, U+200D), WORD JOINER
// (U+2060) and ZERO WIDTH NO-BREAK SPACE (U+FEFF, a byte order mark).
// Text pasted from a wiki, a chat, a word processor or a PDF carries them
// inside words the reader sees whole (fail<SHY>over, conn<ZWSP>pool): the
// segmenter kept some inside the word (fail\u00adov, the term no query
// makes) and broke at others (conn, pool), and search.js's index kept
// them inside its tokens, so failover found nothing and the CLI and the
// site disagreed (QA 21 F7). Default-ignorable characters (Unicode), they
// are left out of the text before it is segmented, in documents and
// queries alike, as full-text engines do with a soft hyphen. A ZWJ inside
// an emoji sequence goes too: emoji are no terms.
func isIgnorable(r rune) bool {
	return r == 0xAD || r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF
}

// ignorableCuts records what stripIgnorable left out of a text: for each
// run of invisible characters, its offset in the text without them (at)
// and its length in bytes (n), in order.
type ignorableCuts []struct{ at, n int }

// start is the offset in the text of the character at offset o of the
// text without its invisible characters: after those before it.
func (c ignorableCuts) start(o int) int {
	d := 0
	for _, x := range c {
		if x.at > o {
			break
		}
		d += x.n
	}
	return o + d
}

// end is the offset in the text of the end of a token ending at offset o
// of the text without its invisible characters: those inside the token
// are in it, those right after it are not.
func (c ignorableCuts) end(o int) int {
	d := 0
	for _, x := range c {
		if x.at >= o {
			break
		}
		d += x.n
	}
	return o + d
}

// stripIgnorable appends text without its invisible format characters
// (isIgnorable) to dst and returns it with where they were; text itself
// and nil when it has none. dst may be text[:0]: text is then stripped in
// place. Their UTF-8 forms start with the byte C2, E2 or EF, the only
// bytes a character is decoded at.
func stripIgnorable(dst, text []byte) ([]byte, ignorableCuts) {
	var cuts ignorableCuts
	from := 0
	for i := 0; i < len(text); i++ {
		if c := text[i]; c != 0xC2 && c != 0xE2 && c != 0xEF {
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if !isIgnorable(r) {
			i += n - 1
			continue
		}
		dst = append(dst, text[from:i]...)
		if k := len(cuts) - 1; k >= 0 && cuts[k].at == len(dst) {
			cuts[k].n += n
		} else {
			cuts = append(cuts, struct{ at, n int }{len(dst), n})
		}
		i += n - 1
		from = i + 1
	}
	if cuts == nil {
		return text, nil
	}
	return append(dst, text[from:]...), cuts
}

// pipeline is the pmkb pipeline made of a stock analyzer the mapping
// defines (nil if it is not a bleve custom analyzer ending in cjk_bigram):
// its tokenizer wrapped in digitTokenizer (full-width digits, words cut
// into parts), thousandsFilter right after cjk_width, and cjk_bigram
// followed by foldLongMarks (pairs). bleve finds analyzers by registered
// type names, and pmkb registers none (no global registry): the on-disk
// index is given this analyzer per field (cache.go, refresh), so the
// mapping's own analyzers never index text.
func pipeline(a analysis.Analyzer) *textPipeline {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || len(da.TokenFilters) == 0 {
		return nil
	}
	n := len(da.TokenFilters) - 1
	b, ok := da.TokenFilters[n].(*cjk.CJKBigramFilter)
	if !ok {
		return nil
	}
	out := &textPipeline{DefaultAnalyzer: &analysis.DefaultAnalyzer{CharFilters: da.CharFilters, Tokenizer: digitTokenizer{da.Tokenizer}}, bigram: b}
	for _, f := range da.TokenFilters[:n] {
		out.TokenFilters = append(out.TokenFilters, f)
		if _, ok := f.(*cjk.CJKWidthFilter); ok {
			out.TokenFilters = append(out.TokenFilters, thousandsFilter{})
		}
	}
	return out
}

// digitTokenizer is a tokenizer (bleve's unicode tokenizer) that segments
// the full-width digits ０–９ (U+FF10–U+FF19, what a Japanese input method
// types: ５０３, ３件, ２０２６年) as digits. The segmenter's word-break
// tables give them no class, so the tokenizer alone drops them from text
// and queries, while cjk_width would fold them to ASCII digits as it folds
// full-width letters. digitTokenizer segments a copy of the text in which
// each is the Devanagari digit of the same value (U+0966–U+096F: word-break
// class Numeric like 0–9, and three UTF-8 bytes like U+FF10–U+FF19, so
// offsets stay those of the text) and gives each token its own bytes back;
// cjk_width then makes ５０３ the term 503, and Ｋ８ｓ the one word k8s.
// search.js classifies the digits the same way (classOf in tokenize).
type digitTokenizer struct{ analysis.Tokenizer }

// Tokenize splits input into tokens with full-width digits as digits, and
// words joined by ".", "_", ":" or "·" into their parts (see wordParts).
func (t digitTokenizer) Tokenize(input []byte) analysis.TokenStream {
	masked := maskFullWidthDigits(input)
	if masked == nil {
		return splitWords(t.Tokenizer.Tokenize(input), input)
	}
	ts := t.Tokenizer.Tokenize(masked)
	for _, tok := range ts {
		tok.Term = input[tok.Start:tok.End]
	}
	return splitWords(ts, masked)
}

// splitWords replaces each word of ts that wordParts cuts by its parts,
// each with its own offsets and type (partType), and numbers the positions
// 1, 2, 3… again. segmented is the text the tokenizer segmented. It
// returns ts itself when no word is cut.
func splitWords(ts analysis.TokenStream, segmented []byte) analysis.TokenStream {
	var out analysis.TokenStream
	var parts []int
	for i, tok := range ts {
		parts = parts[:0]
		if tok.Type == analysis.AlphaNumeric {
			parts = wordParts(parts, tok.Term)
		}
		if len(parts) == 0 {
			if out != nil {
				out = append(out, tok)
			}
			continue
		}
		if out == nil {
			out = append(make(analysis.TokenStream, 0, len(ts)+len(parts)/2), ts[:i]...)
		}
		for k := 0; k < len(parts); k += 2 {
			start, end := tok.Start+parts[k], tok.Start+parts[k+1]
			out = append(out, &analysis.Token{Term: tok.Term[parts[k]:parts[k+1]], Start: start, End: end,
				Type: partType(segmented[start:end], tok.Type), KeyWord: tok.KeyWord})
		}
	}
	if out == nil {
		return ts
	}
	for i, tok := range out {
		tok.Position = i + 1
	}
	return out
}

// wordParts cuts a word the segmenter kept whole across "." or "_", or
// across a colon or a middle dot, into the parts a search should find it
// by: api.acme.example is api, acme and example; DB_MAX_CONNECTIONS is DB,
// MAX and CONNECTIONS; system:serviceaccount:monitoring:grafanaagent is
// system, serviceaccount, monitoring and grafanaagent; redis:alpine is
// redis and alpine. The segmenter (UAX #29) joins letters across a dot, a
// colon or a middle dot (WB6, WB7: MidNumLet and MidLetter) and anything
// across an underscore (WB13a, WB13b), so a host name, a domain, a
// Kubernetes service or subject, an image tag, an ARN, a log's
// ERROR:reason or an environment variable was one term, found only when
// typed whole (QA 21 F5 for the colon). Each part is then a word at the
// next position, so the whole name, analysed the same way, is the phrase
// of its parts and finds it, and so does any run of parts (acme.example,
// MAX_CONNECTIONS, monitoring:grafanaagent), as Elasticsearch's
// word_delimiter or a code search finds them.
//
// The word is cut at each "_" and "＿" (U+FF3F), at each MidLetter
// character (isMidLetter: ":", "·", "‧", "︓", "﹕", "：" and the Greek ano
// teleia, which the segmenter joins only between letters), and at each
// "." and "．" (U+FF0E) that does not stand between two digits (0–9,
// ０–９): a dot in a number stays (v1.2.3, python3.11), and a word of
// digits and dots (10.0.0.2, 3.14) is a numeric token, never cut; a time
// (03:12:44) is numbers the segmenter already keeps apart. The apostrophe
// (MidNumLet too) stays: don't, the team's. Only letter tokens
// (analysis.AlphaNumeric) are cut; wordParts itself does not look at the
// type. It appends each part's byte range in word, start and end, to dst
// and returns it; nothing when the word stays whole: no cut, or no part
// left (___). search.js cuts the same parts (wordParts there).
func wordParts(dst []int, word []byte) []int {
	if !hasWordSeparator(word) {
		return dst
	}
	n, from, cut := len(dst), 0, false
	prevDigit := false
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRune(word[i:])
		sep := r == '_' || r == '＿' || isMidLetter(r)
		if r == '.' || r == '．' {
			next, _ := utf8.DecodeRune(word[i+size:])
			sep = !prevDigit || !isDigit(next)
		}
		if sep {
			cut = true
			if i > from {
				dst = append(dst, from, i)
			}
			from = i + size
		}
		prevDigit = isDigit(r)
		i += size
	}
	if from < len(word) {
		dst = append(dst, from, len(word))
	}
	if !cut || len(dst) == n {
		return dst[:n]
	}
	return dst
}

// partType is the token type of a part of a word of type typ, segmented
// its text: Ideographic when the segmenter makes one ideographic token of
// the part alone, else typ. The segmenter joins katakana to letters or
// katakana across an underscore (abc_サーバー, カタカナ_ソース), and a
// katakana part is then paired by cjk_bigram as any katakana word is, so
// サーバー finds it. search.js types its parts the same way (pushParts).
func partType(segmented []byte, typ analysis.TokenType) analysis.TokenType {
	seg := segment.NewWordSegmenterDirect(segmented)
	if seg.Segment() && len(seg.Bytes()) == len(segmented) && tokenType(seg.Type()) == analysis.Ideographic {
		return analysis.Ideographic
	}
	return typ
}

// isMidLetter reports whether r is a character of the word-break class
// MidLetter (UAX #29), which the segmenter keeps inside a word between two
// letters: the colon ":", the middle dot "·" (U+00B7) and the Greek ano
// teleia (U+0387, the same character in NFC), the hyphenation point "‧"
// (U+2027), the presentation-form colons "︓" (U+FE13) and "﹕" (U+FE55),
// and the full-width colon "：" (U+FF1A). Hebrew's gershayim (U+05F4) and
// the Armenian mark (U+055F) are MidLetter too but belong to the word
// (abbreviations): they stay.
func isMidLetter(r rune) bool {
	switch r {
	case ':', '\u00b7', '\u0387', '\u2027', '\ufe13', '\ufe55', '\uff1a':
		return true
	}
	return false
}

// hasWordSeparator reports whether word holds a character wordParts may
// cut at: ".", "_", "．" or "＿" (UTF-8 EF BC 8E, EF BC BF), or a MidLetter
// character (isMidLetter: ":", C2 B7, CE 87, E2 80 A7, EF B8 93, EF B9 95,
// EF BC 9A).
func hasWordSeparator(word []byte) bool {
	for i, c := range word {
		switch {
		case c == '.' || c == '_' || c == ':':
			return true
		case c == 0xC2 && i+1 < len(word) && word[i+1] == 0xB7, c == 0xCE && i+1 < len(word) && word[i+1] == 0x87:
			return true
		case c == 0xE2 && i+2 < len(word) && word[i+1] == 0x80 && word[i+2] == 0xA7:
			return true
		case c == 0xEF && i+2 < len(word):
			switch c1, c2 := word[i+1], word[i+2]; {
			case c1 == 0xBC && (c2 == 0x8E || c2 == 0xBF || c2 == 0x9A), c1 == 0xB8 && c2 == 0x93, c1 == 0xB9 && c2 == 0x95:
				return true
			}
		}
	}
	return false
}

// isDigit reports whether r is a digit 0–9 or a full-width one ０–９.
func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// maskFullWidthDigits returns a copy of text with every full-width digit
// (UTF-8 EF BC 90 … EF BC 99) replaced by the Devanagari digit of the same
// value (E0 A5 A6 … E0 A5 AF), or nil when text has none.
func maskFullWidthDigits(text []byte) []byte {
	var out []byte
	for i := 0; i+2 < len(text); i++ {
		if text[i] == 0xEF && text[i+1] == 0xBC && text[i+2] >= 0x90 && text[i+2] <= 0x99 {
			if out == nil {
				out = bytes.Clone(text)
			}
			out[i], out[i+1], out[i+2] = 0xE0, 0xA5, 0xA6+text[i+2]-0x90
			i += 2
		}
	}
	return out
}

// thousandsFilter drops the thousands separators of a number: 4,000 is
// indexed and searched as 4000, and so is ４，０００ (cjk_width, before it,
// folds the digits and the comma), so a number typed from a dashboard or a
// log (max=4000) finds the write-up that says 4,000, and the other way
// round. Only a number written as grouped thousands changes: one to three
// digits, then one or more groups of a comma and three digits, then maybe a
// decimal point and digits (1,234.50 is 1234.50). A decimal (3.14), a
// version (1.2.3) or a list written without spaces (1,2,3; 12,34) stays as
// it is, though a list of numbers of three digits after the first reads as
// one number (80,443 is 80443). search.js has the same filter
// (dropThousands).
type thousandsFilter struct{}

// Filter drops the thousands separators of in's grouped numbers, in place.
func (thousandsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if isGroupedNumber(t.Term) {
			t.Term = bytes.ReplaceAll(t.Term, []byte{','}, nil)
		}
	}
	return in
}

// isGroupedNumber reports whether term is a number written with thousands
// separators: [0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?
func isGroupedNumber(term []byte) bool {
	i := 0
	for i < len(term) && isASCIIDigit(term[i]) {
		i++
	}
	if i == 0 || i > 3 || i == len(term) || term[i] != ',' {
		return false
	}
	for i < len(term) && term[i] == ',' {
		if i+4 > len(term) || !isASCIIDigit(term[i+1]) || !isASCIIDigit(term[i+2]) || !isASCIIDigit(term[i+3]) {
			return false
		}
		i += 4
	}
	if i == len(term) {
		return true
	}
	if term[i] != '.' || i+1 == len(term) {
		return false
	}
	for _, c := range term[i+1:] {
		if !isASCIIDigit(c) {
			return false
		}
	}
	return true
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// skipIdle returns a pipeline with the same tokenizer and filter
// instances in which cjk_width only sees tokens that have full- or
// half-width runes and the pairs (cjk_bigram) only run on streams with
// ideographic tokens (else they would only number the positions 1, 2, 3…,
// which is done directly). The terms are the same (the parity tests
// compare both with search.js); an English knowledge base is analysed
// about a third faster.
func skipIdle(p *textPipeline) *textPipeline {
	da := p.DefaultAnalyzer
	out := &textPipeline{DefaultAnalyzer: &analysis.DefaultAnalyzer{CharFilters: da.CharFilters, Tokenizer: da.Tokenizer}, bigram: p.bigram, idle: true}
	for _, f := range da.TokenFilters {
		if w, ok := f.(*cjk.CJKWidthFilter); ok {
			f = widthWhenNeeded{w}
		}
		out.TokenFilters = append(out.TokenFilters, f)
	}
	return out
}

type widthWhenNeeded struct{ f analysis.TokenFilter }

func (w widthWhenNeeded) Filter(in analysis.TokenStream) analysis.TokenStream {
	var some analysis.TokenStream
	for _, t := range in {
		if hasWidthRune(t.Term) {
			some = append(some, t)
		}
	}
	if len(some) > 0 {
		w.f.Filter(some) // rewrites the tokens' terms in place
	}
	return in
}

// hasWidthRune reports whether term has a rune cjk_width changes
// (U+FF01–U+FF9F, UTF-8 EF BC 81 … EF BE 9F).
func hasWidthRune(term []byte) bool {
	for i := 0; i+2 < len(term); i++ {
		if term[i] == 0xEF && (term[i+1] == 0xBC || term[i+1] == 0xBD || term[i+1] == 0xBE) {
			return true
		}
	}
	return false
}

// pairs runs the bigram filter f on in, the tokens of text, then leaves
// out the word-final long marks (foldLongMarks) and numbers the positions
// 1, 2, 3….
//
// bleve's filter gives each rune of a token the offsets of its bytes in
// the term, counted from the token's start, and pairs two runes only when
// the second starts where the first ends. A term can be shorter than its
// text: cjk_width folds a half-width ﾊﾞ (two runes) into バ. Then the
// runes after the fold had offsets short of their text (a snippet marked
// ｻｰﾊ of ｻｰﾊﾞｰｰ for サーバー), and the word's last rune ended short of
// the next token's start, so cjk_bigram paired nothing across and
// ﾌｪｲﾙｵｰﾊﾞｰ中 was not フェイルオーバー中's terms (QA 18r F8, as QA 18
// b-F1 was for ー). So the filter is given, from the first such token on,
// offsets in which each ideographic token's term is as long as the
// text it stands for: its start moved back by what the terms before it
// lost. Touching tokens touch there as in the text, and after the pairs
// are made each offset is mapped back to the text's, character by
// character (termBounds): a ﾊﾞ folded into バ is one character of six
// bytes. search.js's analyzeUpTo does the same.
func pairs(in analysis.TokenStream, text []byte, f analysis.TokenFilter) analysis.TokenStream {
	var toText map[int]int // an offset given to f → the text's
	src, shift := in, 0
	var marks map[int][]byte
	for i, t := range in {
		if t.Type != analysis.Ideographic {
			continue
		}
		start := t.Start
		if shift != 0 || t.End-t.Start != len(t.Term) {
			if toText == nil {
				toText = map[int]int{}
				src = slices.Clone(in)
			}
			start = t.Start - shift
			termBounds(toText, start, t, text)
			shift += t.End - t.Start - len(t.Term)
			c := *t
			c.Start, c.End = start, start+len(t.Term)
			src[i] = &c
		}
		if n := len(t.Term) - len(prolongedMark); endsInLongMark(t.Term) {
			if marks == nil {
				marks = map[int][]byte{}
			}
			marks[start+n] = t.Term[n-len(prolongedMark) : n]
		}
	}
	out := f.Filter(src)
	if marks != nil {
		out = foldLongMarks(out, marks)
	}
	for i, t := range out {
		if toText != nil && (t.Type == analysis.Single || t.Type == analysis.Double) {
			if s, ok := toText[t.Start]; ok {
				t.Start = s
			}
			if e, ok := toText[t.End]; ok {
				t.End = e
			}
		}
		t.Position = i + 1
	}
	return out
}

// termBounds maps, in toText, the offset of each character boundary of
// t's term, counted from start, to its offset in text, for a token whose
// term cjk_width made from text[t.Start:t.End]: each character of the
// term is a character of the text, or a half-width letter and the voiced
// or semi-voiced mark after it (ﾞ U+FF9E, ﾟ U+FF9F) that cjk_width
// combined with it (ﾊﾞ is バ, ﾊﾟ is パ; ｱﾞ stays two). The term's end is
// the token's.
func termBounds(toText map[int]int, start int, t *analysis.Token, text []byte) {
	var src []byte
	if t.Start >= 0 && t.Start <= t.End && t.End <= len(text) {
		src = text[t.Start:t.End]
	}
	toText[start] = t.Start
	sb := 0
	for tb := 0; tb < len(t.Term); {
		_, n := utf8.DecodeRune(t.Term[tb:])
		if sb < len(src) {
			_, m := utf8.DecodeRune(src[sb:])
			if next, k := utf8.DecodeRune(src[sb+m:]); (next == 0xFF9E || next == 0xFF9F) && combinesWith(src[sb:sb+m+k]) {
				m += k
			}
			sb += m
		}
		tb += n
		toText[start+tb] = t.Start + sb
	}
	toText[start+len(t.Term)] = t.End
}

// combinesWith reports whether cjk_width makes one character of pair, a
// character and a voiced or semi-voiced mark.
func combinesWith(pair []byte) bool {
	ts := widthFolder.Filter(analysis.TokenStream{&analysis.Token{Term: bytes.Clone(pair)}})
	return utf8.RuneCount(ts[0].Term) == 1
}

var widthFolder = cjk.NewCJKWidthFilter()

// prolongedMark is ー (U+30FC) in UTF-8; the half-width ｰ is one after
// cjk_width.
const prolongedMark = "\u30fc"

// endsInLongMark reports whether term is a katakana word whose last
// character is the prolonged sound mark ー after a katakana letter
// (U+30A1–U+30FA): サーバー, ユーザー, エラー, キー; not サーバーー (after
// a mark) or a lone ー.
func endsInLongMark(term []byte) bool {
	n := len(term) - len(prolongedMark)
	if n <= 0 || string(term[n:]) != prolongedMark {
		return false
	}
	r, _ := utf8.DecodeLastRune(term[:n])
	return r >= 0x30A1 && r <= 0x30FA
}

// foldLongMarks leaves the word-final long mark of a katakana word
// (endsInLongMark) out of the pairs cjk_bigram made of out, so that the
// two standard spellings of katakana loanwords (JIS style サーバ, the
// newer サーバー) are the same terms wherever they stand: the pair the
// mark ends (バー of サーバー) is left out, the pair before it (ーバ) ends
// where the word does, so a snippet marks サーバー whole, and the pair the
// mark starts with the next character (ーが of サーバーが, ー率 of
// エラー率) is made with the letter before the mark instead (バが, ラ率:
// its start is the letter's). サーバーが is then サー, ーバ, バが as
// サーバが is, and エラー率 is エラ, ラ率 as エラ率 is: the terms are those
// of the text without the mark, as if the letter touched what follows.
// (A filter that dropped the mark from the token before cjk_bigram left a
// gap where the mark was, and cjk_bigram pairs only touching characters:
// エラー率 was エラ and a lone 率, which no postmortem's text had, QA 18
// b-F1.) A letter that pairs with nothing then (キー alone, a word of two
// characters) is the letter alone, as cjk_bigram keeps a lone rune: キ,
// ending where the word does. marks maps the start of each such mark, in
// the terms' offsets, to the letter before it. search.js does the same in
// analyzeUpTo.
func foldLongMarks(out analysis.TokenStream, marks map[int][]byte) analysis.TokenStream {
	const w = len(prolongedMark) // a katakana letter is as long
	paired := map[int]bool{}     // the marks whose letter is in another pair
	for _, t := range out {
		if t.Type != analysis.Double {
			continue
		}
		if _, ok := marks[t.End]; ok {
			paired[t.End] = true
		}
		if _, ok := marks[t.Start]; ok {
			paired[t.Start] = true
		}
	}
	kept := out[:0]
	for _, t := range out {
		if t.Type == analysis.Double {
			if letter, ok := marks[t.End-w]; ok && t.Start == t.End-2*w {
				if paired[t.End-w] {
					continue // the letter and the mark
				}
				t.Term, t.Type = letter, analysis.Single
			} else if _, ok := marks[t.End]; ok {
				t.End += w // the pair before: to the word's end
			}
			if letter, ok := marks[t.Start]; ok {
				copy(t.Term, letter) // the mark and the next character
				t.Start -= w
			}
		}
		kept = append(kept, t)
	}
	return kept
}

// Analyze returns the terms of text in order.
func (a *Analyzer) Analyze(text string) []Token { return convert(a.full.Analyze([]byte(text))) }

// AnalyzePrefix returns the terms of text without stop-word removal and
// stemming, for a word that is still being typed.
func (a *Analyzer) AnalyzePrefix(text string) []Token {
	return convert(a.prefix.Analyze([]byte(text)))
}

func convert(ts analysis.TokenStream) []Token {
	out := make([]Token, len(ts))
	for i, t := range ts {
		out[i] = Token{Term: string(t.Term), Position: t.Position, Start: t.Start, End: t.End}
	}
	return out
}
