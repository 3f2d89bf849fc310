package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestSearchNamesAWholeFileProblemAtLineOne: a file over maxFileBytes is
// named in pmkb search's note "path: file is …", where every other command
// (and README) says "path:1:" for a problem about a whole file, which an
// editor's or CI's path:line: matcher picks up (QA 20 A-F6).
func TestSearchNamesAWholeFileProblemAtLineOne(t *testing.T) {
	const big = "content/postmortems/2024/2024-03-01-big.md"
	src := overlay(t, map[string]string{big: dingoPM("Big", "published", "") + strings.Repeat("log line\n", 400)})
	src["pmkb.toml"].Data = append([]byte("maxFileBytes = 2000\n"), src["pmkb.toml"].Data...)
	res, _, err := generator.Search(context.Background(), generator.SearchOptions{Source: src, CacheDir: t.TempDir(), Query: "dingo"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range res.Unread {
		if strings.Contains(u, "2024-03-01-big.md") {
			found = true
			if !strings.HasPrefix(u, big+":1: ") {
				t.Errorf("the note names the file as %q, want %q first", u, big+":1: ")
			}
		}
	}
	if !found {
		t.Errorf("the file over maxFileBytes is not in the note: %q", res.Unread)
	}
}
