// Package source reads a knowledge base from an fs.FS: the site
// configuration and every postmortem under content/postmortems/. It is the
// only importer of the front-matter and Markdown libraries. Every problem it
// finds is reported with the file's path and line, and one bad file never
// stops the others from being read.
package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// PostmortemDir is where postmortems live, relative to the site root.
const PostmortemDir = "content/postmortems"

// Parser parses postmortem files. It holds a configured Markdown renderer;
// use one Parser per goroutine.
type Parser struct {
	cfg *model.SiteConfig
	md  *markdown
	// skipBody leaves HTML and Text empty (LoadOptions.SkipBody).
	skipBody bool
	// fm is the reader adrg/frontmatter reads each file through, made once
	// rather than once per file.
	fm *bufio.Reader
	// refs are the references to other files of the content tree that the
	// last body parsed makes, and anchors the ids of its headings, for
	// resolveRefs.
	refs    []localRef
	anchors []string
	// nodes holds the front-matter tree of the file being parsed; no node
	// outlives parse.
	nodes nodePool
}

// draftYAML and draftTOML find a top-level status: draft in front matter
// that does not parse: in YAML a line at column 0, in TOML a line at column
// 0 before the first [table]. JSON has no lines to trust; jsonTopLevel
// finds its "status": "draft" pair instead.
var (
	draftYAML = regexp.MustCompile(`(?m)^status:[ \t]*(?:draft|"draft"|'draft')[ \t]*(?:#.*)?$`)
	draftTOML = regexp.MustCompile(`(?m)\A(?:(?:[ \t]*[^\[\n \t].*)?\n)*status[ \t]*=[ \t]*(?:"draft"|'draft')[ \t]*(?:#.*)?$`)
)

// idYAML and idTOML find a top-level id line, as draftYAML and draftTOML
// find status: draft, in front matter that does not parse; idJSON checks
// the value jsonTopLevel finds.
var (
	idYAML = regexp.MustCompile(`(?m)^id:[ \t]*["']?([\p{L}\p{N}._-]+)["']?[ \t]*(?:#.*)?$`)
	idTOML = regexp.MustCompile(`(?m)\A(?:(?:[ \t]*[^\[\n \t].*)?\n)*id[ \t]*=[ \t]*["']([\p{L}\p{N}._-]+)["'][ \t]*(?:#.*)?$`)
	idJSON = regexp.MustCompile(`^[\p{L}\p{N}._-]+$`)
)

// jsonTopLevel returns the string value of key in JSON front matter that
// does not parse, as draftYAML and idYAML read a line: a "key": "value"
// pair directly inside the outermost { }, found by a scan that skips
// strings and counts brackets, so a pair in a nested object or list does
// not count. A string left open ends at its line's end (JSON strings hold
// no line breaks), so one missing quote does not hide the rest. Escapes
// are not decoded: a key or value written with one does not match.
func jsonTopLevel(data []byte, key string) (string, bool) {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case '"':
			k, closed, end := jsonText(data, i)
			i = end - 1
			if depth != 1 || !closed || k != key {
				continue
			}
			j := skipJSONSpace(data, end)
			if j >= len(data) || data[j] != ':' {
				continue
			}
			j = skipJSONSpace(data, j+1)
			if j < len(data) && data[j] == '"' {
				if v, closed, _ := jsonText(data, j); closed {
					return v, true
				}
			}
			return "", false
		}
	}
	return "", false
}

// jsonText reads the JSON string that opens at data[i]: its text between
// the quotes (escapes kept as written), whether its closing quote is on
// the line, and the offset just after it (or of the line break that ends
// it unclosed).
func jsonText(data []byte, i int) (text string, closed bool, end int) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return string(data[i+1 : j]), true, j + 1
		case '\n':
			return string(data[i+1 : j]), false, j
		}
	}
	return string(data[i+1:]), false, len(data)
}

// skipJSONSpace returns the offset of the first byte at or after i that is
// not JSON white space.
func skipJSONSpace(data []byte, i int) int {
	for i < len(data) && strings.IndexByte(" \t\r\n", data[i]) >= 0 {
		i++
	}
	return i
}

// fileID is File.ID of the file parsed as p from text.
func (ps *Parser) fileID(file string, p *model.Postmortem, text []byte) string {
	if p != nil {
		return p.ID
	}
	return ps.idByText(file, text)
}

// idByText is the id of the postmortem file that did not load, whose
// normalised text is text (nil when it is not text): the value of a
// top-level id line of its front matter (YAML, TOML) when one is there,
// else its name.
func (ps *Parser) idByText(file string, text []byte) string {
	if text != nil {
		if ps.fm == nil {
			ps.fm = bufio.NewReader(nil)
		}
		if s, prob := splitFrontMatter(text, ps.fm); prob == nil {
			var m [][]byte
			switch s.format {
			case fmYAML:
				m = idYAML.FindSubmatch(s.data)
			case fmTOML:
				m = idTOML.FindSubmatch(s.data)
			case fmJSON:
				if v, ok := jsonTopLevel(s.data, "id"); ok && idJSON.MatchString(v) {
					m = [][]byte{nil, []byte(v)}
				}
			}
			if m != nil {
				return nfc(string(m[1]))
			}
		}
	}
	return defaultID(file)
}

// NewParser returns a parser for the given site configuration.
func NewParser(cfg *model.SiteConfig) *Parser {
	return &Parser{cfg: cfg, md: newMarkdown(cfg.UnsafeHTML, cfg.Language)}
}

// ParseFile parses one postmortem file. path is slash-separated and relative
// to the site root; it names the file in diagnostics and gives the default
// id. The postmortem is nil when the file is unusable (not UTF-8, broken
// front matter); otherwise it is returned even with errors, so that later
// checks can report more problems in the same run.
func ParseFile(path string, data []byte, cfg *model.SiteConfig) (*model.Postmortem, *diag.List) {
	return NewParser(cfg).Parse(path, data)
}

// Parse parses one postmortem file; see ParseFile.
func (ps *Parser) Parse(file string, data []byte) (*model.Postmortem, *diag.List) {
	p, _, _, diags := ps.parse(file, data)
	return p, diags
}

// ParseDraft is Parse that also reports draftByText: whether the front
// matter, which does not parse, has a top-level status: draft line (see
// File.DraftByText), so that a caller tells a draft left out from a file
// with errors.
func (ps *Parser) ParseDraft(file string, data []byte) (p *model.Postmortem, draftByText bool, diags *diag.List) {
	p, draftByText, _, diags = ps.parse(file, data)
	return p, draftByText, diags
}

// parse is Parse that also reports draftByText: whether the front matter,
// which does not parse, has a top-level status: draft line (see
// File.DraftByText), and returns the file's text as parsed: normalised
// once (see normalize) for File.Raw, nil when the file is too large or not
// text.
func (ps *Parser) parse(file string, raw []byte) (p *model.Postmortem, draftByText bool, text []byte, diags *diag.List) {
	diags = &diag.List{}
	data := raw
	defer func() {
		if r := recover(); r != nil {
			p = nil
			diags.Errorf(diag.Pos{Path: file}, "internal error while reading this file (please report it): %v", r)
		}
	}()
	if max := ps.cfg.MaxFileBytes; max > 0 && int64(len(data)) > max {
		got, limit := sizes(int64(len(data)), max)
		diags.Add(diag.Diagnostic{Pos: diag.Pos{Path: file}, Severity: diag.Error,
			Message: fmt.Sprintf("file is %s, limit is %s; put long logs in an attachment (a .log or .txt file next to it, linked from the body), not the postmortem", got, limit)})
		return nil, draftByBytes(data), text, diags
	}
	data, prob := normalize(raw)
	if prob != nil {
		diags.Add(diag.Diagnostic{Pos: diag.Pos{Path: file, Line: prob.line}, Col: prob.col, Severity: diag.Error, Message: prob.msg})
		return nil, draftByBytes(raw), text, diags
	}
	text = data
	if ps.fm == nil {
		ps.fm = bufio.NewReader(nil)
	}
	s, prob := splitFrontMatter(data, ps.fm)
	if prob != nil {
		diags.Errorf(diag.Pos{Path: file, Line: prob.line}, "%s", prob.msg)
		return nil, false, text, diags
	}
	if s.format == fmNone {
		diags.Errorf(diag.Pos{Path: file, Line: 1}, "no front matter: a postmortem starts with --- (YAML), +++ (TOML) or { (JSON) holding title, date, severity, systems and causes")
		return nil, false, text, diags
	}
	var root *node
	var errs []*syntaxError
	ps.nodes.reset()
	switch s.format {
	case fmYAML:
		root, errs = parseYAML(s.data, &ps.nodes)
	case fmTOML:
		root, errs = parseTOML(s.data, &ps.nodes)
		if len(errs) == 1 {
			if plus := tomlPlusInString(s.data, s.body, errs[0]); plus != nil {
				errs[0] = plus
			}
		}
	case fmJSON:
		root, errs = parseJSON(s.data, &ps.nodes)
	}
	offset := s.dataLine - 1
	fm := newLines(s.data)
	for _, e := range errs {
		diags.Add(fm.diagnostic(file, offset, e))
	}
	if root == nil {
		return nil, len(errs) > 0 && draftLine(s), text, diags
	}
	p = &model.Postmortem{
		ID:              defaultID(file),
		Path:            file,
		FrontMatterLine: s.openLine,
		Body:            string(s.body),
		BodyLine:        s.bodyLine,
	}
	p.FrontMatterSyntax = s.format.syntax()
	d := &decoder{path: file, offset: offset, tz: ps.cfg.TimeZone, diags: diags, syntax: p.FrontMatterSyntax, data: s.data}
	d.decodePostmortem(root, p)
	p.Invalid = d.invalid
	if p.Status == "" {
		p.Status = model.StatusPublished
	}
	if p.Visibility == "" {
		p.Visibility = model.VisibilityInternal
	}
	if p.Lang == "" {
		p.Lang = ps.cfg.Language
	}
	if ps.skipBody {
		p.Body = ""
		return p, false, text, diags
	}
	ps.md.refs.begin(file, s.bodyLine, nil)
	ps.md.refs.actions = p.ActionItems
	htmlOut, bodyText, err := ps.md.render(s.body)
	if err != nil {
		diags.Errorf(diag.Pos{Path: file, Line: s.bodyLine}, "cannot render Markdown: %v", err)
	}
	p.HTML, p.Text, p.Headings = htmlOut, bodyText.All, bodyText.Headings
	p.EscapedHTML = ps.md.allowed.Notes(s.bodyLine)
	ps.refs, ps.anchors = ps.md.refs.found, ps.md.refs.anchors
	p.Attachments = ps.md.refs.attachments()
	diags.Merge(ps.md.refs.diags)
	return p, false, text, diags
}

// draftLine reports whether the front matter of s, which does not parse,
// has a top-level status: draft (see File.DraftByText).
func draftLine(s split) bool {
	switch s.format {
	case fmYAML:
		return draftYAML.Match(s.data)
	case fmTOML:
		return draftTOML.Match(s.data)
	case fmJSON:
		v, ok := jsonTopLevel(s.data, "status")
		return ok && v == "draft"
	}
	return false
}

// draftSniffBytes is how much of a file refused before parsing
// draftByBytes reads: front matter is at the top, and a file over
// maxFileBytes may be far larger.
const draftSniffBytes = 256 << 10

// draftByBytes reports whether a file refused before parsing (not UTF-8,
// a NUL byte, larger than maxFileBytes) has a top-level status: draft
// line, as draftLine reads front matter that does not parse, in its first
// draftSniffBytes with every byte that is not text replaced (QA 20 A-F3:
// one Latin-1 byte pasted into a half-written draft failed every command,
// though its status: draft line was plain to read). A UTF-16 file, whose
// every line is unreadable as bytes, is not a draft by its bytes.
func draftByBytes(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return false
	}
	data = data[:min(len(data), draftSniffBytes)]
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	data = bytes.ReplaceAll(data, []byte{0}, []byte("\uFFFD"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	s, prob := splitFrontMatter(data, nil)
	return prob == nil && s.format != fmNone && draftLine(s)
}

var docPosition = regexp.MustCompile(`at \[(\d+):\d+\]`)

// fileLines rewrites the parser's document positions ("already defined at
// [1:1]") into file lines.
func fileLines(msg string, offset int) string {
	return docPosition.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(docPosition.FindStringSubmatch(m)[1])
		return "at line " + strconv.Itoa(n+offset)
	})
}

// defaultID is the id of the postmortem in file when its front matter sets
// none: the file name without its extension, in NFC (a name written
// decomposed, as macOS does, gives the id a keyboard types).
func defaultID(file string) string {
	return nfc(strings.TrimSuffix(path.Base(file), path.Ext(file)))
}

// size says n bytes in MiB or KiB to a tenth, and in bytes below 1 KiB
// (QA 10: maxFileBytes = 1 read "limit is 0.0 KiB").
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n == 1:
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// sizes says a file's size n and the limit it is over as size does, or
// both in bytes when size rounds them alike ("1.0 KiB, limit is 1.0 KiB").
func sizes(n, limit int64) (string, string) {
	a, b := size(n), size(limit)
	if a == b {
		return fmt.Sprintf("%d bytes", n), fmt.Sprintf("%d bytes", limit)
	}
	return a, b
}

// Files lists the postmortem files under content/postmortems in path order.
// Symbolic links are skipped with a warning (skippedLink): following them
// could leave the site root or loop forever. So are files that are neither postmortems nor
// attachments (see notPostmortem), so that a .markdown file does not vanish
// without a word, and named pipes, sockets and devices (nonRegular), which
// are never opened: a named pipe's open blocks until something writes to
// it (QA 17 C-F2).
func Files(fsys fs.FS) ([]string, *diag.List) {
	files, _, diags := walk(fsys)
	return files, diags
}

// folderLinks are the symbolic links below content/postmortems/ that lead
// to a folder inside it, which the build's os.Root follows, by path in NFC,
// each with the folder it leads to (see linkedInside), in NFC.
type folderLinks map[string]string

// walk is Files, with the links to folders inside content/postmortems/ it
// passed (it follows none), for resolveRefs: the walk meets every link
// below content/postmortems/ (but in a hidden folder), so no link costs a
// file system call more.
func walk(fsys fs.FS) ([]string, folderLinks, *diag.List) {
	diags := &diag.List{}
	var files []string
	var links folderLinks
	err := fs.WalkDir(fsys, PostmortemDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			hint := ""
			if p == PostmortemDir && errors.Is(err, fs.ErrNotExist) {
				if alt := PostmortemDirLookalike(fsys); alt != "" {
					hint = fmt.Sprintf("; did you mean %s? (folder names are case-sensitive: rename it to %s)", alt, path.Base(PostmortemDir))
				}
			}
			if p != PostmortemDir && errors.Is(err, fs.ErrNotExist) {
				return nil // a folder deleted since it was listed (QA 16 B-F6)
			}
			diags.Errorf(diag.Pos{Path: p}, "cannot read: %v%s", err, hint)
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") && p != PostmortemDir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			msg := skippedLink(fsys, p)
			if msg != "" {
				warnRule(diags, RuleNotRead, diag.Pos{Path: p}, "%s", msg)
			}
			// A folder link that loops is followed all the same by the
			// os.Root of a build: resolveRefs must know it.
			if to, ok := linkedInside(fsys, p); ok && (msg == "" || loops(p, to)) {
				if links == nil {
					links = folderLinks{}
				}
				links[nfc(p)] = nfc(to)
			}
			return nil
		}
		if !d.IsDir() && EditorFile(name) {
			return nil // not the writer's, not worth a word (QA 16 B-F5)
		}
		if kind := nonRegular(d.Type()); kind != "" {
			// Never opened: a named pipe's open blocks (QA 17 C-F2).
			warnRule(diags, RuleNotRead, diag.Pos{Path: p}, "%s", notRegularMessage(kind))
			return nil
		}
		if !d.IsDir() {
			if msg := notPostmortem(name); msg != "" {
				warnRule(diags, RuleNotRead, diag.Pos{Path: p, Line: 1}, "%s", msg)
			} else if strings.EqualFold(path.Ext(name), ".md") {
				files = append(files, p)
			}
		}
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{Path: PostmortemDir}, "cannot read: %v", err)
	}
	misplaced(fsys, diags)
	return files, links, diags
}

// contentDir is the folder of the site's content; postmortems are read
// only from PostmortemDir inside it.
const contentDir = "content"

// misplaced warns (RuleNotRead) about each .md file under content/ but
// outside content/postmortems/ that opens with front matter: a postmortem
// saved one folder off (content/2025/, or content/Postmortems/, whose name
// differs only in case) would otherwise be left out without a word (QA 14
// A-F11). A README.md, an _index.md (Hugo's) and Markdown without front
// matter are notes, not postmortems, and are left alone; so are hidden
// folders and symbolic links, which are not followed.
func misplaced(fsys fs.FS, diags *diag.List) {
	// On a file system that ignores case, content/Postmortems is
	// content/postmortems, whose postmortems are read (review 14).
	variant, same := postmortemDirVariant(fsys)
	lookalike := variant
	if same {
		lookalike = ""
	}
	_ = fs.WalkDir(fsys, contentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == contentDir {
			return nil
		}
		name := d.Name()
		if p == PostmortemDir || same && p == variant || strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.EqualFold(path.Ext(name), ".md") {
			return nil // a folder, a link, or a named pipe, whose open would block (QA 17 C-F2)
		}
		if base := strings.ToLower(name); base == "readme.md" || base == "_index.md" || !hasFrontMatter(fsys, p) {
			return nil
		}
		rel := strings.TrimPrefix(p, contentDir+"/")
		also := ""
		if lookalike != "" && strings.HasPrefix(p, lookalike+"/") {
			rel = strings.TrimPrefix(p, lookalike+"/")
			also = fmt.Sprintf(", and %s/ is another folder (names are case-sensitive)", lookalike)
		}
		warnRule(diags, RuleNotRead, diag.Pos{Path: p, Line: 1}, "not read: postmortems are the .md files under %s/%s; if this is one, move it to %s", PostmortemDir, also, path.Join(PostmortemDir, rel))
		return nil
	})
}

// PostmortemDirLookalike returns the first folder of content/ whose name
// differs from that of PostmortemDir only in case ("content/Postmortems"),
// or "" when there is none or it is PostmortemDir itself (a file system
// that ignores case): on a file system that tells cases apart, pmkb does
// not read it, and a message that names it saves a puzzled author.
func PostmortemDirLookalike(fsys fs.FS) string {
	if dir, same := postmortemDirVariant(fsys); !same {
		return dir
	}
	return ""
}

// postmortemDirVariant returns the first folder of content/ whose name
// differs from that of PostmortemDir only in case, or "", and whether it
// is PostmortemDir itself: on a file system that ignores case (macOS,
// Windows), content/ lists no folder by PostmortemDir's own name, yet
// PostmortemDir opens, as that folder.
func postmortemDirVariant(fsys fs.FS) (dir string, same bool) {
	entries, err := fs.ReadDir(fsys, contentDir)
	if err != nil {
		return "", false
	}
	want, exact := path.Base(PostmortemDir), false
	for _, e := range entries {
		switch {
		case e.Name() == want:
			exact = true
		case dir == "" && e.IsDir() && strings.EqualFold(e.Name(), want):
			dir = path.Join(contentDir, e.Name())
		}
	}
	if dir == "" || exact {
		return dir, false
	}
	fi, err := fs.Stat(fsys, PostmortemDir)
	return dir, err == nil && fi.IsDir()
}

// hasFrontMatter reports whether the file name in fsys opens with front
// matter, as splitFrontMatter reads it: its first line that is not blank
// (a byte-order mark aside) is ---, +++ or {. Only the file's start is
// read.
func hasFrontMatter(fsys fs.FS, name string) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	head = bytes.TrimPrefix(head[:n], []byte("\uFEFF"))
	for len(head) > 0 {
		line, rest, _ := bytes.Cut(head, []byte("\n"))
		if t := string(bytes.TrimSpace(line)); t != "" {
			return t == "---" || t == "+++" || t == "{"
		}
		head = rest
	}
	return false
}

// skippedLink says why the symbolic link p below content/postmortems/ is
// skipped and what to do instead, or returns "" for a link to a folder
// inside content/postmortems/ (linkedInside) that does not loop (loops;
// QA 15 A-F3), which needs no word: the
// postmortems in that folder are read where they are, and an image or
// attachment linked through it is published. pmkb follows no other link
// there (QA 14 A-F9): a link to a file would read a postmortem twice, and
// one that leads out of content/postmortems/ the build's os.Root does not
// follow. Stat tells a link to a folder from one to a file, wherever it
// leads: it reads nothing but the kind.
func skippedLink(fsys fs.FS, p string) string {
	fi, err := fs.Stat(fsys, p)
	switch {
	case err != nil:
		return "skipped symbolic link, which leads to no file or folder pmkb can read; move the file or folder here instead of linking it"
	case fi.IsDir():
		if to, ok := linkedInside(fsys, p); ok && loops(p, to) {
			// QA 15 A-F3: "x -> ." made one log reachable by as many
			// paths as a body cared to write, each published.
			return "skipped symbolic link to " + to + ", the folder it is in or one that holds it: following it would loop, so pmkb does not, and publishes no image or attachment linked through it; remove the link"
		} else if ok {
			return ""
		}
		return "skipped symbolic link to a folder outside " + PostmortemDir + "/: pmkb does not follow it, so the postmortems, images and attachments in it are not read or published; move the folder here instead of linking it"
	}
	return "skipped symbolic link: postmortems, images and attachments must be regular files inside " + PostmortemDir + "/, not links; move the file here instead of linking it"
}

// loops reports whether the symbolic link p, which leads to the folder to,
// leads to the folder it is in or one that holds it: a path may go through
// it any number of times.
func loops(p, to string) bool {
	dir := path.Dir(p)
	return to == dir || strings.HasPrefix(dir, to+"/")
}

// linkedInside returns where the symbolic link p leads, read one step,
// and whether that is inside content/postmortems/: a relative link that
// stays there, which the build's os.Root follows.
func linkedInside(fsys fs.FS, p string) (string, bool) {
	to, err := fs.ReadLink(fsys, p)
	// A link's target is in the system's form: on Windows ..\2024\img, or
	// C:\… (review 14: read as one slash-free name, every link there
	// counted as inside).
	if err != nil || path.IsAbs(to) || filepath.IsAbs(to) || filepath.VolumeName(to) != "" {
		return "", false
	}
	t := path.Join(path.Dir(p), filepath.ToSlash(to))
	return t, t == PostmortemDir || strings.HasPrefix(t, PostmortemDir+"/")
}

// attachmentExts are the extensions of files kept beside postmortems that
// are not postmortems and need no warning: images and attachments.
var attachmentExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".pdf": true, ".txt": true, ".log": true, ".csv": true,
}

// markdownExts are the other extensions Markdown files are saved with
// (Typora, exporters, Hugo); pmkb reads only .md.
var markdownExts = map[string]bool{
	".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".mdwn": true, ".markdn": true,
}

// notPostmortem returns why a file under content/postmortems/ named name is
// not read as a postmortem, or "" when it is a postmortem (a .md file) or
// an attachment. A README.md or Hugo's _index.md is skipped rather than
// failing as a postmortem without front matter.
func notPostmortem(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case ext == ".md":
		if base := strings.ToLower(name); base == "readme.md" || base == "_index.md" {
			return name + " is not a postmortem: skipped (move it out of " + PostmortemDir + "/ to silence this)"
		}
		return ""
	case attachmentExts[ext]:
		return ""
	case markdownExts[ext]:
		return "not read: only .md files are postmortems; rename it to .md"
	}
	if ext == "" {
		return "not read: only .md files are postmortems"
	}
	return "not read: only .md files are postmortems, and " + ext + " is not an attachment type pmkb publishes"
}

// EditorFile reports whether name, a file's base name, is one that editors
// and tools leave beside the file they stand for: a hidden file (vim's
// .x.md.swp, Emacs's .#x.md lock), a backup (x.md~), an auto-save
// (#x.md#), a swap or temporary file (.swp, .swx, .tmp) or vim's probe
// file 4913. The loader neither reads them nor warns about them, and the
// dev server's watcher ignores their changes (the file they stand for
// changes too): one list for both (QA 16 B-F5). A merge's leftovers
// (.orig, .rej) are not among them: they are mistakes worth a warning.
func EditorFile(name string) bool {
	// An auto-save starts and ends with '#': a postmortem named after its
	// ticket, #42-black-friday.md, is a postmortem (QA 16r b-2).
	autoSave := len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")
	return strings.HasPrefix(name, ".") || autoSave || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		name == "4913"
}

// The rule ids of the loader's warnings about files it leaves alone and
// about body links and attachments. They are lint rules (package lint
// lists them, with nothing to check itself): a site re-grades them in
// [lint] rules, and a writer silences one with a pmkb-lint-ignore comment.
const (
	RuleBodyLinks = "markdown/links"
	RuleImageAlt  = "markdown/image-alt"
	// RuleEmptyHeading is a body's heading without text.
	RuleEmptyHeading = "markdown/empty-heading"
	RuleNotRead      = "files/not-read"
	RuleSlow         = "markdown/slow"
)

// SlowFile is how long parsing one postmortem may take before it gets a
// RuleSlow warning (LoadOptions.Now). A postmortem takes about a
// millisecond; goldmark is super-linear on some input (thousands of
// unclosed links or of reference definitions), where a few hundred KB
// take tens of seconds.
const SlowFile = time.Second

// warnRule adds a warning of lint rule rule at pos.
func warnRule(l *diag.List, rule string, pos diag.Pos, format string, args ...any) {
	l.Add(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// File is one postmortem file as read: its path, its bytes and the
// postmortem parsed from them (nil when the file is unusable). Raw holds
// the bytes as they were parsed (see normalize: no byte-order mark, LF
// line ends, NFC), so checks of the raw text see what the parser saw; line
// numbers are the file's.
type File struct {
	Path string
	Raw  []byte
	PM   *model.Postmortem
	// Links are the ids of the postmortems the body links to, sorted
	// (for Unlink).
	Links []string
	// DraftByText is set when PM is nil because the front matter does not
	// parse, yet a top-level line of it says status: draft. Its problems
	// are then a draft's: warnings, and the file is left out.
	DraftByText bool
	// ID is PM.ID, or, when PM is nil, the id the file was written to
	// have (see Parser.idByText): a related: link to a file that exists
	// but does not load names a postmortem all the same.
	ID string
}

// Load reads and parses every postmortem of the site in fsys, in parallel.
// Postmortems come back in path order; the list holds every problem of
// every file.
func Load(fsys fs.FS, cfg *model.SiteConfig) ([]*model.Postmortem, *diag.List) {
	files, diags := LoadFiles(fsys, cfg)
	out := make([]*model.Postmortem, 0, len(files))
	for _, f := range files {
		if f.PM != nil {
			out = append(out, f.PM)
		}
	}
	return out, diags
}

// LoadOptions tune LoadFiles.
type LoadOptions struct {
	// SkipBody does not keep or render Markdown bodies (Postmortem.Body,
	// HTML and Text stay empty), for commands that need only the front
	// matter.
	SkipBody bool
	// Check, when set, is called once for every file, unreadable ones
	// included, by the worker that loaded it, right after parsing, with
	// the file as LoadFiles returns it; the problems it returns are added
	// after the file's own. It runs on several goroutines at once. A build
	// checks for secrets here, while the file's bytes are at hand.
	Check func(File) *diag.List
	// DropRaw leaves File.Raw nil in what LoadFiles returns (Check still
	// sees the bytes, valid only until Check returns: the worker reads its
	// next file into the same memory), for callers that need them only in
	// Check: 10,000 postmortems hold some 40 MB.
	DropRaw bool
	// Now, when set, is the caller's clock: each file's parsing is timed
	// with it, and one that takes SlowFile or longer gets a RuleSlow
	// warning naming the time. It is called on several goroutines at once.
	Now func() time.Time
	// Stopwatch, when set, times each file's parsing instead of Now: it
	// is started on the goroutine that parses the file, and the function
	// it returns, called on that goroutine once the file is parsed, says
	// how long it took (pmkb's is the CPU time of the parsing thread, so
	// that a loaded machine does not make files slow; QA 19 B).
	Stopwatch func() (stop func() time.Duration)
}

// StartTimer starts timing one file's parsing with Stopwatch, else with
// Now; nil when neither is set.
func (o LoadOptions) StartTimer() (stop func() time.Duration) {
	switch {
	case o.Stopwatch != nil:
		return o.Stopwatch()
	case o.Now != nil:
		start := o.Now()
		return func() time.Duration { return o.Now().Sub(start) }
	}
	return nil
}

// readFile returns the bytes of the file name in fsys, as fs.ReadFile
// does, read into buf's memory when buf is not nil, so that they last only
// until buf is used again. A file larger than limit (when limit > 0),
// which parsing rejects at once, is read by fs.ReadFile instead, so that
// buf does not grow to its size and keep it. Any error comes from
// fs.ReadFile, so that it reads the same with or without buf.
func readFile(fsys fs.FS, name string, buf *bytes.Buffer, limit int64) ([]byte, error) {
	if buf == nil {
		return fs.ReadFile(fsys, name)
	}
	buf.Reset()
	f, err := fsys.Open(name)
	if err == nil {
		var st fs.FileInfo
		if st, err = f.Stat(); err == nil {
			if limit > 0 && st.Size() > limit {
				err = errTooLarge
			} else if st.Size() > 0 {
				// One read fills it, and ReadFrom's check for more
				// does not grow it.
				buf.Grow(int(st.Size()) + bytes.MinRead)
			}
		}
		if err == nil {
			_, err = buf.ReadFrom(f)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fs.ReadFile(fsys, name)
	}
	return buf.Bytes(), nil
}

// errTooLarge makes readFile read a file too large to parse with
// fs.ReadFile.
var errTooLarge = errors.New("larger than the limit")

// LoadFiles is Load keeping each file's bytes, for checks that read the
// raw text (lint's secret scan).
func LoadFiles(fsys fs.FS, cfg *model.SiteConfig, opts ...LoadOptions) ([]File, *diag.List) {
	var o LoadOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	paths, links, diags := walk(fsys)
	files := make([]File, len(paths))
	lists := make([]*diag.List, len(paths))
	refs := make([][]localRef, len(paths)) // settled by resolveRefs
	anchors := make([][]string, len(paths))
	gone := make([]bool, len(paths)) // deleted between the walk and the read
	// Twice the CPUs, as the render workers: while one worker waits in a
	// system call (open, read, close for every file) another parses.
	workers := min(2*runtime.GOMAXPROCS(0), max(len(paths), 1))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ps := NewParser(cfg)
			ps.skipBody = o.SkipBody
			// With DropRaw no file's bytes outlive its turn (parsing
			// copies what it keeps), so they are read into one buffer.
			var buf *bytes.Buffer
			if o.DropRaw {
				buf = &bytes.Buffer{}
			}
			for i := range next {
				files[i].Path = paths[i]
				data, err := readFile(fsys, paths[i], buf, cfg.MaxFileBytes)
				if errors.Is(err, fs.ErrNotExist) {
					// Deleted since the walk listed it (a mass move
					// under pmkb serve, a checkout): a deletion, not
					// a problem of the file; the watcher's next batch
					// builds again (QA 16 B-F6).
					lists[i], gone[i] = &diag.List{}, true
					continue
				}
				stop := o.StartTimer()
				if err != nil {
					lists[i] = &diag.List{}
					lists[i].Errorf(diag.Pos{Path: paths[i]}, "cannot read: %v", err)
					files[i].ID = defaultID(paths[i])
				} else {
					ps.refs, ps.anchors = nil, nil
					var text []byte
					files[i].PM, files[i].DraftByText, text, lists[i] = ps.parse(paths[i], data)
					files[i].ID = ps.fileID(paths[i], files[i].PM, text)
					refs[i], anchors[i] = ps.refs, ps.anchors
					if text == nil { // too large or not text: as read, in NFC
						text = nfcBytes(data)
					}
					files[i].Raw = text
				}
				if stop != nil {
					WarnSlow(lists[i], files[i], stop())
				}
				if o.Check != nil {
					lists[i].Merge(o.Check(files[i]))
				}
				if o.DropRaw {
					files[i].Raw = nil
				}
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	if slices.Contains(gone, true) {
		n := 0
		for i := range paths {
			if !gone[i] {
				files[n], lists[n], refs[n], anchors[n] = files[i], lists[i], refs[i], anchors[i]
				n++
			}
		}
		files, lists, refs, anchors = files[:n], lists[:n], refs[:n], anchors[:n]
	}
	for _, l := range lists {
		diags.Merge(l)
	}
	diags.Merge(resolveRefs(fsys, cfg, files, refs, anchors, links))
	return files, diags
}

// WarnSlow adds a RuleSlow warning to l when parsing f took took, at
// least SlowFile, at the first line of its body (of the file when it did
// not load).
func WarnSlow(l *diag.List, f File, took time.Duration) {
	if took < SlowFile {
		return
	}
	pos := diag.Pos{Path: f.Path, Line: 1}
	if f.PM != nil && f.PM.BodyLine > 0 {
		pos.Line = f.PM.BodyLine
	}
	l.Add(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Rule: RuleSlow,
		Message: fmt.Sprintf("parsing this file took %.1f s (a postmortem takes about a millisecond): thousands of links, brackets or reference definitions, as in a pasted log, make Markdown slow to render", took.Seconds()),
		Hint:    "put logs in a fenced code block (```) or in an attachment (a .log file next to it, linked from the body)"})
}
