package search

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// TestSearchJSBuildsNoHTML keeps search.js to DOM nodes and textContent:
// no API that parses a string as HTML may appear in it at all.
func TestSearchJSBuildsNoHTML(t *testing.T) {
	src, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function`)
	if m := re.FindAll(src, -1); len(m) > 0 {
		t.Errorf("search.js uses %q", m)
	}
}

// TestWithoutFilterKeepsExclusion checks the query search.js leaves when a
// facet's box is unticked (withoutFilter): the filter words naming the
// value go, an excluded one stays, written with a minus or after a NOT
// (review: unticking SEV1 turned "dns NOT severity:SEV1" into "dns NOT",
// losing the exclusion), and a NOT that is itself excluded excludes
// nothing, as splitQuery reads it.
func TestWithoutFilterKeepsExclusion(t *testing.T) {
	tests := []struct{ q, want string }{
		{"dns severity:SEV1", "dns"},
		{"dns severity:sev1  severity:SEV2", "dns severity:SEV2"},
		{"dns -severity:SEV1", "dns -severity:SEV1"},
		{"dns NOT severity:SEV1", "dns NOT severity:SEV1"},
		{"dns NOT severity:SEV1 severity:SEV1", "dns NOT severity:SEV1"},
		{"NOT dns severity:SEV1", "NOT dns"},
		{"dns NOT NOT severity:SEV1", "dns NOT NOT"},
		{"dns not severity:SEV1", "dns not"},               // only a capital NOT excludes
		{"dns ＮＯＴ severity:SEV1", "dns ＮＯＴ severity:SEV1"}, // in full width too (QA 14 B-F8)
	}
	var qs []string
	for _, tt := range tests {
		qs = append(qs, tt.q)
	}
	in, err := json.Marshal(qs)
	if err != nil {
		t.Fatal(err)
	}
	out := runNode(t, `const v = {value: 'SEV1', label: 'SEV1', key: pmkb.facetKey('severity', 'SEV1'), labelKey: null};
process.stdout.write(JSON.stringify(JSON.parse(input).map(q => pmkb.withoutFilter(q, 'severity', v))));`, in)
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if got[i] != tt.want {
			t.Errorf("withoutFilter(%q, severity, SEV1) = %q, want %q", tt.q, got[i], tt.want)
		}
	}
}

// TestJapaneseHintWording checks the words of search.js's hints on a Japanese
// page (QA 14 B-F13): a word of the query is quoted 「…」, as the list
// pages quote a value, with no space next to the brackets; a question
// ends with ？; colons are full width; "filter" is フィルター, as in the
// help text. What is to be typed (system:"Checkout API", "connection
// pool" in double quotes) stays as it is typed.
func TestJapaneseHintWording(t *testing.T) {
	tests := []struct{ hint, want string }{
		{`{"typo": "certficate", "suggest": "certificate"}`, `「certficate」を含むポストモーテムはありません。「certificate」のことですか？`},
		{`{"prefix": "gatew"}`, `完全に一致する語はありません。「gatew」で始まる語を含むポストモーテムを表示しています`},
		{`{"empty": "severity:", "facet": "severity", "example": "SEV2"}`, `「severity:」に値がありません。severity:SEV2 のように、コロンの直後に値を書いてください`},
		{`{"facet": "system", "value": "a,b", "several": true}`, `system が「a,b」のポストモーテムはありません。複数の値のどれかに一致させるには、1 つずつ別の語で書いてください：system:a system:b`},
		{`{"phrase": "connection pool", "written": "'connection pool'"}`, `フレーズは二重引用符で囲んでください：'connection pool' ではなく "connection pool"`},
		{`{"short": "c*"}`, `「c*」は 1 文字で、前方一致には短すぎます。* の前に 2 文字以上書いてください`},
		{`{"short": "q"}`, `「q」は 1 文字で、語の先頭として検索するには短すぎます。2 文字以上入力してください`},
		{`{"op": "OR"}`, `「OR」は演算子ではありません。すべての語が一致する必要があります。どちらかの語を含むものは、それぞれ検索してください`},
		{`{"word": "sev:"}`, `「sev:」はフィルターではありません。フィルターは severity:、system:、cause:、team:、year:、tag: です`},
		{`{"facet": "severity", "value": "SEV9", "minus": false, "suggest": []}`, `severity が「SEV9」のポストモーテムはありません`},
		{`{"facet": "system", "value": "checkout", "minus": false, "suggest": [{"value": "checkout-api", "label": "Checkout API"}]}`, `system が「checkout」のポストモーテムはありません。system:checkout-api（Checkout API）のことですか？`},
		{`{"facet": "team", "value": "pay", "minus": true, "suggest": [{"value": "payments"}, {"value": "platform", "label": "基盤"}]}`, `team が「pay」のポストモーテムはありません。-team:payments または -team:platform（基盤）のことですか？`},
		{`{"facet": "system", "value": "api", "minus": false, "suggest": [{"value": "checkout-api", "label": "Checkout API"}, {"value": "dns"}]}`, `system が「api」のポストモーテムはありません。system:checkout-api（Checkout API）または system:dns のことですか？`},
		{`{"facet": "year", "value": "2204", "minus": false, "suggest": [{"value": "2024"}]}`, `year が「2204」のポストモーテムはありません。year:2024 のことですか？`},
		{`{"facet": "system", "value": "Checkout", "minus": false, "spaced": {"written": "Checkout API", "value": "checkout-api", "words": 2}}`, `system が「Checkout」のポストモーテムはありません。空白を含む値は引用符で囲んでください：system:"Checkout API"（または system:checkout-api）`},
		// A query relaxed (QA 16 C-F1, C-F3).
		{`{"missing": ["03:12:44", "deadbeef"], "shown": true}`, `「03:12:44」「deadbeef」を含むポストモーテムはありません。その語を除いて検索した結果を表示しています`},
		{`{"missing": ["zzz", "yyy"], "none": true}`, `「zzz」「yyy」のどれを含むポストモーテムもありません`},
		{`{"missing": ["zzz"], "none": true}`, `「zzz」を含むポストモーテムはありません`},
		{`{"common": ["it", "was"]}`, `「it」「was」はありふれた語のため検索できません`},
		{`{"split": "証明書が期限切れ"}`, `「証明書が期限切れ」と書かれたポストモーテムはありません。その語句を含むポストモーテムを表示しています`},
	}
	var hints []json.RawMessage
	for _, tt := range tests {
		hints = append(hints, json.RawMessage(tt.hint))
	}
	in, err := json.Marshal(hints)
	if err != nil {
		t.Fatal(err)
	}
	out := runNode(t, `process.stdout.write(JSON.stringify(JSON.parse(input).map(h => pmkb.hintText(h, 'ja'))));`, in)
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		if got[i] != tt.want {
			t.Errorf("hint %s in Japanese:\n got  %s\n want %s", tt.hint, got[i], tt.want)
		}
	}
}
