package generator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/search"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/termtext"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
)

// SearchOptions say what to search and where the index cache lives.
type SearchOptions struct {
	// Source is the site root.
	Source fs.FS
	// CacheDir holds the on-disk index; it is created when missing and
	// refreshed only for postmortems that changed.
	CacheDir string
	// Query uses the site's search syntax: words (all required), "quoted
	// phrases", prefix*, and severity: system: cause: team: year: filters.
	Query string
	// Limit is the most hits returned; ≤ 0 means all.
	Limit int
	// Drafts indexes drafts too, those without problems, as pmkb serve's
	// search does. Give such a search its own CacheDir: a cache holds one
	// kind of index.
	Drafts bool
	// Waiting, when set, is called once when the search has waited a
	// second for another pmkb that holds the cache (CacheDir).
	Waiting func()
}

// SearchResult is the answer to a query, in the JSON shape of
// pmkb search --json.
type SearchResult struct {
	search.Result
	// Unread lists the postmortems not searched because of their errors,
	// each by its first error ("path:line: message", as pmkb lint prints
	// it), in path order; in JSON only when there is one. A draft left
	// out without --drafts is not among them; with --drafts, a draft with
	// errors is, and so is one the checks across files leave out (an id
	// another file has, a related: id naming no postmortem), at the line
	// pmkb build --drafts names.
	Unread []string `json:"unread,omitempty"`
}

// ConfigError is the error of a command stopped by errors in the site's
// config before it read any postmortem: Diagnostics holds the config's
// problems (its warnings too), File the config's name ("pmkb.toml"). It
// wraps ErrContent.
type ConfigError struct {
	Diagnostics *diag.List
	File        string
}

func (e *ConfigError) Error() string {
	errs := "errors"
	if e.Diagnostics.Errors() == 1 {
		errs = "error"
	}
	return fmt.Sprintf("%v: the site's config has %d %s", ErrContent, e.Diagnostics.Errors(), errs)
}

func (e *ConfigError) Unwrap() error { return ErrContent }

// Search answers a query from the cached bleve index of the site, ranking
// hits exactly as the site's search page does. Files with errors are not
// indexed (pmkb lint explains the errors), nor drafts unless asked for, nor
// a draft that fails the contract's checks: the preview leaves such a
// draft out until it is fixed (downgradeDrafts), so its search page has
// no hit for it; nor a draft the checks across files leave out (its id
// is another postmortem's, or a related: id names none), as the build
// does, which the index decides each time it opens. The result names each
// file left out for its errors (SearchResult.Unread), the draft of a
// --drafts search included: the cache keeps their first errors, so a
// search from it names them too without reading them.
func Search(ctx context.Context, opts SearchOptions) (*SearchResult, model.SiteConfig, error) {
	cfg, cfgFile, diags := loadConfig(opts.Source)
	if diags.HasErrors() {
		settle(diags) // as every other report: no secret of the config's lines
		return nil, cfg, &ConfigError{Diagnostics: diags, File: cfgFile}
	}
	// The files are listed while the cache is read (OpenCacheListing).
	var listErr error
	list := func() ([]search.Entry, error) {
		paths, fd := source.Files(opts.Source)
		if fd.HasErrors() { // no content/postmortems: nothing to index, no cache to make
			listErr = fmt.Errorf("%s", strings.TrimSpace(fd.String()))
			return nil, listErr
		}
		entries, err := search.Fingerprints(opts.Source, paths)
		listErr = err
		return entries, err
	}
	secrets := secretCheck(&cfg)
	load := func(changed []string) ([]*model.Postmortem, map[string]string, error) {
		ps := source.NewParser(&cfg)
		var out []*model.Postmortem
		problems := map[string]string{}
		for _, p := range changed {
			data, err := fs.ReadFile(opts.Source, p)
			if err != nil {
				problems[p] = fmt.Sprintf("%s: cannot read: %v", p, err) // as source.LoadFiles says it
				continue
			}
			pm, draftByText, d := ps.ParseDraft(p, data)
			// A secret lint and build block is not indexed, nor shown
			// in a snippet; the note names the file, redacted.
			d.Merge(secrets(p, data))
			draft := draftByText || pm != nil && pm.Draft()
			if draft && !opts.Drafts {
				continue // left out as a draft, whatever its problems
			}
			if pm != nil && pm.Draft() {
				validate.One(&cfg, pm, d)
			}
			if pm == nil || d.HasErrors() {
				if msg := firstError(d, p); msg != "" {
					problems[p] = msg
					if pm != nil {
						// Not indexed, but its id is taken: a draft
						// with it is left out (search.Loader).
						out = append(out, pm)
					}
				}
				continue
			}
			out = append(out, pm)
		}
		return out, problems, nil
	}
	if opts.Waiting != nil {
		ctx = search.WithWaitNotice(ctx, func(string) { opts.Waiting() })
	}
	idx, err := search.OpenCacheListingContext(ctx, opts.CacheDir, &cfg, list, load)
	if listErr != nil {
		return nil, cfg, listErr
	}
	if err != nil {
		return nil, cfg, fmt.Errorf("search index in %s: %w", opts.CacheDir, err)
	}
	defer idx.Close()
	res, err := search.Query(ctx, idx, opts.Query, opts.Limit)
	if err != nil {
		return nil, cfg, err
	}
	return &SearchResult{Result: *res, Unread: idx.Unread()}, cfg, nil
}

// firstError is the first error of d as pmkb lint lists it
// ("path:line: message", secrets masked as settle masks them), or "".
func firstError(d *diag.List, path string) string {
	settle(d)
	for _, it := range d.Items() {
		if it.Severity == diag.Error {
			if it.Pos.Line == 0 && it.Pos.Path == path {
				// About the whole file (over maxFileBytes): at its line
				// 1, "path:1:", as every other command prints it (QA 20
				// A-F6).
				it.Pos.Line = 1
			}
			return it.String()
		}
	}
	return ""
}

// WriteSearch writes a result as JSON or as text (WriteSearchText, neither
// wrapped nor marked), with URLs under baseURL.
func WriteSearch(w io.Writer, res *SearchResult, baseURL string, asJSON bool) error {
	if !asJSON {
		return WriteSearchText(w, res, baseURL, SearchText{})
	}
	// The same URL as the text output shows, and as the site's JSON
	// files and feeds give the page: under the base URL, each segment
	// percent-encoded (QA 16 D-F3).
	out := *res
	out.Hits = slices.Clone(res.Hits)
	for i := range out.Hits {
		out.Hits[i].URL = baseURL + model.EscapePath(out.Hits[i].URL)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(&out)
}

// unreadShown is the most unread postmortems the note names.
const unreadShown = 5

// WriteSearchUnread tells w that the postmortems of unread
// (SearchResult.Unread) were not searched, naming at most unreadShown;
// nothing when there are none. Each error is one line that cannot drive
// the terminal (termtext.OneLine): it quotes the file's values.
func WriteSearchUnread(w io.Writer, unread []string) {
	switch len(unread) {
	case 0:
		return
	case 1:
		fmt.Fprintln(w, "note: 1 postmortem could not be read and is not searched (pmkb lint explains it):")
	default:
		fmt.Fprintf(w, "note: %d postmortems could not be read and are not searched (pmkb lint explains them):\n", len(unread))
	}
	for i, u := range unread {
		if i == unreadShown {
			fmt.Fprintf(w, "  … %d more\n", len(unread)-unreadShown)
			return
		}
		fmt.Fprintf(w, "  %s\n", termtext.OneLine(u))
	}
}

// SearchText is how WriteSearchText lays a result out for a terminal.
type SearchText struct {
	// Width is the terminal's width in columns: a hit's title and
	// snippet are wrapped to it under a four-space indent, counting a
	// wide (CJK) character two columns as pmkb actions does; 0 wraps
	// nothing (a file or a pipe).
	Width int
	// Bold marks the words of the query in titles and snippets with the
	// terminal's bold, as the site marks them.
	Bold bool
	// ShowPath, when set, names a hit's file (a site path,
	// content/postmortems/…) as the terminal should show it; WriteSearchText
	// prints it under a base URL that is not absolute ("/", "/kb/"), whose
	// page paths no terminal can open, in place of the page's path.
	ShowPath func(sitePath string) string
}

// searchIndent is what a hit's lines after its first start with.
const searchIndent = "    "

// WriteSearchText writes a result as text for a terminal, with URLs under
// baseURL, laid out as style says. Every postmortem field is one line
// without control or format characters (termtext.OneLine), so a
// postmortem cannot drive the terminal.
func WriteSearchText(w io.Writer, res *SearchResult, baseURL string, style SearchText) error {
	if res.Total == 0 {
		_, err := fmt.Fprintf(w, "no postmortem matches \"%s\"\n", termtext.OneLine(res.Query)) // as typed: %q would escape a full-width space
		for _, h := range res.Hints {
			if err == nil {
				_, err = fmt.Fprintf(w, "hint: %s\n", termtext.OneLine(h))
			}
		}
		return err
	}
	for _, h := range res.Hints { // the last word was taken as a prefix
		fmt.Fprintf(w, "hint: %s\n", termtext.OneLine(h))
	}
	var b strings.Builder
	for i, h := range res.Hits {
		b.Reset()
		head := fmt.Sprintf("%2d. %s  %s  ", i+1, termtext.OneLine(h.Day), termtext.OneLine(h.Severity))
		b.WriteString(head)
		writeWrapped(&b, h.Title, h.TitleMarks, termtext.Width(head), style)
		where := baseURL + model.EscapePath(h.URL)
		if style.ShowPath != nil && h.Path != "" && !absoluteURL(baseURL) {
			where = style.ShowPath(h.Path)
		}
		fmt.Fprintf(&b, "%s%s\n", searchIndent, termtext.OneLine(where))
		if h.Snippet != "" {
			b.WriteString(searchIndent)
			writeWrapped(&b, h.Snippet, h.SnippetMarks, len(searchIndent), style)
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	shown := len(res.Hits)
	var err error
	switch {
	case shown < res.Total:
		_, err = fmt.Fprintf(w, "%d of %d postmortems\n", shown, res.Total)
	case res.Total == 1:
		_, err = fmt.Fprintln(w, "1 postmortem")
	default:
		_, err = fmt.Fprintf(w, "%d postmortems\n", res.Total)
	}
	return err
}

// absoluteURL says whether a base URL names its scheme and host
// (https://kb.example.com/), so that a page's URL under it opens.
func absoluteURL(base string) bool {
	u, err := url.Parse(base)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// Bold on and off (SGR 1 and 22: 22 ends bold only).
const boldOn, boldOff = "\x1b[1m", "\x1b[22m"

// writeWrapped writes text to b, after first columns already written on
// its line, wrapped to style.Width under searchIndent (wrapLines), the
// runes in marks in bold when style.Bold, each line ended by a newline.
// Text is made one line that cannot drive the terminal
// (termtext.OneLine) rune by rune, so marks keep their places; a rune
// OneLine leaves out (a soft hyphen, a zero-width joiner) is dropped and
// the marks still index the runes of text (QA 21r F0: such a rune
// panicked here).
func writeWrapped(b *strings.Builder, text string, marks []search.Span, first int, style SearchText) {
	var rs []rune
	var at []int // at[i] is the index in text's runes of rs[i]
	for i, r := range []rune(text) {
		for _, c := range termtext.OneLine(string(r)) {
			rs, at = append(rs, c), append(at, i)
		}
	}
	marked := func(i int) bool {
		return style.Bold && slices.ContainsFunc(marks, func(m search.Span) bool { return m.Start <= at[i] && at[i] < m.End })
	}
	for n, line := range wrapLines(rs, first, len(searchIndent), style.Width) {
		if n > 0 {
			b.WriteString(searchIndent)
		}
		bold := false
		for i := line[0]; i < line[1]; i++ {
			if m := marked(i); m != bold {
				bold = m
				if m {
					b.WriteString(boldOn)
				} else {
					b.WriteString(boldOff)
				}
			}
			b.WriteRune(rs[i])
		}
		if bold {
			b.WriteString(boldOff)
		}
		b.WriteByte('\n')
	}
}

// noLineStart are the characters a Japanese line does not start with
// (kinsoku): closing punctuation and the long vowel mark.
const noLineStart = "、。，．・：；？！ー）］｝」』】〕〉》"

// wrapLines cuts rs into lines of at most width columns (termtext.Width:
// a wide character takes two), the first after first columns, the others
// after indent columns, and returns each line as [start, end) in rs. A
// line breaks at a space, which is left out, or between two characters of
// which one is wide (Japanese has no spaces), not before a closing mark
// (noLineStart); a word longer than a line
// is cut where the line ends. width 0, or too narrow to leave ten
// columns, keeps rs on one line.
func wrapLines(rs []rune, first, indent, width int) [][2]int {
	if width == 0 || width-max(first, indent) < 10 {
		return [][2]int{{0, len(rs)}}
	}
	var lines [][2]int
	start, used, avail := 0, 0, width-first
	brk := -1 // where the line may break: a space's index, or the index of the rune a break goes before
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == ' ' {
			brk = i
		} else if i > start && (termtext.RuneWidth(r) > 1 || termtext.RuneWidth(rs[i-1]) > 1) && rs[i-1] != ' ' && !strings.ContainsRune(noLineStart, r) {
			brk = i
		}
		used += termtext.RuneWidth(r)
		if used <= avail || i == start {
			continue
		}
		// rs[i] does not fit: end the line at the last break, else here.
		end, next := i, i
		if brk > start {
			end, next = brk, brk
			if rs[brk] == ' ' {
				next = brk + 1
			}
		}
		for end > start && rs[end-1] == ' ' {
			end--
		}
		lines = append(lines, [2]int{start, end})
		for next < len(rs) && rs[next] == ' ' {
			next++
		}
		start, brk, avail = next, -1, width-indent
		used = 0
		i = next - 1
	}
	return append(lines, [2]int{start, len(rs)})
}
