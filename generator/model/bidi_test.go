package model

import "testing"

// TestBalanceBidi is the table of BalanceBidi: controls left open are
// closed at the end, in order; terminators that close nothing are
// dropped; balanced text and text without controls are kept.
func TestBalanceBidi(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"plain", "TLS 証明書 expired", "TLS 証明書 expired"},
		{"marks only", "a\u200fb\u200ec", "a\u200fb\u200ec"},
		{"open override", "invoice\u202etxt.exe", "invoice\u202etxt.exe\u202c"},
		{"open isolate", "\u2067عربي", "\u2067عربي\u2069"},
		{"balanced", "a\u202eb\u202cc \u2068d\u2069", "a\u202eb\u202cc \u2068d\u2069"},
		{"stray PDI before an override", "x\u2069\u202eevil", "x\u202eevil\u202c"},
		{"stray PDF", "\u202cx", "x"},
		{"nested, open", "\u2066a\u202bb", "\u2066a\u202bb\u202c\u2069"},
		{"PDI closes the embeddings inside its isolate", "\u2066a\u202eb\u2069c", "\u2066a\u202eb\u2069c"},
		{"PDF does not leave an isolate", "\u202aa\u2066b\u202cc", "\u202aa\u2066bc\u2069\u202c"},
	} {
		if got := BalanceBidi(tt.in); got != tt.want {
			t.Errorf("%s: BalanceBidi(%+q) = %+q, want %+q", tt.name, tt.in, got, tt.want)
		}
	}
}

// FuzzBalanceBidi checks that BalanceBidi's result is balanced (applying
// it again changes nothing) and loses only terminators.
func FuzzBalanceBidi(f *testing.F) {
	for _, s := range []string{"", "a\u202eb", "\u2069\u202e", "\u2066\u202a\u2069\u202c", "x\u2068y\u202bz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := BalanceBidi(s)
		if again := BalanceBidi(b); again != b {
			t.Errorf("BalanceBidi(%+q) = %+q, not balanced: again %+q", s, b, again)
		}
		kept := 0
		for _, r := range s {
			if r != '\u202c' && r != '\u2069' {
				kept++
			}
		}
		for _, r := range b {
			if r != '\u202c' && r != '\u2069' {
				kept--
			}
		}
		if kept != 0 {
			t.Errorf("BalanceBidi(%+q) = %+q changed other characters", s, b)
		}
	})
}
