package export

import "testing"

// TestWebLinkIsAURI: a tracker link is written to overdue.xml and
// actions.ics as a URI, with what its query holds that a URI may not (a
// space, <, >, ", a non-ASCII letter) percent-encoded, as the pages write
// it; url.URL.String left the query as written, and feed readers and
// calendars cut such a link at the space (QA 18 C-F2).
func TestWebLinkIsAURI(t *testing.T) {
	for in, want := range map[string]string{
		"https://tracker.example.com/PAY-812?x=1&y=<2>":          "https://tracker.example.com/PAY-812?x=1&y=%3C2%3E",
		"https://wiki.example.com/障害/PAY 812?a=b c":              "https://wiki.example.com/%E9%9A%9C%E5%AE%B3/PAY%20812?a=b%20c",
		`https://t.example.com/q?s="a"&t=障`:                      "https://t.example.com/q?s=%22a%22&t=%E9%9A%9C",
		"https://t.example.com/q?a=%20b&c=50%&d=%zz":             "https://t.example.com/q?a=%20b&c=50%25&d=%25zz",
		"https://jira.example.com/browse/OPS-1?focusedId=1#c-1":  "https://jira.example.com/browse/OPS-1?focusedId=1#c-1",
		"https://t.example.com/a?b=c/d:e@f?g;h,i!j$k'l(m)n*o+p~": "https://t.example.com/a?b=c/d:e@f?g;h,i!j$k'l(m)n*o+p~",
		"javascript:alert(1)":                                    "",
		"/relative?x=1":                                          "",
	} {
		if got := webLink(in); got != want {
			t.Errorf("webLink(%q) = %q, want %q", in, got, want)
		}
	}
}
