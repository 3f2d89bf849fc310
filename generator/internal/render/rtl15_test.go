package render_test

import (
	"bytes"
	"context"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	xhtml "golang.org/x/net/html"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// rtlPostmortem is an Arabic postmortem whose title, summary, owner, team
// and tag mix Arabic with a Latin word: drawn left to right (the
// direction of the page), "انقطاع في DNS" puts DNS at the wrong end.
const rtlPostmortem = `---
title: "انقطاع في DNS"
summary: "ملخص DNS"
date: 2026-01-01
severity: SEV2
lang: ar
systems: [internal-dns, api-gateway]
teams: ["فريق DNS", platform]
causes: [dns]
authors: [farid]
tags: ["وسم DNS", dns]
action_items:
  - id: AI-1
    title: "إصلاح DNS"
    owner: "سارة DNS"
    due: 2026-02-01
    status: open
    kind: prevent
---
نص.
`

// rtlSite builds the sample site of the repository with rtlPostmortem
// added.
func rtlSite(t *testing.T) map[string][]byte {
	t.Helper()
	root := os.DirFS("../../..")
	src := fstest.MapFS{}
	add := func(p string) error {
		data, err := fs.ReadFile(root, p)
		src[p] = &fstest.MapFile{Data: data}
		return err
	}
	if err := add("pmkb.toml"); err != nil {
		t.Fatal(err)
	}
	err := fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return add(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	src["content/postmortems/2026/2026-01-01-rtl.md"] = &fstest.MapFile{Data: []byte(rtlPostmortem)}
	site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: model.Date{Year: 2026, Month: time.November, Day: 27}})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range site.Files {
		files[f.Path] = f.Data
	}
	return files
}

// TestRTLCellsDirection (review 15): a right-to-left string from a
// postmortem in a table cell is drawn in its own direction, as the lists
// of 423f7a7 draw it (<bdi>, or an element with dir): not only where it
// shares a line with other text. A title, owner, team or tag alone in a
// cell took the page's direction: the open items of a term page, the
// names of /teams/, /tags/ and /actions/owners/, and a row's summary.
func TestRTLCellsDirection(t *testing.T) {
	files := rtlSite(t)
	for _, page := range []string{
		"causes/dns/index.html", // open items (title, owner), incidents (summary)
		"teams/index.html", "tags/index.html", "actions/owners/index.html",
		"postmortems/index.html", "actions/index.html", "index.html",
	} {
		data, ok := files[page]
		if !ok {
			t.Fatalf("no page %s", page)
		}
		doc, err := xhtml.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		var walk func(n *xhtml.Node, cell *xhtml.Node)
		walk = func(n *xhtml.Node, cell *xhtml.Node) {
			if n.Type == xhtml.ElementNode && (n.Data == "th" || n.Data == "td") {
				cell = n
			}
			if cell != nil && n.Type == xhtml.TextNode && strings.IndexFunc(n.Data, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0 {
				seen++
				own := false
				for p := n.Parent; p != cell.Parent && !own; p = p.Parent {
					own = p.Data == "bdi"
					for _, a := range p.Attr {
						own = own || a.Key == "dir"
					}
				}
				if !own {
					t.Errorf("%s: %q is drawn in the direction of its cell <%s>, not its own", page, n.Data, cell.Data)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, cell)
			}
		}
		walk(doc, nil)
		if seen == 0 {
			t.Errorf("%s: no right-to-left string in a cell; the check is empty", page)
		}
	}
}

// rtlOrder is true when, in the first element matching sel, the Latin
// word DNS is drawn left of the text's first Arabic letter: the order of
// "انقطاع في DNS" read right to left.
const rtlOrder = `(sel => {
	const e = document.querySelector(sel), r = document.createRange();
	const w = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
	let dns = null, ar = null;
	for (let n; (n = w.nextNode());) {
		const i = n.data.indexOf("DNS"), j = n.data.search(/[\u0600-\u06ff]/);
		if (i >= 0 && !dns) { r.setStart(n, i); r.setEnd(n, i + 3); dns = r.getBoundingClientRect().left; }
		if (j >= 0 && ar === null) { r.setStart(n, j); r.setEnd(n, j + 1); ar = r.getBoundingClientRect().left; }
	}
	return dns !== null && ar !== null && dns < ar;
})`

// TestBrowserRTLSearchResult (review 15): the search page draws a
// right-to-left result title in its own direction, as the header's quick
// results do since 423f7a7. The title was a lone link in the result's
// heading and took the page's direction.
func TestBrowserRTLSearchResult(t *testing.T) {
	files := rtlSite(t)
	var out []output.File
	for p, data := range files {
		out = append(out, output.File{Path: p, Data: data})
	}
	srv := browsertest.Serve(t, out, nil)
	ctx := browsertest.New(t)
	browsertest.Navigate(t, ctx, srv.URL+"search/index.html?q="+url.QueryEscape("انقطاع"))
	hit := `#search-results li.search-hit h2`
	browsertest.WaitFor(t, ctx, `!!document.querySelector("`+hit+`")`)
	if title := browsertest.Eval[string](t, ctx, `document.querySelector("`+hit+`").textContent`); title != "انقطاع في DNS" {
		t.Fatalf("first result %q, want the Arabic postmortem", title)
	}
	if !browsertest.Eval[bool](t, ctx, rtlOrder+`("`+hit+`")`) {
		t.Errorf("the search page draws the title %q left to right", "انقطاع في DNS")
	}
}
