package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// TestUnlinkSiteURLs checks that a link to a left-out postmortem's page
// written as its web address (pasted from the browser: the site's
// baseURL, a build's --base-url or a preview's, then
// postmortems/<id>/) becomes its text as "../<id>/" does, so a public
// build names neither the internal id nor the intranet host (QA 15
// D-F1), while addresses of kept pages, of pages that are no
// postmortem of the site, and of other files stay links, with no
// warning at load.
func TestUnlinkSiteURLs(t *testing.T) {
	for _, tc := range []struct {
		link string
		gone bool // the link names the left-out page and becomes text
	}{
		{"https://kb.example.com/pm/postmortems/2024-03-15-hidden/", true},
		{"https://kb.example.com/pm/postmortems/2024-03-15-hidden", true},
		{"https://kb.example.com/pm/postmortems/2024-03-15-hidden/index.html", true},
		{"https://kb.example.com/pm/postmortems/2024-03-15-hidden/#timeline", true},
		{"https://kb.example.com/pm/postmortems/2024-03-15-hidden/?from=slack", true},
		{"http://localhost:1313/postmortems/2024-03-15-hidden/", true},
		{"https://status.example.com/postmortems/2024-03-15-hidden/", true},
		{"HTTPS://KB.EXAMPLE.COM/pm/postmortems/2024-03-15-hidden/", true},
		{"//kb.example.com/pm/postmortems/2024-03-15-hidden/", true},
		{"https://kb.example.com/pm/postmortems/INC-9/", true},
		{"https://kb.example.com/pm/postmortems/2024-03-19-%E6%B1%BA%E6%B8%88/", true},
		{"https://kb.example.com/pm/postmortems/2024-03-16-kept/", false},
		{"https://kb.example.com/pm/postmortems/2024-03-17-nothing/", false},
		{"https://kb.example.com/pm/postmortems/", false},
		{"https://kb.example.com/pm/postmortems/_files/2024/x.png", false},
		{"https://kb.example.com/pm/postmortems/2024-03-15-hidden/x.png", false},
		{"https://kb.example.com/pm/2024-03-15-hidden/", false},
		{"ftp://kb.example.com/pm/postmortems/2024-03-15-hidden/", false},
	} {
		t.Run(tc.link, func(t *testing.T) {
			files := loadSiteURLs(t, "See [that one]("+tc.link+") now.\n")
			if got := strings.Join(files[0].Links, " "); tc.gone && got == "" {
				t.Errorf("the body's links %q miss the left-out page", got)
			}
			cfg := model.DefaultSiteConfig()
			source.Unlink(&cfg, files, siteURLsKept)
			a := files[0].PM.HTML
			checkUnlinked(t, tc.link, tc.gone, a)
			if tc.gone && (strings.Contains(a, "example.com") || strings.Contains(a, "決済")) {
				t.Errorf("the page still names the address:\n%s", a)
			}
		})
	}
}

// TestUnlinkSiteAutolinks is TestUnlinkSiteURLs for an address pasted as
// it is, which becomes a link by itself (an autolink, <…> or bare): left
// out, it is its text, as written in the body, with no link.
func TestUnlinkSiteAutolinks(t *testing.T) {
	const hidden = "https://kb.example.com/pm/postmortems/2024-03-15-hidden/"
	const kept = "https://kb.example.com/pm/postmortems/2024-03-16-kept/"
	for _, tc := range []struct {
		body, want string
	}{
		{"See " + hidden + " now.", "See " + hidden + " now."},
		{"See <" + hidden + "> now.", "See " + hidden + " now."},
		{"See " + kept + " now.", `See <a href="` + kept + `" class="url">` + kept + `</a> now.`},
		{"See <" + kept + "> now.", `See <a href="` + kept + `" class="url">` + kept + `</a> now.`},
		{"Mail <ops@example.com> now.", `Mail <a href="mailto:ops@example.com" class="url">ops@example.com</a> now.`},
	} {
		t.Run(tc.body, func(t *testing.T) {
			files := loadSiteURLs(t, tc.body+"\n")
			cfg := model.DefaultSiteConfig()
			source.Unlink(&cfg, files, siteURLsKept)
			if a := files[0].PM.HTML; !strings.Contains(a, tc.want) || strings.Contains(a, `href="`+hidden) {
				t.Errorf("got\n%s\nwant it to hold\n%s", a, tc.want)
			}
		})
	}
}

// siteURLsKept are the postmortems of loadSiteURLs' site that a build
// keeps.
var siteURLsKept = map[string]bool{"2024-03-14-a": true, "2024-03-16-kept": true}

// loadSiteURLs loads a site whose postmortem 2024-03-14-a (files[0]) has
// body, beside 2024-03-15-hidden, 2024-03-16-kept, INC-9 and
// 2024-03-19-決済, and fails when loading warns.
func loadSiteURLs(t *testing.T, body string) []source.File {
	t.Helper()
	fsys := fstest.MapFS{
		"content/postmortems/2024/2024-03-14-a.md":       {Data: []byte(linkFront + body)},
		"content/postmortems/2024/2024-03-15-hidden.md":  {Data: []byte(linkFront + "x\n")},
		"content/postmortems/2024/2024-03-16-kept.md":    {Data: []byte(linkFront + "x\n")},
		"content/postmortems/2024/2024-03-18-renamed.md": {Data: []byte(strings.Replace(linkFront, "title: T", "id: INC-9\ntitle: T", 1) + "x\n")},
		"content/postmortems/2024/2024-03-19-決済.md":      {Data: []byte(linkFront + "x\n")},
	}
	cfg := model.DefaultSiteConfig()
	files, diags := source.LoadFiles(fsys, &cfg)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics:\n%s", diags)
	}
	if files[0].Path != "content/postmortems/2024/2024-03-14-a.md" || files[0].PM == nil {
		t.Fatalf("files[0] is %s", files[0].Path)
	}
	return files
}
