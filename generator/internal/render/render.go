// Package render builds every HTML page of a knowledge-base site from a
// model.KnowledgeBase and a theme (html/template layouts, UI strings and
// static assets in an fs.FS). It is the only importer of html/template:
// every postmortem field reaches the pages through its contextual escaping,
// and the one value trusted as HTML is the Markdown body the loader already
// rendered safely (see trustedBody).
//
// Every internal link is relative to the page it is on and names the
// index.html file, so a site works opened from disk, under a sub-path of
// its base URL and on any static host. The exception is 404.html, which a
// host serves at any URL: its links are absolute from the base URL's path.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// Options are the inputs of Site besides the knowledge base and the theme.
type Options struct {
	// Similar maps a postmortem id to the ids of its most similar
	// incidents, best first (from the search package); may be nil, and an
	// id without entries has no "similar incidents" section. A page lists
	// the first MaxSimilarShown of them that it does not already link
	// (repeats, related incidents, backlinks), so a caller gives that many
	// more than MaxSimilarShown (SimilarWanted).
	Similar map[string][]string
	// Repeats maps a postmortem id to the earlier incidents it repeats,
	// newest first, with their action items still open on its day (from
	// stats). When Repeats is not nil every postmortem page says whether
	// it is a repeat; nil leaves that out.
	Repeats map[string][]Repeated
	// RepeatTotals, when it has a postmortem's id, is how many distinct
	// earlier incidents that postmortem repeats: its Repeats may then stop
	// once they hold the MaxRepeatsShown its page lists (a system and
	// cause that fail every week made 660 a postmortem, half a gigabyte of
	// lists at 8,000 postmortems: QA 18 A-F2).
	RepeatTotals map[string]int
	// Terms are the small figures of system and cause pages, by the term's
	// site path ("systems/api/"); may be nil.
	Terms map[string]*TermFigures
	// Audience is "internal" (the default) or "public"; it is shown, and a
	// public site has no edit links to the repository.
	Audience string
	// Pages are pages other parts of pmkb add in the site's layout, such
	// as the statistics page at "stats/".
	Pages []Page
	// Only, when not nil, renders just the pages of these postmortem ids
	// and nothing else (no lists, no static files): the quick first update
	// of pmkb serve after an edit, before the whole site is rebuilt.
	Only []string
	// ReuseBuffers tells Stream that put is done with a file's bytes when
	// it returns (it wrote them out), so a worker makes its next page in
	// the same buffer: at 10,000 postmortems that is ~290 MB less
	// allocated and collected. Leave it false when put keeps the bytes.
	ReuseBuffers bool
}

// Site renders every HTML page of kb with the theme, adds the generated
// severity stylesheet and copies the theme's static/ tree to the site root.
// The files are sorted by path; the same inputs give byte-identical files.
// A theme static file "assets/search.js" is expected (the search package
// owns it); every page loads it. Site is Stream collecting the files.
func Site(kb *model.KnowledgeBase, theme fs.FS, opts Options) ([]output.File, error) {
	var (
		mu    sync.Mutex
		files []output.File
	)
	err := Stream(kb, theme, opts, func(f output.File) error {
		mu.Lock()
		files = append(files, f)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// Stream renders the files of Site and hands each to put as soon as it is
// made, in no particular order, from several goroutines at once: put
// must be safe for concurrent use. Stream keeps no page after put
// returns, so a site need not fit in memory twice. The first error, from
// rendering or from put, stops the rendering and is returned; files put
// before it must then be discarded. Two files with one path are an
// error found before any file is put; UI strings the theme lacks are one
// error, listing them all, after the last page.
func Stream(kb *model.KnowledgeBase, theme fs.FS, opts Options, put func(output.File) error) error {
	lang := kb.Config.Language
	if lang == "" {
		lang = "en"
	}
	tr, err := loadTranslator(theme, lang)
	if err != nil {
		return err
	}
	tpls, err := loadTemplates(theme, tr)
	if err != nil {
		return err
	}
	for _, p := range kb.Postmortems {
		if p.ID == "" || p.ID == "." || p.ID == ".." || strings.ContainsAny(p.ID, "/\\") {
			return fmt.Errorf("%s: postmortem id %q cannot name a page", p.Path, p.ID)
		}
	}
	b := newBuilder(kb, opts, tr, tpls)
	// The theme's static files (its scripts minified) and severity.css:
	// a page links each by a URL with its content's hash (assetVersions),
	// pmkb serve's quick update of one page too, which writes none.
	static, err := staticFiles(theme)
	if err != nil {
		return err
	}
	static = append([]output.File{{Path: "assets/severity.css", Data: severityCSS(kb.Config.Severities)}}, static...)
	b.assetV = assetVersions(static)
	var files []output.File // the files made before the pages
	if opts.Only != nil {
		err = b.postmortemPages()
	} else {
		err = b.build()
		files = static
	}
	if err != nil {
		return themeError(theme, err)
	}
	if err := tr.err(); err != nil {
		return err
	}
	paths := make([]string, 0, len(b.jobs)+len(files))
	for _, j := range b.jobs {
		paths = append(paths, j.out)
	}
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	slices.Sort(paths)
	own := ownStatic(theme)
	for i := 1; i < len(paths); i++ {
		if paths[i] == paths[i-1] {
			if own[paths[i]] {
				return staticClash(theme, paths[i], paths[i])
			}
			return fmt.Errorf("two pages would be written to %q (names that differ only in case or punctuation?)", paths[i])
		}
	}
	if err := b.executeAll(files, put); err != nil {
		return themeError(theme, err)
	}
	// UI strings the theme lacks are reported together, once every page
	// has asked for its own.
	return tr.err()
}

// maxReusedBuffer is the largest page buffer a worker keeps for its next
// page once it has written a page smaller than that: the few larger pages
// (the lists of postmortems and of action items, the pages of the
// commonest terms) are made together, before the postmortems' pages
// (builder.build), so a large buffer serves the next large page and is
// dropped when the pages become small again.
const maxReusedBuffer = 1 << 20

// maxReusedSpans is the most spans a worker keeps room for, for the same
// reason: the spans of the list of every action item would hold megabytes
// of pointers for the collector to scan until the end of the build. (Its
// template output is kept up to maxReusedBuffer.)
const maxReusedSpans = 1 << 14

// executeAll renders every page on all CPUs and puts each, and each of
// the files made before, as soon as it is ready. An error stops the
// workers; the first in the order of the jobs is returned.
func (b *builder) executeAll(files []output.File, put func(output.File) error) error {
	var (
		next    atomic.Int64
		stopped atomic.Bool
		mu      sync.Mutex
		first   error
		firstAt int
		wg      sync.WaitGroup
	)
	// The error returned is that of the first page in the order of the
	// jobs, not in time, so that a layout failing on many pages names the
	// same page in every build: every job before a failed one was taken
	// before it and runs to its end.
	fail := func(i int, err error) {
		mu.Lock()
		if first == nil || i < firstAt {
			first, firstAt = err, i
		}
		mu.Unlock()
		stopped.Store(true)
	}
	n := len(b.jobs) + len(files)
	// Twice the CPUs: a worker waiting for put to write leaves its CPU to
	// another.
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf []byte // the page buffer, with ReuseBuffers
			// The worker's own scratch for its pages: a sync.Pool is
			// emptied by every collection, and the pieces and lists of a
			// page of thousands of rows would be grown again each time.
			var sc scratch
			for !stopped.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				var f output.File
				if i < len(b.jobs) {
					j := b.jobs[i]
					b.jobs[i] = nil // its views are garbage once it is made
					j.lists.all = sc.lists.all[:0]
					if err := b.prepare(j); err != nil {
						fail(i, b.errorOn(j.out, j.kind, err))
						return
					}
					data, err := b.execute(j, buf[:0], &sc)
					sc.lists.all = j.lists.all
					sc.reset()
					if cap(sc.spans) > maxReusedSpans {
						sc.spans = nil
					}
					if sc.buf.Cap() > maxReusedBuffer {
						sc.buf = bytes.Buffer{}
					}
					if err != nil {
						fail(i, b.errorOn(j.out, j.kind, err))
						return
					}
					buf = nil
					if b.opts.ReuseBuffers && (cap(data) <= maxReusedBuffer || len(data) > maxReusedBuffer) {
						buf = data
					}
					f = output.File{Path: j.out, Data: data}
				} else {
					f = files[i-len(b.jobs)]
				}
				if err := put(f); err != nil {
					fail(i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// pageError is an error met while making one page: Page is its file
// ("postmortems/x/index.html") and Source the postmortem file it shows,
// when it shows one ("content/postmortems/2024/x.md"). A problem of the
// site's theme folder names them (themeError), so that the author of a
// theme learns which postmortem its layout failed on.
type pageError struct {
	Page, Source string
	// Kind is the page's layout, layouts/<Kind>.html, when known.
	Kind string
	Err  error
}

// Error is "render PAGE: cause".
func (e *pageError) Error() string { return "render " + e.Page + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *pageError) Unwrap() error { return e.Err }

// errorOn is err met while making the page out of kind, as a *pageError.
func (b *builder) errorOn(out, kind string, err error) error {
	e := &pageError{Page: out, Kind: kind, Err: err}
	if id, ok := strings.CutPrefix(strings.TrimSuffix(out, "/index.html"), "postmortems/"); ok {
		if p, ok := b.kb.ByID(id); ok {
			e.Source = p.Path
		}
	}
	return e
}

// trustedBody is the one place where content becomes template.HTML: the
// postmortem body the loader rendered from Markdown with raw HTML escaped
// and dangerous link targets removed (model.Postmortem.HTML), with a link
// after each heading (anchorHeadings; label makes its aria-label, in the
// language lang when that is not the body's).
func trustedBody(p *model.Postmortem, lang string, label func(heading string) string) template.HTML {
	return template.HTML(anchorHeadings(p.HTML, lang, label)) //nolint:gosec // goldmark output, safe by construction (see doc); anchorHeadings escapes what it adds.
}

// severityCSS is the stylesheet of the severity badges: one class per
// configured level (by rank, so no content reaches a selector) with the
// configured colour, validated as hex, or else a default colour of its rank
// (rankBadge), and black or white text, whichever contrasts more.
func severityCSS(levels []model.Severity) []byte {
	var buf bytes.Buffer
	buf.WriteString("/* Severity badges: generated from the site configuration. */\n")
	for i, s := range levels {
		if _, _, _, ok := parseHexColor(s.Color); !ok {
			s.Color = rankBadge(i)
		}
		bg, fg := badgeColors(s.Color)
		fmt.Fprintf(&buf, ".sev-r%d, a.sev-r%d:link, a.sev-r%d:visited { background-color: %s; color: %s; border-color: %s; }\n", i, i, i, bg, fg, bg)
	}
	bg, fg := badgeColors(fallbackBadge)
	fmt.Fprintf(&buf, ".sev-unknown, a.sev-unknown:link, a.sev-unknown:visited { background-color: %s; color: %s; border-color: %s; }\n", bg, fg, bg)
	return buf.Bytes()
}

// page is what layouts/base.html renders; Main is the page kind's own data.
type page struct {
	Lang      string
	SiteTitle string
	// Title is the page's part of <title> and its h1; empty on the home
	// page.
	Title     string
	Root      string
	Canonical string
	// Description is the page's <meta name="description">: a
	// postmortem's summary (else its impact), a system's or a cause's
	// description; empty on other pages.
	Description string
	// Feeds are the Atom feeds a feed reader finds from the page (<link
	// rel="alternate">): feed.xml on every page, and the overdue feed on
	// the action items' pages.
	Feeds     []feedLink
	HomeHref  string
	SearchURL string
	Audience  string
	Today     string
	// TimeZone is the site's timeZone (an IANA name), in which the
	// browser's re-check of "overdue" takes the reader's day (actions.js),
	// as the build, the feeds and pmkb actions take it.
	TimeZone string
	Main     any
}

// feedLink is a feed of the site: its link from the page and its title.
type feedLink struct {
	Href, Title string
}

// The site paths of the feeds, which package export writes.
const (
	feedPath        = "feed.xml"
	overdueFeedPath = "actions/overdue.xml"
)

// navItem is one link of the main navigation; Current is "page" on the
// page itself, "true" inside its section, else "".
type navItem struct {
	Label, Href, Current string
}

// sections are the navigation entries: the i18n key of the label, the
// site path and the section name pages use to highlight it.
var sections = []struct{ key, path, section string }{
	{"nav.postmortems", "postmortems/", "postmortems"},
	{"nav.actions", "actions/", "actions"},
	{"nav.systems", "systems/", "systems"},
	{"nav.causes", "causes/", "causes"},
	{"nav.teams", "teams/", "teams"},
	{"nav.stats", "stats/", "stats"},
	{"nav.search", "search/", "search"},
}

// pageSpec describes one page to emit.
type pageSpec struct {
	kind     string // template: layouts/<kind>.html
	sitePath string // "postmortems/x/"; the file is sitePath + "index.html"
	outPath  string // set only for pages outside the folder scheme (404.html)
	title    string
	// description is the page's meta description (page.Description).
	description string
	section     string
	scripts     []string // site paths of extra scripts
	main        any
}

// builder renders the pages of one site.
type builder struct {
	kb   *model.KnowledgeBase
	opts Options
	tr   *translator
	tpls map[string]*template.Template
	// partials executes the row and header fragments (see fragments.go).
	partials *template.Template

	absBase  string // absolute base URL or ""
	basePath string // "/", "/pm/"

	systems, causes, teams, tags, severities, years []*term
	owners                                          []*owner
	// tagPaths is the page of each tag by its model.TagKey.
	tagPaths map[string]string

	// priorityCol, kindCol, trackerCol and ownerCol say whether action
	// tables have a Priority, a Kind, a Tracker and an Owner column: only
	// when an action item of the site has one (a public build names no
	// owner).
	priorityCol, kindCol, trackerCol, ownerCol bool

	// assetV is the version of each .css and .js file of the site by its
	// path (assetVersions).
	assetV map[string]string

	jobs  []*job
	frags *fragments
	// opens interns the open action items of repeats and openLists
	// their lists' keys (see openKeys).
	openMu    sync.Mutex
	opens     map[OpenAction]*OpenAction
	openLists map[openListID][]fragKey
	// slugMemo maps the severities, systems, causes, teams and owners of
	// the postmortems to their slugs (see slugOf); made before the pages,
	// only read while they are made.
	slugMemo map[string]string
}

func newBuilder(kb *model.KnowledgeBase, opts Options, tr *translator, tpls map[string]*template.Template) *builder {
	b := &builder{kb: kb, opts: opts, tr: tr, tpls: tpls, partials: tpls[partialsKey],
		frags:   newFragments(),
		absBase: absoluteBase(kb.Config.BaseURL), basePath: basePath(kb.Config.BaseURL), opens: map[OpenAction]*OpenAction{},
		openLists: map[openListID][]fragKey{}}
	// The rows format these while pages execute; asking now stops a
	// theme that lacks one before any page is put. The strings of the
	// pages' own data are collected as the pages are made.
	for _, k := range []string{"actions.overdueN", "actions.overdueDays", "actions.closedOn", "actions.ageDays"} {
		tr.s(k)
	}
	b.slugMemo = map[string]string{}
	memo := func(names ...string) {
		for _, n := range names {
			if _, ok := b.slugMemo[n]; !ok {
				b.slugMemo[n] = model.Slug(n)
			}
		}
	}
	for _, p := range kb.Postmortems {
		memo(p.Severity)
		memo(p.Systems...)
		memo(p.Causes...)
		memo(p.Teams...)
		for _, a := range p.ActionItems {
			b.priorityCol = b.priorityCol || a.Priority != ""
			b.kindCol = b.kindCol || a.Kind != ""
			b.trackerCol = b.trackerCol || safeURL(a.Link) != ""
			b.ownerCol = b.ownerCol || a.Owner != ""
			memo(a.Owner)
		}
	}
	b.indexTerms()
	return b
}

// linkFor returns the linker of the page written at outPath.
func (b *builder) linkFor(outPath string) linker {
	if outPath == "404.html" {
		return linker{root: b.basePath}
	}
	return linker{root: rootOf(outPath)}
}

// pageMaker builds the data of a page with links from l; it registers the
// lists of fragments the page shows with j. Makers run concurrently when
// the pages are executed.
type pageMaker func(j *job, l linker) (pageSpec, error)

// add queues the page written at outPath, made by mk.
func (b *builder) add(outPath string, mk pageMaker) {
	b.jobs = append(b.jobs, &job{out: outPath, make: mk})
}

// prepare makes the data of the page of j.
func (b *builder) prepare(j *job) error {
	l := b.linkFor(j.out)
	s, err := j.make(j, l)
	if err != nil {
		return err
	}
	if _, ok := b.tpls[s.kind]; !ok {
		return fmt.Errorf("render: no template for page kind %q", s.kind)
	}
	pg := page{
		Lang:        b.tr.lang,
		SiteTitle:   b.kb.Config.Title,
		Title:       s.title,
		Root:        l.root,
		Description: s.description,
		HomeHref:    l.To(""),
		SearchURL:   l.To("search/"),
		Today:       b.kb.Today.String(),
		TimeZone:    b.kb.Config.TimeZone.String(),
		Main:        s.main,
	}
	// The feeds are linked as the stylesheets are, from the page's root
	// (404.html's is the base path).
	pg.Feeds = []feedLink{{Href: l.File(feedPath), Title: b.kb.Config.Title}}
	if s.section == "actions" {
		pg.Feeds = append(pg.Feeds, feedLink{Href: l.File(overdueFeedPath), Title: b.tr.f("feed.overdue.title", b.kb.Config.Title)})
	}
	if b.absBase != "" && s.outPath == "" {
		pg.Canonical = b.absBase + escapePath(s.sitePath)
	}
	pg.Audience = b.audience()
	// The icon, stylesheet and script links, and the site footer.
	j.lists.addNamed("head", fragKey{kind: fragHead, s: namesKey(s.scripts)})
	j.lists.addNamed("footer", fragKey{kind: fragFooter})
	j.kind, j.page = s.kind, pg
	j.nav = navPlace{sitePath: s.sitePath, section: s.section, page: s.outPath == ""}
	return nil
}

// navPlace is where a page stands in the site navigation.
type navPlace struct {
	sitePath, section string
	page              bool // a page of the site, not 404.html
}

// current is the aria-current value of the navigation link to sec on the
// page at np: "page", "true" or "".
func (np navPlace) current(sec string, secPath string) string {
	switch {
	case secPath == np.sitePath && np.page:
		return "page"
	case sec == np.section:
		return "true"
	}
	return ""
}

// header is the data of the site header of the page at np, with links
// from l.
func (b *builder) header(l linker, np navPlace) headerData {
	h := headerData{SiteTitle: b.kb.Config.Title, HomeHref: l.To(""), SearchURL: l.To("search/"),
		Root: l.root, OnSearchPage: np.page && np.sitePath == "search/"}
	for _, sec := range sections {
		h.Nav = append(h.Nav, navItem{Label: b.tr.s(sec.key), Href: l.To(sec.path), Current: np.current(sec.section, sec.path)})
	}
	return h
}

// audience is the shown name of the site's audience.
func (b *builder) audience() string {
	if b.opts.Audience == model.VisibilityPublic {
		return b.tr.s("audience.public")
	}
	return b.tr.s("audience.internal")
}

// build renders every page.
//
// The pages are made in the order of their jobs. The lists of postmortems
// and of action items come before the postmortems' pages: once they are
// made, no page left shows a postmortem's row, and each action item's row
// is shown once more, on its postmortem's page, after which the fragment
// cache forgets it (see countRows): the cache does not grow with the
// postmortems' pages and is not held to the end of the build.
func (b *builder) build() error {
	steps := []func() error{b.home, b.postmortemList, b.termPages, b.actionPages, b.postmortemPages, b.searchPage, b.notFound, b.extraPages}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	b.countRows()
	return nil
}

// countRows counts the pages of the site that show each postmortem's row
// and each action item's row (fragments.uses). A count too high only
// keeps a row to the end of the build, one too low renders it again
// (TestRowsForgotten checks that every row is forgotten).
func (b *builder) countRows() {
	pms := make(map[*model.Postmortem]int32, len(b.kb.Postmortems))
	for _, p := range b.kb.Postmortems[:min(homeLatest, len(b.kb.Postmortems))] {
		pms[p]++ // the home page
	}
	for _, p := range b.kb.Postmortems {
		pms[p]++ // the list of postmortems
	}
	for _, k := range b.termKinds() {
		for _, t := range k.terms {
			for _, p := range t.PMs {
				pms[p]++
			}
		}
	}
	all := b.kb.Actions()
	rows := make(map[*model.ActionItem]int32, len(all))
	listed, _, _ := b.homeActions(all)
	for _, r := range listed {
		rows[r.Item]++
	}
	for _, r := range all {
		rows[r.Item] += 2 // the list of action items, its postmortem's page
		if r.Item.Owner != "" {
			rows[r.Item]++ // its owner's page
		}
	}
	b.frags.pmRowUses, b.frags.rowUses = pms, rows
}

// assetVersions maps each stylesheet and script of files to a short hash
// of its contents, which its links carry as ?v=<hash>: a browser that
// cached search.js or pmkb.css of an earlier build (a static host sends
// no cache header, so a month-old file is fresh for days by heuristic)
// fetches the new one with the new pages instead of running the old
// script against them (QA 17 D-F5). A theme's own file gets the hash of
// what it holds; the same files give the same URLs.
func assetVersions(files []output.File) map[string]string {
	v := map[string]string{}
	for _, f := range files {
		if ext := path.Ext(f.Path); ext == ".css" || ext == ".js" {
			h := sha256.Sum256(f.Data)
			v[f.Path] = hex.EncodeToString(h[:5])
		}
	}
	return v
}
