package search

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCacheDamagedSegmentRebuilt is QA 17 C-F3: a search cache left
// damaged (a racing search killed while it wrote) made every later pmkb
// search panic inside zap ("slice bounds out of range", exit 2) until
// someone deleted the cache. A cache that fails to open, with an error or
// a panic, is stale: it is rebuilt, and the search answers. The damage is
// made here as in the saved cache: a zap file whose footer is garbage
// (its writer id's length, read unchecked, past the file's start), and,
// for the error path, a zap file cut short.
func TestCacheDamagedSegmentRebuilt(t *testing.T) {
	kb, _ := corpusKB(t, 40)
	entries := entriesOf(kb.Postmortems, "a")
	q := queryWord(t, kb.Postmortems[0].Title)
	for _, damage := range []string{"footer", "truncated"} {
		dir := filepath.Join(t.TempDir(), "search")
		ix, err := OpenCache(dir, &kb.Config, entries, newKBLoader(kb.Postmortems).load)
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
		zaps, _ := filepath.Glob(filepath.Join(dir, "bleve", "store", "*.zap"))
		if len(zaps) == 0 {
			t.Fatal("no zap file in the cache")
		}
		for _, z := range zaps {
			data, err := os.ReadFile(z)
			if err != nil {
				t.Fatal(err)
			}
			switch damage {
			case "footer":
				// The footer ends: writer id length (4), numDocs,
				// storedIndexOffset, sectionsIndexOffset (8 each),
				// chunk mode, version, crc (4 each).
				binary.BigEndian.PutUint32(data[len(data)-40:], 0x7fffffff)
			case "truncated":
				data = data[:len(data)/2]
			}
			if err := os.WriteFile(z, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		for _, run := range []string{"damaged", "rebuilt"} {
			l := newKBLoader(kb.Postmortems)
			ix, err := OpenCache(dir, &kb.Config, entries, l.load)
			if err != nil {
				t.Fatalf("%s, %s: %v", damage, run, err)
			}
			res, qerr := Query(context.Background(), ix, q, 10)
			n := ix.Len()
			ix.Close()
			if qerr != nil || n != len(kb.Postmortems) || res.Total == 0 {
				t.Errorf("%s, %s: %d documents, want %d; query: %v", damage, run, n, len(kb.Postmortems), qerr)
			}
			if want := map[string]int{"damaged": len(entries), "rebuilt": 0}[run]; len(l.asked) != want {
				t.Errorf("%s, %s: parsed %d files, want %d", damage, run, len(l.asked), want)
			}
		}
	}
}

// queryWord is the longest word of title, a query that finds it.
func queryWord(t *testing.T, title string) string {
	t.Helper()
	w := ""
	for _, f := range strings.Fields(title) {
		if len(f) > len(w) && strings.Trim(f, "abcdefghijklmnopqrstuvwxyz") == "" {
			w = f
		}
	}
	if w == "" {
		t.Fatalf("no plain word in %q", title)
	}
	return w
}
