package search

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/jsonstr"
	"github.com/pmkb/pmkb/generator/model"
)

// Result is the answer to a query, as `pmkb search --json` prints it.
type Result struct {
	Query string `json:"query"`
	Total int    `json:"total"`
	Hits  []Hit  `json:"hits"`
	// Hints explain a query that found nothing: a word written like a
	// filter that is not one, a filter value no postmortem has (and the
	// value meant, when one is near), a word of the index a mistyped word
	// is close to, the words no postmortem has. When the query found
	// nothing as written and its last word was taken as a prefix, or it
	// was relaxed (runQuery: the words no postmortem has left out, an
	// unspaced Japanese run searched as its words), a hint says so. An
	// OR, which is no
	// operator here, and an excluded filter value no postmortem has are
	// explained whatever was found (operatorHints, valueHints).
	Hints []string `json:"hints,omitempty"`
	// Relaxed says that the query found nothing as written and the hits
	// are those of the query relaxed (runQuery), as a hint says: a script
	// tells such an answer from an exact one without reading the hints.
	Relaxed bool `json:"relaxed"`
}

// Hit is one matching postmortem.
type Hit struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	URL   string  `json:"url"`
	Score float64 `json:"score"`
	// Snippet is a stretch of the summary, impact or body around the
	// passage that best matches the query (snippet), plain text.
	Snippet string `json:"snippet"`
	// Day (YYYY-MM-DD, the day the page shows), Severity and Systems are
	// the postmortem's, as the text output prints them and
	// /api/postmortems.json has them ("day", "severity", "systems"), and
	// Path its file in the site (content/postmortems/…, postmortems.json's
	// "source"): a bot answering a search needs no second file for them
	// (QA 16 D-F8).
	Day      string   `json:"day"`
	Severity string   `json:"severity"`
	Systems  []string `json:"systems"`
	Path     string   `json:"source"`
	// TitleMarks and SnippetMarks are where the words of the query are in
	// Title and Snippet, for terminal output to mark them as the site
	// marks them (QA 13 F3).
	TitleMarks   []Span `json:"-"`
	SnippetMarks []Span `json:"-"`
}

// Span is a stretch of a text, in runes from its start: [Start, End).
type Span struct{ Start, End int }

// marks returns where clauses match text (matches, as search.js's
// highlight finds them), in order, overlapping stretches merged.
func marks(a *Analyzer, text string, clauses []clause) []Span {
	return spansOf(matches(text, a.Analyze(text), clauses), 0, utf8.RuneCountInString(text), 0)
}

// Query answers q from idx with at most limit hits (limit ≤ 0: all). The
// syntax is search.js's: words (all required), "quoted phrases", prefix*
// and filters severity:SEV1 system:… cause:… team:… year:2024
// tag:postgres (values of one facet are alternatives), each excluded when
// written after a minus or NOT (-zone, NOT zone, -"forward zone",
// -severity:SEV1). A word mixing Latin and CJK is split where
// the scripts meet (DNS障害 is DNS 障害). When nothing matches, the last
// word is tried as a prefix (see retryPrefix), then the query relaxed
// (see relax), as the browser does. Hits
// are ranked as the browser ranks them. URLs are site paths relative to
// the site root (model.PostmortemPath). The query is read in NFC, as the
// postmortems are (see runQuery).
func Query(ctx context.Context, idx *Index, q string, limit int) (*Result, error) {
	if idx == nil {
		return nil, fmt.Errorf("search: no index")
	}
	q = norm.NFC.String(q)
	src := &bleveSource{ix: idx, ctx: ctx, cache: map[string][nFields][]posting{}, pos: map[string]bool{}}
	hits, pq, rt, err := runQuery(ctx, src, idx.analyzer, q, false, nil)
	if err != nil {
		return nil, err
	}
	res := &Result{Query: q, Total: len(hits), Hits: []Hit{}, Hints: operatorHints(q), Relaxed: rt.Relaxed && len(hits) > 0}
	if rt.Prefix != "" {
		res.Hints = append(res.Hints, prefixHint(rt.Prefix))
	}
	if len(hits) > 0 && !rt.Relaxed {
		res.Hints = append(res.Hints, valueHints(q, pq, idx.docs, idx.labels, false)...)
	} else {
		// Relaxed, what may have made the query find nothing as written
		// still deserves a word (a phrase in single quotes).
		res.Hints = append(res.Hints, relaxHints(rt, pq.lone)...)
		res.Hints = append(res.Hints, hints(q, pq, rt.Missing, idx.docs, idx.labels)...)
	}
	if len(hits) == 0 || rt.Relaxed {
		sugg, typos, err := suggestions(idx, src, q)
		if err != nil {
			return nil, err
		}
		if len(hits) == 0 {
			res.Hints = append(res.Hints, missingHints(q, rt, typos, pq.short, pq.lone)...)
			if rt.Apart {
				res.Hints = append(res.Hints, apartHint)
			}
		}
		for i, h := range sugg {
			// Relaxed, only the words left out are typos to point at.
			if len(hits) == 0 || slices.Contains(rt.Missing, typos[i]) {
				res.Hints = append(res.Hints, h)
			}
		}
	}
	res.Hints = onceEach(res.Hints)
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	clauses := snippetClauses(src, pq)
	for _, h := range hits {
		d := &idx.docs[h.Doc]
		snip, snipMarks := snippetMarked(idx.analyzer, idx.snippetText(h.Doc), clauses, snippetWidth)
		res.Hits = append(res.Hits, Hit{
			ID: d.ID, Title: d.Title, URL: d.URL, Score: h.Score, Path: d.Path,
			Snippet:  snip,
			Severity: d.Severity, Day: d.Date, Systems: append([]string{}, d.Systems...),
			TitleMarks: marks(idx.analyzer, d.Title, clauses), SnippetMarks: snipMarks,
		})
	}
	return res, nil
}

// WriteText prints r for a person in a terminal: one numbered block per hit
// with severity, date, title, systems, the page path and the snippet.
func (r *Result) WriteText(w io.Writer) error {
	var b strings.Builder
	switch r.Total {
	case 0:
		fmt.Fprintf(&b, "no postmortems match \"%s\"\n", oneLine(r.Query))
	case 1:
		fmt.Fprintf(&b, "1 postmortem matches \"%s\"\n", oneLine(r.Query))
	default:
		fmt.Fprintf(&b, "%d postmortems match \"%s\"", r.Total, oneLine(r.Query))
		if len(r.Hits) < r.Total {
			fmt.Fprintf(&b, " (showing %d)", len(r.Hits))
		}
		b.WriteString("\n")
	}
	for i, h := range r.Hits {
		fmt.Fprintf(&b, "\n%2d. %s  %s  %s\n", i+1, h.Severity, h.Day, oneLine(h.Title))
		if len(h.Systems) > 0 {
			fmt.Fprintf(&b, "    systems: %s\n", oneLine(strings.Join(h.Systems, ", ")))
		}
		fmt.Fprintf(&b, "    %s\n", h.URL)
		if h.Snippet != "" {
			fmt.Fprintf(&b, "    %s\n", oneLine(h.Snippet))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine keeps a field on one line and drops control characters, so a
// postmortem cannot move the cursor or recolour the terminal.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r) || r == 0x2028 || r == 0x2029:
			return -1
		}
		return r
	}, s)
}

// operatorHints explains an OR written between words (ＯＲ in full width
// too, isOperator), whatever the query found: other search engines take it
// for "either", while here every word must match (a capital AND is what
// pmkb does anyway, and NOT excludes the next word, as the minus does).
func operatorHints(q string) []string {
	for _, t := range splitQuery(q) {
		if isOperator(t, "OR") {
			return []string{`"OR" is not an operator: every word must match; to find either word, search for each`}
		}
	}
	return nil
}

// hints says why q may have found nothing in docs: a phrase in single
// quotes ('quota exceeded'; phrases take double quotes), a word that looks
// like a filter but names none and finds nothing as a word ("sev:SEV1",
// failedFilter; missing are the words no postmortem has,
// retried.Missing), a query of common words only
// (the, was: commonOnly), a word too short for a prefix
// (c*, or a last word of one letter), and filter values, wanted or
// excluded, that no postmortem has ("severity:SEV9"), with the value
// meant when one is near (valueSuggestion). Excluded words are no reason
// to find nothing and get none. Words are read as filters read them
// (filterText), and values are quoted as search.js's JSON.stringify quotes
// them: a Japanese value stays readable.
func hints(q string, pq parsedQuery, missing []string, docs []docInfo, labels facetLabels) []string {
	var out []string
	toks := splitQuery(q)
	for i, t := range toks {
		if t.Quoted || t.Minus {
			continue
		}
		if phrase, written, ok := singleQuoted(toks[i:]); ok {
			out = append(out, fmt.Sprintf("phrases take double quotes: write %s, not %s", quote(phrase), written))
		}
		text := filterText(t.Text)
		name, value, ok := strings.Cut(text, ":")
		if ok && value == "" && slices.Contains(facetNames, asciiLower(name)) {
			facet := asciiLower(name)
			out = append(out, fmt.Sprintf("%s has no value: write the value right after the colon, as in %s", quote(text), facet+":"+facetExample(facet, docs)))
			continue
		}
		if name, ok := failedFilter(t, missing); ok {
			out = append(out, fmt.Sprintf("%s is not a filter; the filters are %s", quote(name+":"), strings.Join(facetNames, ":, ")+":"))
		}
	}
	if pq.commonOnly() {
		var words []string
		for _, w := range pq.common {
			if !slices.Contains(pq.short, w) {
				words = appendNew(words, w)
			}
		}
		switch len(words) {
		case 0:
		case 1:
			out = append(out, fmt.Sprintf("%s is too common a word to be searched", quote(words[0])))
		default:
			out = append(out, fmt.Sprintf("%s are too common words to be searched", quoteList(words)))
		}
	}
	for _, w := range pq.short {
		if strings.HasSuffix(w, "*") {
			out = append(out, fmt.Sprintf("%s is one letter, too short for a prefix: write at least two before the *", quote(w)))
		} else if utf8.RuneCountInString(w) > 1 {
			// A name whose last part is one letter (DB_M; QA 16r a-F1).
			out = append(out, fmt.Sprintf("the last part of %s is one letter, too short to be searched as the start of a word: type at least two", quote(w)))
		} else {
			out = append(out, fmt.Sprintf("%s is one letter, too short to be searched as the start of a word: type at least two", quote(w)))
		}
	}
	return append(out, valueHints(q, pq, docs, labels, true)...)
}

// notFilter reports whether t, a word of a query, is written like a
// filter that is not one, and the name before the colon, for the hint
// that says so: letters, a colon and a letter or digit right after it
// (sev:SEV1, status:open). A word that ends with its colon, as log lines
// and stack traces are full of (FATAL:, panic:, reason:), or a link's
// https:// is searched as a word and needs no hint (QA 16 C-F4).
func notFilter(t queryToken) (string, bool) {
	if t.Quoted || t.Minus {
		return "", false
	}
	name, value, ok := strings.Cut(filterText(t.Text), ":")
	if !ok || name == "" || slices.Contains(facetNames, asciiLower(name)) || strings.IndexFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return "", false
	}
	if r, _ := utf8.DecodeRuneInString(value); value == "" || !(unicode.IsLetter(r) || unicode.IsNumber(r)) {
		return "", false
	}
	return name, true
}

// failedFilter reports whether t, a word of a query, is a filter typed
// wrong, and the name before its colon, for the hint that says it is not
// a filter: it is written like one (notFilter), its name is near a filter
// name (sev:, systems:, tags:; diag.SuggestNames, as a filter value's
// did-you-mean finds a value), and as a word it finds nothing (it is in
// missing, retried.Missing). Any other colon word is searched as its
// parts, as a word (redis:alpine, ERROR:timeout), and when it finds
// nothing it is named with the words no postmortem has (QA 21r F5: the
// hint blamed redis: of redis:alpine, which finds a postmortem, and hid
// nosuchword:other, the word that found nothing). search.js decides the
// same (failedFilter).
//
// A name of a postmortem's or an action item's own field (status:,
// owner:, date:) counts as a filter's too: it is what a user tries as one,
// and the hint lists the filters there are (QA 21r2 F4).
func failedFilter(t queryToken, missing []string) (string, bool) {
	name, ok := notFilter(t)
	if !ok || !slices.Contains(missing, t.Text) ||
		len(diag.SuggestNames(name, facetNames, asciiLower)) == 0 && !slices.Contains(contractFields, asciiLower(name)) {
		return "", false
	}
	return name, true
}

// contractFields are the fields of the content contract, a postmortem's and
// an action item's, that are no filter: a colon word with one of them
// before its colon is hinted as a failed filter (failedFilter). search.js
// has the same list (FIELD_NAMES).
var contractFields = []string{"author", "authors", "commander", "date", "detection", "due", "id", "impact", "kind", "lang",
	"owner", "priority", "status", "summary", "title", "trigger", "visibility"}

// valueHints says which filter values of pq (the query q) no postmortem
// in docs has: the excluded ones (pq.NotFilters), and with wanted the
// wanted ones too, facet by facet, with what to type instead
// (valueSuggestion): the value a first word of several meant unquoted
// (system:Checkout API, spacedValues), else the values near it. Query gives
// the excluded ones whatever was found: `dns -system:checkout` finds every
// dns postmortem, and the exclusion, which meant "Checkout API", would
// otherwise go unnoticed.
func valueHints(q string, pq parsedQuery, docs []docInfo, labels facetLabels, wanted bool) []string {
	var out []string
	spaced := spacedValues(splitQuery(q), docs, labels)
	for i, name := range facetNames {
		values := pq.NotFilters[name]
		if wanted {
			values = slices.Concat(pq.Filters[name], values)
		}
		for n, want := range values {
			minus := n >= len(values)-len(pq.NotFilters[name])
			if hasValue(i, want, docs, labels) {
				continue
			}
			msg := fmt.Sprintf("no postmortem has %s %s", name, quote(want))
			switch v, ok := spaced[spacedKey{name, want, minus}]; {
			case ok:
				msg += "; quote a value with spaces: " + filterWord(name, v.written, minus)
				if v.value != v.written {
					msg += " (or " + filterWord(name, v.value, minus) + ")"
				}
			case strings.Contains(want, ","):
				vs := strings.Split(want, ",")
				msg += "; for any of several values write one word each: " + name + ":" + strings.Join(vs, " "+name+":")
			default:
				msg += valueSuggestion(name, want, minus, docs, labels)
			}
			out = append(out, msg)
		}
	}
	return out
}

// hasValue reports whether a postmortem of docs has the value want of
// facet i, as a filter matches it (facetFilter.matches).
func hasValue(i int, want string, docs []docInfo, labels facetLabels) bool {
	_, ok := facetValue(i, want, docs, labels)
	return ok
}

// spacedKey is a filter of a query: its facet, its value and whether it
// is excluded.
type spacedKey struct {
	facet, value string
	minus        bool
}

// spacedValue is a facet value that a filter and the words after it name
// together, unquoted: written as typed (Checkout API), value as the facet
// has it (checkout-api).
type spacedValue struct{ written, value string }

// spacedValues finds the filters of toks whose value names nothing alone
// but, joined with the next one to three plain words, a value a
// postmortem of docs has: system:Checkout API, typed without quotes, is
// the filter system:Checkout and the word API (QA 13 F2).
func spacedValues(toks []queryToken, docs []docInfo, labels facetLabels) map[spacedKey]spacedValue {
	out := map[spacedKey]spacedValue{}
	for i, t := range toks {
		name, value, ok := isFilter(queryToken{Text: t.Text, Quoted: t.Quoted})
		fi := slices.Index(facetNames, name)
		if !ok || value == "" || hasValue(fi, value, docs, labels) {
			continue
		}
		joined := value
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			next := toks[j]
			if next.Quoted || next.Minus || strings.ContainsAny(next.Text, ":：") {
				break
			}
			joined += " " + filterText(next.Text)
			if v, ok := facetValue(fi, joined, docs, labels); ok {
				out[spacedKey{name, value, t.Minus}] = spacedValue{joined, v}
				break
			}
		}
	}
	return out
}

// facetValue is the value of facet i, as a postmortem of docs has it,
// that want names (itself or its label).
func facetValue(i int, want string, docs []docInfo, labels facetLabels) (string, bool) {
	f := newFacetFilter(i, []string{want}, labels)
	for d := range docs {
		if k := slices.IndexFunc(docs[d].Facets[i], f.matches); k >= 0 {
			return docs[d].Facets[i][k], true
		}
	}
	return "", false
}

// filterWord is the filter of facet name for value as it is typed in a
// query: value in double quotes when it holds a space (system:"Checkout
// API"), after a minus when excluded.
func filterWord(name, value string, minus bool) string {
	w := name + ":" + value
	if strings.ContainsFunc(value, isQuerySpace) {
		w = name + ":" + quote(value)
	}
	if minus {
		w = "-" + w
	}
	return w
}

// valueSuggestion is "; did you mean …?" with the filters to type for the
// values of facet name that a filter value no postmortem has most likely
// meant, each with the name the site shows for it: system:checkout
// suggests system:checkout-api ("Checkout API"), which can be typed as it
// stands (QA 13 F2: the hint named only "Checkout API", and
// system:Checkout API, typed from it, is a filter and a word). Values are
// found as pmkb actions suggests a system or team (diag.SuggestNames, by
// model.Slug), from the facet's values as facets.json lists them
// (foldFacet) and their labels, in code-point order; search.js suggests
// from the same. minus: the filter is excluded, and so is the one
// suggested. "" when none is near.
func valueSuggestion(name, want string, minus bool, docs []docInfo, labels facetLabels) string {
	i := slices.Index(facetNames, name)
	docsOf := map[string][]int{}
	for n, d := range docs {
		for _, v := range d.Facets[i] {
			docsOf[v] = append(docsOf[v], n)
		}
	}
	var known []string
	valueOf := map[string]string{}
	for v := range foldFacet(name, docsOf) {
		known = append(known, v)
		valueOf[v] = v
	}
	for v := range foldFacet(name, docsOf) {
		if l := labels[i][v]; l != "" && l != v {
			known = append(known, l)
			if _, ok := valueOf[l]; !ok {
				valueOf[l] = v
			}
		}
	}
	slices.Sort(known)
	names := diag.SuggestNames(want, slices.Compact(known), model.Slug)
	var meant []string
	seen := map[string]bool{}
	for _, n := range names {
		v := valueOf[n]
		if seen[v] {
			continue
		}
		seen[v] = true
		m := filterWord(name, v, minus)
		if l := labels[i][v]; l != "" && l != v {
			m += " (" + quote(l) + ")"
		}
		meant = append(meant, m)
	}
	if len(meant) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(meant, " or ") + "?"
}

// isSingleQuote reports whether r is a single quotation mark a phrase
// may be typed in by habit from other search engines: ', ‘ or ’.
func isSingleQuote(r rune) bool { return r == '\'' || r == '‘' || r == '’' }

// singleQuoted reports whether toks (unquoted words) start with a phrase
// in single quotes: the first word starts with a single quotation mark
// and it or a later word ends with one, no phrase in double quotes
// between. It returns the words inside the marks, joined by a space, and
// the words as written, marks included.
func singleQuoted(toks []queryToken) (phrase, written string, ok bool) {
	first := []rune(toks[0].Text)
	if len(first) < 2 || !isSingleQuote(first[0]) {
		return "", "", false
	}
	var words []string
	for j, t := range toks {
		if t.Quoted {
			return "", "", false
		}
		words = append(words, t.Text)
		rs := []rune(t.Text)
		if (j > 0 || len(rs) > 2) && isSingleQuote(rs[len(rs)-1]) {
			written = strings.Join(words, " ")
			in := []rune(written)
			phrase = strings.TrimSpace(string(in[1 : len(in)-1]))
			return phrase, written, phrase != ""
		}
	}
	return "", "", false
}

// quote is s in double quotes as JSON.stringify writes it (search.js
// words its hints with it): only quotes, backslashes and control
// characters are escaped, so 容量　ディスク reads as typed.
func quote(s string) string { return string(jsonstr.Append(nil, s, false)) }

// defaultFacetExample is the value shown in the hint for a filter written
// without one when no postmortem has a value of that facet (search.js has
// the same).
var defaultFacetExample = map[string]string{"severity": "SEV1", "system": "checkout-api", "cause": "expired-certificate", "team": "payments", "year": "2024", "tag": "postgres"}

// facetExample is a value of facet to show in the hint for a filter
// written without one: the site's own value held by most postmortems (tags
// and teams merged as their facets merge them, foldFacet), ties to the first in
// code-point order; search.js picks the same from facets.json.
func facetExample(facet string, docs []docInfo) string {
	i := slices.Index(facetNames, facet)
	docsOf := map[string][]int{}
	for n, d := range docs {
		for _, v := range d.Facets[i] {
			docsOf[v] = append(docsOf[v], n)
		}
	}
	docsOf = foldFacet(facet, docsOf)
	best := ""
	for v, ds := range docsOf {
		if best == "" || len(ds) > len(docsOf[best]) || (len(ds) == len(docsOf[best]) && v < best) {
			best = v
		}
	}
	if best == "" {
		return defaultFacetExample[facet]
	}
	return best
}

// relaxHints say how a query that found nothing as written was relaxed
// to find what it shows (runQuery): the words no postmortem has, left
// out, and the unspaced runs searched as the words they are made of; a
// quoted character left out is named by loneHint. search.js words them
// the same (hintText: missing, split, lone).
func relaxHints(rt retried, lone []string) []string {
	if !rt.Relaxed {
		return nil
	}
	var out []string
	missing, alone := notLone(rt.Missing, lone)
	if len(missing) > 0 {
		them := "them"
		if len(missing) == 1 {
			them = "it"
		}
		out = append(out, fmt.Sprintf("no postmortem has %s; showing postmortems without %s", quoteList(missing), them))
	}
	for _, w := range alone {
		out = append(out, loneHint(w, true))
	}
	for _, w := range rt.Split {
		out = append(out, fmt.Sprintf("no postmortem has %s as written; showing postmortems with its words", quote(w)))
	}
	return out
}

// missingHints name, for the query q that found nothing even relaxed,
// the words no postmortem has, but those another hint already names: a
// typo (typos), a word of one letter (short, written with or without a
// *), a filter typed wrong (failedFilter). A quoted
// character (lone) is named by loneHint, after them.
func missingHints(q string, rt retried, typos, short, lone []string) []string {
	words, alone := notLone(rt.Missing, lone)
	rt.Missing = words
	out := missingWords(q, rt, typos, short)
	for _, w := range alone {
		out = append(out, loneHint(w, false))
	}
	return out
}

// notLone splits missing into the words that are not in lone and those
// that are, each in missing's order.
func notLone(missing, lone []string) (words, alone []string) {
	for _, w := range missing {
		if slices.Contains(lone, w) {
			alone = append(alone, w)
		} else {
			words = append(words, w)
		}
	}
	return words, alone
}

// loneHint says that the quoted character w ("率", parsedQuery.lone) is
// in no postmortem standing alone, which is all a quoted character finds,
// not that no postmortem has it: 率 of エラー率 is written in many, and
// searched unquoted it finds the words that start with it. shown says
// that postmortems without it are shown (relaxHints). search.js words it
// the same (hintText: lone).
func loneHint(w string, shown bool) string {
	if shown {
		return fmt.Sprintf("no postmortem has %s standing alone; showing postmortems without it (search %s without quotes for the words that start with it)", quote(w), w)
	}
	return fmt.Sprintf("no postmortem has %s standing alone; search %s without quotes for the words that start with it", quote(w), w)
}

// missingWords is missingHints for the words of rt.Missing.
func missingWords(q string, rt retried, typos, short []string) []string {
	named := slices.Concat(typos, short)
	for _, t := range splitQuery(q) {
		if _, ok := failedFilter(t, rt.Missing); ok {
			named = append(named, t.Text)
		}
	}
	var words []string
	for _, w := range rt.Missing {
		if !slices.Contains(named, w) && !slices.Contains(short, w+"*") {
			words = append(words, w)
		}
	}
	switch {
	case len(words) == 0:
		return nil
	case len(words) == 1 && strings.ContainsFunc(words[0], isQuerySpace):
		// A quoted phrase of several words is no word (QA 18 b-F6).
		return []string{fmt.Sprintf("no postmortem has the phrase %s", quote(words[0]))}
	case len(words) == 1:
		return []string{fmt.Sprintf("no postmortem has the word %s", quote(words[0]))}
	case rt.NoneLeft:
		return []string{fmt.Sprintf("no postmortem has any of the words %s", quoteList(words))}
	}
	return []string{fmt.Sprintf("no postmortem has the words %s", quoteList(words))}
}

// apartHint says that each word of a query that found nothing is in some
// postmortem, but no postmortem has them all (retried.Apart): a pasted
// line with a host name that other postmortems have (review 16
// search-3). search.js words it the same (hintText: apart).
const apartHint = "each word is in some postmortem, but none has them all: leave one out"

// onceEach is hints with each hint once, where it first comes: a query
// that repeats a word (a log line pasted twice) is told about it once
// (QA 16 C-F9). search.js drops the same (search).
func onceEach(hints []string) []string {
	var out []string
	for _, h := range hints {
		if !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// quoteList is words quoted (quote) and joined by ", ".
func quoteList(words []string) string {
	var q []string
	for _, w := range words {
		q = append(q, quote(w))
	}
	return strings.Join(q, ", ")
}

// prefixHint says that the last word was taken as a prefix.
func prefixHint(prefix string) string {
	return fmt.Sprintf("no exact match; showing words starting with %q", prefix)
}
