package diag

import (
	"math"
	"strings"
)

// EditDistance is the edit distance between a and b, counted in runes:
// insertions, deletions, substitutions, and swaps of two neighbouring
// letters ("opne" → "open"), each one edit (optimal string alignment).
// Messages use it to suggest the name an author probably meant
// ("severty" → "severity").
func EditDistance(a, b string) int {
	return EditDistanceAtMost(a, b, math.MaxInt-1)
}

// EditDistanceAtMost is EditDistance, or limit+1 as soon as the distance
// is known to exceed limit: search compares a typed word with every term
// of a dictionary shard and wants only the near ones.
func EditDistanceAtMost(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows: the one before the previous is needed for swaps.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

// Suggest returns the candidate an author most likely meant by s, or ""
// when none is close or two are equally close ("SEV9" is as near "SEV1" as
// "SEV2", so no guess is better than a wrong one). Case and the separators
// "-", "_" and " " do not count ("baseUrl" finds "baseURL", "action-items"
// finds "action_items"); otherwise a candidate may differ by at most a
// third of s's length in edits, at least one (EditDistance), so a short
// word gets no far-fetched suggestion ("aws" does not find "tags").
func Suggest(s string, candidates []string) string {
	ns := normalName(s)
	best, bestD, tie := "", max(1, len([]rune(ns))/3)+1, false
	for _, c := range candidates {
		// Only a distance up to bestD matters: the bounded distance
		// stops at the first row past it, and at once for a length
		// that differs more (a did-you-mean among 10,000 ids took
		// 25 ms, review 16).
		switch d := EditDistanceAtMost(ns, normalName(c), bestD); {
		case d < bestD:
			best, bestD, tie = c, d, false
		case d == bestD && c != best:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// SuggestOrPrefix is Suggest, or else the candidate that s begins in any
// case when s has three letters or more ("warn" and "err" for "warning"
// and "error", which Suggest finds too far); "" when neither.
func SuggestOrPrefix(s string, candidates []string) string {
	if near := Suggest(s, candidates); near != "" {
		return near
	}
	if ls := strings.ToLower(strings.TrimSpace(s)); len(ls) >= 3 {
		for _, c := range candidates {
			if strings.HasPrefix(strings.ToLower(c), ls) {
				return c
			}
		}
	}
	return ""
}

// SuggestNames returns the names of known an author most likely meant by
// s, compared by key (a slug, so case and width do not count): the names
// whose key starts with s's, up to three in the order of known, since a
// name that starts with what was typed beats one a few edits away ("佐藤"
// is the family name of "佐藤花子", not a typo of "伊藤"); else the one
// Suggest finds among the keys; else up to three whose key has a later
// word that starts with s's ("certificate" finds "Expired certificate",
// whose key is expired-certificate); else none. Names with one key count
// once, spelled as first in known. pmkb actions and pmkb search word their
// did-you-mean for a name with it.
func SuggestNames(s string, known []string, key func(string) string) []string {
	k := key(s)
	bySlug := map[string]string{} // the first spelling of each key
	slugs := make([]string, 0, len(known))
	var prefixed, inside []string
	for _, name := range known {
		ks := key(name)
		if _, ok := bySlug[ks]; ok {
			continue
		}
		bySlug[ks] = name
		slugs = append(slugs, ks)
		if strings.HasPrefix(ks, k) {
			prefixed = append(prefixed, name)
		} else if k != "" && strings.Contains(ks, "-"+k) {
			inside = append(inside, name)
		}
	}
	if len(prefixed) > 0 {
		return prefixed[:min(3, len(prefixed))]
	}
	if near := Suggest(k, slugs); near != "" {
		return []string{bySlug[near]}
	}
	return inside[:min(3, len(inside))]
}

// normalName is s lower-cased, with "-" and " " written "_".
func normalName(s string) string {
	return strings.ToLower(nameSeparators.Replace(s))
}

// nameSeparators are the separators normalName makes one (a Replacer is
// safe for concurrent use and never changes).
var nameSeparators = strings.NewReplacer("-", "_", " ", "_")
