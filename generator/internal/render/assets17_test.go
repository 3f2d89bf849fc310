package render

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/themes"
)

var assetLink = regexp.MustCompile(`(?:src|href)="[^"]*?(assets/[a-z]+\.(?:js|css))(\?v=[0-9a-f]*)?"`)

// checkAssetVersions reports every stylesheet and script link of pages
// that lacks ?v=<the first 10 hex digits of the SHA-256 of the file>.
func checkAssetVersions(t *testing.T, files map[string][]byte, pages ...string) {
	t.Helper()
	for _, p := range pages {
		links := assetLink.FindAllStringSubmatch(string(files[p]), -1)
		if len(links) < 4 {
			t.Errorf("%s links %d stylesheets and scripts, want at least 4", p, len(links))
		}
		for _, m := range links {
			h := sha256.Sum256(files[m[1]])
			if want := "?v=" + hex.EncodeToString(h[:])[:10]; m[2] != want {
				t.Errorf("%s links %s as %q, want %s%s", p, m[1], m[0], m[1], want)
			}
		}
	}
}

// TestAssetURLsCarryContentHash checks that each page links its
// stylesheets and scripts with the hash of the file it links (QA 17 D-F5:
// with fixed names a browser ran a cached search.js of the last build
// against the new pages and index for days), a theme's own file with the
// hash of its own contents, and that two builds write the same pages.
func TestAssetURLsCarryContentHash(t *testing.T) {
	pages := []string{"index.html", "postmortems/index.html", "postmortems/2024-03-14-checkout-cert/index.html", "search/index.html", "actions/index.html", "404.html"}
	files := site(t, testKB("en", repo), testOpts)
	checkAssetVersions(t, files, pages...)
	if again := site(t, testKB("en", repo), testOpts); string(again["index.html"]) != string(files["index.html"]) {
		t.Errorf("two builds write different home pages")
	}

	// pmkb serve's quick update of one page links the same URLs.
	opts := testOpts
	opts.Only = []string{"2024-03-14-checkout-cert"}
	one, err := Site(testKB("en", repo), themes.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range one {
		if f.Path == pages[2] && string(f.Data) != string(files[pages[2]]) {
			t.Errorf("the quick update of %s differs from the full build's", f.Path)
		}
	}

	own := fstest.MapFS{"static/assets/pmkb.css": {Data: []byte("body { color: teal }\n")}}
	list, err := Site(testKB("en", repo), themes.Overlay(own), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]byte{}
	for _, f := range list {
		byPath[f.Path] = f.Data
	}
	checkAssetVersions(t, byPath, pages...)
	if strings.Contains(string(byPath["index.html"]), "assets/pmkb.css?v="+assetVersions([]output.File{{Path: "assets/pmkb.css", Data: files["assets/pmkb.css"]}})["assets/pmkb.css"]) {
		t.Errorf("a theme's own pmkb.css is linked with the built-in file's hash")
	}
}
