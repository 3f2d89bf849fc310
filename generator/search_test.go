package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/internal/search"
)

// TestSearchSnippetJapaneseLineBreaks checks that a Japanese summary and
// paragraph wrapped in the source reach search snippets without a space at
// the line breaks, while a break next to a Latin word keeps its space.
func TestSearchSnippetJapaneseLineBreaks(t *testing.T) {
	fsys := overlay(t, map[string]string{"content/postmortems/2026/2026-11-02-wrapped.md": `---
title: 折り返しの確認
summary: >-
  要約も
  折り返す。
date: 2026-11-02
severity: SEV3
systems: [checkout-api]
causes: [config-change]
lang: ja
action_items:
  - title: 確認する
    owner: ravi
    due: 2026-12-01
    status: open
---

プールが一斉に再接続すると
上限に達した。zqxwrapped
の記録を残す。
`})
	res, _, err := generator.Search(context.Background(), generator.SearchOptions{Source: fsys, CacheDir: t.TempDir(), Query: "zqxwrapped"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("%d hits, want 1", len(res.Hits))
	}
	const want = "要約も折り返す。 — プールが一斉に再接続すると上限に達した。zqxwrapped の記録を残す。"
	if got := res.Hits[0].Snippet; !strings.Contains(got, want) {
		t.Errorf("snippet %q, want it to hold %q", got, want)
	}
}

// TestWriteSearchTerminalSafe checks that the text form of a search result
// prints no character of a postmortem that could drive the terminal: no
// escape sequence, line break, or bidirectional override (U+202E reversed
// the rest of a hit's line; pmkb actions already replaced it).
func TestWriteSearchTerminalSafe(t *testing.T) {
	evil := "a\x1b[2J\u202eb\u2066c\nd\u2028e"
	results := map[string]*generator.SearchResult{
		"hits": {Query: evil, Total: 1, Hits: []search.Hit{{
			ID: "x", Title: evil, URL: "postmortems/x" + evil + "/", Snippet: evil, Severity: "SEV1" + evil, Date: "2024-03-14" + evil,
		}}},
		"no hits": {Query: evil, Hints: []string{evil}},
	}
	for name, res := range results {
		var b strings.Builder
		if err := generator.WriteSearch(&b, res, "https://kb.example/", false); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.ContainsAny(out, "\x1b\u202e\u2066\u2028") || !strings.Contains(out, "a [2J b c d e") {
			t.Errorf("%s: untrusted text reached the terminal as it is:\n%q", name, out)
		}
	}
}
