package lint

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var lowerCases = []string{
	"", "plain", "MiXeD Case AKIA", "ΣΑΣ İstanbul KELVIN \u212a", "日本語のテキスト、ＡＢＣ全角",
	"broken \xff\xfe utf-8 \xed\xa0\x80", "tab\tand\nnew\nlines\r\n", "\uFFFD real replacement", "ǅ titlecase",
}

func TestToLowerMatchesStrings(t *testing.T) {
	for _, s := range lowerCases {
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Errorf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestToLowerCaselessRange checks that toLower may copy the runes from
// caselessLow to caselessHigh as they are.
func TestToLowerCaselessRange(t *testing.T) {
	for r := rune(caselessLow); r <= caselessHigh; r++ {
		if unicode.ToLower(r) != r {
			t.Errorf("%U has a lower case %U", r, unicode.ToLower(r))
		}
	}
}

// TestASCIILowered checks that the runes in asciiLowered are the only
// non-ASCII runes whose lower case is ASCII.
func TestASCIILowered(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if l := unicode.ToLower(r); l < utf8.RuneSelf && !strings.ContainsRune(asciiLowered, r) {
			t.Errorf("%U lowers to ASCII %q", r, l)
		}
	}
	for _, r := range asciiLowered {
		if unicode.ToLower(r) >= utf8.RuneSelf {
			t.Errorf("%U does not lower to ASCII", r)
		}
	}
}

func FuzzToLower(f *testing.F) {
	for _, s := range lowerCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Errorf("toLower(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestSecretKeywordLines compares the one-pass keyword search with a
// search of every lowered line for every keyword.
func TestSecretKeywordLines(t *testing.T) {
	texts := []string{
		"",
		"no keywords at all\nnone here",
		"AWS key\nthe Token\n\nsecret and PASSWORD and pwd\nxoxb- and xapp-1\nGHP_ gho_ ghu_ ghs_ ghr_ github_pat_\n",
		"ends with a keyword: key",
		"key",
		"k\ne\ny split over lines\nhttps://x\n-----BEGIN PRIVATE KEY-----\n",
		"\u212aey with a kelvin sign, İ and akia\r\nasia abia acca a3t hooks.slack.com _live_ _prod_ .ey bearer passwd",
		"日本語 トークン secret 全角ＫＥＹ key",
		"only a kelvin sign: \u212aey\nand İ: Bİa",
		"AKIA\nBEARER\nGitHub_PAT_\nHOOKS.SLACK.COM\n\xff\xfeKEY\xed\xa0\x80ToKeN",
		"ké\u0301y kéy k\u00e9y aws\u00a0key",
	}
	for _, text := range texts {
		f := &File{Raw: []byte(text)}
		f.prepare()
		lowered := strings.Split(strings.ToLower(strings.Join(f.allLines(), "\n")), "\n")
		for i := range len(secretPatterns) + 1 {
			words := []string{"private key"}
			if i < len(secretPatterns) {
				words = secretPatterns[i].keywords
			}
			var want []int
			for n, l := range lowered {
				if slices.ContainsFunc(words, func(w string) bool { return strings.Contains(l, w) }) {
					want = append(want, n+1)
				}
			}
			if got := f.secretKeywordLines(i); !slices.Equal(got, want) {
				t.Errorf("%q, keywords %q: lines %v, want %v", text, words, got, want)
			}
		}
	}
}
