package generator

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/serve"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// Session keeps a site loaded between builds, so a rebuild after an edit
// re-reads and re-parses only the files that changed. pmkb serve uses one.
type Session struct {
	mu   sync.Mutex
	opts Options
	// dir is the site root on disk, to map watcher paths to fs paths.
	dir   string
	cfg   model.SiteConfig
	cdiag *diag.List
	files map[string]source.File
	fdiag map[string]*diag.List
	// ldiag holds each file's secret-scan findings and vdiag its contract
	// problems (validate.One), redone only for files that change.
	ldiag map[string]*diag.List
	vdiag map[string]*diag.List
	// last is the last complete build and the options its pages were
	// rendered with; partial is set while it lacks a quick update.
	last    []File
	lastRO  render.Options
	partial bool
}

// NewSession returns a session building opts.Source, which is the folder
// dir on disk.
func NewSession(opts Options, dir string) *Session {
	return &Session{opts: opts, dir: dir}
}

// Build builds the site. changed lists the files (disk paths) that changed
// since the last build, or nil for a full build; an edit of anything but a
// postmortem (the config, the theme) also reloads everything.
//
// When only postmortems that were already in the last build changed, and
// they still load without errors, Build renders just their pages into the
// last build and reports partial: the edit is visible at once, and a call
// with an empty, non-nil changed list completes the site.
func (s *Session) Build(ctx context.Context, changed []string) (files []File, diags *diag.List, partial bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rel []string
	full := s.files == nil || changed == nil
	for _, c := range changed {
		r, err := filepath.Rel(s.dir, c)
		r = filepath.ToSlash(r)
		if err != nil || !strings.HasPrefix(r, source.PostmortemDir+"/") {
			full = true
			break
		}
		rel = append(rel, r)
	}
	if full {
		s.reloadAll()
	} else {
		s.reload(rel)
	}
	diags = &diag.List{}
	diags.Merge(s.cdiag)
	var pms []*model.Postmortem
	var textDrafts []source.File
	for _, p := range slices.Sorted(keys(s.files)) {
		diags.Merge(s.fdiag[p])
		diags.Merge(s.ldiag[p])
		if s.files[p].DraftByText {
			textDrafts = append(textDrafts, s.files[p])
		}
		if pm := s.files[p].PM; pm != nil {
			if s.vdiag[p] == nil {
				s.vdiag[p] = &diag.List{}
				validate.One(&s.cfg, pm, s.vdiag[p])
			}
			diags.Merge(s.vdiag[p])
			pms = append(pms, pm)
		}
	}
	kb, err := s.assemble(pms, textDrafts, diags)
	if err != nil {
		return nil, diags, false, err
	}
	if ids, ok := s.quick(rel, kb); ok && !full && len(rel) > 0 {
		ro := s.lastRO
		ro.Only = ids
		pages, err := render.Site(kb, cmp.Or(s.opts.Theme, themes.Default()), ro)
		if err == nil {
			s.last = mergeFiles(s.last, pages)
			s.partial = true
			return s.last, diags, true, nil
		}
	}
	var c collector
	ro, err := renderSite(ctx, kb, s.opts, c.put)
	if err != nil {
		return nil, diags, false, err
	}
	files = c.sorted()
	s.last, s.lastRO, s.partial = files, ro, false
	return files, diags, false, nil
}

// quick returns the ids of the postmortems at paths when a quick update of
// their pages is enough: each was in the last build and still is, under
// the same id.
func (s *Session) quick(paths []string, kb *model.KnowledgeBase) ([]string, bool) {
	if s.last == nil {
		return nil, false
	}
	var ids []string
	for _, p := range paths {
		f, ok := s.files[p]
		if !ok || f.PM == nil {
			return nil, false
		}
		if _, in := kb.ByID(f.PM.ID); !in {
			return nil, false
		}
		page := model.PostmortemPath(f.PM.ID) + "index.html"
		if _, found := slices.BinarySearchFunc(s.last, page, func(f File, p string) int { return strings.Compare(f.Path, p) }); !found {
			return nil, false
		}
		for _, a := range f.PM.Attachments { // a new image needs a full build to be published
			published := model.AttachmentPath(strings.TrimPrefix(a, source.PostmortemDir+"/"))
			if _, found := slices.BinarySearchFunc(s.last, published, func(f File, p string) int { return strings.Compare(f.Path, p) }); !found {
				return nil, false
			}
		}
		ids = append(ids, f.PM.ID)
	}
	return ids, true
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

func keys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (s *Session) reloadAll() {
	var cfgName string
	s.cfg, cfgName, s.cdiag = source.LoadConfig(s.opts.Source)
	checkLintConfig(&s.cfg, cfgName, s.cdiag)
	loaded, ld := source.LoadFiles(s.opts.Source, &s.cfg)
	s.files = map[string]source.File{}
	s.fdiag = map[string]*diag.List{}
	s.ldiag = map[string]*diag.List{}
	s.vdiag = map[string]*diag.List{}
	for _, f := range loaded {
		s.files[f.Path] = f
		s.fdiag[f.Path] = &diag.List{}
	}
	s.scan(loaded)
	// LoadFiles merges per-file problems; keep them by file so a reload of
	// one file replaces only its own.
	for _, d := range ld.Items() {
		l, ok := s.fdiag[d.Pos.Path]
		if !ok {
			l = &diag.List{}
			s.fdiag[d.Pos.Path] = l
		}
		l.Add(d)
	}
}

func (s *Session) reload(paths []string) {
	ps := source.NewParser(&s.cfg)
	for _, p := range paths {
		if !strings.EqualFold(filepath.Ext(p), ".md") {
			continue
		}
		data, err := fs.ReadFile(s.opts.Source, p)
		if errors.Is(err, fs.ErrNotExist) {
			delete(s.files, p)
			delete(s.fdiag, p)
			delete(s.ldiag, p)
			delete(s.vdiag, p)
			continue
		}
		l := &diag.List{}
		if err != nil {
			l.Errorf(diag.Pos{Path: p}, "cannot read: %v", err)
			s.files[p] = source.File{Path: p}
			s.fdiag[p] = l
			continue
		}
		pm, d := ps.Parse(p, data)
		s.files[p] = source.File{Path: p, Raw: data, PM: pm, DraftByText: ps.DraftByText()}
		s.fdiag[p] = d
		delete(s.vdiag, p)
		s.scan([]source.File{s.files[p]})
	}
}

// scan runs the build's secret scan over files and keeps the findings by
// file (the scan looks at one file at a time).
func (s *Session) scan(files []source.File) {
	kb := model.New(s.cfg, model.Date{}, nil)
	found := lintFiles(files, kb, lintConfig(&s.cfg, buildOnly), nil)
	for _, f := range files {
		s.ldiag[f.Path] = &diag.List{}
	}
	for _, d := range found.Items() {
		if l, ok := s.ldiag[d.Pos.Path]; ok {
			l.Add(d)
		}
	}
}

// assemble validates the loaded files and returns the knowledge base to
// render, as Load does; textDrafts are the files left out as drafts because
// their front matter does not parse (source.File.DraftByText).
func (s *Session) assemble(pms []*model.Postmortem, textDrafts []source.File, diags *diag.List) (*model.KnowledgeBase, error) {
	cfg := s.cfg
	if s.opts.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(s.opts.BaseURL, "/") + "/"
	}
	today := firstDate(s.opts.Today, cfg.Today, s.opts.Clock)
	validate.Across(pms, diags)
	broken := downgradeDrafts(diags, pms, textDrafts, s.opts.Drafts)
	settle(diags)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%w: %d errors", ErrContent, diags.Errors())
	}
	kept := slices.DeleteFunc(slices.Clone(pms), func(p *model.Postmortem) bool {
		return leftOut(p, s.opts, broken)
	})
	if s.opts.Audience == AudiencePublic {
		stripInternalLinks(kept)
		cfg = publicCatalog(cfg, kept)
	}
	return model.New(cfg, today, kept), nil
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
	for _, name := range source.ConfigFiles {
		if _, err := fs.Stat(opts.Source, name); err == nil {
			watch = append(watch, filepath.Join(so.Dir, name))
		}
	}
	watch = append(watch, so.Watch...)
	var srv *serve.Server
	build := func(ctx context.Context, changed []string) ([]File, *diag.List, error) {
		files, diags, partial, err := sess.Build(ctx, changed)
		if partial {
			// The edited page is up to date; complete the rest of the site
			// next (the open page reloads again when it is done).
			go srv.Build(ctx, []string{})
		}
		return files, diags, err
	}
	srv = serve.New(build, serve.Options{Addr: so.Addr, Watch: watch, Hosts: so.Hosts,
		Exclude: []string{filepath.Join(so.Dir, "public")}, Logf: so.Logf, Now: so.Now, Text: sess.overlayText})
	if so.Listener != nil {
		return srv.Serve(ctx, so.Listener)
	}
	return srv.ListenAndServe(ctx)
}

// overlayText returns the dev server's overlay wording in the language of
// the site as last loaded, from the theme's i18n/<lang>.json; what the
// theme lacks is left to the server's English.
func (s *Session) overlayText() serve.Text {
	s.mu.Lock()
	lang, theme := s.cfg.Language, cmp.Or(s.opts.Theme, themes.Default())
	s.mu.Unlock()
	var m map[string]string
	if data, err := fs.ReadFile(theme, "i18n/"+lang+".json"); err == nil {
		_ = json.Unmarshal(data, &m)
	}
	return serve.Text{Failed: m["serve.failed"], LastGood: m["serve.lastGood"], NoBuild: m["serve.noBuild"], Warnings: m["serve.warnings"]}
}
