package export

import (
	"fmt"
	"testing"
)

// TestAsWrittenKeepsFlags checks that a title placed in a feed's text
// with %q is quoted as written, and that a theme's width, precision and
// '-' flag still apply, to %s and %q alike (review 15: Format dropped
// them, so "%.20s" of a long title was the whole title).
func TestAsWrittenKeepsFlags(t *testing.T) {
	for _, tt := range []struct{ format, in, want string }{
		{"%s", `a "b" \ c`, `a "b" \ c`},
		{"%q", `a "b" \ c`, `"a "b" \ c"`},
		{"%.5s", "証明書の期限切れ", "証明書の期"},
		{"%-6s|", "ab", "ab    |"},
		{"%6s|", "ab", "    ab|"},
		{"%.2q", "abcdef", `"ab"`},
		{"%-6q|", "ab", `"ab"  |`},
		{"%v", "ab", "ab"},
		// A cut inside an override closes it (QA 15 regression pass, b-6).
		{"%.4s (owner)", "ab\u202ecd\u202c", "ab\u202ec\u202c (owner)"},
		{"%.4q", "ab\u202ecd\u202c", "\"ab\u202ec\u202c\""},
	} {
		if got := fmt.Sprintf(tt.format, asWritten(tt.in)); got != tt.want {
			t.Errorf("Sprintf(%q, %q) = %q, want %q", tt.format, tt.in, got, tt.want)
		}
	}
}
