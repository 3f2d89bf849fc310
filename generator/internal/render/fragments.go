package render

import (
	"bytes"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
)

// Rendering large sites: a postmortem's row is shown on up to a dozen pages
// (the list, its systems, causes, teams, severity and year) and the site
// header on every page. Executing html/template for each costs most of a
// build, so rows and headers are rendered once per page depth by their own
// templates ("pmrow", "actionrow", "site-header", defined in
// layouts/partials.html) and spliced into pages at markers the page
// templates write as literal text:
//
//	<pmkb-rows data-n="3"></pmkb-rows>   the rows of the page's table 3
//	<pmkb-header></pmkb-header>          the site header
//
// Every byte still comes out of html/template, each fragment executed in
// the context it is spliced into (between elements), so nothing is
// trusted that was not before. Content cannot forge a marker: all of it is
// escaped ("<" never reaches a page raw), except a Markdown body with raw
// HTML allowed (SiteConfig.UnsafeHTML), which comes after the header and
// the tables on a postmortem page and only ever receives those same
// escaped rows.

// rowKey names one table row: a postmortem, or one of its action items.
type rowKey struct {
	pm   *model.Postmortem
	item *model.ActionItem // nil for a postmortem row
}

// table is a table of a page as its template sees it: N names the table's
// marker and Len is its number of rows.
type table struct {
	N, Len int
}

// job is one page to execute.
type job struct {
	out    string
	kind   string
	page   page
	header headerData
	tables [][]rowKey
}

// addTable registers the rows of one table of the page.
func (j *job) addTable(keys []rowKey) table {
	j.tables = append(j.tables, keys)
	return table{N: len(j.tables) - 1, Len: len(keys)}
}

func pmKeys(pms []*model.Postmortem) []rowKey {
	keys := make([]rowKey, len(pms))
	for i, p := range pms {
		keys[i] = rowKey{pm: p}
	}
	return keys
}

func actionKeys(refs []model.ActionRef) []rowKey {
	keys := make([]rowKey, len(refs))
	for i, r := range refs {
		keys[i] = rowKey{pm: r.Postmortem, item: r.Item}
	}
	return keys
}

// headerData is what the "site-header" template renders.
type headerData struct {
	SiteTitle, HomeHref, SearchURL string
	Nav                            []navItem
}

// rootPlaceholder stands for the page's root in a rendered row, so one
// rendering serves pages at every depth: rows are rendered with it as
// their links' root and the page's root is written in its place when the
// row is spliced. It passes html/template's URL escaping unchanged.
const rootPlaceholder = "%7Bpmkb-root%7D/"

var (
	placeholder     = []byte(rootPlaceholder)
	hrefPlaceholder = []byte(`href="` + rootPlaceholder)
)

// rowFrag is a rendered row split at its links' root. A row whose content
// itself contains the placeholder text has perRoot set and is rendered for
// each root instead.
type rowFrag struct {
	segs    [][]byte
	perRoot bool
}

type fragKey struct {
	root string
	row  rowKey
}

// fragments caches rendered rows and headers; it is shared by the workers.
type fragments struct {
	mu      sync.Mutex
	rows    map[rowKey]*rowFrag
	perRoot map[fragKey][]byte
	headers map[string][]byte
}

var (
	rowsMarker   = regexp.MustCompile(`<pmkb-rows data-n="([0-9]+)"></pmkb-rows>`)
	headerMarker = []byte("<pmkb-header></pmkb-header>")
)

// renderRow executes the row template of k with links from root.
func (b *builder) renderRow(root string, k rowKey) ([]byte, error) {
	l := linker{root: root}
	var buf bytes.Buffer
	var err error
	if k.item == nil {
		err = b.partials.ExecuteTemplate(&buf, "pmrow", b.pmRowView(l, k.pm))
	} else {
		err = b.partials.ExecuteTemplate(&buf, "actionrow", b.action(l, model.ActionRef{Postmortem: k.pm, Item: k.item}))
	}
	if err != nil {
		return nil, fmt.Errorf("render row of %s: %w", k.pm.ID, err)
	}
	return buf.Bytes(), nil
}

// rowSegments returns row k as seen from a page with the given root: the
// segments to write with the root between each two.
func (b *builder) rowSegments(root string, k rowKey) ([][]byte, error) {
	b.frags.mu.Lock()
	f, ok := b.frags.rows[k]
	b.frags.mu.Unlock()
	if !ok {
		data, err := b.renderRow(rootPlaceholder, k)
		if err != nil {
			return nil, err
		}
		f = &rowFrag{}
		// Every placeholder must be the start of a link; content that
		// contains the placeholder text makes the row render per root.
		if bytes.Count(data, placeholder) == bytes.Count(data, hrefPlaceholder) {
			f.segs = bytes.Split(data, placeholder)
		} else {
			f.perRoot = true
		}
		b.frags.mu.Lock()
		b.frags.rows[k] = f
		b.frags.mu.Unlock()
	}
	if !f.perRoot {
		return f.segs, nil
	}
	key := fragKey{root, k}
	b.frags.mu.Lock()
	data, ok := b.frags.perRoot[key]
	b.frags.mu.Unlock()
	if !ok {
		var err error
		if data, err = b.renderRow(root, k); err != nil {
			return nil, err
		}
		b.frags.mu.Lock()
		b.frags.perRoot[key] = data
		b.frags.mu.Unlock()
	}
	return [][]byte{data}, nil
}

// siteHeader returns the rendered header of a page.
func (b *builder) siteHeader(root string, h headerData) ([]byte, error) {
	var key strings.Builder
	key.WriteString(root)
	for _, n := range h.Nav {
		key.WriteString("|" + n.Current)
	}
	b.frags.mu.Lock()
	v, ok := b.frags.headers[key.String()]
	b.frags.mu.Unlock()
	if ok {
		return v, nil
	}
	var buf bytes.Buffer
	if err := b.partials.ExecuteTemplate(&buf, "site-header", h); err != nil {
		return nil, fmt.Errorf("render site header: %w", err)
	}
	b.frags.mu.Lock()
	b.frags.headers[key.String()] = buf.Bytes()
	b.frags.mu.Unlock()
	return buf.Bytes(), nil
}

// execute renders one page: its template, then the header and the rows
// spliced in at their markers.
func (b *builder) execute(j *job) ([]byte, error) {
	t, ok := b.tpls[j.kind]
	if !ok {
		return nil, fmt.Errorf("render: no template for page kind %q", j.kind)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base.html", j.page); err != nil {
		return nil, fmt.Errorf("render %s: %w", j.out, err)
	}
	src := buf.Bytes()
	root := j.page.Root
	// Gather the pieces first so the page is allocated once at its size.
	var pieces [][][]byte // each piece's segments are joined by root
	size := 0
	add := func(segs ...[]byte) {
		pieces = append(pieces, segs)
		for _, s := range segs {
			size += len(s)
		}
		size += (len(segs) - 1) * len(root)
	}
	if i := bytes.Index(src, headerMarker); i >= 0 {
		h, err := b.siteHeader(root, j.header)
		if err != nil {
			return nil, err
		}
		add(src[:i])
		add(h)
		src = src[i+len(headerMarker):]
	}
	for len(src) > 0 {
		m := rowsMarker.FindSubmatchIndex(src)
		if m == nil {
			add(src)
			break
		}
		add(src[:m[0]])
		n, _ := strconv.Atoi(string(src[m[2]:m[3]]))
		if n < len(j.tables) {
			for _, k := range j.tables[n] {
				segs, err := b.rowSegments(root, k)
				if err != nil {
					return nil, err
				}
				add(segs...)
			}
		}
		src = src[m[1]:]
	}
	out := make([]byte, 0, size)
	for _, segs := range pieces {
		for i, s := range segs {
			if i > 0 {
				out = append(out, root...)
			}
			out = append(out, s...)
		}
	}
	return out, nil
}

// executeAll renders every page on all CPUs; the files keep the jobs'
// order and the first error in that order is returned.
func (b *builder) executeAll() ([]output.File, error) {
	files := make([]output.File, len(b.jobs))
	errs := make([]error, len(b.jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(b.jobs) {
					return
				}
				data, err := b.execute(b.jobs[i])
				files[i], errs[i] = output.File{Path: b.jobs[i].out, Data: data}, err
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
