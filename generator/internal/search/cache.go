package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/pmkb/pmkb/generator/model"
)

// cacheVersion changes whenever the index layout or the analysis changes;
// a cache of another version is rebuilt from scratch.
const cacheVersion = 1

// cacheLockWait is how long OpenCache waits for another process that has
// the cache open.
const cacheLockWait = 10 * time.Second

// Entry is one postmortem file as the cache sees it: its path and a
// fingerprint that changes when the file does (a content hash, or size and
// modification time).
type Entry struct {
	Path        string
	Fingerprint string
}

// Fingerprints stats each path of fsys and fingerprints it by size and
// modification time, which is enough to notice an edit without reading
// the file.
func Fingerprints(fsys fs.FS, paths []string) ([]Entry, error) {
	out := make([]Entry, 0, len(paths))
	for _, p := range paths {
		fi, err := fs.Stat(fsys, p)
		if err != nil {
			return nil, err
		}
		out = append(out, Entry{Path: p, Fingerprint: strconv.FormatInt(fi.Size(), 10) + "@" +
			strconv.FormatInt(fi.ModTime().UnixNano(), 10)})
	}
	return out, nil
}

// HashFingerprint is a content fingerprint for callers that have the bytes.
func HashFingerprint(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:16])
}

// Loader parses the postmortems at paths (slash paths as in Entry). It may
// return fewer postmortems than paths (a draft, a file with errors): those
// paths are left out of the index until they change again.
type Loader func(paths []string) ([]*model.Postmortem, error)

// Index is a bleve index of a knowledge base kept on disk, with the
// per-document data ranking and results need. Open it with OpenCache and
// close it when done.
type Index struct {
	bleve    bleve.Index
	reader   index.IndexReader
	analyzer *Analyzer
	docs     []docInfo
	avg      [nFields]float64
	// docOf maps bleve's internal document ids to document numbers.
	docOf map[string]int
	// Changed is the number of files (re)indexed by OpenCache, Removed the
	// number of documents dropped.
	Changed, Removed int
}

// manifest is the cache's record of what the bleve index holds.
type manifest struct {
	Version int
	Config  string
	Files   map[string]manifestFile
}

type manifestFile struct {
	Fingerprint string
	// Indexed is false when the file gave no postmortem.
	Indexed bool
	Time    time.Time
	Doc     docInfo
}

// configKey fingerprints the configuration that goes into indexed text
// (cause and system names).
func configKey(cfg *model.SiteConfig) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d|%q|%q", cacheVersion, cfg.Causes, cfg.Systems)
	return HashFingerprint(b.Bytes())
}

// OpenCache opens (or creates) the search cache in dir and brings it up to
// date with entries: files that are new or whose fingerprint changed are
// parsed with load and re-indexed, files no longer listed are removed, and
// nothing else is read. A cache written by another version, or for another
// cause and system vocabulary, is rebuilt.
func OpenCache(dir string, cfg *model.SiteConfig, entries []Entry, load Loader) (*Index, error) {
	a, im, err := newMapping()
	if err != nil {
		return nil, err
	}
	man, idx, err := openOrCreate(dir, cfg, im)
	if err != nil {
		return nil, err
	}
	ix := &Index{bleve: idx, analyzer: a}
	if err := ix.refresh(dir, cfg, man, entries, load); err != nil {
		idx.Close()
		return nil, err
	}
	if err := ix.openReader(man); err != nil {
		idx.Close()
		return nil, err
	}
	return ix, nil
}

func openOrCreate(dir string, cfg *model.SiteConfig, im *mapping.IndexMappingImpl) (*manifest, bleve.Index, error) {
	bdir := filepath.Join(dir, "bleve")
	man, err := readManifest(filepath.Join(dir, "manifest.gob"))
	if err == nil && man.Version == cacheVersion && man.Config == configKey(cfg) {
		// Another pmkb holding the cache makes this one wait, not rebuild.
		idx, err := bleve.OpenUsing(bdir, map[string]any{"bolt_timeout": cacheLockWait.String()})
		if err == nil {
			return man, idx, nil
		}
		if strings.Contains(err.Error(), "timeout") {
			return nil, nil, fmt.Errorf("search cache %s is in use by another pmkb: %w", dir, err)
		}
	}
	// Start over: a missing, stale or unreadable cache.
	if err := os.RemoveAll(bdir); err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	idx, err := bleve.New(bdir, im)
	if err != nil {
		return nil, nil, fmt.Errorf("creating search index: %w", err)
	}
	return &manifest{Version: cacheVersion, Config: configKey(cfg), Files: map[string]manifestFile{}}, idx, nil
}

// newMapping is the bleve mapping of a postmortem: every Field a text field
// analysed by the pmkb analyzer with term vectors (positions, for phrases),
// nothing stored (results come from the manifest).
func newMapping() (*Analyzer, *mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := addAnalyzers(im); err != nil {
		return nil, nil, err
	}
	dm := mapping.NewDocumentStaticMapping()
	for _, f := range Fields {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = AnalyzerName
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = true
		fm.DocValues = false
		dm.AddFieldMappingsAt(f.Name, fm)
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = AnalyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	a, err := analyzerFromMapping(im)
	return a, im, err
}

func readManifest(path string) (*manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&m); err != nil {
		return nil, err
	}
	if m.Files == nil {
		return nil, errors.New("empty manifest")
	}
	return &m, nil
}

func writeManifest(path string, m *manifest) error {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(m); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func (ix *Index) refresh(dir string, cfg *model.SiteConfig, man *manifest, entries []Entry, load Loader) error {
	want := make(map[string]string, len(entries))
	var changed []string
	for _, e := range entries {
		want[e.Path] = e.Fingerprint
		if old, ok := man.Files[e.Path]; !ok || old.Fingerprint != e.Fingerprint {
			changed = append(changed, e.Path)
		}
	}
	var removed []string
	for p := range man.Files {
		if _, ok := want[p]; !ok {
			removed = append(removed, p)
		}
	}
	slices.Sort(removed)
	slices.Sort(changed)
	if len(changed) == 0 && len(removed) == 0 {
		return nil
	}
	var pms []*model.Postmortem
	if len(changed) > 0 {
		var err error
		if pms, err = load(changed); err != nil {
			return err
		}
	}
	batch := ix.bleve.NewBatch()
	for _, p := range removed {
		if man.Files[p].Indexed {
			batch.Delete(p)
			ix.Removed++
		}
		delete(man.Files, p)
	}
	for _, p := range changed {
		if man.Files[p].Indexed {
			batch.Delete(p)
		}
		man.Files[p] = manifestFile{Fingerprint: want[p]}
	}
	for _, p := range pms {
		if _, ok := want[p.Path]; !ok {
			return fmt.Errorf("search cache: loader returned %q, which was not asked for", p.Path)
		}
		texts := fieldTexts(p, cfg)
		d := newDocInfo(p)
		doc := make(map[string]any, nFields)
		for f, text := range texts {
			d.Lens[f] = len(ix.analyzer.Analyze(text))
			doc[Fields[f].Name] = text
		}
		if err := batch.Index(p.Path, doc); err != nil {
			return err
		}
		man.Files[p.Path] = manifestFile{Fingerprint: want[p.Path], Indexed: true, Time: p.Date, Doc: d}
		ix.Changed++
		if batch.Size() >= 500 {
			if err := ix.bleve.Batch(batch); err != nil {
				return err
			}
			batch = ix.bleve.NewBatch()
		}
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return err
	}
	return writeManifest(filepath.Join(dir, "manifest.gob"), man)
}

// openReader numbers the documents in knowledge-base order (newest first,
// then id and path) and maps bleve's internal ids to those numbers.
func (ix *Index) openReader(man *manifest) error {
	type rec struct {
		path string
		f    manifestFile
	}
	var recs []rec
	for p, f := range man.Files {
		if f.Indexed {
			recs = append(recs, rec{p, f})
		}
	}
	slices.SortFunc(recs, func(a, b rec) int {
		return cmp.Or(b.f.Time.Compare(a.f.Time), cmp.Compare(a.f.Doc.ID, b.f.Doc.ID), cmp.Compare(a.path, b.path))
	})
	num := make(map[string]int, len(recs))
	for i, r := range recs {
		ix.docs = append(ix.docs, r.f.Doc)
		num[r.path] = i
	}
	ix.avg = averageLengths(ix.docs)
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return err
	}
	rd, err := adv.Reader()
	if err != nil {
		return err
	}
	ix.reader = rd
	ids, err := rd.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer ids.Close()
	ix.docOf = make(map[string]int, len(recs))
	for {
		id, err := ids.Next()
		if err != nil {
			return err
		}
		if id == nil {
			break
		}
		ext, err := rd.ExternalID(id)
		if err != nil {
			return err
		}
		if n, ok := num[ext]; ok {
			ix.docOf[string(id)] = n
		}
	}
	return nil
}

// Close releases the index.
func (ix *Index) Close() error {
	var err error
	if ix.reader != nil {
		err = ix.reader.Close()
	}
	return errors.Join(err, ix.bleve.Close())
}

// Len is the number of indexed postmortems.
func (ix *Index) Len() int { return len(ix.docs) }

// bleveSource reads postings from the bleve index for one query.
type bleveSource struct {
	ix    *Index
	ctx   context.Context
	cache map[string][nFields][]posting
	pos   map[string]bool
}

func (s *bleveSource) docList() []docInfo       { return s.ix.docs }
func (s *bleveSource) avgLen() [nFields]float64 { return s.ix.avg }

func (s *bleveSource) load(term string, positions bool) ([nFields][]posting, error) {
	if ps, ok := s.cache[term]; ok && (!positions || s.pos[term]) {
		return ps, nil
	}
	var out [nFields][]posting
	var tfd index.TermFieldDoc
	for f, fd := range Fields {
		r, err := s.ix.reader.TermFieldReader(s.ctx, []byte(term), fd.Name, true, false, positions)
		if err != nil {
			return out, err
		}
		for {
			d, err := r.Next(&tfd)
			if err != nil {
				r.Close()
				return out, err
			}
			if d == nil {
				break
			}
			n, ok := s.ix.docOf[string(d.ID)]
			if !ok {
				continue
			}
			p := posting{Doc: n, TF: int(d.Freq)}
			if positions {
				for _, v := range d.Vectors {
					p.Pos = append(p.Pos, int(v.Pos))
				}
				slices.Sort(p.Pos)
			}
			out[f] = append(out[f], p)
		}
		r.Close()
		slices.SortFunc(out[f], func(a, b posting) int { return a.Doc - b.Doc })
	}
	s.cache[term] = out
	s.pos[term] = positions
	return out, nil
}

func (s *bleveSource) docFreq(term string) ([nFields]int, error) {
	ps, err := s.load(term, false)
	var df [nFields]int
	for f := range ps {
		df[f] = len(ps[f])
	}
	return df, err
}

func (s *bleveSource) postings(term string, f int, positions bool) ([]posting, error) {
	ps, err := s.load(term, positions)
	return ps[f], err
}

func (s *bleveSource) prefixTerms(prefix string) ([]string, error) {
	seen := map[string]bool{}
	for _, fd := range Fields {
		d, err := s.ix.reader.FieldDictPrefix(fd.Name, []byte(prefix))
		if err != nil {
			return nil, err
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return nil, err
			}
			if e == nil {
				break
			}
			seen[e.Term] = true
		}
		d.Close()
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out, nil
}
