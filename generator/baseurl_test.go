package generator_test

import (
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestJapaneseBaseURLIsEncoded builds the sample site in memory under a
// base URL with a Japanese path, given as --base-url and as the config's
// baseURL: every URL in sitemap.xml, the feeds and actions.ics is ASCII
// (sitemaps and iCalendar URIs must be) and decodes to the Japanese path
// (qa7-a #24: the base was written raw, the page path after it encoded).
func TestJapaneseBaseURLIsEncoded(t *testing.T) {
	const (
		raw  = "https://intra.example.co.jp/障害kb/"
		host = "https://intra.example.co.jp/"
	)
	config, err := os.ReadFile(path.Join(sampleRoot, "pmkb.toml"))
	if err != nil {
		t.Fatal(err)
	}
	withBase := strings.Replace(string(config), `baseURL = "/"`, `baseURL = "`+raw+`"`, 1)
	if withBase == string(config) {
		t.Fatal(`the sample pmkb.toml has no baseURL = "/" to replace`)
	}
	urlRE := regexp.MustCompile(regexp.QuoteMeta(host) + `[^\s"<>]*`)
	for name, opts := range map[string]generator.Options{
		"flag":   {BaseURL: raw},
		"config": {Source: overlay(t, map[string]string{"pmkb.toml": withBase})},
		// encoded already: kept, not encoded twice
		"encoded flag": {BaseURL: "https://intra.example.co.jp/%E9%9A%9C%E5%AE%B3kb/"},
	} {
		t.Run(name, func(t *testing.T) {
			site := buildSample(t, opts)
			if got, want := site.KB.Config.BaseURL, "https://intra.example.co.jp/%E9%9A%9C%E5%AE%B3kb/"; got != want {
				t.Errorf("base URL = %q, want %q", got, want)
			}
			files := filesByPath(site)
			for _, p := range []string{"sitemap.xml", "feed.xml", "actions/overdue.xml", "actions.ics"} {
				if _, ok := files[p]; !ok {
					t.Errorf("%s is not built", p)
				}
			}
			checked := 0
			for p, data := range files {
				if !strings.HasSuffix(p, ".xml") && !strings.HasSuffix(p, ".ics") {
					continue
				}
				// unfold the calendar's long lines
				text := strings.ReplaceAll(string(data), "\r\n ", "")
				if strings.Contains(text, host+"障害") {
					t.Errorf("%s holds the base URL unencoded", p)
				}
				for _, u := range urlRE.FindAllString(text, -1) {
					checked++
					for _, c := range []byte(u) {
						if c <= ' ' || c >= 0x7f {
							t.Errorf("%s: URL %q is not ASCII", p, u)
							break
						}
					}
					parsed, err := url.Parse(u)
					if err != nil || !strings.HasPrefix(parsed.Path, "/障害kb/") {
						t.Errorf("%s: URL %q does not decode to a path under /障害kb/ (%v)", p, u, err)
					}
					if strings.Contains(u, "%25") {
						t.Errorf("%s: URL %q is encoded twice", p, u)
					}
				}
			}
			if checked < 10 {
				t.Errorf("only %d URLs under the base URL in the feeds, sitemap and calendar", checked)
			}
		})
	}
}
