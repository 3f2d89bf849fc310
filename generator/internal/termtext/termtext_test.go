package termtext

import "testing"

func TestOneLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "checkout-api: TLS 証明書の期限切れ", "checkout-api: TLS 証明書の期限切れ"},
		{"escape sequences", "a\x1b[2J\x1b]0;pwned\x07b", "a [2J ]0;pwned b"},
		{"line breaks and tabs", "one\ntwo\r\nthree\tfour", "one two  three four"},
		{"C1 controls", "a\u0085b\u009bc", "a b c"},
		{"bidi override", "invoice\u202etxt.exe", "invoice txt.exe"},
		{"bidi isolates", "a\u2066b\u2069c", "a b c"},
		{"zero-width, inside words (QA 21 A-F7)", "a\u200bb\u200dc\ufeffd fail\u00adover", "abcd failover"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a b c"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"wide and ambiguous characters stay", "…×　ｱ", "…×　ｱ"},
	}
	for _, tt := range tests {
		if got := OneLine(tt.in); got != tt.want {
			t.Errorf("%s: OneLine(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestColumns(t *testing.T) {
	tests := []struct {
		s     string
		width int
	}{
		{"abc", 3},
		{"証明書", 6},
		{"ｱｲ", 2},
		{"…×○", 3}, // ambiguous width: one column whatever the locale
		{"e\u0301", 1},
	}
	for _, tt := range tests {
		if got := Width(tt.s); got != tt.width {
			t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.width)
		}
	}
	if got := Truncate("証明書の更新", 7, "…"); got != "証明書…" {
		t.Errorf("Truncate = %q", got)
	}
	if got := FillRight("…証", 5); got != "…証  " {
		t.Errorf("FillRight = %q", got)
	}
	if got := RuneWidth('…'); got != 1 {
		t.Errorf("RuneWidth('…') = %d", got)
	}
}
