// Package scaffold writes the skeleton of a new postmortem (`pmkb new`):
// front-matter with every field of the contract, each with a comment, and
// the blameless section skeleton, from a template the site may override.
//
// Templates are text/template files. The theme ships
// archetypes/postmortem.md and archetypes/postmortem.<lang>.md; a site
// overrides them with templates/postmortem.md and
// templates/postmortem.<lang>.md at its root. A template sees
//
//	.Title .ID .Date .Year .Severity .Lang
//
// and the function yaml, which quotes a string for YAML ({{ yaml .Title }}).
// Every spot the writer still has to fill in holds lint.PlaceholderMarker
// ("TODO"), which `pmkb lint` reports once the postmortem is published.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"unicode"

	"github.com/pmkb/pmkb/generator/model"
)

// PostmortemDir is where new postmortems go, one folder per year.
const PostmortemDir = "content/postmortems"

// Options describe the postmortem to create.
type Options struct {
	// Title is the one-line summary; required.
	Title string
	// Lang is the body's language ("en", "ja", …); default "en". A
	// language without a template of its own gets the default template.
	Lang string
	// Severity is written to severity:; default "SEV3".
	Severity string
	// Date is the day the incident started; required (the CLI passes today).
	Date model.Date
}

// templateData is what a template sees.
type templateData struct {
	Title, ID, Date, Severity, Lang string
	Year                            int
}

var langRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// New renders a new postmortem. site is the site root (for template
// overrides and to avoid file names already taken; nil for none) and theme
// the theme root (for archetypes/). It returns the slash-separated path
// content/postmortems/<yyyy>/<yyyy-mm-dd>-<slug>.md, never one that exists
// in site (a collision gets -2, -3, …), and the file's bytes. The caller
// writes it and must still refuse to overwrite.
func New(site fs.FS, theme fs.FS, opts Options) (string, []byte, error) {
	title := strings.Join(strings.Fields(opts.Title), " ")
	if title == "" {
		return "", nil, errors.New("the title is empty; give a one-line summary of the incident")
	}
	if opts.Date.IsZero() {
		return "", nil, errors.New("no date given for the new postmortem")
	}
	lang := strings.ToLower(strings.TrimSpace(opts.Lang))
	if lang == "" {
		lang = "en"
	}
	if !langRE.MatchString(lang) {
		return "", nil, fmt.Errorf("language %q is not a language tag such as \"en\" or \"ja\"", opts.Lang)
	}
	severity := strings.TrimSpace(opts.Severity)
	if severity == "" {
		severity = "SEV3"
	}

	name, src, err := findTemplate(site, theme, lang)
	if err != nil {
		return "", nil, err
	}
	tmpl, err := template.New(name).Option("missingkey=error").
		Funcs(template.FuncMap{"yaml": yamlQuote}).Parse(string(src))
	if err != nil {
		return "", nil, fmt.Errorf("template %s: %w", name, err)
	}

	taken, err := takenIDs(site)
	if err != nil {
		return "", nil, err
	}
	base := opts.Date.String() + "-" + Slug(title)
	id := base
	for n := 2; taken[strings.ToLower(id)]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	file := path.Join(PostmortemDir, fmt.Sprintf("%04d", opts.Date.Year), id+".md")

	var out bytes.Buffer
	err = tmpl.Execute(&out, templateData{
		Title: title, ID: id, Date: opts.Date.String(), Severity: severity, Lang: lang, Year: opts.Date.Year,
	})
	if err != nil {
		return "", nil, fmt.Errorf("template %s: %w", name, err)
	}
	return file, out.Bytes(), nil
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

// takenIDs returns the lower-cased file names (without .md) of every
// postmortem in site: ids are unique across the whole site, whatever the
// folder.
func takenIDs(site fs.FS) (map[string]bool, error) {
	taken := map[string]bool{}
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
			taken[strings.TrimSuffix(name, path.Ext(name))] = true
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

// maxSlugLen bounds the slug part of a file name.
const maxSlugLen = 48

// Slug turns a title into the part of a file name after the date: the
// title's ASCII words when it has any ("TLS証明書の期限切れ" → "tls");
// otherwise its kana in romaji ("キャッシュ サーバー" → "kyasshu-saba"); and
// "incident" when neither gives a usable word (a title in kanji). It is
// lower case, at most 48 characters, cut at a word boundary, never empty.
func Slug(title string) string {
	if s := asciiSlug(title); s != "" {
		return s
	}
	if s := romajiSlug(title); s != "" {
		return s
	}
	return "incident"
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
