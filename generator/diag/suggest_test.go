package diag

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"severity", "severity", 0}, {"severty", "severity", 1}, {"", "abc", 3},
		{"kitten", "sitting", 3}, {"action-items", "action_items", 1}, {"証明書", "証明", 1},
		// A swap of neighbours is one edit, anywhere in the word.
		{"opne", "open", 1}, {"biuld", "build", 1}, {"paymnets", "payments", 1}, {"ab", "ba", 1},
		{"abc", "ca", 3},
	} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := EditDistance(c.b, c.a); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, not symmetric", c.b, c.a, got)
		}
	}
}

func TestSuggest(t *testing.T) {
	fields := []string{"title", "date", "severity", "systems", "causes", "tags", "action_items", "baseURL"}
	for _, c := range []struct {
		s, want string
		in      []string
	}{
		{"severty", "severity", fields},
		{"Severity", "severity", fields}, // case only
		{"baseUrl", "baseURL", fields},
		{"action-items", "action_items", fields},
		{"action items", "action_items", fields},
		{"sytems", "systems", fields},
		{"aws", "", fields},                            // 2 edits from "tags" is too far for 3 letters
		{"impactt", "", fields},                        // no candidate near
		{"SEV9", "", []string{"SEV1", "SEV2", "SEV3"}}, // equally near: no guess
		{"sev1", "SEV1", []string{"SEV1", "SEV2"}},
		{"biuld", "build", []string{"build", "lint", "serve", "new"}},
		{"opne", "open", []string{"open", "in-progress", "done", "wont-do"}},
		{"x", "", nil},
		{"same", "same", []string{"same", "same"}}, // a repeated candidate is no tie
	} {
		if got := Suggest(c.s, c.in); got != c.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", c.s, c.in, got, c.want)
		}
	}
}

func TestSuggestNames(t *testing.T) {
	lower := strings.ToLower
	for _, c := range []struct {
		s     string
		known []string
		want  []string
	}{
		// A name that starts with what was typed beats a near one.
		{"checkout", []string{"Checkout API", "checkout-api", "chekout"}, []string{"Checkout API", "checkout-api"}},
		{"佐藤", []string{"伊藤", "佐藤花子"}, []string{"佐藤花子"}},
		{"pay", []string{"payments", "payroll", "paypal", "payouts"}, []string{"payments", "payroll", "paypal"}},
		// Else the nearest, as Suggest finds it; names with one key once.
		{"paymnets", []string{"Payments", "payments", "search"}, []string{"Payments"}},
		// Else a name with a later word that starts so.
		{"certificate", []string{"expired-certificate", "rotated-certificates", "certi"}, []string{"expired-certificate", "rotated-certificates"}},
		{"sev9", []string{"SEV1", "SEV2"}, nil},
		{"zzz", []string{"payments"}, nil},
	} {
		if got := SuggestNames(c.s, c.known, lower); !slices.Equal(got, c.want) {
			t.Errorf("SuggestNames(%q, %q) = %q, want %q", c.s, c.known, got, c.want)
		}
	}
}

// BenchmarkSuggestIDs10k is a did-you-mean for a mistyped postmortem id
// among 10,000 (a link to a renamed page, QA 16 review: 25.7 ms a link).
func BenchmarkSuggestIDs10k(b *testing.B) {
	ids := make([]string, 10000)
	for i := range ids {
		ids[i] = fmt.Sprintf("2026-%02d-%02d-checkout-api-certificate-expired-%d", i%12+1, i%28+1, i)
	}
	for b.Loop() {
		Suggest("2026-03-04-checkout-api-certifcate-expired-2", ids)
	}
}
