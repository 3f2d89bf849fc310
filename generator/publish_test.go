package generator_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pmkb/pmkb/generator"
)

// readTree maps every regular file under dir (slash path) to its bytes.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		tree[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// TestBuildAndPublishWritesWhatBuildMakes proves the streamed build (pages
// written as they are rendered, from several goroutines) publishes exactly
// the files the in-memory build returns, byte for byte, plus the manifest.
func TestBuildAndPublishWritesWhatBuildMakes(t *testing.T) {
	want := buildSample(t, generator.Options{})
	dest := filepath.Join(t.TempDir(), "public")
	var stages []string
	opts := generator.Options{Source: os.DirFS(sampleRoot), Today: sampleToday,
		Progress: func(stage string, n int) { stages = append(stages, stage) }}
	site, res, err := generator.BuildAndPublish(context.Background(), opts, dest, generator.PublishOptions{})
	if err != nil {
		t.Fatalf("BuildAndPublish: %v", err)
	}
	got := readTree(t, dest)
	if _, ok := got[".pmkb-manifest"]; !ok {
		t.Errorf("no manifest in %v", dest)
	}
	delete(got, ".pmkb-manifest")
	if len(got) != len(want.Files) {
		t.Errorf("published %d files, the in-memory build has %d", len(got), len(want.Files))
	}
	for _, f := range want.Files {
		if got[f.Path] != string(f.Data) {
			t.Errorf("%s differs from the in-memory build", f.Path)
		}
	}
	if res.Written != len(want.Files) || site.Pages != want.Pages || site.Pages == 0 {
		t.Errorf("written %d, pages %d; want %d written, %d pages", res.Written, site.Pages, len(want.Files), want.Pages)
	}
	if last := stages[len(stages)-1]; last != "publish" || stages[0] != "load" {
		t.Errorf("progress stages = %q, want load first and publish last", stages)
	}
	// The pages above match although the streamed build released what only
	// loading reads (the in-memory build keeps it).
	for _, p := range site.KB.Postmortems {
		if p.Body != "" || p.Lines != nil {
			t.Errorf("%s: Markdown or field lines kept after loading", p.ID)
		}
		for _, a := range p.ActionItems {
			if a.Lines != nil {
				t.Errorf("%s %s: field lines kept after loading", p.ID, a.ID)
			}
		}
	}

	// The same build again changes nothing on disk.
	_, res, err = generator.BuildAndPublish(context.Background(), opts, dest, generator.PublishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 || res.Unchanged != len(want.Files) {
		t.Errorf("rebuild: %+v, want every file unchanged", res)
	}
}

func TestBuildAndPublishLeavesTheSiteOnContentErrors(t *testing.T) {
	root, dest := previousSite(t)
	src := overlay(t, map[string]string{brokenPath: brokenPostmortem})
	site, _, err := generator.BuildAndPublish(context.Background(), generator.Options{Source: src, Today: sampleToday}, dest, generator.PublishOptions{})
	if !errors.Is(err, generator.ErrContent) || !site.Diagnostics.HasErrors() {
		t.Fatalf("err = %v, want ErrContent with diagnostics", err)
	}
	if got := readTree(t, dest); len(got) != 1 || got["index.html"] != "previous" {
		t.Errorf("destination changed: %v", got)
	}
	assertNoStaging(t, root)
}

// TestBuildAndPublishStopsWhenCancelled proves a build interrupted half-way
// (Ctrl-C cancels the CLI's context) stops, publishes nothing and leaves
// no staging folder.
func TestBuildAndPublishStopsWhenCancelled(t *testing.T) {
	root, dest := previousSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var made atomic.Int64
	opts := generator.Options{Source: os.DirFS(sampleRoot), Today: sampleToday,
		Files: func(n int) {
			made.Store(int64(n))
			if n == 20 {
				cancel()
			}
		}}
	_, _, err := generator.BuildAndPublish(ctx, opts, dest, generator.PublishOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := made.Load(); n >= 100 {
		t.Errorf("%d files were made after the build was cancelled at 20", n)
	}
	if got := readTree(t, dest); len(got) != 1 || got["index.html"] != "previous" {
		t.Errorf("destination changed: %d files", len(got))
	}
	assertNoStaging(t, root)
}

// previousSite makes a folder with a published site (public/index.html
// says "previous") and returns the folder and the site's path.
func previousSite(t *testing.T) (root, dest string) {
	t.Helper()
	root = t.TempDir()
	dest = filepath.Join(root, "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "index.html"), []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, dest
}

// assertNoStaging checks that no staging folder is left beside the site.
func assertNoStaging(t *testing.T, root string) {
	t.Helper()
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".pmkb-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
