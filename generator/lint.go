package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/lint"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// LintFormats are the output formats of WriteLint.
var LintFormats = []string{"text", "json", "github"}

// LintOptions say what to lint.
type LintOptions struct {
	// Source is the site root.
	Source fs.FS
	// Paths, when not empty, limit the report to these files (slash paths
	// relative to the site root); a folder stands for every postmortem
	// under it ("." for all). The whole site is still read, for the
	// checks across files.
	Paths []string
	// Today, Clock, Now and Stopwatch are as in Options.
	Today     model.Date
	Clock     time.Time
	Now       func() time.Time
	Stopwatch func() (stop func() time.Duration)
}

// buildOnly turns off every lint area but secrets: a build refuses to
// publish secrets, and leaves style advice to pmkb lint. It keeps one
// completeness rule: a postmortem without action items is worth a warning
// in every build.
var buildOnly = map[string]string{"blameless": "off", "completeness": "off", "pii": "off",
	"dates": "off", "frontmatter": "off", "lint": "off", "completeness/action-items": "warning"}

// secretCheck returns a check of one file's text by lint's secret rules,
// graded and allowed as the site says and silenced by the file's
// pmkb-lint-ignore comments, for the commands that print what they read
// without the lint pass a build runs: pmkb search (its snippets), pmkb
// actions, notify and stats (titles, owners, and their errors quoting a
// value). A secret that lint and build block was printed by them in
// clear, in a snippet, a Slack digest or an error (QA 20 A-F1, F2).
func secretCheck(cfg *model.SiteConfig) func(path string, raw []byte) *diag.List {
	checker := lint.NewSecretChecker(lintConfig(cfg, nil))
	return func(path string, raw []byte) *diag.List {
		found := &diag.List{}
		checker.Check(&lint.File{Path: path, Raw: raw}, found)
		return found
	}
}

// lintConfig lays the site's lint settings over base (may be nil).
func lintConfig(cfg *model.SiteConfig, base map[string]string) lint.Config {
	rules := map[string]string{}
	maps.Copy(rules, base)
	// A site's grade for an area ("completeness = off") covers the rules
	// of that area that base grades one by one.
	for k := range cfg.LintRules {
		maps.DeleteFunc(rules, func(id, _ string) bool { return strings.HasPrefix(id, k+"/") })
	}
	maps.Copy(rules, cfg.LintRules)
	return lint.Config{Rules: rules, Allow: cfg.LintAllow}
}

// SecretRules is the id prefix of lint's secret rules
// ("secret/aws-access-key"): a line they report holds a key or a password,
// so it is never quoted, and other problems on it are masked
// (diag.List.RedactLinesOf).
const SecretRules = "secret/"

// ThemeRule is the id of the rule of a theme folder's unused files and UI
// strings (--theme): its problems name the theme's files as the user
// gave the folder, not as files of the site.
const ThemeRule = lint.ThemeUnused

// HoldsSecret reports whether text, a line of a site's file, holds a
// string one of lint's secret rules reports, whatever the site's grades of
// those rules: a line that does is never quoted under a problem.
func HoldsSecret(text string) bool { return lint.HoldsSecret(text) }

// contractRule is the rule id of every problem without one of its own:
// the checks of the content contract, the config's and the files that
// cannot be read, which no [lint] grade or ignore comment changes.
const contractRule = "contract"

// settle tags, masks secrets in and sorts diags: the last step of every
// list a build, lint or the dev server reports. A problem without a rule
// is the contract's (contractRule), in every command alike, so that its
// first line ends with [contract] in pmkb build and pmkb serve as in pmkb
// lint (QA 15 D-F4: only lint tagged them). A quoted source line
// (diag.Diagnostic.Excerpt) is dropped, and the quoted values of its
// problem masked, when a secret rule reported its line or, whatever the
// site's grades of those rules, it holds a secret.
func settle(diags *diag.List) {
	diags.DefaultRule(contractRule)
	diags.RedactLinesOf(SecretRules)
	// A problem on a line holding a secret no secret rule reported (the
	// rules graded off, a config file) may quote the line's value in its
	// advice ("write \"dsn: postgres://…\"").
	// A problem with a column but no excerpt had its line left out (too
	// long, or in a file holding a private key) and cannot be checked:
	// its quoted values are masked too.
	diags.RedactWhere(func(d diag.Diagnostic) bool {
		if strings.HasPrefix(d.Rule, SecretRules) {
			return false
		}
		// A problem whose own words quote a secret (unknown severity
		// "AKIA…" where no secret rule ran, as in a command that reads
		// front matter only) is masked too (QA 20 A-F2).
		return d.Excerpt != "" && HoldsSecret(d.Excerpt) || d.Excerpt == "" && d.Col > 0 ||
			HoldsSecret(d.Message) || d.Hint != "" && HoldsSecret(d.Hint)
	})
	secretLines := diags.LinesOf(SecretRules)
	diags.ClearExcerpts(func(d diag.Diagnostic) bool {
		return secretLines[d.Pos] || HoldsSecret(d.Excerpt)
	})
	diags.Sort()
}

// loadConfig reads the site's config in site as every command reads it:
// source.LoadConfig, then the problems of its [lint] table (an unknown
// rule, a bad grade, an allow entry that is no fingerprint) as errors at
// their lines, so that a build, search and the dev server report them as
// pmkb lint does instead of ignoring a misspelt rule (QA 20 A-F8), and
// each problem with the line it is about quoted (source.QuoteConfig).
func loadConfig(site fs.FS) (model.SiteConfig, string, *diag.List) {
	cfg, name, diags := source.LoadConfig(site)
	for _, p := range (lint.Config{Rules: cfg.LintRules, Allow: cfg.LintAllow}).Problems() {
		diags.Errorf(diag.Pos{Path: name, Line: cfg.LintRuleLines[p.Key]}, "%s", p.Message)
	}
	source.QuoteConfig(site, name, diags)
	return cfg, name, diags
}

// unloadedIDs are the ids of the files that did not load, for
// validate.Postmortems.
func unloadedIDs(files []source.File) []string {
	var ids []string
	for _, f := range files {
		if f.PM == nil {
			ids = append(ids, f.ID)
		}
	}
	return ids
}

// lintFiles runs lint over files with the knowledge base kb.
func lintFiles(files []source.File, kb *model.KnowledgeBase, lc lint.Config, only map[string]bool) *diag.List {
	var lf []*lint.File
	for _, f := range files {
		if only != nil && !only[f.Path] {
			continue
		}
		lf = append(lf, &lint.File{Path: f.Path, Raw: f.Raw, PM: f.PM})
	}
	return lint.Run(lf, kb, lc, kb.Today)
}

// scanAttachments runs lint's secret rules that lc enables over the text
// attachments (.txt, .log, .csv) that pms link to: a build publishes them
// as they are, and raw logs are where keys and tokens are pasted most. A
// finding is an error at the attachment's line, redacted as in a
// postmortem, so a build publishes nothing. When read is not nil, it gets
// the bytes scanned, by path, for source.PutAttachments: a build publishes
// what it scanned and reads each file once.
func scanAttachments(fsys fs.FS, pms []*model.Postmortem, lc lint.Config, read map[string][]byte) *diag.List {
	out := &diag.List{}
	c := lint.NewSecretChecker(lc)
	out.Merge(source.TextAttachments(fsys, pms, func(name string, data []byte) {
		c.Check(&lint.File{Path: name, Raw: utf16ToUTF8(data)}, out)
		if read != nil {
			read[name] = data
		}
	}))
	return out
}

// textExts are the types of the text attachments lint scans for secrets,
// as source.TextAttachments does those a build publishes.
var textExts = map[string]bool{".txt": true, ".log": true, ".csv": true}

// isText reports whether name, a slash path relative to the site root, is
// a text file under content/postmortems/ (.txt, .log, .csv, in any case).
func isText(name string) bool {
	return strings.HasPrefix(name, source.PostmortemDir+"/") && textExts[strings.ToLower(path.Ext(name))]
}

// unlinkedTexts returns, in path order, the text files under
// content/postmortems/ that no postmortem links to (linked holds the
// attachments the postmortems link, in NFC as links name them). pmkb lint
// scans them for secrets too: a log is saved, and committed, before the
// postmortem that will link it is written, and it is in the repository's
// history either way (QA 15 D-F2). Hidden files and folders and symbolic
// links are left out, as the loader leaves them; pmkb lint scans one it
// is given by name.
func unlinkedTexts(fsys fs.FS, linked map[string]bool) []string {
	var out []string
	_ = fs.WalkDir(fsys, source.PostmortemDir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil // the loader reports what cannot be read
		case p != source.PostmortemDir && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.Type().IsRegular() && isText(p) && !linked[norm.NFC.String(p)]:
			out = append(out, p)
		}
		return nil
	})
	return out
}

// namedText reports whether name, a path given to pmkb lint, is a text
// file under content/postmortems/ it scans, though unlinkedTexts left it
// out (a hidden one): a regular file, not a symbolic link.
func namedText(fsys fs.FS, name string) bool {
	if !isText(name) {
		return false
	}
	fi, err := fs.Lstat(fsys, name)
	return err == nil && fi.Mode().IsRegular()
}

// scanTexts runs lint's secret rules that lc enables over the text files
// names, which no postmortem links (unlinkedTexts), as scanAttachments
// does over the linked ones: a finding is an error at the file's line.
// A file over source.MaxAttachmentBytes, which no build publishes, is
// scanned up to that size.
func scanTexts(fsys fs.FS, names []string, lc lint.Config) *diag.List {
	out := &diag.List{}
	c := lint.NewSecretChecker(lc)
	for _, name := range names {
		data, err := readHead(fsys, name, source.MaxAttachmentBytes+1)
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted since it was listed (QA 16 B-F6)
		}
		if err != nil {
			if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
				err = pe.Err
			}
			out.Errorf(diag.Pos{Path: name}, "cannot read: %v", err)
			continue
		}
		if len(data) > source.MaxAttachmentBytes {
			// Said, not passed over (QA 15 regression pass, a-1).
			data = data[:source.MaxAttachmentBytes]
			out.Add(diag.Diagnostic{Pos: diag.Pos{Path: name, Line: 1}, Severity: diag.Warning, Rule: "files/not-read",
				Message: "only the first 10 MiB of this file were scanned for secrets",
				Hint:    "a file over 10 MiB is not published either: keep the part that matters, or store the file elsewhere and link it"})
		}
		c.Check(&lint.File{Path: name, Raw: utf16ToUTF8(data)}, out)
	}
	return out
}

// utf16ToUTF8 returns data, a text file that starts with a UTF-16
// byte-order mark (PowerShell 5's ">" and Excel's "Unicode Text" write
// such files), as UTF-8, so that its secrets are found (QA 15 regression
// pass, a-3); other data is returned as it is.
func utf16ToUTF8(data []byte) []byte {
	if !bytes.HasPrefix(data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return data
	}
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// readHead returns the first max bytes of the file name (all of a smaller
// one).
func readHead(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max))
}

// Lint checks the site like a build does — every rule of the content
// contract — and adds the checks that keep a knowledge base honest and
// safe: completeness, blameless wording, secrets and personal data, dates.
// Every diagnostic carries a rule id ("contract" for the contract's rules;
// the loader's warnings about body links and skipped files have theirs).
// As in a build, the problems of a draft are warnings, but for a secret.
// Every text file under content/postmortems/ is scanned for secrets, the
// ones no postmortem links yet too (unlinkedTexts), and may be named in
// Paths.
func Lint(opts LintOptions) (*diag.List, error) {
	cfg, cfgName, diags := loadConfig(opts.Source)
	today := siteToday(opts.Today, cfg.Today, opts.Clock, false, cfg.TimeZone)
	lc := lintConfig(&cfg, nil)
	files, ld := source.LoadFiles(opts.Source, &cfg, source.LoadOptions{Now: opts.Now, Stopwatch: opts.Stopwatch})
	var pms []*model.Postmortem
	var ignored lint.IgnoreComments
	for _, f := range files {
		if f.PM != nil {
			pms = append(pms, f.PM)
		}
		ignored.Add(f.Path, f.Raw)
	}
	// A file the loader skipped (a README.md beside the postmortems) may
	// be named too, as the pre-commit hook names every staged .md: it
	// gets what the whole site's lint says of it, its files/not-read
	// warning (unless the site turned the rule off), not a refusal.
	skipped := map[string]bool{}
	for _, d := range ld.Items() {
		if d.Rule == source.RuleNotRead {
			skipped[d.Pos.Path] = true
		}
	}
	diags.Merge(lc.Regrade(ld, &ignored))
	diags.Merge(validate.Postmortems(&cfg, pms, unloadedIDs(files)))
	kb := model.New(cfg, today, pms)
	linked := map[string]bool{}
	for _, p := range pms {
		for _, a := range p.Attachments {
			linked[a] = true
		}
	}
	unlinked := unlinkedTexts(opts.Source, linked)
	var only map[string]bool
	var gone []string // the paths named that no longer exist (goneFile)
	if len(opts.Paths) > 0 {
		only = map[string]bool{}
		known := map[string]bool{}
		for _, f := range files {
			known[f.Path] = true
		}
		// A postmortem's text attachments are linted with it, and can be
		// named on their own; so can a text file no postmortem links.
		attached := map[string][]string{}
		for _, p := range pms {
			for _, a := range p.Attachments {
				known[a] = true
				attached[p.Path] = append(attached[p.Path], a)
			}
		}
		for _, t := range unlinked {
			known[t] = true
		}
		maps.Copy(known, skipped)
		for _, p := range opts.Paths {
			if known[p] {
				only[p] = true
				for _, a := range attached[p] {
					only[a] = true
				}
				continue
			}
			st, err := fs.Stat(opts.Source, p)
			if err == nil && st.IsDir() {
				for f := range known {
					if p == "." || strings.HasPrefix(f, p+"/") {
						only[f] = true
					}
				}
				continue
			}
			if errors.Is(err, fs.ErrNotExist) && goneFile(p) {
				// Deleted, or the old name of a rename: the pre-commit
				// hook passes it so that the files that still refer to
				// it are checked (QA 16 B-F2).
				gone = append(gone, p)
				continue
			}
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file", p)
			}
			if namedText(opts.Source, p) {
				// A hidden one: the pre-commit hook passes every
				// staged text file.
				unlinked = append(unlinked, p)
				only[p] = true
				continue
			}
			if strings.HasPrefix(p, source.PostmortemDir+"/") {
				return nil, fmt.Errorf("%s is not a postmortem or a text attachment of this site (lint checks the .md files under %s and the .txt, .log and .csv files there)", p, source.PostmortemDir)
			}
			return nil, fmt.Errorf("%s is not a postmortem of this site (postmortems are the .md files under %s)", p, source.PostmortemDir)
		}
		unlinked = slices.DeleteFunc(unlinked, func(t string) bool { return !only[t] })
	}
	out := &diag.List{}
	for _, d := range diags.Items() {
		if only != nil && d.Pos.Path != cfgName && !only[d.Pos.Path] && !refersToGone(d, gone) {
			continue
		}
		out.Add(d)
	}
	out.Merge(lintFiles(files, kb, lc, only))
	for _, d := range scanAttachments(opts.Source, pms, lc, nil).Items() {
		if only == nil || only[d.Pos.Path] {
			out.Add(d)
		}
	}
	out.Merge(scanTexts(opts.Source, unlinked, lc))
	// A draft's problems are warnings here too: a half-written draft must
	// not turn every change's lint check red.
	downgradeDrafts(out, pms, files, true)
	settle(out)
	return out, nil
}

// goneFile reports whether name, a path given to pmkb lint that does not
// exist, may be a file deleted or renamed away from the site: a .md file
// (a postmortem) or a text attachment (.txt, .log, .csv) under
// content/postmortems/, as the README's pre-commit hook passes them
// (--diff-filter=ACMRD).
func goneFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return strings.HasPrefix(name, source.PostmortemDir+"/") && (ext == ".md" || textExts[ext])
}

// refersToGone reports whether d, a problem of the whole site, is one
// that a deleted or renamed file of gone (goneFile) may have caused, and
// which lint reports when given that file: for a postmortem, every
// reference to a postmortem that does not exist (a related: id, a link
// to a .md file or to a page; which id a deleted file had is not known,
// its id: may not be its name), for a text attachment the links to it.
func refersToGone(d diag.Diagnostic, gone []string) bool {
	for _, g := range gone {
		if strings.EqualFold(path.Ext(g), ".md") {
			if d.Rule == source.RuleBodyLinks && source.NamesMissingPostmortem(d.Message) ||
				(d.Rule == "" || d.Rule == contractRule) && strings.HasPrefix(d.Message, "related: no postmortem has id ") {
				return true
			}
		} else if d.Rule == source.RuleBodyLinks && strings.Contains(d.Message, " names "+norm.NFC.String(g)+", which does not exist") {
			return true
		}
	}
	return false
}

// WriteLint writes diagnostics as text ("path:line: message [rule]" and a
// hint), JSON, or GitHub Actions annotations.
func WriteLint(w io.Writer, list *diag.List, format string) error {
	switch format {
	case "", "text":
		return lint.WriteText(w, list)
	case "json":
		return lint.WriteJSON(w, list)
	case "github":
		return lint.WriteGitHub(w, list)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, quoted(LintFormats))
}

// LintRule is a lint rule as pmkb lint --rules lists it: its id, its
// default severity, the grade a site's [lint] rules gives it ("error",
// "warning" or "off"; the default without a site) and its doc.
type LintRule struct {
	ID, Default, Grade, Doc string
}

// SiteLintRules lists every lint rule with the grade the configuration of
// the site gives it (site nil: none), so that a user can check that a
// re-grade took effect (QA 15 D-F5: --rules showed the default only).
// The configuration's problems are returned with them, settled as every
// command's are (secrets masked, tagged [contract]); a [lint] key it does
// not know is among them, and grades nothing.
func SiteLintRules(site fs.FS) ([]LintRule, *diag.List) {
	cfg, diags := model.DefaultSiteConfig(), &diag.List{}
	if site != nil {
		cfg, _, diags = loadConfig(site)
		settle(diags)
	}
	lc := lint.Config{Rules: cfg.LintRules}
	var out []LintRule
	for _, r := range lint.Rules() {
		out = append(out, LintRule{ID: r.ID, Default: r.Severity.String(), Grade: lc.Grade(r), Doc: r.Doc})
	}
	return out, diags
}

// LintRules describes every lint rule: id, default severity and doc.
func LintRules() [][3]string {
	var out [][3]string
	for _, r := range lint.Rules() {
		out = append(out, [3]string{r.ID, r.Severity.String(), r.Doc})
	}
	return out
}

func quoted(vals []string) string {
	q := slices.Clone(vals)
	for i, v := range q {
		q[i] = fmt.Sprintf("%q", v)
	}
	return fmt.Sprint(q)
}

// siteToday is the day a run counts as today: given, else the config's,
// else the clock's date in the site's time zone loc (QA round 7, #5: a
// build in UTC between 00:00 and 09:00 JST was a day behind Tokyo). With
// clockFirst, the clock comes before the config's today.
func siteToday(given, config model.Date, clock time.Time, clockFirst bool, loc *time.Location) model.Date {
	var now model.Date
	if !clock.IsZero() {
		if loc == nil {
			loc = time.UTC
		}
		now = model.DateOf(clock.In(loc))
	}
	if clockFirst {
		return firstDate(given, now, config)
	}
	return firstDate(given, config, now)
}

// firstDate returns the first non-zero date.
func firstDate(dates ...model.Date) model.Date {
	for _, d := range dates {
		if !d.IsZero() {
			return d
		}
	}
	return model.Date{}
}
