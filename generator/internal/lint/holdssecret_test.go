package lint

import "testing"

// TestHoldsSecret checks the secret test of a quoted source line: keys,
// tokens and passwords in URLs are found in a front-matter line, and
// placeholders and ordinary lines are not.
func TestHoldsSecret(t *testing.T) {
	for text, want := range map[string]bool{
		"severity: [AKIAZ7QF3XKJ4LMN2PQR":                          true,
		`db: "postgres://app:Xk9#pQ2vL7mz@db.internal:5432/orders`: true,
		"token: ghp_Zq8rT4mN2vX7bK1pW9sY3cL6hF0jD5gA8eR2":          true,
		"severity: [AKIAIOSFODNN7EXAMPLE":                          false,
		"severity: [SEV1":                                          false,
		"title: 決済 API の障害":                                        false,
	} {
		if got := HoldsSecret(text); got != want {
			t.Errorf("HoldsSecret(%q) = %v, want %v", text, got, want)
		}
	}
}
