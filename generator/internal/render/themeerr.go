package render

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/themes"
)

// ThemeError is a problem of a file of the site's theme folder (the top
// layer of a theme made by themes.Overlay), named as its user opens it:
// "../th/layouts/partials.html:12: message". Its message says all; a
// caller passes it on without naming its own stage (see AsThemeError).
type ThemeError struct {
	Path string // themes.FilePath of the file
	Line int    // from 1; 0 when the problem has no line
	Msg  string
	Err  error // the cause, or nil
}

// Error is the problem as "path:line: message", or "path: message" when it
// has no line.
func (e *ThemeError) Error() string {
	if e.Line > 0 {
		return e.Path + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Unwrap returns the cause, or nil.
func (e *ThemeError) Unwrap() error { return e.Err }

// AsThemeError returns the ThemeError err holds, without the stages that
// wrapped it, or else err as it is.
func AsThemeError(err error) error {
	var te *ThemeError
	if errors.As(err, &te) {
		return te
	}
	return err
}

// ownFile reports whether the site's theme folder, laid over the built-in
// theme, has the file name ("layouts/partials.html").
func ownFile(theme fs.FS, name string) bool {
	layers := themes.Layers(theme)
	if len(layers) < 2 {
		return false
	}
	_, err := fs.Stat(layers[0], name)
	return err == nil
}

// layoutHint is the advice given with an error msg in layouts/name of
// the site's theme folder, or "" when the message says all (a syntax
// error, an index out of range). A name this version lacks (a field, a
// function, a template) is the usual trouble of a layout copied from an
// older pmkb; a field the template's data lacks is as often one that
// template never had (.Root in "site-header" before it got one, a page's
// field read in a fragment), so the advice for it does not blame an older
// pmkb alone.
func layoutHint(name, msg string) string {
	switch {
	case strings.Contains(msg, "can't evaluate field "):
		return fmt.Sprintf("layouts/%s is the theme folder's own: this version does not give that template that field; each template gets its own data, so the field may be another template's, or one an older pmkb had if the layout was copied from one; compare it with this version's themes/default/layouts/%s", name, name)
	case strings.HasSuffix(msg, " not defined"), // a function or a template
		strings.Contains(msg, "no such template "):
		return fmt.Sprintf("layouts/%s is the theme folder's own: if it was copied from an older pmkb, it may use a name this version no longer has; compare it with this version's themes/default/layouts/%s", name, name)
	case typeMismatch(msg):
		return fmt.Sprintf("layouts/%s is the theme folder's own: a value is not of the type the layout uses it as; if it was copied from an older pmkb, a field may have changed type since; compare it with this version's themes/default/layouts/%s", name, name)
	}
	return ""
}

// typeMismatches are the words of text/template's errors of a value used
// as another type: a list ranged over that is a number, a string passed
// where a list goes (QA 16 D-F1: before, these got no advice, although a
// field of an older pmkb that changed type gives them).
var typeMismatches = []string{"range can't iterate over ", "wrong type for value", "can't index ", "cannot index ",
	"incompatible types for comparison", "invalid type for comparison", "can't give argument to non-function", "len of type "}

// typeMismatch reports whether msg is an error of a value used as
// another type.
func typeMismatch(msg string) bool {
	for _, w := range typeMismatches {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

// withHint is msg with the advice for it, in brackets, when there is any,
// and, for a field a template's data lacks, the fields it has.
func withHint(name, msg string) string {
	if h := layoutHint(name, msg); h != "" {
		msg += " (" + h + ")"
	}
	if f := dataFields(msg); f != "" {
		msg += " (" + f + ")"
	}
	return msg
}

// viewTypes are the types of the data the templates get, by the name an
// error of text/template gives them.
var viewTypes = func() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for _, v := range []any{page{}, homeMain{}, postmortemsMain{}, postmortemMain{}, termsMain{}, termMain{}, actionsMain{},
		ownersMain{}, searchMain{}, notFoundMain{}, extraMain{}, extraSection{}, extraTable{}, headerData{}, footerView{}, headView{},
		tableArgs{}, table{}, pmRow{}, actionRow{}, actionCells{}, pmCounts{}, pmLinkView{}, refHeadView{}, docStatus{}, pmHow{},
		labelled{}, sevView{}, termLink{}, termRow{}, ownerRow{}, option{}, moment{}, repeatView{}, openView{}, chainView{},
		termFiguresView{}, openItemView{}, openState{}, yearCount{}, sevCount{}, navItem{}, feedLink{}, Figure{}} {
		t := reflect.TypeOf(v)
		out[t.String()] = t
	}
	return out
}()

// dataFields lists the fields and methods a template's data has, for
// msg, the error of a field it lacks ("can't evaluate field Id in type
// render.postmortemMain"), or "" (QA 16 D-F7: the error named the type,
// which a theme's author cannot look up).
func dataFields(msg string) string {
	_, rest, ok := strings.Cut(msg, "can't evaluate field ")
	if !ok {
		return ""
	}
	_, typ, ok := strings.Cut(rest, " in type ")
	if !ok {
		return ""
	}
	typ, _, _ = strings.Cut(typ, " ")
	t, ok := viewTypes[strings.TrimPrefix(typ, "*")]
	if !ok {
		return ""
	}
	var names []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			names = append(names, "."+f.Name)
		}
	}
	for i := range t.NumMethod() {
		names = append(names, "."+t.Method(i).Name)
	}
	if len(names) == 0 {
		return ""
	}
	return "that template's data has " + strings.Join(names, ", ")
}

// parseError is the error of a layout of the site's theme folder that
// does not parse ("template: partials.html:3: unexpected EOF"), at its
// line.
func parseError(theme fs.FS, name string, err error) error {
	e := &ThemeError{Path: themes.FilePath(theme, "layouts/"+name), Msg: err.Error(), Err: err}
	if file, line, msg, ok := splitLocation(strings.TrimPrefix(err.Error(), "template: ")); ok && file == name {
		e.Line, e.Msg = line, msg
	}
	e.Msg = withHint(name, e.Msg)
	return e
}

// themeError turns the error of a template executed from a layout of the
// site's theme folder into a ThemeError at the layout's line, with the
// advice for a layout copied from an older pmkb. A ThemeError found on
// the way (from put) is returned without the stages that wrapped it;
// other errors are returned as they are.
func themeError(theme fs.FS, err error) error {
	var te *ThemeError
	if errors.As(err, &te) {
		return te
	}
	var (
		file, msg, tmpl string
		line            int
		ok              bool
		exec            texttemplate.ExecError
		esc             *template.Error
	)
	switch {
	case errors.As(err, &exec):
		// "template: partials.html:12:3: executing "tag" at <.Nope>: …"
		file, line, msg, ok = splitLocation(strings.TrimPrefix(exec.Error(), "template: "))
		tmpl = exec.Name
	case errors.As(err, &esc):
		// "html/template:partials.html:12:3: … ends in a non-text context"
		file, line, msg, ok = splitLocation(strings.TrimPrefix(esc.Error(), "html/template:"))
		tmpl = esc.Name
	}
	if !ok && esc != nil {
		// "html/template:base.html: ends in a non-text context": no line.
		file, _, _ = strings.Cut(strings.TrimPrefix(esc.Error(), "html/template:"), ":")
		return pageLayoutError(theme, err, file)
	}
	if !ok || !strings.HasSuffix(file, ".html") || !ownFile(theme, "layouts/"+file) {
		return pageLayoutError(theme, err, file)
	}
	// base.html and partials.html are the built-in theme's and the site's
	// together: the template that failed is the site's when its file
	// defines it.
	if (file == "base.html" || file == "partials.html") && tmpl != file {
		if _, ok := defines(themes.Layers(theme)[0], file)[tmpl]; !ok {
			return pageLayoutError(theme, err, file)
		}
	}
	msg = withHint(file, msg)
	// The page it failed on, and the postmortem that page shows: a
	// layout may fail on one postmortem of thousands.
	var pe *pageError
	if errors.As(err, &pe) {
		msg += " (on " + pe.Page
		if pe.Source != "" {
			msg += ", from " + pe.Source
		}
		msg += ")"
	}
	return &ThemeError{Path: themes.FilePath(theme, "layouts/"+file), Line: line, Msg: msg, Err: err}
}

// pageLayoutError is err, met in a built-in template (of file) on a page
// whose layout is the site's theme folder's own, as a ThemeError naming
// that layout: its "main" passed a partial the wrong data, or left an
// element, attribute or script open, which html/template reports at the
// built-in base.html (QA 16 D-F10: before, the theme's file was not
// named). Other errors are returned as they are.
func pageLayoutError(theme fs.FS, err error, file string) error {
	var pe *pageError
	if !errors.As(err, &pe) || pe.Kind == "" || !ownFile(theme, "layouts/"+pe.Kind+".html") {
		return err
	}
	name := pe.Kind + ".html"
	msg := pe.Err.Error()
	var esc *template.Error
	if errors.As(err, &esc) && esc.ErrorCode == template.ErrEndContext {
		msg += fmt.Sprintf(` (the "main" of layouts/%s, which base.html shows, must end in the context it begins in: is an element, an attribute value, a comment or a script left open?)`, name)
	} else {
		msg += fmt.Sprintf(" (the error is in the built-in %s, on a page of the theme folder's layouts/%s: check the data it passes to the templates it calls; compare it with this version's themes/default/layouts/%s)", cmp.Or(file, "theme"), name, name)
	}
	msg += " (on " + pe.Page
	if pe.Source != "" {
		msg += ", from " + pe.Source
	}
	msg += ")"
	return &ThemeError{Path: themes.FilePath(theme, "layouts/"+name), Msg: msg, Err: err}
}

// splitLocation splits "partials.html:12:3: message" (the column is
// optional) into the file, the line and the message.
func splitLocation(s string) (file string, line int, msg string, ok bool) {
	file, rest, ok := strings.Cut(s, ":")
	if !ok {
		return "", 0, "", false
	}
	loc, msg, ok := strings.Cut(rest, ": ")
	if !ok {
		return "", 0, "", false
	}
	num, _, _ := strings.Cut(loc, ":") // a column, when there is one, is dropped
	line, err := strconv.Atoi(num)
	if err != nil || line < 1 {
		return "", 0, "", false
	}
	return file, line, msg, true
}

// defines returns the templates that layouts/name of fsys defines, each
// with its line; nil when the file cannot be read or parsed (parsing it
// for the pages reports that).
func defines(fsys fs.FS, name string) map[string]int {
	src, err := fs.ReadFile(fsys, "layouts/"+name)
	if err != nil {
		return nil
	}
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(string(src), "", "", trees); err != nil {
		return nil
	}
	out := make(map[string]int, len(trees))
	for n, tree := range trees {
		if n == name || tree.Root == nil {
			continue
		}
		loc, _ := tree.ErrorContext(tree.Root)
		_, line, _, _ := splitLocation(loc + ": ")
		out[n] = line
	}
	return out
}

// checkPageDefines reports a template that layouts/name, a page layout of
// the site's theme folder, defines although pages show it from
// layouts/partials.html (a fragment, the site header) and no template of
// the page's set t calls it: the page's copy would be ignored without a
// word. A copy the page calls itself (a helper named "link" in its
// heading, "sev" in its own table) is used there and is fine.
func checkPageDefines(theme fs.FS, name string, t *template.Template) error {
	defs := defines(themes.Layers(theme)[0], name)
	var called map[string]bool
	for _, n := range slices.Sorted(maps.Keys(defs)) {
		if n != "site-header" && !slices.Contains(fragTemplates[:], n) {
			continue
		}
		if called == nil {
			called = calledTemplates(t)
		}
		if !called[n] {
			return &ThemeError{Path: themes.FilePath(theme, "layouts/"+name), Line: defs[n],
				Msg: fmt.Sprintf("defines %q, which every page shows from layouts/partials.html and this page does not call, so this one would not be used: define it in the theme folder's layouts/partials.html", n)}
		}
	}
	return nil
}

// checkPageLayout reports a page layout of the site's theme folder,
// layouts/name, that would not show what its author wrote: one that does
// not define "main" (base.html shows the page's "main"; before, the error
// named the built-in base.html), one with text outside its {{define}}s,
// which no page shows, and a template it defines that no template of the
// page's set t calls, as a "head" (this version's base.html has no such
// slot: a page's additions to <head> go in the theme's base.html) (QA 16
// D-F10).
func checkPageLayout(theme fs.FS, name string, t *template.Template) error {
	own := themes.Layers(theme)[0]
	path := themes.FilePath(theme, "layouts/"+name)
	src, err := fs.ReadFile(own, "layouts/"+name)
	if err != nil {
		return nil
	}
	pt := parse.New(name)
	pt.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := pt.Parse(string(src), "", "", trees); err != nil {
		return nil // parsing it for the pages reports that
	}
	defs := defines(own, name)
	if _, ok := defs["main"]; !ok {
		return &ThemeError{Path: path, Line: 1, Msg: `defines no "main": a page layout holds {{define "main"}}…{{end}}, which layouts/base.html shows inside <main>`}
	}
	if top := trees[name]; top != nil && top.Root != nil {
		for _, n := range top.Root.Nodes {
			// A byte-order mark, which some Windows editors start a
			// file with, is no text of the file's (review 16: before,
			// it failed the build, which an older pmkb did not).
			if tn, ok := n.(*parse.TextNode); ok && len(bytes.TrimSpace(bytes.TrimPrefix(tn.Text, utf8BOM))) > 0 {
				return &ThemeError{Path: path, Line: 1 + strings.Count(string(src[:tn.Pos]), "\n"),
					Msg: `text outside {{define "main"}}…{{end}} is shown on no page: a page layout defines "main", which layouts/base.html shows inside <main>`}
			}
			if _, ok := n.(*parse.TextNode); !ok {
				if _, ok := n.(*parse.CommentNode); !ok {
					return &ThemeError{Path: path, Line: 1 + strings.Count(string(src[:min(int(n.Position()), len(src))]), "\n"),
						Msg: `an action outside {{define "main"}}…{{end}} is executed on no page: a page layout defines "main", which layouts/base.html shows inside <main>`}
				}
			}
		}
	}
	called := calledTemplates(t)
	for _, n := range slices.Sorted(maps.Keys(defs)) {
		if n == "main" || called[n] {
			continue
		}
		msg := fmt.Sprintf("defines %q, which no template calls, so no page shows it", n)
		if n == "head" {
			msg += `: this version's layouts/base.html has no "head" slot; put what a page adds to <head> in the theme folder's layouts/base.html`
		}
		return &ThemeError{Path: path, Line: defs[n], Msg: msg}
	}
	return nil
}

// calledTemplates returns the names that the templates of t call with
// {{template "name"}}.
func calledTemplates(t *template.Template) map[string]bool {
	called := map[string]bool{}
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.TemplateNode:
			called[n.Name] = true
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			walk(tt.Tree.Root)
		}
	}
	return called
}

// ownStatic returns the paths under static/ of the site's theme folder,
// relative to static/ (the site paths they are published at).
func ownStatic(theme fs.FS) map[string]bool {
	layers := themes.Layers(theme)
	if len(layers) < 2 {
		return nil
	}
	own := map[string]bool{}
	// A folder that cannot be read is reported by staticFiles.
	_ = fs.WalkDir(layers[0], "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			own[strings.TrimPrefix(p, "static/")] = true
		}
		return nil
	})
	return own
}

// staticClash is the error of a file of the theme folder's static/ at
// site path static that would replace the file the site makes at site
// path made (the same path, or one the static file stands in the way of).
func staticClash(theme fs.FS, static, made string) error {
	msg := fmt.Sprintf("the site makes its own /%s, which a theme's static/ file cannot replace", made)
	switch {
	case static != made && strings.HasPrefix(made, static+"/"):
		msg = fmt.Sprintf("the site makes /%s, so /%s must be a folder, not a theme's static/ file", made, static)
	case static != made:
		msg = fmt.Sprintf("the site makes its own /%s, so it cannot be a folder of the theme's static/", made)
	}
	if strings.HasSuffix(made, ".html") {
		msg += " (change a page with the theme's layouts/)"
	}
	return &ThemeError{Path: themes.FilePath(theme, "static/"+static), Msg: msg}
}

// GuardStatic returns put checking every file against the static/ files
// of the site's theme folder: a file of the site at the path of one (or
// at a path one stands in the way of) is an error naming the theme's file
// (staticClash), instead of a path given twice, which the folder it is
// written to could only report without the cause. Every part of a build
// (pages, search index, exports) puts its files through it; with no
// static/ files of the site's own, put is returned as it is.
func GuardStatic(theme fs.FS, put func(output.File) error) func(output.File) error {
	own := ownStatic(theme)
	if len(own) == 0 {
		return put
	}
	// Each folder holding a static file: the first of its files by path,
	// so that every build names the same one (QA 15 C-F6).
	dirs := map[string]string{}
	for _, p := range slices.Sorted(maps.Keys(own)) {
		for i := range len(p) {
			if _, named := dirs[p[:i]]; p[i] == '/' && !named {
				dirs[p[:i]] = p
			}
		}
	}
	var (
		mu   sync.Mutex
		seen = map[string]bool{}
	)
	return func(f output.File) error {
		if own[f.Path] {
			mu.Lock()
			twice := seen[f.Path]
			seen[f.Path] = true
			mu.Unlock()
			if twice {
				return staticClash(theme, f.Path, f.Path)
			}
			return put(f)
		}
		if s, ok := dirs[f.Path]; ok {
			return staticClash(theme, s, f.Path)
		}
		for i := range len(f.Path) {
			if f.Path[i] == '/' && own[f.Path[:i]] {
				return staticClash(theme, f.Path[:i], f.Path)
			}
		}
		return put(f)
	}
}

// markerUse is a list marker met in the text of a layout: its name (or
// number, as written), its line, the template that holds it and whether
// it stands inside a tag or an attribute value.
type markerUse struct {
	name   string
	attrs  bool // a pmkb-attrs marker, which stands among a start tag's attributes
	header bool // <pmkb-header></pmkb-header>
	line   int
	tmpl   string
	inTag  bool
}

// htmlState is where the text of a layout is, as far as markers care.
type htmlState uint8

const (
	htmlText htmlState = iota
	htmlTag
	htmlDoubleQuoted
	htmlSingleQuoted
	htmlComment
)

// layoutScan is what layoutMarkers finds in a layout.
type layoutScan struct {
	uses     []markerUse // the markers, in source order
	bareRefs []int       // the lines of calls of "refs" without a list's name
	// counts holds, for each template the file defines and each name of
	// a marker in it (headerName for the header's), the most markers of
	// that name one execution of the template can meet: the larger of
	// the branches of an {{if}}, a {{range}}'s body once.
	counts map[string]map[string]int
}

// headerName is the name counts gives the header marker.
const headerName = "\x00header"

// layoutMarkers returns the markers the text of layouts/name of fsys
// holds; ok is false when the file cannot be read or parsed (parsing it
// for the pages reports that).
func layoutMarkers(fsys fs.FS, name string) (scan layoutScan, ok bool) {
	raw, err := fs.ReadFile(fsys, "layouts/"+name)
	if err != nil {
		return scan, false
	}
	src := []byte(upgradeLayout(name, string(raw)))
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(string(src), "", "", trees); err != nil {
		return scan, false
	}
	scan.counts = map[string]map[string]int{}
	for _, n := range slices.Sorted(maps.Keys(trees)) {
		tree := trees[n]
		if tree.Root == nil {
			continue
		}
		lineOf := func(pos parse.Pos) int { return 1 + strings.Count(string(src[:min(int(pos), len(src))]), "\n") }
		// walk follows node from state st, adding the markers it meets
		// along one path of the template to count.
		var walk func(node parse.Node, st htmlState, count map[string]int) htmlState
		branches := func(list, elseList *parse.ListNode, st htmlState, count map[string]int) htmlState {
			a, b := map[string]int{}, map[string]int{}
			st1 := walk(list, st, a)
			walk(elseList, st, b)
			for k, v := range a {
				count[k] += max(v, b[k])
			}
			for k, v := range b {
				if _, ok := a[k]; !ok {
					count[k] += v
				}
			}
			return st1
		}
		walk = func(node parse.Node, st htmlState, count map[string]int) htmlState {
			switch node := node.(type) {
			case *parse.ListNode:
				if node != nil {
					for _, c := range node.Nodes {
						st = walk(c, st, count)
					}
				}
			case *parse.TextNode:
				st = scanText(node.Text, st, func(off int, u markerUse) {
					u.line, u.tmpl = lineOf(node.Pos+parse.Pos(off)), n
					scan.uses = append(scan.uses, u)
					switch {
					case u.header:
						count[headerName]++
					case u.name != "" && !isNumber(u.name):
						count[u.name]++
					}
				})
			case *parse.IfNode:
				st = branches(node.List, node.ElseList, st, count)
			case *parse.RangeNode:
				st = branches(node.List, node.ElseList, st, count)
			case *parse.WithNode:
				st = branches(node.List, node.ElseList, st, count)
			case *parse.TemplateNode:
				if node.Name == "refs" && node.Pipe == nil {
					scan.bareRefs = append(scan.bareRefs, lineOf(node.Pos))
				}
			}
			return st
		}
		count := map[string]int{}
		walk(tree.Root, htmlText, count)
		scan.counts[n] = count
	}
	slices.SortStableFunc(scan.uses, func(a, b markerUse) int { return a.line - b.line })
	slices.Sort(scan.bareRefs)
	return scan, true
}

// refsGuards are the fields of a postmortem page whose {{if}} guarded
// each list of references in a layout of an older pmkb, with the marker
// of that list.
var refsGuards = map[string]string{"Related": "related", "Backlinks": "backlinks", "Similar": "similar"}

// upgradeLayout returns src, the source of layouts/name of the site's
// theme folder, with what an older pmkb's layout wrote that this version
// says otherwise written as this version has it, lines where they were:
//
//   - {{if .Commander}} of a postmortem.html as {{if .HasCommander}}
//     (renamedFlags; QA 16 D-F1);
//   - a {{template "refs"}} without a list's name inside {{if .Related}},
//     {{if .Backlinks}} or {{if .Similar}} (or {{with …}} of them) with
//     that list's name, the marker "refs" of a "refs" template as the
//     name it is given, data-n="{{.}}", and the marker "chain" directly
//     inside {{range .Chains}} as the chain's own, data-n="{{.N}}", so
//     that a copy shows each list under its own heading, whatever order
//     its blocks are in and whichever it skips (QA 16 D-F2: each list was
//     spliced into the next marker of its name by position).
//
// A call or marker outside such an {{if}} or {{range}} is left for
// checkMarkers to report. src is returned as it is when it does not
// parse (parsing it for the pages reports that).
func upgradeLayout(name, src string) string {
	if !strings.Contains(src, `"refs"`) && !strings.Contains(src, `data-n="chain"`) && name != "postmortem.html" {
		return src
	}
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(src, "", "", trees); err != nil {
		return src
	}
	type edit struct {
		at, end int // src[at:end] is replaced by with
		with    string
	}
	var edits []edit
	for n, tree := range trees {
		if tree.Root == nil {
			continue
		}
		// replace marks each marker old in the text of node for with.
		replace := func(node *parse.TextNode, old, with string) {
			marker := rowsMarkerStart + old + rowsMarkerEnd
			for off := 0; ; {
				i := bytes.Index(node.Text[off:], []byte(marker))
				if i < 0 {
					break
				}
				at := int(node.Pos) + off + i + len(rowsMarkerStart)
				edits = append(edits, edit{at: at, end: at + len(old), with: with})
				off += i + len(marker)
			}
		}
		// guard is the list an enclosing {{if}} guards; inChains is set
		// directly inside {{range .Chains}}, where dot is a chain.
		var walk func(node parse.Node, guard string, inChains bool)
		walk = func(node parse.Node, guard string, inChains bool) {
			switch node := node.(type) {
			case *parse.ListNode:
				if node != nil {
					for _, c := range node.Nodes {
						walk(c, guard, inChains)
					}
				}
			case *parse.TextNode:
				if n == "refs" {
					replace(node, "refs", "{{.}}")
				}
				if inChains {
					replace(node, "chain", "{{.N}}")
				}
			case *parse.IfNode:
				if f := hasField(node.Pipe); f != nil && name == "postmortem.html" && src[f.Pos] == '.' {
					edits = append(edits, edit{at: int(f.Pos) + 1, end: int(f.Pos) + 1, with: "Has"})
				}
				walk(node.List, cmp.Or(refsGuard(node.Pipe), guard), inChains)
				walk(node.ElseList, guard, inChains)
			case *parse.RangeNode:
				walk(node.List, guard, lastIdent(node.Pipe) == "Chains")
				walk(node.ElseList, guard, inChains)
			case *parse.WithNode:
				walk(node.List, cmp.Or(refsGuard(node.Pipe), guard), false)
				walk(node.ElseList, guard, inChains)
			case *parse.TemplateNode:
				if node.Name != "refs" || node.Pipe != nil || guard == "" {
					return
				}
				// node.Pos is at the word "template": the name follows.
				rest := src[node.Pos:]
				q := strings.IndexAny(rest, "\"`")
				if q < 0 || !strings.HasPrefix(rest[q+1:], "refs") {
					return
				}
				at := int(node.Pos) + q + 1 + len("refs") + 1
				edits = append(edits, edit{at: at, end: at, with: ` "` + guard + `"`})
			}
		}
		walk(tree.Root, "", false)
	}
	if len(edits) == 0 {
		return src
	}
	slices.SortFunc(edits, func(a, b edit) int { return b.at - a.at })
	for _, e := range edits {
		src = src[:e.at] + e.with + src[e.end:]
	}
	return src
}

// renamedFlags are the fields of a postmortem page an older pmkb's
// layout tested with {{if}}, which this version names Has…: the
// condition means the same, so {{if .Commander}} is upgraded to {{if
// .HasCommander}}, while a layout printing {{.Commander}} still fails
// (QA 16 D-F1).
var renamedFlags = map[string]bool{"Teams": true, "Commander": true, "Authors": true, "Tags": true}

// hasField is the field an {{if}} of pipe tests when it is one of
// renamedFlags written as .Name, else nil.
func hasField(pipe *parse.PipeNode) *parse.FieldNode {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return nil
	}
	if f, ok := pipe.Cmds[0].Args[0].(*parse.FieldNode); ok && len(f.Ident) == 1 && renamedFlags[f.Ident[0]] {
		return f
	}
	return nil
}

// refsGuard is the marker of the list of references an {{if}} of pipe
// guards ({{if .Related}}, {{if $.Main.Similar}}), or "".
func refsGuard(pipe *parse.PipeNode) string {
	return refsGuards[lastIdent(pipe)]
}

// lastIdent is the last name of the field pipe is ("Similar" of
// {{if $.Main.Similar}}), or "" when it is not only a field.
func lastIdent(pipe *parse.PipeNode) string {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return ""
	}
	var ident []string
	switch a := pipe.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		ident = a.Ident
	case *parse.VariableNode:
		ident = a.Ident
	}
	if len(ident) == 0 {
		return ""
	}
	return ident[len(ident)-1]
}

// scanText follows text, a piece of a layout's literal text met in state
// st, calling found with the offset of each marker in it, and returns the
// state at its end.
func scanText(text []byte, st htmlState, found func(off int, u markerUse)) htmlState {
	for i := 0; i < len(text); {
		rest := text[i:]
		switch {
		case st == htmlComment:
			if strings.HasPrefix(string(rest), "-->") {
				st, i = htmlText, i+3
				continue
			}
		case hasPrefix(rest, rowsMarkerStart):
			j := len(rowsMarkerStart)
			k := j
			for k < len(rest) && rest[k] != '"' && rest[k] != '<' && rest[k] != '>' {
				k++
			}
			found(i, markerUse{name: string(rest[j:k]), inTag: st != htmlText})
			if hasPrefix(rest[k:], rowsMarkerEnd) {
				i += k + len(rowsMarkerEnd)
				continue
			}
		case hasPrefix(rest, string(headerMarker)):
			found(i, markerUse{header: true, inTag: st != htmlText})
			i += len(headerMarker)
			continue
		case hasPrefix(rest, attrsMarkerStart):
			j := len(attrsMarkerStart)
			k := j
			for k < len(rest) && rest[k] != '"' {
				k++
			}
			found(i, markerUse{name: string(rest[j:k]), attrs: true, inTag: st != htmlTag})
			if k < len(rest) {
				i += k + 1
				continue
			}
		case st == htmlText && hasPrefix(rest, "<!--"):
			st, i = htmlComment, i+4
			continue
		case st == htmlText && rest[0] == '<' && len(rest) > 1 && (rest[1] == '/' || rest[1] >= 'a' && rest[1] <= 'z' || rest[1] >= 'A' && rest[1] <= 'Z'):
			st = htmlTag
		case st == htmlTag && rest[0] == '>':
			st = htmlText
		case st == htmlTag && rest[0] == '"':
			st = htmlDoubleQuoted
		case st == htmlTag && rest[0] == '\'':
			st = htmlSingleQuoted
		case st == htmlDoubleQuoted && rest[0] == '"', st == htmlSingleQuoted && rest[0] == '\'':
			st = htmlTag
		}
		i++
	}
	return st
}

func hasPrefix(b []byte, s string) bool { return len(b) >= len(s) && string(b[:len(s)]) == s }

// builtinMarkers is what layoutMarkers finds in each layout of the
// built-in theme, by file name.
var builtinMarkers = sync.OnceValue(func() map[string]layoutScan {
	out := map[string]layoutScan{}
	entries, _ := fs.ReadDir(themes.Default(), "layouts")
	for _, e := range entries {
		if scan, ok := layoutMarkers(themes.Default(), e.Name()); ok {
			out[e.Name()] = scan
		}
	}
	return out
})

// knownMarkers are the names of the list markers the built-in theme's
// layouts hold: every list pmkb registers has its marker there.
var knownMarkers = sync.OnceValue(func() map[string]bool {
	known := map[string]bool{}
	for _, scan := range builtinMarkers() {
		for _, u := range scan.uses {
			if !u.header && u.name != "" {
				known[u.name] = true
			}
		}
	}
	return known
})

// renamedMarkers are markers an older pmkb had, with what replaced them.
var renamedMarkers = map[string]string{
	"refs": `each list of a postmortem's page has its own marker in this version, so that moving or deleting one never shows another under its heading: ` +
		`"related", "backlinks" and "similar"; the built-in "refs" template writes the one it is given, {{template "refs" "related"}}`,
	"chain": `each chain of a term page has its own numbered marker in this version, so that skipping one never shows the next under its label: ` +
		`write <pmkb-rows data-n="{{.N}}"></pmkb-rows> inside {{range .Chains}}`,
}

// checkMarkers reports a list marker of a layout of the site's theme
// folder that would show nothing or the wrong list, at its line: one that
// no list of this version has (a typo, or one an older pmkb had,
// renamedMarkers), a call of the "refs" template without the name of the
// list it shows (QA 16 D-F2), a number written in the layout (numbers
// are written by {{.Rows.N}}, one per table of the page), a marker inside
// a tag or an attribute value, the site header's marker in a fragment,
// and more markers of one name in a template than the built-in template
// of that name holds, which would show nothing or take the list meant
// for the next (QA 16 D-F5: before, each of these built with 0 warnings).
func checkMarkers(theme fs.FS) error {
	layers := themes.Layers(theme)
	if len(layers) < 2 {
		return nil
	}
	entries, err := fs.ReadDir(layers[0], "layouts")
	if err != nil {
		return nil
	}
	known := knownMarkers()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".html") {
			continue
		}
		scan, ok := layoutMarkers(layers[0], name)
		if !ok {
			continue
		}
		path := themes.FilePath(theme, "layouts/"+name)
		compare := fmt.Sprintf("; compare it with this version's themes/default/layouts/%s", name)
		if len(scan.bareRefs) > 0 {
			return &ThemeError{Path: path, Line: scan.bareRefs[0], Msg: `{{template "refs"}} without a list's name shows nothing: ` + renamedMarkers["refs"] + compare}
		}
		seen := map[string]map[string]int{}
		for _, u := range scan.uses {
			what := fmt.Sprintf("the marker %q", u.name)
			if u.header {
				what = "the marker <pmkb-header></pmkb-header>"
			} else if u.attrs {
				what = fmt.Sprintf("the marker pmkb-attrs=%q", u.name)
			}
			switch {
			case u.inTag && u.attrs:
				return &ThemeError{Path: path, Line: u.line, Msg: what + " must stand among the attributes of a start tag, after an attribute" + compare}
			case u.inTag:
				return &ThemeError{Path: path, Line: u.line, Msg: what + " stands inside a tag or an attribute value, where its list's HTML would be published as the attribute's text: put it in the text of an element" + compare}
			case u.header && (u.tmpl == "site-header" || slices.Contains(fragTemplates[:], u.tmpl)):
				return &ThemeError{Path: path, Line: u.line, Msg: fmt.Sprintf("%s in %q would be published as it is: the site header is spliced into a page's own output (layouts/base.html), not into a fragment", what, u.tmpl)}
			case u.header:
			case u.name == "":
				// A name written by an action, {{.Rows.N}}.
			case isNumber(u.name):
				return &ThemeError{Path: path, Line: u.line, Msg: what + " is a number written in the layout: a table's marker is written by its template, data-n=\"{{.Rows.N}}\", and a number names whichever list the page registered at it" + compare}
			case !known[u.name]:
				msg := what + " names no list of this version's pages"
				if why, ok := renamedMarkers[u.name]; ok {
					msg += ": " + why
				}
				return &ThemeError{Path: path, Line: u.line, Msg: msg + compare}
			}
			// More markers of a name than the built-in template has:
			// the one past them is reported.
			key := u.name
			if u.header {
				key = headerName
			}
			if key == "" || isNumber(key) {
				continue
			}
			want, ok := builtinMarkers()[name].counts[u.tmpl]
			if !ok || scan.counts[u.tmpl][key] <= want[key] {
				continue
			}
			if seen[u.tmpl] == nil {
				seen[u.tmpl] = map[string]int{}
			}
			seen[u.tmpl][key]++
			if seen[u.tmpl][key] > want[key] {
				times := fmt.Sprintf("which has it %d times", want[key])
				switch want[key] {
				case 0:
					times = "which does not have it"
				case 1:
					times = "which has it once"
				}
				var lines []string
				for _, v := range scan.uses {
					if v.tmpl == u.tmpl && v.name == u.name && v.header == u.header {
						lines = append(lines, strconv.Itoa(v.line))
					}
				}
				return &ThemeError{Path: path, Line: u.line, Msg: fmt.Sprintf("%s stands in %q more often (lines %s) than this version's template, %s: each marker of a name shows the next list of that name, so one of them would show nothing or take the list meant for another%s",
					what, u.tmpl, strings.Join(lines, ", "), times, compare)}
			}
		}
	}
	return nil
}

// isNumber reports whether s is a run of digits.
func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
