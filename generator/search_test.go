package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
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
