package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/output"
	"github.com/pmkb/pmkb/generator/model"
	"github.com/pmkb/pmkb/themes"
)

// collect streams kb and returns the files put, by path, failing the test
// on an error or a path put twice.
func collect(t *testing.T, kb *model.KnowledgeBase, opts Options) map[string][]byte {
	t.Helper()
	var mu sync.Mutex
	got := map[string][]byte{}
	err := Stream(kb, themes.Default(), opts, func(f output.File) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := got[f.Path]; dup {
			t.Errorf("%s put twice", f.Path)
		}
		got[f.Path] = f.Data
		return nil
	})
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	return got
}

// TestStreamSameAsSite puts exactly the files of Site, byte for byte.
func TestStreamSameAsSite(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		want := site(t, testKB(lang, repo), testOpts)
		got := collect(t, testKB(lang, repo), testOpts)
		if len(got) != len(want) {
			t.Errorf("%s: Stream put %d files, Site made %d", lang, len(got), len(want))
		}
		for p, data := range want {
			if g, ok := got[p]; !ok {
				t.Errorf("%s: Stream did not put %s", lang, p)
			} else if !bytes.Equal(g, data) {
				t.Errorf("%s: %s differs between Stream and Site", lang, p)
			}
		}
	}
}

// TestStreamReuseBuffers checks ReuseBuffers: a put that copies each
// file's bytes before it returns gets the same site, and a put that
// (wrongly) keeps them sees later pages written over earlier ones, which
// shows the buffers really are reused.
func TestStreamReuseBuffers(t *testing.T) {
	kb := manyKB(60)
	want := site(t, kb, testOpts)
	opts := testOpts
	opts.ReuseBuffers = true
	var mu sync.Mutex
	copied, kept := map[string][]byte{}, map[string][]byte{}
	err := Stream(kb, themes.Default(), opts, func(f output.File) error {
		mu.Lock()
		defer mu.Unlock()
		copied[f.Path] = bytes.Clone(f.Data)
		kept[f.Path] = f.Data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	overwritten := 0
	for p, data := range want {
		if !bytes.Equal(copied[p], data) {
			t.Errorf("%s differs when buffers are reused", p)
		}
		if !bytes.Equal(kept[p], data) {
			overwritten++
		}
	}
	if overwritten == 0 {
		t.Error("no kept page was written over: buffers are not reused")
	}
}

// TestStreamOnly renders just the pages of Options.Only, the same as in
// the whole site.
func TestStreamOnly(t *testing.T) {
	const id = "2024-03-14-checkout-cert"
	whole := site(t, testKB("en", repo), testOpts)
	opts := testOpts
	opts.Only = []string{id}
	got := collect(t, testKB("en", repo), opts)
	p := model.PostmortemPath(id) + "index.html"
	if len(got) != 1 || got[p] == nil {
		t.Fatalf("Only put %v, want just %s", slices.Sorted(maps.Keys(got)), p)
	}
	if !bytes.Equal(got[p], whole[p]) {
		t.Errorf("%s differs from the same page of the whole site", p)
	}
}

// manyKB is the test knowledge base with n more incidents, copies of the
// gateway incident.
func manyKB(n int) *model.KnowledgeBase {
	kb := testKB("en", repo)
	pms := slices.Clone(kb.Postmortems)
	gw, _ := kb.ByID("2023-11-02-gateway-cert-rotation")
	for i := range n {
		c := *gw
		c.ID = fmt.Sprintf("2023-11-02-gateway-copy-%04d", i)
		c.Path = "content/postmortems/2023/" + c.ID + ".md"
		c.ActionItems = slices.Clone(gw.ActionItems)
		pms = append(pms, &c)
	}
	return model.New(kb.Config, kb.Today, pms)
}

// TestStreamPutError stops at the first error of put and returns it.
func TestStreamPutError(t *testing.T) {
	workers := 2 * runtime.GOMAXPROCS(0)
	kb := manyKB(4*workers + 50)
	total := len(site(t, kb, Options{}))
	errFull := errors.New("disk full")
	const failAt = 5
	var calls atomic.Int64
	err := Stream(kb, themes.Default(), Options{}, func(output.File) error {
		if calls.Add(1) >= failAt {
			return errFull
		}
		return nil
	})
	if !errors.Is(err, errFull) {
		t.Errorf("err = %v, want %v", err, errFull)
	}
	// Each worker finishes at most the file it holds.
	if n := int(calls.Load()); n > failAt+workers || n >= total {
		t.Errorf("put called %d times of %d files after failing at call %d (%d workers)", n, total, failAt, workers)
	}
}

// TestStreamRenderError returns an error of a template and stops.
func TestStreamRenderError(t *testing.T) {
	theme := themeWith(t, "layouts/postmortem.html", `{{define "main"}}{{.Main.NoSuchField}}{{end}}`)
	kb := manyKB(4*runtime.GOMAXPROCS(0) + 50)
	total := len(site(t, kb, Options{}))
	var calls atomic.Int64
	err := Stream(kb, theme, Options{}, func(output.File) error {
		calls.Add(1)
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "NoSuchField") {
		t.Errorf("err = %v, want the template's error", err)
	}
	if n := int(calls.Load()); n >= total {
		t.Errorf("put called for all %d files after an error", n)
	}
}

// TestStreamDuplicatePaths refuses two files with one path before putting
// any.
func TestStreamDuplicatePaths(t *testing.T) {
	cases := []struct {
		name  string
		theme fs.FS
		opts  Options
	}{
		{"page over the search page", themes.Default(), Options{Pages: []Page{{Path: "search/", Title: "Search again"}}}},
		{"page over a postmortem", themes.Default(), Options{Pages: []Page{{Path: "postmortems/2024-02-01-billing-batch/", Title: "x"}}}},
		{"static file over a page", themeWith(t, "static/404.html", "not found"), Options{}},
	}
	for _, c := range cases {
		var calls atomic.Int64
		err := Stream(testKB("en", repo), c.theme, c.opts, func(output.File) error {
			calls.Add(1)
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), "two pages would be written") {
			t.Errorf("%s: err = %v, want two pages at one path", c.name, err)
		}
		if n := calls.Load(); n != 0 {
			t.Errorf("%s: put called %d times before the error", c.name, n)
		}
	}
}

// themeWith is the default theme with one file replaced or added.
func themeWith(t *testing.T, name, data string) fstest.MapFS {
	t.Helper()
	theme := fstest.MapFS{}
	if err := fsCopy(themes.Default(), theme); err != nil {
		t.Fatal(err)
	}
	theme[name] = &fstest.MapFile{Data: []byte(data)}
	return theme
}

// TestTermChainsOldTheme renders a term page with the chains of repeats
// written as term.html wrote them before the markers of chains (a range
// over each chain's PMs): the page must be byte for byte the default
// theme's.
func TestTermChainsOldTheme(t *testing.T) {
	src, err := fs.ReadFile(themes.Default(), "layouts/term.html")
	if err != nil {
		t.Fatal(err)
	}
	const marker = `<pmkb-rows data-n="{{.N}}"></pmkb-rows>`
	const loop = `{{range $i, $r := .PMs}}{{if $i}} → {{end}}<bdi><a href="{{$r.Href}}"{{if $r.Lang}} lang="{{$r.Lang}}"{{end}}>{{$r.Title}}</a></bdi> <time>{{$r.Date}}</time>{{end}}`
	if !strings.Contains(string(src), marker) {
		t.Fatalf("term.html has no %s", marker)
	}
	old := themeWith(t, "layouts/term.html", strings.Replace(string(src), marker, loop, 1))
	const page = "systems/api-gateway/index.html"
	files, err := Site(testKB("en", repo), old, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	for _, f := range files {
		if f.Path == page {
			got = f.Data
		}
	}
	want := site(t, testKB("en", repo), testOpts)[page]
	if !strings.Contains(string(want), "chain-label") || !strings.Contains(string(want), " → ") {
		t.Fatalf("%s shows no chain", page)
	}
	if string(got) != string(want) {
		t.Errorf("%s with the old term.html:\n%s\nwant:\n%s", page, got, want)
	}
}
