package search

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// TestWarmOpenAgrees checks that a warm open (nothing changed: the header
// and docs of the manifest, snippets read for hits) answers every query
// exactly as the open that built the cache, snippets and hints included,
// and parses nothing.
func TestWarmOpenAgrees(t *testing.T) {
	kb, _ := corpusKB(t, 60)
	pms := kb.Postmortems
	dir := t.TempDir()
	entries := entriesOf(pms, "a")
	queries := []string{pms[0].Title, "database", "certif*", `"connection pool"`, "severity:" + pms[1].Severity, "zzqqxx", "databse"}
	answers := func(ix *Index) []*Result {
		t.Helper()
		var out []*Result
		for _, q := range queries {
			res, err := Query(context.Background(), ix, q, 0)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, res)
		}
		return out
	}
	cold, err := OpenCache(dir, &kb.Config, entries, newKBLoader(pms).load)
	if err != nil {
		t.Fatal(err)
	}
	if cold.manifest != nil {
		t.Error("a cold open kept the manifest open")
	}
	want := answers(cold)
	cold.Close()

	l := newKBLoader(pms)
	warm, err := OpenCache(dir, &kb.Config, entries, l.load)
	if err != nil {
		t.Fatal(err)
	}
	defer warm.Close()
	if warm.manifest == nil || len(l.asked) != 0 {
		t.Fatalf("not a warm open: manifest %v, parsed %v", warm.manifest, l.asked)
	}
	got := answers(warm)
	snippets := 0
	for i, q := range queries {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%q: warm open answered\n %+v\nthe cold one\n %+v", q, got[i], want[i])
		}
		for _, h := range got[i].Hits {
			if h.Snippet != "" {
				snippets++
			}
		}
	}
	if snippets == 0 {
		t.Error("no hit has a snippet")
	}
}

// TestWarmOpenReadsDocsOnly checks that a warm open reads no more of the
// manifest than its header, its docs and the snippets of hits: with the
// file list damaged it still opens without parsing anything, and the
// refresh that a changed file then needs, which reads the whole manifest,
// finds the damage and rebuilds the cache.
func TestWarmOpenReadsDocsOnly(t *testing.T) {
	kb, _ := corpusKB(t, 30)
	pms := kb.Postmortems
	dir := t.TempDir()
	entries := entriesOf(pms, "a")
	ix, err := OpenCache(dir, &kb.Config, entries, newKBLoader(pms).load)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	path := filepath.Join(dir, "manifest")
	h, err := openManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	files, snippets := h.files, h.snippets
	h.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := files; i < snippets; i++ {
		data[i] = 0xff // no varint ends
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}

	l := newKBLoader(pms)
	ix, err = OpenCache(dir, &kb.Config, entries, l.load)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.asked) != 0 || ix.Len() != len(pms) {
		t.Errorf("warm open over a damaged file list: parsed %d, %d docs", len(l.asked), ix.Len())
	}
	ix.Close()

	entries[0].Fingerprint = "b"
	l = newKBLoader(pms)
	ix, err = OpenCache(dir, &kb.Config, entries, l.load)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if len(l.asked) != len(pms) || ix.Len() != len(pms) {
		t.Errorf("refresh over a damaged manifest parsed %d of %d files (want a rebuild), %d docs", len(l.asked), len(pms), ix.Len())
	}
}

// TestCacheOfAnotherVersion checks that a cache whose manifest has
// another version, or is damaged, or is missing, is rebuilt rather than
// read.
func TestCacheOfAnotherVersion(t *testing.T) {
	kb, _ := corpusKB(t, 20)
	pms := kb.Postmortems
	entries := entriesOf(pms, "a")
	for _, tt := range []struct {
		name   string
		damage func(path string, m *manifest) error
	}{
		{"older version", func(path string, m *manifest) error {
			m.Version = cacheVersion - 1
			return writeManifest(path, m)
		}},
		{"truncated", func(path string, _ *manifest) error {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(path, data[:len(data)-1], 0o644)
		}},
		{"missing", func(path string, _ *manifest) error { return os.Remove(path) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			ix, err := OpenCache(dir, &kb.Config, entries, newKBLoader(pms).load)
			if err != nil {
				t.Fatal(err)
			}
			ix.Close()
			path := filepath.Join(dir, "manifest")
			m, err := readManifest(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.damage(path, m); err != nil {
				t.Fatal(err)
			}
			l := newKBLoader(pms)
			ix, err = OpenCache(dir, &kb.Config, entries, l.load)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if len(l.asked) != len(pms) || ix.Len() != len(pms) {
				t.Errorf("parsed %d of %d files (want a rebuild), %d docs", len(l.asked), len(pms), ix.Len())
			}
		})
	}
}

// TestListingDigest checks that the digest a warm open compares does not
// depend on the order of the entries and changes with any path or
// fingerprint, including where one ends and the next begins.
func TestListingDigest(t *testing.T) {
	base := []Entry{{"content/postmortems/a.md", "1"}, {"content/postmortems/a/b.md", "2"}, {"content/postmortems/a-c.md", "3"}}
	d := listingDigest(base)
	reversed := slices.Clone(base)
	slices.Reverse(reversed)
	if listingDigest(reversed) != d {
		t.Error("the digest depends on the order of the entries")
	}
	if !slices.Equal(base, []Entry{{"content/postmortems/a.md", "1"}, {"content/postmortems/a/b.md", "2"}, {"content/postmortems/a-c.md", "3"}}) {
		t.Error("listingDigest sorted its argument")
	}
	for _, other := range [][]Entry{
		{{"content/postmortems/a.md", "1"}, {"content/postmortems/a/b.md", "2"}},
		{{"content/postmortems/a.md", "1"}, {"content/postmortems/a/b.md", "2"}, {"content/postmortems/a-c.md", "4"}},
		{{"content/postmortems/a.md", "1"}, {"content/postmortems/a/b.md", "2"}, {"content/postmortems/a-d.md", "3"}},
		{{"content/postmortems/a.md", "1"}, {"content/postmortems/a/b.md", "2"}, {"content/postmortems/a-c.md3", ""}},
		{{"content/postmortems/a.md", "1"}, {"content/postmortems/a/b.md", "2"}, {"content/postmortems/a-c.md", "3"}, {"content/postmortems/z.md", "1"}},
		nil,
	} {
		if listingDigest(other) == d {
			t.Errorf("%v has the digest of %v", other, base)
		}
	}
}

// TestOpenCacheListingError checks that an error of the listing is
// returned as it is and leaves the cache as it was: none made where there
// was none, and an existing one unchanged, although the cache is read
// while the listing runs.
func TestOpenCacheListingError(t *testing.T) {
	kb, _ := corpusKB(t, 10)
	pms := kb.Postmortems
	failed := errors.New("content/postmortems: cannot read")
	list := func() ([]Entry, error) { return nil, failed }

	dir := filepath.Join(t.TempDir(), "cache")
	l := newKBLoader(pms)
	if _, err := OpenCacheListing(dir, &kb.Config, list, l.load); err != failed {
		t.Errorf("error %v, want the listing's", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) || len(l.asked) != 0 {
		t.Errorf("a failed listing made %s (%v) or parsed %v", dir, err, l.asked)
	}

	ix, err := OpenCache(dir, &kb.Config, entriesOf(pms, "a"), newKBLoader(pms).load)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	before, err := os.ReadFile(filepath.Join(dir, "manifest"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenCacheListing(dir, &kb.Config, list, l.load); err != failed {
		t.Errorf("error %v, want the listing's", err)
	}
	after, err := os.ReadFile(filepath.Join(dir, "manifest"))
	if err != nil || !bytes.Equal(before, after) || len(l.asked) != 0 {
		t.Errorf("a failed listing changed the manifest (%v) or parsed %v", err, l.asked)
	}
	l = newKBLoader(pms)
	ix, err = OpenCache(dir, &kb.Config, entriesOf(pms, "a"), l.load)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.manifest == nil || len(l.asked) != 0 {
		t.Errorf("after a failed listing the cache is not warm: parsed %v", l.asked)
	}
}
