package source

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // see loadLocation
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// ConfigFiles are the names a site configuration may have, in the order
// they are looked for at the site root.
var ConfigFiles = []string{"pmkb.toml", "pmkb.yaml", "pmkb.yml"}

// LoadConfig reads the site configuration at the root of fsys, laid over
// model.DefaultSiteConfig. A site without a config file gets the defaults.
// Unknown keys are errors that name the key and its line. Only the first
// of ConfigFiles is read; every other one present gets a warning that it
// is ignored. It returns the name of the file read ("" when none).
func LoadConfig(fsys fs.FS) (model.SiteConfig, string, *diag.List) {
	cfg := model.DefaultSiteConfig()
	diags := &diag.List{}
	read := ""
	for _, name := range ConfigFiles {
		if read != "" {
			if _, err := fs.Stat(fsys, name); err == nil {
				diags.Warnf(diag.Pos{Path: name}, "ignored: the site's config is %s, which is read instead; merge the two and delete this one", read)
			}
			continue
		}
		data, err := ReadRegular(fsys, name) // a named pipe would block (QA 17 C-F2)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		read = name
		if err != nil {
			diags.Errorf(diag.Pos{Path: name}, "cannot read config: %v", err)
			continue
		}
		cfg = ParseConfig(name, data, diags)
	}
	return cfg, read, diags
}

// QuoteConfig gives every problem at a line of the config file name in
// fsys that has no excerpt yet (an unknown key, a bad value, a [lint]
// grade: the syntax errors have theirs) the text of its line, as a
// postmortem's problems have, so that every report, pmkb lint's and its
// JSON too, quotes it (QA 20 A-F9: only the commands that read the file
// again for their report did). A config that holds a private key is not
// quoted, as a front matter that holds one is not.
func QuoteConfig(fsys fs.FS, name string, diags *diag.List) {
	if name == "" {
		return
	}
	var ls *lines
	diags.FillExcerpts(func(d diag.Diagnostic) string {
		if d.Pos.Path != name {
			return ""
		}
		if ls == nil {
			data, err := ReadRegular(fsys, name)
			if err == nil {
				data, _ = normalize(data)
			}
			ls = newLines(data) // nil data: no line
		}
		text, ok := ls.line(d.Pos.Line)
		if !ok || strings.TrimSpace(text) == "" || len(text) > maxExcerpt || ls.privateKey() {
			return ""
		}
		return text
	})
}

// ParseConfig decodes one config file (TOML or YAML by its extension).
func ParseConfig(name string, data []byte, diags *diag.List) model.SiteConfig {
	cfg := model.DefaultSiteConfig()
	data, prob := normalize(data)
	if prob != nil {
		diags.Add(diag.Diagnostic{Pos: diag.Pos{Path: name, Line: prob.line}, Col: prob.col, Severity: diag.Error, Message: prob.msg})
		return cfg
	}
	var root *node
	var errs []*syntaxError
	syntax := model.SyntaxYAML
	if strings.HasSuffix(name, ".toml") {
		syntax = model.SyntaxTOML
		root, errs = parseTOML(data, nil)
	} else {
		root, errs = parseYAML(data, nil)
	}
	text := newLines(data)
	for _, e := range errs {
		diags.Add(text.diagnostic(name, 0, e))
	}
	if root == nil {
		return cfg
	}
	c := &configDecoder{d: decoder{path: name, tz: time.UTC, diags: diags, syntax: syntax}}
	c.decode(root, &cfg)
	return cfg
}

type configDecoder struct {
	d decoder
	// firstTable is the line of a TOML config's first [table] header (0
	// in YAML, or when there is none): a top-level key written below it
	// lands in that table.
	firstTable int
}

func (c *configDecoder) unknown(k mapKey, where string, known []string) {
	msg := fmt.Sprintf("unknown config key %q%s", k.name, where)
	if where != "" && c.firstTable > 0 && slices.Contains(topKeys, k.name) {
		// TOML reads every key after a [table] header into that table.
		msg += fmt.Sprintf("; top-level keys must come before the first [table]; move it above line %d", c.firstTable)
	} else if near := diag.Suggest(k.name, known); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	} else {
		msg += fmt.Sprintf(" (known keys: %s)", strings.Join(known, ", "))
	}
	c.d.errorf(k.line, "%s", msg)
}

func (c *configDecoder) mapping(n *node, what string) bool {
	if n.kind == kindMap {
		return true
	}
	if n.kind != kindNull {
		c.d.errorf(n.line, "%s must be a table/mapping, not %s", what, n.kind)
	}
	return false
}

var topKeys = []string{"title", "baseURL", "language", "timeZone", "today", "repository",
	"unsafeHTML", "maxFileBytes", "repeatWindowDays", "severities", "causes", "systems", "lint"}

func (c *configDecoder) decode(root *node, cfg *model.SiteConfig) {
	if !c.mapping(root, "the config") {
		return
	}
	d := &c.d
	if strings.HasSuffix(d.path, ".toml") {
		for _, k := range root.keys {
			if isTable(k.val) && (c.firstTable == 0 || k.line < c.firstTable) {
				c.firstTable = k.line
			}
		}
	}
	for _, k := range root.keys {
		v := k.val
		switch k.name {
		case "title":
			cfg.Title = d.str(k.name, v)
		case "baseURL":
			cfg.BaseURL = c.baseURL(v)
		case "language":
			if lang := d.str(k.name, v); v.kind == kindScalar {
				cfg.Language = c.language(lang, v.line)
			}
		case "timeZone":
			if name := d.str(k.name, v); v.kind == kindScalar {
				if loc := c.timeZone(name, v.line); loc != nil {
					cfg.TimeZone = loc
				}
			}
		case "today":
			cfg.Today = d.day(k.name, v)
		case "repository":
			cfg.Repository = repository(d.str(k.name, v))
		case "unsafeHTML":
			cfg.UnsafeHTML = c.boolean(k.name, v)
		case "maxFileBytes":
			if n := c.positive(k.name, v, "bytes", cfg.MaxFileBytes); n > 0 {
				cfg.MaxFileBytes = n
			}
		case "repeatWindowDays":
			if n := c.positive(k.name, v, "days", int64(cfg.RepeatWindowDays)); n > 0 {
				cfg.RepeatWindowDays = int(n)
			}
		case "severities":
			c.severities(v, cfg)
		case "causes":
			c.causes(v, cfg)
		case "systems":
			c.systems(v, cfg)
		case "lint":
			c.lint(v, cfg)
		default:
			c.unknown(k, "", topKeys)
		}
	}
}

// isTable reports whether n is a TOML table or an array of tables.
func isTable(n *node) bool {
	return n.kind == kindMap || n.kind == kindList && len(n.items) > 0 && n.items[0].kind == kindMap
}

// language is lang when pmkb has messages in it, else "en" with an error.
func (c *configDecoder) language(lang string, line int) string {
	supported := []string{"en", "ja"}
	if slices.Contains(supported, lang) {
		return lang
	}
	msg := fmt.Sprintf("language %q is not supported (want \"en\" or \"ja\")", lang)
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	if slices.Contains(supported, base) {
		msg += fmt.Sprintf("; did you mean %q?", base)
	} else if l, ok := model.CountryLanguage(base); ok && slices.Contains(supported, l) {
		msg += fmt.Sprintf("; did you mean %q? (%s is the country code)", l, base)
	} else if ok {
		msg += fmt.Sprintf("; %s is the country code of %q, a language pmkb has no messages in", base, l)
	}
	c.d.errorf(line, "%s", msg)
	return "en"
}

// zoneAbbreviations are the zone abbreviations people write for a time
// zone, with the IANA zone they usually mean. Ambiguous ones (CST, IST)
// are left out.
var zoneAbbreviations = map[string]string{
	"JST": "Asia/Tokyo", "KST": "Asia/Seoul", "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore",
	"AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland",
	"BST": "Europe/London", "CEST": "Europe/Berlin",
	"PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "MDT": "America/Denver",
	"CDT": "America/Chicago", "EDT": "America/New_York",
}

// loadLocation is time.LoadLocation (tests set another). The zone
// database is built into pmkb (the time/tzdata import), used when the
// machine has none, so that a site in any zone builds in a slim container
// or on Windows without Go, as it does on the machine that wrote it.
var loadLocation = time.LoadLocation

// timeZone loads the zone name, or reports it (nil) with the zone meant
// when name is a common abbreviation or a zone in the wrong case. "Local",
// which time.LoadLocation takes for the machine's zone, is refused: the
// same content and --today would build another site on each machine.
func (c *configDecoder) timeZone(name string, line int) *time.Location {
	if name == "Local" {
		c.d.errorf(line, "timeZone %q is not a known IANA zone (e.g. \"Asia/Tokyo\", \"UTC\"); "+
			"the build machine's zone would make each machine build a different site", name)
		return nil
	}
	loc, err := loadLocation(name)
	if err == nil {
		return loc
	}
	msg := fmt.Sprintf("timeZone %q is not a known IANA zone", name)
	meant := zoneAbbreviations[strings.ToUpper(name)]
	for _, z := range []string{"UTC", "Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai", "Asia/Singapore", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles"} {
		if meant == "" && strings.EqualFold(name, z) {
			meant = z
		}
	}
	if meant == name {
		// Spelt right, yet not loaded: no "did you mean" the same name
		// (QA 21 B-F1), but why.
		msg = fmt.Sprintf("timeZone %q cannot be loaded: %v", name, err)
	} else if meant != "" {
		msg += fmt.Sprintf("; did you mean %q?", meant)
	} else {
		msg += ` (e.g. "Asia/Tokyo", "UTC")`
	}
	c.d.errorf(line, "%s", msg)
	return nil
}

// repository is the "edit this file" prefix with the "/" that joins it to
// a file's path, as baseURL gets one; a prefix that ends in a query
// ("?path=") is kept as written.
func repository(s string) string {
	if s != "" && !strings.HasSuffix(s, "/") && !strings.ContainsAny(s, "?#") {
		s += "/"
	}
	return s
}

// hexColor is the form a severity's badge colour must take.
var hexColor = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// foldKey folds a catalog key the way validate folds the values written in
// postmortems (NFKC, so full-width ＤＮＳ is dns; lower case; spaces and
// "_" become "-"): a key that folding changes can never match one.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '_' {
			return '-'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(norm.NFKC.String(s))))
}

// notSlug is the message for a catalog key that is not a slug, with the
// entry to write instead in the config's own syntax.
func notSlug(file, what, key, slug string) string {
	if strings.HasSuffix(file, ".toml") {
		return fmt.Sprintf("%s key %q is not a slug; write [%s.%s] with name = %q", what, key, what, slug, key)
	}
	return fmt.Sprintf("%s key %q is not a slug; write %s: with name: %q", what, key, slug, key)
}

func (c *configDecoder) baseURL(v *node) string {
	s := c.d.str("baseURL", v)
	if s == "" {
		return "/"
	}
	if err := CheckBaseURL(s); err != nil {
		c.d.errorf(v.line, "baseURL %v", err)
		return "/"
	}
	return EncodeBaseURL(s)
}

// EncodeBaseURL returns the base URL s, one CheckBaseURL accepts, with its
// path percent-encoded and a trailing "/": every URL the site writes
// joins a page's encoded path to it, and sitemap.xml, the feeds and
// actions.ics need them in ASCII (https://intra.example/障害kb/ becomes
// https://intra.example/%E9%9A%9C%E5%AE%B3kb/). A path already encoded
// is kept as written, so encoding twice changes nothing; the scheme and
// host are kept as written too.
func EncodeBaseURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return strings.TrimSuffix(s, "/") + "/"
	}
	// The path is what follows the host (CheckBaseURL allows no query
	// or fragment after it), or all of s for a base path.
	path := s
	if u.Host != "" {
		rest := s[strings.Index(s, "//")+2:]
		path = rest[strings.IndexByte(rest+"/", '/'):]
	}
	prefix := s[:len(s)-len(path)]
	path = u.EscapedPath()
	if !strings.HasSuffix(path, "/") {
		path += "/"
	}
	return prefix + path
}

// CheckBaseURL reports whether s can be a site's base URL: an http(s) URL
// with a host, or an absolute path, without a query or a fragment (every
// page's URL is the base URL followed by a path). The error reads after
// the setting's name ("baseURL …", "--base-url …").
func CheckBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "" && u.Host == "") {
		return fmt.Errorf("%q is not an http(s) URL or an absolute path", s)
	}
	if u.Scheme == "" && !strings.HasPrefix(s, "/") {
		return fmt.Errorf("%q must be an absolute URL (https://host/path/) or start with /", s)
	}
	if host, ok := strings.CutPrefix(s, "//"); ok {
		// Protocol-relative: not a path, and no base for the sitemap,
		// the canonical links and the feed's ids (qa9-a #12).
		return fmt.Errorf("%q is protocol-relative: write it as an absolute URL (https://%s) or as a path with one leading /", s, strings.TrimLeft(host, "/"))
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		return fmt.Errorf("%q has a query or fragment (%q): pages are addressed by path under it; drop it", s, s[i:])
	}
	return nil
}

func (c *configDecoder) boolean(field string, v *node) bool {
	if b, ok := v.value.(bool); ok && v.kind == kindScalar {
		return b
	}
	c.d.errorf(v.line, "%s must be true or false", field)
	return false
}

func (c *configDecoder) integer(field string, v *node) int64 {
	switch n := v.value.(type) {
	case int64:
		return n
	case uint64:
		return int64(min(n, 1<<62))
	}
	c.d.errorf(v.line, "%s must be a whole number", field)
	return 0
}

// positive is the whole number v of field, counted in unit, or 0 with an
// error at its line when it is not one or is below 1: no value below 1
// means anything, and silently taking the default (def) for one hid the
// mistake (qa9-a #4).
func (c *configDecoder) positive(field string, v *node, unit string, def int64) int64 {
	n := c.integer(field, v)
	if _, whole := v.value.(int64); whole && n < 1 {
		c.d.errorf(v.line, "%s must be at least 1 (%s), not %d; leave it out for the default, %d", field, unit, n, def)
		return 0
	}
	return n
}

func (c *configDecoder) severities(v *node, cfg *model.SiteConfig) {
	if v.kind != kindList {
		c.d.errorf(v.line, "severities must be a list of {level, label, color}, worst first")
		return
	}
	var out []model.Severity
	seen := map[string]int{}
	for i, it := range v.items {
		if !c.mapping(it, fmt.Sprintf("severities[%d]", i)) {
			continue
		}
		var s model.Severity
		for _, k := range it.keys {
			switch k.name {
			case "level":
				s.Level = c.d.str("level", k.val)
			case "label":
				s.Label = c.d.str("label", k.val)
			case "color":
				s.Color = c.d.str("color", k.val)
				if s.Color != "" && !hexColor.MatchString(s.Color) {
					c.d.errorf(k.val.line, "severities[%d]: color %q is not a hex colour (want \"#rrggbb\" or \"#rgb\", e.g. \"#b3261e\")", i, s.Color)
					s.Color = ""
				}
			default:
				c.unknown(k, fmt.Sprintf(" in severities[%d]", i), []string{"level", "label", "color"})
			}
		}
		if s.Level == "" {
			c.d.errorf(it.line, "severities[%d] has no level", i)
			continue
		}
		if prev, dup := seen[s.Level]; dup {
			c.d.errorf(it.line, "severity level %q is listed twice (first at line %d)", s.Level, prev)
			continue
		}
		seen[s.Level] = it.line
		if s.Label == "" {
			s.Label = s.Level
		}
		out = append(out, s)
	}
	if len(out) > 0 {
		cfg.Severities = out
	}
}

// entries walks a slug-keyed table ("[causes.dns]") in slug order.
func (c *configDecoder) entries(v *node, what string, fields []string, set func(slug, field, value string)) {
	if !c.mapping(v, what) {
		return
	}
	keys := slices.Clone(v.keys)
	slices.SortFunc(keys, func(a, b mapKey) int { return strings.Compare(a.name, b.name) })
	for _, k := range keys {
		slug := foldKey(k.name)
		if slug != k.name {
			// An error, and the entry kept under the key postmortems
			// can match, so they do not get a second, circular one.
			c.d.errorf(k.line, "%s", notSlug(c.d.path, what, k.name, slug))
		}
		set(slug, "", "")
		if k.val.kind == kindNull {
			continue
		}
		if !c.mapping(k.val, what+"."+k.name) {
			continue
		}
		for _, f := range k.val.keys {
			if !slices.Contains(fields, f.name) {
				c.unknown(f, " in "+what+"."+k.name, fields)
				continue
			}
			set(slug, f.name, c.d.str(f.name, f.val))
		}
	}
}

func (c *configDecoder) causes(v *node, cfg *model.SiteConfig) {
	cfg.Causes = nil
	c.entries(v, "causes", []string{"name", "description"}, func(slug, field, value string) {
		if field == "" {
			cfg.Causes = append(cfg.Causes, model.Term{Slug: slug, Name: slug})
			return
		}
		t := &cfg.Causes[len(cfg.Causes)-1]
		switch field {
		case "name":
			t.Name = value
		case "description":
			t.Description = value
		}
	})
}

func (c *configDecoder) systems(v *node, cfg *model.SiteConfig) {
	cfg.Systems = nil
	c.entries(v, "systems", []string{"name", "team", "description"}, func(slug, field, value string) {
		if field == "" {
			cfg.Systems = append(cfg.Systems, model.System{Slug: slug, Name: slug})
			return
		}
		s := &cfg.Systems[len(cfg.Systems)-1]
		switch field {
		case "name":
			s.Name = value
		case "team":
			s.Team = value
		case "description":
			s.Description = value
		}
	})
}

func (c *configDecoder) lint(v *node, cfg *model.SiteConfig) {
	if !c.mapping(v, "lint") {
		return
	}
	for _, k := range v.keys {
		switch k.name {
		case "rules":
			if !c.mapping(k.val, "lint.rules") {
				continue
			}
			cfg.LintRules, cfg.LintRuleLines = map[string]string{}, map[string]int{}
			for _, r := range k.val.keys {
				level := c.d.str(r.name, r.val)
				switch level {
				case "off", "warning", "error":
					cfg.LintRules[r.name], cfg.LintRuleLines[r.name] = level, r.line
				default:
					msg := fmt.Sprintf("lint rule %q: level %q must be \"off\", \"warning\" or \"error\"", r.name, level)
					if near := diag.SuggestOrPrefix(level, []string{"off", "warning", "error"}); near != "" {
						msg += fmt.Sprintf("; did you mean %q?", near)
					}
					c.d.errorf(r.line, "%s", msg)
				}
			}
		case "allow":
			cfg.LintAllow = c.d.strs("lint.allow", k.val)
		default:
			c.unknown(k, " in lint", []string{"rules", "allow"})
		}
	}
}
