package source

import "testing"

// TestEastAsianFolds checks that a folded YAML scalar loses the spaces
// folding put between two East Asian wide characters, and keeps every
// other space and line break YAML gives it.
func TestEastAsianFolds(t *testing.T) {
	for _, c := range []struct{ name, yaml, want string }{
		{"wrapped Japanese", "summary: >-\n  PgBouncer の各プールが一斉に再接続すると\n  上限に達した。\n", "PgBouncer の各プールが一斉に再接続すると上限に達した。"},
		{"Japanese next to Latin", "summary: >-\n  昇格したレプリカは\n  max_connections が 400 で\n  注文 DB の\n  半分だった。\n", "昇格したレプリカは max_connections が 400 で注文 DB の半分だった。"},
		{"wrapped English", "summary: >\n  The primary failed over\n  and the new one\n  refused connections.\n", "The primary failed over and the new one refused connections.\n"},
		{"blank and more-indented lines", "summary: >-\n  一行目と\n  二行目\n\n  段落\n    字下げ\n  終わり\n", "一行目と二行目\n段落\n  字下げ\n終わり"},
		{"space written on one line", "summary: >-\n  東京 大阪\n", "東京 大阪"},
		{"plain scalar", "summary: 東京 大阪\n", "東京 大阪"},
		{"nested, with an indentation indicator", "action_items:\n  - title: >2-\n      障害の\n      確認\n", "障害の確認"},
		{"full-width punctuation (qa7 #10)", "summary: >\n  設定を戻した（手動で）\n  ので復旧。発生！\n  原因は\n", "設定を戻した（手動で）ので復旧。発生！原因は\n"},
		{"CJK punctuation before a digit", "summary: >-\n  証明書が失効し、\n  53分間にわたり失敗した。\n", "証明書が失効し、53分間にわたり失敗した。"},
		{"kept trailing lines", "summary: >+\n  一\n  二\n\n", "一二\n\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root, errs := parseYAML([]byte(c.yaml), nil)
			if len(errs) > 0 {
				t.Fatal(errs[0])
			}
			n := root.keys[0].val
			if n.kind == kindList {
				n = n.items[0].keys[0].val
			}
			if n.text != c.want {
				t.Errorf("got %q, want %q", n.text, c.want)
			}
		})
	}
}
