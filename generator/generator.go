// Package generator turns a Git repository of postmortems into a static
// knowledge-base site. It is the facade the pmkb command calls; nothing
// below it imports it.
//
// # Content
//
// A site root holds an optional pmkb.toml (or pmkb.yaml) and one Markdown
// file per incident anywhere under content/postmortems/. Each file starts
// with front matter — YAML between --- lines, TOML between +++ lines, or a
// JSON object — with the fields of the content contract: title, date,
// severity, systems and causes are required; summary, id, status, teams,
// trigger, detection, commander, authors, tags, timeline (started, detected,
// acknowledged, mitigated, resolved), impact, related, visibility, lang and
// action_items (id, title, owner, due, status, priority, kind, link, closed)
// are optional. Other fields are kept and exported as JSON. The body is
// CommonMark with GitHub's extensions.
//
// # Site layout
//
//	index.html                     home: latest incidents, severities, open and overdue actions
//	postmortems/index.html          every postmortem, sortable and filterable
//	postmortems/<id>/index.html     one postmortem
//	systems/ causes/ teams/ severity/ years/ (each <term>/index.html)
//	actions/index.html, actions/owners/<owner>/index.html
//	search/index.html, search/… (the static search index)
//	stats/index.html, stats/*.svg
//	feed.xml, sitemap.xml, actions.ics, actions/overdue.xml
//	api/postmortems.json, api/actions.json, api/actions.csv, api/stats.json
//	404.html
package generator

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/export"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/internal/render"
	"github.com/pmkb/pmkb/generator/internal/search"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// Audiences a site can be built for.
const (
	AudienceInternal = "internal"
	AudiencePublic   = "public"
)

// Options say what to build.
type Options struct {
	// Source is the site root: pmkb.toml and content/.
	Source fs.FS
	// Theme is the theme folder; nil means the theme built into pmkb.
	Theme fs.FS
	// Today is the date "overdue" is measured against. When zero, the
	// config's today is used, and when that is zero too, Clock.
	Today model.Date
	// Clock is the caller's current date, the last resort for Today.
	Clock model.Date
	// BaseURL, when set, replaces the config's baseURL.
	BaseURL string
	// Drafts includes postmortems whose status is draft.
	Drafts bool
	// Audience is AudienceInternal (default) or AudiencePublic: a public
	// build leaves out every postmortem not marked visibility: public, and
	// everything that would mention it.
	Audience string
	// Version names the program in feeds and exports ("pmkb v1.0.0").
	Version string
	// MetadataOnly skips what only pages need — rendering Markdown bodies
	// and scanning them for secrets — for commands that read front matter
	// alone (stats, actions, notify).
	MetadataOnly bool
	// CacheDir, with MetadataOnly, keeps the parsed front matter between
	// runs in this folder, so only changed files are read again.
	CacheDir string
	// Progress, when set, is called as each stage of a build ends
	// ("load", "pages, search and stats", "exports") with what it
	// made; the CLI times the stages with its clock.
	Progress func(stage string, n int)
}

func (o *Options) progress(stage string, n int) {
	if o.Progress != nil {
		o.Progress(stage, n)
	}
}

// ErrContent is returned (wrapped) when the content has errors; the
// diagnostics say which.
var ErrContent = errors.New("content has errors")

// Site is a built site, held in memory.
type Site struct {
	// Files are the site's files, sorted by path.
	Files []output.File
	// KB is the knowledge base the site was built from (after drafts and
	// audience filtering).
	KB *model.KnowledgeBase
	// Diagnostics are every problem found, sorted; warnings only when the
	// build succeeded.
	Diagnostics *diag.List
	// Pages counts the HTML pages.
	Pages int
	// Skipped counts postmortems left out (drafts, or internal ones in a
	// public build).
	Skipped int
	// ConfigFile is the config file read, "" when none.
	ConfigFile string
}

// Load reads, parses and validates the site in opts.Source and returns the
// knowledge base to render. The list holds every problem of every file;
// the knowledge base is nil when any of them is an error.
func Load(opts Options) (*model.KnowledgeBase, *Site, error) {
	site := &Site{Diagnostics: &diag.List{}}
	if opts.Audience == "" {
		opts.Audience = AudienceInternal
	}
	if opts.Audience != AudienceInternal && opts.Audience != AudiencePublic {
		return nil, site, fmt.Errorf("unknown audience %q (want %q or %q)", opts.Audience, AudienceInternal, AudiencePublic)
	}
	cfg, cfgFile, diags := source.LoadConfig(opts.Source)
	site.ConfigFile = cfgFile
	site.Diagnostics = diags
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
		if cfg.BaseURL[len(cfg.BaseURL)-1] != '/' {
			cfg.BaseURL += "/"
		}
	}
	today := firstDate(opts.Today, cfg.Today, opts.Clock)
	if today.IsZero() {
		return nil, site, errors.New("no date for today: pass Options.Today or Clock, or set today in the config")
	}
	var (
		files []source.File
		pms   []*model.Postmortem
		ld    *diag.List
	)
	if opts.MetadataOnly && opts.CacheDir != "" {
		pms, ld = source.LoadMetadata(opts.Source, &cfg, opts.CacheDir)
	} else {
		files, ld = source.LoadFiles(opts.Source, &cfg, source.LoadOptions{SkipBody: opts.MetadataOnly})
		for _, f := range files {
			if f.PM != nil {
				pms = append(pms, f.PM)
			}
		}
	}
	diags.Merge(ld)
	diags.Merge(validate.Postmortems(&cfg, pms))
	// Secrets pasted from logs block publishing (pmkb lint has the rest).
	if !opts.MetadataOnly {
		diags.Merge(lintFiles(files, model.New(cfg, today, pms), lintConfig(&cfg, buildOnly), nil))
	}
	diags.Sort()
	if diags.HasErrors() {
		return nil, site, fmt.Errorf("%w: %d errors", ErrContent, diags.Errors())
	}
	kept := slices.DeleteFunc(slices.Clone(pms), func(p *model.Postmortem) bool {
		return (p.Draft() && !opts.Drafts) || (opts.Audience == AudiencePublic && !p.Public())
	})
	site.Skipped = len(pms) - len(kept)
	if opts.Audience == AudiencePublic {
		stripInternalLinks(kept)
	}
	site.KB = model.New(cfg, today, kept)
	return site.KB, site, nil
}

// stripInternalLinks removes related: ids that are not in the build, so a
// public site never names an internal postmortem, not even by id.
func stripInternalLinks(pms []*model.Postmortem) {
	in := make(map[string]bool, len(pms))
	for _, p := range pms {
		in[p.ID] = true
	}
	for _, p := range pms {
		p.Related = slices.DeleteFunc(slices.Clone(p.Related), func(id string) bool { return !in[id] })
	}
}

// Build loads the site and renders every file in memory. It returns an
// error wrapping ErrContent when the content has errors; site.Diagnostics
// then lists them.
func Build(ctx context.Context, opts Options) (*Site, error) {
	kb, site, err := Load(opts)
	if err != nil {
		return site, err
	}
	opts.progress("load", len(kb.Postmortems))
	files, err := Render(ctx, kb, opts)
	if err != nil {
		return site, err
	}
	site.Files = files
	for _, f := range files {
		if len(f.Path) > 5 && f.Path[len(f.Path)-5:] == ".html" {
			site.Pages++
		}
	}
	return site, nil
}

// Render renders every file of the site for a loaded knowledge base: the
// HTML pages, the search index, the statistics and the exports. Stages
// that do not depend on each other run concurrently.
func Render(ctx context.Context, kb *model.KnowledgeBase, opts Options) ([]output.File, error) {
	files, _, err := renderSite(ctx, kb, opts)
	return files, err
}

// renderSite is Render, also returning the options the pages were rendered
// with (similar incidents, repeats), for quick updates of single pages.
func renderSite(ctx context.Context, kb *model.KnowledgeBase, opts Options) ([]output.File, render.Options, error) {
	theme := opts.Theme
	if theme == nil {
		theme = themes.Default()
	}
	generatorName := opts.Version
	if generatorName == "" {
		generatorName = "pmkb"
	}
	si, err := search.NewSiteIndex(kb)
	if err != nil {
		return nil, render.Options{}, fmt.Errorf("search: %w", err)
	}
	// Pages need similar incidents and the statistics (computed once for
	// the stats page, repeats, term figures and /api/stats.json); the
	// search index is written alongside the pages.
	var (
		before, beside          sync.WaitGroup
		similar                 map[string][]string
		st                      *siteStats
		searchFiles, statsFiles []output.File
		searchErr, statsErr     error
	)
	before.Add(2)
	go func() { defer before.Done(); similar = si.Similar(5) }()
	go func() { defer before.Done(); st = computeSiteStats(kb) }()
	beside.Add(1)
	go func() {
		defer beside.Done()
		searchFiles, searchErr = si.Export()
	}()
	before.Wait()
	if err := ctx.Err(); err != nil {
		beside.Wait()
		return nil, render.Options{}, err
	}
	statsFiles, statsErr = st.output()
	ro := render.Options{Similar: similar, Repeats: st.repeats, Terms: st.terms, Pages: []render.Page{st.page}, Audience: opts.Audience}
	pages, err := render.Site(kb, theme, ro)
	beside.Wait() // no goroutine outlives Render
	if err != nil {
		return nil, ro, fmt.Errorf("render: %w", err)
	}
	if err := cmp.Or(searchErr, statsErr); err != nil {
		return nil, ro, err
	}
	opts.progress("pages, search and stats", len(pages)+len(searchFiles)+len(statsFiles))
	exports, err := export.Files(kb, export.Options{Generator: generatorName, Pages: pagePaths(pages)})
	if err != nil {
		return nil, ro, fmt.Errorf("export: %w", err)
	}
	opts.progress("exports", len(exports))
	files := slices.Concat(pages, exports, searchFiles, statsFiles)
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return files, ro, nil
}

// pagePaths lists the pretty paths of the HTML pages ("" for the home page,
// "postmortems/x/"), for the sitemap; the 404 page is not listed.
func pagePaths(files []output.File) []string {
	var out []string
	for _, f := range files {
		switch {
		case f.Path == "index.html":
			out = append(out, "")
		case len(f.Path) > 11 && f.Path[len(f.Path)-11:] == "/index.html":
			out = append(out, f.Path[:len(f.Path)-10])
		}
	}
	return out
}
