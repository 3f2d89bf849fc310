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
// English stop words and stemming added. Stop words and the stemmer leave
// CJK tokens untouched and the bigram filter leaves Latin tokens alone, so
// the one pipeline serves English and Japanese postmortems, and a Japanese
// word typed on an English page finds Japanese postmortems. search.js
// reproduces it term for term (a test compares the two).
//
// search is the only package that imports bleve.
package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
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

// Analyzer turns text into index terms with bleve's analysis.
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
	full := m.AnalyzerNamed(AnalyzerName)
	prefix := m.AnalyzerNamed(prefixAnalyzerName)
	if full == nil || prefix == nil {
		return nil, fmt.Errorf("analyzers %s and %s are not defined", AnalyzerName, prefixAnalyzerName)
	}
	return &Analyzer{full: full, prefix: prefix}, nil
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
