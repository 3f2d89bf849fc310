package render

import "golang.org/x/text/language"

// rtlScripts are the scripts written right to left that a language tag
// may stand for (ISO 15924 codes), as CLDR's character order gives them.
var rtlScripts = map[string]bool{
	"Adlm": true, "Arab": true, "Aran": true, "Hebr": true, "Mand": true, "Mend": true,
	"Nkoo": true, "Rohg": true, "Samr": true, "Syrc": true, "Thaa": true, "Yezi": true,
}

// textDir returns "rtl" when the language tag lang is of a language
// written right to left, by the script golang.org/x/text's likely
// subtags give it ("ar", "fa-IR" and "ur" are Arabic script, "he" and
// "yi" Hebrew, "ku" Latin but "ckb" and "ku-Arab" Arabic), else "".
func textDir(lang string) string {
	if lang == "" {
		return ""
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	script, conf := tag.Script()
	if conf == language.No || !rtlScripts[script.String()] {
		return ""
	}
	return "rtl"
}
