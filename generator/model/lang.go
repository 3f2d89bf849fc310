package model

import (
	"strings"
	"unicode"
)

// ShowsNothing reports whether the text s shows nothing: only spaces (a
// no-break space too) and the zero-width characters that converted
// documents leave (U+200B, U+2060, U+FEFF). An empty heading or link
// text is one (the loader warns about it, the page gives a heading no
// section link).
func ShowsNothing(s string) bool {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff'
	}) == ""
}

// HasJapanese reports whether s has kanji or kana.
func HasJapanese(s string) bool { return strings.ContainsFunc(s, japaneseScript) }

// japaneseScript reports whether r is a Han character or kana.
func japaneseScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// CountryLanguage returns the language meant by a country code written
// where a language tag belongs ("jp" → "ja", "cn" → "zh"): none of these
// codes is a language (ISO 639), so a page marked lang="jp" is in no
// language for browsers and screen readers. ok is false for any other
// code. The site's language (pmkb.toml) and a postmortem's lang: are
// checked against this one list.
func CountryLanguage(code string) (lang string, ok bool) {
	switch code {
	case "jp":
		return "ja", true
	case "cn":
		return "zh", true
	case "gr":
		return "el", true
	case "dk":
		return "da", true
	case "cz":
		return "cs", true
	case "ua":
		return "uk", true
	case "vn":
		return "vi", true
	case "il":
		return "he", true
	case "us", "gb":
		return "en", true
	}
	return "", false
}
