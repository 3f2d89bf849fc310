package generator_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestSimilarLeavesOutLinked builds the sample site: no page lists an
// incident twice in its related section, and a page's similar incidents
// still fill their five places when it links some of the most similar
// above them (QA 13 F1: the certificate incident's page showed two of its
// five similar incidents as repeat, related and backlink already).
func TestSimilarLeavesOutLinked(t *testing.T) {
	files := filesByPath(buildSample(t, generator.Options{}))
	link := regexp.MustCompile(`href="\.\./\.\./postmortems/([^/"]+)/index\.html"`)
	pages := 0
	for path, data := range files {
		id, ok := strings.CutPrefix(path, "postmortems/")
		id, ok2 := strings.CutSuffix(id, "/index.html")
		if !ok || !ok2 || strings.Contains(id, "/") {
			continue
		}
		pages++
		s := string(data)
		i := strings.Index(s, `id="h-related"`)
		if i < 0 {
			continue
		}
		s = s[i : strings.Index(s[i:], "</section>")+i]
		seen := map[string]bool{}
		for _, m := range link.FindAllStringSubmatch(s, -1) {
			if seen[m[1]] {
				t.Errorf("%s: its related section lists %s twice", id, m[1])
			}
			seen[m[1]] = true
		}
		if id != "2024-03-14-checkout-tls-certificate-expired" {
			continue
		}
		j := strings.Index(s, "<h3>Similar incidents</h3>")
		if j < 0 {
			t.Fatalf("%s has no similar incidents", id)
		}
		if n := len(link.FindAllString(s[j:], -1)); n != 5 {
			t.Errorf("%s lists %d similar incidents, want 5:\n%s", id, n, s[j:])
		}
	}
	if pages < 10 {
		t.Fatalf("found %d postmortem pages in the sample site", pages)
	}
}
