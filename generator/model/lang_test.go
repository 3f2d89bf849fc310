package model

import "testing"

// TestHasJapanese: kanji, hiragana and katakana (full and half width)
// count; Latin, full-width Latin and CJK punctuation alone do not.
func TestHasJapanese(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"田中", true}, {"ひらがな", true}, {"カタカナ", true}, {"ｶﾀｶﾅ", true}, {"db 障害", true},
		{"Aiko", false}, {"ＳＲＥ", false}, {"「」、。", false}, {"", false},
	} {
		if got := HasJapanese(tt.in); got != tt.want {
			t.Errorf("HasJapanese(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestCountryLanguage: the country codes people write for a language tag
// name the language meant; a language code is not one of them.
func TestCountryLanguage(t *testing.T) {
	for code, want := range map[string]string{"jp": "ja", "cn": "zh", "us": "en", "gb": "en", "ua": "uk", "ja": "", "en": "", "zh": ""} {
		got, ok := CountryLanguage(code)
		if got != want || ok != (want != "") {
			t.Errorf("CountryLanguage(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
}
