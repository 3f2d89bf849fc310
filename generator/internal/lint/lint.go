// Package lint checks postmortems for problems the contract alone does not
// catch: incomplete write-ups, blame-laden language, pasted secrets and
// personal data, future dates and front-matter traps. What the content
// contract requires (required fields, known values, timeline order, related
// ids that exist, the configured catalogs) is checked by package validate,
// once, and is not a lint rule: it cannot be re-graded or silenced.
//
// Every rule has a stable id of the form "area/name" ("secret/github-token",
// "blameless/human-error"). A site may switch a rule off or re-grade it in its
// configuration (Config.Rules, keyed by id or by area), and a writer may
// silence one finding with a comment on the offending line or the line
// before it:
//
//	# pmkb-lint-ignore secret/jwt            (YAML or TOML front-matter)
//	<!-- pmkb-lint-ignore pii/email -->      (Markdown)
//
// Text rules (secrets, personal data, wording, placeholders) read the raw
// file, front-matter and code blocks included, so they work even when the
// file does not parse. Rules about fields need the parsed postmortem.
package lint

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// Rule is one lint check.
type Rule struct {
	// ID is the stable "area/name" id used in configuration and comments.
	ID string
	// Severity is the rule's default grade.
	Severity diag.Severity
	// Doc is a one-sentence description for `pmkb lint --rules` and docs.
	Doc string
	// Check inspects one file and calls report for each finding with a
	// 1-based line (0 for the whole file), a message and a fix hint. It is
	// nil for a rule whose findings the loader reports (see Regrade), or
	// that has CheckAt.
	Check func(f *File, report func(line int, msg, hint string))
	// CheckAt is Check for a rule whose findings are at a column of
	// their line (an invisible character): report takes the 1-based
	// column, in characters, too, and the finding quotes its line with a
	// caret under that column (diag.Diagnostic.Quote). A rule has Check
	// or CheckAt, not both.
	CheckAt func(f *File, report func(line, col int, msg, hint string))
	// KB is set when Check reads the knowledge base (File.KB), so files
	// must be checked after every file is loaded (NeedsKnowledgeBase).
	KB bool
	// WarnIn, when set, reports whether the rule's findings in f are
	// warnings whatever its grade (completeness/placeholder in a
	// postmortem in review); a rule that is off stays off.
	WarnIn func(f *File) bool
}

// File is one postmortem file as lint sees it.
type File struct {
	// Path is the slash-separated path relative to the site root.
	Path string
	// Raw is the whole file as read from disk.
	Raw []byte
	// PM is the parsed postmortem, nil when the file failed to parse.
	PM *model.Postmortem
	// KB is the whole knowledge base, for cross-file rules; set by Run
	// (nil when the caller has none).
	KB *model.KnowledgeBase
	// Today is the date "future" is measured against; set by Run.
	Today model.Date

	kinds   []lineKind        // per line: front-matter, code or prose
	ignored map[int][]string  // silencing comments by line
	fm      frontMatterFormat // the front-matter's format
	allow   map[string]bool   // allowed secret fingerprints
	// text is Raw without a byte-order mark, and starts the offsets in it
	// at which its lines start, for searches of the whole file and for
	// line: most rules of a build read only the few lines a search finds,
	// so the file is neither copied nor split for them.
	text   []byte
	starts []int
	// str is that one copy of text that allLines makes for rules that
	// read every line, and lines are its lines, line 1 first, without a
	// "\r" before the line end; lower are they in lower case, for keyword
	// filters (made when first needed).
	str   string
	lines []string
	lower []string
	// secretLines are the lines holding each secret rule's keywords
	// (secretKeywords; made when first needed).
	secretLines [][]int
}

// Config is the site's lint configuration.
type Config struct {
	// Rules re-grades rules: key is a rule id ("pii/phone") or an area
	// ("pii"); value is "off", "error" or "warning". An id wins over its
	// area.
	Rules map[string]string
	// Allow lists fingerprints of strings that look like secrets but are
	// not (the fingerprint is printed with every secret finding).
	Allow []string
}

// ConfigProblem is one problem of a Config.
type ConfigProblem struct {
	// Key is the rule id or area of Config.Rules the problem is about, or
	// "" for Config.Allow.
	Key string
	// Message says what is wrong, naming the value.
	Message string
}

// contractChecks are ids that name checks of the content contract rather
// than lint rules (some were lint rules once), with what the contract
// requires, for the message that says why they cannot be re-graded.
var contractChecks = map[string]string{
	"links":                     "a related: id that names no postmortem",
	"links/related":             "a related: id that names no postmortem",
	"catalog":                   "a system or cause outside the catalog configured in pmkb.toml",
	"catalog/system":            "a system outside the systems catalog configured in pmkb.toml",
	"catalog/cause":             "a cause outside the cause vocabulary configured in pmkb.toml",
	"timeline":                  "a timeline whose moments are out of order",
	"timeline/order":            "a timeline whose moments are out of order",
	"completeness/action-owner": "an action item without an owner",
}

// Problems returns, in key order, the unknown rule ids or areas and the
// grades other than "off", "error" and "warning" in c.Rules, then the
// entries of c.Allow that are not fingerprints.
func (c Config) Problems() []ConfigProblem {
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
		known[area(r.ID)] = true
	}
	var problems []ConfigProblem
	for _, k := range slices.Sorted(maps.Keys(c.Rules)) {
		switch what, contract := contractChecks[k]; {
		case contract && !known[k]:
			problems = append(problems, ConfigProblem{k, fmt.Sprintf("%q is not a lint rule: %s is an error of the content contract, which cannot be re-graded or turned off", k, what)})
		case !known[k]:
			msg := fmt.Sprintf("unknown lint rule %q (pmkb lint --rules lists them)", k)
			if near := diag.Suggest(k, slices.Sorted(maps.Keys(known))); near != "" {
				msg = fmt.Sprintf("unknown lint rule %q; did you mean %q? (pmkb lint --rules lists them)", k, near)
			}
			problems = append(problems, ConfigProblem{k, msg})
		}
		if g := c.Rules[k]; !slices.Contains(grades, g) {
			msg := fmt.Sprintf("lint rule %q: grade %q is not one of \"off\", \"error\", \"warning\"", k, g)
			if near := diag.SuggestOrPrefix(g, grades); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			}
			problems = append(problems, ConfigProblem{k, msg})
		}
	}
	for _, fp := range c.Allow {
		if !fingerprintRE.MatchString(fp) {
			problems = append(problems, ConfigProblem{"", fmt.Sprintf("lint allow: %q is not a fingerprint (12 lower-case hex digits)", fp)})
		}
	}
	return problems
}

var fingerprintRE = newLazyRegexp(`^[0-9a-f]{12}$`)

// grades are the grades a site can give a lint rule.
var grades = []string{"off", "error", "warning"}

// area returns the part of a rule id before "/".
func area(id string) string {
	a, _, _ := strings.Cut(id, "/")
	return a
}

// Grade is the grade the configuration gives rule r, as [lint] rules
// writes it: "error", "warning" or "off".
func (c Config) Grade(r Rule) string {
	sev, on := c.grade(r)
	if !on {
		return "off"
	}
	return sev.String()
}

// grade returns the severity the configuration gives rule r, and false when
// the rule is off.
func (c Config) grade(r Rule) (diag.Severity, bool) {
	g, ok := c.Rules[r.ID]
	if !ok {
		g, ok = c.Rules[area(r.ID)]
	}
	if !ok {
		return r.Severity, true
	}
	switch g {
	case "off":
		return 0, false
	case "warning":
		return diag.Warning, true
	case "error":
		return diag.Error, true
	}
	return r.Severity, true
}

// Run checks every file with every enabled rule and returns the findings,
// sorted, each with its rule id and a hint. kb may be nil; rules that need
// it then use the default severities.
func Run(files []*File, kb *model.KnowledgeBase, cfg Config, today model.Date) *diag.List {
	c := NewChecker(cfg, kb, today)
	// Files are independent (the knowledge base is only read), so they are
	// checked in parallel; the sorted result does not depend on the order.
	lists := make([]diag.List, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c.Check(files[i], &lists[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	out := &diag.List{}
	for i := range lists {
		out.Merge(&lists[i])
	}
	out.Sort()
	return out
}

// Checker runs the rules a configuration enables over one file at a time,
// so that a caller can lint each file where it reads it (a build lints in
// its loading workers). It is safe for concurrent use by several
// goroutines, each with files of its own.
type Checker struct {
	rules []gradedRule
	allow map[string]bool
	kb    *model.KnowledgeBase
	today model.Date
}

type gradedRule struct {
	Rule
	sev diag.Severity
}

// NewChecker returns a Checker for the rules cfg enables, checking against
// the knowledge base kb (may be nil; see Run) and the date today.
func NewChecker(cfg Config, kb *model.KnowledgeBase, today model.Date) *Checker {
	c := &Checker{allow: map[string]bool{}, kb: kb, today: today}
	for _, fp := range cfg.Allow {
		c.allow[strings.ToLower(strings.TrimSpace(fp))] = true
	}
	for _, r := range Rules() {
		if sev, on := cfg.grade(r); on && (r.Check != nil || r.CheckAt != nil) {
			c.rules = append(c.rules, gradedRule{r, sev})
		}
	}
	return c
}

// NewSecretChecker returns a Checker for the secret rules alone (those of
// area "secret") that cfg enables, with cfg's allowed fingerprints: for
// text files that are not postmortems, such as the .log, .txt and .csv
// attachments a site publishes, where the other rules (wording, personal
// data in prose, front matter) mean nothing. A pmkb-lint-ignore comment on
// a line of such a file, or on the line before, silences a finding as in a
// postmortem.
func NewSecretChecker(cfg Config) *Checker {
	c := NewChecker(cfg, nil, model.Date{})
	c.rules = slices.DeleteFunc(c.rules, func(r gradedRule) bool { return area(r.ID) != "secret" })
	return c
}

// NeedsKnowledgeBase reports whether an enabled rule reads the knowledge
// base (Rule.KB: the site's severities), so that files must be checked
// with one, after every file is loaded. The rules a build runs (secrets,
// completeness/action-items) do not, so a build checks each file as it
// loads it and drops its bytes.
func (c *Checker) NeedsKnowledgeBase() bool {
	for _, r := range c.rules {
		if r.KB {
			return true
		}
	}
	return false
}

// Check runs every enabled rule over f and adds the findings to out, in
// rule order, unsorted.
func (c *Checker) Check(f *File, out *diag.List) {
	f.prepare()
	f.KB, f.Today, f.allow = c.kb, c.today, c.allow
	// One reporter, and one function value, for all the rules of the file
	// rather than a closure per rule.
	rep := &reporter{f: f, out: out, ignores: f.ignoreMap()}
	report := rep.report
	for _, r := range c.rules {
		rep.id, rep.sev = r.ID, r.sev
		if r.WarnIn != nil && r.WarnIn(f) {
			rep.sev = diag.Warning
		}
		rule := r.Rule
		if rule.CheckAt != nil {
			rule.Check = func(f *File, _ func(int, string, string)) { r.CheckAt(f, rep.reportAt) }
		}
		checkOne(f, rule, report, out)
	}
}

// reporter adds the findings of one file to out as those of rule id, graded
// sev, unless a comment silences them.
type reporter struct {
	f       *File
	out     *diag.List
	ignores map[int][]string
	id      string
	sev     diag.Severity
}

func (r *reporter) report(line int, msg, hint string) { r.reportAt(line, 0, msg, hint) }

// reportAt is report for a finding at 1-based column col of its line (0:
// none), which quotes the line, as the loader's findings do, unless it is
// longer than maxExcerpt (a pasted log) or the file holds a private key
// (whose lines but the first look like any text; a line holding another
// secret is left unquoted by every command, see generator.HoldsSecret).
func (r *reporter) reportAt(line, col int, msg, hint string) {
	if silenced(r.ignores, line, r.id) {
		return
	}
	d := diag.Diagnostic{Pos: diag.Pos{Path: r.f.Path, Line: line},
		Severity: r.sev, Rule: r.id, Message: msg, Hint: hint, Col: col}
	if col > 0 && line > 0 && line <= r.f.numLines() {
		if l := r.f.lineBytes(line); len(l) <= maxExcerpt && !bytes.Contains(r.f.text, []byte("PRIVATE KEY")) {
			d.Excerpt = string(l)
		}
	}
	r.out.Add(d)
}

// maxExcerpt is the longest line, in bytes, a finding quotes (a pasted
// log's is left out), as the loader's do.
const maxExcerpt = 16 << 10

// checkOne runs one rule over one file, reporting through report. A
// panicking rule becomes an error on that file in out, so one odd file
// never stops lint or a build.
func checkOne(f *File, r Rule, report func(line int, msg, hint string), out *diag.List) {
	defer func() {
		if p := recover(); p != nil {
			out.Add(diag.Diagnostic{Pos: diag.Pos{Path: f.Path}, Severity: diag.Error, Rule: r.ID,
				Message: fmt.Sprintf("internal error in lint rule %s (please report it): %v", r.ID, p)})
		}
	}()
	r.Check(f, report)
}

// ignoreRE finds a silencing comment; the ids follow it, separated by
// spaces or commas, up to the end of the comment.
var ignoreRE = newLazyRegexp(`pmkb-lint-ignore[ \t:]+([A-Za-z0-9/_, \t-]+)`)

// ignoreMap maps a 1-based line to the rule ids or areas silenced on it.
func (f *File) ignoreMap() map[int][]string {
	if f.ignored != nil {
		return f.ignored
	}
	m := map[int][]string{}
	f.ignored = m
	for _, n := range f.linesWith("pmkb-lint-ignore") {
		l := f.line(n)
		for _, sm := range ignoreRE.FindAllStringSubmatch(l, -1) {
			for _, id := range strings.FieldsFunc(sm[1], func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
				// The end of an HTML comment ("-->") is not an id.
				if id = strings.TrimRight(id, "-"); id != "" {
					m[n] = append(m[n], id)
				}
			}
		}
	}
	return m
}

// silenced reports whether rule id is silenced on line or the line before.
func silenced(ignores map[int][]string, line int, id string) bool {
	if line <= 0 {
		return false
	}
	for _, l := range []int{line, line - 1} {
		for _, s := range ignores[l] {
			if s == id || s == area(id) || s == "all" {
				return true
			}
		}
	}
	return false
}

type lineKind uint8

const (
	prose lineKind = iota
	frontMatter
	fence // a code fence line or a line inside a fenced code block
)

type frontMatterFormat uint8

const (
	noFrontMatter frontMatterFormat = iota
	yamlFrontMatter
	tomlFrontMatter
	jsonFrontMatter
)

// prepare finds the lines of Raw and classifies each as front-matter,
// code or prose.
func (f *File) prepare() {
	if f.kinds != nil {
		return
	}
	f.text = bytes.TrimPrefix(f.Raw, []byte("\uFEFF"))
	f.starts = lineStarts(f.text)
	n := len(f.starts)
	f.kinds = make([]lineKind, n)
	start := 0
	first := bytes.TrimSpace(bytes.TrimPrefix(f.lineBytes(1), []byte("\uFEFF")))
	closer := ""
	switch string(first) {
	case "---":
		f.fm, closer = yamlFrontMatter, "---"
	case "+++":
		f.fm, closer = tomlFrontMatter, "+++"
	case "{":
		f.fm, closer = jsonFrontMatter, "}"
	}
	if closer != "" {
		end := n - 1
		for i := 1; i < n; i++ {
			if string(bytes.TrimRight(f.lineBytes(i+1), " \t")) == closer {
				end = i
				break
			}
		}
		for i := 0; i <= end; i++ {
			f.kinds[i] = frontMatter
		}
		start = end + 1
	}
	inFence, marker := false, []byte(nil)
	for i := start; i < n; i++ {
		l := f.lineBytes(i + 1)
		t := bytes.TrimLeft(l, " ")
		if len(l)-len(t) > 3 && !inFence {
			continue
		}
		if !inFence {
			if m := fenceMarker(t); m != nil {
				inFence, marker = true, m
				f.kinds[i] = fence
			}
			continue
		}
		f.kinds[i] = fence
		if bytes.HasPrefix(t, marker) && len(bytes.Trim(t, string(marker[:1])+" \t")) == 0 {
			inFence = false
		}
	}
}

// numLines is the number of lines of f (after prepare): one more than its
// line feeds.
func (f *File) numLines() int { return len(f.starts) }

// lineBytes returns 1-based line n of f (after prepare) without its line
// end ("\n", and a "\r" before it), as part of Raw.
func (f *File) lineBytes(n int) []byte {
	end := len(f.text)
	if n < len(f.starts) {
		end = f.starts[n] - 1
	}
	l := f.text[f.starts[n-1]:end]
	if len(l) > 0 && l[len(l)-1] == '\r' {
		l = l[:len(l)-1]
	}
	return l
}

// line returns 1-based line n of f (after prepare) without its line end.
func (f *File) line(n int) string {
	if f.lines != nil {
		return f.lines[n-1]
	}
	return string(f.lineBytes(n))
}

// allLines returns every line of f (after prepare), line 1 first, without
// line ends, cut from one copy of the text, for rules that read them all.
func (f *File) allLines() []string {
	if f.lines == nil {
		text := string(f.text)
		f.str = text
		lines := make([]string, len(f.starts))
		for i := range lines {
			end := len(text)
			if i+1 < len(f.starts) {
				end = f.starts[i+1] - 1
			}
			lines[i] = strings.TrimSuffix(text[f.starts[i]:end], "\r")
		}
		f.lines = lines
	}
	return f.lines
}

// fenceMarker returns the opening run of a code fence ("```", "~~~~"), or
// nil.
func fenceMarker(t []byte) []byte {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(t) && t[n] == c {
			n++
		}
		if n >= 3 {
			if c == '`' && bytes.IndexByte(t[n:], '`') >= 0 {
				return nil
			}
			return t[:n]
		}
	}
	return nil
}

// hasKeyword reports whether 1-based line n holds one of keywords (lower
// case); no keywords means every line qualifies.
func (f *File) hasKeyword(n int, keywords []string) bool {
	if len(keywords) == 0 {
		return true
	}
	if f.lower == nil {
		f.allLines()
		// Lowering keeps every "\n", so line i of the lowered text is
		// line i lowered.
		f.lower = strings.Split(toLower(f.str), "\n")
	}
	l := f.lower[n-1]
	for _, k := range keywords {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

// lineStarts returns the offsets at which the lines of text start.
func lineStarts(text []byte) []int {
	starts := make([]int, 1, 1+bytes.Count(text, []byte("\n")))
	for off := 0; ; {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return starts
		}
		off += i + 1
		starts = append(starts, off)
	}
}

// linesWith returns, in order, the 1-based numbers of the lines of f that
// hold sub, from searches of the whole text rather than of every line.
func (f *File) linesWith(sub string) []int {
	var lines []int
	for off := 0; off < len(f.text); {
		i := bytes.Index(f.text[off:], []byte(sub))
		if i < 0 {
			break
		}
		// The line holding offset off+i; the search goes on from the next
		// line.
		n, found := slices.BinarySearch(f.starts, off+i)
		if !found {
			n--
		}
		lines = append(lines, n+1)
		if n+1 >= len(f.starts) {
			break
		}
		off = f.starts[n+1]
	}
	return lines
}

// frontMatterKeyRE matches a top-level "key: value", "key = value" or
// "\"key\": value" line.
var frontMatterKeyRE = newLazyRegexp(`^"?([A-Za-z_][\w-]*)"?\s*[:=]\s*["']?([^"',#]*)`)

// frontMatterValue returns the value of a top-level scalar key from the
// raw front-matter (YAML, TOML or JSON) and its line, for rules that must
// work without a parsed postmortem.
func (f *File) frontMatterValue(key string) (string, int) {
	for i, t := range f.allLines() {
		if f.kinds[i] != frontMatter {
			break
		}
		if f.fm == jsonFrontMatter {
			t = strings.TrimSpace(t)
		}
		if m := frontMatterKeyRE.FindStringSubmatch(t); m != nil && m[1] == key {
			return strings.TrimSpace(m[2]), i + 1
		}
	}
	return "", 0
}

// setting is key set to value as the file's front matter writes it (see
// model.Syntax.Setting), so that a hint can be pasted into the file
// (qa9-a #6: a TOML file was told to write version: "1.10", a syntax
// error there).
func (f *File) setting(key, value string, kind model.ValueKind) string {
	f.prepare()
	syntax := model.SyntaxYAML
	switch f.fm {
	case tomlFrontMatter:
		syntax = model.SyntaxTOML
	case jsonFrontMatter:
		syntax = model.SyntaxJSON
	}
	return syntax.Setting(key, value, kind)
}

// status returns the document status, "published" when unset.
func (f *File) status() string {
	s := ""
	if f.PM != nil {
		s = f.PM.Status
	} else {
		s, _ = f.frontMatterValue("status")
	}
	return cmp.Or(s, model.StatusPublished)
}

// secretFinding reports a secret without ever showing it whole: its length
// and its fingerprint, and its first four characters only when they are
// the fixed prefix of a known format (AKIA, ghp_, xoxb…), not part of a
// password. Allowed fingerprints are skipped.
func (f *File) secretFinding(report func(int, string, string), line int, what, secret, id string) {
	fp := Fingerprint(secret)
	if f.allow[fp] {
		return
	}
	shown := fmt.Sprintf("…(%d chars)", len([]rune(secret)))
	if knownFormatRE.MatchString(secret) {
		shown = Redact(secret)
	}
	report(line,
		fmt.Sprintf("%s %s (fingerprint %s)", what, shown, fp),
		fmt.Sprintf("remove it and rotate it now; if it is not a secret, add a \"pmkb-lint-ignore %s\" comment or allow fingerprint %s in the lint config", id, fp))
}

// Redact shows a secret as its first four characters, "…" and its length,
// e.g. "ghp_…(40 chars)". Secrets of eight characters or fewer show only
// their length.
func Redact(secret string) string {
	r := []rune(secret)
	if len(r) <= 8 {
		return fmt.Sprintf("…(%d chars)", len(r))
	}
	return fmt.Sprintf("%q…(%d chars)", string(r[:4]), len(r))
}

// Fingerprint is the first 12 hex digits of the SHA-256 of secret; a site
// lists it in Config.Allow to accept a false positive.
func Fingerprint(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])[:12]
}
