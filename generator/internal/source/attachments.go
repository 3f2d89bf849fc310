package source

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// MaxAttachmentBytes is the largest image or attachment a build publishes;
// a larger one is reported and left out (a site is not a file store).
const MaxAttachmentBytes = 10 << 20

// resolveRefs settles the references that the bodies of files make to other
// files of the content tree (refs[i] are those of files[i]; see
// localRefs; anchors[i] are the ids of files[i]'s headings): it reports a
// link to a .md file that is not a postmortem of the site or whose
// #fragment names none of its headings, and an image or attachment that
// cannot be published, keeps the
// publishable ones in Postmortem.Attachments, and renders again the bodies
// that link to a postmortem whose id: is not its file name. It runs once
// every file is loaded, on one goroutine, so its output does not depend on
// the order the workers finished in. folders are the folder links the walk
// passed (an attachment reached through one that loops, or through more
// than one, is not published: see throughLinks).
func resolveRefs(fsys fs.FS, cfg *model.SiteConfig, files []File, refs [][]localRef, anchors [][]string, folders folderLinks) *diag.List {
	diags := &diag.List{}
	// ids and renamed are keyed by the path in NFC, as link targets are.
	ids := make(map[string]string, len(files))
	var renamed map[string]string // the ids that are not the file name
	names := make([]string, 0, len(files))
	for _, f := range files {
		key := nfc(f.Path)
		id := defaultID(f.Path)
		if f.PM != nil && f.PM.ID != id {
			id = f.PM.ID
			if renamed == nil {
				renamed = map[string]string{}
			}
			renamed[key] = id
		}
		ids[key] = id
		names = append(names, path.Base(key))
	}
	pathOf := make(map[string]string, len(files)) // id → path
	index := make(map[string]int, len(files))     // path in NFC → index in files
	for i, f := range files {
		index[nfc(f.Path)] = i
		if id := ids[nfc(f.Path)]; pathOf[id] == "" {
			pathOf[id] = f.Path
		}
	}
	var ps *Parser
	var site sitePages // made when a link needs it
	pages := func() sitePages {
		if site == nil {
			site = newSitePages(cfg, files)
		}
		return site
	}
	// published are the images and attachments kept, with where each
	// body links to them, for caseClashes.
	type linked struct {
		file int
		ref  localRef
	}
	var published []linked
	// The same missing file named from many postmortems (a renamed
	// postmortem, a deleted folder of images) is looked up once for each
	// folder that names it: a lookup lists folders and compares names
	// with every postmortem's (QA 21 B: 200 links to one missing file
	// took about a CPU-second of pmkb lint at 10,000 postmortems).
	type refKey struct {
		dir, dest, target string
		kind              refKind
	}
	said := map[refKey]string{}
	once := func(from string, r localRef, say func() string) string {
		k := refKey{path.Dir(from), r.dest, r.target, r.kind}
		msg, ok := said[k]
		if !ok {
			msg = say()
			said[k] = msg
		}
		return msg
	}
	for i, f := range files {
		if f.PM == nil || i >= len(refs) || len(refs[i]) == 0 {
			continue
		}
		again := false
		var kept, links []string
		for _, r := range refs[i] {
			pos := diag.Pos{Path: f.Path, Line: r.line}
			switch r.kind {
			case refPostmortem:
				if id, ok := ids[r.target]; ok {
					links = append(links, id)
				}
				if _, ok := ids[r.target]; !ok {
					warnRule(diags, RuleBodyLinks, pos, "%s", once(f.Path, r, func() string { return missingPostmortem(fsys, f.Path, r, files, names) }))
					break
				}
				if _, ok := renamed[r.target]; ok {
					again = true
				}
				if j := index[r.target]; r.anchor != "" && !cfg.UnsafeHTML && files[j].PM != nil && j < len(anchors) {
					file, _, _ := strings.Cut(r.dest, "#")
					if msg := missingAnchor(r.dest, r.anchor, anchors[j], files[j].PM.ActionItems, files[j].Path, file+"#"); msg != "" {
						warnRule(diags, RuleBodyLinks, pos, "%s", msg)
					}
				}
			case refBare:
				if p, ok := pathOf[r.target]; ok {
					warnRule(diags, RuleBodyLinks, pos, "link %q is read as a file beside this page, not as the postmortem with that id; link its file: %s", shortDest(r.dest), relPath(path.Dir(f.Path), p))
				}
			case refOther:
				msg := notPublished(fsys, r)
				if msg == "" && path.Ext(r.target) == "" {
					msg = missingExtension(fsys, f, r, pathOf)
				}
				switch {
				case msg != "":
					warnRule(diags, RuleBodyLinks, pos, "%s", msg)
				case r.id != "" && pathOf[r.id] != "":
					// "../<id>/": the page of a postmortem, which Unlink
					// must see as it sees a .md link (QA 14 D-F1).
					links = append(links, r.id)
					pageAnchorWarning(diags, pos, r, cfg, files, anchors, index[nfc(pathOf[r.id])])
				case r.id != "":
					// The page of a postmortem renamed, deleted or
					// misspelt: a 404 on the site (QA 16 B-F1).
					warnRule(diags, RuleBodyLinks, pos, "%s", missingPage(r, pathOf))
				default:
					// As the page reads it, from postmortems/<id>/: a
					// link into the old site's addresses (QA 17 A-F7).
					if at := path.Join("postmortems", f.PM.ID, destPath(r.dest)); !pages().has(at) {
						warnRule(diags, RuleBodyLinks, pos, "%s", pages().missing(r, at))
					}
				}
			case refOutside:
				at := path.Join("postmortems", f.PM.ID, destPath(r.dest))
				switch _, err := fs.Stat(fsys, realPath(fsys, r.target)); {
				case pages().has(at):
				case err != nil:
					warnRule(diags, RuleBodyLinks, pos, "%s", pages().missing(r, at))
				default:
					warnRule(diags, RuleBodyLinks, pos, "%s", r.text)
				}
			case refPage:
				switch {
				case pathOf[r.id] != "":
					links = append(links, r.id) // warned about where it was found
					if r.target == "" && underBase(cfg.BaseURL, r.dest) {
						pageAnchorWarning(diags, pos, r, cfg, files, anchors, index[nfc(pathOf[r.id])])
					}
				case r.target == "" && underBase(cfg.BaseURL, r.dest):
					// The page's address on this site, pasted from the
					// browser (QA 16 B-F1); on another host it may be
					// another site's.
					warnRule(diags, RuleBodyLinks, pos, "%s", missingPage(r, pathOf))
				}
			case refRoot:
				if msg := rootTarget(fsys, cfg, r, pages); msg != "" {
					warnRule(diags, RuleBodyLinks, pos, "%s", msg)
				}
			case refSite:
				if at, ok := basePath(cfg.BaseURL, r.dest); ok && !pages().has(at) {
					warnRule(diags, RuleBodyLinks, pos, "%s", pages().missing(r, at))
				}
			case refRawHTML:
				warnRule(diags, RuleBodyLinks, pos, "%s", rawHTMLWarning(fsys, r))
			case refFile:
				if msg := cmp.Or(throughLinks(fsys, f.Path, r, folders), once(f.Path, r, func() string { return unpublishable(fsys, f.Path, r) })); msg != "" {
					warnRule(diags, RuleBodyLinks, pos, "%s", msg)
				} else {
					kept = append(kept, r.target)
					published = append(published, linked{i, r})
				}
			}
		}
		slices.Sort(kept)
		f.PM.Attachments = slices.Compact(kept)
		slices.Sort(links)
		files[i].Links = slices.Compact(links)
		if again {
			if ps == nil {
				ps = NewParser(cfg)
			}
			ps.md.refs.begin(f.Path, f.PM.BodyLine, renamed)
			ps.md.refs.actions = f.PM.ActionItems // ids as the first render made them
			if h, t, err := ps.md.render([]byte(f.PM.Body)); err == nil {
				f.PM.HTML, f.PM.Text, f.PM.Headings = h, t.All, t.Headings
			}
		}
	}
	// Of paths that clash, the one a published postmortem links is kept
	// (review 15 R1: a draft's img/A.png took a published postmortem's
	// img/a.png out of every build, drafts or not).
	targets := make([]string, len(published))
	rank := make(map[string]int, len(published))
	for i, l := range published {
		t, r := l.ref.target, clashRank(files[l.file].PM)
		targets[i] = t
		if old, ok := rank[t]; !ok || r < old {
			rank[t] = r
		}
	}
	slices.Sort(targets)
	clashes := caseClashes(slices.Compact(targets), rank)
	for _, l := range published {
		c, ok := clashes[l.ref.target]
		if !ok {
			continue
		}
		var msg string
		switch {
		case c.folder:
			msg = fmt.Sprintf("%q names %s, in a folder whose name differs only in letter case from %s, which is published: file systems and web hosts that ignore case (macOS, Windows) cannot hold both, so this one is not published; rename one of them", shortDest(l.ref.dest), l.ref.target, c.with)
		case c.holder != "":
			msg = fmt.Sprintf("%q names %s, whose name differs only in letter case from that of the folder %s, where %s is published: file systems and web hosts that ignore case (macOS, Windows) cannot hold both, so this one is not published; rename one of them", shortDest(l.ref.dest), l.ref.target, c.holder, c.with)
		default:
			msg = fmt.Sprintf("%q names %s, whose name differs only in letter case from %s, which is published: file systems and web hosts that ignore case (macOS, Windows) make them one file, so this one is not published; rename one of them", shortDest(l.ref.dest), l.ref.target, c.with)
		}
		f := files[l.file]
		warnRule(diags, RuleBodyLinks, diag.Pos{Path: f.Path, Line: l.ref.line}, "%s", msg)
		f.PM.Attachments = slices.DeleteFunc(f.PM.Attachments, func(a string) bool { return a == l.ref.target })
	}
	return diags
}

// clashRank orders the postmortems whose images and attachments clash in
// letter case (caseClashes), the lowest first: a public one that is not a
// draft (every build keeps it), then an internal one that is not a draft
// (every build but a public one keeps it), then a public draft, then an
// internal draft. The file kept is then in every build that would have
// the other, but for a public build with drafts, where a public draft's
// file still gives way to an internal postmortem's that it leaves out.
func clashRank(p *model.Postmortem) int {
	r := 0
	if p.Draft() {
		r += 2
	}
	if !p.Public() {
		r++
	}
	return r
}

// caseClash is why an image or attachment is not published: its path
// differs only in letter case from that of with, another one published,
// or, when folder is set, one of its folders' paths does, or, when holder
// is set, it differs so from holder, a folder that holds with.
type caseClash struct {
	with   string
	folder bool
	holder string
}

// caseClashes returns, by path, the images and attachments of targets
// (sorted, once each) that cannot be published beside the others where
// letter case does not count, as on macOS, Windows and most web hosts,
// and as the build's output checks (QA 15 A-F4: "img/A.png" and
// "img/a.png" passed lint and failed the build of the whole site). The
// paths are settled by rank (the lowest first: see clashRank; a path
// missing from rank is 0), each against those of lower ranks kept: of
// paths that differ only in case the first is published, and a file below
// a folder whose path is, case aside, a kept file's is not, nor is a file
// whose path is a kept file's folder's. Within a rank, of paths that
// differ only in case the first in byte order is published, and a file
// below a folder whose path is, case aside, another's is not.
func caseClashes(targets []string, rank map[string]int) map[string]caseClash {
	order := slices.Clone(targets)
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(rank[a], rank[b]) })
	out := map[string]caseClash{}
	type below struct{ dir, file string }
	kept := map[string]string{} // folded path → the path kept
	dirs := map[string]below{}  // folded folder path → a kept file below it
	folders := func(t string, fn func(dir string) bool) {
		for i := len(PostmortemDir) + 1; i < len(t); i++ {
			if t[i] == '/' && !fn(t[:i]) {
				return
			}
		}
	}
	for start, end := 0, 0; start < len(order); start = end {
		for end = start; end < len(order) && rank[order[end]] == rank[order[start]]; end++ {
		}
		first := map[string]string{} // folded path → first path of this rank
		var level []string
		for _, t := range order[start:end] {
			k := output.FoldCase(t)
			if f, ok := kept[k]; ok {
				out[t] = caseClash{with: f}
			} else if f, ok := first[k]; ok {
				out[t] = caseClash{with: f}
			} else if b, ok := dirs[k]; ok {
				out[t] = caseClash{with: b.file, holder: b.dir}
			} else {
				first[k] = t
				level = append(level, t)
			}
		}
		for _, t := range level {
			folders(t, func(dir string) bool {
				k := output.FoldCase(dir)
				f, ok := kept[k]
				if !ok {
					f, ok = first[k]
				}
				if ok {
					out[t] = caseClash{with: f, folder: true}
				}
				return !ok
			})
		}
		for _, t := range level {
			if _, ok := out[t]; ok {
				continue
			}
			kept[output.FoldCase(t)] = t
			folders(t, func(dir string) bool {
				if k := output.FoldCase(dir); dirs[k] == (below{}) {
					dirs[k] = below{dir, t}
				}
				return true
			})
		}
	}
	return out
}

// Unlink renders again the bodies of the postmortems of files that keep
// holds (by id, the postmortems a build keeps) and that link to one it does
// not (a draft left out, or an internal postmortem in a public build), with
// each such link as its plain text: a page never links to a page the build
// does not have, nor names an internal postmortem's id in a public site.
// A link to such a page written as a page of the site ("../<id>/",
// "../<id>/index.html") becomes its text as a link to its .md file does.
// Other bodies are left as loading rendered them.
func Unlink(cfg *model.SiteConfig, files []File, keep map[string]bool) {
	ids := make(map[string]string, len(files)) // path in NFC → id
	drop := map[string]bool{}                  // the ids left out
	for _, f := range files {
		id := defaultID(f.Path)
		if f.PM != nil {
			id = f.PM.ID
			ids[nfc(f.Path)] = id
		}
		if !keep[id] {
			drop[id] = true
		}
	}
	var ps *Parser
	for _, f := range files {
		if f.PM == nil || !keep[f.PM.ID] || !slices.ContainsFunc(f.Links, func(id string) bool { return !keep[id] }) {
			continue
		}
		if ps == nil {
			ps = NewParser(cfg)
		}
		ps.md.refs.begin(f.Path, f.PM.BodyLine, ids)
		ps.md.refs.keep, ps.md.refs.drop = keep, drop
		ps.md.refs.actions = f.PM.ActionItems // ids as the first render made them
		if h, t, err := ps.md.render([]byte(f.PM.Body)); err == nil {
			f.PM.HTML, f.PM.Text, f.PM.Headings = h, t.All, t.Headings
		}
	}
}

// missingPostmortem says why the .md file a link names is not on the site.
func missingPostmortem(fsys fs.FS, from string, r localRef, files []File, names []string) string {
	// Files reads no postmortem through a symbolic link.
	switch link := linkOnPath(fsys, r.target); link {
	case "":
	case r.target:
		return fmt.Sprintf("link %q names %s, a symbolic link: pmkb reads only regular files as postmortems, so it has no page on the site; move the file here instead of linking it", shortDest(r.dest), r.target)
	default:
		msg := fmt.Sprintf("link %q names %s, which is reached through the symbolic link %s: pmkb does not read postmortems in a linked folder", shortDest(r.dest), r.target, link)
		if to, ok := linkedInside(fsys, link); ok {
			real := path.Join(to, strings.TrimPrefix(r.target, link+"/"))
			for _, f := range files {
				if nfc(f.Path) == real {
					return msg + fmt.Sprintf(" (it reads them where they are); did you mean %q?", relPath(path.Dir(from), f.Path))
				}
			}
		}
		return msg + ", so it has no page on the site; move the folder here instead of linking it"
	}
	if _, err := fs.Stat(fsys, realPath(fsys, r.target)); err == nil {
		return fmt.Sprintf("link %q names %s, which is not a postmortem (it has no page on the site); link its web address instead", shortDest(r.dest), r.target)
	}
	msg := fmt.Sprintf("link %q names %s, which does not exist", shortDest(r.dest), r.target)
	// A name that differs only in case is as close as a name gets (QA 14
	// A-F10): the repository browser and the site tell the cases apart.
	for _, f := range files {
		if strings.EqualFold(nfc(f.Path), r.target) {
			return msg + fmt.Sprintf("; did you mean %q?", relPath(path.Dir(from), f.Path))
		}
	}
	// Names that start with a date are all alike to Suggest; a typo is a
	// few edits away (case aside, as Suggest counts them).
	base := path.Base(r.target)
	if s := diag.Suggest(base, names); s != "" && diag.EditDistance(strings.ToLower(s), strings.ToLower(base)) <= 3 {
		for _, f := range files {
			if nfc(path.Base(f.Path)) == s {
				return msg + fmt.Sprintf("; did you mean %q?", relPath(path.Dir(from), f.Path))
			}
		}
	}
	return msg
}

// missingPage returns the warning for the link r, written as the page of
// a postmortem (refOther or refPage with an id), when no postmortem has
// its id, with the link to the closest id as a did-you-mean: one that
// differs only in case, else one a few edits away. pathOf maps each
// postmortem's id to its path.
func missingPage(r localRef, pathOf map[string]string) string {
	msg := fmt.Sprintf("link %q names the page of no postmortem: no postmortem has id %q", shortDest(r.dest), r.id)
	ids := make([]string, 0, len(pathOf))
	for id := range pathOf {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	best := ""
	for _, id := range ids {
		if strings.EqualFold(id, r.id) {
			best = id
			break
		}
	}
	if best == "" {
		if s := diag.Suggest(r.id, ids); s != "" && diag.EditDistance(strings.ToLower(s), strings.ToLower(r.id)) <= 3 {
			best = s
		}
	}
	if best == "" {
		return msg
	}
	// The link as written with the id replaced, when it is written
	// there as it is (not percent-escaped): in its path, not in a
	// #fragment that holds the id too (review 16).
	page, _, _ := strings.Cut(r.dest, "#")
	if i := strings.LastIndex(page, r.id); i >= 0 {
		return msg + fmt.Sprintf("; did you mean %q?", r.dest[:i]+best+r.dest[i+len(r.id):])
	}
	return msg + fmt.Sprintf("; did you mean the postmortem %q?", best)
}

// pageAnchorWarning warns at pos when the link r to the page of the
// postmortem files[j] has a #fragment that names none of its headings nor
// an id of its page, as a link to its .md file with that fragment is
// warned about (QA 16 B-F1, qa15r-b #5); not with unsafeHTML.
func pageAnchorWarning(diags *diag.List, pos diag.Pos, r localRef, cfg *model.SiteConfig, files []File, anchors [][]string, j int) {
	if r.anchor == "" || cfg.UnsafeHTML || j >= len(anchors) || files[j].PM == nil {
		return
	}
	page, _, _ := strings.Cut(r.dest, "#")
	if msg := missingAnchor(r.dest, r.anchor, anchors[j], files[j].PM.ActionItems, "the postmortem "+files[j].PM.ID, page+"#"); msg != "" {
		warnRule(diags, RuleBodyLinks, pos, "%s", msg)
	}
}

// sitePages are the pages and files a build writes, as far as the
// postmortems and the configuration tell: paths relative to the site root,
// without "/" at either end ("systems/checkout-api", "feed.xml"). The
// pages of a theme's own are not known here.
type sitePages map[string]bool

// siteSections are the folders of the site whose every path is taken to
// be there: the assets, the JSON API, the search shards, the charts and
// the published attachments (which the links to them check on their own).
var siteSections = []string{"assets/", "api/", "search/", "stats/", "postmortems/_files/"}

// newSitePages returns the pages a build of files writes with cfg: the
// site's own (the home page, the lists, model.FixedFiles), each
// postmortem's, and
// the pages of the systems, causes, teams, tags, severities, years and
// action-item owners the postmortems and cfg name. A draft's terms count:
// lint does not know whether a build takes drafts.
func newSitePages(cfg *model.SiteConfig, files []File) sitePages {
	s := sitePages{}
	for _, p := range []string{"index.html", "404.html", "actions",
		"actions/owners", "postmortems", "systems", "causes", "teams", "tags", "severity", "years"} {
		s[p] = true
	}
	for _, p := range model.FixedFiles {
		s[p] = true
	}
	put := func(p string) { s[strings.TrimSuffix(p, "/")] = true }
	sevs := cfg.Severities
	if len(sevs) == 0 {
		sevs = model.DefaultSeverities
	}
	for _, sv := range sevs {
		put(model.SeverityPath(sv.Level))
	}
	for _, c := range cfg.Causes {
		put(model.CausePath(c.Slug))
	}
	for _, sy := range cfg.Systems {
		put(model.SystemPath(sy.Slug))
		if sy.Team != "" {
			put(model.TeamPath(sy.Team))
		}
	}
	var tags []string
	for _, f := range files {
		p := f.PM
		if p == nil {
			continue
		}
		put(model.PostmortemPath(p.ID))
		put(model.SeverityPath(p.Severity))
		put(model.YearPath(p.Date.Year()))
		// A term a postmortem names has a chart on its page.
		for _, x := range p.Systems {
			put(model.SystemPath(x))
			put(model.TermChartPath(model.SystemPath(x)))
		}
		for _, x := range p.Causes {
			put(model.CausePath(x))
			put(model.TermChartPath(model.CausePath(x)))
		}
		for _, x := range p.Teams {
			put(model.TeamPath(x))
		}
		for _, a := range p.ActionItems {
			if a.Owner != "" {
				put(model.OwnerPath(a.Owner))
			}
		}
		tags = append(tags, p.Tags...)
	}
	for _, p := range model.TagPaths(tags) {
		put(p)
	}
	return s
}

// clean returns the site path p as has takes it: what a browser makes of
// it ("a/../b" is "b", ".." above the root stays at the root), without
// "/" at either end and without a last "index.html".
func (sitePages) clean(p string) string {
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if p == "index.html" {
		return ""
	}
	return strings.TrimSuffix(p, "/index.html")
}

// has says whether the site path p is a page or file of the site.
func (s sitePages) has(p string) bool {
	p = s.clean(p)
	if p == "" || s[p] {
		return true
	}
	for _, sec := range siteSections {
		if strings.HasPrefix(p+"/", sec) {
			return true
		}
	}
	return false
}

// missing is the warning for the link r, which leads to the site path at
// where the site has nothing, with a did-you-mean among the pages of the
// same folder ("tags/outage" for "tags/outgae").
func (s sitePages) missing(r localRef, at string) string {
	at = s.clean(at)
	what := "link"
	if r.image {
		what = "image"
	}
	show := func(p string) string {
		if path.Ext(p) == "" {
			return p + "/"
		}
		return p
	}
	msg := fmt.Sprintf("%s %q leads to %s on the site, and there is no page or file of the site there", what, shortDest(r.dest), show(at))
	if dir := path.Dir(at); dir != "." {
		var near []string
		for p := range s {
			if path.Dir(p) == dir {
				near = append(near, p)
			}
		}
		slices.Sort(near)
		if n := diag.Suggest(at, near); n != "" {
			return msg + fmt.Sprintf("; did you mean %s?", show(n))
		}
	}
	if r.image {
		return msg + "; save the image next to the postmortem and link it by its relative path"
	}
	return msg + "; link a page that exists (another postmortem by its .md file), or remove the link"
}

// rootTarget returns the warning for the root-relative link r (refRoot)
// when it names nothing: no file of content/ (below content/postmortems/,
// or content/ taken as the site's root, as Hugo takes it) and no page of
// the site, its baseURL's path aside. The warning made with the file says
// how to link relatively; this one says there is nothing to link to, and
// for an image in Hugo's static/ folder, where it is.
func rootTarget(fsys fs.FS, cfg *model.SiteConfig, r localRef, pages func() sitePages) string {
	t := r.target
	if b, err := url.Parse(cfg.BaseURL); err == nil {
		if base := strings.Trim(b.Path, "/"); base != "" {
			t = strings.TrimPrefix(t, base+"/")
		}
	}
	if ext := strings.ToLower(path.Ext(t)); ext == ".md" || attachmentExts[ext] || ext == ".svg" {
		for _, c := range []string{t, "content/" + t, PostmortemDir + "/" + t} {
			if fi, err := fs.Stat(fsys, realPath(fsys, c)); err == nil && !fi.IsDir() {
				return ""
			}
		}
	}
	if pages().has(t) {
		return ""
	}
	if fi, err := fs.Stat(fsys, "static/"+t); err == nil && !fi.IsDir() {
		what := "link"
		if r.image {
			what = "image"
		}
		return fmt.Sprintf("%s %q leads to %s on the site, and there is no page or file of the site there: static/%s is in Hugo's static folder, which pmkb does not publish; move it next to the postmortem and link it by its relative path", what, shortDest(r.dest), t, t)
	}
	return pages().missing(r, t)
}

// basePath returns the site path the web address dest names when it is
// under baseURL base (underBase), without base's path.
func basePath(base, dest string) (string, bool) {
	if !underBase(base, dest) {
		return "", false
	}
	b, _ := url.Parse(base)
	u, _ := url.Parse(dest)
	return strings.TrimPrefix(u.Path, strings.TrimSuffix(b.Path, "/")+"/"), true
}

// underBase says whether the web address dest is on the site whose
// baseURL is base: the same host (any scheme) and a path below base's.
// A base without a host ("/", the default) has no address to compare.
func underBase(base, dest string) bool {
	b, err := url.Parse(base)
	if err != nil || b.Host == "" {
		return false
	}
	u, err := url.Parse(dest)
	if err != nil || !strings.EqualFold(u.Host, b.Host) {
		return false
	}
	return strings.HasPrefix(u.Path, strings.TrimSuffix(b.Path, "/")+"/")
}

// notPublished says why the file or folder r names, of a type the site
// does not publish (refOther), is not on the site, or returns "" when it
// may be a page of the site: a link without an extension, or to an .html
// file, that names nothing in the content tree ("../<id>/", the page of
// another postmortem, resolves on the site).
func notPublished(fsys fs.FS, r localRef) string {
	what := "link"
	if r.image {
		what = "image"
	}
	fi, err := fs.Stat(fsys, realPath(fsys, r.target))
	switch ext := strings.ToLower(path.Ext(r.target)); {
	case err != nil && (ext == "" || ext == ".html" || ext == ".htm"):
		return ""
	case err != nil:
		return fmt.Sprintf("%s %q names %s, which does not exist", what, shortDest(r.dest), r.target)
	case fi.IsDir():
		return fmt.Sprintf("%s %q names the folder %s, which is not published (the site has no page for a folder); link a file in it, or the folder's web address", what, shortDest(r.dest), r.target)
	case markdownExts[strings.ToLower(path.Ext(r.target))]:
		return fmt.Sprintf("%s %q names %s, which is not published: only .md files are postmortems; rename it to .md", what, shortDest(r.dest), r.target)
	}
	return fmt.Sprintf("%s %q names %s, which is not published: beside the postmortems pmkb publishes only images (.png, .jpg, .gif, .webp, .avif) and .pdf, .txt, .log and .csv files; link it where it is stored", what, shortDest(r.dest), r.target)
}

// missingExtension returns the warning for the link r of f without an
// extension that names nothing in the content tree (notPublished lets it
// through: it may be a page of the site) when a file of the folder it
// names has its name and an extension pmkb reads (a .md first, for an
// image an image), its case aside: "../2024/2024-03-14-x" for "../2024/2024-03-14-x.md", which
// the repository browser and the site both answer with a 404 (QA 14
// A-F10). A link that the site reads as the page of a postmortem (it
// resolves, from f's page postmortems/<id>/, to postmortems/<an id>) is
// left alone, as is one with no such file beside it; pathOf maps each
// postmortem's id to its path.
func missingExtension(fsys fs.FS, f File, r localRef, pathOf map[string]string) string {
	dir := nfc(path.Dir(f.Path))
	page := path.Join("postmortems", f.PM.ID, relPath(dir, r.target))
	if id, ok := strings.CutPrefix(page, "postmortems/"); ok && pathOf[id] != "" {
		return ""
	}
	entries, err := fs.ReadDir(fsys, realPath(fsys, path.Dir(r.target)))
	if err != nil {
		return ""
	}
	base, best, rank := path.Base(r.target), "", 0
	for _, e := range entries {
		name := nfc(e.Name())
		stem, ext := strings.TrimSuffix(name, path.Ext(name)), strings.ToLower(path.Ext(name))
		if e.IsDir() || !strings.EqualFold(stem, base) || ext != ".md" && !attachmentExts[ext] {
			continue
		}
		// A .md file first (for an image, an image), then the name in
		// the link's case.
		n := 1
		if stem == base {
			n++
		}
		if !r.image && ext == ".md" || r.image && imageExts[ext] {
			n += 2
		}
		if n > rank {
			best, rank = name, n
		}
	}
	if best == "" {
		return ""
	}
	s := relPath(dir, path.Join(path.Dir(r.target), best))
	if _, frag, ok := strings.Cut(r.dest, "#"); ok {
		s += "#" + frag
	}
	what := "link"
	if r.image {
		what = "image"
	}
	return fmt.Sprintf("%s %q names %s, which does not exist; did you mean %q?", what, shortDest(r.dest), r.target, s)
}

// maxHops is how many symbolic links folderLinks.follow follows to find
// the path of a file without links, as a system's limit (40 on Linux)
// ends a loop.
const maxHops = 40

// follow returns the links of l that the path target (below
// content/postmortems/, in NFC) goes through, each by its own path without
// links, in the order the file system follows them, and target's path
// without links: where the file is. real is "" when that takes more than
// maxHops links (a loop).
func (l folderLinks) follow(target string) (crossed []string, real string) {
	rest := strings.Split(target, "/")
	for len(rest) > 0 {
		next := path.Join(real, rest[0])
		rest = rest[1:]
		to, ok := l[next]
		if !ok {
			real = next
			continue
		}
		if crossed = append(crossed, next); len(crossed) > maxHops {
			return crossed, ""
		}
		// The folder the link leads to may be reached through a link
		// itself: read its path again from the top.
		real, rest = "", append(strings.Split(to, "/"), rest...)
	}
	return crossed, real
}

// throughLinks returns why the image or attachment r, which the postmortem
// from links to, is not published when its path goes through a folder
// link of links that leads to the folder it is in or one that holds it (a
// loop: "a -> ." makes f/a/x.log, f/a/a/x.log, … each a path of one file),
// or through more than one link (a link inside a linked folder), or "".
// A file is then published under its own path and at most one more for
// each link that leads to a folder holding it, however many paths a body
// writes (QA 15 A-F3: 510 copies of one log from one body). The message
// says where the file is, when it is there.
func throughLinks(fsys fs.FS, from string, r localRef, links folderLinks) string {
	if len(links) == 0 {
		return ""
	}
	crossed, real := links.follow(r.target)
	if len(crossed) == 0 {
		return ""
	}
	var msg string
	switch first, to := crossed[0], links[crossed[0]]; {
	case loops(first, to):
		where := "a folder that holds it"
		if to == path.Dir(first) {
			where = "the folder it is in"
		}
		msg = fmt.Sprintf("%q names %s, which is reached through the symbolic link %s: it leads back to %s, %s, so following it would loop, and pmkb publishes nothing reached through it", shortDest(r.dest), r.target, first, to, where)
	case len(crossed) > 1:
		shown := crossed[:min(len(crossed), 3)]
		more := ""
		if len(crossed) > len(shown) {
			more = ", …"
		}
		msg = fmt.Sprintf("%q names %s, which is reached through %d symbolic links (%s%s): pmkb follows one link on the way to a file, so it is not published", r.dest, r.target, len(crossed), strings.Join(shown, ", "), more)
	default:
		return ""
	}
	if real != "" {
		if fi, err := fs.Lstat(fsys, realPath(fsys, real)); err == nil && fi.Mode().IsRegular() {
			msg += fmt.Sprintf("; link %q instead", relPath(path.Dir(from), real))
		}
	}
	return msg
}

// unpublishable returns why the image or attachment r names cannot be
// published, or "".
func unpublishable(fsys fs.FS, from string, r localRef) string {
	for _, seg := range strings.Split(r.target, "/") {
		if strings.HasPrefix(seg, ".") {
			return fmt.Sprintf("%q is in a hidden folder or file, which is not published", shortDest(r.dest))
		}
	}
	fi, err := fs.Lstat(fsys, realPath(fsys, r.target))
	if err != nil {
		// A folder link that the file system follows leads inside
		// content/postmortems/ (see dirFS in cmd/pmkb): the file is
		// just not there.
		if link := linkOnPath(fsys, r.target); link != "" {
			if _, err := fs.ReadDir(fsys, link); err != nil {
				return fmt.Sprintf("%q names %s, which is reached through the symbolic link %s: pmkb follows a link only to a folder inside %s/, so it is not published; move the folder here instead of linking it", shortDest(r.dest), r.target, link, PostmortemDir)
			}
		}
		msg := fmt.Sprintf("%q names %s, which does not exist", shortDest(r.dest), r.target)
		if entries, err := fs.ReadDir(fsys, path.Dir(r.target)); err == nil {
			var names []string
			for _, e := range entries {
				if !e.IsDir() && attachmentExts[strings.ToLower(path.Ext(e.Name()))] {
					names = append(names, e.Name())
				}
			}
			if s := diag.Suggest(path.Base(r.target), names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", relPath(path.Dir(from), path.Join(path.Dir(r.target), s)))
			}
		}
		return msg
	}
	if !fi.Mode().IsRegular() {
		return fmt.Sprintf("%q names %s, which is not a regular file (a folder or a symbolic link), so it is not published", shortDest(r.dest), r.target)
	}
	if fi.Size() > MaxAttachmentBytes {
		return fmt.Sprintf("%q is larger than %s, the limit for published files, so it is not published; link it where it is stored instead", shortDest(r.dest), size(MaxAttachmentBytes))
	}
	return ""
}

// PutAttachments reads the images and attachments that pms show or link to
// (Postmortem.Attachments) from fsys and hands each to put with its site
// path (model.AttachmentPath), once even when several postmortems share
// it, in path order. A file that read holds (by path, as TextAttachments
// named it) is not read again: its bytes in read are published, the very
// bytes a build scanned for secrets. A file that has gone, is not a
// regular file or is over MaxAttachmentBytes is left out: loading reported
// it.
func PutAttachments(fsys fs.FS, pms []*model.Postmortem, read map[string][]byte, put func(sitePath string, data []byte) error) error {
	for _, name := range attachmentsOf(pms) {
		rel, ok := strings.CutPrefix(name, PostmortemDir+"/")
		if !ok {
			continue
		}
		data, ok := read[name]
		if !ok {
			var err error
			if data, ok, err = readAttachment(fsys, name); err != nil {
				return err
			}
		}
		if !ok {
			continue
		}
		if err := put(model.AttachmentPath(rel), data); err != nil {
			return err
		}
	}
	return nil
}

// attachmentsOf returns the files pms show or link to, sorted, once each.
func attachmentsOf(pms []*model.Postmortem) []string {
	var all []string
	for _, p := range pms {
		all = append(all, p.Attachments...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

// textExts are the attachment types that hold text: a build publishes them
// as they are, so it scans them for secrets first (TextAttachments).
// Images and PDFs are not scanned.
var textExts = map[string]bool{".txt": true, ".log": true, ".csv": true}

// TextAttachments calls fn, in path order, with the path (relative to the
// site root) and the bytes of every text attachment (.txt, .log, .csv)
// that pms link to and PutAttachments would publish, once each: the files
// a build must scan for secrets before it publishes anything (and then
// hands to PutAttachments, so it reads each once). The list holds the
// files that cannot be read.
func TextAttachments(fsys fs.FS, pms []*model.Postmortem, fn func(name string, data []byte)) *diag.List {
	diags := &diag.List{}
	for _, name := range attachmentsOf(pms) {
		if !textExts[strings.ToLower(path.Ext(name))] || !strings.HasPrefix(name, PostmortemDir+"/") {
			continue
		}
		data, ok, err := readAttachment(fsys, name)
		if err != nil {
			diags.Errorf(diag.Pos{Path: name}, "cannot read: %v", errors.Unwrap(err))
			continue
		}
		if ok {
			fn(name, data)
		}
	}
	return diags
}

// readAttachment reads one attachment, name in NFC as a link names it (see
// realPath); ok is false when it is not there to publish.
func readAttachment(fsys fs.FS, name string) (data []byte, ok bool, err error) {
	name = realPath(fsys, name)
	fi, err := fs.Lstat(fsys, name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > MaxAttachmentBytes {
		return nil, false, nil
	}
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil // deleted since (QA 16 B-F6)
	}
	if err != nil {
		return nil, false, fmt.Errorf("%s: cannot read: %w", name, err)
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, MaxAttachmentBytes+1))
	if err != nil {
		return nil, false, fmt.Errorf("%s: cannot read: %w", name, err)
	}
	if len(data) > MaxAttachmentBytes {
		return nil, false, nil
	}
	return data, true, nil
}

// linkOnPath returns the first path on the way from content/postmortems/
// down to target (a path below it, target included) that is a symbolic
// link, or "" when none is or target is not below content/postmortems/.
// It looks only when a link's target is missing or not a postmortem, so
// its Lstat calls cost nothing in a site without problems.
func linkOnPath(fsys fs.FS, target string) string {
	rel, ok := strings.CutPrefix(target, PostmortemDir+"/")
	if !ok {
		return ""
	}
	p := PostmortemDir
	for _, seg := range strings.Split(rel, "/") {
		p = path.Join(p, seg)
		fi, err := fs.Lstat(fsys, realPath(fsys, p))
		if err != nil {
			return ""
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return p
		}
	}
	return ""
}

// realPath returns the path in fsys of the file or folder that p, a
// slash-separated path in NFC (a link target), names: p itself when it is
// there, else the path whose names are p's in another normalization form
// (a file unpacked from a zip archive or copied from macOS has a name in
// NFD), or p when there is none. The site publishes the file under p.
func realPath(fsys fs.FS, p string) string {
	if _, err := fs.Lstat(fsys, p); err == nil {
		return p
	}
	dir := "."
	for _, seg := range strings.Split(p, "/") {
		next := path.Join(dir, seg)
		if _, err := fs.Lstat(fsys, next); err != nil {
			entries, err := fs.ReadDir(fsys, dir)
			if err != nil {
				return p
			}
			found := false
			for _, e := range entries {
				if e.Name() != seg && nfc(e.Name()) == seg {
					next, found = path.Join(dir, e.Name()), true
					break
				}
			}
			if !found {
				return p
			}
		}
		dir = next
	}
	return dir
}
