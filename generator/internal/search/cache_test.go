package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pmkb/pmkb/generator/model"
)

// kbLoader serves postmortems of kb by path and counts what it was asked;
// a path in problems gives that first error instead.
type kbLoader struct {
	byPath   map[string]*model.Postmortem
	problems map[string]string
	asked    []string
}

func newKBLoader(pms []*model.Postmortem) *kbLoader {
	l := &kbLoader{byPath: map[string]*model.Postmortem{}}
	for _, p := range pms {
		l.byPath[p.Path] = p
	}
	return l
}

func (l *kbLoader) load(paths []string) ([]*model.Postmortem, map[string]string, error) {
	l.asked = append(l.asked, paths...)
	var out []*model.Postmortem
	probs := map[string]string{}
	for _, p := range paths {
		if msg, ok := l.problems[p]; ok {
			probs[p] = msg
		} else if pm, ok := l.byPath[p]; ok {
			out = append(out, pm)
		}
	}
	return out, probs, nil
}

func entriesOf(pms []*model.Postmortem, fp string) []Entry {
	var out []Entry
	for _, p := range pms {
		out = append(out, Entry{Path: p.Path, Fingerprint: fp})
	}
	return out
}

// TestAgreementCLI checks that the CLI engine over the bleve cache ranks
// exactly as search.js over the export.
func TestAgreementCLI(t *testing.T) {
	kb, c := corpusKB(t, 400)
	dir, ix := bothEngines(t, kb)
	var words []string
	for w := range c.Truth.Words {
		words = append(words, w)
	}
	slices.Sort(words)
	qs := agreementQueries(words)
	got := jsSearch(t, dir, qs, 10)
	for i, q := range qs {
		want := cliResult(t, ix, q, 10)
		if got[i].Total != want.Total || !slices.Equal(got[i].IDs, want.IDs) || !slices.Equal(got[i].Scores, want.Scores) {
			t.Errorf("query %+v:\n cli       %v\n search.js %v", q, want, got[i])
		}
	}
}

// TestCacheRefresh checks that only changed files are parsed again and that
// removed files leave the index.
func TestCacheRefresh(t *testing.T) {
	kb, _ := corpusKB(t, 60)
	dir := t.TempDir()
	pms := kb.Postmortems
	open := func(entries []Entry, l *kbLoader) *Index {
		t.Helper()
		ix, err := OpenCache(dir, &kb.Config, entries, l.load)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	l := newKBLoader(pms)
	ix := open(entriesOf(pms, "a"), l)
	if ix.Len() != len(pms) || len(l.asked) != len(pms) {
		t.Fatalf("first open indexed %d, asked %d, want %d", ix.Len(), len(l.asked), len(pms))
	}
	ix.Close()

	l = newKBLoader(pms)
	ix = open(entriesOf(pms, "a"), l)
	if len(l.asked) != 0 || ix.Changed != 0 {
		t.Errorf("unchanged cache parsed %v", l.asked)
	}
	ix.Close()

	// Change one file's title, drop another.
	changed := *pms[3]
	changed.Title = "Zyxwvut outage of the quokka service"
	rest := slices.Clone(pms)
	rest[3] = &changed
	gone := rest[10]
	rest = slices.Delete(rest, 10, 11)
	entries := entriesOf(rest, "a")
	entries[3].Fingerprint = "b"
	l = newKBLoader(rest)
	ix = open(entries, l)
	defer ix.Close()
	if !slices.Equal(l.asked, []string{changed.Path}) {
		t.Errorf("refresh parsed %v, want only %s", l.asked, changed.Path)
	}
	if ix.Len() != len(pms)-1 || ix.Removed != 1 {
		t.Errorf("after refresh: %d docs, %d removed", ix.Len(), ix.Removed)
	}
	res, err := Query(context.Background(), ix, "zyxwvut quokka", 5)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != changed.ID {
		t.Errorf("changed title not found: %+v", res)
	}
	res, err = Query(context.Background(), ix, `"`+pms[10].Title+`"`, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.ID == gone.ID {
			t.Errorf("removed postmortem %s still found", gone.ID)
		}
	}
}

// TestFingerprints checks the concurrent stats against one-by-one ones,
// in the order of the paths, over more files than one worker's share, and
// that a path that cannot be read is an error.
func TestFingerprints(t *testing.T) {
	fsys := fstest.MapFS{}
	var paths []string
	for i := range 700 {
		p := fmt.Sprintf("content/postmortems/%03d.md", i)
		fsys[p] = &fstest.MapFile{Data: bytes.Repeat([]byte("x"), i), ModTime: time.Unix(int64(1e9+i*7), int64(i))}
		paths = append(paths, p)
	}
	slices.Reverse(paths)
	got, err := Fingerprints(fsys, paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(paths) {
		t.Fatalf("%d entries for %d paths", len(got), len(paths))
	}
	for i, p := range paths {
		fi, _ := fs.Stat(fsys, p)
		want := Entry{Path: p, Fingerprint: fmt.Sprintf("%d@%d", fi.Size(), fi.ModTime().UnixNano())}
		if got[i] != want {
			t.Fatalf("entry %d = %+v, want %+v", i, got[i], want)
		}
	}
	if _, err := Fingerprints(fsys, append(paths, "content/postmortems/gone.md")); err == nil {
		t.Error("a missing file gave no error")
	}
}

// TestHintsForEmptyResults checks the hints of a query that finds
// nothing (or finds something only without a word no postmortem has),
// and that a query with hits has none.
func TestHintsForEmptyResults(t *testing.T) {
	kb, _ := corpusKB(t, 60)
	pms := kb.Postmortems
	ix, err := OpenCache(t.TempDir(), &kb.Config, entriesOf(pms, "a"), newKBLoader(pms).load)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	sev, sys := pms[0].Severity, pms[0].Systems[0]
	cases := []struct {
		q    string
		want []string
	}{
		{"sev:" + sev + " zzqqxx", []string{`"sev:" is not a filter; the filters are severity:, system:, cause:, team:, year:, tag:`, `no postmortem has the word "zzqqxx"`}},
		{"severity:SEV9 system:" + sys, []string{`no postmortem has severity "SEV9"`}},
		{"system:nowhere cause:nothing", []string{`no postmortem has system "nowhere"`, `no postmortem has cause "nothing"`}},
		{`"sev:x" zzqqxx`, []string{`no postmortem has any of the words "sev:x", "zzqqxx"`}}, // quoted: a phrase, not a filter
		{"10:30 zzqqxx", []string{`no postmortem has any of the words "10:30", "zzqqxx"`}},   // not a name
		{"severity:" + sev, nil},        // has hits
		{"system:" + sys + " dns", nil}, // has hits or not, the filter exists
		// Operators of other engines: every word must match here.
		{"zzqqxx -zone", []string{`no postmortem has the word "zzqqxx"`}}, // an exclusion (QA 12 F4) is no reason to find nothing
		// The word no postmortem has is left out (QA 16 C-F1).
		{"zzqqxx OR dns", []string{`"OR" is not an operator: every word must match; to find either word, search for each`, `no postmortem has the word "zzqqxx"`}}, // one word of two is too little to relax (review 16 search-1)
		{"zzqqxx ＯＲ dns", []string{`"OR" is not an operator: every word must match; to find either word, search for each`, `no postmortem has the word "zzqqxx"`}}, // full width (QA 14 B-F8)
		{"zzqqxx -10 or", []string{`no postmortem has the word "zzqqxx"`}},                                                                                         // not a word; lower-case "or" is a word
		{`"-zone" zzqqxx`, []string{`no postmortem has the word "zzqqxx"`}},                                                                                        // quoted
	}
	files, err := Export(kb)
	if err != nil {
		t.Fatal(err)
	}
	js := jsHints(t, writeFiles(t, files), cases)
	for i, tt := range cases {
		if !slices.Equal(js[i], tt.want) {
			t.Errorf("%q: search.js hints %q, want %q", tt.q, js[i], tt.want)
		}
		res, err := Query(context.Background(), ix, tt.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Hints, tt.want) {
			t.Errorf("%q: hints %q, want %q", tt.q, res.Hints, tt.want)
		}
	}
}

// jsHints runs each query with search.js over the export in dir and
// returns the hints it words in English (nil for none).
func jsHints(t *testing.T, dir string, cases []struct {
	q    string
	want []string
}) [][]string {
	t.Helper()
	var qs []string
	for _, c := range cases {
		qs = append(qs, c.q)
	}
	var out [][]string
	for _, r := range jsHintsOf(t, dir, qs) {
		out = append(out, r.Hints[0])
	}
	return out
}

// jsHinted is a query's total and its hints as search.js words them, in
// English and in Japanese (nil for none).
type jsHinted struct {
	Total int
	Hints [2][]string
}

// jsHintsOf runs each query with search.js over the export in dir.
func jsHintsOf(t *testing.T, dir string, queries []string) []jsHinted {
	t.Helper()
	in, err := json.Marshal(map[string]any{"dir": filepath.Join(dir, "search"), "queries": queries})
	if err != nil {
		t.Fatal(err)
	}
	prog := `const fs = require('fs');
const args = JSON.parse(input);
(async () => {
  const e = new pmkb.Engine(p => Promise.resolve(JSON.parse(fs.readFileSync(args.dir + '/' + p))));
  const out = [];
  for (const q of args.queries) {
    const r = await e.search(q, {});
    out.push({total: r.total, hints: ['en', 'ja'].map(lang => r.hints.length ? r.hints.map(h => pmkb.hintText(h, lang)) : null)});
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });`
	var out []jsHinted
	if err := json.Unmarshal(runNode(t, prog, in), &out); err != nil {
		t.Fatal(err)
	}
	return out
}
