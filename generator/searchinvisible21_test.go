package generator_test

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/internal/search"
)

// TestWriteSearchTextInvisibleCharacters checks pmkb search's text output
// of a hit whose title and snippet hold characters the terminal line
// leaves out (a soft hyphen, a zero-width joiner in an emoji): no panic
// (QA 21r F0: index out of range), the word printed whole as the page
// shows it, and a mark after such a character still on its word.
func TestWriteSearchTextInvisibleCharacters(t *testing.T) {
	title := "On-call 👩\u200d💻 rota gap"
	snippet := "The fail\u00adover took long; the rota was empty."
	res := &generator.SearchResult{Result: search.Result{Query: "rota", Total: 1, Hits: []search.Hit{{
		Title: title, URL: "postmortems/a/", Snippet: snippet, Severity: "SEV2", Day: "2026-11-27",
		TitleMarks:   []search.Span{{Start: at(title, "rota"), End: at(title, "rota") + 4}},
		SnippetMarks: []search.Span{{Start: at(snippet, "rota"), End: at(snippet, "rota") + 4}},
	}}}}
	for _, style := range []generator.SearchText{{Width: 40, Bold: true}, {Bold: true}, {}} {
		var b strings.Builder
		if err := generator.WriteSearchText(&b, res, "https://kb.example/", style); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		plain := strings.NewReplacer("\x1b[1m", "", "\x1b[22m", "").Replace(out)
		if !strings.Contains(plain, "failover") || strings.ContainsAny(plain, "\u00ad\u200d") {
			t.Errorf("%+v: %q", style, out)
		}
		if style.Bold && strings.Count(out, "\x1b[1mrota\x1b[22m") != 2 {
			t.Errorf("%+v: rota not marked twice: %q", style, out)
		}
	}
}
