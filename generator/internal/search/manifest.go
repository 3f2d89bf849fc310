package search

import (
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// The manifest is read by every `pmkb search`, so it has a compact binary
// form that decodes in a few milliseconds for 10,000 postmortems: a magic
// line, then unsigned varints and length-prefixed strings.
const manifestMagic = "pmkb search cache\n"

var errBadManifest = errors.New("search cache manifest is damaged")

func readManifest(path string) (*manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d := &decoder{b: b}
	if string(d.bytes(len(manifestMagic))) != manifestMagic {
		return nil, errBadManifest
	}
	m := &manifest{Version: int(d.uint()), Config: d.str(), Files: map[string]manifestFile{}, raw: b}
	n := d.uint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		p := d.str()
		f := manifestFile{Fingerprint: d.str(), Indexed: d.uint() == 1}
		if f.Indexed {
			sec, nsec := d.int(), d.uint()
			f.Time = time.Unix(sec, int64(nsec)).UTC()
			doc := &f.Doc
			doc.ID, doc.Path, doc.Title = d.str(), p, d.str()
			doc.URL = model.PostmortemPath(doc.ID)
			doc.Severity, doc.Date = d.intern(), d.intern()
			doc.Systems = d.interns()
			for k := range doc.Facets {
				doc.Facets[k] = d.interns()
			}
			for k := range doc.Lens {
				doc.Lens[k] = int(d.uint())
			}
			f.snippet = d.span() // decoded for hits only
			doc.Lang = d.intern()
		}
		m.Files[p] = f
		if f.Indexed {
			m.order = append(m.order, p)
		}
	}
	if d.err != nil || d.i != len(b) {
		return nil, errBadManifest
	}
	return m, nil
}

func writeManifest(path string, m *manifest) error {
	e := &encoder{b: []byte(manifestMagic)}
	e.uint(uint64(m.Version))
	e.str(m.Config)
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
	paths = append(slices.Clone(paths), rest...)
	e.uint(uint64(len(paths)))
	for _, p := range paths {
		f := m.Files[p]
		e.str(p)
		e.str(f.Fingerprint)
		if !f.Indexed {
			e.uint(0)
			continue
		}
		e.uint(1)
		e.int(f.Time.Unix())
		e.uint(uint64(f.Time.Nanosecond()))
		doc := &f.Doc
		for _, s := range []string{doc.ID, doc.Title, doc.Severity, doc.Date} {
			e.str(s)
		}
		e.strs(doc.Systems)
		for _, fv := range doc.Facets {
			e.strs(fv)
		}
		for _, l := range doc.Lens {
			e.uint(uint64(l))
		}
		snip := doc.Snippet
		if snip == "" && f.snippet[1] > 0 && m.raw != nil {
			snip = string(m.raw[f.snippet[0]:f.snippet[1]])
		}
		e.str(snip)
		e.str(doc.Lang)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, e.b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}
func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

type decoder struct {
	b   []byte
	i   int
	err error
	// seen interns the strings many documents share (severities, systems,
	// causes, teams, years, dates).
	seen map[string]string
}

func (d *decoder) intern() string {
	b := d.bytes(int(min(d.uint(), uint64(len(d.b)))))
	if s, ok := d.seen[string(b)]; ok {
		return s
	}
	if d.seen == nil {
		d.seen = map[string]string{}
	}
	s := string(b)
	d.seen[s] = s
	return s
}

func (d *decoder) interns() []string {
	n := d.uint()
	if d.err != nil || n > uint64(len(d.b)) {
		d.err = errBadManifest
		return nil
	}
	if n == 0 { // as newDocInfo leaves an empty list
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.intern()
	}
	return out
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b[min(d.i, len(d.b)):])
	if n <= 0 {
		d.err = errBadManifest
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.b[min(d.i, len(d.b)):])
	if n <= 0 {
		d.err = errBadManifest
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b)-d.i {
		d.err = errBadManifest
		return nil
	}
	d.i += n
	return d.b[d.i-n : d.i]
}

// span skips a string and returns where its bytes are.
func (d *decoder) span() [2]int {
	b := d.bytes(int(min(d.uint(), uint64(len(d.b)))))
	return [2]int{d.i - len(b), d.i}
}

func (d *decoder) str() string { return string(d.bytes(int(min(d.uint(), uint64(len(d.b)))))) }
