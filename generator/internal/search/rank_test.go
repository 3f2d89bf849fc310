package search

import (
	"slices"
	"testing"
)

// TestCauseOutweighsPassingMention: searching a word, a postmortem whose
// cause is that word ranks above one that only mentions it in its summary
// or body (QA 13 F11: "deploy" listed twelve certificate expiries, "a
// renewed certificate was issued and deployed by hand", above eighteen of
// the thirty postmortems caused by a bad deploy), in pmkb search and
// search.js alike.
func TestCauseOutweighsPassingMention(t *testing.T) {
	kb, _ := corpusKB(t, 400)
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	word := a.Analyze("deploy")[0].Term
	hasWord := func(text string) bool {
		return slices.ContainsFunc(a.Analyze(text), func(tk Token) bool { return tk.Term == word })
	}
	caused, mentions := map[string]bool{}, map[string]bool{}
	for _, p := range kb.Postmortems {
		switch {
		case slices.Contains(p.Causes, "bad-deploy"):
			caused[p.ID] = true
		case !hasWord(p.Title) && (hasWord(p.Summary) || hasWord(p.Text)):
			mentions[p.ID] = true
		}
	}
	if len(caused) < 10 || len(mentions) < 5 {
		t.Fatalf("the corpus has %d postmortems caused by a bad deploy and %d mentioning it: the test proves nothing", len(caused), len(mentions))
	}
	dir, ix := bothEngines(t, kb)
	q := jsQuery{Q: "deploy"}
	n := len(kb.Postmortems)
	for engine, r := range map[string]jsResult{"pmkb search": cliResult(t, ix, q, n), "search.js": jsSearch(t, dir, []jsQuery{q}, n)[0]} {
		lastCaused, firstMention := -1, len(r.IDs)
		for i, id := range r.IDs {
			if caused[id] {
				lastCaused = i
			} else if mentions[id] && i < firstMention {
				firstMention = i
			}
		}
		if lastCaused < 0 || firstMention == len(r.IDs) {
			t.Fatalf("%s: deploy found %v: neither kind of postmortem", engine, r.IDs)
		}
		if lastCaused > firstMention {
			t.Errorf("%s: deploy ranks %s (a passing mention) %d and %s (caused by a bad deploy) %d", engine,
				r.IDs[firstMention], firstMention+1, r.IDs[lastCaused], lastCaused+1)
		}
	}
}
