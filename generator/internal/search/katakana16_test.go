package search

import "testing"

// TestRelaxKeepsKatakanaWhole checks that a katakana word no postmortem
// has is a word left out, not the pairs it shares with others' words:
// ワークフロー listed the network partitions (ネットワーク has ワー and
// ーク) and ガード the postmortems with レコード (QA 16r a-F10), while a
// katakana word the postmortems have is still found (ネットワーク), on a
// generated corpus and in search.js alike.
func TestRelaxKeepsKatakanaWhole(t *testing.T) {
	kb, _ := corpusKB(t, 400)
	dir, ix := bothEngines(t, kb)
	tests := []relaxCase{
		{"ワークフロー", false, []string{`no postmortem has the word "ワークフロー"`}},
		{"ガード", false, []string{`no postmortem has the word "ガード"`}},
		{"ワークフロー障害", false, []string{`no postmortem has the word "ワークフロー"`}},
		{"ネットワーク", true, []string{}},
	}
	checkRelaxCases(t, ix, tests, false)
	var qs []jsQuery
	for _, tc := range tests {
		qs = append(qs, jsQuery{Q: tc.q})
	}
	agree(t, dir, ix, qs)
}
