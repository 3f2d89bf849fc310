package jsonstr

import "testing"

// BenchmarkAppend appends texts like those of the JSON API and the search
// index: ids, titles, URLs, English and Japanese prose.
func BenchmarkAppend(b *testing.B) {
	texts := []string{
		"2024-03-14-checkout-cert-expiry", "Checkout outage: TLS certificate expired on the payment gateway",
		"https://tracker.example.com/browse/OPS-1234",
		"Customers could not complete purchases for 47 minutes; about 12% of sessions failed & retried <later>.",
		"決済APIのタイムアウトにより、注文の約3割が失敗した。原因は接続プールの枯渇。", "2024-03-14T09:12:00Z", "sev1",
	}
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	b.SetBytes(int64(n))
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		buf = buf[:0]
		for _, s := range texts {
			buf = Append(buf, s, true)
		}
	}
}
