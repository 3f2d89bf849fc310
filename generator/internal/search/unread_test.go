package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/pmkb/pmkb/generator/model"
)

// TestUnreadKeptInCache checks that the first error of a file left out
// for its errors is kept by the cache and given by Unread on every kind of
// open: the one that parses it, a warm one that parses nothing, and a
// refresh for another file; that it goes when the file is fixed or no
// longer listed; and that a file left out with no problem (a draft) is not
// among them (QA 13 F3).
func TestUnreadKeptInCache(t *testing.T) {
	kb, _ := corpusKB(t, 20)
	pms := kb.Postmortems
	dir := t.TempDir()
	entries := entriesOf(pms, "a")
	broken, draft := pms[3].Path, pms[5].Path
	msg := broken + ":8: invalid YAML: the list opened at line 8 is not closed; end it with ]"
	loader := func(fixed bool) *kbLoader {
		l := newKBLoader(pms)
		delete(l.byPath, draft)
		if !fixed {
			l.problems = map[string]string{broken: msg}
		}
		return l
	}
	open := func(step string, l *kbLoader, wantWarm bool, wantUnread []string, wantLen int) {
		t.Helper()
		ix, err := OpenCache(dir, &kb.Config, entries, l.load)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		defer ix.Close()
		if warm := ix.manifest != nil; warm != wantWarm {
			t.Errorf("%s: warm open %v, want %v (parsed %v)", step, warm, wantWarm, l.asked)
		}
		if got := ix.Unread(); !slices.Equal(got, wantUnread) {
			t.Errorf("%s: Unread() = %q, want %q", step, got, wantUnread)
		}
		if ix.Len() != wantLen {
			t.Errorf("%s: %d documents, want %d", step, ix.Len(), wantLen)
		}
	}
	n := len(pms)
	open("cold", loader(false), false, []string{msg}, n-2)
	l := loader(false)
	open("warm", l, true, []string{msg}, n-2)
	if len(l.asked) != 0 {
		t.Errorf("warm: parsed %v", l.asked)
	}

	// Another file changes: the refresh reads the problem back from the
	// manifest, and parses only that file.
	entries[0].Fingerprint = "b"
	l = loader(false)
	open("refresh", l, false, []string{msg}, n-2)
	if !slices.Equal(l.asked, []string{entries[0].Path}) {
		t.Errorf("refresh: parsed %v, want %s only", l.asked, entries[0].Path)
	}
	open("warm after refresh", loader(false), true, []string{msg}, n-2)

	// The file is fixed: no problem, and it is searched.
	i := slices.IndexFunc(entries, func(e Entry) bool { return e.Path == broken })
	entries[i].Fingerprint = "b"
	open("fixed", loader(true), false, nil, n-1)
	open("warm after the fix", loader(true), true, nil, n-1)

	// Broken again, then no longer listed: its problem goes with it.
	entries[i].Fingerprint = "c"
	open("broken again", loader(false), false, []string{msg}, n-2)
	entries = slices.Delete(entries, i, i+1)
	open("removed", loader(false), false, nil, n-2)
	open("warm after the removal", loader(false), true, nil, n-2)
}

// TestUnreadInPathOrder checks that Unread lists several problems in path
// order, cold and warm, and that the problems section's damage makes a
// warm open give up (the cache is rebuilt) rather than answer without it.
func TestUnreadInPathOrder(t *testing.T) {
	kb, _ := corpusKB(t, 12)
	pms := kb.Postmortems
	dir := t.TempDir()
	entries := entriesOf(pms, "a")
	l := newKBLoader(pms)
	l.problems = map[string]string{}
	var want []string
	for _, p := range pms[:4] {
		msg := p.Path + ":2: unknown severity \"SEV9\""
		l.problems[p.Path] = msg
		want = append(want, msg)
	}
	slices.Sort(want)
	for _, warm := range []bool{false, true} {
		ix, err := OpenCache(dir, &kb.Config, entries, l.load)
		if err != nil {
			t.Fatal(err)
		}
		if got := ix.Unread(); !slices.Equal(got, want) || (ix.manifest != nil) != warm {
			t.Errorf("warm %v (%v): Unread() = %q, want %q", warm, ix.manifest != nil, got, want)
		}
		ix.Close()
	}

	h, err := openManifest(dir + "/manifest")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	docs, _, probs, _, err := h.readDocs()
	if err != nil || len(docs) != len(pms)-4 || len(probs) != 4 {
		t.Fatalf("readDocs: %d docs, %d problems, %v", len(docs), len(probs), err)
	}
	if s, err := h.section(h.problems, h.files); err != nil || !strings.Contains(s, want[0]) {
		t.Errorf("the problems section does not hold %q: %q, %v", want[0], s, err)
	}
}

// TestUnreadLoaderAskedOnly checks that a problem the loader reports for
// a path it was not asked about is an error, as such a postmortem is.
func TestUnreadLoaderAskedOnly(t *testing.T) {
	kb, _ := corpusKB(t, 5)
	l := newKBLoader(kb.Postmortems)
	load := func(paths []string) ([]*model.Postmortem, map[string]string, error) {
		pms, probs, err := l.load(paths)
		probs["content/postmortems/elsewhere.md"] = "content/postmortems/elsewhere.md:1: no front matter"
		return pms, probs, err
	}
	_, err := OpenCache(t.TempDir(), &kb.Config, entriesOf(kb.Postmortems, "a"), load)
	if err == nil || !strings.Contains(err.Error(), "elsewhere.md") {
		t.Errorf("OpenCache: %v, want an error naming elsewhere.md", err)
	}
}
