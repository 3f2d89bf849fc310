package generator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// TestBodyLinksAndImagesUnderSubPath builds the sample site with two more
// postmortems that link to each other as .md files (one with its own id:)
// and show an image and a log kept beside them, under a sub-path base URL:
// every href and src must resolve to a file of the build (QA5 #2, #3), the
// image must be published byte for byte, and the build must warn about the
// link to a file that is not there.
func TestBodyLinksAndImagesUnderSubPath(t *testing.T) {
	front := func(extra string) string {
		return "---\n" + extra + "title: Linked\ndate: 2024-05-01\nseverity: SEV3\nstatus: published\nsystems: [checkout-api]\ncauses: [bad-deploy]\n" +
			"action_items:\n  - title: Fix it\n    owner: aiko\n    due: 2024-06-01\n---\n\n"
	}
	png := "\x89PNG\r\n\x1a\nnot really"
	src := overlay(t, map[string]string{
		"content/postmortems/2024/images/diagram.png": png,
		"content/postmortems/2024/logs/gateway.log":   "09:12 503\n",
		"content/postmortems/2025/2025-05-01-a.md": front("") + "## Start\n\n" +
			"See [the certificate one](../2024/2024-03-14-checkout-tls-certificate-expired.md#summary), " +
			"[B](../2024/b-file.md#end) and [a typo](../2024/2024-03-14-checkout-tls-certificate-expried.md).\n\n" +
			"![architecture](../2024/images/diagram.png)\n",
		"content/postmortems/2024/b-file.md": front("id: INC-9\n") + "## End\n\n" +
			"Back to [A](../2025/2025-05-01-a.md#start); the [log](logs/gateway.log) and ![the diagram](images/diagram.png).\n",
	})
	site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday, BaseURL: "https://intranet.example/kb/"})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, site.Diagnostics)
	}
	for _, p := range checkLinks(site, site.KB.Config.BaseURL) {
		if !strings.Contains(p, "expried") { // the typo, reported below
			t.Error(p)
		}
	}
	files := filesByPath(site)
	if got := string(files["postmortems/_files/2024/images/diagram.png"]); got != png {
		t.Errorf("diagram.png published as %q, want %q", got, png)
	}
	a := string(files["postmortems/2025-05-01-a/index.html"])
	b := string(files["postmortems/INC-9/index.html"])
	for _, want := range []struct{ page, html string }{
		{a, `href="../2024-03-14-checkout-tls-certificate-expired/index.html#summary"`},
		{a, `href="../INC-9/index.html#end"`},
		{a, `src="../_files/2024/images/diagram.png"`},
		{b, `href="../2025-05-01-a/index.html#start"`},
		{b, `href="../_files/2024/logs/gateway.log"`},
		{b, `src="../_files/2024/images/diagram.png"`},
	} {
		if !strings.Contains(want.page, want.html) {
			t.Errorf("page lacks %s", want.html)
		}
	}
	const missing = `content/postmortems/2025/2025-05-01-a.md:16: warning: link "../2024/2024-03-14-checkout-tls-certificate-expried.md" names content/postmortems/2024/2024-03-14-checkout-tls-certificate-expried.md, which does not exist; did you mean "../2024/2024-03-14-checkout-tls-certificate-expired.md"?`
	if !strings.Contains(site.Diagnostics.String(), missing) {
		t.Errorf("diagnostics lack %s:\n%s", missing, site.Diagnostics)
	}
}
