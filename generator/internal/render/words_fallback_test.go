package render

import (
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// TestWordsOrDefault proves that given words are used as they are and that
// no words means the built-in theme's English ones, which the exports and
// the notifications both fall back on.
func TestWordsOrDefault(t *testing.T) {
	ja, err := LoadWords(themes.Default(), "ja")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := WordsOrDefault(ja); got != ja || err != nil {
		t.Errorf("WordsOrDefault(ja) = %p, %v; want %p, nil", got, err, ja)
	}
	got, err := WordsOrDefault(nil)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"ics.name":    "%s: action items",
		"notify.text": "Postmortem action items: %d overdue, %d due %s",
	} {
		if s := got.String(key); s != want {
			t.Errorf("WordsOrDefault(nil).String(%q) = %q, want %q", key, s, want)
		}
	}
	if err := got.Err(); err != nil {
		t.Errorf("WordsOrDefault(nil).Err() = %v", err)
	}
}
