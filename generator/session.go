package generator

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/lint"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/serve"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// Session keeps a site loaded between builds, so that the page of an
// edited postmortem is served again at once. pmkb serve uses one.
//
// Every complete build goes through Load, as pmkb build does, so the
// preview reports the same problems (the body links and attachments
// checked against the whole site, graded by [lint] rules and ignore
// comments) and renders the same bodies (links to left-out postmortems as
// text). Only the quick update of single pages re-reads files alone.
type Session struct {
	mu   sync.Mutex
	opts Options
	// dir is the site root on disk, to map watcher paths to fs paths.
	dir string
	// cfg and files are what the last complete build loaded (Load's
	// config and files, with the files of quick updates since), diags
	// the last build's problems and kb the knowledge base it rendered;
	// kb is nil when it failed.
	cfg   model.SiteConfig
	files map[string]source.File
	diags *diag.List
	kb    *model.KnowledgeBase
	// last is the last build's files and lastRO the options the complete
	// build rendered its pages with.
	last   []File
	lastRO render.Options
	// drafts are the drafts the last complete build left out for their
	// problems (leftOutDrafts).
	drafts []serve.LeftOut
}

// NewSession returns a session building opts.Source, which is the folder
// dir on disk.
func NewSession(opts Options, dir string) *Session {
	return &Session{opts: opts, dir: dir}
}

// Build builds the site. changed lists the files (disk paths) that changed
// since the last build, or nil for a complete build; an edit of anything
// but a postmortem (the config, the theme) also builds everything.
//
// When only postmortems that were in the last build changed, and they
// still load without errors under the same ids, Build renders just their
// pages into the last build and reports partial: the edit is visible at
// once, and a call with an empty, non-nil changed list completes the
// site. Until then the problems of the changed files are those each file
// shows alone: what needs the whole site (a link to a file that does not
// exist, to a left-out postmortem) is reported by the complete build.
func (s *Session) Build(ctx context.Context, changed []string) (files []File, diags *diag.List, partial bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// A source that opens its folders once (pmkb serve's) opens them again
	// if they were replaced since (QA 19 B-F3).
	if r, ok := s.opts.Source.(interface{ Refresh() }); ok {
		r.Refresh()
	}
	var rel []string
	full := changed == nil
	for _, c := range changed {
		r, err := filepath.Rel(s.dir, c)
		r = filepath.ToSlash(r)
		if err != nil || !strings.HasPrefix(r, source.PostmortemDir+"/") {
			full = true
			break
		}
		rel = append(rel, r)
	}
	if !full && len(rel) > 0 {
		if files, diags, ok := s.quick(rel); ok {
			return files, diags, true, nil
		}
	}
	return s.complete(ctx)
}

// complete loads and renders the whole site, as Build in this package
// does, and keeps what it loaded for quick updates.
//
// Each complete build reads the clock (Options.Now) again for today, so a
// preview left running past midnight moves to the new day at its next
// rebuild (QA 17 B-F7: it kept the day serve started on, overdue counts,
// feeds, actions.ics and the JSON with it); Options.Today and the
// config's today still win over the clock.
func (s *Session) complete(ctx context.Context) ([]File, *diag.List, bool, error) {
	opts := s.opts
	if opts.Now != nil {
		opts.Clock = opts.Now()
	}
	s.files, s.kb, s.drafts = nil, nil, nil
	opts.loaded = func(cfg model.SiteConfig, files []source.File) {
		s.cfg = cfg
		s.files = make(map[string]source.File, len(files))
		for _, f := range files {
			s.files[f.Path] = f
		}
	}
	kb, site, err := Load(opts)
	s.diags = site.Diagnostics
	if err != nil {
		return nil, s.diags, false, err
	}
	// The theme folder's unused files and UI strings, as pmkb build
	// reports them: a theme's author previews it here (they were a build's
	// warnings only, QA 15).
	themeWarnings(s.diags, opts.Theme, &kb.Config)
	if s.diags.HasErrors() {
		return nil, s.diags, false, fmt.Errorf("%w: %d errors", ErrContent, s.diags.Errors())
	}
	var c collector
	ro, err := renderSite(ctx, kb, s.opts, site.texts, c.put)
	if err != nil {
		return nil, withThemeProblem(s.diags, err), false, err
	}
	s.kb = kb
	s.last, s.lastRO = c.sorted(), ro
	s.drafts = s.leftOutDrafts()
	return s.last, s.diags, false, nil
}

// leftOut returns the drafts the last complete build left out for their
// problems, for the dev server (serve.Options.LeftOut).
func (s *Session) leftOut() []serve.LeftOut {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.drafts
}

// leftOutDrafts lists the drafts the last complete build left out for
// their problems, so that the dev server answers the address their page
// will have (serve.LeftOut) instead of a 404 that says it "may have been
// removed": with Options.Drafts, every draft whose id has no page in the
// build, with the problems of its file. The files of the build never
// hold such a page, as pmkb build's never do. A draft left out of a
// public build for being internal is not listed: its page never comes.
func (s *Session) leftOutDrafts() []serve.LeftOut {
	if !s.opts.Drafts {
		return nil
	}
	problems := map[string][]diag.Diagnostic{}
	for _, d := range s.diags.Items() {
		problems[d.Pos.Path] = append(problems[d.Pos.Path], d)
	}
	theme, kb, audience := themes.Overlay(s.opts.Theme), s.kb, s.opts.Audience
	var out []serve.LeftOut
	for _, p := range slices.Sorted(maps.Keys(s.files)) {
		f, pm := s.files[p], s.files[p].PM
		switch {
		case pm == nil && !f.DraftByText, pm != nil && !pm.Draft():
			continue // not a draft
		case s.opts.Audience == AudiencePublic && (pm == nil || !pm.Public()):
			continue
		case f.ID == "" || f.ID == "." || f.ID == ".." || strings.ContainsAny(f.ID, "/\\") || len(problems[p]) == 0:
			continue // no page to stand for, or not left out for a problem
		}
		if _, built := kb.ByID(f.ID); built {
			continue // built, or another postmortem has the id
		}
		title := f.ID
		var attachments []string
		if pm != nil {
			title = cmp.Or(pm.Title, f.ID)
			for _, a := range pm.Attachments {
				attachments = append(attachments, model.AttachmentPath(strings.TrimPrefix(a, source.PostmortemDir+"/")))
			}
		}
		site, found := model.PostmortemPath(f.ID), problems[p]
		out = append(out, serve.LeftOut{
			Path: site + "index.html", Attachments: attachments, Problems: found,
			Page: sync.OnceValue(func() []byte { return draftPage(kb, theme, audience, site, title, found) }),
		})
	}
	return out
}

// draftPage renders the page the dev server shows at the address site of
// a draft left out for its problems while it has no render of the draft:
// the draft's title, that it is left out until they are fixed, and each
// problem with its hint, in the site's layout and language (a render.Page,
// so every text is escaped). It is nil when the theme cannot render it.
func draftPage(kb *model.KnowledgeBase, theme fs.FS, audience, site, title string, problems []diag.Diagnostic) []byte {
	text := overlayTextIn(theme, kb.Config.Language).OrEnglish()
	var list []string
	for _, d := range problems {
		list = append(list, d.Line())
		if d.Hint != "" {
			list = append(list, "hint: "+d.Hint)
		}
	}
	page := render.Page{Path: site, Section: "postmortems", Title: title, Intro: text.DraftPage,
		Sections: []render.Section{{ID: "pmkb-problems", Heading: text.DraftProblems, Paragraphs: list}}}
	// The page alone: a site without postmortems renders quickly.
	files, err := render.Site(model.New(kb.Config, kb.Today, nil), theme, render.Options{Audience: audience, Pages: []render.Page{page}})
	if err != nil {
		return nil
	}
	for _, f := range files {
		if f.Path == site+"index.html" {
			return f.Data
		}
	}
	return nil
}

// quick renders again the pages of the postmortems at paths into the last
// build and returns the files with the problems of the last build, those
// of paths replaced by what the files show alone now. ok is false
// when that is not enough: a file is new, gone, has errors, changed its id,
// is left out or shows an image the last build did not publish.
func (s *Session) quick(paths []string) (files []File, diags *diag.List, ok bool) {
	if s.kb == nil || s.last == nil {
		return nil, nil, false
	}
	ps := source.NewParser(&s.cfg)
	lc := lintConfig(&s.cfg, buildOnly)
	fresh := &diag.List{}
	edited := map[string]*model.Postmortem{}
	var ids []string
	for _, p := range paths {
		old, found := s.files[p]
		if !found || old.PM == nil || edited[p] != nil {
			return nil, nil, false
		}
		if _, in := s.kb.ByID(old.PM.ID); !in {
			return nil, nil, false
		}
		// A named pipe put in its place would block the read: the whole
		// rebuild's walk skips it with a warning (QA 17 C-F2).
		data, err := source.ReadRegular(s.opts.Source, p)
		if err != nil {
			return nil, nil, false
		}
		stop := source.LoadOptions{Now: s.opts.Now, Stopwatch: s.opts.Stopwatch}.StartTimer()
		pm, d := ps.Parse(p, data)
		if stop != nil {
			source.WarnSlow(d, source.File{Path: p, PM: pm}, stop())
		}
		if pm == nil || pm.ID != old.PM.ID || leftOut(pm, s.opts, nil) || !s.published(pm.Attachments) {
			return nil, nil, false
		}
		d.Merge(lintFiles([]source.File{{Path: p, Raw: data, PM: pm}}, model.New(s.cfg, s.kb.Today, nil), lc, nil))
		validate.One(&s.cfg, pm, d)
		var ignored lint.IgnoreComments
		ignored.Add(p, data)
		fresh.Merge(lc.Regrade(d, &ignored))
		edited[p] = pm
		ids = append(ids, pm.ID)
	}
	// The checks across files, for the edited ones; the other files keep
	// theirs until the complete build.
	all := make([]*model.Postmortem, 0, len(s.files))
	var unloaded []string
	for _, p := range slices.Sorted(maps.Keys(s.files)) {
		if pm := cmp.Or(edited[p], s.files[p].PM); pm != nil {
			all = append(all, pm)
		} else {
			unloaded = append(unloaded, s.files[p].ID)
		}
	}
	across := &diag.List{}
	validate.Across(all, unloaded, across)
	for _, d := range across.Items() {
		if edited[d.Pos.Path] != nil {
			fresh.Add(d)
		}
	}
	if fresh.HasErrors() {
		return nil, nil, false
	}
	kept := slices.Clone(s.kb.Postmortems)
	for i, pm := range kept {
		if e := edited[pm.Path]; e != nil {
			kept[i] = e
		}
	}
	if s.opts.Audience == AudiencePublic {
		forPublic(kept)
	}
	kb := model.New(s.kb.Config, s.kb.Today, kept)
	ro := s.lastRO
	ro.Only = ids
	pages, err := render.Site(kb, themes.Overlay(s.opts.Theme), ro)
	if err != nil {
		return nil, nil, false
	}
	diags = &diag.List{}
	for _, d := range s.diags.Items() {
		if edited[d.Pos.Path] == nil {
			diags.Add(d)
		}
	}
	diags.Merge(fresh)
	settle(diags)
	// A second edit before the complete build builds on this one.
	for p, pm := range edited {
		s.files[p] = source.File{Path: p, PM: pm}
	}
	s.kb, s.diags, s.last = kb, diags, mergeFiles(s.last, pages)
	return s.last, diags, true
}

// published reports whether the last build published every one of the
// images and attachments a body shows (a new one needs a complete build).
func (s *Session) published(attachments []string) bool {
	for _, a := range attachments {
		site := model.AttachmentPath(strings.TrimPrefix(a, source.PostmortemDir+"/"))
		if _, found := slices.BinarySearchFunc(s.last, site, func(f File, p string) int { return strings.Compare(f.Path, p) }); !found {
			return false
		}
	}
	return true
}

// mergeFiles returns base with the files of update replacing those of the
// same path; both are sorted by path, and so is the result.
func mergeFiles(base, update []File) []File {
	out := slices.Clone(base)
	for _, f := range update {
		if i, found := slices.BinarySearchFunc(out, f.Path, func(g File, p string) int { return strings.Compare(g.Path, p) }); found {
			out[i] = f
		}
	}
	return out
}

// ServeOptions configure the development server.
type ServeOptions struct {
	// Listener, when set, is where the server answers; Addr is then
	// unused. The caller binds it first, so it can report the address
	// (--port 0) or a port in use before anything is served.
	Listener net.Listener
	// Addr is host:port; default 127.0.0.1:1313.
	Addr string
	// Hosts are more host names and addresses (without a port) that
	// requests may name, besides the loopback names and the address the
	// client connected to: those of a server bound to the network on
	// purpose. Other names are refused (DNS rebinding).
	Hosts []string
	// Dir is the site root on disk; Watch adds more paths to watch (a
	// theme folder).
	Dir   string
	Watch []string
	// Logf reports rebuilds and problems; Now times them.
	Logf func(format string, args ...any)
	Now  func() time.Time
}

// PreviewOptions are opts as the dev server builds with them: the site
// is served at the root of its address, so unless the caller asked for a
// base URL (Options.BaseURL) the config's is replaced by "/", as Hugo's
// server does. The
// pages link relatively and work either way, but 404.html, which may be
// served at any depth, links from the base path: with baseURL
// https://intranet.example/pm/ its links pointed at /pm/, which the dev
// server does not have.
func PreviewOptions(opts Options) Options {
	if opts.BaseURL == "" {
		opts.BaseURL = "/"
	}
	return opts
}

// Serve builds the site in memory and serves it until ctx ends, rebuilding
// on every change under content/, the config files and opts.Watch, and
// reloading open pages. Content errors appear as an overlay while the last
// good build stays served, in the site's language.
func Serve(ctx context.Context, opts Options, so ServeOptions) error {
	sess := NewSession(PreviewOptions(opts), so.Dir)
	watch := []string{filepath.Join(so.Dir, "content")}
	// A content/postmortems linked to a checkout elsewhere is read through
	// the link; the watcher follows a link only at the top of a tree.
	if fi, err := fs.Lstat(opts.Source, source.PostmortemDir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		watch = append(watch, filepath.Join(so.Dir, filepath.FromSlash(source.PostmortemDir)))
	}
	// Every config name, whether the file exists yet or not: a config
	// written later is a full rebuild, and is watched from then on (QA 16
	// B-F3).
	var files []string
	for _, name := range source.ConfigFiles {
		files = append(files, filepath.Join(so.Dir, name))
	}
	watch = append(watch, so.Watch...)
	// A partial build (the edited page is up to date) is completed next;
	// the open page reloads again when it is done.
	srv := serve.New(sess.Build, serve.Options{Addr: so.Addr, Watch: watch, WatchFiles: files, Hosts: so.Hosts,
		Exclude: []string{filepath.Join(so.Dir, "public")}, Logf: so.Logf, Now: so.Now, Text: sess.overlayText, LeftOut: sess.leftOut})
	if so.Listener != nil {
		return srv.Serve(ctx, so.Listener)
	}
	return srv.ListenAndServe(ctx)
}

// ThemeErrorRule tags the problem of a file of the site's theme folder
// that stops a build (a template that does not parse), as contract tags
// the content's: ThemeProblem.
const ThemeErrorRule = "theme"

// ThemeProblem returns err, a build's error, as the problem of a file of
// the site's theme folder it is (a template that does not parse, a static
// file the site also makes), at that file's line, named as the user named
// the folder, so that it is printed as every other problem is,
// "path:line: error: message [theme]", which editors' and CI's problem
// matchers read (QA 16 B-F7); ok is false for any other error.
func ThemeProblem(err error) (d diag.Diagnostic, ok bool) {
	var te *render.ThemeError
	if !errors.As(err, &te) {
		return diag.Diagnostic{}, false
	}
	return diag.Diagnostic{Pos: diag.Pos{Path: te.Path, Line: te.Line}, Severity: diag.Error, Rule: ThemeErrorRule, Message: te.Msg}, true
}

// withThemeProblem returns diags with the problem err is added when it is
// one of the theme's (ThemeProblem), for the dev server, which shows a
// build's error as it is only when no diagnostic explains it.
func withThemeProblem(diags *diag.List, err error) *diag.List {
	d, ok := ThemeProblem(err)
	if !ok {
		return diags
	}
	out := &diag.List{}
	out.Merge(diags)
	out.Add(d)
	return out
}

// overlayText returns the dev server's overlay wording in the language of
// the site as last loaded, from the theme's UI strings merged as the pages
// read them (a site's theme over the built-in one); what neither has is
// left to the server's English.
func (s *Session) overlayText() serve.Text {
	s.mu.Lock()
	lang, theme := s.cfg.Language, themes.Overlay(s.opts.Theme)
	s.mu.Unlock()
	return overlayTextIn(theme, lang)
}

// overlayTextIn is the dev server's wording in the language lang from the
// theme's UI strings; what they lack is left empty.
func overlayTextIn(theme fs.FS, lang string) serve.Text {
	words, err := render.LoadWords(theme, lang)
	if err != nil {
		return serve.Text{}
	}
	get := func(key string) string {
		if v := words.String(key); v != key {
			return v
		}
		return ""
	}
	return serve.Text{Failed: get("serve.failed"), LastGood: get("serve.lastGood"), NoBuild: get("serve.noBuild"), Warnings: get("serve.warnings"),
		Draft: get("serve.draft"), DraftLastGood: get("serve.draftLastGood"), DraftPage: get("serve.draftPage"), DraftProblems: get("serve.draftProblems"), Hide: get("serve.hide")}
}
