package source

import (
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestLongValueAdviceIsCut checks that the advice of an explained YAML slip
// shows at most the first 60 characters of the value it quotes: a pasted
// log line of 21,000 characters filled the report with one message
// (the ": " and full-width colon explanations copied the whole value).
func TestLongValueAdviceIsCut(t *testing.T) {
	long := strings.Repeat("ERROR: upstream timeout after 30s; ", 600)
	for name, line := range map[string]string{
		"colon in a value":  "summary: " + long,
		"full-width colon":  "summary：" + long,
		"curly quoted text": "summary: “" + long + "”",
	} {
		cfg := model.DefaultSiteConfig()
		_, diags := ParseFile("content/postmortems/a.md", []byte("---\ntitle: A\ndate: 2025-01-02\nseverity: SEV1\n"+line+"\n---\nbody\n"), &cfg)
		if !diags.HasErrors() {
			t.Errorf("%s: no error", name)
			continue
		}
		for _, d := range diags.Items() {
			if len(d.Message) > 300 || len(d.Hint) > 300 {
				t.Errorf("%s: a %d-byte message: %.120s…", name, len(d.Message), d.Message)
			}
			if !strings.Contains(d.Message, "ERROR: upstream") || !strings.Contains(d.Message, "…") {
				t.Errorf("%s: the advice does not show the value's start, cut: %.200s", name, d.Message)
			}
		}
	}
}
