package generator_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// sampleToday is the date the sample site is built for in every test.
var sampleToday = model.Date{Year: 2026, Month: 11, Day: 27}

// sampleRoot is the sample site root (pmkb.toml and content/) seen from
// the package folder.
const sampleRoot = ".."

// buildSample builds the sample site in memory with opts (Source and Today
// filled in when unset) and fails the test on any error.
func buildSample(t testing.TB, opts generator.Options) *generator.Site {
	t.Helper()
	if opts.Source == nil {
		opts.Source = os.DirFS(sampleRoot)
	}
	if opts.Today.IsZero() {
		opts.Today = sampleToday
	}
	site, err := generator.Build(context.Background(), opts)
	if err != nil {
		if site != nil && site.Diagnostics != nil {
			t.Fatalf("build: %v\n%s", err, site.Diagnostics)
		}
		t.Fatalf("build: %v", err)
	}
	if len(site.Files) == 0 {
		t.Fatal("build returned no files")
	}
	return site
}

// filesByPath maps each built file's path to its bytes.
func filesByPath(site *generator.Site) map[string][]byte {
	m := make(map[string][]byte, len(site.Files))
	for _, f := range site.Files {
		m[f.Path] = f.Data
	}
	return m
}

// writeSite writes the built files under a new temporary folder and returns
// it.
func writeSite(t testing.TB, site *generator.Site) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range site.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// expectedPaths lists the files every build of kb must contain: one page
// of each page type, one per postmortem, term, owner and year, and the
// feeds and exports.
func expectedPaths(kb *model.KnowledgeBase) []string {
	want := []string{
		"index.html",
		"404.html",
		"postmortems/index.html",
		"systems/index.html",
		"causes/index.html",
		"teams/index.html",
		"severity/index.html",
		"years/index.html",
		"tags/index.html",
		"actions/index.html",
		"search/index.html",
		"search/meta.json",
		"stats/index.html",
		"feed.xml",
		"sitemap.xml",
		"actions.ics",
		"api/postmortems.json",
		"api/actions.json",
		"api/actions.csv",
	}
	for _, p := range kb.Postmortems {
		want = append(want,
			model.PostmortemPath(p.ID)+"index.html",
			model.SeverityPath(p.Severity)+"index.html",
			model.YearPath(p.Date.Year())+"index.html")
		for _, s := range p.Systems {
			want = append(want, model.SystemPath(s)+"index.html")
		}
		for _, c := range p.Causes {
			want = append(want, model.CausePath(c)+"index.html")
		}
		for _, tm := range p.Teams {
			want = append(want, model.TeamPath(tm)+"index.html")
		}
		for _, tag := range p.Tags {
			want = append(want, model.TagPath(tag)+"index.html")
		}
		for _, a := range p.ActionItems {
			if a.Owner != "" {
				want = append(want, model.OwnerPath(a.Owner)+"index.html")
			}
		}
	}
	slices.Sort(want)
	return slices.Compact(want)
}

// TestSampleSiteHasEveryPage checks that the sample site has a page of
// every type and one per postmortem, term, owner and year.
func TestSampleSiteHasEveryPage(t *testing.T) {
	site := buildSample(t, generator.Options{})
	files := filesByPath(site)
	if n := len(site.KB.Postmortems); n < 10 {
		t.Fatalf("sample site has %d postmortems; the sample content should load them all", n)
	}
	for _, p := range expectedPaths(site.KB) {
		if _, ok := files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	for _, f := range site.Files {
		if len(f.Data) == 0 {
			t.Errorf("%s is empty", f.Path)
		}
	}
}

// TestSampleSiteLinks checks every internal link and resource of every
// HTML page and stylesheet resolves to a file of the build (and every
// fragment to an id of its page), and that nothing loads from another host,
// both for the sample's own base URL and for a site under a sub-path.
func TestSampleSiteLinks(t *testing.T) {
	for _, base := range []string{"", "https://intranet.example/pm/"} {
		t.Run("base="+base, func(t *testing.T) {
			site := buildSample(t, generator.Options{BaseURL: base})
			problems := checkLinks(site, site.KB.Config.BaseURL)
			for _, p := range problems {
				t.Error(p)
			}
		})
	}
}

// ref is one URL found in a page.
type ref struct {
	page     string // file it is in
	tag      string // element or "css"
	attr     string
	value    string
	resource bool // loaded automatically by the browser
}

// pageDoc is what the link check needs of one HTML file.
type pageDoc struct {
	ids  map[string]bool
	refs []ref
}

// resourceAttrs are the element attributes whose URL the browser fetches
// without a click.
var resourceAttrs = map[string][]string{
	"script": {"src"}, "img": {"src", "srcset"}, "iframe": {"src"}, "source": {"src", "srcset"},
	"video": {"src", "poster"}, "audio": {"src"}, "track": {"src"}, "embed": {"src"},
	"object": {"data"}, "input": {"src"}, "link": {"href", "imagesrcset"},
}

// navAttrs are the attributes whose URL is followed on user action.
var navAttrs = map[string][]string{"a": {"href"}, "area": {"href"}, "form": {"action"}, "button": {"formaction"}}

// parsePage collects the ids and URLs of an HTML file.
func parsePage(name string, data []byte) (*pageDoc, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	pd := &pageDoc{ids: map[string]bool{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attrs := map[string]string{}
		for _, a := range n.Attr {
			if a.Namespace == "" {
				attrs[a.Key] = a.Val
			}
		}
		if id, ok := attrs["id"]; ok {
			pd.ids[id] = true
		}
		if n.Data == "a" && attrs["name"] != "" {
			pd.ids[attrs["name"]] = true
		}
		for _, kind := range []struct {
			m        map[string][]string
			resource bool
		}{{resourceAttrs, true}, {navAttrs, false}} {
			for _, attr := range kind.m[n.Data] {
				v, ok := attrs[attr]
				if !ok {
					continue
				}
				if strings.HasSuffix(attr, "srcset") {
					for _, cand := range strings.Split(v, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							pd.refs = append(pd.refs, ref{name, n.Data, attr, f[0], kind.resource})
						}
					}
					continue
				}
				pd.refs = append(pd.refs, ref{name, n.Data, attr, v, kind.resource})
			}
		}
		if n.Data == "meta" && attrs["name"] == "pmkb-root" {
			pd.refs = append(pd.refs, ref{name, "meta", "content", attrs["content"], false})
		}
		if style, ok := attrs["style"]; ok {
			for _, u := range cssURLs(style) {
				pd.refs = append(pd.refs, ref{name, n.Data, "style", u, true})
			}
		}
		if n.Data == "style" && n.FirstChild != nil {
			for _, u := range cssURLs(n.FirstChild.Data) {
				pd.refs = append(pd.refs, ref{name, "style", "", u, true})
			}
		}
	}
	return pd, nil
}

var cssURLRe = regexp.MustCompile(`url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]`)

// cssURLs returns the URLs of url(…) and @import in CSS text.
func cssURLs(css string) []string {
	var out []string
	for _, m := range cssURLRe.FindAllStringSubmatch(css, -1) {
		out = append(out, m[1]+m[2])
	}
	return out
}

// checkLinks returns one line per broken internal link, missing fragment or
// resource on another host in the site's HTML and CSS files. baseURL is the
// site's configured base URL ("/" or "https://host/path/").
func checkLinks(site *generator.Site, baseURL string) []string {
	files := filesByPath(site)
	base, err := url.Parse(baseURL)
	if err != nil {
		return []string{fmt.Sprintf("base URL %q: %v", baseURL, err)}
	}
	byMsg := map[string][]string{}
	add := func(where, msg string) { byMsg[msg] = append(byMsg[msg], where) }
	basePath := base.Path
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	pages := map[string]*pageDoc{}
	var refs []ref
	for _, f := range site.Files {
		switch path.Ext(f.Path) {
		case ".html":
			pd, err := parsePage(f.Path, f.Data)
			if err != nil {
				add(f.Path, fmt.Sprintf("parse: %v", err))
				continue
			}
			pages[f.Path] = pd
			refs = append(refs, pd.refs...)
		case ".css":
			for _, u := range cssURLs(string(f.Data)) {
				refs = append(refs, ref{f.Path, "css", "url", u, true})
			}
		}
	}
	for _, r := range refs {
		where := fmt.Sprintf("%s: <%s %s=%q>", r.page, r.tag, r.attr, r.value)
		v := strings.TrimSpace(r.value)
		if v != r.value {
			add(where, "URL has surrounding spaces")
		}
		u, err := url.Parse(v)
		if err != nil {
			add(where, err.Error())
			continue
		}
		var target string // site path the link names, before index.html
		switch {
		case u.Scheme == "data" && r.resource:
			continue
		case u.Scheme == "javascript":
			add(where, "javascript: URL")
			continue
		case u.Scheme != "" || u.Host != "":
			if u.Host == "" || base.Host == "" || u.Host != base.Host || !strings.HasPrefix(u.Path, basePath) {
				if r.resource || r.tag == "link" || r.tag == "form" {
					add(where, "loads from outside the site (intranet pages must not request another host)")
				}
				continue
			}
			target = strings.TrimPrefix(u.Path, basePath)
		case strings.HasPrefix(u.Path, "/"):
			if !strings.HasPrefix(u.Path, basePath) {
				add(where, fmt.Sprintf("root-relative path outside the base path %q", basePath))
				continue
			}
			target = strings.TrimPrefix(u.Path, basePath)
		case u.Path == "":
			target = r.page
		default:
			target = path.Join(path.Dir(r.page), u.Path)
			if strings.HasPrefix(target, "../") || target == ".." {
				add(where, "climbs above the site root")
				continue
			}
			if target == "." {
				target = ""
			} else if strings.HasSuffix(u.Path, "/") || strings.HasSuffix(u.Path, "/.") || u.Path == "." {
				target += "/"
			}
		}
		if target == "" || strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		if _, ok := files[target]; !ok {
			add(where, target+" is not a file of the site")
			continue
		}
		if r.tag == "meta" && target != "index.html" {
			add(where, "site root resolves to "+target+", want index.html")
		}
		if u.Fragment != "" {
			pd, ok := pages[target]
			switch {
			case !ok:
				add(where, "fragment on "+target+", which is not an HTML page")
			case !pd.ids[u.Fragment]:
				add(where, fmt.Sprintf("%s has no id %q", target, u.Fragment))
			}
		}
	}
	return summarize(byMsg)
}

// summarize turns problems grouped by message into one line per message,
// with the number of places and the first few of them, sorted.
func summarize(byMsg map[string][]string) []string {
	var out []string
	for msg, places := range byMsg {
		seen := map[string]bool{}
		places = slices.DeleteFunc(slices.Clone(places), func(p string) bool {
			dup := seen[p]
			seen[p] = true
			return dup
		})
		const show = 4
		line := fmt.Sprintf("%s (%d places): %s", msg, len(places), strings.Join(places[:min(show, len(places))], "; "))
		if len(places) > show {
			line += "; …"
		}
		out = append(out, line)
	}
	slices.Sort(out)
	return out
}

// TestSampleSiteDeterministic checks that two builds give the same files,
// byte for byte.
func TestSampleSiteDeterministic(t *testing.T) {
	a := buildSample(t, generator.Options{})
	b := buildSample(t, generator.Options{})
	if len(a.Files) != len(b.Files) {
		t.Fatalf("first build has %d files, second %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		fa, fb := a.Files[i], b.Files[i]
		if fa.Path != fb.Path {
			t.Fatalf("file %d: %s in the first build, %s in the second", i, fa.Path, fb.Path)
		}
		if !bytes.Equal(fa.Data, fb.Data) {
			t.Errorf("%s differs between two builds", fa.Path)
		}
	}
	if !slices.IsSortedFunc(a.Files, func(x, y generator.File) int { return strings.Compare(x.Path, y.Path) }) {
		t.Error("files are not sorted by path")
	}
}

// overlay returns a copy of the sample site root in memory with extra files
// added.
func overlay(t testing.TB, extra map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS(sampleRoot)
	for _, name := range []string{"pmkb.toml", "content"} {
		err := fs.WalkDir(root, name, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for p, s := range extra {
		m[p] = &fstest.MapFile{Data: []byte(s), Mode: 0o644}
	}
	return m
}

// brokenPath is a postmortem with errors on known lines.
const brokenPath = "content/postmortems/2026/2026-11-01-broken.md"

// brokenPostmortem has an impossible date on line 3 and an unknown severity
// on line 4.
const brokenPostmortem = `---
title: Broken on purpose
date: 2026-13-45
severity: SEV9
systems: [checkout-api]
causes: [bad-deploy]
---

# Summary

Nothing.
`

// TestBrokenContentFailsBuild checks that one bad postmortem fails the
// whole build with ErrContent, positioned diagnostics and no files.
func TestBrokenContentFailsBuild(t *testing.T) {
	src := overlay(t, map[string]string{brokenPath: brokenPostmortem})
	site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday})
	if !errors.Is(err, generator.ErrContent) {
		t.Fatalf("Build error = %v, want ErrContent", err)
	}
	if site != nil && len(site.Files) != 0 {
		t.Errorf("failed build returned %d files, want none", len(site.Files))
	}
	if site == nil || site.Diagnostics == nil || !site.Diagnostics.HasErrors() {
		t.Fatal("failed build has no error diagnostics")
	}
	shape := regexp.MustCompile(`^[^\s:]+:[1-9][0-9]*: \S`)
	lines := map[int]bool{}
	for _, d := range site.Diagnostics.Items() {
		s := d.String()
		if d.Pos.Path != brokenPath {
			t.Errorf("diagnostic about a good file: %s", s)
			continue
		}
		if !shape.MatchString(s) {
			t.Errorf("diagnostic %q is not path:line: message", s)
		}
		lines[d.Pos.Line] = true
	}
	for _, line := range []int{3, 4} {
		if !lines[line] {
			t.Errorf("no diagnostic at %s:%d; got:\n%s", brokenPath, line, site.Diagnostics)
		}
	}
}

// draftPath is a half-written draft, as `pmkb new` leaves one: empty
// systems (line 5), causes (line 6) and owner (line 9).
const draftPath = "content/postmortems/2026/2026-11-02-half-written.md"

const draftPostmortem = `---
title: Checkout API returned 503
date: 2026-11-02
severity: SEV2
systems: []
causes: []
status: draft
action_items:
  - title: Find the cause
    owner: ""
---

# Summary
`

// TestDraftErrorsDoNotFailBuild checks that a draft's problems never fail
// a build: without drafts every draft is left out, and with drafts (a
// deploy preview) a draft with problems is left out while the rest of the
// site, the sample's good draft included, is built. Either way its
// problems are warnings that say so; a draft's neighbour with an error
// still fails the build, and so does a secret in a draft.
func TestDraftErrorsDoNotFailBuild(t *testing.T) {
	src := overlay(t, map[string]string{draftPath: draftPostmortem})
	const goodDraft = "postmortems/2026-10-14-search-relevance-latency-regression/index.html"
	for _, tc := range []struct {
		drafts    bool
		prefix    string
		goodDraft bool
	}{
		{false, "in a draft, left out of the build: ", false},
		{true, "in a draft, left out until fixed: ", true},
	} {
		site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday, Drafts: tc.drafts})
		if err != nil {
			t.Fatalf("drafts=%v: %v\n%s", tc.drafts, err, site.Diagnostics)
		}
		lines := map[int]bool{}
		for _, d := range site.Diagnostics.Items() {
			if d.Pos.Path != draftPath {
				continue
			}
			if d.Severity != diag.Warning || !strings.HasPrefix(d.Message, tc.prefix) {
				t.Errorf("drafts=%v: draft problem not a warning starting %q: %s", tc.drafts, tc.prefix, d)
			}
			lines[d.Pos.Line] = true
		}
		for _, line := range []int{5, 6, 10} {
			if !lines[line] {
				t.Errorf("drafts=%v: no warning at %s:%d; got:\n%s", tc.drafts, draftPath, line, site.Diagnostics)
			}
		}
		good := false
		for _, f := range site.Files {
			if strings.Contains(f.Path, "half-written") {
				t.Errorf("drafts=%v: the broken draft was published as %s", tc.drafts, f.Path)
			}
			good = good || f.Path == goodDraft
		}
		if good != tc.goodDraft {
			t.Errorf("drafts=%v: the sample's good draft built: %v, want %v", tc.drafts, good, tc.goodDraft)
		}
		if tc.drafts && site.Skipped != 1 {
			t.Errorf("drafts=%v: %d left out, want 1 (the broken draft)", tc.drafts, site.Skipped)
		}
	}

	src = overlay(t, map[string]string{draftPath: draftPostmortem, brokenPath: brokenPostmortem})
	if _, err := generator.Build(context.Background(), generator.Options{Source: src, Today: sampleToday}); !errors.Is(err, generator.ErrContent) {
		t.Errorf("a broken published postmortem beside a draft: error %v, want ErrContent", err)
	}

	// A secret stays an error in a draft: it reaches the repository anyway.
	leaky := strings.Replace(draftPostmortem, "# Summary\n", "# Summary\n\n    export GITHUB_TOKEN=ghp_"+strings.Repeat("aB3dE5fG7h", 3)+"J1kL2m\n", 1)
	for _, drafts := range []bool{false, true} {
		site, err := generator.Build(context.Background(), generator.Options{Source: overlay(t, map[string]string{draftPath: leaky}), Today: sampleToday, Drafts: drafts})
		if !errors.Is(err, generator.ErrContent) {
			t.Fatalf("drafts=%v: a secret in a draft: error %v, want ErrContent", drafts, err)
		}
		secret := false
		for _, d := range site.Diagnostics.Items() {
			if d.Pos.Path == draftPath && d.Severity == diag.Error {
				secret = secret || strings.HasPrefix(d.Rule, "secret/")
				if !strings.HasPrefix(d.Rule, "secret/") {
					t.Errorf("drafts=%v: only the secret should stay an error: %s", drafts, d)
				}
			}
		}
		if !secret {
			t.Errorf("drafts=%v: no secret error in the draft:\n%s", drafts, site.Diagnostics)
		}
	}
}

// TestCheckLinksFindsDefects proves the link check can fail: each page
// below has one defect of a different kind.
func TestCheckLinksFindsDefects(t *testing.T) {
	page := func(body string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>t</title></head><body id="top">` + body + `</body></html>`)
	}
	tests := []struct {
		name, base, body, want string
	}{
		{"good", "/", `<a href="../index.html#top">x</a><a href="../">x</a><a href="./#top">x</a><a href="https://tracker.example/1">x</a><img src="data:image/png;base64,AA==" alt="">`, ""},
		{"missing page", "/", `<a href="../nope/">x</a>`, "nope/index.html is not a file of the site"},
		{"folder without slash", "/", `<a href="../a">x</a>`, "a is not a file of the site"},
		{"missing fragment", "/", `<a href="../index.html#gone">x</a>`, `index.html has no id "gone"`},
		{"own fragment", "/", `<a href="#gone">x</a>`, `a/index.html has no id "gone"`},
		{"external script", "/", `<script src="https://cdn.example/x.js"></script>`, "loads from outside the site"},
		{"external stylesheet", "/", `<link rel="stylesheet" href="//cdn.example/x.css">`, "loads from outside the site"},
		{"external image", "/", `<img src="http://img.example/x.png" alt="">`, "loads from outside the site"},
		{"above root", "/", `<a href="../../x/">x</a>`, "climbs above the site root"},
		{"root-relative outside base", "https://intranet.example/pm/", `<a href="/other/">x</a>`, "outside the base path"},
		{"absolute under base", "https://intranet.example/pm/", `<a href="https://intranet.example/pm/a/#top">x</a><link rel="stylesheet" href="https://intranet.example/pm/s.css">`, ""},
		{"absolute under base, missing", "https://intranet.example/pm/", `<a href="https://intranet.example/pm/b/">x</a>`, "b/index.html is not a file of the site"},
		{"javascript", "/", `<a href="javascript:alert(1)">x</a>`, "javascript: URL"},
		{"css url", "/", `<div style="background:url(../missing.png)"></div>`, "missing.png is not a file of the site"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site := &generator.Site{Files: []generator.File{
				{Path: "a/index.html", Data: page(tc.body)},
				{Path: "index.html", Data: page("")},
				{Path: "s.css", Data: []byte("body{}")},
			}}
			got := checkLinks(site, tc.base)
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("problems in a good page: %q", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0], tc.want) {
				t.Errorf("problems = %q, want one containing %q", got, tc.want)
			}
		})
	}
}

// TestLanguageOfParts checks that wherever a page shows the title or
// summary of a postmortem written in another language than the site's, the
// text sits in an element whose lang says so (WCAG 3.1.2), so screen
// readers pronounce it in the right language. The document <title> is
// exempt: it can only carry the page's own language.
func TestLanguageOfParts(t *testing.T) {
	site := buildSample(t, generator.Options{})
	siteLang := site.KB.Config.Language
	type part struct{ text, lang, id string }
	var parts []part
	for _, p := range site.KB.Postmortems {
		if p.Lang == "" || p.Lang == siteLang {
			continue
		}
		for _, s := range []string{p.Title, p.Summary} {
			if s = strings.TrimSpace(s); len([]rune(s)) >= 8 {
				parts = append(parts, part{s, p.Lang, p.ID})
			}
		}
	}
	if len(parts) == 0 {
		t.Fatalf("sample has no postmortem in a language other than %q", siteLang)
	}
	bad := map[string][]string{}
	for _, f := range site.Files {
		if path.Ext(f.Path) != ".html" {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.TextNode || n.Parent == nil || n.Parent.Data == "title" || n.Parent.Data == "script" || n.Parent.Data == "style" {
				continue
			}
			text := strings.Join(strings.Fields(n.Data), " ")
			for _, pt := range parts {
				if !strings.Contains(text, strings.Join(strings.Fields(pt.text), " ")) {
					continue
				}
				if got := langOf(n); got != pt.lang && !strings.HasPrefix(got, pt.lang+"-") {
					key := fmt.Sprintf("<%s> in lang %q shows the %s title or summary of a postmortem", n.Parent.Data, got, pt.lang)
					bad[key] = append(bad[key], f.Path+" ("+pt.id+")")
				}
			}
		}
	}
	for _, line := range summarize(bad) {
		t.Error(line)
	}
}

// langOf returns the lang attribute of the nearest element around n that
// has one.
func langOf(n *html.Node) string {
	for e := n.Parent; e != nil; e = e.Parent {
		for _, a := range e.Attr {
			if a.Namespace == "" && a.Key == "lang" {
				return a.Val
			}
		}
	}
	return ""
}
