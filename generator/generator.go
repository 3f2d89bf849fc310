// Package generator turns a Git repository of postmortems into a static
// knowledge-base site. It is the facade the pmkb command calls; nothing
// below it imports it.
//
// # Content
//
// A site root holds an optional pmkb.toml (or pmkb.yaml, pmkb.yml) and one
// Markdown file per incident anywhere under content/postmortems/. Each
// file starts with front matter — YAML between --- lines, TOML between +++
// lines, or a JSON object — with the fields of the content contract:
// title, date, severity, systems and causes are required; summary, id,
// status, teams, trigger, detection, commander, authors, tags, timeline
// (started, detected, acknowledged, mitigated, resolved), impact, related,
// visibility, lang and action_items (id, title, owner, due, status,
// priority, kind, link, closed) are optional. Other fields are kept and
// exported as JSON. The body is CommonMark with GitHub's extensions.
// Images and other files beside the postmortems (a log, a graph) that a
// body links to are published with them. templates/postmortem.md and
// templates/postmortem.ja.md, when present, replace the theme's template
// that pmkb new fills in.
//
// # Site layout
//
//	index.html                     home: latest incidents, severities, open and overdue actions
//	postmortems/index.html          every postmortem, sortable and filterable
//	postmortems/<id>/index.html     one postmortem
//	postmortems/_files/<path>       the images and attachments the bodies link to
//	systems/ causes/ teams/ tags/ severity/ years/ (index.html, and <term>/index.html each;
//	                                systems/<term>/ and causes/<term>/ also incidents.svg)
//	actions/index.html, actions/owners/index.html, actions/owners/<owner>/index.html
//	search/index.html, search/… (the static search index)
//	stats/index.html, stats/*.svg
//	feed.xml, sitemap.xml, actions.ics, actions/overdue.xml
//	api/postmortems.json, api/actions.json, api/actions.csv, api/stats.json
//	assets/ (stylesheets, scripts, the icon)
//	404.html
//	.pmkb-manifest                 the files pmkb wrote, so the next build removes only its own
//
// A theme folder's static/ files are published at their own paths
// (static/robots.txt is /robots.txt).
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
	"sync/atomic"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/export"
	"github.com/pmkb/pmkb/generator/internal/lint"
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
	// Theme is the site's theme folder, over the theme built into pmkb
	// (themes.Overlay): the files and UI strings it lacks come from the
	// built-in theme. Nil means the built-in theme alone.
	Theme fs.FS
	// Today is the date "overdue" is measured against. When zero, the
	// config's today is used, and when that is zero too, Clock.
	Today model.Date
	// Clock is the caller's current instant, the last resort for Today:
	// its date in the config's timeZone, the day the site's readers are
	// in, whatever the zone of the machine that builds.
	Clock time.Time
	// ClockFirst makes Clock win over the config's today (not over
	// Today), for commands whose point is the real date.
	ClockFirst bool
	// Now, when set, is the caller's clock, which times the parsing of
	// each file: one that takes a second or more gets a markdown/slow
	// warning (source.SlowFile).
	Now func() time.Time
	// Stopwatch, when set, times the parsing of each file instead of Now
	// (source.LoadOptions.Stopwatch).
	Stopwatch func() (stop func() time.Duration)
	// BaseURL, when set, replaces the config's baseURL.
	BaseURL string
	// Drafts includes postmortems whose status is draft, unless they have
	// problems: such a draft is left out, and its problems are warnings.
	Drafts bool
	// Audience is AudienceInternal (default) or AudiencePublic: a public
	// build leaves out every postmortem not marked visibility: public, and
	// everything that would mention it, and names no one (no commander,
	// authors or action-item owners, see withoutPeople).
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
	// ("load", "pages and data files", "sitemap", and "publish" in
	// BuildAndPublish) with how many files it made; the CLI times the
	// stages with its clock.
	Progress func(stage string, n int)
	// Files, when set, is called with the number of files made so far each
	// time BuildTo or BuildAndPublish hands one on, from several goroutines
	// at once; the CLI draws its progress line with it.
	Files func(n int)

	// putWrites is set by BuildAndPublish, whose put writes each file
	// before it returns: the renderer and the exports may then reuse their
	// buffers.
	putWrites bool
	// loaded, when set, is called by Load with the config and the files
	// it read, before anything is left out: a Session keeps them for
	// quick updates of single pages.
	loaded func(cfg model.SiteConfig, files []source.File)
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
	// SkippedDrafts counts the drafts of Skipped; the others are internal
	// ones left out of a public build.
	SkippedDrafts int
	// ConfigFile is the config file read, "" when none.
	ConfigFile string

	// texts are the text attachments Load read to scan them for secrets,
	// by path, until the build publishes them (source.PutAttachments).
	texts map[string][]byte
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
	cfg, cfgFile, diags := loadConfig(opts.Source)
	site.ConfigFile = cfgFile
	site.Diagnostics = diags
	if opts.BaseURL != "" {
		cfg.BaseURL = source.EncodeBaseURL(opts.BaseURL)
	}
	today := siteToday(opts.Today, cfg.Today, opts.Clock, opts.ClockFirst, cfg.TimeZone)
	if today.IsZero() {
		return nil, site, errors.New("no date for today: pass Options.Today or Clock, or set today in the config")
	}
	var (
		files  []source.File
		pms    []*model.Postmortem
		ld     *diag.List
		linted bool
		// ignored are the files' pmkb-lint-ignore comments, which can
		// silence the loader's warnings (lint.Config.Regrade).
		ignored lint.IgnoreComments
	)
	// The lint rules a build runs, graded by the site.
	lc := lintConfig(&cfg, buildOnly)
	// pmkb actions, notify and stats print front-matter values and quote
	// them in errors: a secret in a file stops them, as it stops a build,
	// and is never printed (QA 20 A-F1); the check is kept in the cache
	// with the file's other problems.
	var secrets func(source.File) *diag.List
	if opts.MetadataOnly {
		check := secretCheck(&cfg)
		secrets = func(f source.File) *diag.List { return check(f.Path, f.Raw) }
	}
	if opts.MetadataOnly && opts.CacheDir != "" {
		files, ld = source.LoadMetadataChecked(opts.Source, &cfg, opts.CacheDir, secrets, fmt.Sprintf("%q|%q", cfg.LintRules, cfg.LintAllow))
		for _, f := range files {
			if f.PM != nil {
				pms = append(pms, f.PM)
			}
		}
	} else {
		lo := source.LoadOptions{SkipBody: opts.MetadataOnly, Now: opts.Now, Stopwatch: opts.Stopwatch}
		// Secrets pasted from logs block publishing: each file is scanned
		// in the worker that loads it, unless the site's lint settings
		// turn on a rule that needs the whole knowledge base.
		if checker := lint.NewChecker(lc, nil, today); !opts.MetadataOnly && !checker.NeedsKnowledgeBase() {
			lo.Check = func(f source.File) *diag.List {
				l := &diag.List{}
				checker.Check(&lint.File{Path: f.Path, Raw: f.Raw, PM: f.PM}, l)
				ignored.Add(f.Path, f.Raw)
				return l
			}
			lo.DropRaw = true
			linted = true
		} else if opts.MetadataOnly {
			lo.Check = secrets
		}
		files, ld = source.LoadFiles(opts.Source, &cfg, lo)
		for _, f := range files {
			if f.PM != nil {
				pms = append(pms, f.PM)
			}
			ignored.Add(f.Path, f.Raw) // nil with DropRaw: Check added it
		}
	}
	if opts.loaded != nil {
		opts.loaded(cfg, files)
	}
	// The loader's warnings about links and skipped files are lint rules
	// that builds report too, graded by the site.
	diags.Merge(lc.Regrade(ld, &ignored))
	diags.Merge(validate.Postmortems(&cfg, pms, unloadedIDs(files)))
	// Secrets pasted from logs block publishing (pmkb lint has the rest).
	if !opts.MetadataOnly && !linted {
		diags.Merge(lintFiles(files, model.New(cfg, today, pms), lc, nil))
	}
	// So do secrets in the text attachments the bodies link to, whoever
	// the build is for; the build publishes the bytes scanned.
	var texts map[string][]byte
	if !opts.MetadataOnly {
		texts = map[string][]byte{}
		diags.Merge(scanAttachments(opts.Source, pms, lc, texts))
	}
	broken := downgradeDrafts(diags, pms, files, opts.Drafts)
	settle(diags)
	if diags.HasErrors() {
		return nil, site, fmt.Errorf("%w: %d errors", ErrContent, diags.Errors())
	}
	kept := slices.DeleteFunc(slices.Clone(pms), func(p *model.Postmortem) bool {
		return leftOut(p, opts, broken)
	})
	site.Skipped = len(pms) - len(kept)
	for _, p := range pms {
		if leftOutAsDraft(p, opts, broken) {
			site.SkippedDrafts++
		}
	}
	for _, f := range files {
		if f.DraftByText {
			site.Skipped++
			site.SkippedDrafts++
		}
	}
	if site.Skipped > 0 {
		// Body links to a page the build leaves out become their text.
		in := make(map[string]bool, len(kept))
		for _, p := range kept {
			in[p.ID] = true
		}
		source.Unlink(&cfg, files, in)
	}
	if opts.Audience == AudiencePublic {
		forPublic(kept)
		cfg = publicCatalog(cfg, kept)
	}
	site.KB = model.New(cfg, today, kept)
	site.texts = texts
	return site.KB, site, nil
}

// The prefixes of a draft's problems, which are warnings in every command:
// a build without drafts leaves every draft out, and a build with drafts
// (a deploy preview, pmkb serve) and pmkb lint leave out a draft that has
// problems until they are fixed.
const (
	draftLeftOut    = "in a draft, left out of the build: "
	draftUntilFixed = "in a draft, left out until fixed: "
)

// downgradeDrafts turns the errors of draft postmortems into warnings and
// returns the paths of the drafts that had any. A half-written draft (a
// fresh `pmkb new` has empty systems, causes and owners) is committed
// while it is written, so its problems must never fail the build, the
// preview or the lint check of everything else: a build leaves it out
// instead, and says why. withDrafts picks the wording: with drafts, a draft
// without problems is built. A file whose front matter does not parse is
// a draft when one of its top-level lines says status: draft (files, see
// source.File.DraftByText), and its syntax error is a draft's problem. A
// secret stays an error: a build is the check many
// repositories run on every change, and a key pasted into a draft is in
// the repository's history once it merges.
func downgradeDrafts(diags *diag.List, pms []*model.Postmortem, files []source.File, withDrafts bool) (broken map[string]bool) {
	drafts := map[string]bool{}
	for _, p := range pms {
		if p.Draft() {
			drafts[p.Path] = true
		}
	}
	for _, f := range files {
		if f.DraftByText {
			drafts[f.Path] = true
		}
	}
	broken = map[string]bool{}
	if len(drafts) == 0 {
		return broken
	}
	prefix := draftLeftOut
	if withDrafts {
		prefix = draftUntilFixed
	}
	diags.Downgrade(func(d diag.Diagnostic) bool {
		if !drafts[d.Pos.Path] || strings.HasPrefix(d.Rule, SecretRules) {
			return false
		}
		broken[d.Pos.Path] = true
		return true
	}, prefix)
	return broken
}

// leftOut reports whether a build with opts leaves p out of the site: a
// draft unless drafts are built, a draft with problems (broken, from
// downgradeDrafts) always, and an internal postmortem in a public build.
func leftOut(p *model.Postmortem, opts Options, broken map[string]bool) bool {
	return leftOutAsDraft(p, opts, broken) || (opts.Audience == AudiencePublic && !p.Public())
}

// leftOutAsDraft reports whether p is left out for being a draft: every
// draft without opts.Drafts, and one with problems (broken) with it.
func leftOutAsDraft(p *model.Postmortem, opts Options, broken map[string]bool) bool {
	return p.Draft() && (!opts.Drafts || broken[p.Path])
}

// forPublic readies the postmortems of a public build, each replaced by a
// copy: no field names a person (withoutPeople), and no related: id names
// an internal postmortem (stripInternalLinks, on the copies, so the
// loaded postmortems a Session keeps are left as they are).
func forPublic(pms []*model.Postmortem) {
	withoutPeople(pms)
	stripInternalLinks(pms)
}

// withoutPeople replaces each postmortem with a copy that names no one:
// no commander, no authors, no action-item owners, and none of the fields
// a team adds to the contract's (on_call:, customer_ticket:), which the
// JSON export carries as written and which a public build cannot tell
// from a person's name or an internal reference. A public edition
// (customer-facing incident reports) is blameless and carries no personal
// data, so every page, feed, calendar, search index and export that reads
// these fields finds them empty: there are no owner pages, and an item
// says its status, due date, kind, priority and the postmortem's teams.
// The loaded postmortems are left as they are (a Session keeps them).
func withoutPeople(pms []*model.Postmortem) {
	for i, p := range pms {
		c := *p
		c.Commander = ""
		c.Authors = nil
		c.Extra = nil
		c.ActionItems = slices.Clone(p.ActionItems)
		for j := range c.ActionItems {
			c.ActionItems[j].Owner = ""
		}
		pms[i] = &c
	}
}

// stripInternalLinks removes related: ids that are not in the build, so a
// public site never names an internal postmortem, not even by id. It
// changes the postmortems of pms.
func stripInternalLinks(pms []*model.Postmortem) {
	in := make(map[string]bool, len(pms))
	for _, p := range pms {
		in[p.ID] = true
	}
	for _, p := range pms {
		p.Related = slices.DeleteFunc(slices.Clone(p.Related), func(id string) bool { return !in[id] })
	}
}

// publicCatalog returns cfg with only the systems and causes that pms name,
// and with a system's owning team only when pms name that team: the
// catalog describes internal systems and teams, and a public build shows
// only what its postmortems mention (term pages, indexes, counts, search
// facets and exports all read the catalog from here).
func publicCatalog(cfg model.SiteConfig, pms []*model.Postmortem) model.SiteConfig {
	named := func(list func(*model.Postmortem) []string) map[string]bool {
		m := map[string]bool{}
		for _, p := range pms {
			for _, v := range list(p) {
				m[model.Slug(v)] = true
			}
		}
		return m
	}
	systems := named(func(p *model.Postmortem) []string { return p.Systems })
	causes := named(func(p *model.Postmortem) []string { return p.Causes })
	teams := named(func(p *model.Postmortem) []string { return p.Teams })
	cfg.Systems = slices.DeleteFunc(slices.Clone(cfg.Systems), func(s model.System) bool { return !systems[model.Slug(s.Slug)] })
	for i, s := range cfg.Systems {
		if !teams[model.Slug(s.Team)] {
			cfg.Systems[i].Team = ""
		}
	}
	cfg.Causes = slices.DeleteFunc(slices.Clone(cfg.Causes), func(c model.Term) bool { return !causes[model.Slug(c.Slug)] })
	return cfg
}

// Build loads the site and renders every file in memory. It returns an
// error wrapping ErrContent when the content has errors; site.Diagnostics
// then lists them.
func Build(ctx context.Context, opts Options) (*Site, error) {
	var c collector
	site, err := BuildTo(ctx, opts, c.put)
	if err != nil {
		return site, err
	}
	site.Files = c.sorted()
	return site, nil
}

// BuildTo loads the site and renders every file, handing each to put as
// soon as it is made, from several goroutines at once (put must be safe
// for concurrent use) and in no particular order; no file's bytes are
// kept after put returns, so a large site never has to fit in memory
// (BuildAndPublish is BuildTo into a folder). The first error of put
// stops the build and is returned. site.Files is nil.
func BuildTo(ctx context.Context, opts Options, put func(File) error) (*Site, error) {
	kb, site, err := Load(opts)
	if err != nil {
		return site, err
	}
	opts.progress("load", len(kb.Postmortems))
	return site, renderInto(ctx, kb, site, opts, put)
}

// themeWarnings adds to d a warning for each file or UI string of the
// site's theme folder that the build would ignore without a word
// (render.ThemeWarnings: a misspelt layout or UI string key), as the lint
// rule lint.ThemeUnused graded by the site's [lint] rules of cfg: off,
// or an error that fails the build.
func themeWarnings(d *diag.List, theme fs.FS, cfg *model.SiteConfig) {
	if theme == nil {
		return
	}
	found := &diag.List{}
	for _, w := range render.ThemeWarnings(themes.Overlay(theme), cfg.Language) {
		// A problem of a whole file is at its line 1, as every command
		// names one (the path is the theme folder's, which the commands
		// cannot look up in the site).
		found.Add(diag.Diagnostic{Pos: diag.Pos{Path: w.Path, Line: max(w.Line, 1)}, Severity: diag.Warning, Rule: lint.ThemeUnused, Message: w.Msg})
	}
	d.Merge(lintConfig(cfg, buildOnly).Regrade(found, nil))
	d.Sort()
}

// ThemeDiagnostics returns the problems of theme, a site's theme folder
// (nil: none), that a build reports for the site of cfg: the files and UI
// strings it would ignore without a word, graded by the site's [lint]
// rules. Commands that use a theme without building, such as pmkb notify,
// report them as the build does.
func ThemeDiagnostics(theme fs.FS, cfg *model.SiteConfig) *diag.List {
	d := &diag.List{}
	themeWarnings(d, theme, cfg)
	return d
}

// renderInto is renderSite for a build: it counts the pages into site.
// A theme problem the site grades as an error fails the build before a
// file is made.
func renderInto(ctx context.Context, kb *model.KnowledgeBase, site *Site, opts Options, put func(File) error) error {
	themeWarnings(site.Diagnostics, opts.Theme, &kb.Config)
	if site.Diagnostics.HasErrors() {
		return fmt.Errorf("%w: %d errors", ErrContent, site.Diagnostics.Errors())
	}
	var pages, made atomic.Int64
	texts := site.texts
	site.texts = nil // the site outlives the build; the attachments need not
	_, err := renderSite(ctx, kb, opts, texts, func(f File) error {
		// A cancelled build (Ctrl-C) stops at the next file: every stage
		// stops at its first error from put.
		if err := ctx.Err(); err != nil {
			return err
		}
		if strings.HasSuffix(f.Path, ".html") {
			pages.Add(1)
		}
		if err := put(f); err != nil {
			return err
		}
		if opts.Files != nil {
			opts.Files(int(made.Add(1)))
		}
		return nil
	})
	site.Pages = int(pages.Load())
	return err
}

// Render renders every file of the site for a loaded knowledge base: the
// HTML pages, the search index, the statistics and the exports, sorted by
// path. Stages that do not depend on each other run concurrently.
func Render(ctx context.Context, kb *model.KnowledgeBase, opts Options) ([]output.File, error) {
	var c collector
	if _, err := renderSite(ctx, kb, opts, nil, c.put); err != nil {
		return nil, err
	}
	return c.sorted(), nil
}

// collector gathers streamed files in memory.
type collector struct {
	mu    sync.Mutex
	files []output.File
}

func (c *collector) put(f output.File) error {
	c.mu.Lock()
	c.files = append(c.files, f)
	c.mu.Unlock()
	return nil
}

// sorted returns the files sorted by path.
func (c *collector) sorted() []output.File {
	slices.SortFunc(c.files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	return c.files
}

// renderSite renders every file of the site into put (see BuildTo) and
// returns the options the pages were rendered with (similar incidents,
// repeats), for quick updates of single pages. texts are the attachments
// Load read (Site.texts), published without reading them again; nil reads
// every attachment from opts.Source.
func renderSite(ctx context.Context, kb *model.KnowledgeBase, opts Options, texts map[string][]byte, put func(File) error) (_ render.Options, err error) {
	theme := themes.Overlay(opts.Theme)
	// A problem of a file of the site's theme folder is named as its user
	// opens it, without the stage that met it; a file of the folder's
	// static/ that a part of the site also makes is such a problem.
	defer func() { err = render.AsThemeError(err) }()
	put = render.GuardStatic(theme, put)
	generatorName := opts.Version
	if generatorName == "" {
		generatorName = "pmkb"
	}
	si, err := search.NewSiteIndex(kb)
	if err != nil {
		return render.Options{}, fmt.Errorf("search: %w", err)
	}
	// The overdue feed, the calendar and the statistics speak the site's
	// language; each takes its own Fresh copy, so that each reports only
	// the strings it lacked whichever runs first.
	words, err := render.LoadWords(theme, kb.Config.Language)
	if err != nil {
		return render.Options{}, fmt.Errorf("export: %w", err)
	}
	// Pages need similar incidents and the statistics (computed once for
	// the stats page, repeats, term figures and /api/stats.json); the
	// search index and the data exports are written alongside the pages,
	// the sitemap once the pages are known.
	var (
		before, beside       sync.WaitGroup
		similar              map[string][]string
		st                   *siteStats
		searchN, exportN     int
		searchErr, exportErr error
		statsErr             error
	)
	before.Add(2)
	// A page leaves out of its similar incidents those it links above them.
	wanted := func(p *model.Postmortem) int { return render.SimilarWanted(kb, p) }
	go func() { defer before.Done(); similar = si.SimilarUpTo(wanted) }()
	go func() { defer before.Done(); st, statsErr = computeSiteStats(kb, words.Fresh()) }()
	beside.Add(2)
	go func() {
		defer beside.Done()
		files, err := si.Export()
		searchN = len(files)
		searchErr = cmp.Or(err, putAll(files, put))
	}()
	exportOpts := export.Options{Generator: generatorName, Words: words.Fresh(), ReuseBuffers: opts.putWrites}
	go func() {
		defer beside.Done()
		exportErr = export.DataTo(kb, exportOpts, func(f output.File) error {
			exportN++
			return put(f)
		})
	}()
	before.Wait()
	if err := cmp.Or(ctx.Err(), statsErr); err != nil {
		beside.Wait()
		return render.Options{}, err
	}
	statsFiles, err := st.output()
	if err == nil {
		err = putAll(statsFiles, put)
	}
	if err == nil && opts.Source != nil { // images and attachments beside the postmortems
		err = source.PutAttachments(opts.Source, kb.Postmortems, texts, func(p string, b []byte) error { return put(File{Path: p, Data: b}) })
	}
	if err != nil {
		beside.Wait()
		return render.Options{}, err
	}
	ro := render.Options{Similar: similar, Repeats: st.repeats, RepeatTotals: st.repeatTotals, Terms: st.terms, Pages: []render.Page{st.page}, Audience: opts.Audience,
		ReuseBuffers: opts.putWrites}
	var (
		mu    sync.Mutex
		pages []string
	)
	pagesErr := render.Stream(kb, theme, ro, func(f output.File) error {
		if p, ok := pagePath(f.Path); ok {
			mu.Lock()
			pages = append(pages, p)
			mu.Unlock()
		}
		return put(f)
	})
	beside.Wait() // no goroutine outlives renderSite
	if pagesErr != nil {
		return ro, fmt.Errorf("render: %w", pagesErr)
	}
	if err := cmp.Or(searchErr, exportErr); err != nil {
		return ro, err
	}
	opts.progress("pages and data files", len(pages)+searchN+len(statsFiles)+exportN)
	slices.Sort(pages)
	sitemap, err := export.Sitemap(kb, exportOpts, pages)
	if err != nil {
		return ro, fmt.Errorf("export: %w", err)
	}
	if err := put(sitemap); err != nil {
		return ro, err
	}
	opts.progress("sitemap", 1)
	return ro, nil
}

// putAll hands every file to put and returns the first error.
func putAll(files []output.File, put func(File) error) error {
	for _, f := range files {
		if err := put(f); err != nil {
			return err
		}
	}
	return nil
}

// pagePath returns the pretty path of an HTML page file ("" for the home
// page, "postmortems/x/"), for the sitemap; ok is false for other files
// and for the 404 page, which the sitemap does not list.
func pagePath(file string) (p string, ok bool) {
	switch {
	case file == "index.html":
		return "", true
	case strings.HasSuffix(file, "/index.html"):
		return file[:len(file)-len("index.html")], true
	}
	return "", false
}

// PostmortemDirLookalike returns the folder of the site whose name differs
// from content/postmortems only in case ("content/Postmortems"), or ""
// (none, or a file system that ignores case, where it is
// content/postmortems): what a command names instead of "no
// content/postmortems here".
func PostmortemDirLookalike(site fs.FS) string { return source.PostmortemDirLookalike(site) }
