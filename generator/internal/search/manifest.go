package search

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/pmkb/pmkb/generator/internal/output"
)

// The manifest is read by every `pmkb search`, so it is laid out for the
// warm search, which has nothing to refresh: a magic line, then unsigned
// varints (dates signed) and length-prefixed strings in five parts.
//
//	header    version, config key, listing digest, and the lengths of
//	          the four sections that follow
//	docs      a table of the strings many documents share (severities,
//	          dates, systems, causes, teams, years, tags, languages), then
//	          each indexed document in document order: path, id, URL, title,
//	          severity, date, systems, facets, field lengths, the length
//	          of its snippet, language, whether it is a draft and then its
//	          related ids
//	problems  each file left out for its errors, in path order: path and
//	          first error (manifestFile.Problem); then each file not
//	          indexed that takes an id (leftFile): path, id, whether it
//	          loaded
//	files     each document's fingerprint and date, then the path and
//	          fingerprint of each file that gave no postmortem
//	snippets  each document's snippet text, back to back
//
// A warm search, whose files have the digest the header holds, reads the
// header, the docs section and the problems section after it, in one read
// (about a third of the file, decoded with one string and no map per
// document; the problems section is one byte when no file has errors),
// and a hit's snippet from the snippets section. Only a refresh reads the
// whole file.
const manifestMagic = "pmkb search cache\n"

// manifestHeadMax is the most bytes a manifest's header may take: its
// config key and digest are short.
const manifestHeadMax = 512

var errBadManifest = errors.New("search cache manifest is damaged")

// manifestHeader is the start of a manifest file, which stays open to
// read the sections it locates.
type manifestHeader struct {
	f       *os.File
	Version int
	Config  string
	// Digest is listingDigest of the files the manifest lists.
	Digest string
	// docs, problems, files and snippets are where each section starts;
	// end is where the file ends.
	docs, problems, files, snippets, end int64
}

// openManifest opens the manifest at path and reads its header.
func openManifest(path string) (*manifestHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	h, err := readHeader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return h, nil
}

func readHeader(f *os.File) (*manifestHeader, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	buf := make([]byte, min(fi.Size(), manifestHeadMax))
	if _, err := f.ReadAt(buf, 0); err != nil {
		return nil, err
	}
	d := &decoder{s: string(buf)}
	if d.take(len(manifestMagic)) != manifestMagic {
		return nil, errBadManifest
	}
	h := &manifestHeader{f: f, Version: int(d.uint()), Config: d.str(), Digest: d.str()}
	lens := [4]uint64{d.uint(), d.uint(), d.uint(), d.uint()}
	if d.err != nil {
		return nil, errBadManifest
	}
	h.docs = int64(d.i)
	h.problems = h.docs + int64(min(lens[0], uint64(fi.Size())))
	h.files = h.problems + int64(min(lens[1], uint64(fi.Size())))
	h.snippets = h.files + int64(min(lens[2], uint64(fi.Size())))
	h.end = h.snippets + int64(min(lens[3], uint64(fi.Size())))
	if h.end != fi.Size() {
		return nil, errBadManifest
	}
	return h, nil
}

// Close closes the manifest file.
func (h *manifestHeader) Close() error { return h.f.Close() }

// section reads the bytes from off to end as one string.
func (h *manifestHeader) section(off, end int64) (string, error) {
	var b strings.Builder
	b.Grow(int(end - off))
	if _, err := io.Copy(&b, io.NewSectionReader(h.f, off, end-off)); err != nil {
		return "", err
	}
	return b.String(), nil
}

// readDocs decodes the docs section: the indexed documents in document
// order, with no snippet text, and where each one's snippet starts in the
// snippets section (one more offset than documents: the last is its end);
// and the problems section after it, read with it.
func (h *manifestHeader) readDocs() (docs []docInfo, snippetAt []int64, probs []problem, left []leftFile, err error) {
	s, err := h.section(h.docs, h.files)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	split := int(h.problems - h.docs)
	d := &decoder{s: s[:split]}
	docs, snippetAt = d.docs()
	if d.err != nil || d.i != split || snippetAt[len(snippetAt)-1] != h.end-h.snippets {
		return nil, nil, nil, nil, errBadManifest
	}
	d = &decoder{s: s[split:]}
	probs = make([]problem, d.count())
	for i := range probs {
		probs[i] = problem{path: d.str(), msg: d.str()}
	}
	left = make([]leftFile, d.count())
	for i := range left {
		left[i] = leftFile{path: d.str(), id: d.str(), loaded: d.uint() == 1}
	}
	if d.err != nil || d.i != len(d.s) {
		return nil, nil, nil, nil, errBadManifest
	}
	return docs, snippetAt, probs, left, nil
}

// snippet reads a snippet from the snippets section, from off to end.
func (h *manifestHeader) snippet(off, end int64) (string, error) {
	return h.section(h.snippets+off, h.snippets+end)
}

// readManifest reads the whole manifest at path, for a refresh.
func readManifest(path string) (*manifest, error) {
	h, err := openManifest(path)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	docs, snippetAt, probs, left, err := h.readDocs()
	if err != nil {
		return nil, err
	}
	rest, err := h.section(h.files, h.end)
	if err != nil {
		return nil, err
	}
	m := &manifest{Version: h.Version, Config: h.Config, Files: make(map[string]manifestFile, len(docs)), order: make([]string, len(docs))}
	d := &decoder{s: rest}
	for i := range docs {
		f := manifestFile{Fingerprint: d.str(), Indexed: true, Doc: docs[i]}
		sec, nsec := d.int(), d.uint()
		f.Time = time.Unix(sec, int64(nsec)).UTC()
		m.order[i] = f.Doc.Path
		m.Files[f.Doc.Path] = f
	}
	n := d.uint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		p := d.str()
		m.Files[p] = manifestFile{Fingerprint: d.str()}
	}
	files := d.i
	if d.err != nil || int64(files) != h.snippets-h.files {
		return nil, errBadManifest
	}
	snippets := rest[files:]
	for i, p := range m.order {
		f := m.Files[p]
		f.Doc.Snippet = snippets[snippetAt[i]:snippetAt[i+1]]
		m.Files[p] = f
	}
	if len(m.Files) != len(docs)+int(n) { // a path listed twice
		return nil, errBadManifest
	}
	for _, pr := range probs {
		f, ok := m.Files[pr.path]
		if !ok || f.Indexed {
			return nil, errBadManifest
		}
		f.Problem = pr.msg
		m.Files[pr.path] = f
	}
	for _, l := range left {
		f, ok := m.Files[l.path]
		if !ok || f.Indexed {
			return nil, errBadManifest
		}
		f.ID, f.Loaded = l.id, l.loaded
		m.Files[l.path] = f
	}
	return m, nil
}

// writeManifest writes m to path (through a temporary file renamed over
// it, so a reader has the old file or the new one).
func writeManifest(path string, m *manifest) error {
	// Indexed files in document order, so reading needs no sort; then the
	// files that gave no postmortem.
	paths := m.order
	if paths == nil {
		paths = docOrder(m)
	}
	var rest []string
	for p, f := range m.Files {
		if !f.Indexed {
			rest = append(rest, p)
		}
	}
	slices.Sort(rest)

	var table stringTable
	var refs int
	for _, p := range paths {
		doc := m.Files[p].Doc
		table.add(doc.Severity, doc.Date, doc.Lang)
		table.add(doc.Systems...)
		refs += len(doc.Systems)
		for _, fv := range doc.Facets {
			table.add(fv...)
			refs += len(fv)
		}
	}
	docs := &encoder{}
	table.write(docs)
	docs.uint(uint64(len(paths)))
	docs.uint(uint64(refs))
	var probs, files, snippets encoder
	list := problems(m)
	probs.uint(uint64(len(list)))
	for _, pr := range list {
		probs.str(pr.path)
		probs.str(pr.msg)
	}
	lefts := leftFiles(m)
	probs.uint(uint64(len(lefts)))
	for _, l := range lefts {
		probs.str(l.path)
		probs.str(l.id)
		if l.loaded {
			probs.uint(1)
		} else {
			probs.uint(0)
		}
	}
	for _, p := range paths {
		f := m.Files[p]
		doc := &f.Doc
		docs.str(p)
		docs.str(doc.ID)
		docs.str(doc.URL)
		docs.str(doc.Title)
		table.ref(docs, doc.Severity)
		table.ref(docs, doc.Date)
		table.refs(docs, doc.Systems)
		for _, fv := range doc.Facets {
			table.refs(docs, fv)
		}
		for _, l := range doc.Lens {
			docs.uint(uint64(l))
		}
		docs.uint(uint64(len(doc.Snippet)))
		table.ref(docs, doc.Lang)
		if doc.Draft {
			docs.uint(1)
			docs.uint(uint64(doc.IDLine))
			docs.uint(uint64(len(doc.Related)))
			for i, r := range doc.Related {
				docs.str(r)
				docs.uint(uint64(doc.line(i)))
			}
		} else {
			docs.uint(0)
		}
		snippets.b = append(snippets.b, doc.Snippet...)
		files.str(f.Fingerprint)
		files.int(f.Time.Unix())
		files.uint(uint64(f.Time.Nanosecond()))
	}
	files.uint(uint64(len(rest)))
	for _, p := range rest {
		files.str(p)
		files.str(m.Files[p].Fingerprint)
	}

	e := &encoder{b: []byte(manifestMagic)}
	e.uint(uint64(m.Version))
	e.str(m.Config)
	e.str(manifestDigest(m))
	e.uint(uint64(len(docs.b)))
	e.uint(uint64(len(probs.b)))
	e.uint(uint64(len(files.b)))
	e.uint(uint64(len(snippets.b)))
	out := slices.Concat(e.b, docs.b, probs.b, files.b, snippets.b)
	return output.ReplaceFile(path, out)
}

// manifestDigest is the listing digest of the files m lists.
func manifestDigest(m *manifest) string {
	entries := make([]Entry, 0, len(m.Files))
	for p, f := range m.Files {
		entries = append(entries, Entry{Path: p, Fingerprint: f.Fingerprint})
	}
	return listingDigest(entries)
}

// listingDigest is a SHA-256 of the paths and fingerprints of entries, in
// path order: the manifest keeps it, so a cache that lists exactly entries
// with the same fingerprints is known as such without decoding a file
// list.
func listingDigest(entries []Entry) string {
	byPath := func(a, b Entry) int { return strings.Compare(a.Path, b.Path) }
	if !slices.IsSortedFunc(entries, byPath) {
		entries = slices.Clone(entries)
		slices.SortFunc(entries, byPath)
	}
	h := sha256.New()
	var e encoder
	for _, en := range entries {
		e.str(en.Path)
		e.str(en.Fingerprint)
		if len(e.b) >= 32<<10 {
			h.Write(e.b)
			e.b = e.b[:0]
		}
	}
	h.Write(e.b)
	return string(h.Sum(nil))
}

// stringTable numbers the distinct strings many documents share; 0 is "".
type stringTable struct {
	index map[string]int
	list  []string
}

func (t *stringTable) add(ss ...string) {
	if t.index == nil {
		t.index = map[string]int{"": 0}
		t.list = []string{""}
	}
	for _, s := range ss {
		if _, ok := t.index[s]; !ok {
			t.index[s] = len(t.list)
			t.list = append(t.list, s)
		}
	}
}

func (t *stringTable) write(e *encoder) {
	t.add() // an empty table still holds ""
	e.uint(uint64(len(t.list)))
	for _, s := range t.list {
		e.str(s)
	}
}

func (t *stringTable) ref(e *encoder, s string) { e.uint(uint64(t.index[s])) }

func (t *stringTable) refs(e *encoder, ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		t.ref(e, s)
	}
}

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// decoder reads what encoder writes from a string; every string it
// returns is part of that string, so decoding allocates no string. After
// an error it returns zero values and keeps the first error.
type decoder struct {
	s   string
	i   int
	err error
}

// docs decodes the docs section (see readDocs).
func (d *decoder) docs() (docs []docInfo, snippetAt []int64) {
	table := make([]string, d.count())
	for i := range table {
		table[i] = d.str()
	}
	n := d.count()
	// One array holds every document's systems and facets.
	arena := make([]string, 0, d.count())
	ref := func() string {
		i := d.uint()
		if i >= uint64(len(table)) {
			d.fail()
			return ""
		}
		return table[i]
	}
	refs := func() []string {
		k := d.count()
		if k == 0 { // as newDocInfo leaves an empty list
			return nil
		}
		start := len(arena)
		for range k {
			arena = append(arena, ref())
		}
		return arena[start:len(arena):len(arena)]
	}
	docs = make([]docInfo, n)
	snippetAt = make([]int64, n+1)
	for i := range docs {
		doc := &docs[i]
		doc.Path, doc.ID, doc.URL, doc.Title = d.str(), d.str(), d.str(), d.str()
		doc.Severity, doc.Date = ref(), ref()
		doc.Systems = refs()
		for k := range doc.Facets {
			doc.Facets[k] = refs()
		}
		for k := range doc.Lens {
			doc.Lens[k] = int(d.uint())
		}
		snippetAt[i+1] = snippetAt[i] + int64(d.length())
		doc.Lang = ref()
		if d.uint() == 1 {
			doc.Draft = true
			doc.IDLine = int(d.uint())
			if k := d.count(); k > 0 {
				doc.Related = make([]string, k)
				doc.RelatedLines = make([]int, k)
				for j := range doc.Related {
					doc.Related[j] = d.str()
					doc.RelatedLines[j] = int(d.uint())
				}
			}
		}
		if d.err != nil {
			return nil, []int64{-1}
		}
	}
	return docs, snippetAt
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errBadManifest
	}
}

func (d *decoder) uint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64 && d.i < len(d.s); shift += 7 {
		b := d.s[d.i]
		d.i++
		if b < 0x80 {
			return v | uint64(b)<<shift
		}
		v |= uint64(b&0x7f) << shift
	}
	d.fail()
	return 0
}

func (d *decoder) int() int64 {
	u := d.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count is a number of things that each take at least a byte, so no more
// than the bytes left.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.s)-d.i) {
		d.fail()
		return 0
	}
	return int(n)
}

// length is the length of a string kept elsewhere (a snippet).
func (d *decoder) length() int {
	n := d.uint()
	if n > 1<<30 {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) take(n int) string {
	if d.err != nil || n < 0 || n > len(d.s)-d.i {
		d.fail()
		return ""
	}
	d.i += n
	return d.s[d.i-n : d.i]
}

func (d *decoder) str() string { return d.take(d.count()) }
