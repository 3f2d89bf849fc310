package themes

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
)

// TestJapaneseBrackets: the Japanese UI strings use full-width brackets
// （…）, as the statistics page always did; half-width ones crept into
// captions such as ポストモーテム(新しい順) (qa7-a #24).
func TestJapaneseBrackets(t *testing.T) {
	data, err := fs.ReadFile(Default(), "i18n/ja.json")
	if err != nil {
		t.Fatal(err)
	}
	var ja map[string]string
	if err := json.Unmarshal(data, &ja); err != nil {
		t.Fatal(err)
	}
	for k, v := range ja {
		if strings.ContainsAny(v, "()") {
			t.Errorf("ja.json %s = %q: write （…） in Japanese text", k, v)
		}
	}
	// "Most overdue": the list is sorted by days overdue.
	if got := ja["home.overdueCaption"]; !strings.Contains(got, "超過日数の多い順") {
		t.Errorf("home.overdueCaption = %q does not say the list is sorted by days overdue", got)
	}
}
