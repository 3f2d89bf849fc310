package generator

import (
	"testing"

	"github.com/pmkb/pmkb/themes"
)

// TestOverlayHideSpeaksTheSitesLanguage checks the dev server's Hide
// button (QA 21 C-F3) is worded in the site's language, as the rest of
// the overlay is: a Japanese site showed "Hide (Esc)" in English.
func TestOverlayHideSpeaksTheSitesLanguage(t *testing.T) {
	for lang, want := range map[string]string{"en": "Hide (Esc)", "ja": "隠す（Esc）"} {
		if got := overlayTextIn(themes.Default(), lang).Hide; got != want {
			t.Errorf("%s: Hide = %q, want %q", lang, got, want)
		}
	}
}
