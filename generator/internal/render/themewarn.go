package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/themes"
)

// ThemeWarnings returns the files and UI strings of the site's theme
// folder (the top layer of a theme made by themes.Overlay) that the build
// does not use although their author surely meant it to, each a
// ThemeError naming the file, and the line for a UI string, with a
// did-you-mean when one is near:
//
//   - a file of layouts/ that the built-in theme does not have
//     (postmorten.html, or Home.html, which a disk that ignores case uses
//     and any other does not);
//   - a file of i18n/ named as the site's language's in another case
//     (En.json for an "en" site), which is read on one disk and not on
//     another;
//   - a key of the site language's i18n file that no UI string of the
//     built-in theme has ("nav.postmortem" for "nav.postmortems"), unless
//     the folder's own layouts ask for it with {{t "key"}} (a theme's own
//     string) or it is the singular ".one" of a known key.
//
// A file for another language is not warned about: a theme may serve
// sites of several languages. Files that cannot be read or decoded are
// left to the build, which fails on them. Nil when theme has no folder of
// the site's own.
func ThemeWarnings(theme fs.FS, lang string) []*ThemeError {
	layers := themes.Layers(theme)
	if len(layers) < 2 {
		return nil
	}
	own, builtin := layers[0], layers[len(layers)-1]
	if lang == "" {
		lang = "en"
	}
	var out []*ThemeError
	out = append(out, unknownLayouts(theme, own, builtin)...)
	out = append(out, misnamedI18n(theme, own, lang)...)
	out = append(out, unknownStrings(theme, own, builtin, lang)...)
	out = append(out, mismatchedStrings(theme, own, builtin, lang)...)
	out = append(out, pluralTwins(theme, own, builtin, lang)...)
	out = append(out, repeatedKeys(theme, own)...)
	out = append(out, unreadFiles(theme, own)...)
	out = append(out, keptStrings(theme, own, lang)...)
	return out
}

// unreadFiles warns about the files of the folder that the build never
// reads although they look like a theme's: those under archetypes/ (a
// copy of themes/default/ has them, but pmkb new reads the site's
// templates/), those in a sub-folder of layouts/ (a Hugo habit,
// layouts/_default/single.html) or of i18n/, and a file of i18n/ that is
// not .json (QA 16 D-F14).
func unreadFiles(theme, own fs.FS) []*ThemeError {
	var out []*ThemeError
	_ = fs.WalkDir(own, ".", func(p string, d fs.DirEntry, err error) error {
		// An editor's dropping (#en.json#, en.json.tmp, vim's 4913) is
		// no one's mistake: the loader and the dev server's watcher
		// pass over the same names (review 16).
		if err != nil || !d.Type().IsRegular() || source.EditorFile(path.Base(p)) {
			return nil
		}
		dir, _, _ := strings.Cut(p, "/")
		var msg string
		switch {
		case dir == "archetypes":
			msg = "the build does not read a theme's archetypes/: pmkb new writes a postmortem from the site's templates/postmortem.md (templates/postmortem.ja.md for Japanese)"
		case dir == "layouts" && path.Dir(p) != "layouts" && strings.EqualFold(path.Ext(p), ".html"):
			msg = "the build reads only the files at the top of layouts/ (layouts/postmortem.html), not sub-folders"
		case dir == "i18n" && path.Dir(p) != "i18n":
			msg = "the build reads UI strings only from i18n/<lang>.json at the top of i18n/, not sub-folders"
		case dir == "i18n" && path.Ext(p) != ".json":
			msg = "the build reads UI strings only from i18n/<lang>.json (JSON), so not this file"
		default:
			return nil
		}
		out = append(out, &ThemeError{Path: themes.FilePath(theme, p), Msg: msg})
		return nil
	})
	return out
}

// keptKeys are UI strings the built-in theme keeps only for layouts
// copied from an older pmkb, which no page of this version shows, each
// with the string that took its place (TestKeptKeysUnread checks that
// nothing reads them).
var keptKeys = map[string]string{
	"pm.time": "pm.timeIn",
}

// keptStrings warns about a UI string of the folder's i18n/<lang>.json
// that the built-in theme keeps only for older layouts, unless the
// folder's own layouts ask for it: {"pm.time": "Moment"} built with 0
// warnings and no page showed it (QA 16 D-F14).
func keptStrings(theme, own fs.FS, lang string) []*ThemeError {
	name := "i18n/" + lang + ".json"
	data, err := fs.ReadFile(own, name)
	if err != nil {
		return nil
	}
	asked := map[string]bool{}
	for _, f := range fileNames(own, "layouts") {
		if src, err := fs.ReadFile(own, "layouts/"+f); err == nil {
			for _, m := range themeKey.FindAllSubmatch(src, -1) {
				asked[string(m[1])] = true
			}
		}
	}
	// A copy of the built-in file keeps it as it is: no matter.
	var mine, base map[string]string
	_ = json.Unmarshal(bytes.TrimPrefix(data, utf8BOM), &mine)
	if b, err := fs.ReadFile(themes.Default(), name); err == nil {
		_ = json.Unmarshal(b, &base)
	}
	var out []*ThemeError
	for _, k := range jsonKeys(data) {
		if now, ok := keptKeys[k.key]; ok && !asked[k.key] && (mine[k.key] != base[k.key] || base == nil) {
			out = append(out, &ThemeError{Path: themes.FilePath(theme, name), Line: k.line,
				Msg: fmt.Sprintf("no page of this version shows UI string %q (the built-in theme keeps it for layouts copied from an older pmkb): reword %q instead", k.key, now)})
		}
	}
	return out
}

// repeatedKeys warns about a key that a file of the folder's i18n/ holds
// twice, at the second: the last one is used, and the first, which its
// author may be editing, is shown nowhere (QA 16 D-F15).
func repeatedKeys(theme, own fs.FS) []*ThemeError {
	var out []*ThemeError
	for _, f := range fileNames(own, "i18n") {
		if path.Ext(f) != ".json" {
			continue
		}
		data, err := fs.ReadFile(own, "i18n/"+f)
		if err != nil {
			continue
		}
		first := map[string]int{}
		for _, k := range jsonKeys(data) {
			if l, ok := first[k.key]; ok {
				out = append(out, &ThemeError{Path: themes.FilePath(theme, "i18n/"+f), Line: k.line,
					Msg: fmt.Sprintf("UI string %q is given twice, on line %d and here: this one is used and the first is not, so keep one", k.key, l)})
				continue
			}
			first[k.key] = k.line
		}
	}
	return out
}

// fileNames returns the names of the regular files of folder dir of
// fsys, sorted; hidden files (".DS_Store") are left out.
func fileNames(fsys fs.FS, dir string) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names
}

// unknownLayouts warns about the .html files of the folder's layouts/
// that the built-in theme has no layout of.
func unknownLayouts(theme, own, builtin fs.FS) []*ThemeError {
	known := fileNames(builtin, "layouts")
	var out []*ThemeError
	for _, name := range fileNames(own, "layouts") {
		if slices.Contains(known, name) || !strings.EqualFold(path.Ext(name), ".html") {
			continue
		}
		msg := "no such layout, so the build does not use it"
		if near := sameButCase(name, known); near != "" {
			msg += fmt.Sprintf("; did you mean %s? (names are case-sensitive: a disk that ignores case uses it, any other does not)", near)
		} else if near := diag.Suggest(strings.TrimSuffix(name, path.Ext(name)), trimExt(known)); near != "" {
			msg += fmt.Sprintf("; did you mean %s.html?", near)
		} else {
			msg += fmt.Sprintf(" (the layouts are %s)", strings.Join(known, ", "))
		}
		out = append(out, &ThemeError{Path: themes.FilePath(theme, "layouts/"+name), Msg: msg})
	}
	return out
}

// trimExt returns names without their extensions.
func trimExt(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.TrimSuffix(n, path.Ext(n))
	}
	return out
}

// sameButCase returns the name of known that name spells in another
// case, or "".
func sameButCase(name string, known []string) string {
	for _, k := range known {
		if k != name && strings.EqualFold(k, name) {
			return k
		}
	}
	return ""
}

// misnamedI18n warns about a file of the folder's i18n/ that names the
// site's language in another case.
func misnamedI18n(theme, own fs.FS, lang string) []*ThemeError {
	want := lang + ".json"
	var out []*ThemeError
	for _, name := range fileNames(own, "i18n") {
		if name != want && strings.EqualFold(name, want) {
			out = append(out, &ThemeError{Path: themes.FilePath(theme, "i18n/"+name),
				Msg: fmt.Sprintf("the site's language is %q, whose UI strings are read from i18n/%s; did you mean %s? (names are case-sensitive: a disk that ignores case reads it, any other does not)", lang, want, want)})
		}
	}
	return out
}

// themeKey matches a UI string a layout asks for, {{t "key"}} or
// {{t "key" .N}}.
var themeKey = regexp.MustCompile(`\bt\s+"([^"\\]+)"`)

// unknownStrings warns about the keys of the folder's i18n/<lang>.json
// that no UI string of the built-in theme has, at their lines.
func unknownStrings(theme, own, builtin fs.FS, lang string) []*ThemeError {
	name := "i18n/" + lang + ".json"
	data, err := fs.ReadFile(own, name)
	if err != nil {
		return nil
	}
	known := map[string]bool{}
	for _, f := range fileNames(builtin, "i18n") {
		b, err := fs.ReadFile(builtin, "i18n/"+f)
		if err != nil {
			continue
		}
		var m map[string]string
		if json.Unmarshal(b, &m) != nil {
			continue
		}
		for k := range m {
			known[k] = true
		}
	}
	// A theme's own layout may ask for a string of its own.
	for _, f := range fileNames(own, "layouts") {
		if src, err := fs.ReadFile(own, "layouts/"+f); err == nil {
			for _, m := range themeKey.FindAllSubmatch(src, -1) {
				known[string(m[1])] = true
			}
		}
	}
	keys := make([]string, 0, len(known))
	for k := range known {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []*ThemeError
	for _, k := range jsonKeys(data) {
		if known[k.key] || (strings.HasSuffix(k.key, ".one") && known[strings.TrimSuffix(k.key, ".one")]) {
			continue
		}
		msg := fmt.Sprintf("unknown UI string %q, so no page shows it", k.key)
		if near := diag.Suggest(k.key, keys); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		out = append(out, &ThemeError{Path: themes.FilePath(theme, name), Line: k.line, Msg: msg})
	}
	return out
}

// jsonKey is a key of a JSON object and the line it is on.
type jsonKey struct {
	key  string
	line int
}

// jsonKeys returns the keys of the top-level JSON object data, in order,
// with their lines; those before a problem when data does not decode.
func jsonKeys(data []byte) []jsonKey {
	data = bytes.TrimPrefix(data, utf8BOM) // on line 1, as the key after it
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []jsonKey
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return out
		}
		k, ok := t.(string)
		if !ok {
			return out
		}
		out = append(out, jsonKey{key: k, line: lineAt(data, dec.InputOffset()-1)})
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return out
		}
	}
	return out
}

// fmtVerb is a verb of a UI string that is a format: the argument it
// prints (from 1) and its letter. bad is set for a "%" that fmt reads as a
// verb it does not have: "100% を" and "100% when" print "%!を(…)" and
// "%!w(…)hen", and a "%" at the end (verb 0) prints "%!(NOVERB)".
type fmtVerb struct {
	arg  int
	verb rune
	bad  bool
}

// fmtVerbs returns the verbs of format s, and whether it numbers an
// argument ("%[2]s"), which makes fmt accept arguments it does not print.
func fmtVerbs(s string) (verbs []fmtVerb, indexed bool) {
	arg := 1
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		for i < len(s) && strings.IndexByte("+-# 0123456789.*", s[i]) >= 0 {
			i++
		}
		if i < len(s) && s[i] == '[' {
			if j := strings.IndexByte(s[i:], ']'); j > 0 {
				if n, err := strconv.Atoi(s[i+1 : i+j]); err == nil {
					arg, indexed = n, true
				}
				i += j + 1
			}
		}
		if i >= len(s) {
			verbs = append(verbs, fmtVerb{arg: arg, bad: true})
			break
		}
		if s[i] == '%' {
			continue
		}
		if strings.IndexByte(fmtLetters, s[i]) < 0 {
			// "100% を", "100% when": meant as a percent sign, which
			// fmt takes for a verb it lacks, as it takes an argument.
			r, size := utf8.DecodeRuneInString(s[i:])
			verbs = append(verbs, fmtVerb{arg: arg, verb: r, bad: true})
			i += size - 1
			arg++
			continue
		}
		verbs = append(verbs, fmtVerb{arg: arg, verb: rune(s[i])})
		arg++
	}
	return verbs, indexed
}

// fmtLetters are the letters of fmt's verbs.
const fmtLetters = "bcdeEfFgGoOpqstTUvxX"

// slotNames returns the {name} slots of a UI string that a script fills
// ("Showing {shown} of {total}"), sorted.
func slotNames(s string) []string {
	var out []string
	for _, m := range slotName.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	slices.Sort(out)
	return out
}

var slotName = regexp.MustCompile(`\{([a-z]+)\}`)

// describeVerbs lists the verbs of a format as a reader sees them: "%s
// and %d", or "none".
func describeVerbs(verbs []fmtVerb) string {
	if len(verbs) == 0 {
		return "no % verb"
	}
	parts := make([]string, len(verbs))
	for i, v := range verbs {
		parts[i] = "%" + string(v.verb)
	}
	return strings.Join(parts, " and ")
}

// utf8BOM is the byte-order mark some editors start a UTF-8 file with.
var utf8BOM = []byte("\xef\xbb\xbf")

// mismatchedStrings warns about a UI string of the folder's
// i18n/<lang>.json that rewords a built-in one but takes other arguments
// than pmkb gives it: a % verb too few (fmt then appends
// "%!(EXTRA string=2026-11-28)" to every page's footer), too many, or of
// another kind ("%!d(string=…)"), or other {slots} than the script that
// fills it knows ({totl} is shown as it is). The arguments are those the
// built-in strings of the key print, in any of the built-in languages
// (QA 16 D-F6: before, such a string was published with 0 warnings, on
// every page and in the Slack digest).
func mismatchedStrings(theme, own, builtin fs.FS, lang string) []*ThemeError {
	name := "i18n/" + lang + ".json"
	data, err := fs.ReadFile(own, name)
	if err != nil {
		return nil
	}
	var mine map[string]string
	if json.Unmarshal(bytes.TrimPrefix(data, utf8BOM), &mine) != nil {
		return nil
	}
	// The built-in strings of each key: the site's language's first.
	builtins := map[string][]string{}
	files := fileNames(builtin, "i18n")
	slices.SortStableFunc(files, func(a, b string) int {
		switch {
		case a == lang+".json":
			return -1
		case b == lang+".json":
			return 1
		}
		return 0
	})
	for _, f := range files {
		b, err := fs.ReadFile(builtin, "i18n/"+f)
		if err != nil {
			continue
		}
		var m map[string]string
		if json.Unmarshal(b, &m) != nil {
			continue
		}
		for k, v := range m {
			builtins[k] = append(builtins[k], v)
		}
	}
	var out []*ThemeError
	for _, k := range jsonKeys(data) {
		v, ok := mine[k.key]
		ref := builtins[k.key]
		if !ok || len(ref) == 0 {
			continue
		}
		if msg := argsMismatch(v, ref); msg != "" {
			out = append(out, &ThemeError{Path: themes.FilePath(theme, name), Line: k.line,
				Msg: fmt.Sprintf("UI string %q %s (the built-in one is %q)", k.key, msg, ref[0])})
		}
	}
	return out
}

// argsMismatch says how v, a theme's string for a key whose built-in
// strings are ref, takes other arguments than they do, or "".
func argsMismatch(v string, ref []string) string {
	// The arguments pmkb gives: the most any built-in string prints, each
	// of the kind a built-in string prints it as.
	kinds := map[int]rune{}
	n := 0
	for _, r := range ref {
		verbs, _ := fmtVerbs(r)
		for _, vb := range verbs {
			if vb.bad {
				// "100% when" of a string pmkb shows as it is.
				continue
			}
			n = max(n, vb.arg)
			if vb.verb != 'v' {
				kinds[vb.arg] = vb.verb
			}
		}
	}
	if n == 0 {
		// A string pmkb gives no argument is not formatted.
		return slotsMismatch(v, ref)
	}
	want, _ := fmtVerbs(ref[0])
	got, indexed := fmtVerbs(v)
	expect := fmt.Sprintf("takes %s, as the built-in one", describeVerbs(want))
	for _, vb := range got {
		if vb.bad {
			shown := "%!(NOVERB)"
			if vb.verb != 0 {
				shown = "%!" + string(vb.verb) + "(…)"
			}
			return fmt.Sprintf("has a %% that fmt reads as a verb, so pages would show %s: write %%%% for a percent sign; it %s", shown, expect)
		}
	}
	printed := 0
	for _, vb := range got {
		if vb.arg > n {
			return fmt.Sprintf("has %s, one more than pmkb gives it: it %s", describeVerbs(got), expect)
		}
		if k, ok := kinds[vb.arg]; ok && vb.verb != 'v' && vb.verb != k && !(k == 's' && vb.verb == 'q') {
			return fmt.Sprintf("prints argument %d as %%%c where pmkb gives it for %%%c: it %s", vb.arg, vb.verb, k, expect)
		}
		printed = max(printed, vb.arg)
	}
	if !indexed && printed < n {
		return fmt.Sprintf("has %s, fewer than pmkb gives it, so pages would show %%!(EXTRA …): it %s", describeVerbs(got), expect)
	}
	return slotsMismatch(v, ref)
}

// slotsMismatch says how v, a theme's string for a key whose built-in
// strings are ref, has other {slots} than they have, or "".
func slotsMismatch(v string, ref []string) string {
	if ws, gs := slotNames(ref[0]), slotNames(v); len(ws) > 0 && !slices.Equal(ws, gs) {
		return fmt.Sprintf("has the slots {%s} where the script that fills it knows {%s}", strings.Join(gs, "}, {"), strings.Join(ws, "}, {"))
	}
	return ""
}

// pluralTwins warns about a counted UI string of the folder's
// i18n/<lang>.json reworded without its singular, "<key>.one", which
// pmkb shows for a count of one, or the singular without the string:
// {"count.incidents": "%d outages"} gave "2 outages" but "1 incident"
// (QA 16 D-F11).
func pluralTwins(theme, own, builtin fs.FS, lang string) []*ThemeError {
	name := "i18n/" + lang + ".json"
	data, err := fs.ReadFile(own, name)
	if err != nil {
		return nil
	}
	var mine, base map[string]string
	if json.Unmarshal(bytes.TrimPrefix(data, utf8BOM), &mine) != nil {
		return nil
	}
	b, err := fs.ReadFile(builtin, name)
	if err != nil || json.Unmarshal(b, &base) != nil {
		return nil
	}
	var out []*ThemeError
	for _, k := range jsonKeys(data) {
		many, one := k.key, k.key+".one"
		if strings.HasSuffix(k.key, ".one") {
			many, one = strings.TrimSuffix(k.key, ".one"), k.key
		}
		bm, okm := base[many]
		bo, oko := base[one]
		if !okm || !oko {
			continue
		}
		_, mineMany := mine[many]
		_, mineOne := mine[one]
		switch {
		case k.key == many && !mineOne && mine[many] != bm:
			out = append(out, &ThemeError{Path: themes.FilePath(theme, name), Line: k.line,
				Msg: fmt.Sprintf("UI string %q is reworded but its singular %q is not, so a count of one still shows %q: reword %q too", many, one, bo, one)})
		case k.key == one && !mineMany && mine[one] != bo:
			out = append(out, &ThemeError{Path: themes.FilePath(theme, name), Line: k.line,
				Msg: fmt.Sprintf("UI string %q is reworded but %q, which every count but one shows, is not (%q): reword %q too", one, many, bm, many)})
		}
	}
	return out
}
