package diag

import "testing"

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"severity", "severity", 0}, {"severty", "severity", 1}, {"", "abc", 3},
		{"kitten", "sitting", 3}, {"action-items", "action_items", 1}, {"証明書", "証明", 1},
	} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := EditDistance(c.b, c.a); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, not symmetric", c.b, c.a, got)
		}
	}
}
