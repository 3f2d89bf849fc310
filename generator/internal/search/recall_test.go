package search

import (
	"context"
	"slices"
	"testing"
)

// TestRecallProbeWords checks that every probe word of a generated corpus
// finds exactly the postmortems that contain it, on the command line and
// in the browser.
func TestRecallProbeWords(t *testing.T) {
	kb, c := corpusKB(t, 400)
	dir, ix := bothEngines(t, kb)
	var words []string
	for w := range c.Truth.Words {
		words = append(words, w)
	}
	slices.Sort(words)
	var qs []jsQuery
	for _, w := range words {
		qs = append(qs, jsQuery{Q: w})
	}
	js := jsSearch(t, dir, qs, len(kb.Postmortems))
	japanese := 0
	for i, w := range words {
		want := slices.Clone(c.Truth.Words[w])
		res, err := Query(context.Background(), ix, w, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("CLI %q: found %d %v, want %d %v", w, len(got), got, len(want), want)
		}
		gotJS := slices.Clone(js[i].IDs)
		slices.Sort(gotJS)
		if !slices.Equal(gotJS, want) {
			t.Errorf("search.js %q: found %d %v, want %d %v", w, len(gotJS), gotJS, len(want), want)
		}
		if w[0] >= 0x80 && len(want) > 0 {
			japanese++
		}
	}
	if len(words) < 20 || japanese == 0 {
		t.Errorf("corpus has %d probe words, %d Japanese ones found anything", len(words), japanese)
	}
}
