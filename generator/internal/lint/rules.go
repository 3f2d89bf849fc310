package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/pmkb/pmkb/generator/diag"
)

// Rules returns every rule, sorted by id. Each call builds a fresh slice,
// so callers may keep or modify it.
func Rules() []Rule {
	var rules []Rule
	rules = append(rules, completenessRules()...)
	rules = append(rules, blamelessRules()...)
	rules = append(rules, secretRules()...)
	rules = append(rules, piiRules()...)
	rules = append(rules, consistencyRules()...)
	rules = append(rules, markdownRules()...)
	rules = append(rules, bidiRule())
	rules = append(rules, dateRules()...)
	rules = append(rules, ignoreRule())
	rules = append(rules, loaderRules()...)
	slices.SortFunc(rules, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return rules
}

// ignoreRule reports silencing comments that silence nothing because they
// name no rule: a typo, or a check of the content contract (which a
// comment cannot silence).
func ignoreRule() Rule {
	return Rule{
		ID: "lint/unknown-ignore", Severity: warning,
		Doc: "A pmkb-lint-ignore comment names rules or areas that exist (not checks of the content contract).",
		Check: func(f *File, report func(int, string, string)) {
			ignores := f.ignoreMap()
			if len(ignores) == 0 {
				return
			}
			known := map[string]bool{"all": true}
			for _, r := range Rules() {
				known[r.ID], known[area(r.ID)] = true, true
			}
			for _, n := range slices.Sorted(maps.Keys(ignores)) {
				for _, id := range ignores[n] {
					switch what, contract := contractChecks[id]; {
					case known[id]:
					case contract:
						report(n, fmt.Sprintf("pmkb-lint-ignore %s silences nothing: %s is an error of the content contract", id, what),
							"fix the problem; the contract's checks cannot be silenced")
					default:
						report(n, fmt.Sprintf("pmkb-lint-ignore %s silences nothing: there is no such rule", id),
							"use a rule id or area that pmkb lint --rules lists")
					}
				}
			}
		},
	}
}

// ThemeUnused is the id of the rule whose findings a build reports about
// the site's theme folder (render.ThemeWarnings): a loader rule, graded by
// Config.Regrade.
const ThemeUnused = "theme-unused"

// loaderRules are the rules whose findings the loader (package source)
// reports while it reads the site, or a build while it renders it
// (ThemeUnused), as warnings carrying the rule's id: they have no Check,
// and Config.Regrade grades and silences their findings.
func loaderRules() []Rule {
	return []Rule{
		{
			// A tag in brackets is a rule a site can grade: before, the
			// config refused this one (QA 15 D-F10).
			ID: ThemeUnused, Severity: warning,
			Doc: "Every file and UI string of the site's theme folder (--theme) is used: a layout is one the built-in theme has (postmortem.html, not postmorten.html or Home.html), the site language's i18n file is named in lower case (en.json), and its keys are UI strings of the built-in theme or ones the folder's layouts ask for with {{t \"key\"}}. Reported by pmkb build and pmkb serve.",
		},
		{
			ID: "markdown/links", Severity: warning,
			Doc: "A body's links, images and attachments work on the site: a linked .md file is a postmortem, a link is relative to the file rather than to the site root, a postmortem is linked by its file rather than its bare id, and an image or attachment exists, is no SVG, lies under content/postmortems/ and is at most 10 MiB.",
		},
		{
			ID: "markdown/image-alt", Severity: warning,
			Doc: "Every image in a body has alt text (![what it shows](file.png)), which screen readers read and which stands in when the image does not load.",
		},
		{
			ID: "markdown/empty-heading", Severity: warning,
			Doc: "Every heading in a body has text: an empty one (##, or ## &nbsp;) shows an empty heading, which screen readers announce, with nothing to link to; and a table's header row has text in at least one cell (| | | makes columns screen readers announce without a name).",
		},
		{
			ID: "markdown/slow", Severity: warning,
			Doc: "Every postmortem parses in well under a second: Markdown is slow on some text (thousands of unclosed links, brackets or reference definitions, as in a pasted log), which belongs in a fenced code block or an attachment. Timed by pmkb build, lint and serve.",
		},
		{
			ID: "frontmatter/unquoted-text", Severity: warning,
			Doc: "No unquoted YAML value loses text to YAML's syntax: a \" #\" in a title, summary, impact, action item's title or tag starts a comment (title: Checkout down after deploy #4512 is published as \"Checkout down after deploy\"), and a value of a field of the contract that starts with a tag (!important) or an anchor (&nbsp) loses it. A comment that starts with TODO is left alone.",
		},
		{
			ID: "files/not-read", Severity: warning,
			Doc: "Every file under content/postmortems/ is read: a postmortem (.md) or an image or attachment pmkb publishes; not a .markdown file, another type, a README.md or a symbolic link (but one to a folder inside content/postmortems/), which are skipped; and no postmortem is saved elsewhere under content/ (a .md file there that opens with front matter).",
		},
	}
}

// Regrade applies c to the findings of the loader's rules in list (see
// loaderRules) and returns the list: a rule that is off drops them, a grade
// replaces their severity, and a pmkb-lint-ignore comment on a finding's
// line or the line before it silences the finding; ignores holds the
// files' silencing comments (nil: none). Other diagnostics are kept as
// they are.
func (c Config) Regrade(list *diag.List, ignores *IgnoreComments) *diag.List {
	loaded := map[string]Rule{}
	for _, r := range loaderRules() {
		loaded[r.ID] = r
	}
	out := &diag.List{}
	for _, d := range list.Items() {
		if r, ok := loaded[d.Rule]; ok {
			sev, on := c.grade(r)
			if !on || silenced(ignores.of(d.Pos.Path), d.Pos.Line, r.ID) {
				continue
			}
			d.Severity = sev
		}
		out.Add(d)
	}
	return out
}

// IgnoreComments are the silencing comments (pmkb-lint-ignore) of a
// site's files, by path, for Config.Regrade. Add may be called from
// several goroutines at once: a build adds each file in the worker that
// loaded it. The zero value holds none.
type IgnoreComments struct {
	mu     sync.Mutex
	byPath map[string]map[int][]string
}

// Add keeps the silencing comments of the file at path, whose text is raw.
func (c *IgnoreComments) Add(path string, raw []byte) {
	ig := ignores(raw)
	if ig == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byPath == nil {
		c.byPath = map[string]map[int][]string{}
	}
	c.byPath[path] = ig
}

// of returns the silencing comments of the file at path, by 1-based line;
// nil when it has none or c is nil.
func (c *IgnoreComments) of(path string) map[int][]string {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byPath[path]
}

// ignores returns the silencing comments of a file's raw text, by 1-based
// line; nil when it has none.
func ignores(raw []byte) map[int][]string {
	if !bytes.Contains(raw, []byte("pmkb-lint-ignore")) {
		return nil
	}
	f := &File{Raw: raw}
	f.prepare()
	return f.ignoreMap()
}

// warning and errorSev shorten rule tables.
const (
	warning  = diag.Warning
	errorSev = diag.Error
)

// eachLine calls fn for every line of the given kinds with its 1-based
// number.
func (f *File) eachLine(kinds []lineKind, fn func(n int, line string)) {
	for i, l := range f.allLines() {
		if slices.Contains(kinds, f.kinds[i]) {
			fn(i+1, l)
		}
	}
}

var (
	allLines  = []lineKind{prose, frontMatter, fence}
	textLines = []lineKind{prose, frontMatter}
)
