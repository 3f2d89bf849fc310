package render

import "testing"

func TestTextDir(t *testing.T) {
	for lang, want := range map[string]string{
		"ar": "rtl", "ar-EG": "rtl", "he": "rtl", "iw": "rtl", "fa": "rtl", "ur": "rtl", "yi": "rtl",
		"ckb": "rtl", "ku-Arab": "rtl", "dv": "rtl", "ps": "rtl",
		"en": "", "ja": "", "ku": "", "az-Arab": "rtl", "az": "", "": "", "x y": "", "zh-Hant": "",
	} {
		if got := textDir(lang); got != want {
			t.Errorf("textDir(%q) = %q, want %q", lang, got, want)
		}
	}
}
