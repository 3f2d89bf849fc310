package source_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

const linkFront = `---
title: T
date: 2024-03-14
severity: SEV2
systems: [web]
causes: [dns]
action_items:
  - title: t
    owner: o
---
`

// TestBodyLinks loads a site whose body links to other postmortems'
// .md files, to images and attachments beside them, and to files that are
// not there, and checks the rewritten hrefs, the published attachments and
// the warnings (QA5 #2, #3).
func TestBodyLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"content/postmortems/2024/2024-03-14-checkout-tls.md": {Data: []byte(linkFront + "## Summary\n\ntarget\n")},
		"content/postmortems/2024/old-name.md":                {Data: []byte(strings.Replace(linkFront, "title: T", "id: INC-7\ntitle: T", 1) + "renamed\n")},
		"content/postmortems/README.md":                       {Data: []byte("# not a postmortem\n")},
		"content/postmortems/2024/images/diagram.png":         {Data: []byte("PNG")},
		"content/postmortems/2024/images/big.png":             {Data: make([]byte, source.MaxAttachmentBytes+1)},
		"content/postmortems/2024/images/logo.svg":            {Data: []byte("<svg/>")},
		"content/postmortems/2024/logs/my app.log":            {Data: []byte("log")},
		"content/postmortems/2025/2025-04-01-links.md": {Data: []byte(linkFront + strings.Join([]string{
			// Paragraphs, one a line from line 11.
			"[earlier](../2024/2024-03-14-checkout-tls.md)",                  // 11
			"[anchor](../2024/2024-03-14-checkout-tls.md#summary)",           // 13
			"[renamed](../2024/old-name.md)",                                 // 15
			"[missing](../2024/2024-03-14-checkout-tsl.md)",                  // 17
			"[site path](/postmortems/2024-03-14-checkout-tls/)",             // 19
			"![arch](../2024/images/diagram.png \"A\")",                      // 21
			"![big](../2024/images/big.png)",                                 // 23
			"![logo](../2024/images/logo.svg)",                               // 25
			"[log](../2024/logs/my%20app.log)",                               // 27
			"![gone](../2024/images/diagrm.png)",                             // 29
			"[web](https://example.com/a.md) [mail](mailto:a@b.c) [top](#x)", // 31
			"[script](../2024/run.sh) [readme](../README.md)",                // 33
			"![root](/content/postmortems/2024/images/diagram.png)",          // 35
			"[out](../../../docs/runbook.md)",                                // 37
			"[far](../2024/2024-01-01-nope.md)",                              // 39
			"[by id](2024-03-14-checkout-tls) [not an id](runbook)",          // 41
		}, "\n\n") + "\n")},
	}
	cfg := model.DefaultSiteConfig()
	pms, diags := source.Load(fsys, &cfg)
	diags.Sort()
	var links *model.Postmortem
	for _, p := range pms {
		if p.ID == "2025-04-01-links" {
			links = p
		}
	}
	if links == nil {
		t.Fatalf("links postmortem not loaded:\n%s", diags)
	}
	for _, want := range []string{
		`<a href="../2024-03-14-checkout-tls/index.html">earlier</a>`,
		`<a href="../2024-03-14-checkout-tls/index.html#summary">anchor</a>`,
		`<a href="../INC-7/index.html">renamed</a>`,
		`<a href="../2024-03-14-checkout-tsl/index.html">missing</a>`,
		`<a href="/postmortems/2024-03-14-checkout-tls/">site path</a>`,
		`<img src="../_files/2024/images/diagram.png" alt="arch" title="A">`,
		`<img src="../2024/images/logo.svg" alt="logo">`,
		`<a href="../_files/2024/logs/my%20app.log">log</a>`,
		`<a href="https://example.com/a.md">web</a>`,
		`<a href="mailto:a@b.c">mail</a>`,
		`<a href="#x">top</a>`,
		`<a href="../2024/run.sh">script</a>`,
		`<img src="/content/postmortems/2024/images/diagram.png" alt="root">`,
		`<a href="../../../docs/runbook.md">out</a>`,
	} {
		if !strings.Contains(links.HTML, want) {
			t.Errorf("HTML lacks %s\n%s", want, links.HTML)
		}
	}
	wantAtt := "[content/postmortems/2024/images/diagram.png content/postmortems/2024/logs/my app.log]"
	if got := strings.Join(strings.Fields("["+strings.Join(links.Attachments, " ")+"]"), " "); got != wantAtt {
		t.Errorf("attachments %s, want %s", got, wantAtt)
	}
	const f = "content/postmortems/2025/2025-04-01-links.md:"
	for _, want := range []string{
		f + `17: warning: link "../2024/2024-03-14-checkout-tsl.md" names content/postmortems/2024/2024-03-14-checkout-tsl.md, which does not exist; did you mean "../2024/2024-03-14-checkout-tls.md"?`,
		f + `19: warning: link "/postmortems/2024-03-14-checkout-tls/" starts at the site root and breaks when the site is served under a sub-path`,
		f + `23: warning: "../2024/images/big.png" is larger than 10.0 MiB, the limit for published files, so it is not published`,
		f + `25: warning: image "../2024/images/logo.svg" is an SVG file, which is not published`,
		f + `29: warning: "../2024/images/diagrm.png" names content/postmortems/2024/images/diagrm.png, which does not exist; did you mean "../2024/images/diagram.png"?`,
		f + `31: warning: link "#x" names no heading of this postmortem; a heading's id is its text in lower case, '-' for each space, punctuation left out, as in the repository browser (## What went well is #what-went-well, ## タイムライン is #タイムライン)`,
		f + `33: warning: link "../2024/run.sh" names content/postmortems/2024/run.sh, which does not exist`,
		f + `33: warning: link "../README.md" names content/postmortems/README.md, which is not a postmortem`,
		f + `35: warning: image "/content/postmortems/2024/images/diagram.png" starts at the site root and breaks when the site is served under a sub-path (a baseURL like https://example.com/kb/); write it relative to this file: ../2024/images/diagram.png`,
		f + `37: warning: link "../../../docs/runbook.md" names a file outside content/postmortems/`,
		f + `41: warning: link "2024-03-14-checkout-tls" is read as a file beside this page, not as the postmortem with that id; link its file: ../2024/2024-03-14-checkout-tls.md`,
		f + "39: warning: link \"../2024/2024-01-01-nope.md\" names content/postmortems/2024/2024-01-01-nope.md, which does not exist\n",
	} {
		if !strings.Contains(diags.String(), want) {
			t.Errorf("diagnostics lack %s\n%s", want, diags)
		}
	}
	if n := strings.Count(diags.String(), f); n != 12 {
		t.Errorf("%d diagnostics for the links file, want 12:\n%s", n, diags)
	}
	var put []string
	err := source.PutAttachments(fsys, pms, nil, func(p string, data []byte) error {
		put = append(put, p+"="+string(data))
		return nil
	})
	if got, want := strings.Join(put, ","), "postmortems/_files/2024/images/diagram.png=PNG,postmortems/_files/2024/logs/my app.log=log"; err != nil || got != want {
		t.Errorf("PutAttachments put %s, %v; want %s", got, err, want)
	}
	// A file already read (TextAttachments' bytes) is published as read.
	put = nil
	read := map[string][]byte{"content/postmortems/2024/logs/my app.log": []byte("scanned")}
	err = source.PutAttachments(fsys, pms, read, func(p string, data []byte) error {
		put = append(put, p+"="+string(data))
		return nil
	})
	if got, want := strings.Join(put, ","), "postmortems/_files/2024/images/diagram.png=PNG,postmortems/_files/2024/logs/my app.log=scanned"; err != nil || got != want {
		t.Errorf("PutAttachments with read put %s, %v; want %s", got, err, want)
	}
}

// TestLinksToUnpublishedFiles: a relative link to a file of a type the
// site does not publish (.zip, .json, .markdown), to a folder, or to such a
// file outside content/postmortems/ is warned about at the link's line,
// saying it is not published and what is, or that it does not exist; its
// href is left as written (QA6 #5).
func TestLinksToUnpublishedFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"pmkb.toml":                                      {Data: []byte("")},
		"content/postmortems/2024/logs/dump.zip":         {Data: []byte("PK")},
		"content/postmortems/2024/logs/trace.json":       {Data: []byte("{}")},
		"content/postmortems/2024/2024-06-05-x.markdown": {Data: []byte("# x")},
		"content/postmortems/2024/2024-06-04-a.md": {Data: []byte(linkFront + strings.Join([]string{
			"[zip](../2024/logs/dump.zip) and [json](logs/trace.json)",                              // 11
			"[toml](../../../pmkb.toml) and [dir](logs/)",                                           // 13
			"[ext](2024-06-05-x.markdown) [gone](2024-06-06-y.markdown)",                            // 15
			"![bmp](logs/shot.bmp) [web](https://example.com/x.zip) [id](runbook)",                  // 17
			"[page](../2023-03-07-x/) [page](../2023-03-07-x/index.html#s) [p](../../systems/web/)", // 19: pages of the site
		}, "\n\n") + "\n")},
	}
	cfg := model.DefaultSiteConfig()
	pms, diags := source.Load(fsys, &cfg)
	diags.Sort()
	const f = "content/postmortems/2024/2024-06-04-a.md:"
	want := []string{
		f + `11: warning: link "../2024/logs/dump.zip" names content/postmortems/2024/logs/dump.zip, which is not published: beside the postmortems pmkb publishes only images (.png, .jpg, .gif, .webp, .avif) and .pdf, .txt, .log and .csv files; link it where it is stored`,
		f + `11: warning: link "logs/trace.json" names content/postmortems/2024/logs/trace.json, which is not published: beside`,
		f + `13: warning: link "../../../pmkb.toml" names pmkb.toml outside content/postmortems/, which is not published; link its web address instead`,
		f + `13: warning: link "logs/" names the folder content/postmortems/2024/logs, which is not published`,
		f + `15: warning: link "2024-06-05-x.markdown" names content/postmortems/2024/2024-06-05-x.markdown, which is not published: only .md files are postmortems; rename it to .md`,
		f + `15: warning: link "2024-06-06-y.markdown" names content/postmortems/2024/2024-06-06-y.markdown, which does not exist`,
		f + `17: warning: image "logs/shot.bmp" names content/postmortems/2024/logs/shot.bmp, which does not exist`,
		// A postmortem's page whose id no postmortem has (QA 16 B-F1).
		f + `19: warning: link "../2023-03-07-x/" names the page of no postmortem: no postmortem has id "2023-03-07-x"`,
		f + `19: warning: link "../2023-03-07-x/index.html#s" names the page of no postmortem`,
	}
	for _, w := range want {
		if !strings.Contains(diags.String(), w) {
			t.Errorf("diagnostics lack %s\n%s", w, diags)
		}
	}
	if n := strings.Count(diags.String(), f); n != len(want) {
		t.Errorf("%d diagnostics for the file, want %d:\n%s", n, len(want), diags)
	}
	if len(pms) != 1 || !strings.Contains(pms[0].HTML, `<a href="../2024/logs/dump.zip">zip</a>`) || len(pms[0].Attachments) != 0 {
		t.Errorf("links not left as written, or attachments %v", pms[0].Attachments)
	}
}

// TestUnlink checks that a body linking to a postmortem the build leaves
// out is rendered again with that link as its text (its emphasis and
// images kept), its other links untouched, and that bodies linking only to
// kept pages are not rendered again.
func TestUnlink(t *testing.T) {
	fsys := fstest.MapFS{
		"content/postmortems/a.md":  {Data: []byte(linkFront + "See [the *hidden* one ![i](x.png)](b.md#s) and [c](c.md).\n")},
		"content/postmortems/b.md":  {Data: []byte(strings.Replace(linkFront, "title: T", "id: INC-9\ntitle: T", 1) + "[a](a.md)\n")},
		"content/postmortems/c.md":  {Data: []byte(linkFront + "[a](a.md)\n")},
		"content/postmortems/x.png": {Data: []byte("PNG")},
	}
	cfg := model.DefaultSiteConfig()
	files, diags := source.LoadFiles(fsys, &cfg)
	if got := files[0].Links; strings.Join(got, " ") != "INC-9 c" {
		t.Fatalf("a.md links %q, want [INC-9 c]\n%s", got, diags)
	}
	if !strings.Contains(files[0].PM.HTML, `href="../INC-9/index.html#s"`) {
		t.Fatalf("a.md before Unlink: %s", files[0].PM.HTML)
	}
	cHTML := files[2].PM.HTML
	source.Unlink(&cfg, files, map[string]bool{"a": true, "c": true})
	a := files[0].PM.HTML
	for _, want := range []string{`See the <em>hidden</em> one <img src="../_files/x.png" alt="i"> and <a href="../c/index.html">c</a>.`} {
		if !strings.Contains(a, want) {
			t.Errorf("a.md after Unlink lacks %s:\n%s", want, a)
		}
	}
	if strings.Contains(a, "INC-9") {
		t.Errorf("a.md still names the left-out page:\n%s", a)
	}
	if files[2].PM.HTML != cHTML {
		t.Errorf("c.md rendered again:\n%s", files[2].PM.HTML)
	}
}

// TestUnlinkSitePages checks that a link to a left-out postmortem's page
// written as a page of the site ("../<id>/", "../<id>/index.html",
// "../../postmortems/<id>/") becomes its text as a .md link does, so a
// public build never names an internal id (QA 14 D-F1), while links to
// kept pages and to pages that are not postmortems stay links.
func TestUnlinkSitePages(t *testing.T) {
	for _, tc := range []struct {
		link string
		gone bool // the link names the left-out page and becomes text
	}{
		{"../2024-03-15-hidden/", true},
		{"../2024-03-15-hidden", true},
		{"../2024-03-15-hidden/index.html", true},
		{"../2024-03-15-hidden/index.html#h-timeline", true},
		{"../../postmortems/2024-03-15-hidden/", true},
		{"../../postmortems/2024-03-15-hidden/index.html", true},
		{"../INC-9/", true},
		{"../2024-03-16-kept/", false},
		{"../2024-03-16-kept/index.html", false},
		{"../2024-03-17-nothing/", false},
	} {
		t.Run(tc.link, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/postmortems/2024/2024-03-14-a.md":       {Data: []byte(linkFront + "See [that one](" + tc.link + ") now.\n")},
				"content/postmortems/2024/2024-03-15-hidden.md":  {Data: []byte(linkFront + "x\n")},
				"content/postmortems/2024/2024-03-16-kept.md":    {Data: []byte(linkFront + "x\n")},
				"content/postmortems/2024/2024-03-18-renamed.md": {Data: []byte(strings.Replace(linkFront, "title: T", "id: INC-9\ntitle: T", 1) + "x\n")},
			}
			cfg := model.DefaultSiteConfig()
			files, diags := source.LoadFiles(fsys, &cfg)
			// A page no postmortem has is warned about (QA 16 B-F1).
			if d := diags.String(); diags.Len() != 0 && (!strings.Contains(tc.link, "nothing") || diags.Len() != 1 || !strings.Contains(d, "names the page of no postmortem")) {
				t.Fatalf("diagnostics:\n%s", diags)
			}
			source.Unlink(&cfg, files, map[string]bool{"2024-03-14-a": true, "2024-03-16-kept": true})
			a := files[0].PM.HTML
			checkUnlinked(t, tc.link, tc.gone, a)
		})
	}
}

// TestUnlinkSitePagesShallow is TestUnlinkSitePages for a postmortem
// saved directly in content/postmortems/: "../<id>/" leaves that folder
// as a file path (and is warned about), but is a postmortem's page on
// the site, and a public build must not name a left-out one there either.
func TestUnlinkSitePagesShallow(t *testing.T) {
	for _, tc := range []struct {
		link string
		gone bool
	}{
		{"../2024-03-15-hidden/", true},
		{"../2024-03-15-hidden/index.html", true},
		{"../2024-03-16-kept/", false},
		{"../2024-03-17-nothing/", false},
	} {
		t.Run(tc.link, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/postmortems/2024-03-14-a.md":           {Data: []byte(linkFront + "See [that one](" + tc.link + ") now.\n")},
				"content/postmortems/2024/2024-03-15-hidden.md": {Data: []byte(linkFront + "x\n")},
				"content/postmortems/2024/2024-03-16-kept.md":   {Data: []byte(linkFront + "x\n")},
			}
			cfg := model.DefaultSiteConfig()
			files, _ := source.LoadFiles(fsys, &cfg)
			var a string
			for _, f := range files {
				if f.Path == "content/postmortems/2024-03-14-a.md" && f.PM != nil {
					source.Unlink(&cfg, files, map[string]bool{"2024-03-14-a": true, "2024-03-16-kept": true})
					a = f.PM.HTML
				}
			}
			if a == "" {
				t.Fatal("the linking postmortem was not loaded")
			}
			checkUnlinked(t, tc.link, tc.gone, a)
		})
	}
}

// checkUnlinked checks the body html of a postmortem that links link: as
// plain text when gone, else as written.
func checkUnlinked(t *testing.T, link string, gone bool, a string) {
	t.Helper()
	if gone {
		if !strings.Contains(a, "See that one now.") || strings.Contains(a, "hidden") || strings.Contains(a, "INC-9") {
			t.Errorf("the link to the left-out page is not plain text:\n%s", a)
		}
	} else if !strings.Contains(a, `<a href="`+link+`">that one</a>`) {
		t.Errorf("the link was changed:\n%s", a)
	}
}

// TestImageAltText checks that an image without alt text gets a
// markdown/image-alt warning at its line, and one with alt text none
// (qa6 #16: images became common once they were published).
func TestImageAltText(t *testing.T) {
	fsys := fstest.MapFS{
		"content/postmortems/2024/images/diagram.png": {Data: []byte("PNG")},
		"content/postmortems/2024/2024-03-14-a.md": {Data: []byte(linkFront + strings.Join([]string{
			"![](images/diagram.png)",                 // 11
			"![latency graph](images/diagram.png)",    // 13
			"![  ](https://example.com/x.png)",        // 15
			"![*emphasised* alt](images/diagram.png)", // 17
		}, "\n\n") + "\n")},
	}
	got := findings(fsys, source.RuleImageAlt)
	want := []string{
		`content/postmortems/2024/2024-03-14-a.md:11: warning: image "images/diagram.png" has no alt text; say what it shows between the brackets, e.g. ![latency graph of the outage](images/diagram.png): screen readers read it, and it stands in when the image does not load`,
		`content/postmortems/2024/2024-03-14-a.md:15: warning: image "https://example.com/x.png" has no alt text; say what it shows between the brackets, e.g. ![latency graph of the outage](https://example.com/x.png): screen readers read it, and it stands in when the image does not load`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFileURLs checks that a file:// image or link, which the page cannot
// show (qa6 #16: desktop editors paste them), is warned at its line.
func TestFileURLs(t *testing.T) {
	fsys := fstest.MapFS{
		"content/postmortems/2024/2024-03-14-a.md": {Data: []byte(linkFront + strings.Join([]string{
			"![shot](file:///C:/Users/ann/shot.png)", // 11
			"[notes](FILE:///home/ann/notes.txt)",    // 13
			"[web](https://example.com/file:x)",      // 15
		}, "\n\n") + "\n")},
	}
	got := findings(fsys, source.RuleBodyLinks)
	want := []string{
		`content/postmortems/2024/2024-03-14-a.md:11: warning: image "file:///C:/Users/ann/shot.png" is a file:// address, which only works on your computer and is left out of the page; put the file next to the postmortem and link it by its relative path, e.g. (shot.png)`,
		`content/postmortems/2024/2024-03-14-a.md:13: warning: link "FILE:///home/ann/notes.txt" is a file:// address, which only works on your computer and is left out of the page; put the file next to the postmortem and link it by its relative path, e.g. (notes.txt)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRemoteImages: an image on another host would make every reader's
// browser fetch it (the site promises no request to another host, and the
// Content-Security-Policy of netlify.toml blocks it), so it is warned at
// its line and published as a link to it; a link to another host stays a
// link (QA round 13, F5).
func TestRemoteImages(t *testing.T) {
	fsys := fstest.MapFS{
		"content/postmortems/2024/2024-03-14-a.md": {Data: []byte(linkFront + strings.Join([]string{
			"![Error rate graph](https://grafana.example.com/render/d/abc.png)",    // 11
			"![](//cdn.example.com/x/)",                                            // 13
			"[![build](HTTP://ci.example.com/badge.svg)](https://ci.example.com/)", // 15
			"[dashboard](https://grafana.example.com/d/abc)",                       // 17
			"![local](shot.png) ![inline](data:image/png;base64,iVBORw0KGgo=)",     // 19
			"[*![deep](https://h.example.com/a.png)*](https://ci.example.com/)",    // 21
			"![see [doc](other.md) & more](https://h.example.com/b.png)",           // 23
		}, "\n\n") + "\n")},
		"content/postmortems/2024/shot.png": {Data: []byte("\x89PNG\r\n\x1a\n")},
	}
	got := findings(fsys, source.RuleBodyLinks)
	const advice = `, which every reader's browser would have to fetch (the site fetches nothing from other hosts, and its Content-Security-Policy blocks it), so it is published as a link to the image; save the image next to the postmortem and link it by its relative path, e.g. `
	want := []string{
		`content/postmortems/2024/2024-03-14-a.md:11: warning: image "https://grafana.example.com/render/d/abc.png" is on another host` + advice + `![Error rate graph](abc.png)`,
		`content/postmortems/2024/2024-03-14-a.md:13: warning: image "//cdn.example.com/x/" is on another host` + advice + `![…](x)`,
		`content/postmortems/2024/2024-03-14-a.md:15: warning: image "HTTP://ci.example.com/badge.svg" is on another host` + advice + `![build](badge.svg)`,
		`content/postmortems/2024/2024-03-14-a.md:21: warning: image "https://h.example.com/a.png" is on another host` + advice + `![deep](a.png)`,
		`content/postmortems/2024/2024-03-14-a.md:23: warning: image "https://h.example.com/b.png" is on another host` + advice + `![see doc & more](b.png)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cfg := model.DefaultSiteConfig()
	pms, _ := source.Load(fsys, &cfg)
	if len(pms) != 1 {
		t.Fatalf("loaded %d postmortems, want 1", len(pms))
	}
	html := pms[0].HTML
	for _, want := range []string{
		`<a href="https://grafana.example.com/render/d/abc.png">Error rate graph</a>`,
		`<a href="//cdn.example.com/x/">//cdn.example.com/x/</a>`,
		`<a href="https://ci.example.com/">build</a>`,
		`<a href="https://grafana.example.com/d/abc">dashboard</a>`,
		`<img src="../_files/2024/shot.png" alt="local">`,
		`<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">`,
		`<a href="https://ci.example.com/"><em>deep</em></a>`,
		`<a href="https://h.example.com/b.png">see doc &amp; more</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("body lacks %s:\n%s", want, html)
		}
	}
	if strings.Count(html, "<a ") != 6 || strings.Contains(html, "other.md") {
		t.Errorf("body has %d links, want 6, none inside another nor from alt text:\n%s", strings.Count(html, "<a "), html)
	}
	if strings.Count(html, "<img") != 2 {
		t.Errorf("body has %d images, want the 2 local ones:\n%s", strings.Count(html, "<img"), html)
	}
}

// findings loads the site in fsys and returns its problems of rule, sorted.
func findings(fsys fstest.MapFS, rule string) []string {
	cfg := model.DefaultSiteConfig()
	_, diags := source.Load(fsys, &cfg)
	diags.Sort()
	var got []string
	for _, d := range diags.Items() {
		if d.Rule == rule {
			got = append(got, d.String())
		}
	}
	return got
}

// linkWarningsByLine returns the body-link warnings about the file f of
// fsys by line, each message without its "[markdown/links]" tag; a
// diagnostic of another file fails the test.
func linkWarningsByLine(t *testing.T, fsys fstest.MapFS, f string) map[int]string {
	t.Helper()
	got := map[int]string{}
	for _, d := range findings(fsys, source.RuleBodyLinks) {
		var line int
		if _, err := fmt.Sscanf(d, f+":%d: warning: ", &line); err != nil {
			t.Errorf("unexpected diagnostic %s", d)
			continue
		}
		_, msg, _ := strings.Cut(d, ": warning: ")
		got[line] = strings.TrimSuffix(msg, " [markdown/links]")
	}
	return got
}

// TestPageAnchors: a #fragment naming an id the default theme's postmortem
// page gives its own elements (#h-actions, #main), or the row of one of the
// target's action items (#item-AI-2, model.ActionAnchor), is not warned
// about, in the body itself or through another postmortem's .md file; an
// action item the target does not have still is.
func TestPageAnchors(t *testing.T) {
	const front = "---\ntitle: T\ndate: 2026-10-20\nseverity: SEV2\nsystems: [web]\ncauses: [dns]\n" +
		"action_items:\n  - {id: AI-2, title: t, owner: o, due: 2026-11-01, status: open}\n  - {id: 対策, title: t, owner: o, due: 2026-11-01, status: open}\n---\n"
	fsys := fstest.MapFS{
		"content/postmortems/a.md": {Data: []byte(front +
			"[a](#h-actions) [b](#main) [c](#h-facts) [d](#h-timeline) [e](#h-body) [f](#item-AI-2) [g](#item-%E5%AF%BE%E7%AD%96) [h](#item-対策)\n\n" +
			"[x](#item-AI-9)\n")},
		"content/postmortems/b.md": {Data: []byte(front +
			"[a](a.md#h-actions) [b](a.md#item-AI-2) [c](a.md#h-related) [d](a.md#pm-actions)\n\n" +
			"[y](a.md#item-AI-3)\n")},
	}
	cfg := model.DefaultSiteConfig()
	_, diags := source.Load(fsys, &cfg)
	got := strings.Split(strings.TrimSpace(diags.String()), "\n")
	want := []string{
		`content/postmortems/a.md:13: warning: link "#item-AI-9" names no heading of this postmortem`,
		`content/postmortems/b.md:13: warning: link "a.md#item-AI-3" names no heading of content/postmortems/a.md`,
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics\n%s\nwant lines starting\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("diagnostic %d\n%s\nwant it to start\n%s", i, got[i], want[i])
		}
	}
}

// TestNearMissLinks: a relative link that names nothing but is one slip
// from a file of the site gets a "did you mean": a link without an
// extension to a file whose name is the link's and an extension pmkb
// reads (its .md, a .log beside it), and a link whose only difference
// from a postmortem's file is the case of its letters. A link without an
// extension that names nothing else may be a page of the site (../<id>/)
// and is left alone (QA 14 A-F10).
func TestNearMissLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"content/postmortems/2024/2024-03-14-checkout-tls.md": {Data: []byte(linkFront + "## Summary\n")},
		"content/postmortems/2024/logs/gateway.log":           {Data: []byte("log")},
		"content/postmortems/2024/logs/both.md":               {Data: []byte("# not a postmortem\n")},
		"content/postmortems/2024/logs/both.png":              {Data: []byte("PNG")},
		"content/postmortems/2024/logs/dump.zip":              {Data: []byte("PK")},
		"content/postmortems/2023-01-01-top.md":               {Data: []byte(linkFront)},
	}
	const f = "content/postmortems/2025/2025-04-01-links.md"
	cases := []struct{ link, want string }{
		{"[x](../2024/2024-03-14-checkout-tls)", `link "../2024/2024-03-14-checkout-tls" names content/postmortems/2024/2024-03-14-checkout-tls, which does not exist; did you mean "../2024/2024-03-14-checkout-tls.md"?`},
		{"[x](../2024/2024-03-14-checkout-tls#summary)", `link "../2024/2024-03-14-checkout-tls#summary" names content/postmortems/2024/2024-03-14-checkout-tls, which does not exist; did you mean "../2024/2024-03-14-checkout-tls.md#summary"?`},
		{"[x](../2024/2024-03-14-Checkout-TLS)", `link "../2024/2024-03-14-Checkout-TLS" names content/postmortems/2024/2024-03-14-Checkout-TLS, which does not exist; did you mean "../2024/2024-03-14-checkout-tls.md"?`},
		{"[x](../2024/logs/gateway)", `link "../2024/logs/gateway" names content/postmortems/2024/logs/gateway, which does not exist; did you mean "../2024/logs/gateway.log"?`},
		{"[x](../2024/logs/both)", `link "../2024/logs/both" names content/postmortems/2024/logs/both, which does not exist; did you mean "../2024/logs/both.md"?`},
		{"[x](../2024/2024-03-14-Checkout-TLS.md)", `link "../2024/2024-03-14-Checkout-TLS.md" names content/postmortems/2024/2024-03-14-Checkout-TLS.md, which does not exist; did you mean "../2024/2024-03-14-checkout-tls.md"?`},
		{"[x](../2024/2024-03-14-CHECKOUT-TLS.MD)", `link "../2024/2024-03-14-CHECKOUT-TLS.MD" names content/postmortems/2024/2024-03-14-CHECKOUT-TLS.MD, which does not exist; did you mean "../2024/2024-03-14-checkout-tls.md"?`},
		{"![shot](../2024/logs/Both)", `image "../2024/logs/Both" names content/postmortems/2024/logs/Both, which does not exist; did you mean "../2024/logs/both.png"?`},
		// Not a page of the site either: pages are postmortems/<id>/.
		{"[x](../2024/2024-03-14-checkout-tls/)", `link "../2024/2024-03-14-checkout-tls/" names content/postmortems/2024/2024-03-14-checkout-tls, which does not exist; did you mean "../2024/2024-03-14-checkout-tls.md"?`},
		// Pages of the site (a postmortem at the top of
		// content/postmortems/ is one folder up from this one's page as
		// from its file).
		{"[x](../2023-01-01-top)", ""},
		{"[x](../2023-01-01-top/)", ""},
		{"[x](../2024-03-14-checkout-tls/)", ""},
		// Names with nothing near them, which are no page of the site
		// either, from this postmortem's page postmortems/<id>/ (QA 17
		// A-F7).
		{"[x](../2024/logs/dump)", `link "../2024/logs/dump" leads to postmortems/2024/logs/dump/ on the site, and there is no page or file of the site there; link a page that exists (another postmortem by its .md file), or remove the link`},
		{"[x](./nothing/here)", `link "./nothing/here" leads to postmortems/2025-04-01-links/nothing/here/ on the site, and there is no page or file of the site there; link a page that exists (another postmortem by its .md file), or remove the link`},
		{"[x](../tags/dns)", `link "../tags/dns" leads to postmortems/tags/dns/ on the site, and there is no page or file of the site there; link a page that exists (another postmortem by its .md file), or remove the link`},
		{"[x](../../tags/dns)", `link "../../tags/dns" leads to tags/dns/ on the site, and there is no page or file of the site there; link a page that exists (another postmortem by its .md file), or remove the link`},
		{"[x](../../systems/web/)", ""},
	}
	var body []string
	for _, c := range cases {
		body = append(body, c.link)
	}
	fsys[f] = &fstest.MapFile{Data: []byte(linkFront + strings.Join(body, "\n\n") + "\n")}
	got := linkWarningsByLine(t, fsys, f)
	for i, c := range cases {
		if line := 11 + 2*i; got[line] != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.link, got[line], c.want)
		}
	}
}

// TestSymbolicLinks: pmkb does not follow symbolic links below
// content/postmortems/ to find postmortems, and an image or attachment
// reached through a linked folder is published only when the link leads
// to a folder inside content/postmortems/. Every other link is warned
// about at the link, saying which it is, and a body link that goes through
// one names it instead of saying the file does not exist (QA 14 A-F9). A
// MapFS does not follow an absolute link, as the os.Root a build reads
// content/postmortems/ through does not follow one that leads out of it.
func TestSymbolicLinks(t *testing.T) {
	link := func(to string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(to), Mode: fs.ModeSymlink} }
	const dir = "content/postmortems/2025/"
	fsys := fstest.MapFS{
		"content/postmortems/2024/2024-03-14-x.md": {Data: []byte(linkFront)},
		"content/postmortems/2024/img/b.gif":       {Data: []byte("GIF89a")},
		"content/postmortems/2022":                 link("2024"),
		"content/shared/img/c.gif":                 {Data: []byte("GIF89a")},
		dir + "shared":                             link("../../shared/img"),
		"content/postmortems/2023":                 link("/srv/archive/2023"),
		dir + "inside":                             link("../2024/img"),
		dir + "outside":                            link("/srv/shared/img"),
		dir + "alias.md":                           link("../2024/2024-03-14-x.md"),
		dir + "b.gif":                              link("../2024/img/b.gif"),
	}
	const folder = "skipped symbolic link to a folder outside content/postmortems/: pmkb does not follow it, so the postmortems, images and attachments in it are not read or published; move the folder here instead of linking it"
	const file = "skipped symbolic link: postmortems, images and attachments must be regular files inside content/postmortems/, not links; move the file here instead of linking it"
	const nowhere = "skipped symbolic link, which leads to no file or folder pmkb can read; move the file or folder here instead of linking it"
	cases := []struct{ link, want string }{
		{"![a](outside/a.gif)", `"outside/a.gif" names content/postmortems/2025/outside/a.gif, which is reached through the symbolic link content/postmortems/2025/outside: pmkb follows a link only to a folder inside content/postmortems/, so it is not published; move the folder here instead of linking it`},
		{"![b](inside/b.gif)", ""},
		{"[x](../2022/2024-03-14-x.md)", `link "../2022/2024-03-14-x.md" names content/postmortems/2022/2024-03-14-x.md, which is reached through the symbolic link content/postmortems/2022: pmkb does not read postmortems in a linked folder (it reads them where they are); did you mean "../2024/2024-03-14-x.md"?`},
		{"[z](../2023/2023-01-01-z.md)", `link "../2023/2023-01-01-z.md" names content/postmortems/2023/2023-01-01-z.md, which is reached through the symbolic link content/postmortems/2023: pmkb does not read postmortems in a linked folder, so it has no page on the site; move the folder here instead of linking it`},
		{"[y](alias.md)", `link "alias.md" names content/postmortems/2025/alias.md, a symbolic link: pmkb reads only regular files as postmortems, so it has no page on the site; move the file here instead of linking it`},
		{"![c](b.gif)", `"b.gif" names content/postmortems/2025/b.gif, which is not a regular file (a folder or a symbolic link), so it is not published`},
	}
	var body []string
	for _, c := range cases {
		body = append(body, c.link)
	}
	const f = dir + "2025-04-01-links.md"
	fsys[f] = &fstest.MapFile{Data: []byte(linkFront + strings.Join(body, "\n\n") + "\n")}
	got := linkWarningsByLine(t, fsys, f)
	var skipped []string
	for i, c := range cases {
		if line := 11 + 2*i; got[line] != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.link, got[line], c.want)
		}
	}
	skipped = findings(fsys, source.RuleNotRead)
	want := []string{
		"content/postmortems/2023: warning: " + nowhere,
		dir + "alias.md: warning: " + file,
		dir + "b.gif: warning: " + file,
		dir + "outside: warning: " + nowhere,
		dir + "shared: warning: " + folder,
	}
	if strings.Join(skipped, "\n") != strings.Join(want, "\n") {
		t.Errorf("files/not-read:\n%s\nwant\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
	cfg := model.DefaultSiteConfig()
	pms, _ := source.Load(fsys, &cfg)
	for _, p := range pms {
		if p.Path == f && strings.Join(p.Attachments, " ") != dir+"inside/b.gif" {
			t.Errorf("attachments %q, want the image through the link inside content/postmortems/", p.Attachments)
		}
	}
}
