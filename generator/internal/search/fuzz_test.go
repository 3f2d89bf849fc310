package search

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// FuzzParseQuery: any query string parses without panicking into clauses
// that each have terms, excluded ones too.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"dns", `"connection pool" severity:SEV1`, "certif*", `team:"a b`, "証明書 *", `""`, "::", `a:"`, "\xff\xfe", "dns -zone", `-"a b`, `-"`, "- -- －", "NOT NOT x", "NOT", "-severity:", "-証*", "dns ＮＯＴ zone ＯＲ ｘ", "“a b”", "„a“ „", "system:「x y」", "-«a» 『", "＂"} {
		f.Add(s)
	}
	a, err := NewAnalyzer()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, prefix := range []bool{false, true} {
			pq := parseQuery(q, a, prefix)
			for _, c := range slices.Concat(pq.Clauses, slices.Concat(pq.Exclude...)) {
				if len(c.Terms) == 0 || (c.Kind == clausePhrase && len(c.Offsets) != len(c.Terms)) {
					t.Fatalf("parseQuery(%q) made clause %+v", q, c)
				}
			}
		}
	})
}

// FuzzReadManifest: a damaged cache manifest is an error, never a panic.
func FuzzReadManifest(f *testing.F) {
	m := &manifest{Version: cacheVersion, Config: "x", Files: map[string]manifestFile{
		"a.md": {Fingerprint: "1", Indexed: true, Doc: docInfo{ID: "a", Title: "A", Systems: []string{"s"}, Snippet: "text"}},
		"b.md": {Fingerprint: "2"},
	}}
	dir := f.TempDir()
	p := filepath.Join(dir, "m")
	if err := writeManifest(p, m); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(p)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "m")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		readManifest(p) //nolint:errcheck // only panics matter
	})
}

// TestManifestRoundTrip writes a manifest and reads it back.
func TestManifestRoundTrip(t *testing.T) {
	kb := browserKB()
	m := &manifest{Version: cacheVersion, Config: "cfg", Files: map[string]manifestFile{"gone.md": {Fingerprint: "0"}}}
	for _, p := range kb.Postmortems {
		m.Files[p.Path] = manifestFile{Fingerprint: "f" + p.ID, Indexed: true, Time: p.Date, Doc: newDocInfo(p, kb.Config.Language)}
	}
	p := filepath.Join(t.TempDir(), "manifest")
	if err := writeManifest(p, m); err != nil {
		t.Fatal(err)
	}
	got, err := readManifest(p)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != m.Version || got.Config != m.Config || len(got.Files) != len(m.Files) {
		t.Fatalf("read %+v", got)
	}
	for i, path := range got.order {
		if path != kb.Postmortems[i].Path {
			t.Errorf("order[%d] = %s, want %s", i, path, kb.Postmortems[i].Path)
		}
	}
	for path, want := range m.Files {
		f := got.Files[path]
		if f.Fingerprint != want.Fingerprint || f.Indexed != want.Indexed || !f.Time.Equal(want.Time) ||
			!reflect.DeepEqual(f.Doc, want.Doc) {
			t.Errorf("%s: read\n %+v\nwant\n %+v", path, f, want)
		}
	}
}
