package render

import "github.com/pmkb/pmkb/themes"

// WordsOrDefault returns w, or the built-in theme's English words when w
// is nil: what the exports and the notifications say when they are given
// no theme's words.
func WordsOrDefault(w *Words) (*Words, error) {
	if w != nil {
		return w, nil
	}
	return LoadWords(themes.Default(), "en")
}
