package render_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/internal/browsertest"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// rlo is RIGHT-TO-LEFT OVERRIDE: it draws the text after it right to left
// up to the end of its paragraph (a block) or of the isolate it is in
// (<bdi>, an element with dir, or U+2068…U+2069).
const rlo = "\u202e"

// bidiID is the postmortem whose every free-text field ends in rlo.
const bidiID = "2026-01-01-bidi"

// bidiPostmortem shares a system and a cause (dns) with postmortems of the
// sample site after it, so it starts a chain of repeats on /causes/dns/
// followed by their titles and dates (QA 15 A-F6).
const bidiPostmortem = `---
title: "Bidi title\u2069\u202E"
summary: "Bidi summary\u202E"
date: 2026-01-01
severity: SEV2
systems: [internal-dns, api-gateway]
teams: ["bidi-team\u202E", platform]
causes: [dns]
commander: "eve\u202E"
authors: ["eve\u202E", farid]
tags: ["bidi-tag\u202E", dns]
impact: "Bidi impact\u202E"
action_items:
  - id: AI-1
    title: "Bidi action\u202E"
    owner: "mallory\u202E"
    due: 2026-02-01
    status: open
    kind: prevent
  - title: Second action
    owner: farid
    due: 2026-12-01
    status: open
    kind: detect
---
Body.
`

// bidiSite builds the sample site of the repository with bidiPostmortem
// added.
func bidiSite(t *testing.T) builtFiles {
	t.Helper()
	root := os.DirFS("../../..")
	src := fstest.MapFS{}
	add := func(p string) {
		data, err := fs.ReadFile(root, p)
		if err != nil {
			t.Fatal(err)
		}
		src[p] = &fstest.MapFile{Data: data}
	}
	add("pmkb.toml")
	err := fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		add(p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	src["content/postmortems/2026/"+bidiID+".md"] = &fstest.MapFile{Data: []byte(bidiPostmortem)}
	site, err := generator.Build(context.Background(), generator.Options{Source: src, Today: model.Date{Year: 2026, Month: time.November, Day: 27}})
	if err != nil {
		if site != nil && site.Diagnostics != nil {
			t.Fatalf("build: %v\n%s", err, site.Diagnostics)
		}
		t.Fatalf("build: %v", err)
	}
	files := make([]builtFile, 0, len(site.Files))
	for _, f := range site.Files {
		files = append(files, builtFile{f.Path, f.Data})
	}
	return files
}

type builtFile struct {
	path string
	data []byte
}

type builtFiles []builtFile

// outputs are the files as browsertest.Serve takes them.
func (fs builtFiles) outputs() []output.File {
	out := make([]output.File, len(fs))
	for i, f := range fs {
		out[i] = output.File{Path: f.path, Data: f.data}
	}
	return out
}

// isBidiControl reports whether r opens or closes an embedding, override
// or isolate.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// needsIsolation reports whether text s leaves a bidi embedding,
// override or isolate open (no U+202C or U+2069 of its own closes it),
// so that only an isolating element around s keeps it from reordering
// what follows; and stray, whether s holds a U+2069 that closes no
// isolate of its own, which would close the isolate of the element that
// holds s (a <bdi>), review 15 web 1. The loader balances every value
// (model.BalanceBidi), so a page should hold neither.
func needsIsolation(s string) (needs, stray bool) {
	var open []rune // the terminator each open control wants
	for _, r := range s {
		switch {
		case r >= 0x2066 && r <= 0x2068:
			open = append(open, 0x2069)
		case r == 0x202c:
			if len(open) > 0 && open[len(open)-1] == 0x202c {
				open = open[:len(open)-1]
			}
		case r >= 0x202a && r <= 0x202e:
			open = append(open, 0x202c)
		case r == 0x2069:
			i := len(open) - 1
			for i >= 0 && open[i] != 0x2069 {
				i--
			}
			if i < 0 {
				return len(open) > 0, true
			}
			open = open[:i]
		}
	}
	return len(open) > 0, false
}

// blocks are the elements that end a paragraph of the bidi algorithm
// whatever the stylesheet: an override inside one reverses nothing after
// it. (A stylesheet can make other elements blocks; the pages must not
// depend on it.)
var blocks = map[string]bool{
	"html": true, "body": true, "div": true, "p": true, "ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"table": true, "caption": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "th": true, "td": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true, "article": true,
	"header": true, "footer": true, "main": true, "nav": true, "figure": true, "figcaption": true, "form": true,
	"fieldset": true, "legend": true, "details": true, "summary": true, "blockquote": true, "pre": true,
	"select": true, "option": true, "title": true,
}

// isolates reports whether n's text is drawn apart from the text around
// it: a block, <bdi>, or an element with dir.
func isolates(n *xhtml.Node) bool {
	if n.Type != xhtml.ElementNode {
		return n.Type == xhtml.DocumentNode
	}
	if blocks[n.Data] || n.Data == "bdi" {
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "dir" {
			return true
		}
	}
	return false
}

// textAfter is the text of the nodes inside top that follow n in document
// order.
func textAfter(top, n *xhtml.Node) string {
	var sb strings.Builder
	var walk func(*xhtml.Node)
	walk = func(c *xhtml.Node) {
		if c.Type == xhtml.TextNode {
			sb.WriteString(c.Data)
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	for c := n; c != top; c = c.Parent {
		for s := c.NextSibling; s != nil; s = s.NextSibling {
			walk(s)
		}
	}
	return sb.String()
}

// leaks returns, for each bidi control in the body of an HTML page, the
// text after it that it would reorder: the rest of its paragraph or
// isolate, when that holds more than spaces.
func leaks(t *testing.T, page []byte) (controls int, bad []string) {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && (n.Data == "head" || n.Data == "script" || n.Data == "style" || n.Data == "textarea") {
			return
		}
		if n.Type == xhtml.TextNode {
			if strings.IndexFunc(n.Data, isBidiControl) >= 0 {
				controls++
			}
			needs, stray := needsIsolation(n.Data)
			if stray {
				bad = append(bad, "a U+2069 that closes its element's isolate: "+strings.Join(strings.Fields(n.Data), " "))
			}
			if i := strings.LastIndexFunc(n.Data, isBidiControl); needs && i >= 0 {
				top := n.Parent
				for !isolates(top) {
					top = top.Parent
				}
				_, size := utf8.DecodeRuneInString(n.Data[i:])
				rest := n.Data[i+size:] + textAfter(top, n)
				if strings.TrimSpace(rest) != "" {
					tag := "document"
					if top.Type == xhtml.ElementNode {
						tag = "<" + top.Data + ">"
					}
					bad = append(bad, tag+" "+strings.Join(strings.Fields(n.Data), " ")+" → "+strings.Join(strings.Fields(rest), " "))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return controls, bad
}

// notYet are pages whose strings are joined in Go, out of the theme's
// reach: the stats page writes an open item as one cell, "title (#id)"
// (generator/statspage.go), so an override in the title still reverses
// its id.
var notYet = map[string]bool{}

// TestBidiIsolated is QA 15 A-F6: a right-to-left override at the end of a
// postmortem's title, summary, team, tag, commander, author, action item
// title or owner reversed the text after it on every page that shows the
// string inline with others (a chain of repeats' dates and titles, the
// next author or tag, an item's #id, the next column of a list), because
// the pages put those strings in as plain inline text. Each such string
// must be isolated (<bdi>, or dir on the element that holds it alone), so
// that on no page of the site any text follows an override in its
// paragraph or isolate. The table names pages that must show the strings
// (so the check of every page cannot pass by finding none).
func TestBidiIsolated(t *testing.T) {
	files := bidiSite(t)
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.path] = f.data
	}
	pmPage := "postmortems/" + bidiID + "/index.html"
	for _, c := range []struct {
		name, page string
		atLeast    int // controls in the page's body
	}{
		{"postmortem page: heading, facts, authors, tags, action rows", pmPage, 9},
		{"list of postmortems: title before its summary", "postmortems/index.html", 2},
		{"home: latest postmortems, overdue items", "index.html", 3},
		{"term page: chain of repeats, open items, incidents", "causes/dns/index.html", 5},
		{"system page", "systems/internal-dns/index.html", 2},
		{"team page of a team with an override", "teams/bidi-team/index.html", 3},
		{"teams", "teams/index.html", 1},
		{"tag page", "tags/bidi-tag/index.html", 3},
		{"tags", "tags/index.html", 1},
		{"action items: title before #id, owner, postmortem", "actions/index.html", 3},
		{"owner page", "actions/owners/mallory/index.html", 3},
		{"owners", "actions/owners/index.html", 1},
		{"year page", "years/2026/index.html", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			page, ok := byPath[c.page]
			if !ok {
				t.Fatalf("no page %s", c.page)
			}
			n, bad := leaks(t, page)
			if n < c.atLeast {
				t.Errorf("%s: %d bidi controls in the body, want at least %d", c.page, n, c.atLeast)
			}
			for _, b := range bad {
				t.Errorf("%s: an override reorders the text after it: %s", c.page, b)
			}
		})
	}
	t.Run("every page", func(t *testing.T) {
		for _, f := range files {
			if path.Ext(f.path) != ".html" || notYet[f.path] {
				continue
			}
			_, bad := leaks(t, f.data)
			for _, b := range bad {
				t.Errorf("%s: an override reorders the text after it: %s", f.path, b)
			}
		}
	})
}

// reversed lists the text of the page drawn right to left: the words of a
// text node in which two Latin letters, digits or brackets side by side
// are drawn right to left, as an override before them reorders them.
// (The site has no right-to-left text of its own.) Text not drawn, or
// broken between the two, is skipped, and so is a search result's
// snippet: one paragraph of the postmortem's own text, as its body is on
// its page.
const reversed = `(() => {
	const out = [], r = document.createRange();
	const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	const box = (n, i) => { r.setStart(n, i); r.setEnd(n, i + 1); return r.getBoundingClientRect(); };
	for (let n; (n = w.nextNode());) {
		if (n.parentElement.closest(".search-snippet")) continue;
		for (const m of n.data.matchAll(/[A-Za-z0-9()]{2}/g)) {
			const a = box(n, m.index), b = box(n, m.index + 1);
			if (!a.width || !b.width || Math.abs(a.top - b.top) > 2 || a.left < b.left) continue;
			const from = n.data.lastIndexOf(" ", m.index) + 1, to = n.data.indexOf(" ", m.index);
			const word = n.data.slice(from, to < 0 ? undefined : to);
			if (!out.includes(word)) out.push(word);
		}
	}
	return out;
})()`

// TestBrowserBidiIsolated is QA 15 A-F6 in a browser: on the pages that
// show the postmortem whose strings end in an override, no other text is
// drawn reversed: not the dates and titles of a chain of repeats, the
// next team, an item's #id, the filters named after an owner in a list's
// count line (table.js), nor the counts of the search page's filters
// (search.js); nor in the header's quick results.
func TestBrowserBidiIsolated(t *testing.T) {
	srv := browsertest.Serve(t, bidiSite(t).outputs(), nil)
	ctx := browsertest.New(t)
	for _, c := range []struct {
		name, page, ready, prepare string
	}{
		{"postmortem page", "postmortems/" + bidiID + "/index.html", "true", ""},
		{"list of postmortems", "postmortems/index.html", "true", ""},
		{"term page", "causes/dns/index.html", "true", ""},
		{"team page", "teams/bidi-team/index.html", "true", ""},
		{"action items filtered by the owner", "actions/index.html?owner=mallory&overdue=1",
			`/Overdue only/.test(document.getElementById("action-count").textContent)`, ""},
		{"search page with its filters open", "search/index.html?q=bidi",
			`document.querySelector("#search-results li.search-hit") && document.querySelector(".search-filters-box")`,
			`document.querySelector(".search-filters-box").open = true`},
		{"quick results", "index.html", `document.querySelectorAll("#site-search-list a").length > 0 && !document.getElementById("site-search-list").hidden`,
			""},
	} {
		browsertest.Navigate(t, ctx, srv.URL+c.page)
		if c.name == "quick results" {
			browsertest.Eval[bool](t, ctx, `(i => { i.focus(); i.value = "bidi"; i.dispatchEvent(new Event("input", {bubbles: true})); return true; })(document.getElementById("site-search-q"))`)
		}
		browsertest.WaitFor(t, ctx, c.ready)
		if c.prepare != "" {
			browsertest.Eval[bool](t, ctx, "("+c.prepare+", true)")
		}
		if !browsertest.Eval[bool](t, ctx, `document.body.textContent.includes("\u202e")`) {
			t.Errorf("%s: the page shows no override; the check is empty", c.name)
		}
		for _, s := range browsertest.Eval[[]string](t, ctx, reversed) {
			t.Errorf("%s: %q is drawn right to left", c.name, s)
		}
	}
}
