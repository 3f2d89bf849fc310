package source

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/pmkb/pmkb/generator/diag"
	"github.com/pmkb/pmkb/generator/model"
)

// TestMetadataCacheOfAnotherBuildIsNotTrusted: after an upgrade, pmkb
// stats, actions and notify kept failing on an error the new parser no
// longer has, while pmkb lint found none, since the cache of parsed
// front matter was kept until its hand-kept version changed (QA 19 C-F4).
// The test writes a cache, puts in it what an older parser made of the
// file (an error), and loads again: the same build trusts it, another
// build parses the file anew.
func TestMetadataCacheOfAnotherBuildIsNotTrusted(t *testing.T) {
	defer func(b func() string) { buildID = b }(buildID)
	root, cache := t.TempDir(), t.TempDir()
	path := filepath.Join(root, "content", "postmortems", "a.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("---\ntitle: Disk full\ndate: 2026-01-10\nseverity: SEV2\nsystems: [db]\ncauses: [capacity]\n---\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := model.DefaultSiteConfig()
	load := func() *diag.List {
		t.Helper()
		_, d := LoadMetadata(os.DirFS(root), &cfg, cache)
		return d
	}
	buildID = func() string { return "old build" }
	if d := load(); d.HasErrors() {
		t.Fatalf("first load: %v", d.Items())
	}
	// What the older build made of the file: an error.
	file := filepath.Join(cache, "metadata-v"+strconv.Itoa(metaCacheVersion)+".gob")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var c metaCache
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&c); err != nil {
		t.Fatal(err)
	}
	for p, e := range c.Entries {
		e.Diags = append(e.Diags, diag.Diagnostic{Pos: diag.Pos{Path: p, Line: 3}, Severity: diag.Error, Message: "an error of the older parser"})
		c.Entries[p] = e
	}
	if err := writeCache(file, &c); err != nil {
		t.Fatal(err)
	}
	if d := load(); !d.HasErrors() {
		t.Fatal("the build that wrote the cache did not read it (the test shows nothing)")
	}
	buildID = func() string { return "new build" }
	if d := load(); d.HasErrors() {
		t.Errorf("another build answered from the older build's cache: %v", d.Items())
	}
}
