package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/pmkb/pmkb/generator/internal/buildid"
	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// cacheVersion changes whenever the index layout, the analysis or the text
// read from a postmortem changes; a cache of another version is rebuilt
// from scratch. 6: no space where a line break joins two East Asian wide
// characters. 7: tags are a field and a facet. 8: drafts that fail the
// contract's checks are left out, and snippets leave out headings as the
// loader marks them. 9: full-width digits are digits, and a word-final
// ー after katakana is dropped (analyzer.go). 10: the manifest's sections
// and listing digest (manifest.go). 11: snippet text is the first 2 KB of
// summary, impact and prose, not 280 runes (doc.go, snippetBytes). 12:
// an image on another host is a link with its alt text (source/links.go).
// 13: the manifest keeps the first error of each file left out for its
// errors, in a section a warm search reads (manifest.go, Index.Unread).
// 14: document order is by the day written, then the instant (docOrder).
// 15: a word joined by "." or "_" is indexed as its parts (analyzer.go,
// wordParts: api.acme.example, DB_MAX_CONNECTIONS), 4,000 as 4000
// (thousandsFilter), and an action item's tracker key with the items'
// titles (doc.go, trackerKey). 16: a katakana word's final ー is left out
// of the pairs, not of the word, so the next character pairs with the
// letter before it (analyzer.go, foldLongMarks: エラー率 is エラ, ラ率),
// and a word of two characters keeps it (キー). 17: a half-width letter
// and its voiced mark (ﾊﾞ), one character after cjk_width, pair with what
// touches them and keep their own offsets (analyzer.go, pairs). 18: a
// draft's related ids, and the id of each file not indexed, for the
// drafts' checks across files (heldDrafts). 19: the lines of a draft's
// id and related ids, where an unread message names them (heldDrafts).
// 20: a word joined by a colon or a middle dot is indexed as its parts
// too (analyzer.go, wordParts: redis:alpine, system:serviceaccount:…).
// 21: invisible format characters (a soft hyphen, a zero-width space…)
// are left out before segmenting (analyzer.go, stripIgnorable).
const cacheVersion = 21

// pmkbBuild names the running build of pmkb (buildid.ID; tests set
// another).
var pmkbBuild = buildid.ID

// forceMergeAfter is the number of re-indexed files after which the index
// is merged into one segment (a variable for tests).
var forceMergeAfter = 1000

// indexedHook, when set (tests), is called by refresh with the cache
// folder at two points between indexing and the merge: "batch" before
// the last batch goes to the index, "merge" after it.
var indexedHook func(dir, stage string)

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

// Fingerprints stats each path of fsys (concurrently) and fingerprints it
// by size and modification time, and on Linux inode and change time
// (source.Fingerprint, the metadata cache's key too).
func Fingerprints(fsys fs.FS, paths []string) ([]Entry, error) {
	infos, errs := source.StatAll(fsys, paths)
	out := make([]Entry, len(paths))
	for i, fi := range infos {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[i] = Entry{Path: paths[i], Fingerprint: source.Fingerprint(fi)}
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
// paths are left out of the index until they change again. problems maps
// each path left out for its errors to its first error, as
// "path:line: message" (Index.Unread); a path left out with no problem (a
// draft) is not in it. A postmortem returned for a path in problems is not
// indexed: it is returned for its id and status, which the checks across
// files need (heldDrafts), since pmkb build counts the ids of the files
// with errors too.
type Loader func(paths []string) (pms []*model.Postmortem, problems map[string]string, err error)

// Index is a bleve index of a knowledge base kept on disk, with the
// per-document data ranking and results need. Open it with OpenCache and
// close it when done.
type Index struct {
	bleve    bleve.Index
	reader   index.IndexReader
	analyzer *Analyzer
	labels   facetLabels
	docs     []docInfo
	avg      [nFields]float64
	// num maps a document's path to its number; docOf caches the number of
	// each bleve internal id met so far (-1: not a listed document).
	num map[string]int
	// manifest, open after a warm open, holds the snippet text of
	// document n from snippetAt[n][0] to snippetAt[n][1] (docs have none).
	manifest  *manifestHeader
	snippetAt [][2]int64
	// unread is Unread's answer.
	unread []string
	mu     sync.Mutex
	docOf  map[string]int
	// lock is the hold on the cache folder, released by Close.
	lock *cacheLock
	// dir is the cache folder of an index opened for writing ("" in
	// memory), folder what it was then.
	dir    string
	folder folderID
	// Changed is the number of files (re)indexed by OpenCache, Removed the
	// number of documents dropped.
	Changed, Removed int
}

// manifest is the cache's record of what the bleve index holds.
type manifest struct {
	Version int
	Config  string
	Files   map[string]manifestFile
	// order lists the indexed paths in document order (as written), nil
	// after a change.
	order []string
}

type manifestFile struct {
	Fingerprint string
	// Indexed is false when the file gave no postmortem.
	Indexed bool
	// Problem, for a file not indexed because of its errors, is its
	// first error as the Loader gave it ("path:line: message").
	Problem string
	// ID, for a file not indexed, is the id it takes: its postmortem's
	// when it loaded (Loaded, a file left out for its errors), else its
	// file name when it did not (fileID); "" for a draft a search
	// without drafts does not read.
	ID     string
	Loaded bool
	Time   time.Time
	Doc    docInfo
}

// leftFiles lists the files of man not indexed that take an id, in path
// order.
func leftFiles(man *manifest) []leftFile {
	var out []leftFile
	for p, f := range man.Files {
		if !f.Indexed && f.ID != "" {
			out = append(out, leftFile{p, f.ID, f.Loaded})
		}
	}
	slices.SortFunc(out, func(a, b leftFile) int { return strings.Compare(a.path, b.path) })
	return out
}

// configKey fingerprints the configuration that goes into indexed text
// (cause and system names), decides whether a draft is indexed (its
// severity must be one of the site's), or changes how the Loader reads a
// file: which files it reads at all (maxFileBytes), the language a
// postmortem without lang: is analysed in, the zone its date is taken in
// (the order of a day's incidents), the body's raw HTML and the site's
// own links (QA 19 C-F1, C-F2: a search answered from a cache made under
// the old maxFileBytes or timeZone).
//
// The build of pmkb is part of it too: another build may read the same
// file differently, which cacheVersion, changed by hand, missed (QA 19
// C-F3: after an upgrade, search answered from text an older pmkb had
// extracted).
func configKey(cfg *model.SiteConfig) string {
	var b bytes.Buffer
	// The [lint] grades and allow list decide which files hold a secret,
	// which are not indexed (generator.Search; QA 20 A-F1).
	fmt.Fprintf(&b, "%d|%q|%q|%q|%q|%q|%q|%d|%t|%q|%q|%q", cacheVersion, pmkbBuild(), cfg.Causes, cfg.Systems, cfg.Severities,
		cfg.Language, cfg.TimeZone, cfg.MaxFileBytes, cfg.UnsafeHTML, cfg.BaseURL, cfg.LintRules, cfg.LintAllow)
	return HashFingerprint(b.Bytes())
}

// OpenCache opens (or creates) the search cache in dir and brings it up to
// date with entries: files that are new or whose fingerprint changed are
// parsed with load and re-indexed, files no longer listed are removed, and
// nothing else is read. A cache written by another version, or for another
// cause and system vocabulary, is rebuilt.
func OpenCache(dir string, cfg *model.SiteConfig, entries []Entry, load Loader) (*Index, error) {
	return OpenCacheListing(dir, cfg, func() ([]Entry, error) { return entries, nil }, load)
}

// OpenCacheListing is OpenCacheListingContext with no end.
func OpenCacheListing(dir string, cfg *model.SiteConfig, list func() ([]Entry, error), load Loader) (*Index, error) {
	return OpenCacheListingContext(context.Background(), dir, cfg, list, load)
}

// OpenCacheListing is OpenCache for the entries list returns, and calls
// list while it reads the cache as a warm search does (openWarm), which it
// keeps if the cache lists exactly those entries: listing (walking the
// folders and stating every file) and reading the cache are each a large
// part of a warm pmkb search, and they overlap on a second core. An error
// of list is returned as it is, and the cache is left as it was.
//
// The cache folder is locked (cacheLock): shared while a warm search reads
// it, exclusive while the cache is created, rebuilt or refreshed and the
// search answered from it. So a second pmkb on a cold or stale cache
// waits for the first and then reads what it wrote, and never rebuilds
// the index under it (QA 17 C-F1). Waiting, and a refresh (its merge
// too), stop when ctx ends, with ctx.Err().
//
// A cache that fails to open, with an error or a panic in the index
// library (a damaged segment), is stale: it is deleted and rebuilt
// (QA 17 C-F3). A cache folder removed or replaced while it is written
// is made again, once, and then in memory (QA 21 D-F2).
func OpenCacheListingContext(ctx context.Context, dir string, cfg *model.SiteConfig, list func() ([]Entry, error), load Loader) (*Index, error) {
	a, im, err := newMapping()
	if err != nil {
		return nil, err
	}
	labels := newFacetLabels(cfg)
	type opened struct {
		ix      *Index
		damaged bool
		err     error
	}
	warm := make(chan opened, 1)
	go func() {
		ix, damaged, err := openWarm(ctx, dir, cfg, a, labels)
		warm <- opened{ix, damaged, err}
	}()
	entries, err := list()
	w := <-warm
	if err != nil || w.err != nil {
		if w.ix != nil {
			w.ix.Close()
		}
		return nil, cmp.Or(err, w.err)
	}
	if w.ix != nil {
		if w.ix.manifest.Digest == listingDigest(entries) {
			return w.ix, nil
		}
		w.ix.Close()
	}
	// A cache folder removed (rm -rf .pmkb-cache, git clean -fdX) or
	// replaced while this search writes it is made again, once; if that
	// one goes too, the index is made in memory for this search alone.
	// Either way the search answers, as a search after the removal would
	// (QA 21 D-F2: it failed with the index library's words, or hung).
	damaged := w.damaged
	for try := 0; ; try++ {
		ix, err := openWrite(ctx, dir, cfg, a, im, labels, entries, load, damaged)
		if !errors.Is(err, errCacheGone) {
			return ix, err
		}
		if try == cacheGoneRetries {
			return openMemory(ctx, cfg, a, im, labels, entries, load)
		}
		damaged = false // another folder now
	}
}

// cacheGoneRetries is how many times OpenCacheListingContext makes the
// cache again after its folder went while it wrote it.
const cacheGoneRetries = 1

// errCacheGone is the error of a cache whose folder was removed or
// replaced while pmkb wrote it.
var errCacheGone = errors.New("search cache removed while it was written")

// openWrite opens the cache in dir as OpenCacheListingContext does when
// it must write it: locked exclusively, created, rebuilt or refreshed
// for entries. An error while its folder was removed or replaced wraps
// errCacheGone.
func openWrite(ctx context.Context, dir string, cfg *model.SiteConfig, a *Analyzer, im *mapping.IndexMappingImpl, labels facetLabels, entries []Entry, load Loader, damaged bool) (*Index, error) {
	lk, err := lockCache(ctx, dir, true)
	if err != nil {
		return nil, cacheWriteError(err)
	}
	id, err := identify(lk, dir)
	if errors.Is(err, fs.ErrNotExist) {
		// Removed between its mkdir and here.
		lk.release()
		return nil, fmt.Errorf("%w: %v", errCacheGone, err)
	}
	ix := &Index{analyzer: a, labels: labels, dir: dir, folder: id}
	fail := func(err error) (*Index, error) {
		if ix.bleve != nil {
			ix.bleve.Close()
		}
		lk.release()
		if ctx.Err() == nil && id.moved() {
			return nil, fmt.Errorf("%w: %v", errCacheGone, err)
		}
		return nil, err
	}
	man, idx, current, err := openOrCreate(dir, cfg, im, entries, damaged)
	if err != nil {
		return fail(err)
	}
	ix.bleve = idx
	// The index's own folder counts too: removing it alone, to reset the
	// index, is removing the cache (QA 21r2 F3: the search failed saying
	// to free some space).
	id.index, _ = os.Stat(filepath.Join(dir, "bleve"))
	ix.folder = id
	if !current {
		if err := ix.refresh(ctx, dir, cfg, man, entries, load); err != nil {
			return fail(err)
		}
	}
	if err := ix.finish(man); err != nil {
		return fail(err)
	}
	ix.lock = lk
	return ix, nil
}

// openMemory makes the index of entries in memory, for one search, when
// the cache folder cannot be kept (it was removed while written, twice).
func openMemory(ctx context.Context, cfg *model.SiteConfig, a *Analyzer, im *mapping.IndexMappingImpl, labels facetLabels, entries []Entry, load Loader) (*Index, error) {
	idx, err := bleve.NewUsing("", im, scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return nil, err
	}
	ix := &Index{bleve: idx, analyzer: a, labels: labels}
	man := &manifest{Version: cacheVersion, Config: configKey(cfg), Files: map[string]manifestFile{}}
	if err := ix.refresh(ctx, "", cfg, man, entries, load); err != nil {
		idx.Close()
		return nil, err
	}
	if err := ix.finish(man); err != nil {
		idx.Close()
		return nil, err
	}
	return ix, nil
}

// finish takes the documents man lists, in knowledge-base order, less
// the drafts the checks across files leave out, and opens the reader.
func (ix *Index) finish(man *manifest) error {
	if man.order == nil {
		man.order = docOrder(man)
	}
	docs := make([]docInfo, len(man.order))
	for i, p := range man.order {
		docs[i] = man.Files[p].Doc
	}
	docs, _, ix.unread = withoutHeld(docs, heldDrafts(docs, leftFiles(man)), problems(man))
	return ix.openReader(docs)
}

// folderID is what a cache folder was when pmkb locked it: the folder and
// its lock file, which the lock holds open, and the index's folder once open, so that no other file takes
// its identity while it is gone.
type folderID struct {
	dir          string
	folder, lock os.FileInfo
	// index is the index's folder (bleve), once it is open.
	index os.FileInfo
}

// identify is the identity of the cache folder dir, which lk locks; the
// error is the folder's.
func identify(lk *cacheLock, dir string) (folderID, error) {
	id := folderID{dir: dir}
	var err error
	id.folder, err = os.Stat(dir)
	if lk != nil && lk.f != nil {
		id.lock, _ = lk.f.Stat()
	}
	return id, err
}

// moved reports whether the cache folder is no longer the one identified:
// removed, or replaced by another (a new pmkb made it again), or its lock
// file is. A folder pmkb may no longer look into is not moved.
func (id folderID) moved() bool {
	same := func(path string, was os.FileInfo) bool {
		if was == nil {
			return true
		}
		fi, err := os.Stat(path)
		if err != nil {
			return errors.Is(err, fs.ErrPermission)
		}
		return os.SameFile(fi, was)
	}
	return !same(id.dir, id.folder) || !same(filepath.Join(id.dir, cacheLockName), id.lock) ||
		!same(filepath.Join(id.dir, "bleve"), id.index)
}

// problem is a file left out of the index for its errors, and its first
// error.
type problem struct{ path, msg string }

// problems lists the files of man left out for their errors, in path
// order.
func problems(man *manifest) []problem {
	var out []problem
	for p, f := range man.Files {
		if !f.Indexed && f.Problem != "" {
			out = append(out, problem{p, f.Problem})
		}
	}
	slices.SortFunc(out, func(a, b problem) int { return strings.Compare(a.path, b.path) })
	return out
}

// Unread lists the first error ("path:line: message", as the Loader gave
// it) of each listed file that is not searched because of its errors, in
// path order: a warm open reads them from the manifest, so a search can
// say which postmortems it could not read without reading them. A draft
// the Loader left out is not among them; an indexed draft that the checks
// across files leave out (heldDrafts) is, by its reason.
func (ix *Index) Unread() []string { return ix.unread }

// openWarm opens the cache in dir as a warm search uses it, when it was
// written by this version for cfg: it reads the manifest's header and its
// docs section only (see manifest.go), and opens the bleve index
// read-only: no merger or persister starts, and several pmkb can share it.
// The index it returns is for a search only if the files listed now have
// its manifest's digest. Nil with no error means the cache needs the slow
// way: a refresh, a rebuild or a closer look.
//
// It holds the cache's shared lock, taken first: another pmkb writing the
// cache makes this one wait, not rebuild. damaged reports an index whose
// opening panicked (openBleve), which the slow way should not open again:
// the panic may have left the index's files open, and locked.
func openWarm(ctx context.Context, dir string, cfg *model.SiteConfig, a *Analyzer, labels facetLabels) (_ *Index, damaged bool, _ error) {
	if _, err := os.Stat(filepath.Join(dir, "manifest")); err != nil {
		return nil, false, nil // no cache (yet): the slow way takes the lock
	}
	lk, err := lockCache(ctx, dir, false)
	if err != nil {
		return nil, false, err
	}
	unlocked := lk
	defer func() { unlocked.release() }()
	h, err := openManifest(filepath.Join(dir, "manifest"))
	if err != nil {
		return nil, false, nil
	}
	if h.Version != cacheVersion || h.Config != configKey(cfg) {
		h.Close()
		return nil, false, nil
	}
	docs, snippetAt, probs, left, err := h.readDocs()
	if err != nil {
		h.Close()
		return nil, false, nil
	}
	idx, err := openBleve(filepath.Join(dir, "bleve"), map[string]any{"bolt_timeout": cacheLockWait.String(), "read_only": true})
	if err == nil {
		err = holds(idx, len(docs))
	}
	if err != nil {
		h.Close()
		if inUse(err) {
			return nil, false, fmt.Errorf("search cache %s is in use by another pmkb: %w", dir, err)
		}
		return nil, errors.Is(err, errDamaged), nil // the slow way rebuilds it
	}
	ix := &Index{bleve: idx, analyzer: a, labels: labels, manifest: h, lock: lk}
	unlocked = nil
	docs, nums, unread := withoutHeld(docs, heldDrafts(docs, left), probs)
	ix.unread = unread
	ix.snippetAt = make([][2]int64, len(nums))
	for i, n := range nums {
		ix.snippetAt[i] = [2]int64{snippetAt[n], snippetAt[n+1]}
	}
	if err := ix.openReader(docs); err != nil {
		ix.Close()
		return nil, false, err
	}
	return ix, false, nil
}

// upToDate reports whether man lists exactly entries with the same
// fingerprints.
func upToDate(man *manifest, entries []Entry) bool {
	if len(man.Files) != len(entries) {
		return false
	}
	for _, e := range entries {
		if f, ok := man.Files[e.Path]; !ok || f.Fingerprint != e.Fingerprint {
			return false
		}
	}
	return true
}

// openOrCreate opens the cache in dir, or creates an empty one; current
// reports that the cache lists exactly entries, so there is nothing to
// refresh. damaged says the index is known damaged: it is rebuilt without
// being opened again.
func openOrCreate(dir string, cfg *model.SiteConfig, im *mapping.IndexMappingImpl, entries []Entry, damaged bool) (man *manifest, idx bleve.Index, current bool, err error) {
	bdir := filepath.Join(dir, "bleve")
	man, err = readManifest(filepath.Join(dir, "manifest"))
	if err == nil && !damaged && man.Version == cacheVersion && man.Config == configKey(cfg) {
		// A cache with nothing to update opens read-only: no merger or
		// persister starts. The caller holds the cache's lock; bolt's
		// timeout is for an older pmkb that took none.
		config := writeConfig()
		current = upToDate(man, entries)
		if current {
			config["read_only"] = true
		}
		idx, err = openBleve(bdir, config)
		if err == nil {
			if err = holds(idx, indexed(man)); err == nil {
				return man, idx, current, nil
			}
		}
		if inUse(err) {
			return nil, nil, false, fmt.Errorf("search cache %s is in use by another pmkb: %w", dir, err)
		}
	}
	// Start over: a missing, stale or unreadable cache. The manifest goes
	// first, so that a pmkb stopped half way leaves a cache that reads
	// as missing.
	if err := os.Remove(filepath.Join(dir, "manifest")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, false, cacheWriteError(err)
	}
	if err := os.RemoveAll(bdir); err != nil {
		return nil, nil, false, cacheWriteError(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, false, cacheWriteError(err)
	}
	idx, err = bleve.NewUsing(bdir, im, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, writeConfig())
	if err != nil {
		return nil, nil, false, cacheWriteError(err)
	}
	return &manifest{Version: cacheVersion, Config: configKey(cfg), Files: map[string]manifestFile{}}, idx, false, nil
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

// How a cache's changed files are indexed (Index.refresh): loaded
// loadPart at a time, and handed to bleve in batches of at most batchDocs
// documents or batchText bytes of text.
const (
	loadPart  = 256
	batchText = 4 << 20
)

// batchDocs is a variable for tests.
var batchDocs = 500

func (ix *Index) refresh(ctx context.Context, dir string, cfg *model.SiteConfig, man *manifest, entries []Entry, load Loader) error {
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
	// The changed files are loaded and indexed a part at a time, and a
	// batch goes to bleve every batchDocs documents or batchText bytes of
	// their text: all of them loaded at once, and 500 documents of 200 KB
	// in one batch, took 6 GB for 200 MB of postmortems (QA 18 A-F3).
	all := fieldNames() // the fields of every document's _all
	text := 0
	for start := 0; start < len(changed); start += loadPart {
		part := changed[start:min(start+loadPart, len(changed))]
		pms, probs, err := load(part)
		if err != nil {
			return err
		}
		for p, msg := range probs {
			if _, asked := slices.BinarySearch(part, p); !asked {
				return fmt.Errorf("search cache: loader reported a problem with %q, which was not asked for", p)
			}
			f := man.Files[p]
			f.Problem = msg
			f.ID = fileID(p) // unless it loaded, below
			man.Files[p] = f
		}
		for _, p := range pms {
			if _, asked := slices.BinarySearch(part, p.Path); !asked {
				return fmt.Errorf("search cache: loader returned %q, which was not asked for", p.Path)
			}
			if f := man.Files[p.Path]; f.Problem != "" {
				// Left out for its errors; its id still counts.
				f.ID, f.Loaded = p.ID, true
				man.Files[p.Path] = f
				continue
			}
			texts := fieldTexts(p, cfg)
			d := newDocInfo(p, cfg.Language)
			// Fields are analysed by the pmkb pipeline itself, which the
			// mapping cannot name (see pipeline); the options are those of
			// the mapping's text fields. Each is analysed here, once, for
			// its length, and indexed with those terms (analysedField).
			doc := document.NewDocument(p.Path)
			for f, t := range texts {
				field := document.NewTextFieldCustom(Fields[f].Name, nil, []byte(t), index.IndexField|index.IncludeTermVectors, ix.analyzer.full)
				field.Analyze()
				d.Lens[f] = field.AnalyzedLength()
				doc.AddField(analysedField{field})
				text += len(t)
			}
			doc.AddField(document.NewCompositeFieldWithIndexingOptions("_all", true, nil, all, index.IndexField|index.IncludeTermVectors))
			doc.SetIndexed()
			if err := batch.IndexAdvanced(doc); err != nil {
				return err
			}
			man.Files[p.Path] = manifestFile{Fingerprint: want[p.Path], Indexed: true, Time: p.Date, Doc: d}
			ix.Changed++
			if batch.Size() >= batchDocs || text >= batchText {
				if err := ctx.Err(); err != nil {
					return err
				}
				if err := ix.bleve.Batch(batch); err != nil {
					return cacheWriteError(err)
				}
				batch, text = ix.bleve.NewBatch(), 0
			}
		}
	}
	if indexedHook != nil {
		indexedHook(dir, "batch")
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return cacheWriteError(err)
	}
	if indexedHook != nil {
		indexedHook(dir, "merge")
	}
	man.order = nil
	if dir == "" {
		return nil // in memory (openMemory): no merger, no manifest
	}
	if ix.Changed >= forceMergeAfter {
		// Many new segments: merge them into one now rather than have
		// every later query pay for them and for background merging.
		if err := ix.forceMerge(ctx); err != nil {
			return cacheWriteError(err)
		}
	}
	return cacheWriteError(writeManifest(filepath.Join(dir, "manifest"), man))
}

// analysedField is a text field already analysed: bleve, which analyses
// every field it indexes, keeps the terms it has instead of analysing its
// text again.
type analysedField struct{ *document.TextField }

// Analyze does nothing: the field's terms are there.
func (analysedField) Analyze() {}

// fieldNames are the names of Fields.
func fieldNames() []string {
	out := make([]string, len(Fields))
	for i, f := range Fields {
		out[i] = f.Name
	}
	return out
}

// openReader takes the documents in knowledge-base order (newest first,
// then id and path) and maps bleve's internal ids to their numbers.
func (ix *Index) openReader(docs []docInfo) error {
	num := make(map[string]int, len(docs))
	for i := range docs {
		num[docs[i].Path] = i
	}
	ix.docs = docs
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
	ix.docOf = make(map[string]int)
	ix.num = num
	return nil
}

// docNumber maps one of bleve's internal ids to a document number, asking
// the index for the document's path the first time (a query looks up only
// the documents its postings touch, not all of them). False means a
// document the manifest does not list.
func (ix *Index) docNumber(id index.IndexInternalID) (int, bool, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if n, ok := ix.docOf[string(id)]; ok {
		return n, n >= 0, nil
	}
	ext, err := ix.reader.ExternalID(id)
	if err != nil {
		return 0, false, err
	}
	n, ok := ix.num[ext]
	if !ok {
		n = -1
	}
	ix.docOf[string(id)] = n
	return n, ok, nil
}

// docOrder lists the indexed paths in knowledge-base order: newest day
// written first, then the newest instant, then id, then path
// (model.SortPostmortems): an incident at 20:00 -08:00 on the 10th is
// listed below one on the 11th, though it happened after it in UTC.
func docOrder(man *manifest) []string {
	var paths []string
	for p, f := range man.Files {
		if f.Indexed {
			paths = append(paths, p)
		}
	}
	slices.SortFunc(paths, func(a, b string) int {
		fa, fb := man.Files[a], man.Files[b]
		return cmp.Or(cmp.Compare(fb.Doc.Date, fa.Doc.Date), fb.Time.Compare(fa.Time), cmp.Compare(fa.Doc.ID, fb.Doc.ID), cmp.Compare(a, b))
	})
	return paths
}

// forceMerge merges the bleve index into one segment, or stops with
// ctx.Err() when ctx ends first: a signal stops a search even while it
// merges (QA 17 C-F1). A merger that fails stops it too, with its error
// (QA 21 D-F2).
func (ix *Index) forceMerge(ctx context.Context) error {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	// scorch's ForceMerge waits for the merger (or Close) whatever ctx
	// says, and a merger that fails (its folder removed under it, a full
	// disk) never answers it: it tries the merge again, for ever, at
	// 100 % CPU (QA 21 D-F2). So the wait is here, and ends on the first
	// of: ForceMerge's return; the merger's result for this merge, which
	// it sends on the channel of the context's "mergeDone" value (the
	// index library's own way to learn a merge's error, scorch's
	// mergeDoneKey), and after an error it does not retry this merge;
	// an error of the merger or persister at work on other segments,
	// which the index library hands to asyncError; ctx's end. Close,
	// which the caller does on an error, stops the merger.
	store := storePath(ix.dir)
	failed := make(chan error, 1)
	asyncWaiters.Store(store, failed)
	defer asyncWaiters.CompareAndDelete(store, failed)
	merged := make(chan error, 1)
	mctx := context.WithValue(ctx, scorchMergeDoneKey, merged)
	done := make(chan error, 1)
	go func() { done <- s.ForceMerge(mctx, nil) }()
	tick := time.NewTicker(folderPoll)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if ix.folder.moved() {
				return errCacheGone
			}
		case err := <-done:
			return err
		case err := <-merged:
			if err != nil {
				return err
			}
			// Merged: ForceMerge returns next.
		case err := <-failed:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// folderPoll is how often forceMerge checks that the cache folder is
// still there.
const folderPoll = 100 * time.Millisecond

// scorchMergeDoneKey is the context key under which scorch's merger looks
// for a channel (chan error) to send a forced merge's result on
// (scorch.mergeDoneKey, unexported: a plain string there).
const scorchMergeDoneKey = "mergeDone"

// asyncErrorsName names pmkb's handler of the errors of the index
// library's background work, its merger and persister
// (scorch.RegistryAsyncErrorCallbacks), which the index's config names.
const asyncErrorsName = "pmkb-search"

func init() { scorch.RegistryAsyncErrorCallbacks[asyncErrorsName] = asyncError }

// asyncWaiters maps the store folder of an index being merged
// (storePath) to the channel its forceMerge waits on.
var asyncWaiters sync.Map

// asyncError hands an error of the merger or persister of the index in
// the store folder path to the forceMerge waiting for it, if any. A
// failure to remove a file no longer used (ErrCleanup) is not one: the
// index is whole.
func asyncError(err error, path string) {
	if errors.Is(err, scorch.ErrCleanup) {
		return
	}
	if ch, ok := asyncWaiters.Load(path); ok {
		select {
		case ch.(chan error) <- err:
		default:
		}
	}
}

// storePath is the folder of the bleve index of the cache in dir that
// scorch keeps its files in, as it names it to asyncError.
func storePath(dir string) string {
	return filepath.Join(dir, "bleve") + string(os.PathSeparator) + "store"
}

// writeConfig is the config of a bleve index pmkb writes.
func writeConfig() map[string]any {
	return map[string]any{"bolt_timeout": cacheLockWait.String(), "asyncErrorCallbackName": asyncErrorsName}
}

// cacheWriteError is err, an error writing the cache, with what to do
// about it: the index library's words ("….zap persist err: …: no space
// left on device") say nothing of the cache. An end of ctx is returned
// as it is.
func cacheWriteError(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("cannot write it (%w); free some space or make it writable, or pass --cache DIR to keep it elsewhere", err)
}

// Close releases the index.
func (ix *Index) Close() error {
	var err, merr error
	if ix.reader != nil {
		err = ix.reader.Close()
	}
	if ix.manifest != nil {
		merr = ix.manifest.Close()
	}
	err = errors.Join(err, ix.bleve.Close(), merr)
	ix.lock.release()
	return err
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
func (s *bleveSource) facetLabels() facetLabels { return s.ix.labels }

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
			n, ok, err := s.ix.docNumber(d.ID)
			if err != nil {
				r.Close()
				return out, err
			}
			if !ok {
				continue
			}
			p := posting{Doc: int32(n), TF: int32(d.Freq)}
			if positions {
				for _, v := range d.Vectors {
					p.Pos = append(p.Pos, int32(v.Pos))
				}
				slices.Sort(p.Pos)
			}
			out[f] = append(out[f], p)
		}
		r.Close()
		slices.SortFunc(out[f], func(a, b posting) int { return cmp.Compare(a.Doc, b.Doc) })
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

// snippetText is document n's snippet source. After a warm open it is read
// from the manifest; a snippet that cannot be read is left out ("").
func (ix *Index) snippetText(n int) string {
	if ix.manifest == nil || n >= len(ix.snippetAt) {
		return ix.docs[n].Snippet
	}
	s, err := ix.manifest.snippet(ix.snippetAt[n][0], ix.snippetAt[n][1])
	if err != nil {
		return ""
	}
	return s
}

// errDamaged is the error of a bleve index whose opening panicked.
var errDamaged = errors.New("search cache damaged")

// openBleve opens the bleve index in dir with config. A panic in the
// index library while it reads the files (a damaged segment: a slice out
// of range in zap) is returned as an error wrapping errDamaged, so the
// cache is rebuilt rather than the command crashing (QA 17 C-F3).
func openBleve(dir string, config map[string]any) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("%w: %v", errDamaged, r)
		}
	}()
	return bleve.OpenUsing(dir, config)
}

// holds checks that idx has the n documents the manifest lists. When
// bleve cannot load a snapshot of the index (a segment cut short) it
// says so on the log and opens the index without it: an empty index,
// which would answer every search with nothing. It is closed and reported
// damaged.
func holds(idx bleve.Index, n int) error {
	count, err := idx.DocCount()
	if err == nil && count != uint64(n) {
		err = fmt.Errorf("index holds %d documents, the manifest %d", count, n)
	}
	if err != nil {
		idx.Close()
		return fmt.Errorf("%w: %v", errDamaged, err)
	}
	return nil
}

// indexed is the number of documents man lists as indexed.
func indexed(man *manifest) int {
	n := 0
	for _, f := range man.Files {
		if f.Indexed {
			n++
		}
	}
	return n
}

// inUse reports whether err is bolt's timeout on a cache another process
// has open.
func inUse(err error) bool {
	return !errors.Is(err, errDamaged) && strings.Contains(err.Error(), "timeout")
}
