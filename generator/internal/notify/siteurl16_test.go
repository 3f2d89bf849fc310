package notify

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/actions/actionstest"
)

// TestSiteURLIsEncodedOnce checks that a --site-url with a non-ASCII path
// gives the digest's links the URL a config's baseURL gives them, its path
// percent-encoded once: before, /障害kb/ stayed raw before the encoded
// page paths (QA 16 D-F17). An address given encoded is kept as it is.
func TestSiteURLIsEncodedOnce(t *testing.T) {
	const encoded = "https://kb.example.com/%E9%9A%9C%E5%AE%B3kb/"
	links := regexp.MustCompile(`<(https?://[^|>]*)\|`)
	for _, site := range []string{"https://kb.example.com/障害kb/", "https://kb.example.com/障害kb", encoded, "https://kb.example.com/%E9%9A%9C害kb/"} {
		d := BuildDigest(actionstest.KB("/"), 7)
		payload, err := SlackPayload(d, site, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := links.FindAllStringSubmatch(string(payload), -1)
		if len(got) < 3 {
			t.Fatalf("--site-url %s: %d links in\n%s", site, len(got), payload)
		}
		for _, m := range got {
			if strings.HasPrefix(m[1], "https://tracker.example.com/") {
				continue
			}
			if !strings.HasPrefix(m[1], encoded) || strings.Contains(m[1], "%25") {
				t.Errorf("--site-url %s: link %s, want it under %s", site, m[1], encoded)
			}
		}
	}
}
