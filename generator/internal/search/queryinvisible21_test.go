package search

import (
	"reflect"
	"testing"
)

// TestQueryInvisibleCharacters checks that an invisible character pasted
// into a query (a zero-width space, a soft hyphen, a word joiner, a byte
// order mark) before or after a filter, a minus or NOT reads as the
// query without it (QA 21r F1: "severity:SEV2<ZWSP>" found nothing and
// "dns <ZWSP>-alpine" listed only the postmortems with alpine).
func TestQueryInvisibleCharacters(t *testing.T) {
	a, err := NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for q, clean := range map[string]string{
		"severity:SEV2\u200b":         "severity:SEV2",
		"\u200bseverity:SEV2 dns":     "severity:SEV2 dns",
		"dns \u200b-alpine":           "dns -alpine",
		"dns -\u00adalpine":           "dns -alpine",
		"dns \u2060NOT\ufeff zone":    "dns NOT zone",
		"\"connection\u200b pool\"":   "\"connection pool\"",
		"system:checkout\u00ad-api x": "system:checkout-api x",
		"fail\u00adover \u200d-zone":  "failover -zone",
	} {
		got, want := parseQuery(q, a, false), parseQuery(clean, a, false)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got  %+v\n want %+v (as %q)", q, got, want, clean)
		}
	}
}
