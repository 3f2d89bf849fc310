package scaffold

import "strings"

// kana maps each hiragana to its Hepburn romanisation. Katakana is read
// through it after shifting to hiragana. Small kana (ゃゅょぁぃぅぇぉっ) and
// the long-vowel mark are handled by romanise.
var kana = map[rune]string{
	'あ': "a", 'い': "i", 'う': "u", 'え': "e", 'お': "o",
	'か': "ka", 'き': "ki", 'く': "ku", 'け': "ke", 'こ': "ko",
	'さ': "sa", 'し': "shi", 'す': "su", 'せ': "se", 'そ': "so",
	'た': "ta", 'ち': "chi", 'つ': "tsu", 'て': "te", 'と': "to",
	'な': "na", 'に': "ni", 'ぬ': "nu", 'ね': "ne", 'の': "no",
	'は': "ha", 'ひ': "hi", 'ふ': "fu", 'へ': "he", 'ほ': "ho",
	'ま': "ma", 'み': "mi", 'む': "mu", 'め': "me", 'も': "mo",
	'や': "ya", 'ゆ': "yu", 'よ': "yo",
	'ら': "ra", 'り': "ri", 'る': "ru", 'れ': "re", 'ろ': "ro",
	'わ': "wa", 'ゐ': "i", 'ゑ': "e", 'を': "o", 'ん': "n",
	'が': "ga", 'ぎ': "gi", 'ぐ': "gu", 'げ': "ge", 'ご': "go",
	'ざ': "za", 'じ': "ji", 'ず': "zu", 'ぜ': "ze", 'ぞ': "zo",
	'だ': "da", 'ぢ': "ji", 'づ': "zu", 'で': "de", 'ど': "do",
	'ば': "ba", 'び': "bi", 'ぶ': "bu", 'べ': "be", 'ぼ': "bo",
	'ぱ': "pa", 'ぴ': "pi", 'ぷ': "pu", 'ぺ': "pe", 'ぽ': "po",
	'ゔ': "vu",
	// Small kana on their own (after a non-kana) read as their full size.
	'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o",
	'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo", 'ゎ': "wa", 'ゕ': "ka", 'ゖ': "ke",
}

// smallY and smallV are the small kana that merge with the kana before
// them: きゃ → kya, ティ → ti.
var (
	smallY = map[rune]string{'ゃ': "a", 'ゅ': "u", 'ょ': "o"}
	smallV = map[rune]string{'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o"}
)

// toHiragana maps katakana to hiragana and leaves everything else.
func toHiragana(r rune) rune {
	if r >= 'ァ' && r <= 'ヶ' {
		return r - 'ァ' + 'ぁ'
	}
	return r
}

// isKatakana reports whether r is katakana or the long-vowel mark.
func isKatakana(r rune) bool { return r >= 'ァ' && r <= 'ヿ' }

func isKana(r rune) bool {
	r = toHiragana(r)
	_, ok := kana[r]
	return ok || r == 'っ' || r == 'ー'
}

// romanise returns one run of kana in Hepburn without macrons (long
// vowels are not doubled: サーバー → saba).
func romanise(run []rune) string {
	var b strings.Builder
	geminate := false // a small っ waits for the next consonant
	for i := 0; i < len(run); i++ {
		r := toHiragana(run[i])
		if r == 'っ' {
			geminate = true
			continue
		}
		if r == 'ー' {
			continue
		}
		syl := kana[r]
		if i+1 < len(run) {
			next := toHiragana(run[i+1])
			if v, ok := smallY[next]; ok && strings.HasSuffix(syl, "i") && len(syl) > 1 {
				switch syl {
				case "shi", "chi", "ji":
					syl = syl[:len(syl)-1] + v
				default:
					syl = syl[:len(syl)-1] + "y" + v
				}
				i++
			} else if v, ok := smallV[next]; ok {
				if syl == "u" {
					syl = "w" + v
				} else {
					syl = strings.TrimRight(syl, "aiueo") + v
				}
				i++
			}
		}
		if geminate {
			switch {
			case strings.HasPrefix(syl, "ch"):
				b.WriteByte('t')
			case syl != "" && !strings.ContainsRune("aiueon", rune(syl[0])):
				b.WriteByte(syl[0])
			}
			geminate = false
		}
		b.WriteString(syl)
	}
	return b.String()
}

// romajiSlug romanises the kana runs of s (a run ends at a change between
// hiragana and katakana), keeping runs of three letters
// or more (single particles and okurigana such as の or れ say little), up
// to four words.
func romajiSlug(s string) string {
	var words []string
	var run []rune
	flush := func() {
		if len(run) > 0 {
			if w := romanise(run); len(w) >= 3 && len(words) < 4 {
				words = append(words, w)
			}
			run = run[:0]
		}
	}
	for _, r := range s {
		if !isKana(r) {
			flush()
			continue
		}
		// A change of script ends a word: キャッシュの設定 → kyasshu, no.
		if len(run) > 0 && r != 'ー' && isKatakana(r) != isKatakana(run[len(run)-1]) {
			flush()
		}
		run = append(run, r)
	}
	flush()
	return joinWords(words)
}
