package jsonstr

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// hostile are texts the encoder must treat exactly as encoding/json does.
var hostile = []string{
	"", "plain", `quote " backslash \ slash /`, "<script>&amp;</script>", "tab\there\nnew\r\nline\rcr",
	"\x00\x01\x1f\x7f\b\f", "\u2028\u2029", "bad \xff\xfe utf8 \xc3", "\xed\xa0\x80 surrogate", "日本語のテキスト、です。",
	"C1 \u0085\u009f controls", "emoji 🙂 \U0010FFFF", "\uFFFD already", "a\u200bb", "\xe2\x80", "\xe2\x80\xa8x",
	strings.Repeat("long ", 40),
}

// reference is what encoding/json writes for s.
func reference(t *testing.T, s string, escapeHTML bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func check(t *testing.T, s string) {
	t.Helper()
	for _, html := range []bool{true, false} {
		if got, want := Append([]byte("prefix:"), s, html), append([]byte("prefix:"), reference(t, s, html)...); !bytes.Equal(got, want) {
			t.Errorf("Append(%q, escapeHTML=%v) = %s; encoding/json %s", s, html, got, want)
		}
	}
}

func TestAppendMatchesEncodingJSON(t *testing.T) {
	for _, s := range hostile {
		check(t, s)
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(check)
}
