package source

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// localRefs rewrites the relative links and images of a body that name
// files of the content tree, as the repository browser (GitHub, GitLab)
// reads them, into links that work on the site from any base URL:
//
//   - a link to another postmortem's .md file goes to that postmortem's
//     page, "../<id>/index.html", keeping its #fragment;
//   - an image or attachment under content/postmortems/ goes to its
//     published copy, "../_files/<path below content/postmortems>"
//     (model.AttachmentPath).
//
// Both are relative to the postmortem's page (postmortems/<id>/index.html),
// so they work under a sub-path and from file://. Absolute URLs, mailto:,
// #fragments and links to other files are left as they are. What needs the
// whole site (does the target exist, is it too large, does it have its own
// id:) is recorded in found and settled by resolveRefs once every file is
// loaded; what one file shows (a root-relative link, an SVG image) is
// reported at once into diags.
//
// One localRefs belongs to one markdown, so to one Parser and one
// goroutine: begin sets the file before each parse.
type localRefs struct {
	file     string // the postmortem's path, relative to the site root
	dir      string // its folder in NFC, which link targets are joined to
	bodyLine int    // the file line the body starts on
	// ids maps a postmortem's path (in NFC) to its id when it is not the default
	// (its file name); nil while loading, when every id is taken to be the
	// default (resolveRefs renders again the few bodies for which that
	// was wrong).
	ids map[string]string
	// keep, when set, holds the ids of the postmortems in the build: a
	// link to any other postmortem's page is rendered as its text (see
	// Unlink).
	keep map[string]bool
	// drop, set with keep, holds the ids of the postmortems the build
	// leaves out: a link to one's page written as a page of the site
	// ("../<id>/", a refOther with an id) is rendered as its text too.
	drop  map[string]bool
	found []localRef
	// anchors are the ids of the last body's headings (headingIDs).
	anchors []string
	// actions are the action items of the postmortem whose body this is,
	// whose rows on its page are anchors too (model.ActionAnchor); the
	// caller sets them after begin.
	actions []model.ActionItem
	// unsafeHTML is the site's unsafeHTML: raw HTML may then hold ids of
	// its own, so #fragments are not checked.
	unsafeHTML bool
	// footnoteLinks are the last body's links to an id of a footnote's
	// form on its own page (#fn:2), which footnoteIDs checks.
	footnoteLinks []*ast.Link
	diags         *diag.List
}

// refKind tells what a recorded reference names.
type refKind int

const (
	refPostmortem refKind = iota // a .md file
	refFile                      // an image or attachment
	refBare                      // a bare name, perhaps a postmortem's id
	refOther                     // a file or folder the site does not publish
	refPage                      // outside content/postmortems/ as a file, but a postmortem's page on the site
	refRawHTML                   // a relative <img src> or <a href> of raw HTML, which is neither published nor rewritten
	refRoot                      // a root-relative link ("/posts/x/"), warned about at once; target is its path without the "/"
	refSite                      // an http(s) address that may be on the site (under its baseURL), but not a postmortem's page
	refOutside                   // a file path outside content/postmortems/ that may be a page of the site; text is the warning if not
)

// localRef is one reference of a body to a file of the content tree.
type localRef struct {
	kind refKind
	line int
	// dest is the reference as written; target is the file it names,
	// relative to the site root ("content/postmortems/2024/a.md"), in
	// NFC (realPath finds the file when its name on disk is not).
	dest, target string
	// id is the page id a link to a postmortem was rewritten to, or for
	// a refOther link the id of the postmortem page it may name on the
	// site (pageID); anchor the #fragment it keeps, unescaped ("" when
	// none).
	id, anchor string
	// image is set for an image, unset for a link.
	image bool
	// text is, for a refRawHTML, the alt text of an <img>; for a
	// refOutside, its warning.
	text string
}

// begin prepares r for the body of file, which starts on bodyLine.
func (r *localRefs) begin(file string, bodyLine int, ids map[string]string) {
	r.file, r.dir, r.bodyLine, r.ids, r.keep, r.drop = file, nfc(path.Dir(file)), bodyLine, ids, nil, nil
	r.found, r.anchors, r.actions, r.footnoteLinks = nil, nil, nil, nil
	r.diags = &diag.List{}
}

// Transform rewrites the references of one parsed body.
func (r *localRefs) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	if r.file == "" {
		return
	}
	src := reader.Source()
	lines := lineCounter(src)
	r.anchors = headingIDsOf(doc)
	var unlink []*ast.Link
	var unlinkAuto []*ast.AutoLink
	var remote, leftOut []remoteImage
	var links []namedLink
	dataImages := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Link:
			r.emptyLink(v, src, lines)
			links = append(links, namedLink{v, string(v.Destination)})
			if d := string(v.Destination); len(d) > 1 && d[0] == '#' {
				if r.unsafeHTML {
					return ast.WalkContinue, nil
				}
				if a, _, _ := strings.Cut(fragment(d[1:]), ":~:"); footnoteID(a) || footnoteLabel(a) != "" {
					// Checked once the footnotes are numbered; so is a
					// footnote named by its label (#fn:note), which is
					// no heading's (QA 19r F4).
					r.footnoteLinks = append(r.footnoteLinks, v)
					return ast.WalkContinue, nil
				}
				if msg := missingAnchor(d, fragment(d[1:]), r.anchors, r.actions, "this postmortem", "#"); msg != "" {
					warnRule(r.diags, RuleBodyLinks, diag.Pos{Path: r.file, Line: r.lineOf(n, src, lines)}, "%s", msg)
				}
				return ast.WalkContinue, nil
			}
			if r.leftOutAddress(string(v.Destination), false, "", r.lineOf(n, src, lines)) {
				unlink = append(unlink, v)
				return ast.WalkContinue, nil
			}
			n0 := len(r.found)
			if d, ok := r.rewrite(string(v.Destination), false, r.lineOf(n, src, lines)); ok {
				v.Destination = []byte(d)
			}
			if slices.ContainsFunc(r.found[n0:], r.leftOut) {
				unlink = append(unlink, v)
			}
		case *ast.RawHTML:
			if r.unsafeHTML {
				r.rawHTMLRefs(rawSource(v, src), r.lineOf(n, src, lines))
			}
		case *ast.HTMLBlock:
			if r.unsafeHTML {
				for i := 0; i < v.Lines().Len(); i++ {
					seg := v.Lines().At(i)
					r.rawHTMLRefs(seg.Value(src), r.bodyLine-1+lines(seg.Start))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			// An address written inside a link's text ([<https://a>](b))
			// is that link's text, not a link in a link, which HTML does
			// not allow (QA 18r F11).
			if insideLink(v) {
				unlinkAuto = append(unlinkAuto, v)
				return ast.WalkContinue, nil
			}
			// An address pasted as it is: perhaps a postmortem's page on
			// the site (QA 15 D-F1).
			if v.AutoLinkType == ast.AutoLinkURL && (r.leftOutAddress(string(v.URL(src)), false, "", r.lineOf(n, src, lines)) ||
				r.sitePage(string(v.URL(src)), r.lineOf(n, src, lines))) {
				unlinkAuto = append(unlinkAuto, v)
			}
		case *east.TableHeader:
			if c := v.FirstChild(); c != nil && !showsText(v, src) {
				// The way to write a table without a header row, which
				// GitHub's tables cannot: rendered as written (QA 18
				// C-F9's page), warned about as a heading without text.
				warnRule(r.diags, RuleEmptyHeading, diag.Pos{Path: r.file, Line: r.lineOf(c, src, lines)},
					"table's header row has no text, so the page shows columns without a name, which screen readers announce as such; name the columns in the first row, e.g. | Field | Value |")
			}
		case *ast.Heading:
			if emptyHeading(v, src) {
				warnRule(r.diags, RuleEmptyHeading, diag.Pos{Path: r.file, Line: r.lineOf(n, src, lines)},
					"heading has no text, so the page shows an empty heading and screen readers announce one; write its text, or remove the line")
			}
		case *ast.Image:
			line := r.lineOf(n, src, lines)
			alt := altText(v, src)
			if r.leftOutAddress(string(v.Destination), true, alt, line) {
				leftOut = append(leftOut, remoteImage{v, alt})
				return ast.WalkSkipChildren, nil
			}
			if d := string(v.Destination); isDataURI(d) && dataSize(d) > maxDataImage {
				// What Google Docs' Markdown download writes for every
				// image (QA 17 A-F9): one warning, its alt text included.
				dataImages++
				r.dataImage(d, alt, dataImages, line)
				return ast.WalkSkipChildren, nil
			}
			if alt == "" {
				warnRule(r.diags, RuleImageAlt, diag.Pos{Path: r.file, Line: line},
					"image %q has no alt text; say what it shows between the brackets, e.g. ![latency graph of the outage](%s): screen readers read it, and it stands in when the image does not load", shortDest(string(v.Destination)), shortDest(string(v.Destination)))
			}
			if d := string(v.Destination); isRemote(d) {
				// Every reader's browser would fetch it from that host,
				// which the site never makes it do (an intranet's readers,
				// the Content-Security-Policy of netlify.toml blocks it).
				example := alt
				if example == "" {
					example = "…"
				}
				warnRule(r.diags, RuleBodyLinks, diag.Pos{Path: r.file, Line: line},
					"image %q is on another host, which every reader's browser would have to fetch (the site fetches nothing from other hosts, and its Content-Security-Policy blocks it), so it is published as a link to the image; save the image next to the postmortem and link it by its relative path, e.g. ![%s](%s)", shortDest(d), example, mdDest(remoteBase(d)))
				remote = append(remote, remoteImage{v, alt})
				return ast.WalkSkipChildren, nil
			}
			if d, ok := r.rewrite(string(v.Destination), true, line); ok {
				v.Destination = []byte(d)
			}
		}
		return ast.WalkContinue, nil
	})
	// A link to a page that is not in the build becomes its text (the
	// walk is over, so the tree can change).
	for _, l := range unlink {
		parent := l.Parent()
		for c := l.FirstChild(); c != nil; c = l.FirstChild() {
			parent.InsertBefore(parent, l, c)
		}
		parent.RemoveChild(parent, l)
	}
	for _, l := range unlinkAuto {
		l.Parent().ReplaceChild(l.Parent(), l, ast.NewString(l.Label(src)))
	}
	// An image whose address the page leaves out becomes its alt text,
	// as plain text; one without alt text goes, and so does a paragraph
	// it leaves empty (QA 18 C-F8).
	for _, li := range leftOut {
		parent := li.img.Parent()
		if li.alt != "" {
			parent.ReplaceChild(parent, li.img, ast.NewString([]byte(li.alt)))
			continue
		}
		parent.RemoveChild(parent, li.img)
		if p, ok := parent.(*ast.Paragraph); ok && p.ChildCount() == 0 {
			p.Parent().RemoveChild(p.Parent(), p)
		}
	}
	// An image from another host becomes a link to it with its alt text
	// (else its address) as plain text, as the alt attribute had it: a
	// link written inside the alt text stays text. Inside a link (a
	// badge), at any depth, only the text.
	for _, ri := range remote {
		img, text := ri.img, ri.alt
		if text == "" {
			text = string(img.Destination)
		}
		var with ast.Node = ast.NewString([]byte(text))
		if !insideLink(img) {
			l := ast.NewLink()
			l.Destination, l.Title = img.Destination, img.Title
			l.AppendChild(l, with)
			with = l
		}
		img.Parent().ReplaceChild(img.Parent(), img, with)
	}
	// A link still on the page that shows no name gets its address.
	for _, l := range links {
		if l.link.Parent() != nil {
			nameLink(l.link, l.dest, src)
		}
	}
}

// namedLink is a link of the body and its address as written.
type namedLink struct {
	link *ast.Link
	dest string
}

// nameLink gives the link l, whose address is dest as written, its
// address as its text when it shows none: no text, text of spaces, or
// only an image without alt text (one the page left out included).
// emptyLink and the image-alt rule warn about such a link, but the page
// shipped an empty <a>, which nobody sees to click and screen readers
// read as nothing (axe link-name, serious; QA 18 C-F9). The address is
// shown as a bare autolink shows it, cut as the warnings cut it
// (shortDest). A linked image without alt text takes it as its alt
// text, which names the link and leaves the image as it is.
func nameLink(l *ast.Link, dest string, src []byte) {
	if showsText(l, src) {
		return
	}
	text := ast.NewString([]byte(shortDest(dest)))
	var img *ast.Image
	_ = ast.Walk(l, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if v, ok := n.(*ast.Image); ok && entering {
			img = v
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if img != nil {
		img.RemoveChildren(img)
		img.AppendChild(img, text)
		return
	}
	l.RemoveChildren(l)
	l.AppendChild(l, text)
}

// rawHTMLRefs records the relative <img src> and <a href> of raw HTML b,
// at line, with unsafeHTML on: pmkb neither publishes nor rewrites them,
// so the page's copy of the file is not there; resolveRefs says so, and
// what Markdown to write, or that the file does not exist (QA 17 A-F2).
// Addresses with a scheme, "//", "/" or "#" at their start are left alone,
// as is an <a href> to anything but a .md file or an attachment (it may
// be a page of the site).
func (r *localRefs) rawHTMLRefs(b []byte, line int) {
	if bytes.IndexByte(b, '<') < 0 {
		return
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		want := map[string]string{"img": "src", "a": "href"}[tok.Data]
		if want == "" {
			continue
		}
		ref := localRef{kind: refRawHTML, line: line, image: tok.Data == "img"}
		for _, a := range tok.Attr {
			switch {
			case a.Key == want:
				ref.dest = strings.TrimSpace(a.Val)
			case a.Key == "alt":
				ref.text = a.Val
			}
		}
		d := ref.dest
		if d == "" || d[0] == '#' || d[0] == '/' || hasScheme(d) {
			continue
		}
		p, _, _ := strings.Cut(d, "#")
		p, _, _ = strings.Cut(p, "?")
		if u, err := url.PathUnescape(p); err == nil {
			p = nfc(u)
		}
		if ext := strings.ToLower(path.Ext(p)); !ref.image && ext != ".md" && !attachmentExts[ext] {
			continue // perhaps a page of the site ("../<id>/")
		}
		ref.target = path.Join(r.dir, p)
		r.found = append(r.found, ref)
	}
}

// rawHTMLWarning is the warning for the relative <img src> or <a href>
// of raw HTML ref (refRawHTML).
func rawHTMLWarning(fsys fs.FS, ref localRef) string {
	tag := fmt.Sprintf("<a href=%q>", shortDest(ref.dest))
	write := fmt.Sprintf("[…](%s)", mdDest(ref.dest))
	if ref.image {
		tag = fmt.Sprintf("<img src=%q>", shortDest(ref.dest))
		write = fmt.Sprintf("![%s](%s)", cmp.Or(ref.text, "what it shows"), mdDest(ref.dest))
	}
	if _, err := fs.Stat(fsys, realPath(fsys, ref.target)); err != nil {
		return fmt.Sprintf("%s of raw HTML names %s, which does not exist", tag, ref.target)
	}
	return fmt.Sprintf("%s of raw HTML is not published, nor rewritten to work on the page (pmkb does that for Markdown links and images only), so it is a 404 on the site; write it in Markdown: %s", tag, write)
}

// leftOutAddress says whether the page leaves out dest, the address of a
// link, or of an image when image (with alt text alt), and warns why at
// line: goldmark writes it as href="" or src="" (a link to the page
// itself, a broken image and a Nu checker error), so the caller shows the
// link's text or the image's alt text instead, as for a link to a
// postmortem the build leaves out (QA 18 C-F8). Left out are an address
// on the writer's disk (file:, which names nothing anyone else can open),
// a script (javascript:, vbscript:, entities and any case included), a
// data: address but an image's PNG, GIF, JPEG or WebP, and no address at
// all — for a link, emptyLink warns about that. The same holds with
// unsafeHTML: it lets raw HTML through, not these addresses.
func (r *localRefs) leftOutAddress(dest string, image bool, alt string, line int) bool {
	pos := diag.Pos{Path: r.file, Line: line}
	what, shows := "link", "the link's text"
	if image {
		what, shows = "image", "its alt text"
	}
	lower := strings.ToLower(dest)
	switch {
	case dest == "":
		if image && alt == "" {
			warnRule(r.diags, RuleBodyLinks, pos, "image ![]() has neither alt text nor an address; remove it")
		} else if image {
			warnRule(r.diags, RuleBodyLinks, pos, "image ![%s]() has no address, so the page shows its alt text instead; write the image's path between the parentheses, or remove it", shortText(alt))
		}
	case strings.HasPrefix(lower, "file:"):
		// What desktop editors paste.
		warnRule(r.diags, RuleBodyLinks, pos, "%s %q is a file:// address, which only works on your computer and is left out of the page; put the file next to the postmortem and link it by its relative path, e.g. (%s)", what, shortDest(dest), mdDest(path.Base(dest)))
	case !gmhtml.IsDangerousURL(util.URLEscape([]byte(dest), true)):
		return false
	case isDataURI(dest) && image:
		warnRule(r.diags, RuleBodyLinks, pos, "image %q is a data: address of a type the page does not show (it shows PNG, GIF, JPEG and WebP), so it shows the image's alt text instead; save the image as a PNG file next to the postmortem and link it by its relative path", shortDest(dest))
	case isDataURI(dest):
		warnRule(r.diags, RuleBodyLinks, pos, "link %q is a data: address, which browsers do not open from a link, so the page leaves it out and shows the link's text; save what it holds as a file next to the postmortem and link it by its relative path", shortDest(dest))
	default:
		warnRule(r.diags, RuleBodyLinks, pos, "%s %q is a script address (javascript:, vbscript:), which the page leaves out: it shows %s without it; link a web address instead, or write the address as code", what, shortDest(dest), shows)
	}
	return true
}

// emptyLink warns about the link l when it has no address ("[text]()",
// shown as its text: leftOutAddress) or no text ("[](url)", which screen
// readers would read as nothing and nobody would see to click: the page
// shows its address instead, nameLink), as Confluence's and Google Docs'
// exports leave them (QA 17 A-F16). A link around an image is left to the
// image's alt text (RuleImageAlt).
func (r *localRefs) emptyLink(l *ast.Link, src []byte, lines func(int) int) {
	noText := !hasText(l, src)
	if len(l.Destination) > 0 && !noText {
		return
	}
	pos := diag.Pos{Path: r.file, Line: r.lineOf(l, src, lines)}
	switch {
	case len(l.Destination) == 0 && noText:
		warnRule(r.diags, RuleBodyLinks, pos, "link []() has neither text nor an address; remove it")
	case len(l.Destination) == 0:
		warnRule(r.diags, RuleBodyLinks, pos, "link [%s]() has no address, so the page shows its text without a link; write its address between the parentheses, or remove the brackets", shortText(linkText(l, src)))
	default:
		d := shortDest(string(l.Destination))
		warnRule(r.diags, RuleBodyLinks, pos, "link to %q has no text, so the page shows its address as its text; write what it leads to between the brackets: [what it leads to](%s)", d, d)
	}
}

// emptyHeading says whether the heading h shows nothing: no text but
// blank (spaces written as entities, zero-width characters), no image,
// code or address, only HTML comments or tags ("##", "## &nbsp;",
// "## **&nbsp;**", "## <!-- todo -->"), as Markdown writers and converters
// leave a section's heading unfinished (QA 18 C-F3, QA 18r F10). The page
// gives such a heading no section link (render's anchorHeadings).
func emptyHeading(h *ast.Heading, src []byte) bool {
	return !walkText(h, src, textOf{anyImage: true})
}

// blank says whether the Markdown text t shows nothing but space: spaces
// written as entities (&nbsp;, &#160;, &emsp;) included, which a screen
// reader reads as nothing too (QA 18 C-F9), and the zero-width characters
// that Confluence's exports leave in empty links (U+200B, U+2060, U+FEFF;
// QA 18r F4).
func blank(t []byte) bool { return model.ShowsNothing(html.UnescapeString(string(t))) }

// hasText says whether the link l shows text, or an image (whose alt
// text is checked on its own); text of spaces is none (blank).
func hasText(l *ast.Link, src []byte) bool {
	return walkText(l, src, textOf{anyImage: true, rawHTML: true})
}

// showsText says whether the node n (a link, a table's header row) shows
// text that screen readers read: text but spaces, an image's alt text,
// code, raw HTML.
func showsText(n ast.Node, src []byte) bool { return walkText(n, src, textOf{rawHTML: true}) }

// textOf says what walkText counts as text besides text but blank, code
// and addresses: any image, or only one with alt text; raw HTML (a
// heading's comment or tag shows nothing by itself).
type textOf struct{ anyImage, rawHTML bool }

// walkText says whether n holds what of counts as text.
func walkText(n ast.Node, src []byte, of textOf) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c == n {
			return ast.WalkContinue, nil
		}
		switch v := c.(type) {
		case *ast.Image:
			if !of.anyImage && blank([]byte(altText(v, src))) {
				return ast.WalkSkipChildren, nil
			}
			found = true
		case *ast.Text:
			found = !blank(v.Segment.Value(src))
		case *ast.String:
			found = !blank(v.Value)
		case *ast.RawHTML:
			found = of.rawHTML
		case *ast.CodeSpan, *ast.AutoLink:
			found = true
		}
		if found {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// linkText returns the text of the link or image node as written (an
// image's is its alt text), trimmed.
func linkText(node ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// shortText cuts text for a message to its first 40 characters and "…".
func shortText(text string) string {
	if r := []rune(text); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return text
}

// leftOut says whether the link ref names the page of a postmortem the
// build leaves out (see Unlink): a .md link, or one written as the page
// of the site (QA 14 D-F1).
func (r *localRefs) leftOut(ref localRef) bool {
	switch {
	case r.keep == nil:
		return false
	case ref.kind == refPostmortem:
		return !r.keep[ref.id]
	case ref.kind == refOther, ref.kind == refPage:
		return ref.id != "" && r.drop[ref.id]
	}
	return false
}

// sitePage records the link dest, an address pasted as written, when it
// names a postmortem's page on a pmkb site (urlPageID), and says whether
// that page is one the build leaves out (see leftOut).
func (r *localRefs) sitePage(dest string, line int) bool {
	id := urlPageID(dest)
	if id == "" {
		if isRemote(dest) {
			// Perhaps another page of the site, which resolveRefs
			// checks once it knows the baseURL (QA 17 A-F7).
			r.found = append(r.found, localRef{kind: refSite, line: line, dest: dest})
		}
		return false
	}
	ref := localRef{kind: refPage, line: line, dest: dest, id: id}
	if _, frag, ok := strings.Cut(dest, "#"); ok {
		ref.anchor = fragment(frag)
	}
	r.found = append(r.found, ref)
	return r.leftOut(ref)
}

// urlPageID returns the id of the postmortem whose page the web address
// dest names as a pmkb site writes it: an http(s) (or "//") address
// whose path ends in "postmortems/<id>/", "postmortems/<id>" or
// "postmortems/<id>/index.html", the address the browser shows on that
// page; "" for any other. Any host and base path will do: the site's
// baseURL, the one a build is given, a preview's, or the one it had
// before a move are all the same page, and an address that names a
// postmortem the build leaves out names its id whatever the host.
// Whether a postmortem has that id is for the caller to know.
func urlPageID(dest string) string {
	if !isRemote(dest) {
		return ""
	}
	u, err := url.Parse(dest)
	if err != nil || u.Host == "" {
		return ""
	}
	p := strings.TrimSuffix(strings.TrimSuffix(u.Path, "/index.html"), "/")
	i := strings.LastIndex(p, "/postmortems/")
	if i < 0 {
		return ""
	}
	id := p[i+len("/postmortems/"):]
	if id == "" || strings.Contains(id, "/") {
		return ""
	}
	return nfc(id)
}

// NamesMissingPostmortem reports whether msg is the message of a body-link
// warning (RuleBodyLinks) about a link to a postmortem that does not
// exist: a .md file (missingPostmortem) or a postmortem's page
// (missingPage). pmkb lint given a deleted postmortem reports them.
func NamesMissingPostmortem(msg string) bool {
	return strings.HasPrefix(msg, "link ") && (strings.Contains(msg, " names the page of no postmortem: ") ||
		strings.Contains(strings.ToLower(msg), ".md, which does not exist"))
}

// pageID returns the id of the postmortem whose page the link p names as
// the site reads it from a postmortem's page (postmortems/<id>/index.html):
// "../<id>/", "../<id>", "../<id>/index.html", "../../postmortems/<id>/";
// "" for any other link. Whether a postmortem has that id is for the
// caller to know.
func pageID(p string) string {
	page := strings.TrimSuffix(path.Join("postmortems", "\x00", p), "/index.html")
	id, ok := strings.CutPrefix(page, "postmortems/")
	if !ok || id == "" || strings.ContainsAny(id, "/\x00") {
		return ""
	}
	return id
}

// dataImage warns about the image dest of the body, the n-th embedded as
// a data: address larger than maxDataImage, with alt text alt, at line: it is in the page as it is
// in the file, every reader downloads it with the page, and a message that
// quotes it is cut (shortDest); a file beside the postmortem is published
// and linked like any other image.
func (r *localRefs) dataImage(dest, alt string, n, line int) {
	ext := ".png"
	mediaType, _, _ := strings.Cut(strings.TrimPrefix(dest[len("data:"):], " "), ",")
	mediaType, _, _ = strings.Cut(strings.ToLower(mediaType), ";")
	switch mediaType {
	case "image/jpeg", "image/jpg":
		ext = ".jpg"
	case "image/gif", "image/webp", "image/avif":
		ext = "." + strings.TrimPrefix(mediaType, "image/")
	}
	example, say := alt, ""
	if alt == "" {
		example, say = "what the image shows", ", and say what it shows between the brackets (screen readers read it)"
	}
	warnRule(r.diags, RuleBodyLinks, diag.Pos{Path: r.file, Line: line},
		"image %q is embedded in the postmortem as a data: address, which makes its file and page that much larger; save it as a file beside the postmortem and link it by its relative path, e.g. ![%s](image-%d%s)%s",
		shortDest(dest), example, n, ext, say)
}

// maxDataImage is the largest image embedded as a data: address that is
// not warned about: an icon of a few hundred bytes may stay in the text.
const maxDataImage = 1 << 10

// isDataURI says whether dest is a data: address (RFC 2397), which holds
// its file.
func isDataURI(dest string) bool {
	return len(dest) >= 5 && strings.EqualFold(dest[:5], "data:")
}

// dataSize is about the size of the file the data: address dest holds.
func dataSize(dest string) int64 {
	head, data, _ := strings.Cut(dest, ",")
	if strings.HasSuffix(strings.ToLower(strings.TrimSpace(head)), ";base64") {
		return int64(len(strings.TrimRight(data, "=")) * 3 / 4)
	}
	return int64(len(data))
}

// maxDestRunes is the most characters of a link's destination a message
// quotes: as a caret excerpt, a long one is cut (shortDest).
const maxDestRunes = 100

// shortDest returns a link's or image's destination for a message: as it
// is, or when it is longer than maxDestRunes, its start and end around
// "…"; a data: address, whatever its length, as its type, the first
// characters of what it holds, and the size of that
// ("data:image/png;base64,iVBOR… (146.5 KiB)"). A 150 KB image quoted
// whole made a 400 KB warning (QA 17 A-F9).
func shortDest(dest string) string {
	if isDataURI(dest) {
		head, data, ok := strings.Cut(dest, ",")
		if !ok || len(head) > 60 {
			head, data = string([]rune(dest[:min(len(dest), 30)])), ""
		}
		if len(dest) <= 40 {
			return dest
		}
		r := []rune(data)
		return head + "," + string(r[:min(len(r), 5)]) + "… (" + size(dataSize(dest)) + ")"
	}
	if len(dest) <= maxDestRunes {
		return dest
	}
	r := []rune(dest)
	if len(r) <= maxDestRunes {
		return dest
	}
	return string(r[:70]) + "…" + string(r[len(r)-25:])
}

// remoteImage is an image on another host and its alt text.
type remoteImage struct {
	img *ast.Image
	alt string
}

// insideLink says whether n is inside a link.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			return true
		}
	}
	return false
}

// isRemote says whether dest names a file on another host: an http(s)
// address or one that starts with "//".
func isRemote(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	scheme, _, ok := strings.Cut(dest, ":")
	return ok && (strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https"))
}

// remoteBase is the file name an image at the address dest could be
// saved as, for the advice: its last path segment, else "image.png".
func remoteBase(dest string) string {
	if u, err := url.Parse(dest); err == nil {
		if b := path.Base(u.Path); b != "." && b != "/" && b != "" {
			return b
		}
	}
	return "image.png"
}

// altText returns the text of an image's description (its alt text),
// trimmed.
func altText(img *ast.Image, src []byte) string { return linkText(img, src) }

// lineOf returns the file line an inline node of the body src starts on;
// lines is lineCounter(src).
func (r *localRefs) lineOf(n ast.Node, src []byte, lines func(offset int) int) int {
	pos := n.Pos()
	for p := n; pos < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			pos = p.Lines().At(0).Start
		}
	}
	if pos < 0 || pos > len(src) {
		return r.bodyLine
	}
	return r.bodyLine - 1 + lines(pos)
}

// imageExts are the image types an <img> can show; attachmentExts (see
// Files) adds the other files published beside the postmortems.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true}

// rewrite returns the site link for the reference dest (an image's when
// image), or false to leave it as written.
func (r *localRefs) rewrite(dest string, image bool, line int) (string, bool) {
	pos := diag.Pos{Path: r.file, Line: line}
	what := "link"
	if image {
		what = "image"
	}
	if dest == "" || dest[0] == '#' || strings.HasPrefix(dest, "//") || hasScheme(dest) {
		if !image {
			// A postmortem's page by its web address, pasted from the
			// browser: Unlink must see it as it sees "../<id>/" (QA 15
			// D-F1). It stays as written.
			r.sitePage(dest, line)
		}
		return "", false
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if u, err := url.PathUnescape(p); err == nil {
		p = nfc(u)
	}
	ext := strings.ToLower(path.Ext(p))
	if strings.HasPrefix(p, "/") {
		// Whether it names anything at all, resolveRefs says once every
		// file is loaded (QA 17 A-F7); this warning is made with the file,
		// so an edit checked on its own (pmkb serve) has it too.
		t := strings.TrimPrefix(p, "/")
		r.found = append(r.found, localRef{kind: refRoot, line: line, dest: dest, target: t, image: image})
		hint := "link the file relative to this one"
		switch {
		case strings.HasPrefix(t, PostmortemDir+"/"):
			hint = "write it relative to this file: " + mdDest(relPath(path.Dir(r.file), t))
		case strings.HasPrefix(t, "postmortems/") && (image || attachmentExts[ext] || ext == ".md"):
			// The file below content/postmortems/, as a site whose
			// content/ is its root (Hugo's) links it (QA 17 A-F13).
			hint = "write it relative to this file: " + mdDest(relPath(path.Dir(r.file), "content/"+t))
		case strings.HasPrefix(t, "postmortems/"):
			hint = "link the postmortem's .md file relative to this one, e.g. ../2024/2024-03-14-x.md"
		}
		warnRule(r.diags, RuleBodyLinks, pos, "%s %q starts at the site root and breaks when the site is served under a sub-path (a baseURL like https://example.com/kb/); %s", what, shortDest(dest), hint)
		return "", false
	}
	if ext == ".svg" {
		warnRule(r.diags, RuleBodyLinks, pos, "%s %q is an SVG file, which is not published (opened directly, an SVG can run script); convert it to PNG", what, shortDest(dest))
		return "", false
	}
	target := path.Join(r.dir, p)
	outside := target == ".." || strings.HasPrefix(target, "../") || !strings.HasPrefix(target, PostmortemDir+"/")
	if ext != ".md" && !attachmentExts[ext] {
		switch {
		case p == "":
		case !image && !strings.ContainsAny(p, "/."):
			// Perhaps a postmortem's id, which names no file here.
			r.found = append(r.found, localRef{kind: refBare, line: line, dest: dest, target: p})
		case outside:
			msg := fmt.Sprintf("%s %q names %s outside %s/, which is not published; link its web address instead", what, shortDest(dest), target, PostmortemDir)
			// Perhaps a page or file of the site ("../../systems/web/",
			// "../../feed.xml" from a postmortem in 2024/): resolveRefs
			// looks (QA 17 A-F7).
			r.found = append(r.found, localRef{kind: refOutside, line: line, dest: dest, target: target, text: msg, image: image})
			if id := pageID(p); id != "" && !image {
				// From a postmortem saved directly in content/postmortems/,
				// "../<id>/" leaves the folder as a file path but is a
				// postmortem's page on the site: Unlink must see it too
				// (a public build would name an internal id).
				r.found = append(r.found, localRef{kind: refPage, line: line, dest: dest, target: target, id: id})
			}
		default:
			// Not published (a .zip, a .json, a folder): resolveRefs
			// says so, or that it does not exist.
			ref := localRef{kind: refOther, line: line, dest: dest, target: target, image: image}
			if !image {
				ref.id = pageID(p)
				if ref.id != "" {
					ref.anchor = fragment(frag) // checked as x.md#anchor is (QA 16 B-F1)
				}
			}
			r.found = append(r.found, ref)
		}
		return "", false
	}
	if outside {
		if ext == ".md" {
			warnRule(r.diags, RuleBodyLinks, pos, "%s %q names a file outside %s/, which is not on the site; link its web address instead", what, shortDest(dest), PostmortemDir)
		} else {
			warnRule(r.diags, RuleBodyLinks, pos, "%s %q names a file outside %s/, which is not published; move it next to the postmortems", what, shortDest(dest), PostmortemDir)
		}
		return "", false
	}
	anchor := fragment(frag)
	if frag != "" {
		frag = "#" + frag
	}
	if ext == ".md" {
		id, ok := r.ids[target]
		if !ok {
			id = defaultID(target)
		}
		r.found = append(r.found, localRef{kind: refPostmortem, line: line, dest: dest, target: target, id: id, anchor: anchor})
		return "../" + url.PathEscape(id) + "/index.html" + frag, true
	}
	if image && !imageExts[ext] {
		warnRule(r.diags, RuleBodyLinks, pos, "image %q is a %s file, which a browser cannot show as an image; make it a link: [%s](%s)", shortDest(dest), ext, path.Base(p), dest)
	}
	r.found = append(r.found, localRef{kind: refFile, line: line, dest: dest, target: target})
	return relPath(model.PostmortemPath("x"), model.AttachmentPath(escapeSegments(strings.TrimPrefix(target, PostmortemDir+"/")))) + frag, true
}

// destPath returns the path of the relative link dest: without its
// #fragment and ?query, percent-escapes resolved, in NFC.
func destPath(dest string) string {
	p, _, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if u, err := url.PathUnescape(p); err == nil {
		p = nfc(u)
	}
	return p
}

// fragment is a link's #fragment (without the '#') as the id it names:
// percent-escapes resolved ("%E6%A6%82%E8%A6%81" is 概要), in NFC.
func fragment(f string) string {
	if u, err := url.PathUnescape(f); err == nil {
		f = u
	}
	return nfc(f)
}

// pageIDs are the ids the default theme's postmortem page gives its own
// elements (layouts/base.html, postmortem.html and the partials it shows,
// and those search.js gives the header's list of results, up to five
// postmortems and "all results": QA 18 C-F5): a body may link to them
// ("see #h-actions"). The source package does not read the theme, so a
// custom theme's other ids are not known here, and a link to one is
// warned about.
var pageIDs = []string{
	"main", "site-search-q",
	"h-facts", "h-timeline", "timeline-caption", "h-actions", "pm-actions", "pm-actions-caption",
	"h-related", "h-repeats", "h-body",
	"site-search-list", "site-search-opt-0", "site-search-opt-1", "site-search-opt-2",
	"site-search-opt-3", "site-search-opt-4", "site-search-opt-5",
}

// footnoteID reports whether id has the form of an id goldmark's footnotes
// give their notes and references: fn:1, fnref:1, fnref2:1 (the second
// reference to note 1). A heading's {#id} of that form would repeat one
// (QA 18 C-F4); a heading's text never makes one, since ':' is dropped.
func footnoteID(id string) bool {
	rest, ok := strings.CutPrefix(id, "fn:")
	if !ok {
		if rest, ok = strings.CutPrefix(id, "fnref"); !ok {
			return false
		}
		var n string
		if n, rest, ok = strings.Cut(rest, ":"); !ok || !digits(n, true) {
			return false
		}
	}
	return digits(rest, false)
}

// footnoteLabel returns the label of a footnote that id names by it, as
// a link may, though goldmark's ids are numbered: "note" for fn:note or
// fnref:note ([^note]); "" when id is not of that form.
func footnoteLabel(id string) string {
	rest, ok := strings.CutPrefix(id, "fn:")
	if !ok {
		rest, _ = strings.CutPrefix(id, "fnref:")
	}
	if rest == id || digits(rest, true) {
		return ""
	}
	return rest
}

// digits reports whether s is ASCII digits only, or empty when empty is set.
func digits(s string, empty bool) bool {
	if s == "" {
		return empty
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// pageAnchor reports whether anchor (unescaped, as fragment returns it)
// names an element of a postmortem's page other than a heading of its
// body: one of pageIDs, or the row of one of its action items
// (model.ActionAnchor).
func pageAnchor(anchor string, actions []model.ActionItem) bool {
	if slices.Contains(pageIDs, anchor) {
		return true
	}
	return slices.ContainsFunc(actions, func(a model.ActionItem) bool {
		return fragment(model.ActionAnchor(a.ID)) == anchor
	})
}

// missingAnchor returns the warning for a link dest whose #fragment anchor
// names none of the heading ids of its target, which the message calls
// what, nor an id of the page the theme puts around them (pageAnchor, with
// the target's actions); "" when one has it. prefix goes before a
// suggested id ("#", or the file's path and "#"). A footnote's ids (fn:1,
// fnref:1) are not headings (footnoteIDs checks them on the same page),
// and #top is the top of any page (HTML's rule): neither is checked. Callers check nothing when the site's
// unsafeHTML is on: raw HTML may carry ids of its own.
func missingAnchor(dest, anchor string, ids []string, actions []model.ActionItem, what, prefix string) string {
	// A browser's text fragment (#:~:text=…, what "Copy link to
	// highlight" makes, after a heading's id or alone) is no id: the
	// fragment is what comes before it (QA 16r b-6).
	anchor, _, _ = strings.Cut(anchor, ":~:")
	if anchor == "" || strings.EqualFold(anchor, "top") || footnoteID(anchor) || slices.Contains(ids, anchor) || pageAnchor(anchor, actions) {
		return ""
	}
	msg := fmt.Sprintf("link %q names no heading of %s", shortDest(dest), what)
	if s := diag.Suggest(anchor, ids); s != "" {
		return msg + fmt.Sprintf("; did you mean %q?", prefix+s)
	}
	return msg + "; a heading's id is its text in lower case, '-' for each space, punctuation left out, as in the repository browser (## What went well is #what-went-well, ## タイムライン is #タイムライン)"
}

// hasScheme reports whether a link starts with a URL scheme ("https:",
// "mailto:", "C:" is one too): such a link does not name a file here.
func hasScheme(dest string) bool {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// escapeSegments percent-escapes each segment of a slash-separated path.
func escapeSegments(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// relPath returns the slash-separated path of to as seen from the folder
// from (both relative to the same root): relPath("a/b", "a/c/d") is
// "../c/d". A folder path may end in "/".
// mdDest returns dest written as a Markdown link destination that reads
// as dest, for advice to quote: as it is when it may be (no space, no
// control character, no < or >, no backslash, parentheses balanced), else
// between < and >, where a space and parentheses are text
// (<img/My Graph (1).png>), with < and > percent-encoded (QA 17r R6:
// "![x](img/My Graph (1).png)", as the advice had it, is no image).
func mdDest(dest string) string {
	plain, depth := dest != "", 0
	for _, c := range dest {
		switch {
		case c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '\\':
			plain = false
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth < 0 {
				plain = false
			}
		}
	}
	if plain && depth == 0 {
		return dest
	}
	return "<" + strings.NewReplacer("<", "%3C", ">", "%3E", "\n", "%0A", "\r", "%0D", `\`, `\\`).Replace(dest) + ">"
}

func relPath(from, to string) string {
	f := strings.Split(strings.Trim(path.Clean(from), "/"), "/")
	if len(f) == 1 && f[0] == "." {
		f = nil
	}
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
}

// attachments returns the files the last body shows or links to, sorted,
// before resolveRefs checks that they can be published.
func (r *localRefs) attachments() []string {
	var out []string
	for _, f := range r.found {
		if f.kind == refFile {
			out = append(out, f.target)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
