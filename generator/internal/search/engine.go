package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/model"
)

// termSource is an inverted index the engine ranks from: the in-memory index
// behind Export, or the on-disk bleve index behind Query.
type termSource interface {
	docList() []docInfo
	avgLen() [nFields]float64
	// docFreq is the number of documents holding term, per field.
	docFreq(term string) ([nFields]int, error)
	// postings lists term's occurrences in field f by document number;
	// positions only when asked for.
	postings(term string, f int, positions bool) ([]posting, error)
	// prefixTerms lists the terms that start with prefix, in code-point order.
	prefixTerms(prefix string) ([]string, error)
	// facetLabels names the facet values as the site shows them.
	facetLabels() facetLabels
}

// facetLabels maps, per facet (in facetNames order), a value to the name
// the site shows for it when that differs: a system's or cause's catalog
// name (payment-api → 決済API), a severity's label (SEV1 → 致命的).
type facetLabels [6]map[string]string

// newFacetLabels reads the names of cfg's catalog.
func newFacetLabels(cfg *model.SiteConfig) facetLabels {
	var out facetLabels
	for i := range out {
		out[i] = map[string]string{}
	}
	for _, s := range cfg.Severities {
		if s.Label != "" {
			out[0][s.Level] = s.Label
		}
	}
	for _, s := range cfg.Systems {
		if s.Name != "" {
			out[1][s.Slug] = s.Name
		}
	}
	for _, c := range cfg.Causes {
		if c.Name != "" {
			out[2][c.Slug] = c.Name
		}
	}
	return out
}

// Clause kinds.
const (
	clauseTerm   = "term"
	clausePhrase = "phrase"
	clausePrefix = "prefix"
	// clausePhrasePrefix is the phrase of a word taken as a prefix that
	// makes several terms (api.acme.ex, opensearch-pro): its terms at
	// consecutive positions, the last any of its expansions.
	clausePhrasePrefix = "phraseprefix"
)

// maxExpansions caps the terms a prefix stands for; search.js uses the same.
const maxExpansions = 16

// clause is one required part of a query: a term, a phrase (terms at
// consecutive positions), a prefix (any of its expansions) or a phrase
// whose last term is a prefix.
type clause struct {
	Kind  string
	Terms []string
	// Offsets are the phrase terms' positions relative to the first.
	Offsets []int
	// Word is the analysed form of a prefix word (of a phrase prefix's
	// last part) when it is one known term.
	Word string
	// Lasts, for a snippet's phrase, are the terms its last may be (a
	// phrase prefix's expansions); nil: its last term only.
	Lasts []string
	// Marked says that a prefix of one katakana letter was written with
	// the long mark after it (キー, whose term is キ: foldLongMarks): its
	// expansions leave out the pairs of the letter and another katakana
	// letter (キャ, キュ of キャッシュ, キュー), which a word with キー in it
	// never makes (see markedExpansion).
	Marked bool
}

// parsedQuery is a query string taken apart.
type parsedQuery struct {
	Clauses []clause
	// Filters maps a facet name to the values any of which a hit must have.
	Filters map[string][]string
	// Exclude are the excluded words and phrases (-zone, -"forward zone",
	// NOT zone), each as the clauses it alone would be searched with: a
	// document that satisfies every clause of one is no hit.
	Exclude [][]clause
	// NotFilters maps a facet name to the values no hit may have
	// (-severity:SEV1).
	NotFilters map[string][]string
	// Words are the raw words and phrases, for highlighting.
	Words []string
	// last is the last part of the last word, for retryPrefix: the
	// query's last word, unless it is already a prefix* or a phrase whose
	// closing quote is written; a phrase still open ("connection po) is
	// the whole phrase (QA 18 b-F6).
	last lastPart
	// short are the words, as written, too short to stand for a prefix,
	// for hints: a prefix* of one letter (c*), and the last word when it is
	// one letter (x), which retryPrefix does not retry as a prefix.
	short []string
	// from is, for each clause of Clauses, the word or part of a word it
	// was made from, for relax.
	from []clauseFrom
	// common are the words (or parts, or quoted phrases), as written, that
	// make no clause because the analyzer leaves them out as stop words
	// (the, was, "to be"), for hints.
	common []string
	// lone are the quoted words of one CJK character ("率"), as written:
	// each finds that character only where it stands alone, so a hint
	// that it is in no postmortem would be false (loneHint).
	lone []string
}

// commonOnly reports whether pq is made of common words only: it has some
// and no clause. Such a query is not retried as a prefix ("the" is not
// "therefore") and its hint says the words are too common (QA 16 C-F11).
func (pq parsedQuery) commonOnly() bool { return len(pq.Clauses) == 0 && len(pq.common) > 0 }

// clauseFrom is the word (or the part of a word, see splitScripts) a
// clause was made from, as written, and whether it was in double quotes.
type clauseFrom struct {
	Text   string
	Quoted bool
}

// lastPart is the end of a query's last word (its last part when the word
// is split between scripts, as DNS障害 is) that a query finding nothing
// can be run again with as a prefix.
type lastPart struct {
	// Text is the part as written; "" when the last word cannot be a
	// prefix.
	Text string
	// Quoted says that Text is an open phrase ("connection po), taken as
	// its complete words followed by a word starting with its last
	// (asPrefix), as api.acme.ex is.
	Quoted bool
	// At is the index in Clauses of the part's clause: the number of
	// clauses before it. Has says whether the part made a clause (a stop
	// word makes none).
	At  int
	Has bool
}

// isQuerySpace is the whitespace that separates query words (the same set
// in search.js): ASCII space and controls, no-break space, ideographic space.
func isQuerySpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xA0, 0x3000:
		return true
	}
	return false
}

// queryToken is a word, a quoted phrase or a field:value filter. Minus
// marks one to exclude, written -word, -"a phrase", -severity:SEV1 or
// NOT word; Text is then what follows the - or the NOT. Open marks a
// phrase whose closing quote is not written: it runs to the end of the
// query, and is still being typed ("connection po).
type queryToken struct {
	Text   string
	Quoted bool
	Minus  bool
	Open   bool
}

// isMinus reports whether r is the minus that excludes a word: a hyphen,
// or a full-width one (－, typed with a Japanese input method on).
func isMinus(r rune) bool { return r == '-' || r == '－' }

// isOperator reports whether t is the operator word op (NOT, OR): in
// capitals, unquoted and not excluded, read as a filter's word is read
// (filterText), so ＮＯＴ, typed with an input method's full-width Latin,
// is NOT (QA 14 B-F8: it was the word "not"). search.js has the same.
func isOperator(t queryToken, op string) bool {
	return !t.Quoted && !t.Minus && filterText(t.Text) == op
}

// splitQuery cuts a query into words, "quoted phrases" and filters. A
// word or phrase right after one minus is excluded (-zone, -"forward
// zone"; --force is the word force, as is a lone -), and so is the one
// after the word NOT, written in capitals as in bleve's and GitHub's
// syntax ("not" is a word of the text), in ASCII or full width
// (isOperator).
//
// A phrase is quoted in "…", or in the marks that smart quotes, other
// languages and Japanese input methods type where those are meant (QA 16
// C-F5): “…”, „…“ (or „…”), «…», 「…」, 『…』, ＂…＂ (closingQuotes).
//
// The invisible characters a document's words lose (isIgnorable) are left
// out of the query first, so that one pasted before a filter or a minus
// changes nothing (QA 21r F1: "severity:SEV2<ZWSP>" found nothing, and
// "dns <ZWSP>-alpine" listed the postmortems with alpine).
func splitQuery(q string) []queryToken {
	var out []queryToken
	rs := []rune(strings.Map(func(r rune) rune {
		if isIgnorable(r) {
			return -1
		}
		return r
	}, q))
	// closing finds the quote that ends a run quoted by open, starting
	// after i.
	closing := func(open rune, i int) int {
		ends := closingQuotes(open)
		for i < len(rs) && !strings.ContainsRune(ends, rs[i]) {
			i++
		}
		return i
	}
	for i := 0; i < len(rs); {
		minus := isMinus(rs[i]) && i+1 < len(rs) && !isQuerySpace(rs[i+1]) && !isMinus(rs[i+1])
		if minus {
			i++
		}
		switch {
		case isQuerySpace(rs[i]):
			i++
		case closingQuotes(rs[i]) != "":
			j := closing(rs[i], i+1)
			out = append(out, queryToken{Text: string(rs[i+1 : j]), Quoted: true, Minus: minus, Open: j >= len(rs)})
			i = j + 1
		default:
			j := i
			for j < len(rs) && !isQuerySpace(rs[j]) && !(closingQuotes(rs[j]) != "" && j > i && (rs[j-1] == ':' || rs[j-1] == '：')) {
				j++
			}
			if j < len(rs) && !isQuerySpace(rs[j]) { // field:"quoted value" (or field："…", a full-width colon; field:“…”)
				k := closing(rs[j], j+1)
				out = append(out, queryToken{Text: string(rs[i:j]) + string(rs[j+1:k]), Minus: minus})
				i = k + 1
				continue
			}
			out = append(out, queryToken{Text: string(rs[i:j]), Minus: minus})
			i = j
		}
	}
	for i := 0; i+1 < len(out); i++ {
		if isOperator(out[i], "NOT") {
			out[i+1].Minus = true
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}

// closingQuotes are the marks that close a phrase opened by r, or "" when
// r opens none. search.js has the same.
func closingQuotes(r rune) string {
	switch r {
	case '"':
		return `"`
	case '“':
		return "”"
	case '„':
		return "“”"
	case '«':
		return "»"
	case '「':
		return "」"
	case '『':
		return "』"
	case '＂':
		return "＂"
	}
	return ""
}

// parseQuery turns the query syntax into clauses and filters:
//
//	severity:SEV1 system:checkout-api cause:… team:… year:2024   filters
//	tag:postgres                                                  filter
//	"quoted phrase"                                               phrase
//	certif*                                                       prefix
//	dns                                                           term
//	-zone  -"forward zone"  NOT zone  -severity:SEV1              excluded
//
// Words are ANDed; filters on one facet are ORed. An excluded word drops
// the documents the word alone would find, an excluded filter those with
// the value; a query of exclusions only lists every other document. With prefixLast the last
// word is a prefix too (search.js sets it while the user types). An
// unquoted word (or part of one, see splitScripts) that is one CJK
// character is always a prefix: cjk_bigram indexes a kanji only inside
// the pairs it makes with its neighbours (鍵を, 分間), so 鍵, 件 or the 分 of
// 30分 is searched as 鍵*, 件*, 分*, and 30分 finds 30分間.
func parseQuery(q string, a *Analyzer, prefixLast bool) parsedQuery {
	pq := parsedQuery{Filters: map[string][]string{}, NotFilters: map[string][]string{}}
	toks := splitQuery(q)
	last := lastWord(toks)
	for i, t := range toks {
		if t.Minus {
			if name, value, ok := isFilter(queryToken{Text: t.Text, Quoted: t.Quoted}); ok {
				if value != "" {
					pq.NotFilters[name] = append(pq.NotFilters[name], value)
				}
			} else if cs := excludedClauses(t, a); len(cs) > 0 {
				pq.Exclude = append(pq.Exclude, cs)
			}
			continue
		}
		if name, value, ok := isFilter(t); ok {
			if value != "" {
				pq.Filters[name] = append(pq.Filters[name], value)
			}
			continue
		}
		pq.Words = append(pq.Words, t.Text)
		word := t.Text
		prefix := false
		if !t.Quoted {
			trimmed := strings.TrimRight(word, "*")
			prefix = trimmed != word || (prefixLast && i == last)
			word = trimmed
		} else {
			// A phrase being typed: its last word is too (QA 18 b-F6).
			prefix = t.Open && prefixLast && i == last
		}
		parts := []string{word}
		if !t.Quoted {
			parts = splitScripts(word, a)
		}
		for j, part := range parts {
			part, cut := trimLeadingMarks(part)
			if starred := !t.Quoted && strings.HasSuffix(t.Text, "*"); starred && j == len(parts)-1 && isOneLetter(part, a) {
				pq.short = append(pq.short, t.Text)
			}
			if (prefix && j == len(parts)-1) || ((!t.Quoted || cut) && isOneCJKRune(part, a)) {
				if c, ok := asPrefix(part, a); ok {
					pq.Clauses = append(pq.Clauses, c)
					pq.from = append(pq.from, clauseFrom{Text: part})
					continue
				}
			}
			at := len(pq.Clauses)
			c, ok := wordClause(part, a)
			if ok {
				pq.Clauses = append(pq.Clauses, c)
				pq.from = append(pq.from, clauseFrom{Text: part, Quoted: t.Quoted})
				if t.Quoted && !cut && isOneCJKRune(part, a) {
					pq.lone = appendNew(pq.lone, part)
				}
			} else if len(a.AnalyzePrefix(part)) > 0 {
				pq.common = append(pq.common, part)
			}
			if i == last && j == len(parts)-1 && (!t.Quoted || t.Open) && !prefix {
				pq.last = lastPart{Text: part, Quoted: t.Quoted, At: at, Has: ok}
			}
		}
	}
	if pq.last.Text != "" && !pq.last.Quoted && (isOneLetter(pq.last.Text, a) || endsInOneLetter(pq.last.Text, a)) {
		pq.short = append(pq.short, pq.last.Text)
	}
	return pq
}

// excludedClauses are the clauses an excluded word or phrase t would be
// searched with alone (no prefix for the last word: an exclusion is never
// the word being typed).
func excludedClauses(t queryToken, a *Analyzer) []clause {
	if t.Quoted {
		text, cut := trimLeadingMarks(t.Text)
		if cut && isOneCJKRune(text, a) {
			if c, ok := asPrefix(text, a); ok {
				return []clause{c}
			}
		}
		if c, ok := wordClause(text, a); ok {
			return []clause{c}
		}
		return nil
	}
	word := strings.TrimRight(t.Text, "*")
	parts := splitScripts(word, a)
	var out []clause
	for j, part := range parts {
		part, _ = trimLeadingMarks(part)
		if (word != t.Text && j == len(parts)-1) || isOneCJKRune(part, a) {
			if c, ok := asPrefix(part, a); ok {
				out = append(out, c)
				continue
			}
		}
		if c, ok := wordClause(part, a); ok {
			out = append(out, c)
		}
	}
	return out
}

// trimLeadingMarks is part without the long marks (ー, ｰ) it starts
// with, when more follows them, and whether it had any. Such a part is a
// fragment copied from inside a katakana word (ー率 of エラー率, ーバ中 of
// フェイルオーバー中), whose letter before the mark is not in the query,
// and the index pairs what follows a word-final mark with that letter
// (ラ率: foldLongMarks), so the fragment found nothing and its hint said
// no postmortem had it (QA 18r F6). Without the mark it finds what it
// starts with: ー率 is 率, one CJK character, searched as 率*, quoted or not
// (what is before 率 is written: it is no word alone); ーバ中 is バ中.
// search.js trims the same.
func trimLeadingMarks(part string) (string, bool) {
	rest := strings.TrimLeft(part, "ーｰ")
	if rest == part || rest == "" {
		return part, false
	}
	return rest, true
}

// isOneLetter reports whether part is one term of one rune other than a
// CJK one before stemming (c, ｘ): too short for a prefix (prefixKey),
// while one CJK rune is a prefix (isOneCJKRune).
func isOneLetter(part string, a *Analyzer) bool {
	toks := a.AnalyzePrefix(part)
	return len(toks) == 1 && !isCJKTerm(toks[0].Term) && utf8.RuneCountInString(toks[0].Term) == 1
}

// endsInOneLetter reports whether part makes several terms, the last of
// one rune other than a CJK one (DB_M, api.acme.e): a name being typed
// whose last part is too short for a prefix (asPrefix), like a word of
// one letter (QA 16r a-F1). search.js has the same.
func endsInOneLetter(part string, a *Analyzer) bool {
	toks := a.AnalyzePrefix(part)
	if len(toks) < 2 {
		return false
	}
	t := toks[len(toks)-1].Term
	return !isCJKTerm(t) && utf8.RuneCountInString(t) == 1
}

// splitScripts cuts an unquoted query word where its terms change between
// CJK and other scripts ("DNS障害" → "DNS", "障害"; "ＴＬＳ証明書" → "ＴＬＳ",
// "証明書"). The analyzer cuts a document's text at the same place, so
// "DNS障害" in a document holds the terms of both parts; as separate required
// words they also find "DNS の障害". A word in one script stays whole
// (checkout-api and 証明書の期限切れ are phrases).
func splitScripts(word string, a *Analyzer) []string {
	toks := a.AnalyzePrefix(word)
	var parts []string
	from := 0
	for i := 1; i < len(toks); i++ {
		if isCJKTerm(toks[i].Term) != isCJKTerm(toks[i-1].Term) {
			parts = append(parts, word[from:toks[i].Start])
			from = toks[i].Start
		}
	}
	return append(parts, word[from:])
}

// isOneCJKRune reports whether part is one term of one CJK rune before
// stemming (鍵; ｶ, whose term is カ).
func isOneCJKRune(part string, a *Analyzer) bool {
	toks := a.AnalyzePrefix(part)
	return len(toks) == 1 && isCJKTerm(toks[0].Term) && utf8.RuneCountInString(toks[0].Term) == 1
}

// isCJKTerm reports whether a term starts with a CJK rune (U+2E80 and up,
// as shardKey counts them).
func isCJKTerm(term string) bool {
	r, _ := utf8.DecodeRuneInString(term)
	return r >= 0x2E80
}

// retryPrefix returns pq with the last word of its query taken as a
// prefix, as parseQuery with prefixLast parses it, and that prefix, for a
// query that found nothing: the word is no filter, not already a prefix*,
// not a phrase whose closing quote is written, and its prefix has at least
// two runes. A phrase still open ("connection po, typed into the search
// box) is its complete words followed by a word starting with its last
// (asPrefix's phrase prefix), named as written (QA 18 b-F6: it found
// nothing until its last word was complete). Filters and exclusions
// after the word do not count (dns severity:SEV1, certif -zone): an
// excluded word is never retried, as a wider one would only leave out
// more. It reuses pq's clauses instead of
// parsing the query again. search.js retries the same way, so a query
// typed into the search box (where the last word is still being typed) and
// the same query opened from its URL or run by pmkb search find the same
// postmortems.
func (pq parsedQuery) retryPrefix(a *Analyzer) (parsedQuery, string, bool) {
	if pq.last.Text == "" {
		return pq, "", false
	}
	c, ok := asPrefix(pq.last.Text, a)
	if !ok || !retryable(c) {
		return pq, "", false
	}
	after := pq.last.At
	if pq.last.Has {
		after++
	}
	out := pq
	out.Clauses = slices.Concat(pq.Clauses[:pq.last.At], []clause{c}, pq.Clauses[after:])
	out.from = slices.Concat(pq.from[:pq.last.At], []clauseFrom{{Text: pq.last.Text}}, pq.from[after:])
	out.last = lastPart{}
	return out, prefixShown(c, pq.last.Text), true
}

// retryable reports whether a word's prefix clause c (asPrefix) may stand
// for the last word of a query that found nothing: not one CJK rune (a
// phrase prefix's last term has two runes at least).
func retryable(c clause) bool {
	return c.Kind == clausePhrasePrefix || utf8.RuneCountInString(c.Terms[0]) >= 2
}

// prefixShown is how the hint names the prefix c that the query's last
// word, written as word, was taken as: a prefix's term, or the word as
// written when it made a phrase prefix (api.acme.ex).
func prefixShown(c clause, word string) string {
	if c.Kind == clausePhrasePrefix {
		return word
	}
	return c.Terms[0]
}

// retried says how a query that found nothing as written was searched
// again: its last word as a prefix (retryPrefix), or relaxed (relax).
type retried struct {
	// Prefix is the prefix the last word was taken as, "" when it was not.
	Prefix string
	// Relaxed says the hits are those of the query relaxed.
	Relaxed bool
	// Missing are the words, as written, that no postmortem has, left out
	// of the relaxed query (each once, in the query's order); Split the
	// unspaced CJK runs no postmortem has as written, searched as the
	// words (character pairs) they are made of. Set when the query was
	// relaxed, whether or not that found anything.
	Missing, Split []string
	// NoneLeft says that no postmortem has any of the query's words: there
	// was nothing left to search.
	NoneLeft bool
	// Apart says that the query, of two clauses or more and no filter or
	// excluded word, found nothing although each clause alone finds some
	// postmortem: there was nothing to relax, and a hint says to leave a
	// word out (review 16 search-3).
	Apart bool
	// gone are the characters of the Split runs that no postmortem has
	// (runPairs: 猫 of 猫の障害), named in Missing when the relaxed query
	// is what is shown (review 16 search-2).
	gone []string
	// unsplit names the Split runs when the query is not relaxed after
	// all: each run's gone characters, or the run when it has none.
	unsplit []string
	// kept and words count the query's words for enoughKept: those kept,
	// and all, where a run searched as its pairs is as many words as its
	// stretches of found characters (split where kanji meets katakana:
	// リージョン, 障害) and its gone characters (東京) are one more word
	// left out each (QA 16r a-F2).
	kept, words int
}

// runQuery ranks q (with extra filters) over src. When that finds
// nothing, it ranks q again with its last word as a prefix when
// retryPrefix allows it (and prefixLast did not make it one already), and
// when that finds nothing either, relaxed (relax); retried says which
// answered. q is read in NFC, as source loading reads the postmortems: a
// query pasted from a file name on macOS, a zip archive or a cloud drive
// is decomposed (デ as テ and U+3099, é as e and U+0301), and cjk_width
// and the segmenter do not compose it, so it found nothing (QA 18 b-F7).
// search.js folds the query the same way (String.prototype.normalize).
func runQuery(ctx context.Context, src termSource, a *Analyzer, q string, prefixLast bool, filters map[string][]string) ([]hit, parsedQuery, retried, error) {
	q = norm.NFC.String(q)
	pq := parseQuery(q, a, prefixLast)
	for k, v := range filters {
		pq.Filters[k] = append(pq.Filters[k], v...)
	}
	hits, err := rank(ctx, src, pq)
	if err != nil || len(hits) > 0 {
		return hits, pq, retried{}, err
	}
	if pq2, p, ok := pq.retryPrefix(a); ok && !prefixLast && !pq.commonOnly() {
		hits2, err := rank(ctx, src, pq2)
		if err != nil {
			return nil, pq, retried{}, err
		}
		if len(hits2) > 0 {
			return hits2, pq2, retried{Prefix: p}, nil
		}
	}
	rq, rt, kept, err := pq.relax(ctx, src, a)
	if err != nil || (len(rt.Missing) == 0 && len(rt.Split) == 0) {
		// Nothing to leave out: every clause finds some postmortem alone.
		// Apart only when each was looked up whole: not a last word found
		// only as a prefix, nor one of one letter, never looked up as
		// typed (QA 16r a-F5).
		apart := err == nil && len(pq.Clauses) >= 2 && !pq.narrowed() && rt.Prefix == "" && len(pq.short) == 0
		return hits, pq, retried{Apart: apart}, err
	}
	if len(rq.Clauses) == 0 {
		return hits, pq, retried{Missing: rt.Missing, NoneLeft: true}, nil
	}
	// Nothing even relaxed, or too little kept to be an answer: a run no
	// postmortem has as written is named with the words no postmortem has.
	notRelaxed := func() retried {
		missing := rt.Missing
		for _, w := range rt.unsplit {
			missing = appendNew(missing, w)
		}
		return retried{Missing: missing}
	}
	// A word of one letter is never looked up as typed (the start of a
	// word being typed, or c*): it is not a word no postmortem has to
	// leave out, and its hint says to type more (QA 16r a-F3).
	if slices.ContainsFunc(rt.Missing, func(w string) bool { return slices.Contains(pq.short, w) || slices.Contains(pq.short, w+"*") }) {
		return hits, pq, notRelaxed(), nil
	}
	if !enoughKept(kept, rt.kept, rt.words) {
		return hits, pq, notRelaxed(), nil
	}
	hits3, err := rank(ctx, src, rq)
	if err != nil || len(hits3) == 0 {
		return hits, pq, notRelaxed(), err
	}
	rt.Relaxed = true
	for _, g := range rt.gone {
		rt.Missing = appendNew(rt.Missing, g)
	}
	return hits3, rq, rt, nil
}

// relax is pq, a query that found nothing, with what made it find nothing
// taken out (QA 16 C-F1, C-F3): a pasted log line's timestamp, pid or
// request id, which no postmortem has, or an unspaced Japanese run
// written with another particle (証明書が期限切れ, 証明書の期限切れ in the
// postmortems). Each clause that finds no postmortem alone (filters
// aside) is
//
//   - the last word taken as a prefix, when retryPrefix would take it and
//     that finds postmortems (the word was still being typed);
//   - else, when it is an unquoted run of CJK character pairs (a phrase),
//     the AND of its pairs that are in the index, leaving out the pairs
//     with a hiragana character (particles, verb endings: が期, 切れ)
//     unless no other pair is left;
//   - else left out.
//
// Filters and excluded words are never relaxed. The relaxed query, what
// was done to it, and the clauses of pq kept (found alone, taken as a
// prefix, or a run searched as its words; for enoughKept) are returned;
// the prefix, if one was taken, in retried.Prefix. search.js relaxes the
// same way (Engine.relaxed).
func (pq parsedQuery) relax(ctx context.Context, src termSource, a *Analyzer) (parsedQuery, retried, []clause, error) {
	n, avg := len(src.docList()), src.avgLen()
	var rt retried
	var kept []clause
	out := pq
	out.Clauses, out.from, out.last = nil, nil, lastPart{}
	for i, c := range pq.Clauses {
		if err := ctx.Err(); err != nil {
			return pq, rt, nil, err
		}
		s, err := clauseScores(src, c, n, avg)
		if err != nil {
			return pq, rt, nil, err
		}
		from := pq.from[i]
		if len(s) > 0 {
			out.Clauses = append(out.Clauses, c)
			out.from = append(out.from, from)
			kept = append(kept, c)
			rt.kept, rt.words = rt.kept+1, rt.words+1
			continue
		}
		if pq.last.Has && i == pq.last.At {
			if pc, ok := asPrefix(pq.last.Text, a); ok && retryable(pc) {
				ps, err := clauseScores(src, pc, n, avg)
				if err != nil {
					return pq, rt, nil, err
				}
				if len(ps) > 0 {
					out.Clauses = append(out.Clauses, pc)
					out.from = append(out.from, clauseFrom{Text: pq.last.Text})
					rt.Prefix = prefixShown(pc, pq.last.Text)
					kept = append(kept, pc)
					rt.kept, rt.words = rt.kept+1, rt.words+1
					continue
				}
			}
		}
		if !from.Quoted && isCJKRun(c) {
			pairs, gone, words, mostlyGone, err := runPairs(src, c)
			if err != nil {
				return pq, rt, nil, err
			}
			for i, g := range gone {
				gone[i] = withLongMark(g, from.Text)
			}
			if len(pairs) > 0 && !mostlyGone {
				for _, p := range pairs {
					out.Clauses = append(out.Clauses, pairClause(p))
					out.from = append(out.from, from)
				}
				rt.Split = appendNew(rt.Split, from.Text)
				for _, g := range gone {
					rt.gone = appendNew(rt.gone, g)
					rt.unsplit = appendNew(rt.unsplit, g)
				}
				if len(gone) == 0 {
					rt.unsplit = appendNew(rt.unsplit, from.Text)
				}
				kept = append(kept, c)
				rt.kept, rt.words = rt.kept+words, rt.words+words+len(gone)
				continue
			}
		}
		rt.Missing = appendNew(rt.Missing, from.Text)
		rt.words++
	}
	return out, rt, kept, nil
}

// enoughKept reports whether a query of n words (filters and excluded
// words are none; retried.words) that kept k of them, the clauses kept,
// when relaxed (relax) is worth searching relaxed (review 16 search-1):
// more than half of its words are kept (Elasticsearch's minimum_should_match "50%", a bit
// stricter), and not only words of one character or bare numbers.
// Otherwise what is left looks like an answer and is none: `certficate 5`
// would list every postmortem with a 5, `request_id=deadbeef ERROR` every
// postmortem with an error, and the query finds nothing, naming the words
// no postmortem has. search.js decides the same (enoughKept).
func enoughKept(kept []clause, k, n int) bool {
	if 2*k <= n {
		return false
	}
	for _, c := range kept {
		if !slightClause(c) {
			return true
		}
	}
	return false
}

// slightClause reports whether every term of c is one character or a bare
// number (5, 1, 03:12:44 as 03 12 44): such a clause alone is no answer
// to a query.
func slightClause(c clause) bool {
	for _, t := range c.Terms {
		if utf8.RuneCountInString(t) > 1 && strings.Trim(t, "0123456789") != "" {
			return false
		}
	}
	return true
}

// narrowed reports whether pq has a filter value, wanted or not, or an
// excluded word: what found nothing may then be those, not its words
// together.
func (pq parsedQuery) narrowed() bool {
	for _, m := range []map[string][]string{pq.Filters, pq.NotFilters} {
		for _, v := range m {
			if len(v) > 0 {
				return true
			}
		}
	}
	return len(pq.Exclude) > 0
}

// appendNew appends s to list unless list has it.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// isCJKRun reports whether c is a phrase of CJK terms: an unspaced run of
// Japanese (or Chinese, Korean) as cjk_bigram indexes it, in pairs.
func isCJKRun(c clause) bool {
	if c.Kind != clausePhrase {
		return false
	}
	for _, t := range c.Terms {
		if !isCJKTerm(t) {
			return false
		}
	}
	return true
}

// runPairs are the terms of the CJK run c that some postmortem has, each
// once, in the run's order, without those with a hiragana character
// unless they are all that is left. gone are the stretches of the run's
// characters, hiragana aside, that are in no pair some postmortem has:
// the word of the run no postmortem has (猫 of 猫の障害, 東京 of
// 東京リージョン障害), which the hint names as a spaced query's is
// (review 16 search-2). mostlyGone says that more than half of the run's
// pairs without hiragana are in no postmortem: the run is then a word no
// postmortem has, not searched as its pairs. The run's characters are
// its pairs overlapping by one (東京, 京リ); terms that do not overlap
// (東京-障害) are stretches apart. words counts the run's stretches of
// characters, hiragana aside, in some found pair, split where kanji meets
// katakana (リージョン障害 is two), at least one: the words it keeps, for
// enoughKept (QA 16r a-F2). search.js's runPairs is the same.
func runPairs(src termSource, c clause) (pairs, gone []string, words int, mostlyGone bool, err error) {
	var all, plain []string
	var chars []rune // 0 between terms that do not overlap
	var covered []bool
	var prev []rune
	var starts []int // each term's first character in chars
	seen := map[string]bool{}
	nPlain, nGone := 0, 0
	for _, t := range c.Terms {
		rs := []rune(t)
		start := len(chars)
		if len(prev) == 2 && len(rs) > 0 && rs[0] == prev[1] {
			start--
		} else if len(chars) > 0 {
			chars, covered = append(chars, 0), append(covered, false)
			start++
		}
		for j, r := range rs {
			if start+j == len(chars) {
				chars, covered = append(chars, r), append(covered, false)
			}
		}
		prev = rs
		starts = append(starts, start)
		found, err := pairFound(src, t)
		if err != nil {
			return nil, nil, 0, false, err
		}
		if found {
			for j := range rs {
				covered[start+j] = true
			}
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		isPlain := !strings.ContainsFunc(t, isHiragana)
		if isPlain {
			nPlain++
			if !found {
				nGone++
			}
		}
		if !found {
			continue
		}
		all = append(all, t)
		if isPlain {
			plain = append(plain, t)
		}
	}
	// A stretch of katakana is one word, a loanword (ワークフロー), not
	// pairs of others' words: when a character of it is in no found pair,
	// the whole stretch is gone, and its found pairs (ワー, ーク of
	// ネットワーク) are not searched (QA 16r a-F10: ワークフロー listed 23
	// network partitions). So is a stretch whose pairs are each found, but
	// in other words, never one after the other as it writes them
	// (katakanaWritten: サーバー's サー of サーキット and ーバ of
	// フェイルオーバー; QA 18 b-F2).
	for i := 0; i < len(chars); {
		if chars[i] == 0 || !isKatakana(chars[i]) {
			i++
			continue
		}
		j, whole := i, true
		for ; j < len(chars) && chars[j] != 0 && isKatakana(chars[j]); j++ {
			whole = whole && covered[j]
		}
		if whole {
			if whole, err = katakanaWritten(src, c, starts, i, j); err != nil {
				return nil, nil, 0, false, err
			}
		}
		if !whole {
			kept, err := katakanaParts(src, c, chars, covered, starts, i, j)
			if err != nil {
				return nil, nil, 0, false, err
			}
			dropped := map[string]bool{}
			for k, t := range c.Terms {
				end := starts[k] + utf8.RuneCountInString(t)
				if starts[k] >= i && end <= j && slices.ContainsFunc(kept[starts[k]:end], func(b byte) bool { return b != 1 }) {
					dropped[t] = true
				}
			}
			for k := i; k < j; k++ {
				covered[k] = kept[k] != 0
			}
			out := func(t string) bool { return dropped[t] }
			all, plain = slices.DeleteFunc(all, out), slices.DeleteFunc(plain, out)
		}
		i = j
	}
	var stretch []rune
	for i, r := range chars {
		if r != 0 && !covered[i] && !isHiragana(r) {
			stretch = append(stretch, r)
		}
		if len(stretch) > 0 && (i == len(chars)-1 || r == 0 || covered[i+1] || chars[i+1] == 0 || isHiragana(chars[i+1])) {
			gone = appendNew(gone, string(stretch))
			stretch = nil
		}
	}
	for i, r := range chars {
		if r == 0 || !covered[i] || isHiragana(r) {
			continue
		}
		if i == 0 || chars[i-1] == 0 || !covered[i-1] || isHiragana(chars[i-1]) || isKatakana(chars[i-1]) != isKatakana(r) {
			words++
		}
	}
	words = max(words, 1)
	mostlyGone = 2*nGone > nPlain
	if len(plain) > 0 {
		return plain, gone, words, mostlyGone, nil
	}
	return all, gone, words, mostlyGone, nil
}

// pairFound reports whether some postmortem has t, a term of a CJK run:
// a pair, or one character that touches no other in the run (the 率 of
// エラ-率, エラ～率), which is found where some term starts with it, as a
// word of one CJK character is (isOneCJKRune): the index has the lone
// character only where nothing touches it, and the hint named 率 as a
// word no postmortem has while 率 found 544 (QA 18r F6). search.js's
// runPairs is the same.
func pairFound(src termSource, t string) (bool, error) {
	df, err := src.docFreq(t)
	if err != nil || df != ([nFields]int{}) {
		return err == nil, err
	}
	if !isLoneCJK(t) {
		return false, nil
	}
	exps, err := expansions(src, pairClause(t))
	return len(exps) > 0, err
}

// pairClause is the clause a found term of a CJK run is searched with
// when the run is searched as its pairs: the term, or, for one character,
// the words that start with it (pairFound).
func pairClause(t string) clause {
	if isLoneCJK(t) {
		return clause{Kind: clausePrefix, Terms: []string{t}, Word: t}
	}
	return clause{Kind: clauseTerm, Terms: []string{t}}
}

// isLoneCJK reports whether term is one CJK character.
func isLoneCJK(term string) bool { return isCJKTerm(term) && utf8.RuneCountInString(term) == 1 }

// katakanaWritten reports whether some postmortem has the katakana
// stretch chars[i:j] of the CJK run c as the run writes it: the phrase of
// the run's terms inside the stretch (starts: each term's first character
// in chars). A stretch of one pair or none is written where that pair is.
// search.js's katakanaWritten is the same.
func katakanaWritten(src termSource, c clause, starts []int, i, j int) (bool, error) {
	sub := clause{Kind: clausePhrase}
	for k, t := range c.Terms {
		if starts[k] >= i && starts[k]+utf8.RuneCountInString(t) <= j {
			sub.Terms = append(sub.Terms, t)
			sub.Offsets = append(sub.Offsets, c.Offsets[k])
		}
	}
	if len(sub.Terms) < 2 {
		return true, nil
	}
	for k := len(sub.Offsets) - 1; k >= 0; k-- {
		sub.Offsets[k] -= sub.Offsets[0]
	}
	s, err := phraseScores(src, sub, len(src.docList()), src.avgLen())
	return len(s) > 0, err
}

// katakanaParts splits the katakana stretch chars[i:j] of the run c, not
// written as a whole, into the words it is a compound of (Japanese writes
// キャッシュサーバー unspaced; QA 18r F5): greedily from the left, the
// longest part of two letters or more that some postmortem writes as a
// word of its own (katakanaWord), then the same for the rest. A letter no
// such part starts with is left out, and so is a long mark, unless it ends
// a part (フェイルオーバー of フェイルオーバーサーバー). kept[k] is 1 when
// chars[k] is in a part, 2 when it is a long mark that ends one (shown as
// kept, its pairs not searched: the postmortems' texts leave them out), 0
// when it is left out; covered as runPairs has it. search.js's
// katakanaParts is the same.
func katakanaParts(src termSource, c clause, chars []rune, covered []bool, starts []int, i, j int) ([]byte, error) {
	kept := make([]byte, len(chars))
	for p := i; p < j; {
		if chars[p] == 'ー' {
			if p > i && kept[p-1] != 0 {
				kept[p] = 2
			}
			p++
			continue
		}
		q := j
		for ; q >= p+2; q-- {
			if slices.Contains(covered[p:q], false) {
				continue
			}
			ok, err := katakanaWord(src, c, chars, starts, p, q)
			if err != nil {
				return nil, err
			}
			if ok {
				break
			}
		}
		if q < p+2 {
			p++
			continue
		}
		for k := p; k < q; k++ {
			kept[k] = 1
		}
		p = q
	}
	return kept, nil
}

// katakanaWord reports whether some postmortem writes chars[p:q], a part of
// the run c, as a word of its own: the phrase of the run's terms inside it
// with no katakana pair just before it or just after it (キャッシュ of
// キャッシュの; not ワーク, only ever in ネットワーク, nor サー of サーキット).
// search.js's katakanaWord is the same.
func katakanaWord(src termSource, c clause, chars []rune, starts []int, p, q int) (bool, error) {
	var terms []string
	var offs []int
	for k, t := range c.Terms {
		if starts[k] >= p && starts[k]+utf8.RuneCountInString(t) <= q {
			terms = append(terms, t)
			offs = append(offs, c.Offsets[k])
		}
	}
	if len(terms) == 0 {
		return false, nil
	}
	for k := len(offs) - 1; k >= 0; k-- {
		offs[k] -= offs[0]
	}
	last := offs[len(offs)-1]
	// The katakana pairs that end with the part's first letter or start
	// with its last one: where they are, the part is inside a longer word.
	var around []string
	for r := rune(0x30A1); r <= 0x30FF; r++ {
		if r != '・' {
			around = append(around, string(r)+string(chars[p]))
		}
	}
	after, err := src.prefixTerms(string(chars[q-1]))
	if err != nil {
		return false, err
	}
	for _, t := range after {
		rs := []rune(t)
		if len(rs) == 2 && isKatakana(rs[1]) && rs[1] != '・' {
			around = append(around, t)
		}
	}
	for f := range Fields {
		lists := make([]map[int32]posting, len(terms))
		for k, t := range terms {
			ps, err := src.postings(t, f, true)
			if err != nil {
				return false, err
			}
			lists[k] = make(map[int32]posting, len(ps))
			for _, x := range ps {
				lists[k][x.Doc] = x
			}
		}
		inWord := map[[2]int32]bool{} // document, position of a katakana pair
		for _, t := range around {
			df, err := src.docFreq(t)
			if err != nil {
				return false, err
			}
			if df[f] == 0 {
				continue
			}
			ps, err := src.postings(t, f, true)
			if err != nil {
				return false, err
			}
			for _, x := range ps {
				if _, ok := lists[0][x.Doc]; ok {
					for _, at := range x.Pos {
						inWord[[2]int32{x.Doc, at}] = true
					}
				}
			}
		}
		for doc, p0 := range lists[0] {
		starts:
			for _, s := range p0.Pos {
				for k := 1; k < len(terms); k++ {
					x, ok := lists[k][doc]
					if !ok || !slices.Contains(x.Pos, s+int32(offs[k])) {
						continue starts
					}
				}
				if !inWord[[2]int32{doc, s - 1}] && !inWord[[2]int32{doc, s + int32(last) + 1}] {
					return true, nil
				}
			}
		}
	}
	return false, nil
}

// withLongMark is the stretch g of a run's characters as the run text
// writes it: with the long mark ー after it that the index leaves out of a
// katakana word's end (ワークフロー, not ワークフロ). search.js's
// withLongMark is the same.
func withLongMark(g, text string) string {
	if strings.Contains(text, g+"ー") {
		return g + "ー"
	}
	return g
}

// isKatakana reports whether r is a katakana letter or mark, ー included
// (U+30A0–U+30FF).
func isKatakana(r rune) bool { return r >= 0x30A0 && r <= 0x30FF }

// isHiragana reports whether r is a hiragana letter or mark (U+3041–U+309F).
func isHiragana(r rune) bool { return r >= 0x3041 && r <= 0x309F }

// isFilter returns the facet and value of a filter word (severity:SEV1).
// The word is read folded with NFKC (filterText), so a filter typed with a
// Japanese input method left on is one too: severity：SEV1 (full-width
// colon), severity:ＳＥＶ１, tag:"ディスク　容量" (ideographic space).
func isFilter(t queryToken) (name, value string, ok bool) {
	if t.Quoted || t.Minus {
		return "", "", false
	}
	name, value, ok = strings.Cut(filterText(t.Text), ":")
	name = asciiLower(name)
	return name, value, ok && slices.Contains(facetNames, name)
}

// filterText is a query word as filters read it: NFKC-folded, which makes
// full-width ASCII (：, ＳＥＶ１) and the ideographic space ASCII and
// half-width katakana full-width. search.js folds with
// String.prototype.normalize("NFKC").
func filterText(word string) string { return norm.NFKC.String(word) }

// lastWord is the index of the last token that is neither a filter nor
// excluded, or -1.
func lastWord(toks []queryToken) int {
	for i := len(toks) - 1; i >= 0; i-- {
		if _, _, ok := isFilter(toks[i]); !ok && !toks[i].Minus {
			return i
		}
	}
	return -1
}

// wordClause is a term, or a phrase when the word makes several terms
// (checkout-api, 証明書). A word that ends in a katakana letter and the
// long mark that pairs with nothing before it (キー, APIキー: its last term
// is the letter alone, writtenWithMark) ends in that letter as a Marked
// prefix, a prefix or a phrase prefix: in a postmortem the letter pairs
// with what follows the mark (キーが is キが), so the lone letter is only
// where nothing does, and a quoted "キー" found nothing while キー, a
// Marked prefix as a word of one CJK character, found it (QA 18r F13).
// search.js has the same.
func wordClause(word string, a *Analyzer) (clause, bool) {
	toks := a.Analyze(word)
	if len(toks) == 0 {
		return clause{}, false
	}
	last := toks[len(toks)-1]
	marked := writtenWithMark(word, last)
	if len(toks) == 1 {
		if marked {
			return clause{Kind: clausePrefix, Terms: []string{validTerm(last.Term)}, Word: validTerm(last.Term), Marked: true}, true
		}
		return clause{Kind: clauseTerm, Terms: []string{validTerm(last.Term)}}, true
	}
	c := clause{Kind: clausePhrase}
	if marked {
		c = clause{Kind: clausePhrasePrefix, Word: validTerm(last.Term), Marked: true}
	}
	for _, t := range toks {
		c.Terms = append(c.Terms, validTerm(t.Term))
		c.Offsets = append(c.Offsets, t.Position-toks[0].Position)
	}
	return c, true
}

// prefixClause is a prefix when the word is one term of at least two runes
// (or one CJK rune) before stemming.
func prefixClause(word string, a *Analyzer) (clause, bool) {
	toks := a.AnalyzePrefix(word)
	if len(toks) != 1 {
		return clause{}, false
	}
	p := foldTyping(validTerm(toks[0].Term))
	if _, ok := prefixKey(p); !ok {
		return clause{}, false
	}
	c := clause{Kind: clausePrefix, Terms: []string{p}, Marked: writtenWithMark(word, toks[0])}
	if full := a.Analyze(word); len(full) == 1 {
		c.Word = validTerm(full[0].Term)
	}
	return c, true
}

// writtenWithMark reports whether t, the one term of word, is a katakana
// letter whose text ends with the long mark (キー, ｷｰ): foldLongMarks left
// the mark out.
func writtenWithMark(word string, t Token) bool {
	r, n := utf8.DecodeRuneInString(t.Term)
	text := word[t.Start:t.End]
	return n == len(t.Term) && r >= 0x30A1 && r <= 0x30FA && (strings.HasSuffix(text, "ー") || strings.HasSuffix(text, "ｰ"))
}

// markedExpansion reports whether term may stand for a Marked prefix
// (キー): its second character, if any, is not a katakana letter. A word
// with キー in it makes the pair キー (キーボード), the letter alone (キー by
// itself) or the letter and what follows the mark (キャッシュキーに: キに),
// never キャ or キュ (QA 18 b-F5: キー listed every キャパシティ incident).
// search.js's expansions does the same.
func markedExpansion(term string) bool {
	_, n := utf8.DecodeRuneInString(term)
	r, _ := utf8.DecodeRuneInString(term[n:])
	return !(r >= 0x30A1 && r <= 0x30FA)
}

// typedGrouped is a number with thousands separators being typed: its
// last group has one or two digits (18,4 on the way to 18,400).
var typedGrouped = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})*,[0-9]{1,2}$`)

// foldTyping is the prefix term p as the index holds what it starts:
// a grouped number being typed without its commas (18,4 is 184, the start
// of 18400, which thousandsFilter makes of 18,400; QA 16r a-F4). search.js
// has the same.
func foldTyping(p string) string {
	if typedGrouped.MatchString(p) {
		return strings.ReplaceAll(p, ",", "")
	}
	return p
}

// asPrefix is the clause of a word taken as a prefix (the word being
// typed, a word*, the last word retried as a prefix): a prefix when the
// word is one term (prefixClause); when it makes several and the last is
// two runes or more and not CJK, the phrase of its terms with the last a
// prefix (clausePhrasePrefix), so that api.acme.ex finds
// api.acme.example, opensearch-pro opensearch-products and DB_MAX_CONN
// DB_MAX_CONNECTIONS while they are typed (QA 16 C-F2, type-ahead). The
// complete parts are analysed as a word is (stemmed, stop words left out,
// as in wordClause), the last as a prefix is: no_such_ho is the prefix
// ho. A word whose last part is one letter (api.acme.e) or CJK is none.
// search.js has the same.
func asPrefix(word string, a *Analyzer) (clause, bool) {
	if c, ok := prefixClause(word, a); ok {
		return c, true
	}
	toks := a.AnalyzePrefix(word)
	if len(toks) < 2 {
		return clause{}, false
	}
	last := toks[len(toks)-1]
	p := validTerm(last.Term)
	if _, ok := prefixKey(p); !ok || isCJKTerm(p) {
		return clause{}, false
	}
	c := clause{Kind: clausePhrasePrefix}
	if full := a.Analyze(word[last.Start:]); len(full) == 1 {
		c.Word = validTerm(full[0].Term)
	}
	var head []Token
	for _, t := range a.Analyze(word) {
		if t.Start < last.Start {
			head = append(head, t)
		}
	}
	if len(head) == 0 {
		return clause{Kind: clausePrefix, Terms: []string{p}, Word: c.Word}, true
	}
	for _, t := range head {
		c.Terms = append(c.Terms, validTerm(t.Term))
		c.Offsets = append(c.Offsets, t.Position-head[0].Position)
	}
	c.Terms = append(c.Terms, p)
	c.Offsets = append(c.Offsets, c.Offsets[len(c.Offsets)-1]+1)
	return c, true
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// hit is a ranked document.
type hit struct {
	Doc   int
	Score float64
}

// idf is BM25's inverse document frequency.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// weight is one field's BM25 contribution of a term to a document. The
// explicit float64 conversions keep the compiler from fusing operations, so
// search.js computes the same bits.
func weight(boost, idf float64, tf, length int, avg float64) float64 {
	norm := float64(bm25K1 * float64(1-bm25B+float64(bm25B*float64(length))/avg))
	return float64(float64(boost*idf)*float64(float64(tf)*(bm25K1+1))) / (float64(tf) + norm)
}

// roundScore keeps six decimals, so that a last-bit difference between two
// implementations of log cannot reorder hits.
func roundScore(s float64) float64 { return math.Round(s*1e6) / 1e6 }

// expansions returns the terms a prefix clause stands for: the word's own
// term first when indexed, then the terms starting with the prefix by
// document frequency (summed over fields), most frequent first.
func expansions(src termSource, c clause) ([]string, error) {
	terms, err := src.prefixTerms(c.Terms[0])
	if err != nil {
		return nil, err
	}
	type cand struct {
		term string
		df   int
	}
	var cands []cand
	for _, t := range terms {
		if t == c.Word || (c.Marked && !markedExpansion(t)) {
			continue
		}
		df, err := src.docFreq(t)
		if err != nil {
			return nil, err
		}
		sum := 0
		for _, d := range df {
			sum += d
		}
		if sum > 0 {
			cands = append(cands, cand{t, sum})
		}
	}
	slices.SortFunc(cands, func(x, y cand) int { return cmp.Or(cmp.Compare(y.df, x.df), strings.Compare(x.term, y.term)) })
	var out []string
	if c.Word != "" {
		if df, err := src.docFreq(c.Word); err != nil {
			return nil, err
		} else if df != ([nFields]int{}) {
			out = append(out, c.Word)
		}
	}
	for _, cd := range cands {
		if len(out) == maxExpansions {
			break
		}
		out = append(out, cd.term)
	}
	return out, nil
}

// termScores sums, field by field, term's BM25 weight in every document
// holding it.
func termScores(src termSource, term string, n int, avg [nFields]float64) (map[int]float64, error) {
	df, err := src.docFreq(term)
	if err != nil {
		return nil, err
	}
	out := map[int]float64{}
	for f := range Fields {
		if df[f] == 0 {
			continue
		}
		ps, err := src.postings(term, f, false)
		if err != nil {
			return nil, err
		}
		w := idf(n, df[f])
		for _, p := range ps {
			out[int(p.Doc)] += weight(Fields[f].Boost, w, int(p.TF), src.docList()[p.Doc].Lens[f], avg[f])
		}
	}
	return out, nil
}

// phraseScores finds the documents with the phrase in one field and scores
// them by the phrase terms' weights in the fields that hold it.
func phraseScores(src termSource, c clause, n int, avg [nFields]float64) (map[int]float64, error) {
	out := map[int]float64{}
	dfs := make([][nFields]int, len(c.Terms))
	for i, t := range c.Terms {
		df, err := src.docFreq(t)
		if err != nil {
			return nil, err
		}
		dfs[i] = df
	}
	for f := range Fields {
		lists := make([]map[int32]posting, len(c.Terms))
		ok := true
		for i, t := range c.Terms {
			if dfs[i][f] == 0 {
				ok = false
				break
			}
			ps, err := src.postings(t, f, true)
			if err != nil {
				return nil, err
			}
			lists[i] = make(map[int32]posting, len(ps))
			for _, p := range ps {
				lists[i][p.Doc] = p
			}
		}
		if !ok {
			continue
		}
		ps, err := src.postings(c.Terms[0], f, true)
		if err != nil {
			return nil, err
		}
		for _, p0 := range ps {
			if !phraseAt(lists, c.Offsets, p0) {
				continue
			}
			s := 0.0
			for i := range c.Terms {
				p := lists[i][p0.Doc]
				s += weight(Fields[f].Boost, idf(n, dfs[i][f]), int(p.TF), src.docList()[p.Doc].Lens[f], avg[f])
			}
			out[int(p0.Doc)] += s
		}
	}
	return out, nil
}

// phraseAt reports whether the phrase starts at some position of p0.
func phraseAt(lists []map[int32]posting, offsets []int, p0 posting) bool {
	for _, start := range p0.Pos {
		all := true
		for i := 1; i < len(lists); i++ {
			p, ok := lists[i][p0.Doc]
			if !ok || !slices.Contains(p.Pos, start+int32(offsets[i])) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// clauseScores scores one clause in every document that satisfies it.
func clauseScores(src termSource, c clause, n int, avg [nFields]float64) (map[int]float64, error) {
	switch c.Kind {
	case clauseTerm:
		return termScores(src, c.Terms[0], n, avg)
	case clausePhrase:
		return phraseScores(src, c, n, avg)
	case clausePrefix, clausePhrasePrefix:
		terms, err := expansions(src, lastPrefix(c))
		if err != nil {
			return nil, err
		}
		out := map[int]float64{}
		for _, t := range terms {
			var s map[int]float64
			if c.Kind == clausePrefix {
				s, err = termScores(src, t, n, avg)
			} else {
				s, err = phraseScores(src, withLast(c, t), n, avg)
			}
			if err != nil {
				return nil, err
			}
			for d, v := range s {
				if old, ok := out[d]; !ok || v > old {
					out[d] = v
				}
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown clause kind %q", c.Kind)
}

// lastPrefix is the prefix clause of c's last term: c itself when it is
// a prefix, the last term of a phrase prefix (with its Word and Marked).
func lastPrefix(c clause) clause {
	if c.Kind != clausePhrasePrefix {
		return c
	}
	return clause{Kind: clausePrefix, Terms: []string{c.Terms[len(c.Terms)-1]}, Word: c.Word, Marked: c.Marked}
}

// withLast is the phrase prefix c with term, an expansion of its last
// term, in its place: a phrase. A document's score for c is the best of
// these phrases' (a prefix's is the best of its expansions').
func withLast(c clause, term string) clause {
	terms := slices.Clone(c.Terms)
	terms[len(terms)-1] = term
	return clause{Kind: clausePhrase, Terms: terms, Offsets: c.Offsets}
}

// facetFilter is the filter of one facet in a query: the values wanted,
// folded once (facetKey), and what each value of the facet met so far
// gave, so that a value shared by thousands of documents is folded once
// per query, not once per document.
type facetFilter struct {
	i     int // the facet's index in facetNames
	want  []string
	label map[string]string
	memo  map[string]bool
}

// newFacetFilter returns the filter of facet i for the values wanted as
// written.
func newFacetFilter(i int, wanted []string, labels facetLabels) *facetFilter {
	f := &facetFilter{i: i, label: labels[i], memo: map[string]bool{}}
	for _, w := range wanted {
		f.want = append(f.want, facetKey(facetNames[i], w))
	}
	return f
}

// queryFilters returns the filters of a query, in the order of facetNames.
func queryFilters(filters map[string][]string, labels facetLabels) []*facetFilter {
	var out []*facetFilter
	for i, name := range facetNames {
		if want := filters[name]; len(want) > 0 {
			out = append(out, newFacetFilter(i, want, labels))
		}
	}
	return out
}

// matches reports whether a wanted value names the value v of the facet,
// or the label the site shows for it: both compared as facetKey folds
// them, so tag:インフラ finds the tag ｲﾝﾌﾗ, tag:k8s Ｋ８ｓ, system:決済API the
// system payment-api named so, severity:致命的 the severity labelled so,
// team:SREチーム the team SRE チーム. search.js matches the same way.
func (f *facetFilter) matches(v string) bool {
	if m, ok := f.memo[v]; ok {
		return m
	}
	name := facetNames[f.i]
	k, lk := facetKey(name, v), ""
	if l := f.label[v]; l != "" {
		lk = facetKey(name, l)
	}
	m := slices.ContainsFunc(f.want, func(w string) bool { return w == k || (lk != "" && w == lk) })
	f.memo[v] = m
	return m
}

// matchesAnyFilter reports whether d has a value one of filters wants:
// d is then excluded by them.
func matchesAnyFilter(d *docInfo, filters []*facetFilter) bool {
	for _, f := range filters {
		if slices.ContainsFunc(d.Facets[f.i], f.matches) {
			return true
		}
	}
	return false
}

// matchesFilters reports whether d has, for every filter, one of the
// values it wants (facetFilter.matches).
func matchesFilters(d *docInfo, filters []*facetFilter) bool {
	for _, f := range filters {
		if !slices.ContainsFunc(d.Facets[f.i], f.matches) {
			return false
		}
	}
	return true
}

// valueKey is a facet value folded as words are: NFKC (full- and
// half-width forms) and lower case. It is model.TagKey, so that the tag
// filter and the tag pages group tags alike.
func valueKey(s string) string { return model.TagKey(s) }

// facetKey is a value of the facet name folded for matching: a team as
// model.Slug folds it, so that team: finds the postmortems of the site's
// team page (SRE チーム, SREチーム and sre-チーム are one team there); any
// other value as valueKey folds it.
func facetKey(name, s string) string {
	if name == "team" {
		return model.Slug(s)
	}
	return valueKey(s)
}

// allClauses returns the documents that satisfy every clause of cs, with
// the sum of their scores; nil when cs is empty.
func allClauses(ctx context.Context, src termSource, cs []clause) (map[int]float64, error) {
	n, avg := len(src.docList()), src.avgLen()
	var total map[int]float64
	for _, c := range cs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, err := clauseScores(src, c, n, avg)
		if err != nil {
			return nil, err
		}
		if total == nil {
			total = s
			continue
		}
		for d := range total {
			if v, ok := s[d]; ok {
				total[d] += v
			} else {
				delete(total, d)
			}
		}
	}
	return total, nil
}

// rank runs a parsed query: documents that satisfy every clause and filter
// and no exclusion, best first, ties in document order (newest first, then
// id). A query with filters or exclusions and no words lists the documents
// left in document order.
func rank(ctx context.Context, src termSource, pq parsedQuery) ([]hit, error) {
	docs := src.docList()
	labels := src.facetLabels()
	total, err := allClauses(ctx, src, pq.Clauses)
	if err != nil {
		return nil, err
	}
	excluded := map[int]bool{}
	for _, cs := range pq.Exclude {
		ex, err := allClauses(ctx, src, cs)
		if err != nil {
			return nil, err
		}
		for d := range ex {
			excluded[d] = true
		}
	}
	filters := queryFilters(pq.Filters, labels)
	notFilters := queryFilters(pq.NotFilters, labels)
	keep := func(d int) bool {
		return !excluded[d] && matchesFilters(&docs[d], filters) && !matchesAnyFilter(&docs[d], notFilters)
	}
	var hits []hit
	if len(pq.Clauses) == 0 {
		if len(pq.Filters) == 0 && len(pq.NotFilters) == 0 && len(pq.Exclude) == 0 {
			return nil, nil
		}
		for d := range docs {
			if keep(d) {
				hits = append(hits, hit{Doc: d})
			}
		}
		return hits, nil
	}
	for d, s := range total {
		if keep(d) {
			hits = append(hits, hit{Doc: d, Score: roundScore(s)})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc)) })
	return hits, nil
}
