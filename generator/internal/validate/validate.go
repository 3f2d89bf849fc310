// Package validate checks loaded postmortems against the content contract:
// required fields, known values, timeline order, unique ids, related links
// and the configured vocabularies. It reports every problem at the line of
// the offending field and never stops at the first one.
package validate

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// Known values of the contract's enumerated fields.
var (
	Statuses       = []string{model.StatusDraft, model.StatusInReview, model.StatusPublished}
	Visibilities   = []string{model.VisibilityInternal, model.VisibilityPublic}
	Detections     = []string{"alert", "customer-report", "internal-report", "synthetic-check"}
	ActionStatuses = []string{model.ActionOpen, model.ActionInProgress, model.ActionDone, model.ActionWontDo}
	Priorities     = []string{"P1", "P2", "P3"}
	Kinds          = []string{"prevent", "detect", "mitigate", "process"}
)

// ValidID reports whether s has the contract's form of a postmortem id: a
// letter or digit, then letters, digits, '.', '_' or '-'.
func ValidID(s string) bool { return idPattern.MatchString(s) }

var (
	idPattern   = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._-]*$`)
	langPattern = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
)

// checker reports problems of one postmortem.
type checker struct {
	p     *model.Postmortem
	diags *diag.List
	words *themeWords
}

// vocabularies are the site's lists of systems and causes as labels reads
// them, made once for all the postmortems checked rather than once for each.
type vocabularies struct {
	systems, causes         []model.Term
	systemSlugs, causeSlugs []string
}

func newVocabularies(cfg *model.SiteConfig) *vocabularies {
	v := &vocabularies{systems: make([]model.Term, len(cfg.Systems)), causes: cfg.Causes}
	for i, s := range cfg.Systems {
		v.systems[i] = model.Term{Slug: s.Slug, Name: s.Name}
	}
	v.systemSlugs, v.causeSlugs = slugs(v.systems), slugs(v.causes)
	return v
}

// slugs returns the slugs of a catalog.
func slugs(catalog []model.Term) []string {
	out := make([]string, len(catalog))
	for i, t := range catalog {
		out[i] = t.Slug
	}
	return out
}

func (c checker) errorf(field string, format string, args ...any) {
	c.diags.Errorf(diag.Pos{Path: c.p.Path, Line: c.p.Line(field)}, format, args...)
}

// itemLine is the line of item i of the list field: its own line when
// the loader recorded one as "<field>[i]" (an item on a line of its own),
// else the field's.
func (c checker) itemLine(field string, i int) int {
	if l, ok := c.p.Lines[field+"["+strconv.Itoa(i)+"]"]; ok {
		return l
	}
	return c.p.Line(field)
}

// itemf reports a problem with item i of the list field at its line.
func (c checker) itemf(sev diag.Severity, field string, i int, format string, args ...any) {
	c.diags.Add(diag.Diagnostic{Pos: diag.Pos{Path: c.p.Path, Line: c.itemLine(field, i)}, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (c checker) warnf(field string, format string, args ...any) {
	c.diags.Warnf(diag.Pos{Path: c.p.Path, Line: c.p.Line(field)}, format, args...)
}

func (c checker) itemErrorf(a *model.ActionItem, field, format string, args ...any) {
	c.diags.Errorf(diag.Pos{Path: c.p.Path, Line: a.FieldLine(field)}, format, args...)
}

// placeholderRE finds the template's placeholder, TODO (lint's
// PlaceholderMarker), in a value.
var placeholderRE = regexp.MustCompile(`\bTODO\b`)

// itemValue reports an action item's field whose value v is not one of
// allowed. A value holding the template's placeholder (status: TODO) says
// so, with a hint: lint's completeness/placeholder leaves that line to this
// error, so it is reported once.
// The theme's words for the field's values are looked up under
// "<field>." (status.done → 完了, kind.prevent → 予防).
func (c checker) itemValue(a *model.ActionItem, field, v string, allowed []string) {
	value, label := c.meaning(field, v, allowed)
	if value == "" && !placeholderRE.MatchString(v) {
		// TODO is the template's placeholder, told below, not Jira's "To
		// Do".
		value = itemValueWords[field][Fold(v)]
	}
	d := diag.Diagnostic{Pos: diag.Pos{Path: c.p.Path, Line: a.FieldLine(field)}, Severity: diag.Error,
		Message: fmt.Sprintf("action item %q: %s", a.ID, unknownValue(field, v, allowed, value, label))}
	if placeholderRE.MatchString(v) {
		d.Message += "; TODO is a placeholder left from the template"
		d.Hint = fmt.Sprintf("replace it with the item's %s, one of %s", field, quoteList(allowed))
	}
	c.diags.Add(d)
}

// actionStatusWords are words teams write for an action item's state, by
// the status they mean (QA 14 A-F13: status: closed, as the item's date
// field is called, got no did-you-mean). Folded (Fold).
var actionStatusWords = map[string]string{
	"closed": model.ActionDone, "complete": model.ActionDone, "completed": model.ActionDone,
	"finished": model.ActionDone, "fixed": model.ActionDone, "resolved": model.ActionDone,
	"implemented": model.ActionDone, "shipped": model.ActionDone,
	"cancelled": model.ActionWontDo, "canceled": model.ActionWontDo, "dropped": model.ActionWontDo,
	"rejected": model.ActionWontDo, "wontfix": model.ActionWontDo, "won't fix": model.ActionWontDo,
	"ongoing": model.ActionInProgress, "started": model.ActionInProgress, "doing": model.ActionInProgress,
	"wip": model.ActionInProgress,
	"new": model.ActionOpen, "pending": model.ActionOpen, "planned": model.ActionOpen,
	"backlog": model.ActionOpen, "not started": model.ActionOpen,
	// Jira's workflow (QA 17 A-F10).
	"to do": model.ActionOpen, "todo": model.ActionOpen, "to-do": model.ActionOpen,
	"selected for development": model.ActionOpen,
}

// priorityWords are the priority names trackers use (Jira's Highest …
// Lowest, and its older Blocker … Trivial), by the one of P1–P3 (P1 the
// most urgent) they come nearest, and a bare rank. Folded (Fold). QA 17
// A-F10: Jira's export carries them in every item.
var priorityWords = map[string]string{
	"highest": "P1", "critical": "P1", "blocker": "P1", "urgent": "P1", "high": "P1", "1": "P1",
	"medium": "P2", "normal": "P2", "major": "P2", "2": "P2",
	"low": "P3", "lowest": "P3", "minor": "P3", "trivial": "P3", "3": "P3",
}

// itemValueWords are the words, by action-item field, that stand for one
// of the field's values (itemValue's did-you-mean).
var itemValueWords = map[string]map[string]string{
	"status":   actionStatusWords,
	"priority": priorityWords,
}

func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// Postmortems checks every postmortem on its own and all of them together
// (unique ids, related links). unloaded are the ids of the postmortem
// files that exist but did not load (source.File.ID of a file whose PM is
// nil): a related: link to one is no error here, as the file's own error
// says what is wrong, and a draft among them is left out of the build as
// other drafts are, its links shown as text. It normalises cause and system labels in
// place (trimmed, lower case, "-" for spaces), warning where the author
// wrote them otherwise, so "DNS", "dns " and "Dns" count as one cause.
//
// The files are checked on all CPUs (One reads cfg and p and writes only
// to its list); the lists are merged in the order of pms.
func Postmortems(cfg *model.SiteConfig, pms []*model.Postmortem, unloaded []string) *diag.List {
	workers := min(runtime.GOMAXPROCS(0), max(len(pms)/256, 1))
	lists := make([]diag.List, workers)
	vocab := newVocabularies(cfg)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := w*len(pms)/workers, (w+1)*len(pms)/workers
			words := &themeWords{} // read once per worker, if at all
			for _, p := range pms[lo:hi] {
				one(cfg, p, &lists[w], words, vocab)
			}
		}()
	}
	wg.Wait()
	diags := &diag.List{}
	for i := range lists {
		diags.Merge(&lists[i])
	}
	across(pms, unloaded, diags)
	return diags
}

// Across makes the checks that look at all postmortems together: unique
// ids and related links, unloaded the ids of the files that did not load
// as for Postmortems. With One per file, it is Postmortems, split so a
// caller can re-check only the files that changed.
func Across(pms []*model.Postmortem, unloaded []string, diags *diag.List) {
	across(pms, unloaded, diags)
}

func across(pms []*model.Postmortem, unloaded []string, diags *diag.List) {
	uniqueIDs(pms, diags)
	relatedLinks(pms, unloaded, diags)
}

// One checks a single postmortem against the contract and the site
// configuration, adding problems to diags.
func One(cfg *model.SiteConfig, p *model.Postmortem, diags *diag.List) {
	one(cfg, p, diags, &themeWords{}, newVocabularies(cfg))
}

// one is One with the theme's words for values, which it reads only when a
// value is not known, and the site's vocabularies.
func one(cfg *model.SiteConfig, p *model.Postmortem, diags *diag.List, words *themeWords, vocab *vocabularies) {
	c := checker{p: p, diags: diags, words: words}
	if strings.TrimSpace(p.Title) == "" && !p.Invalid["title"] {
		c.errorf("title", "missing required field \"title\"")
	}
	// A date the loader could not read is its error already; an empty
	// one (date:) is missing.
	if p.Date.IsZero() && !p.Invalid["date"] {
		c.errorf("date", "missing required field \"date\" (when the incident started, e.g. 2024-03-14)")
	}
	switch {
	case p.Invalid["severity"]:
	case p.Severity == "":
		c.errorf("severity", "missing required field \"severity\" (one of %s)", quoteList(levels(cfg)))
	default:
		if _, ok := cfg.SeverityRank(p.Severity); !ok {
			value, _ := c.meaning("", p.Severity, levels(cfg))
			c.errorf("severity", "%s", unknownValue("severity", p.Severity, levels(cfg), cmp.Or(value, severityByLabel(cfg, p.Severity), severityByNumber(cfg, p.Severity)), ""))
		}
	}
	if !slices.Contains(Statuses, p.Status) {
		value, label := c.meaning("docstatus", p.Status, Statuses)
		msg := unknownValue("status", p.Status, Statuses, value, label)
		if slices.Contains(incidentStates, strings.ToLower(p.Status)) {
			msg += "; status is the document's state (draft, in-review, published), not the incident's"
		}
		c.errorf("status", "%s", msg)
	}
	if !slices.Contains(Visibilities, p.Visibility) {
		value, label := c.meaning("visibility", p.Visibility, Visibilities)
		c.errorf("visibility", "%s", unknownValue("visibility", p.Visibility, Visibilities, value, label))
	}
	c.detection()
	if !langPattern.MatchString(p.Lang) {
		msg := fmt.Sprintf("lang %q is not a language tag (e.g. \"en\", \"ja\")", p.Lang)
		if tag := languageTag(p.Lang); tag != "" {
			msg += fmt.Sprintf("; did you mean %q?", tag)
		}
		c.errorf("lang", "%s", msg)
	} else {
		base, _, _ := strings.Cut(p.Lang, "-")
		if l, ok := model.CountryLanguage(strings.ToLower(base)); ok {
			read := l + strings.TrimPrefix(p.Lang, base)
			c.warnf("lang", "lang %q: did you mean %q? (%s is the country code); it is read as %q", p.Lang, l, strings.ToLower(base), read)
			p.Lang = read
		}
	}
	_, idSet := p.Lines["id"]
	switch {
	case !idPattern.MatchString(p.ID):
		c.errorf("id", "id %q must start with a letter or digit and hold only letters, digits, '.', '-' and '_' (it becomes the URL); %s", p.ID, idFix(p))
	case len(p.ID) > maxIDBytes:
		fix := "rename the file, or set a shorter id: in the front matter"
		if idSet {
			fix = "set a shorter id:"
		}
		c.errorf("id", "id %q is %d bytes long; at most %d, as it names the folder of its page (postmortems/<id>/); %s", cut(p.ID), len(p.ID), maxIDBytes, fix)
	case strings.EqualFold(p.ID, "index.html"):
		// QA 15 A-F4: postmortems/index.html is the list's page, a
		// file where the id's page needs a folder.
		fix := "rename the file, or set id: in the front matter"
		if idSet {
			fix = "set id: to another one"
		}
		c.errorf("id", "id %q is the name of the page that lists the postmortems (postmortems/index.html), so it cannot be a postmortem's; %s", p.ID, fix)
	}
	p.Systems = c.labels("systems", p.Systems, vocab.systems, vocab.systemSlugs)
	p.Causes = c.labels("causes", p.Causes, vocab.causes, vocab.causeSlugs)
	for i, t := range p.Tags {
		if msg := longName("tag", t); msg != "" {
			c.itemf(diag.Error, "tags", i, "tags: %s", msg)
		}
	}
	for i, t := range p.Teams {
		if msg := longName("team", t); msg != "" {
			c.itemf(diag.Error, "teams", i, "teams: %s", msg)
		}
	}
	c.timeline()
	c.actionItems()
}

// maxIDBytes is the longest id, in bytes: an id names the folder of its
// page (postmortems/<id>/), and file systems (ext4, APFS, NTFS) allow 255
// bytes in a name.
const maxIDBytes = 255

// maxNameBytes is the longest page name (model.Slug), in bytes, of a tag,
// team, action item owner, system or cause: the site makes a page for
// each, in a folder of that name, and a tag whose page name another tag's
// shares gets "-" and up to 64 hex digits more (model.TagPaths), within
// the 255 bytes file systems allow in a name.
const maxNameBytes = 190

// longName returns the problem with the value v of a field the site names
// a page after (what: "tag", "owner", …) whose page name is longer than
// maxNameBytes, or "". QA 15 A-F4: such a value passed lint and failed
// every build with an error that named only an output path.
func longName(what, v string) string {
	slug := model.Slug(v)
	switch {
	case len(slug) <= maxNameBytes:
		return ""
	case len(slug) == len(v):
		return fmt.Sprintf("%q is %d bytes long; at most %d, as the site names the %s's page after it", cut(v), len(v), maxNameBytes, what)
	}
	return fmt.Sprintf("%q makes the page name %q, %d bytes long; at most %d, as the site names the %s's page after it", cut(v), cut(slug), len(slug), maxNameBytes, what)
}

// cut returns s, or its first 40 characters and "…" when it is longer: a
// message quotes a long value only so far as to find it.
func cut(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// idFix says how to mend a postmortem's invalid id: set id: to a valid
// one or, when the id is the file name, rename the file; it proposes an id
// made from the bad one when it can, as the file's front matter writes it
// (id: x in YAML, id = "x" in TOML, "id": "x" in JSON).
func idFix(p *model.Postmortem) string {
	proposed := ProposeID(p.ID)
	_, inFile := p.Lines["id"]
	set := p.FrontMatterSyntax.Setting("id", proposed, model.TextValue)
	switch {
	case inFile && proposed != "":
		return "set " + set
	case inFile:
		return "set id: to one"
	case proposed != "":
		return fmt.Sprintf("rename the file to %s.md, or set %s in the front matter", proposed, set)
	}
	return "rename the file, or set id: in the front matter"
}

// ProposeID makes a valid id from an invalid one (source's advice for
// another tool's slug: too): in NFC (a letter and its
// combining mark, "テ" and U+3099, are the one letter "デ", not a letter and
// a '-'), lower case, every run of other characters a single '-', no '-' at
// either end ("My Incident" → "my-incident"); "" when nothing is left.
func ProposeID(id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(norm.NFC.String(id)) {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	out := strings.TrimLeft(b.String(), "._")
	if !idPattern.MatchString(out) {
		return ""
	}
	return out
}

// unknownValue is the message for a value outside the exact set allowed:
// the set, and the value meant when one is known (see checker.meaning; a
// severity's label, "Critical" → "SEV1"), with the label of the value that
// v is (did you mean "done" (完了)?), or else the value most likely meant
// when one is near ("sev1", "Sev 1" → "SEV1"; "In-Progress" →
// "in-progress"). The values stay exact: a near miss is still an error,
// with the fix in the message.
func unknownValue(what, v string, allowed []string, meant, label string) string {
	msg := fmt.Sprintf("unknown %s %q (want one of %s)", what, v, quoteList(allowed))
	if near := cmp.Or(meant, diag.Suggest(v, allowed)); near != "" {
		msg += "; did you mean " + didYouMean(near, label) + "?"
	}
	return msg
}

// didYouMean quotes value, with the label it is shown as when the author
// wrote that label: "done" (完了).
func didYouMean(value, label string) string {
	if label != "" && label != value {
		return fmt.Sprintf("%q (%s)", value, label)
	}
	return fmt.Sprintf("%q", value)
}

// Fold is s as the site's words are compared with what an author typed:
// compatibility forms in their plain form (NFKC: full-width ＳＥＶ２ is
// SEV2, half-width ｱﾗｰﾄ is アラート), lower case, runs of spaces one.
func Fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFKC.String(s)), " "))
}

// meaning returns the value of allowed that v stands for, and the label
// v matched when it is one: the same value in another width or case
// (ＳＥＶ２ → SEV2, Ｄｏｎｅ → done), or a value's label in the default
// theme's words under "<key>." in any of its languages (完了 is
// status.done; key "" looks up no label) — the words the site shows, which
// authors copy. It is "" when v is none of them.
func (c checker) meaning(key, v string, allowed []string) (value, label string) {
	fv := Fold(v)
	for _, a := range allowed {
		if Fold(a) == fv {
			return a, ""
		}
	}
	if key == "" {
		return "", ""
	}
	return c.words.meaning(key, fv, allowed)
}

// themeWords are the default theme's words for field values (i18n keys
// status.*, kind.*, detection.*, docstatus.*, visibility.*), read from
// the theme when first needed: only a value that is not known asks.
type themeWords struct {
	loaded bool
	byKey  map[string][]string // "status.done" → "Done", "完了"
}

// meaning returns the value of allowed whose label under "<key>." folds to
// fv, and that label.
func (w *themeWords) meaning(key, fv string, allowed []string) (value, label string) {
	if !w.loaded {
		w.load()
	}
	for _, a := range allowed {
		for _, l := range w.byKey[key+"."+a] {
			if Fold(l) == fv {
				return a, l
			}
		}
	}
	return "", ""
}

// load reads every i18n/<lang>.json of the default theme, in name order.
func (w *themeWords) load() {
	w.loaded, w.byKey = true, map[string][]string{}
	theme := themes.Default()
	entries, _ := fs.ReadDir(theme, "i18n")
	for _, e := range entries {
		if path.Ext(e.Name()) != ".json" {
			continue
		}
		data, err := fs.ReadFile(theme, "i18n/"+e.Name())
		if err != nil {
			continue
		}
		var m map[string]string
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if prefix, _, ok := strings.Cut(k, "."); ok && slices.Contains(valueWordKeys, prefix) && m[k] != "" {
				w.byKey[k] = append(w.byKey[k], m[k])
			}
		}
	}
}

// valueWordKeys are the i18n prefixes of the theme's words for values.
var valueWordKeys = []string{"status", "kind", "detection", "docstatus", "visibility"}

// detection checks the optional detection field. Its values are open (the
// contract's list ends in "…"), so one outside Detections is a warning;
// one that is a usual value in another width or case, or its label as the
// site shows it (アラート, "Customer report"), is read as that value, with
// a warning, so statistics do not count one detection twice under one
// label.
func (c checker) detection() {
	p := c.p
	if p.Detection == "" || slices.Contains(Detections, p.Detection) {
		return
	}
	if value, label := c.meaning("detection", p.Detection, Detections); value != "" {
		what := "another spelling"
		if label != "" {
			what = "the label"
		}
		c.warnf("detection", "detection %q is %s of %q; it is read as %s: write %s", p.Detection, what, value, value, value)
		p.Detection = value
		return
	}
	msg := fmt.Sprintf("detection %q is not one of the usual values %s; statistics will list it on its own", p.Detection, quoteList(Detections))
	if near := diag.Suggest(p.Detection, Detections); near != "" {
		msg += "; did you mean " + didYouMean(near, "") + "?"
	}
	c.warnf("detection", "%s", msg)
}

// languageNames are the names of languages people write for lang:, by
// the tag (BCP 47) they mean. Folded (Fold).
var languageNames = map[string]string{
	"english": "en", "英語": "en", "japanese": "ja", "日本語": "ja", "german": "de", "deutsch": "de",
	"french": "fr", "français": "fr", "spanish": "es", "español": "es", "chinese": "zh", "中文": "zh",
	"korean": "ko", "한국어": "ko", "portuguese": "pt", "italian": "it", "dutch": "nl",
}

// localeRE is a POSIX or Java locale name (en_US, ja_JP.UTF-8): a
// language and a country joined with '_'.
var localeRE = regexp.MustCompile(`^([A-Za-z]{2,3})_[A-Za-z]{2}(?:\.[\w-]+)?$`)

// languageTag is the language tag lang, which is not one, most likely
// means: a language's name (English → en), or a locale's language
// (en_US, ja_JP → en, ja); "" when it is neither (QA 17 A-F10).
func languageTag(lang string) string {
	if tag, ok := languageNames[Fold(lang)]; ok {
		return tag
	}
	if m := localeRE.FindStringSubmatch(strings.TrimSpace(lang)); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// incidentStates are the words teams use for the incident's own state,
// which they write in the document's status by mistake.
var incidentStates = []string{"open", "ongoing", "investigating", "identified", "monitoring",
	"mitigated", "resolved", "closed", "fixed", "done", "complete", "completed"}

// severityByLabel is the level whose label is v ("critical" → "SEV1",
// full-width "ＣＲＩＴＩＣＡＬ" too), or "".
func severityByLabel(cfg *model.SiteConfig, v string) string {
	for _, s := range cfg.Severities {
		if s.Label != "" && Fold(v) == Fold(s.Label) {
			return s.Level
		}
	}
	return ""
}

// severityByNumber is the one level whose number v is ("2" → "SEV2",
// full-width "２" too, and another tool's "S2", "P2", rankRE), or "": the
// number alone is what an author writes who thinks of severity as a rank
// (qa9-a #6).
func severityByNumber(cfg *model.SiteConfig, v string) string {
	m := rankRE.FindStringSubmatch(Fold(v))
	if m == nil {
		return ""
	}
	v = m[1]
	found := ""
	for _, s := range cfg.Severities {
		if strings.TrimLeft(s.Level, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -_") == v {
			if found != "" {
				return ""
			}
			found = s.Level
		}
	}
	return found
}

// rankRE is a severity written as a rank: a number alone, or after
// another tool's prefix (S2, P1, Sev-2, Severity 2, QA 17 A-F10), folded
// (Fold). Its group is the number.
var rankRE = regexp.MustCompile(`^(?:(?:severity|sev|priority|prio|s|p)[ _-]?)?([0-9]+)$`)

func levels(cfg *model.SiteConfig) []string {
	out := make([]string, len(cfg.Severities))
	for i, s := range cfg.Severities {
		out[i] = s.Level
	}
	return out
}

// normLabel is the canonical form of a cause or system slug: NFKC (so
// full-width ａｐｉ is api, not lower-cased full-width), trimmed, lower
// case, "-" for spaces and '_'.
func normLabel(s string) string {
	s = strings.ToLower(strings.TrimSpace(norm.NFKC.String(s)))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '_' {
			return '-'
		}
		return r
	}, s)
}

// labels checks a required list of slugs, normalises them and drops
// duplicates, with a warning; when a catalog is configured (catalog is not empty), labels
// outside it are errors, and one that is the name of an entry (as the
// site shows it: 決済API, キャパシティ不足) says which slug to write and
// is read as that slug. known are the catalog's slugs.
func (c checker) labels(field string, vals []string, catalog []model.Term, known []string) []string {
	if len(vals) == 0 {
		_, written := c.p.Lines[field]
		switch {
		case c.p.Invalid[field]:
		case written:
			c.errorf(field, "%s", emptyList(field, c.p.FrontMatterSyntax, known))
		default:
			c.errorf(field, "missing required field %q (a list with at least one slug)", field)
		}
		return vals
	}
	out := make([]string, 0, len(vals))
	for i, v := range vals {
		n := normLabel(v)
		if len(known) > 0 && !slices.Contains(known, n) {
			if slug := nameOf(v, catalog); slug != "" {
				c.itemf(diag.Error, field, i, "%s: %q is the name of %q; write %s", field, v, slug, slug)
				if !slices.Contains(out, slug) {
					out = append(out, slug)
				}
				continue
			}
		}
		if slices.Contains(out, n) {
			// A repeat in another spelling (DNS after dns) is left out
			// as the loader leaves out one written alike, with a
			// warning (QA 19 A-F2).
			c.itemf(diag.Warning, field, i, "%s: %q is read as %q, which the list has already; the repeat is left out: delete it", field, v, n)
			continue
		}
		if n != v {
			c.itemf(diag.Warning, field, i, "%s: %q is read as %q", field, v, n)
		}
		if len(known) == 0 {
			// Without a catalog, any slug is one, with its own page.
			if msg := longName(strings.TrimSuffix(field, "s"), n); msg != "" {
				c.itemf(diag.Error, field, i, "%s: %s", field, msg)
			}
		}
		if len(known) > 0 && !slices.Contains(known, n) {
			if near := nearLabel(n, catalog, known); len(near) > 0 {
				c.itemf(diag.Error, field, i, "%s: %q is not in the site's %s list in pmkb.toml; did you mean %s?", field, n, field, orList(near))
			} else {
				c.itemf(diag.Error, field, i, "%s: %q is not in the site's %s list in pmkb.toml; add it there or use a listed one", field, n, field)
			}
		}
		out = append(out, n)
	}
	return out
}

// exampleSlugs are the slugs an empty list's message shows when the site
// has no catalog, by field.
var exampleSlugs = map[string]string{"systems": "checkout-api", "causes": "config-change"}

// emptyList is the message for a required list of slugs that is written
// but empty (systems: [], as pmkb new writes it; QA 14 A-F17): that it is
// empty, not missing, with a setting to paste in the file's syntax, whose
// slug is the catalog's first (known), and the catalog's first slugs.
func emptyList(field string, syntax model.Syntax, known []string) string {
	example := exampleSlugs[field]
	if len(known) > 0 {
		example = known[0]
	}
	msg := fmt.Sprintf("%s is empty: list at least one slug, e.g. %s", field, syntax.Setting(field, example, model.ListValue))
	if len(known) > 0 {
		const shown = 5
		list := strings.Join(known[:min(len(known), shown)], ", ")
		if len(known) > shown {
			list += ", …"
		}
		msg += fmt.Sprintf(" (the site's %s: %s)", field, list)
	}
	return msg
}

// nameOf returns the slug of the catalog entry whose name v is (in any
// width or case), or "".
func nameOf(v string, catalog []model.Term) string {
	fv := Fold(v)
	for _, t := range catalog {
		if t.Name != "" && Fold(t.Name) == fv {
			return t.Slug
		}
	}
	return ""
}

// nearLabel returns the slugs of the catalog (known are its slugs) that
// label most likely means: a near spelling (diag.Suggest); else, as
// search's hints find a value (QA 14 A-F13), up to three whose slug or
// name has a word starting with each of label's words, those that start
// with label first ("checkout" → "checkout-api", "expired-cert" and
// "certificate-expired" → "expired-certificate", "configuration" →
// "config-change", named "Configuration change"); else the one slug that
// is a run of label's words ("capacity-problem" → "capacity"), not
// counting a slug inside another that is ("bad-deploy-v2" → "bad-deploy",
// not "deploy"); none when nothing fits, or two runs do
// ("dns-capacity-gap").
func nearLabel(label string, catalog []model.Term, known []string) []string {
	if near := diag.Suggest(label, known); near != "" {
		return []string{near}
	}
	if fits := wordsFit(label, catalog); len(fits) > 0 {
		return fits
	}
	in := func(k, s string) bool { return k != "" && strings.Contains("-"+s+"-", "-"+k+"-") }
	var fits []string
	for _, k := range known {
		if in(k, label) {
			fits = append(fits, k)
		}
	}
	fits = slices.DeleteFunc(fits, func(k string) bool {
		return slices.ContainsFunc(fits, func(o string) bool { return o != k && in(k, o) })
	})
	if len(fits) != 1 {
		return nil
	}
	return fits
}

// wordsFit returns up to three slugs of catalog whose slug, or name as a
// slug, has a word of its own starting with each word of label, in the
// catalog's order, those whose slug or name starts with label first; none
// for a label of one character.
func wordsFit(label string, catalog []model.Term) []string {
	if utf8.RuneCountInString(label) < 2 {
		return nil
	}
	words := strings.FieldsFunc(label, func(r rune) bool { return r == '-' })
	// The longest first, so that a short word does not take the word a
	// longer one needs.
	slices.SortStableFunc(words, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	var starts, others []string
	for _, t := range catalog {
		keys := []string{t.Slug}
		if t.Name != "" {
			keys = append(keys, model.Slug(t.Name))
		}
		switch {
		case slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, label) }):
			starts = append(starts, t.Slug)
		case slices.ContainsFunc(keys, func(k string) bool { return startsWords(words, k) }):
			others = append(others, t.Slug)
		}
	}
	fits := append(starts, others...)
	return fits[:min(len(fits), 3)]
}

// startsWords reports whether each of words starts a word of key (words
// between '-') of its own.
func startsWords(words []string, key string) bool {
	kw := strings.Split(key, "-")
	used := make([]bool, len(kw))
	for _, w := range words {
		found := false
		for i, k := range kw {
			if !used[i] && strings.HasPrefix(k, w) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return len(words) > 0
}

// orList quotes values and joins them with "or": "a" or "b".
func orList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, " or ")
}

// momentLayout shows a timeline moment in an order error: RFC 3339 with
// the fraction of a second it was written with, if any, which the order
// check reads (QA 19 A-F4: "09:12:00.1 is before 09:12:00.9" was shown
// as two equal times).
const momentLayout = "2006-01-02T15:04:05.999999999Z07:00"

func (c checker) timeline() {
	var prev model.Moment
	for _, m := range c.p.Timeline.Moments() {
		if !prev.Time.IsZero() && m.Time.Before(prev.Time) {
			c.errorf("timeline."+m.Name, "timeline.%s (%s) is before timeline.%s (%s); moments must be in order started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved",
				m.Name, m.Time.Format(momentLayout), prev.Name, prev.Time.Format(momentLayout))
		}
		prev = m
	}
}

func (c checker) actionItems() {
	p := c.p
	if len(p.ActionItems) == 0 {
		// A postmortem without action items is lint's
		// completeness/action-items, which a site can re-grade.
		return
	}
	seen := map[string]int{}
	for i := range p.ActionItems {
		a := &p.ActionItems[i]
		// A value of the wrong type (owner: [bob, carol]) is the loader's
		// error already, not a missing one.
		invalid := func(field string) bool { return p.Invalid[model.ActionItemField(a.ID, field)] }
		if strings.TrimSpace(a.Title) == "" && !invalid("title") {
			c.itemErrorf(a, "title", "action item %q has no title", a.ID)
		}
		if strings.TrimSpace(a.Owner) == "" && !invalid("owner") {
			c.itemErrorf(a, "owner", "action item %q has no owner; every follow-up needs someone accountable", a.ID)
		} else if msg := longName("owner", a.Owner); msg != "" {
			c.itemErrorf(a, "owner", "action item %q: owner %s", a.ID, msg)
		}
		if first, dup := seen[a.ID]; dup {
			c.itemErrorf(a, "id", "duplicate action item id %q (first at line %d)", a.ID, first)
		} else {
			seen[a.ID] = a.Line
		}
		if !slices.Contains(ActionStatuses, a.Status) {
			c.itemValue(a, "status", a.Status, ActionStatuses)
		}
		if a.Priority != "" && !slices.Contains(Priorities, a.Priority) {
			c.itemValue(a, "priority", a.Priority, Priorities)
		}
		if a.Kind != "" && !slices.Contains(Kinds, a.Kind) {
			c.itemValue(a, "kind", a.Kind, Kinds)
		}
		if a.Link != "" {
			if u, err := url.Parse(a.Link); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				c.itemErrorf(a, "link", "action item %q: link %q is not an http(s) URL", a.ID, a.Link)
			}
		}
		if !a.Closed.IsZero() && !a.IsClosed() && slices.Contains(ActionStatuses, a.Status) {
			c.itemErrorf(a, "closed", "action item %q is %q but has a closed date; set status to \"done\" or \"wont-do\", or remove closed", a.ID, a.Status)
		}
	}
}

// idKey folds an id the way case-insensitive and Unicode-normalising file
// systems do, so two ids that would land on one URL are caught.
func idKey(id string) string { return strings.ToLower(norm.NFC.String(id)) }

// uniqueIDs reports postmortems whose ids would land on one URL. A draft
// never takes an id from a postmortem that is not one (a published or
// in-review postmortem copied to start a new one, id: and all, QA 14
// A-F1): only the draft is told, an error every command makes a draft's
// warning, leaving the draft out, so the other keeps its id and builds.
// Drafts that share an id only among themselves are all told.
func uniqueIDs(pms []*model.Postmortem, diags *diag.List) {
	byKey := map[string][]*model.Postmortem{}
	for _, p := range pms {
		byKey[idKey(p.ID)] = append(byKey[idKey(p.ID)], p)
	}
	for _, p := range pms {
		same := byKey[idKey(p.ID)]
		bundle, isBundle := bundleFix(p)
		if len(same) < 2 {
			if isBundle {
				checker{p: p, diags: diags}.warnf("id", "id %q is the file name %s (a Hugo page bundle's name), and pmkb's id is the file name: this postmortem's page would be %s; %s",
					p.ID, path.Base(p.Path), model.PostmortemPath(p.ID), bundle)
			}
			continue
		}
		taken := slices.ContainsFunc(same, func(q *model.Postmortem) bool { return !q.Draft() })
		// exact are the others with p's very id, cased those whose id
		// differs from it only in case.
		var exact, cased []*model.Postmortem
		for _, q := range same {
			switch {
			case q == p || (taken && q.Draft()):
			case norm.NFC.String(q.ID) == norm.NFC.String(p.ID):
				exact = append(exact, q)
			default:
				cased = append(cased, q)
			}
		}
		byPath := func(a, b *model.Postmortem) int { return cmp.Compare(a.Path, b.Path) }
		slices.SortFunc(exact, byPath)
		slices.SortFunc(cased, byPath)
		c := checker{p: p, diags: diags}
		draft := taken && p.Draft()
		// The fix, and how the draft's id is named: by its file name
		// when it sets no id:.
		fix, what := "set a different id: in one of them, or rename one file", fmt.Sprintf("id %q", p.ID)
		switch {
		case isBundle:
			// QA 17 A-F8: renaming one of 200 bundles does not help.
			fix = "index.md is a Hugo page bundle's name, and pmkb's id is the file name: " + bundle
		case draft:
			fix = "set another id: in this draft"
			if _, set := p.Lines["id"]; !set {
				fix, what = "rename this file, or set id: to another id", what+" (this draft's file name)"
			}
		}
		if len(exact) > 0 {
			paths := make([]string, len(exact))
			for i, q := range exact {
				paths[i] = q.Path
			}
			if draft {
				c.errorf("id", "%s is already the id of %s; %s", what, someOf(paths), fix)
			} else {
				why := ""
				if slices.ContainsFunc(paths, func(o string) bool { return o != p.Path && norm.NFC.String(o) == norm.NFC.String(p.Path) }) {
					why = " (the two file names look alike and differ only in Unicode form: one is decomposed, NFD, as macOS writes names; one file is likely a copy of the other)"
				}
				all := "both"
				if len(paths) > 1 {
					all = fmt.Sprintf("all %d", len(paths)+1)
				}
				c.errorf("id", "%s is also used by %s%s: %s would be written to %s; %s", what, someOf(paths), why, all, model.PostmortemPath(p.ID), fix)
			}
		}
		if len(cased) > 0 {
			// QA 14 A-F18: "Foo" and "foo" are two ids, whose pages'
			// folders are one where case does not count.
			ids := make([]string, len(cased))
			folders := []string{model.PostmortemPath(p.ID)}
			for i, q := range cased {
				ids[i] = fmt.Sprintf("%q (%s)", q.ID, q.Path)
				if f := model.PostmortemPath(q.ID); !slices.Contains(folders, f) {
					folders = append(folders, f)
				}
			}
			c.errorf("id", "%s differs only in case from %s: file systems and web hosts that ignore case (macOS, Windows) make %s one folder, so one page would replace the other; %s",
				what, strings.Join(ids, ", "), andList(folders), fix)
		}
	}
}

// shownPaths is how many of the other files a duplicate-id message lists.
const shownPaths = 3

// someOf lists paths, comma-separated, up to shownPaths of them and then
// how many more there are ("a, b, c and 197 more"): with many files on
// one id, each message listed all the others (QA 17 A-F8: 200 page
// bundles gave 2 MB of output).
func someOf(paths []string) string {
	if len(paths) <= shownPaths+1 {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:shownPaths], ", "), len(paths)-shownPaths)
}

// bundleFix is how to give p, a Hugo page bundle's index.md that sets no
// id:, the id its folder names (set id: payments-down, or rename the file
// to payments-down.md, which keeps it beside its images), and whether p
// is one. By the contract its id is its file name, "index" (QA 17 A-F8).
func bundleFix(p *model.Postmortem) (string, bool) {
	if _, set := p.Lines["id"]; set || !strings.EqualFold(path.Base(p.Path), "index.md") {
		return "", false
	}
	id := ProposeID(path.Base(path.Dir(p.Path)))
	if id == "" || path.Dir(p.Path) == "content/postmortems" {
		return "set id: to the incident's slug, or rename the file after it (e.g. 2024-03-14-checkout-down.md)", true
	}
	return fmt.Sprintf("set %s, or rename the file to %s.md", p.FrontMatterSyntax.Setting("id", id, model.TextValue), id), true
}

// andList joins items as prose does: "a", "a and b", "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// relatedLinks reports the related: ids that name no postmortem: neither
// one of pms nor one of the files that did not load (unloaded).
func relatedLinks(pms []*model.Postmortem, unloaded []string, diags *diag.List) {
	ids := make(map[string]bool, len(pms)+len(unloaded))
	for _, p := range pms {
		ids[p.ID] = true
	}
	for _, id := range unloaded {
		ids[id] = true
	}
	for _, p := range pms {
		c := checker{p: p, diags: diags}
		for i, r := range p.Related {
			switch {
			case r == p.ID:
				c.itemf(diag.Error, "related", i, "related names this postmortem itself (%q)", r)
			case !ids[r] && r == fileID(p):
				// Its file name, which its id: replaces (QA 19 A-F5):
				// not some other postmortem's id the letters suggest.
				c.itemf(diag.Error, "related", i, "related names this postmortem itself (%q is its file name; its id: is %q)", r, p.ID)
			case !ids[r]:
				c.itemf(diag.Error, "related", i, "related: no postmortem has id %q%s", r, suggest(r, p, pms))
			}
		}
	}
}

// suggest proposes the closest existing id for a broken related link of
// from, never from's own id: a postmortem cannot relate to itself. An id
// that is the file name of a postmortem whose id: says otherwise names
// that postmortem, as the author meant it: the file name is only the
// default id (QA 19 A-F5), and the id nearest in letters would link
// another incident.
func suggest(id string, from *model.Postmortem, pms []*model.Postmortem) string {
	var named *model.Postmortem
	for _, p := range pms {
		if p.ID != from.ID && fileID(p) == id && (named == nil || p.Path < named.Path) {
			named = p
		}
	}
	if named != nil {
		return fmt.Sprintf("; did you mean %q (the id: of %s)?", named.ID, named.Path)
	}
	best, bestScore := "", 0
	for _, p := range pms {
		if p.ID == from.ID {
			continue
		}
		score := commonPrefix(id, p.ID) + commonPrefix(reverse(id), reverse(p.ID))
		if score > bestScore || (score == bestScore && cmp.Less(p.ID, best)) {
			best, bestScore = p.ID, score
		}
	}
	if bestScore >= len(id)/2 && best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// fileID is the id p's file name gives it, the one it has unless its
// front matter sets id:.
func fileID(p *model.Postmortem) string {
	return norm.NFC.String(strings.TrimSuffix(path.Base(p.Path), path.Ext(p.Path)))
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func reverse(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}
