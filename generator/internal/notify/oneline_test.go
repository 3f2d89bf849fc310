package notify

import "testing"

// TestOneLine checks that a Slack line loses line breaks, control
// characters and bidirectional controls (a title with U+202E would
// reverse the rest of the message's line), but keeps the zero-width joiner
// of an emoji sequence and Japanese text as written.
func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"Checkout\ndown\tagain":           "Checkout down again",
		"Refund \u202eroot\u202c job":     "Refund  root  job",
		"isolate \u2066x\u2069 \u200fy":   "isolate  x   y",
		"team 👩\u200d💻 on call":           "team 👩\u200d💻 on call",
		"証明書の期限切れ":                        "証明書の期限切れ",
		"bell\x07 and \x1b[31mred\x1b[0m": "bell  and  [31mred [0m",
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
