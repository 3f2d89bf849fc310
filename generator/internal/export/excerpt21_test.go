package export

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestExcerptCutsAtAWord checks the feed's summary fallback (QA 21
// A-F10): English is cut at a space, never inside a word, Japanese at a
// character, a text that fits is kept whole, and the cut text with its
// "…" is never longer than asked.
func TestExcerptCutsAtAWord(t *testing.T) {
	var words []string
	for i := range 400 {
		words = append(words, "word"+strings.Repeat("x", i%7))
	}
	english := strings.Join(words, " ")
	japanese := strings.Repeat("証明書の期限切れで決済が止まった。", 40)
	for _, tc := range []struct {
		name, in string
		n        int
		want     func(string) bool
	}{
		{"fits", "short text", 300, func(s string) bool { return s == "short text" }},
		{"exactly", strings.Repeat("a", 300), 300, func(s string) bool { return s == strings.Repeat("a", 300) }},
		{"english ends on a whole word", english, 300, func(s string) bool {
			body := strings.TrimSuffix(s, "…")
			return strings.HasSuffix(s, "…") && strings.HasPrefix(english, body) && english[len(body)] == ' '
		}},
		{"space right at the cut", "aaaa bbbb cccc", 10, func(s string) bool { return s == "aaaa bbbb…" }},
		{"one long word", strings.Repeat("x", 400), 300, func(s string) bool { return s == strings.Repeat("x", 299)+"…" }},
		{"japanese at a character", japanese, 300, func(s string) bool {
			return utf8.RuneCountInString(s) == 300 && strings.HasPrefix(japanese, strings.TrimSuffix(s, "…"))
		}},
	} {
		got := excerpt(tc.in, tc.n)
		if !tc.want(got) || utf8.RuneCountInString(got) > tc.n {
			t.Errorf("%s: excerpt = %q (%d runes)", tc.name, got, utf8.RuneCountInString(got))
		}
	}
}
