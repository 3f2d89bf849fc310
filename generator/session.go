package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/serve"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// Session keeps a site loaded between builds, so a rebuild after an edit
// re-reads and re-parses only the files that changed. pmkb serve uses one.
type Session struct {
	opts Options
	// dir is the site root on disk, to map watcher paths to fs paths.
	dir   string
	cfg   model.SiteConfig
	cdiag *diag.List
	files map[string]source.File
	fdiag map[string]*diag.List
}

// NewSession returns a session building opts.Source, which is the folder
// dir on disk.
func NewSession(opts Options, dir string) *Session {
	return &Session{opts: opts, dir: dir}
}

// Build builds the site. changed lists the files (disk paths) that changed
// since the last build, or nil for a full build; an edit of anything but a
// postmortem (the config, the theme) also rebuilds fully.
func (s *Session) Build(ctx context.Context, changed []string) ([]File, *diag.List, error) {
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
	diags := &diag.List{}
	diags.Merge(s.cdiag)
	paths := slices.Sorted(keys(s.files))
	var all []source.File
	var pms []*model.Postmortem
	for _, p := range paths {
		diags.Merge(s.fdiag[p])
		f := s.files[p]
		all = append(all, f)
		if f.PM != nil {
			pms = append(pms, f.PM)
		}
	}
	kb, err := s.assemble(all, pms, diags)
	if err != nil {
		return nil, diags, err
	}
	files, err := Render(ctx, kb, s.opts)
	return files, diags, err
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
	s.cfg, _, s.cdiag = source.LoadConfig(s.opts.Source)
	loaded, ld := source.LoadFiles(s.opts.Source, &s.cfg)
	s.files = map[string]source.File{}
	s.fdiag = map[string]*diag.List{}
	for _, f := range loaded {
		s.files[f.Path] = f
		s.fdiag[f.Path] = &diag.List{}
	}
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
		s.files[p] = source.File{Path: p, Raw: data, PM: pm}
		s.fdiag[p] = d
	}
}

// assemble validates the loaded files and returns the knowledge base to
// render, as Load does.
func (s *Session) assemble(files []source.File, pms []*model.Postmortem, diags *diag.List) (*model.KnowledgeBase, error) {
	cfg := s.cfg
	if s.opts.BaseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(s.opts.BaseURL, "/") + "/"
	}
	today := firstDate(s.opts.Today, cfg.Today, s.opts.Clock)
	diags.Merge(validate.Postmortems(&cfg, pms))
	diags.Merge(lintFiles(files, model.New(cfg, today, pms), lintConfig(&cfg, buildOnly), nil))
	diags.Sort()
	if diags.HasErrors() {
		return nil, fmt.Errorf("%w: %d errors", ErrContent, diags.Errors())
	}
	kept := slices.DeleteFunc(slices.Clone(pms), func(p *model.Postmortem) bool {
		return (p.Draft() && !s.opts.Drafts) || (s.opts.Audience == AudiencePublic && !p.Public())
	})
	if s.opts.Audience == AudiencePublic {
		stripInternalLinks(kept)
	}
	return model.New(cfg, today, kept), nil
}

// ServeOptions configure the development server.
type ServeOptions struct {
	// Addr is host:port; default 127.0.0.1:1313.
	Addr string
	// Dir is the site root on disk; Watch adds more paths to watch (a
	// theme folder).
	Dir   string
	Watch []string
	// Logf reports rebuilds and problems.
	Logf func(format string, args ...any)
}

// Serve builds the site in memory and serves it until ctx ends, rebuilding
// on every change under content/, the config files and opts.Watch, and
// reloading open pages. Content errors appear as an overlay while the last
// good build stays served.
func Serve(ctx context.Context, opts Options, so ServeOptions) error {
	sess := NewSession(opts, so.Dir)
	watch := []string{filepath.Join(so.Dir, "content")}
	for _, name := range source.ConfigFiles {
		if _, err := fs.Stat(opts.Source, name); err == nil {
			watch = append(watch, filepath.Join(so.Dir, name))
		}
	}
	watch = append(watch, so.Watch...)
	srv := serve.New(sess.Build, serve.Options{Addr: so.Addr, Watch: watch,
		Exclude: []string{filepath.Join(so.Dir, "public")}, Logf: so.Logf})
	return srv.ListenAndServe(ctx)
}
