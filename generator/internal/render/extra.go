package render

import (
	"fmt"
	"path"
	"strings"
)

// Page is a page another part of pmkb adds to the site, such as the
// statistics page, laid out like every other page: a title, an intro and
// sections of paragraphs, figures and data tables. All of it is plain
// text that html/template escapes; links and image sources are site paths.
type Page struct {
	// Path is the page's site path, e.g. "stats/"; the file is
	// Path + "index.html".
	Path string
	// Section is the navigation entry the page belongs to ("stats");
	// the entry is marked current on the page.
	Section string
	// Title is the page's h1 and <title>; Intro the paragraph under it.
	Title, Intro string
	Sections     []Section
}

// Section is a part of a Page under its own h2 heading.
type Section struct {
	// ID is the heading's id, for links to the section; optional.
	ID         string
	Heading    string
	Paragraphs []string
	Figure     *Figure
	Table      *DataTable
}

// Figure is an image of the site with its text alternative.
type Figure struct {
	// Src is the image's site path, e.g. "stats/causes.svg".
	Src, Alt, Caption string
}

// DataTable is a table of text; the first column is the row header.
type DataTable struct {
	Caption string
	Columns []string
	Rows    [][]Cell
	// Numeric marks the columns that sort as numbers.
	Numeric []bool
}

// Cell is one table cell; Link, when set, is a site path ("systems/api/")
// the text links to. Lang, when set, is the language of the text (a
// postmortem title in another language than the site's); a value that is
// not a language tag is dropped.
type Cell struct {
	Text, Link, Lang string
	// Isolate marks a text written in a postmortem (a title, a name): it
	// is put in a <bdi>, as on the other pages, so it is drawn in its own
	// direction and a bidi override in it reorders nothing after it.
	Isolate bool
}

// Views of a Page, with links relative to it.
type (
	extraMain struct {
		Intro    string
		Sections []extraSection
	}
	extraSection struct {
		ID, Heading string
		Paragraphs  []string
		Figure      *Figure
		Table       *extraTable
	}
	extraTable struct {
		ID, Caption string
		Columns     []extraColumn
		Rows        [][]Cell
	}
	extraColumn struct {
		Name    string
		Numeric bool
	}
)

// validSitePath reports whether p is a clean relative site path.
func validSitePath(p string) bool {
	return p != "" && !strings.HasPrefix(p, "/") && !strings.ContainsAny(p, "\\:?#") &&
		path.Clean(p) == strings.TrimSuffix(p, "/") && !strings.HasPrefix(p, "..")
}

// extraPages queues the pages of Options.Pages.
func (b *builder) extraPages() error {
	for pi, pg := range b.opts.Pages {
		if !validSitePath(pg.Path) || !strings.HasSuffix(pg.Path, "/") {
			return fmt.Errorf("render: page %q: path must be a relative folder path ending in /", pg.Path)
		}
		// Built now, so that a page's problems are known before any file
		// is made.
		out := pg.Path + "index.html"
		l := b.linkFor(out)
		m := extraMain{Intro: pg.Intro}
		for si, s := range pg.Sections {
			es := extraSection{ID: s.ID, Heading: s.Heading, Paragraphs: s.Paragraphs}
			if es.ID == "" {
				es.ID = fmt.Sprintf("s%d", si+1)
			}
			if f := s.Figure; f != nil {
				if !validSitePath(f.Src) {
					return fmt.Errorf("render: page %q: figure source %q is not a site path", pg.Path, f.Src)
				}
				es.Figure = &Figure{Src: l.File(f.Src), Alt: f.Alt, Caption: f.Caption}
			}
			if t := s.Table; t != nil {
				et := &extraTable{ID: fmt.Sprintf("t%d-%d", pi+1, si+1), Caption: t.Caption}
				for ci, c := range t.Columns {
					et.Columns = append(et.Columns, extraColumn{Name: c, Numeric: ci < len(t.Numeric) && t.Numeric[ci]})
				}
				for _, row := range t.Rows {
					if len(row) != len(t.Columns) {
						return fmt.Errorf("render: page %q: table %q has a row of %d cells for %d columns", pg.Path, t.Caption, len(row), len(t.Columns))
					}
					out := make([]Cell, len(row))
					for ci, c := range row {
						out[ci] = Cell{Text: c.Text, Isolate: c.Isolate}
						if c.Lang != b.tr.lang && langTag.MatchString(c.Lang) {
							out[ci].Lang = c.Lang
						}
						if c.Link != "" {
							if !validSitePath(c.Link) {
								return fmt.Errorf("render: page %q: link %q is not a site path", pg.Path, c.Link)
							}
							if strings.HasSuffix(c.Link, "/") {
								out[ci].Link = l.To(c.Link)
							} else {
								out[ci].Link = l.File(c.Link)
							}
						}
					}
					et.Rows = append(et.Rows, out)
				}
				es.Table = et
			}
			m.Sections = append(m.Sections, es)
		}
		spec := pageSpec{kind: "page", sitePath: pg.Path, title: pg.Title, section: pg.Section,
			scripts: []string{"assets/table.js"}, main: m}
		b.add(out, func(*job, linker) (pageSpec, error) { return spec, nil })
	}
	return nil
}
