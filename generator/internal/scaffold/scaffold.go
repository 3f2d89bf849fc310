// Package scaffold writes the skeleton of a new postmortem (`pmkb new`):
// front-matter with every field of the contract, each with a comment, and
// the blameless section skeleton, from a template the site may override.
//
// Templates are text/template files. The theme ships
// archetypes/postmortem.md and archetypes/postmortem.<lang>.md; a site
// overrides them with templates/postmortem.md and
// templates/postmortem.<lang>.md at its root. A template sees
//
//	.Title .ID .Date .Year .Severity .Lang .Systems .Causes
//	.Zone .TimeZone .Offset
//
// and the function yaml, which quotes a string for YAML ({{ yaml .Title }}).
// Every spot the writer still has to fill in holds lint.PlaceholderMarker
// ("TODO"), which `pmkb lint` reports once the postmortem is published.
package scaffold

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/internal/validate"
	"github.com/pmkb/pmkb/generator/model"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// PostmortemDir is where new postmortems go, one folder per year.
const PostmortemDir = "content/postmortems"

// Options describe the postmortem to create.
type Options struct {
	// Title is the one-line summary; required.
	Title string
	// Lang is the body's language; default SiteLang. It must have a
	// template: "en" (the default template), or a language with a
	// templates/postmortem.<lang>.md in the site or an
	// archetypes/postmortem.<lang>.md in the theme.
	Lang string
	// Severity is written to severity:; it must name one of Severities,
	// by its level or its label, in any case or width, as pmkb stats and
	// search take it ("sev1", "Critical"; the level's own spelling is
	// written). Default "SEV3" when it is a level, else the least severe
	// level.
	Severity string
	// Date is the day the incident started; required (the CLI passes today).
	Date model.Date
	// ID is the new postmortem's id and file name (without .md); default
	// <yyyy-mm-dd>-<SlugFor(Title, the template's language)>.
	ID string

	// SiteLang is the site's language (the config's language); "" is "en".
	SiteLang string
	// Severities are the site's severity levels, worst first; none means
	// model.DefaultSiteConfig's.
	Severities []model.Severity
	// Systems and Causes are the slugs of the site's systems catalog and
	// cause vocabulary, in the config's order, for the template to name
	// (none when the site has no catalog).
	Systems, Causes []string
	// TimeZone is the site's timeZone, in which the body's times are
	// written; nil is UTC.
	TimeZone *time.Location
}

// Result is a new postmortem: where it goes and what it holds.
type Result struct {
	// Path is the slash-separated path of the file in the site,
	// content/postmortems/<yyyy>/<id>.md.
	Path string
	// Data is the file's bytes.
	Data []byte
	// ID is the postmortem's id, the file name without .md.
	ID string
	// Date is the postmortem's date:, the day of its year folder.
	Date model.Date
	// Lang is the language the file was written in.
	Lang string
	// SlugLossy is true when the id was made from the title and keeps
	// little of it: the title is in a script that the slug leaves out
	// ("🔥 障害" on an English site keeps its kanji; "🔥🔥" → "…-incident").
	SlugLossy bool
	// TakenBy is the file that has the id made from the title, when
	// another title gave the same id: ID is then the next free one
	// (…-2, …-3).
	TakenBy string
}

// templateData is what a template sees.
type templateData struct {
	Title, ID, Date string
	Year            int
	Severity, Lang  string
	// Systems and Causes are Options.Systems and Options.Causes.
	Systems, Causes []string
	// Zone names the site's timeZone on the incident's day as a postmortem
	// page heads its timeline ("JST", "CEST", "UTC-03:00", "UTC"),
	// TimeZone is its IANA name ("Asia/Tokyo", "UTC"), and Offset its
	// offset that day in RFC 3339 ("+09:00", "Z").
	Zone, TimeZone, Offset string
}

var (
	langRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
)

// New renders a new postmortem. site is the site root (for template
// overrides and to see the ids already taken; nil for none) and theme the
// theme root (for archetypes/). The id is opts.ID, or made from the date
// and the title by SlugFor in the template's language. An id that is
// already taken in site (by a file of that name in any folder, in any
// case) is an error that names the file and suggests a free id when it
// was given, or when the file that has it has the same title: running
// `pmkb new` twice with one title must not quietly make two postmortems.
// An id made from another title that happens to give the same one takes
// the next free id instead (Result.TakenBy). The caller writes the file
// and must still refuse to overwrite.
func New(site fs.FS, theme fs.FS, opts Options) (Result, error) {
	title := strings.Join(strings.Fields(opts.Title), " ")
	if title == "" {
		return Result{}, errors.New("the title is empty; give a one-line summary of the incident")
	}
	if opts.Date.IsZero() {
		return Result{}, errors.New("no date given for the new postmortem")
	}
	lang := strings.ToLower(strings.TrimSpace(cmp.Or(opts.Lang, opts.SiteLang, "en")))
	if !langRE.MatchString(lang) {
		return Result{}, fmt.Errorf("language %q is not a language tag such as \"en\" or \"ja\"", opts.Lang)
	}
	if langs := templateLangs(site, theme); !slices.Contains(langs, lang) {
		return Result{}, fmt.Errorf("no postmortem template in language %q (there are: %s); a site adds one as templates/postmortem.%s.md",
			lang, strings.Join(langs, ", "), lang)
	}
	severity, err := pickSeverity(opts.Severity, opts.Severities)
	if err != nil {
		return Result{}, err
	}

	name, src, err := findTemplate(site, theme, lang)
	if err != nil {
		return Result{}, err
	}
	tmpl, err := template.New(name).Option("missingkey=error").
		Funcs(template.FuncMap{"yaml": yamlQuote, "commentList": commentList}).Parse(string(src))
	if err != nil {
		return Result{}, fmt.Errorf("template %s: %w", name, err)
	}

	taken, err := takenIDs(site)
	if err != nil {
		return Result{}, err
	}
	id, lossy, derived := strings.TrimSpace(opts.ID), false, false
	if id == "" {
		var slug string
		slug, lossy = SlugFor(title, lang)
		id, derived = opts.Date.String()+"-"+slug, true
	} else if !validate.ValidID(id) || strings.HasSuffix(strings.ToLower(id), ".md") {
		return Result{}, fmt.Errorf("id %q is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit, without .md", id)
	}
	var takenBy string
	if file, ok := taken[strings.ToLower(id)]; ok {
		free := id
		for n := 2; ; n++ {
			free = id + "-" + strconv.Itoa(n)
			if _, ok := taken[strings.ToLower(free)]; !ok {
				break
			}
		}
		if !derived || sameTitle(site, title, id, taken) {
			return Result{}, fmt.Errorf("id %q is taken by %s; to start another postmortem, give it another id: pmkb new --id %s", id, file, free)
		}
		id, takenBy = free, file
	}
	file := path.Join(PostmortemDir, fmt.Sprintf("%04d", opts.Date.Year), id+".md")

	loc := opts.TimeZone
	if loc == nil {
		loc = time.UTC
	}
	noon := time.Date(opts.Date.Year, opts.Date.Month, opts.Date.Day, 12, 0, 0, 0, loc)
	var out bytes.Buffer
	err = tmpl.Execute(&out, templateData{
		Title: title, ID: id, Date: opts.Date.String(), Severity: severity, Lang: lang, Year: opts.Date.Year,
		Systems: opts.Systems, Causes: opts.Causes,
		Zone: model.ZoneLabel(noon), TimeZone: loc.String(), Offset: noon.Format("Z07:00"),
	})
	if err != nil {
		return Result{}, templateError(name, err)
	}
	return Result{Path: file, Data: out.Bytes(), ID: id, Date: opts.Date, Lang: lang, SlugLossy: lossy, TakenBy: takenBy}, nil
}

// unknownField is text/template's error for a field templateData has not.
var unknownField = regexp.MustCompile(`^template: (.*): executing "[^"]*" at <[^>]*>: can't evaluate field (\w+) in type scaffold\.templateData$`)

// templateError is the error of executing the template name: for a field
// a template has not ({{ .Dat }}), where it is, the field meant when one is
// near, and the fields there are, rather than Go's "can't evaluate field
// Dat in type scaffold.templateData" (QA 14 A-F20).
func templateError(name string, err error) error {
	m := unknownField.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("template %s: %w", name, err)
	}
	var fields []string
	for f := range reflect.TypeFor[templateData]().Fields() {
		fields = append(fields, "."+f.Name)
	}
	msg := fmt.Sprintf("template %s: no field .%s", m[1], m[2])
	if near := diag.Suggest("."+m[2], fields); near != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", near)
	}
	return errors.New(msg + "; a template can use " + strings.Join(fields, ", "))
}

// sameTitle reports whether one of the files that have id or id-<n> (a
// postmortem New made before from the same title, and its numbered
// successors) has title as its title: the same `pmkb new` run again.
func sameTitle(site fs.FS, title, id string, taken map[string]string) bool {
	cfg := model.DefaultSiteConfig()
	for n := 1; ; n++ {
		try := id
		if n > 1 {
			try += "-" + strconv.Itoa(n)
		}
		file, ok := taken[strings.ToLower(try)]
		if !ok {
			return false
		}
		data, err := fs.ReadFile(site, file)
		if err != nil {
			continue
		}
		if pm, _ := source.ParseFile(file, data, &cfg); pm != nil && sameText(pm.Title, title) {
			return true
		}
	}
}

// sameText reports whether a and b are one text once compatibility forms
// (full-width letters, half-width kana), case and runs of spaces are
// folded, as validate compares words (validate.Fold).
func sameText(a, b string) bool {
	return validate.Fold(a) == validate.Fold(b)
}

// pickSeverity returns the level of levels that s names, by the level or
// its label, compared as validate.Fold compares an author's words with the
// site's ("sev1", "ＳＥＶ１", "critical" are SEV1), or the default level
// when s is empty. A name of none is an error that lists the levels, with
// the level of a near level or label as did-you-mean ("Critcal", "crit":
// SEV1 ("Critical")) (QA 14 A-F16: lint, stats and search took the label,
// pmkb new refused it without a word of it).
func pickSeverity(s string, levels []model.Severity) (string, error) {
	if len(levels) == 0 {
		levels = model.DefaultSiteConfig().Severities
	}
	s = strings.TrimSpace(s)
	if s == "" {
		for _, l := range levels {
			if l.Level == "SEV3" {
				return l.Level, nil
			}
		}
		return levels[len(levels)-1].Level, nil
	}
	names := make([]string, 0, len(levels))
	for _, l := range levels {
		if validate.Fold(l.Level) == validate.Fold(s) {
			return l.Level, nil
		}
		names = append(names, l.Level)
	}
	byName := map[string]model.Severity{}
	for _, l := range levels {
		if l.Label != "" && validate.Fold(l.Label) == validate.Fold(s) {
			return l.Level, nil
		}
		byName[l.Level] = l
	}
	msg := fmt.Sprintf("severity %q is not one of the site's levels (%s)", s, strings.Join(names, ", "))
	candidates := slices.Clone(names)
	for _, l := range levels {
		if l.Label != "" && l.Label != l.Level {
			candidates = append(candidates, l.Label)
			if _, ok := byName[l.Label]; !ok {
				byName[l.Label] = l
			}
		}
	}
	if near := diag.SuggestOrPrefix(validate.Fold(s), candidates); near != "" {
		l := byName[near]
		if l.Label != "" && l.Label != l.Level {
			msg += fmt.Sprintf("; did you mean %s (%q)?", l.Level, l.Label)
		} else {
			msg += fmt.Sprintf("; did you mean %s?", l.Level)
		}
	}
	return "", errors.New(msg)
}

// templateLangs returns the languages there is a template for, sorted:
// "en", the language of the default template, and every <lang> of a
// site's templates/postmortem.<lang>.md or a theme's
// archetypes/postmortem.<lang>.md.
func templateLangs(site, theme fs.FS) []string {
	langs := []string{"en"}
	for _, c := range []struct {
		fsys fs.FS
		dir  string
	}{{site, "templates"}, {theme, "archetypes"}} {
		if c.fsys == nil {
			continue
		}
		entries, _ := fs.ReadDir(c.fsys, c.dir)
		for _, e := range entries {
			if l, ok := strings.CutPrefix(e.Name(), "postmortem."); ok && !e.IsDir() {
				if l, ok = strings.CutSuffix(l, ".md"); ok && langRE.MatchString(l) {
					langs = append(langs, l)
				}
			}
		}
	}
	slices.Sort(langs)
	return slices.Compact(langs)
}

// findTemplate returns the first template that exists: the site's for the
// language, the theme's for the language, the site's default, the theme's
// default.
func findTemplate(site, theme fs.FS, lang string) (string, []byte, error) {
	type candidate struct {
		fsys fs.FS
		name string
		what string
	}
	var cands []candidate
	if lang != "en" {
		cands = append(cands,
			candidate{site, "templates/postmortem." + lang + ".md", "site"},
			candidate{theme, "archetypes/postmortem." + lang + ".md", "theme"})
	}
	cands = append(cands,
		candidate{site, "templates/postmortem.md", "site"},
		candidate{theme, "archetypes/postmortem.md", "theme"})
	for _, c := range cands {
		if c.fsys == nil {
			continue
		}
		data, err := fs.ReadFile(c.fsys, c.name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", nil, fmt.Errorf("cannot read %s template %s: %w", c.what, c.name, err)
		}
		return c.name, data, nil
	}
	return "", nil, errors.New("no postmortem template: the theme has no archetypes/postmortem.md")
}

// takenIDs maps the lower-cased file name (without .md) of every file
// under content/postmortems in site to its path: ids are unique across the
// whole site, whatever the folder.
func takenIDs(site fs.FS) (map[string]string, error) {
	taken := map[string]string{}
	if site == nil {
		return taken, nil
	}
	err := fs.WalkDir(site, PostmortemDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if !d.IsDir() {
			name := strings.ToLower(d.Name())
			if id := strings.TrimSuffix(name, path.Ext(name)); taken[id] == "" {
				taken[id] = p
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot list %s: %w", PostmortemDir, err)
	}
	return taken, nil
}

// yamlQuote returns s as a YAML double-quoted scalar. Go's quoting escapes
// are a subset of YAML's, so the result reads back as s.
func yamlQuote(s string) string { return strconv.Quote(s) }

// commentList joins names with ", " for a YAML comment line of a
// template: a line break or other control character in a name (a quoted
// key of pmkb.toml may hold one) becomes a space, so no name can end the
// comment and write front matter.
func commentList(names []string) string {
	clean := make([]string, len(names))
	for i, n := range names {
		clean[i] = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u0085' {
				return ' '
			}
			return r
		}, n)
	}
	return strings.Join(clean, ", ")
}

// maxSlugLen bounds the slug part of a file name.
const maxSlugLen = 48

// SlugFor turns a title into the part of a file name after the date for a
// postmortem in language lang. A Japanese postmortem, or a title with
// kanji (which Slug always loses) or whose kana Slug would mostly lose,
// keeps its letters as they are, Japanese ids being valid everywhere
// ("決済障害" → "決済障害", "東京リージョン障害" → "東京リージョン障害",
// "決済APIの証明書期限切れ" → "決済apiの証明書期限切れ"); other titles get
// Slug ("コンテナ" → "kontena"). lossy reports that the slug keeps little
// of the title (Slug fell back to "incident"), when a hint to choose an id
// helps.
func SlugFor(title, lang string) (slug string, lossy bool) {
	if lang == "ja" || lang == "ja-jp" || (model.HasJapanese(title) && (hasKanji(title) || slugLossy(title))) {
		if s := japaneseSlug(title); s != "" {
			return s, false
		}
	}
	return Slug(title), slugLossy(title)
}

// hasKanji reports whether title has a Han letter, which Slug drops.
func hasKanji(title string) bool {
	return strings.IndexFunc(title, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// maxJapaneseSlug bounds a Japanese slug in characters (each is three
// bytes in the file name and nine in a percent-encoded URL).
const maxJapaneseSlug = 32

// japaneseSlug keeps the letters and digits of title, in their plain forms
// (full-width ＡＰＩ → api, half-width ﾃﾞｰﾀ → データ, Latin without
// diacritics, lower case), joining its words with "-", up to
// maxJapaneseSlug characters. The result is a valid id, or "" when the
// title has no letter or digit.
func japaneseSlug(title string) string {
	words := strings.FieldsFunc(strings.ToLower(foldToASCII(title)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	slug := []rune(strings.Join(words, "-"))
	if len(slug) > maxJapaneseSlug {
		cut := maxJapaneseSlug
		// End at a word boundary when that keeps at least half.
		for i := cut; i >= maxJapaneseSlug/2; i-- {
			if slug[i] == '-' {
				cut = i
				break
			}
		}
		slug = slug[:cut]
	}
	if s := strings.TrimRight(string(slug), "-"); validate.ValidID(s) {
		return s
	}
	return ""
}

// Slug turns a title into the part of a file name after the date: the
// title's Latin words when it has any, folded to ASCII ("Löschen der
// Datenbank" → "loschen-der-datenbank", "ＡＰＩ障害" → "api"); otherwise
// its kana in romaji ("キャッシュ サーバー" → "kyasshu-saba"); and "incident"
// when neither gives a usable word (a title in kanji). It is lower case,
// at most 48 characters, cut at a word boundary, never empty.
func Slug(title string) string {
	if s := asciiSlug(foldToASCII(title)); s != "" {
		return s
	}
	if s := romajiSlug(norm.NFKC.String(title)); s != "" {
		return s
	}
	return "incident"
}

// latinLetters spells the Latin letters that have no decomposition into
// an ASCII letter and a mark, as German, Danish, Polish and Icelandic
// titles write them.
var latinLetters = strings.NewReplacer("ß", "ss", "ẞ", "SS", "æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE",
	"ø", "o", "Ø", "O", "ł", "l", "Ł", "L", "đ", "d", "Đ", "D", "þ", "th", "Þ", "TH", "ı", "i")

// foldToASCII writes s's Latin letters without their diacritics (ö → o,
// é → e) and its compatibility characters in their plain form (full-width
// ＡＰＩ → API, ﬁ → fi, half-width ﾃﾞ → デ), with Unicode's decompositions
// (NFKD) and the combining marks dropped but kana's voicing marks; other
// scripts keep their letters.
func foldToASCII(s string) string {
	t := transform.Chain(norm.NFKD, runes.Remove(runes.Predicate(isDroppedMark)), norm.NFC)
	out, _, err := transform.String(t, latinLetters.Replace(s))
	if err != nil {
		return s
	}
	return out
}

// isDroppedMark reports whether foldToASCII drops r: a combining mark,
// but the kana voicing marks (゙ ゚), without which デ would become テ.
func isDroppedMark(r rune) bool {
	return unicode.Is(unicode.Mn, r) && r != '\u3099' && r != '\u309A'
}

// slugLossy reports whether Slug(title) leaves out most of the title's
// letters and digits (or the title has none): they are in kanji, or in a
// script it does not transliterate, so the file name says little.
func slugLossy(title string) bool {
	folded := foldToASCII(title)
	kanaUsed := asciiSlug(folded) == "" && romajiSlug(norm.NFKC.String(title)) != ""
	total, kept := 0, 0
	for _, r := range norm.NFKC.String(folded) {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			continue
		}
		total++
		if r < unicode.MaxASCII || (kanaUsed && isKana(r)) {
			kept++
		}
	}
	return total == 0 || 2*kept < total
}

// asciiSlug joins the ASCII letter-and-digit words of s, if one of them has
// a letter.
func asciiSlug(s string) string {
	var words []string
	letter := false
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	}) {
		words = append(words, w)
		letter = letter || strings.IndexFunc(w, unicode.IsLetter) >= 0
	}
	if !letter {
		return ""
	}
	return joinWords(words)
}

// joinWords joins words with "-" up to maxSlugLen.
func joinWords(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 && b.Len()+1+len(w) > maxSlugLen {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		if len(w) > maxSlugLen {
			w = w[:maxSlugLen]
		}
		b.WriteString(w)
	}
	return b.String()
}
