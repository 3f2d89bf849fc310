package corpus

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/model"
)

// truthBuilder is a Truth being filled, with the tracked words indexed for
// a single pass over each postmortem's text.
type truthBuilder struct {
	Truth
	ascii  map[string]bool   // tracked ASCII words
	minLen int               // length of the shortest tracked ASCII word
	maxLen int               // length of the longest tracked ASCII word
	cjk    map[rune][]string // other tracked words by first rune
}

// newTruth returns an empty Truth that tracks words.
func newTruth(words []string) *truthBuilder {
	t := &truthBuilder{ascii: map[string]bool{}, cjk: map[rune][]string{}}
	t.Truth = Truth{
		ByCause: map[string][]string{}, BySystem: map[string][]string{}, BySeverity: map[string][]string{},
		ByDetection: map[string][]string{}, ByTeam: map[string][]string{}, ByTag: map[string][]string{}, ByYear: map[string][]string{},
		Words: make(map[string][]string, len(words)), Related: map[string][]string{},
		Actions: ActionTruth{PerOwner: map[string]OwnerCounts{}},
	}
	for _, w := range words {
		t.Words[w] = []string{}
		if isASCIIWord(w) {
			t.ascii[w] = true
			t.maxLen = max(t.maxLen, len(w))
			t.minLen = min(cmp.Or(t.minLen, len(w)), len(w))
		} else {
			r, _ := utf8.DecodeRuneInString(w)
			t.cjk[r] = append(t.cjk[r], w)
		}
	}
	return t
}

// add records one postmortem.
func (t *truthBuilder) add(p *postmortem, today model.Date) {
	t.IDs = append(t.IDs, p.id)
	for _, c := range p.causes {
		t.ByCause[c] = append(t.ByCause[c], p.id)
	}
	for _, s := range p.systems {
		t.BySystem[s] = append(t.BySystem[s], p.id)
	}
	for _, team := range p.teams {
		t.ByTeam[team] = append(t.ByTeam[team], p.id)
	}
	for _, tag := range p.tags {
		t.ByTag[tag] = append(t.ByTag[tag], p.id)
	}
	t.BySeverity[p.severity] = append(t.BySeverity[p.severity], p.id)
	t.ByDetection[p.detection] = append(t.ByDetection[p.detection], p.id)
	year := strconv.Itoa(p.date.Year)
	t.ByYear[year] = append(t.ByYear[year], p.id)
	if len(p.related) > 0 {
		t.Related[p.id] = slices.Clone(p.related)
	}

	a := &t.Actions
	for i := range p.items {
		it := &p.items[i]
		oc := a.PerOwner[it.owner]
		a.Total++
		switch it.effectiveStatus() {
		case model.ActionOpen:
			a.Open++
			oc.Open++
		case model.ActionInProgress:
			a.InProgress++
			oc.InProgress++
		case model.ActionDone:
			a.Done++
			oc.Done++
		case model.ActionWontDo:
			a.WontDo++
			oc.WontDo++
		}
		if it.due.IsZero() {
			a.NoDue++
		}
		m := model.ActionItem{Status: it.effectiveStatus(), Due: it.due}
		if m.Overdue(today) {
			a.Overdue++
			oc.Overdue++
		}
		a.PerOwner[it.owner] = oc
	}

	for _, w := range t.wordsIn(p.searchTexts()) {
		t.Words[w] = append(t.Words[w], p.id)
	}
}

// finish sorts every id list.
func (t *truthBuilder) finish() {
	slices.Sort(t.IDs)
	for _, m := range []map[string][]string{t.ByCause, t.BySystem, t.BySeverity, t.ByDetection, t.ByTeam, t.ByTag, t.ByYear, t.Words} {
		for _, ids := range m {
			slices.Sort(ids)
		}
	}
}

// wordsIn returns the tracked words the texts contain, each once, in the
// order found: ASCII words as whole words (split at every character that
// is not an ASCII letter or digit, compared in lower case), the others as
// substrings.
func (t *truthBuilder) wordsIn(texts []string) []string {
	var found []string
	for _, text := range texts {
		found = t.appendWordsIn(found, text)
	}
	return found
}

// appendWordsIn appends the tracked words of text that are not yet in found.
func (t *truthBuilder) appendWordsIn(found []string, text string) []string {
	add := func(w string) {
		if !slices.Contains(found, w) {
			found = append(found, w)
		}
	}
	var word []byte
	for i, r := range text {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			word = append(word, byte(r))
			continue
		case 'A' <= r && r <= 'Z':
			word = append(word, byte(r-'A'+'a'))
			continue
		}
		if t.minLen <= len(word) && len(word) <= t.maxLen && t.ascii[string(word)] {
			add(string(word))
		}
		word = word[:0]
		if r < 0x80 {
			continue
		}
		for _, w := range t.cjk[r] {
			if strings.HasPrefix(text[i:], w) {
				add(w)
			}
		}
	}
	if t.ascii[string(word)] {
		add(string(word))
	}
	return found
}

// searchTexts are the texts Truth.Words is computed over: title, summary,
// impact, body and action-item titles.
func (p *postmortem) searchTexts() []string {
	parts := []string{p.title, p.summary, p.impact, p.body}
	for _, it := range p.items {
		parts = append(parts, it.title)
	}
	return parts
}

// isASCIIWord reports whether w is made of ASCII lower-case letters.
func isASCIIWord(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return w != ""
}
