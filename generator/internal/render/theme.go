package render

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/pmkb/pmkb/generator/internal/minify"
	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/themes"
)

// translator holds the UI strings of one language, decoded once from the
// theme's i18n/<lang>.json. A key the theme lacks is an error of the build,
// never an empty label.
type translator struct {
	lang    string
	strings map[string]string
	// file names the UI strings in errors: the site's theme folder's
	// i18n/<lang>.json as its user opens it when it has one.
	file string

	mu      sync.Mutex // guards missing: pages render concurrently
	missing map[string]bool
}

// loadTranslator decodes i18n/<lang>.json of the theme. A theme made by
// themes.Overlay merges the file of each layer key by key, the top's
// strings over the built-in ones, so a site's theme may hold only the
// strings it changes, and one copied from an older pmkb gets the strings
// added since.
func loadTranslator(theme fs.FS, lang string) (*translator, error) {
	name := "i18n/" + lang + ".json"
	m := map[string]string{}
	layers := themes.Layers(theme)
	found := false
	for i := len(layers) - 1; i >= 0; i-- {
		data, err := fs.ReadFile(layers[i], name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		own := i == 0 && len(layers) > 1
		if err != nil {
			if own {
				return nil, &ThemeError{Path: themes.FilePath(theme, name), Msg: err.Error(), Err: err}
			}
			return nil, fmt.Errorf("theme %s: %w", name, err)
		}
		// A byte-order mark, which some Windows editors write, is
		// skipped, as in pmkb.toml and the postmortems (QA 16 D-F15:
		// before, "invalid character 'ï' looking for beginning of
		// value"); a line stays a line.
		data = bytes.TrimPrefix(data, utf8BOM)
		dec := json.NewDecoder(bytes.NewReader(data))
		if err := dec.Decode(&m); err != nil {
			if own {
				return nil, jsonError(themes.FilePath(theme, name), data, err)
			}
			return nil, fmt.Errorf("theme %s: %w", name, err)
		}
		found = true
	}
	if !found {
		return nil, fmt.Errorf("theme has no UI strings for language %q: %w", lang, fs.ErrNotExist)
	}
	tr := &translator{lang: lang, strings: m, missing: map[string]bool{}, file: "theme i18n/" + lang + ".json"}
	if ownFile(theme, name) {
		tr.file = themes.FilePath(theme, name)
	}
	return tr, nil
}

// jsonError is the error of a theme folder's UI strings that do not
// decode, at the line of the problem.
func jsonError(path string, data []byte, err error) *ThemeError {
	e := &ThemeError{Path: path, Msg: err.Error(), Err: err}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		e.Line = lineAt(data, syntax.Offset-1)
	case errors.As(err, &typ):
		e.Line = lineAt(data, typ.Offset-1)
		e.Msg = fmt.Sprintf("a UI string must be a JSON string, not %s %s (the file is one object of \"key\": \"string\")", article(typ.Value), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		e.Line = lineAt(data, int64(len(bytes.TrimRight(data, " \t\r\n"))))
		e.Msg = "the file ends inside its JSON object (a } or a closing quote missing?)"
	}
	return e
}

// article is "an" before a word starting with a vowel, else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// lineAt is the line, from 1, of byte offset off of data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// s returns the string for key, remembering a missing key for err.
func (tr *translator) s(key string) string {
	v, ok := tr.strings[key]
	if !ok {
		tr.mu.Lock()
		tr.missing[key] = true
		tr.mu.Unlock()
		return key
	}
	return v
}

// f formats the string for key with fmt verbs and args.
func (tr *translator) f(key string, args ...any) string {
	return fmt.Sprintf(tr.plural(key, tr.s(key), args), args...)
}

// plural returns the singular form "<key>.one" when the only argument is
// the number 1 and the language has one (English does, Japanese needs
// none), else v.
func (tr *translator) plural(key, v string, args []any) string {
	if len(args) == 1 && args[0] == 1 {
		if one, ok := tr.strings[key+".one"]; ok {
			return one
		}
	}
	return v
}

// label returns the translation of key when the theme has one, else
// fallback: unknown statuses and kinds are shown as written.
func (tr *translator) label(key, fallback string) string {
	if v, ok := tr.strings[key]; ok {
		return v
	}
	return fallback
}

// plainT matches a UI string used as is, {{t "key"}}, in template source.
var plainT = regexp.MustCompile(`^\{\{t "([^"\\]+)"\}\}`)

// localise writes the UI strings that src, a layout of the built-in theme,
// uses without arguments into the source itself, escaped as html/template
// escapes them, so that pages do not call t thousands of times. Only a
// string in text (not in a script or a style) or in a quoted attribute
// that holds plain text is written in, and only one without "{{" or
// "}}": anywhere else {{t "k"}} stays a call, escaped by its context as
// {{ t "k" }} is, and a UI string is never parsed as template code (QA 16
// D-F4: before, every file's {{t "k"}} was pasted in HTML-escaped, a bare
// token in a script, and a translator's "{{" was executed). A key the
// theme lacks stays a call, which fails when executed. The site's own
// layouts are not localised: their contexts are theirs.
func (tr *translator) localise(src string) string {
	var sb strings.Builder
	st := htmlText
	attr := "" // the name of the attribute a quoted value belongs to
	raw := ""  // "script" or "style" while in one
	last := 0  // src[:last] is in sb
	for i := 0; i < len(src); {
		if strings.HasPrefix(src[i:], "{{") {
			if m := plainT.FindStringSubmatch(src[i:]); m != nil {
				v, ok := tr.strings[m[1]]
				if ok && raw == "" && (st == htmlText || (st == htmlDoubleQuoted || st == htmlSingleQuoted) && plainAttr(attr)) &&
					!strings.Contains(v, "{{") && !strings.Contains(v, "}}") {
					sb.WriteString(src[last:i])
					sb.WriteString(escapeText(v))
					last = i + len(m[0])
				}
				i += len(m[0])
				continue
			}
			end := strings.Index(src[i:], "}}")
			if strings.HasPrefix(src[i:], "{{/*") {
				end = strings.Index(src[i:], "*/}}") + 2
			}
			if end < 2 {
				break
			}
			i += end + 2
			continue
		}
		c := src[i]
		switch {
		case raw != "":
			if c == '<' && len(src) > i+2+len(raw) && strings.EqualFold(src[i+1:i+2+len(raw)], "/"+raw) {
				raw = ""
				st = htmlTag
			}
		case st == htmlText && c == '<' && i+1 < len(src) && (src[i+1] == '/' || isLetter(src[i+1])):
			st = htmlTag
			j := i + 1
			for j < len(src) && isLetter(src[j]) {
				j++
			}
			switch tag := strings.ToLower(src[i+1 : j]); tag {
			case "script", "style":
				if k := strings.IndexByte(src[j:], '>'); k >= 0 {
					// The start tag's attributes are read as any tag's
					// until its end; the element's text is raw.
					raw = tag
					i = j
					continue
				}
			}
		case st == htmlTag && c == '>':
			st = htmlText
		case st == htmlTag && (c == '"' || c == '\''):
			st = htmlDoubleQuoted
			if c == '\'' {
				st = htmlSingleQuoted
			}
			attr = attrBefore(src[:i])
		case st == htmlDoubleQuoted && c == '"', st == htmlSingleQuoted && c == '\'':
			st = htmlTag
		}
		i++
	}
	if last == 0 {
		return src
	}
	sb.WriteString(src[last:])
	return sb.String()
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// attrBefore is the name of the attribute whose value starts after
// before, which ends in its "=".
func attrBefore(before string) string {
	before = strings.TrimRight(before, " \t\n")
	if !strings.HasSuffix(before, "=") {
		return ""
	}
	before = strings.TrimRight(before[:len(before)-1], " \t\n")
	i := len(before)
	for i > 0 && (isLetter(before[i-1]) || before[i-1] == '-' || before[i-1] == ':' || before[i-1] >= '0' && before[i-1] <= '9') {
		i--
	}
	return strings.ToLower(before[i:])
}

// plainAttr reports whether html/template escapes the value of the
// attribute name as plain text: not a URL, a script or a style.
func plainAttr(name string) bool {
	// As html/template's attrType: a "data-" prefix goes, and a
	// namespace's (xlink:href is an href), but xmlns:… is a URL.
	if rest, ok := strings.CutPrefix(name, "data-"); ok {
		name = rest
	} else if prefix, local, ok := strings.Cut(name, ":"); ok {
		if prefix == "xmlns" {
			return false
		}
		name = local
	}
	switch {
	case name == "", strings.HasPrefix(name, "on"), name == "style", name == "srcset", name == "srcdoc",
		strings.Contains(name, "src"), strings.Contains(name, "uri"), strings.Contains(name, "url"):
		return false
	}
	switch name {
	case "href", "action", "cite", "formaction", "poster", "background", "codebase", "data", "longdesc",
		"manifest", "profile", "usemap", "icon", "classid", "archive", "ping", "xmlns", "content", "http-equiv":
		return false
	}
	return true
}

// escapeText escapes s as html/template escapes a string in text and in
// a quoted attribute.
func escapeText(s string) string {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case 0:
			sb.WriteString("\uFFFD")
		case '"':
			sb.WriteString("&#34;")
		case '&':
			sb.WriteString("&amp;")
		case '\'':
			sb.WriteString("&#39;")
		case '+':
			sb.WriteString("&#43;")
		case '<':
			sb.WriteString("&lt;")
		case '>':
			sb.WriteString("&gt;")
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// err reports the keys asked for but missing, sorted.
func (tr *translator) err() error {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if len(tr.missing) == 0 {
		return nil
	}
	keys := make([]string, 0, len(tr.missing))
	for k := range tr.missing {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return fmt.Errorf("%s lacks %s", cmp.Or(tr.file, "theme i18n/"+tr.lang+".json"), strings.Join(keys, ", "))
}

// tableArgs are the arguments of a table partial. Priority, Kind, Tracker
// and Owner say whether an action table has those columns (see table).
// OverdueOnly hides the rows not overdue until actions.js finds them
// overdue by the reader's clock, and CaptionTemplate is then the caption
// with the reader's day in the slot {day}, for a reader after the build
// day AsOf (see overdueOnly). AgeTemplate and AgeTemplateOne are those of
// table. PageSize is listPageSize for a table of more rows, else 0 (see
// listPageSize).
type tableArgs struct {
	ID, Caption                 string
	Rows                        table
	Compact                     bool
	Priority, Kind, Tracker     bool
	Owner                       bool // not when no item names one
	OverdueOnly                 bool
	CaptionTemplate, AsOf       string
	AgeTemplate, AgeTemplateOne string
	PageSize                    int
}

// listPageSize is how many rows of a long list table.js shows at first,
// and adds at each "Show more": a list of postmortems or action items of
// more rows has data-page-size with it, by which pmkb.css keeps its later
// rows out of layout while the page loads (its rule names this number
// twice: TestListPageSizeCSS) and table.js then pages it. The page holds
// every row, in the built order, for a reader without scripts.
const listPageSize = 100

// partialsKey names, in the template map, the set of base.html and
// partials.html that renders row and header fragments.
const partialsKey = "\x00partials"

// pageKinds are the page templates of a theme: layouts/<kind>.html, each
// defining "main", which layouts/base.html shows (see checkPageLayout).
var pageKinds = []string{"home", "postmortem", "postmortems", "terms", "term", "actions", "owners", "search", "404", "page"}

// loadTemplates parses layouts/base.html and layouts/partials.html once,
// then one clone per page kind with that kind's file added.
func loadTemplates(theme fs.FS, tr *translator) (map[string]*template.Template, error) {
	if err := checkMarkers(theme); err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		// table bundles the arguments of the "pmtable" and "actiontable"
		// partials.
		"table": func(id, caption string, rows table, compact bool) tableArgs {
			t := tableArgs{ID: id, Caption: caption, Rows: rows, Compact: compact, Priority: rows.Priority, Kind: rows.Kind, Tracker: rows.Tracker, Owner: rows.Owner,
				AsOf: rows.AsOf, AgeTemplate: rows.AgeTemplate, AgeTemplateOne: rows.AgeTemplateOne}
			if rows.Len > listPageSize {
				t.PageSize = listPageSize
			}
			return t
		},
		// overdueOnly makes a table of action items built on the day
		// asOf show only the overdue ones, by the reader's clock, under
		// the caption template captionTemplate. Such a table is not
		// paged: which rows show is the reader's clock's call.
		"overdueOnly": func(asOf, captionTemplate string, t tableArgs) tableArgs {
			t.OverdueOnly, t.CaptionTemplate, t.AsOf, t.PageSize = true, captionTemplate, asOf, 0
			return t
		},
		// dir is "rtl" for the language tag of a language written right
		// to left (ar, he, fa, ur…), else "": with lang= on a page's
		// title and text, dir= lays them out from the right (QA 18 C-F1;
		// the W3C's rule: set dir wherever lang names such a language).
		"dir": textDir,
		// slot is a placeholder for the reader's value in a template
		// filled by a script: t "key" (slot "n") writes "{n}" for the
		// key's %d.
		"slot": func(name string) slot { return slot(name) },
		// t returns the UI string for key; with arguments it is a format.
		"t": func(key string, args ...any) (string, error) {
			v, ok := tr.strings[key]
			if !ok {
				return "", fmt.Errorf("i18n/%s.json lacks %q", tr.lang, key)
			}
			if len(args) > 0 {
				return fmt.Sprintf(tr.plural(key, v, args), args...), nil
			}
			return v, nil
		},
	}
	// parseIn parses layouts/name of fsys into t; own says that the file
	// is the site's theme folder's, whose errors name it as its user
	// opens it.
	parseIn := func(t *template.Template, fsys fs.FS, name string, own bool) error {
		src, err := fs.ReadFile(fsys, "layouts/"+name)
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		if t.Name() != name {
			// New with the set's own name would detach the set's funcs.
			t = t.New(name)
		}
		text := string(src)
		if own {
			text = upgradeLayout(name, text)
		} else {
			text = tr.localise(text)
		}
		if _, err := t.Parse(text); err != nil {
			if own {
				return parseError(theme, name, err)
			}
			return fmt.Errorf("theme: %w", err)
		}
		return nil
	}
	// base.html and partials.html define the templates every page and
	// fragment may call. They are parsed layer by layer, the built-in
	// theme's first (see themes.Overlay): a site's copy of either
	// redefines the templates it holds, and one copied from an older pmkb
	// gets the templates added since (a fragment a newer default page
	// shows) from the built-in theme instead of failing the build. The
	// site's files come after both built-in ones, so that a template the
	// site's base.html defines replaces the built-in partials.html's too.
	base := template.New("base.html").Funcs(funcs)
	layers := themes.Layers(theme)
	found := map[string]bool{}
	var ownDefs [2]map[string]int // the site's base.html's and partials.html's templates
	for i := len(layers) - 1; i >= 0; i-- {
		own := i == 0 && len(layers) > 1
		for j, name := range []string{"base.html", "partials.html"} {
			if _, err := fs.Stat(layers[i], "layouts/"+name); errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err := parseIn(base, layers[i], name, own); err != nil {
				return nil, err
			}
			found[name] = true
			if own {
				ownDefs[j] = defines(layers[i], name)
			}
		}
	}
	for _, name := range []string{"base.html", "partials.html"} {
		if !found[name] {
			return nil, fmt.Errorf("theme: layouts/%s: %w", name, fs.ErrNotExist)
		}
	}
	// A template both of the site's files define is the partials.html
	// one: the base.html one would be ignored without a word.
	for _, n := range slices.Sorted(maps.Keys(ownDefs[0])) {
		if _, ok := ownDefs[1][n]; ok {
			return nil, &ThemeError{Path: themes.FilePath(theme, "layouts/base.html"), Line: ownDefs[0][n],
				Msg: fmt.Sprintf("defines %q, which %s defines too; the partials.html one would be used: keep one", n, themes.FilePath(theme, "layouts/partials.html"))}
		}
	}
	out := make(map[string]*template.Template, len(pageKinds)+1)
	for _, k := range pageKinds {
		c, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		name := k + ".html"
		own := ownFile(theme, "layouts/"+name)
		if err := parseIn(c, theme, name, own); err != nil {
			return nil, err
		}
		if own {
			if err := checkPageDefines(theme, name, c); err != nil {
				return nil, err
			}
			if err := checkPageLayout(theme, name, c); err != nil {
				return nil, err
			}
		}
		out[k] = c
	}
	// The fragments execute in the uncloned set; html/template forbids
	// cloning a set once executed, so this comes after the clones.
	out[partialsKey] = base
	return out, nil
}

// staticFiles returns every file under the theme's static/ folder, at its
// path relative to static/ (so static/assets/pmkb.css is assets/pmkb.css).
// The built-in theme's scripts and stylesheets are minified; a file of the
// site's own theme folder is published as its author wrote it.
// minifiedCache holds the last minified form of each built-in static file
// by its path, with the hash of what it was made from.
var minifiedCache sync.Map // path -> minifiedEntry

type minifiedEntry struct {
	sum  [sha256.Size]byte
	data []byte
}

// minified is minify.File of the built-in static file p holding data, made
// once per content: since every page links its assets by a hash of them
// (assetVersions), pmkb serve's quick update of one page reads them, and
// minifying search.js again on each edit took it from ~11 to ~19 ms at
// 1,000 postmortems (BenchmarkServeEdit1k).
func minified(p string, data []byte) ([]byte, error) {
	sum := sha256.Sum256(data)
	if e, ok := minifiedCache.Load(p); ok && e.(minifiedEntry).sum == sum {
		return e.(minifiedEntry).data, nil
	}
	out, err := minify.File(p, data)
	if err != nil {
		return nil, err
	}
	minifiedCache.Store(p, minifiedEntry{sum, out})
	return out, nil
}

func staticFiles(theme fs.FS) ([]output.File, error) {
	var files []output.File
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		if minify.Minifies(p) && !ownFile(theme, p) {
			if data, err = minified(p, data); err != nil {
				return err
			}
		}
		files = append(files, output.File{Path: strings.TrimPrefix(p, "static/"), Data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("theme static files: %w", err)
	}
	slices.SortFunc(files, func(a, b output.File) int { return strings.Compare(a.Path, b.Path) })
	for _, f := range files {
		if path.Clean(f.Path) != f.Path || strings.HasPrefix(f.Path, "../") {
			return nil, fmt.Errorf("theme static file %q has an unusable path", f.Path)
		}
	}
	return files, nil
}
