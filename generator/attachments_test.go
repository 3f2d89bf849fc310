package generator_test

import (
	"bytes"
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

// TestBodyLinksToLeftOutPages builds a site where a public postmortem links
// to an internal one (by its .md file, with its own id:) and to a draft:
// the public build, and the internal build without drafts, render each
// link to a page they leave out as its text, so every href of the site
// resolves and the public site never names the internal postmortem's id;
// links to pages in the build stay links.
func TestBodyLinksToLeftOutPages(t *testing.T) {
	front := func(extra string) string {
		return "---\n" + extra + "title: Linked\ndate: 2025-05-01\nseverity: SEV3\nsystems: [checkout-api]\ncauses: [bad-deploy]\n" +
			"action_items:\n  - title: Fix it\n    owner: aiko\n    due: 2025-06-01\n---\n\n"
	}
	src := overlay(t, map[string]string{
		"content/postmortems/2025/2025-05-01-pub.md": front("visibility: public\n") +
			"See [the secret one](2025-05-02-internal.md#start), [the draft](2025-05-03-draft.md) and " +
			"[the certificate one](../2024/2024-03-14-checkout-tls-certificate-expired.md).\n",
		"content/postmortems/2025/2025-05-02-internal.md": front("id: INC-SECRET-77\n") + "## Start\n\nInternal.\n",
		"content/postmortems/2025/2025-05-03-draft.md":    front("status: draft\nvisibility: public\n") + "Draft.\n",
	})
	for _, c := range []struct {
		audience string
		text     []string // links rendered as text
		links    []string // links kept
	}{
		{generator.AudiencePublic, []string{"the secret one", "the draft"}, []string{`href="../2024-03-14-checkout-tls-certificate-expired/index.html"`}},
		{generator.AudienceInternal, []string{"the draft"}, []string{`href="../INC-SECRET-77/index.html#start"`, `href="../2024-03-14-checkout-tls-certificate-expired/index.html"`}},
	} {
		t.Run(c.audience, func(t *testing.T) {
			site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday, Audience: c.audience})
			if err != nil {
				t.Fatalf("build: %v\n%s", err, site.Diagnostics)
			}
			for _, p := range checkLinks(site, site.KB.Config.BaseURL) {
				t.Error(p)
			}
			files := filesByPath(site)
			page := string(files["postmortems/2025-05-01-pub/index.html"])
			for _, w := range c.text {
				if !strings.Contains(page, w) || strings.Contains(page, ">"+w+"</a>") {
					t.Errorf("page lacks %q as plain text", w)
				}
			}
			for _, w := range c.links {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			if c.audience == generator.AudiencePublic {
				for p, data := range files {
					if bytes.Contains(data, []byte("INC-SECRET-77")) || bytes.Contains(data, []byte("2025-05-02-internal")) {
						t.Errorf("public build: %s names the internal postmortem", p)
					}
				}
			}
		})
	}
}
