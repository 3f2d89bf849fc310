package render

import (
	"strings"
	"testing"
)

// TestTrackerLinkText checks the text of tracker links: the URL without
// its scheme, at most maxLinkText characters, cut before the issue key,
// which stays whole when the link is shortened (QA 13 F16: "COM-641" read
// "COM-" and "641" on two lines).
func TestTrackerLinkText(t *testing.T) {
	long := "https://tracker.example.com/" + strings.Repeat("x", 40)
	cases := []struct {
		url, head, key string
	}{
		{"https://tracker.example.com/COM-641", "tracker.example.com/", "COM-641"},
		{"http://jira.example.com/browse/PLAT-2844/", "jira.example.com/browse/", "PLAT-2844/"},
		{"https://github.com/acme/pm/issues/123?x=1", "github.com/acme/pm/issues/", "123?x=1"},
		{"https://tracker.example.com", "tracker.example.com", ""},
		{"https://tracker.example.com/", "tracker.example.com/", ""},
		// Shortened in the host and path, the key kept.
		{"https://tracker.internal.example.com/projects/payments/issues/PAY-812", "tracker.internal.example.com/pr…/", "PAY-812"},
		// A key too long to keep: shortened at the end, no key.
		{long, "tracker.example.com/xxxxxxxxxxxxxxxxxxx…", ""},
		{"", "", ""},
	}
	for _, c := range cases {
		text := linkText(c.url)
		head, key := linkParts(text)
		if head != c.head || key != c.key {
			t.Errorf("linkText(%q) = %q, cut %q + %q, want %q + %q", c.url, text, head, key, c.head, c.key)
		}
		if n := len([]rune(text)); n > maxLinkText {
			t.Errorf("linkText(%q) = %q, %d characters", c.url, text, n)
		}
		if head+key != text {
			t.Errorf("linkParts(%q) = %q + %q", text, head, key)
		}
	}
}

// TestTrackerKeyNoWrap checks that a tracker link's key is kept on one
// line (a nowrap span after a break opportunity), escaped.
func TestTrackerKeyNoWrap(t *testing.T) {
	kb := testKB("en", repo)
	kb.Postmortems[0].ActionItems[1].Link = "https://tracker.example.com/browse/A-1<b>&\"x"
	page := fileText(t, site(t, kb, testOpts), "postmortems/2024-03-14-checkout-cert/index.html")
	for _, want := range []string{
		`rel="noopener noreferrer">tracker.example.com/<wbr><span class="nowrap">PAY-812</span></a>`,
		`rel="noopener noreferrer">tracker.example.com/browse/<wbr><span class="nowrap">A-1&lt;b&gt;&amp;&#34;x</span></a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the postmortem page has no %s", want)
		}
	}
}
