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
	ja := jaStrings(t)
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

// TestJapaneseWording checks Japanese UI strings a reader of the site
// found wrong (QA 14 B-F7, B-F13): each key's text must hold want and none
// of not.
func TestJapaneseWording(t *testing.T) {
	ja := jaStrings(t)
	for _, tt := range []struct {
		key, why string
		want     []string
		not      []string
	}{
		// "N 日前" alone is "N days ago"; the number is the gap to this incident.
		{"repeat.daysBefore", "relative to this incident", []string{"本件の %d 日前"}, nil},
		// The UI calls a postmortem ポストモーテム everywhere.
		{"serve.draftPage", "the site's word", []string{"ポストモーテム"}, []string{"事後検証"}},
		// %s is a Japanese metric name: no space before の.
		{"stats.dist.desc", "no space between Japanese words", []string{"%sの分布"}, []string{"%s の"}},
		{"stats.trend.desc", "a count of causes", []string{"上位 %d 件の原因"}, []string{"%d の原因"}},
		// It follows the status label (完了, 対応しない): the date alone, in brackets.
		{"actions.closedOn", "no second status word", []string{"%s"}, []string{"完了", "対応しない"}},
	} {
		got, ok := ja[tt.key]
		if !ok {
			t.Errorf("ja.json lacks %s", tt.key)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("ja.json %s = %q lacks %q (%s)", tt.key, got, w, tt.why)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("ja.json %s = %q has %q (%s)", tt.key, got, n, tt.why)
			}
		}
	}
	for k, v := range ja {
		if strings.Contains(v, "事後検証") {
			t.Errorf("ja.json %s = %q: the UI says ポストモーテム", k, v)
		}
	}
}

// jaStrings reads the built-in theme's Japanese UI strings.
func jaStrings(t *testing.T) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(Default(), "i18n/ja.json")
	if err != nil {
		t.Fatal(err)
	}
	var ja map[string]string
	if err := json.Unmarshal(data, &ja); err != nil {
		t.Fatal(err)
	}
	return ja
}
