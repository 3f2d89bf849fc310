package main

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/model"
)

func TestCategory(t *testing.T) {
	for p, want := range map[string]string{
		"/assets/search.js":     catScript,
		"/search/meta.json":     catIndex,
		"/search/t/28.json":     catIndex,
		"/search/p/218.json":    catIndex,
		"/search/q/45.json":     catIndex,
		"/search/d/289.json":    catDocs,
		"/search/facets.json":   catFacets,
		"/search/":              catPage,
		"/search/index.html":    catPage,
		"/assets/pmkb.css":      catPage,
		"/assets/actions.js":    catPage,
		"/assets/favicon.svg":   catPage,
		"/postmortems/x/d/1.js": catPage,
	} {
		if got := category(p); got != want {
			t.Errorf("category(%q) = %q, want %q", p, got, want)
		}
	}
}

// A header-box query recorded as the browser reported it: the page and its
// assets load first (search.js among them), the query's files after the
// typing delay; facets.json is never fetched by the quick list but is here
// to show that a file begun after the results is not counted.
var headerRecording = []transfer{
	{Path: "/postmortems/a/", Document: true, Bytes: 30000},
	{Path: "/assets/pmkb.css", Timed: true, Start: 60, End: 190, Bytes: 12300},
	{Path: "/assets/search.js", Timed: true, Start: 100, End: 200, Bytes: 43300, Body: 43100},
	{Path: "/assets/favicon.svg", Bytes: 400}, // the browser's own request: no Resource Timing entry
	{Path: "/search/meta.json", Timed: true, Start: 520, End: 530, Bytes: 450, Body: 400},
	{Path: "/search/t/28.json", Timed: true, Start: 548, End: 553, Bytes: 2700, Body: 2600},
	{Path: "/search/p/218.json", Timed: true, Start: 561, End: 566, Bytes: 4100, Body: 4000},
	{Path: "/search/d/289.json", Timed: true, Start: 581, End: 604.6, Bytes: 1250, Body: 1200},
	{Path: "/search/d/329.json", Timed: true, Start: 581, End: 603.4, Bytes: 1250, Body: 1200},
	{Path: "/search/facets.json", Timed: true, Start: 660, End: 670, Bytes: 11000, Body: 10900},
}

func TestAccountFirstQuery(t *testing.T) {
	q, err := accountFirstQuery(headerRecording, 652.4)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range q.Files {
		paths = append(paths, f.Path)
	}
	wantPaths := []string{"/assets/search.js", "/search/meta.json", "/search/t/28.json", "/search/p/218.json", "/search/d/289.json", "/search/d/329.json"}
	if !slices.Equal(paths, wantPaths) {
		t.Errorf("counted %q, want %q", paths, wantPaths)
	}
	if want := int64(43300 + 450 + 2700 + 4100 + 1250 + 1250); q.Bytes != want {
		t.Errorf("Bytes = %d, want %d", q.Bytes, want)
	}
	if want := int64(43100 + 400 + 2600 + 4000 + 1200 + 1200); q.Body != want {
		t.Errorf("Body = %d, want %d", q.Body, want)
	}
	wantCat := map[string]int64{catScript: 43300, catIndex: 450 + 2700 + 4100, catDocs: 2500}
	for _, c := range searchCategories {
		if q.ByCategory[c] != wantCat[c] {
			t.Errorf("ByCategory[%s] = %d, want %d", c, q.ByCategory[c], wantCat[c])
		}
	}
	if q.DataEnd != 604.6 {
		t.Errorf("DataEnd = %v, want 604.6 (the last counted response, not the earlier-ending last request)", q.DataEnd)
	}
	if len(q.Later) != 1 || q.Later[0].Path != "/search/facets.json" {
		t.Errorf("Later = %+v, want facets.json", q.Later)
	}
	if len(q.Page) != 2 || q.Page[0].Path != "/assets/pmkb.css" || q.Page[1].Path != "/assets/favicon.svg" {
		t.Errorf("Page = %+v, want the stylesheet and the icon", q.Page)
	}

	// A response that arrives after the results were listed was not used
	// by them, even when it was asked for before (facets.json, which the
	// search page asks for while it lists a word's results).
	late := slices.Clone(headerRecording)
	late[7].End = 653 // d/289.json
	q, err = accountFirstQuery(late, 652.4)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Files) != 5 || q.DataEnd != 603.4 || len(q.Later) != 2 || q.Later[0].Path != "/search/d/289.json" {
		t.Errorf("a late document: %d files, DataEnd %v, later %+v", len(q.Files), q.DataEnd, q.Later)
	}

	// On a busy machine the listing can be seen after the facets it asked
	// for have arrived (run 3 of fb2092d at a load average of 27): asked
	// for after the last document arrived, so not counted.
	busy := slices.Clone(headerRecording)
	busy[9].Start, busy[9].End = 605, 640 // facets.json
	q, err = accountFirstQuery(busy, 652.4)
	if err != nil {
		t.Fatal(err)
	}
	if q.ByCategory[catFacets] != 0 || len(q.Later) != 1 || q.DataEnd != 604.6 {
		t.Errorf("facets asked for by the listing: ByCategory %v, Later %v, DataEnd %v", q.ByCategory, q.Later, q.DataEnd)
	}

	// A word with a filter fetches facets.json before its documents:
	// counted.
	filtered := slices.Clone(headerRecording)
	filtered[9].Start, filtered[9].End = 531, 545
	q, err = accountFirstQuery(filtered, 652.4)
	if err != nil {
		t.Fatal(err)
	}
	if q.ByCategory[catFacets] != 11000 || len(q.Later) != 0 || q.DataEnd != 604.6 {
		t.Errorf("facets before the results: ByCategory %v, Later %v, DataEnd %v", q.ByCategory, q.Later, q.DataEnd)
	}

	// A query that matched nothing has no documents: its index files are
	// counted up to the listing.
	q, err = accountFirstQuery(headerRecording[:7], 600)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Files) != 4 || q.DataEnd != 566 {
		t.Errorf("no documents: %d files, DataEnd %v", len(q.Files), q.DataEnd)
	}
}

func TestAccountFirstQueryRejects(t *testing.T) {
	untimed := slices.Clone(headerRecording)
	untimed[4].Timed = false // meta.json
	tests := []struct {
		name   string
		ts     []transfer
		listed float64
		want   string
	}{
		{"search file without timings", untimed, 652.4, "/search/meta.json: no Resource Timing entry"},
		{"nothing before the results", headerRecording, 50, "no search file was received"},
		{"only the page", headerRecording[:2], 652.4, "no search file was received"},
	}
	for _, tt := range tests {
		if _, err := accountFirstQuery(tt.ts, tt.listed); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestMeasureIndex(t *testing.T) {
	text := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"search/index.html":   text("<!doctype html>the search page, not the index"),
		"search/meta.json":    text(`{"shards":2}`),
		"search/facets.json":  text(`{"severity":[]}`),
		"search/t/0.json":     text(`{"database":[0,3]}`),
		"search/d/0.json":     text(`[["a","A"]]`),
		"assets/search.js":    text(strings.Repeat("var x = 1;\n", 100)),
		"postmortems/a/index": text("not counted"),
	}
	s, err := measureIndex(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := indexSize{files: 4, raw: int64(len(`{"shards":2}`) + len(`{"severity":[]}`) + len(`{"database":[0,3]}`) + len(`[["a","A"]]`)), script: 1100,
		facetsRaw: int64(len(`{"severity":[]}`))}
	if s.files != want.files || s.raw != want.raw || s.script != want.script || s.facetsRaw != want.facetsRaw {
		t.Errorf("measureIndex = %+v, want files, raw, script, facets of %+v", s, want)
	}
	if s.scriptGzip <= 0 || s.scriptGzip >= s.script || s.gzip <= 0 || s.facetsGzip <= 0 {
		t.Errorf("gzip sizes %+v: want compressed, non-zero", s)
	}
	delete(fsys, "assets/search.js")
	if _, err := measureIndex(fsys); err == nil {
		t.Error("no assets/search.js: no error")
	}
	if _, err := measureIndex(fstest.MapFS{"search/index.html": text("x"), "assets/search.js": text("x")}); err == nil {
		t.Error("no index files: no error")
	}
}

func TestSiteHandler(t *testing.T) {
	js := strings.Repeat("function f() { return 1; }\n", 50)
	fsys := fstest.MapFS{
		"index.html":         {Data: []byte("home")},
		"search/index.html":  {Data: []byte("search page")},
		"search/meta.json":   {Data: []byte(`{"shards":2}`)},
		"assets/search.js":   {Data: []byte(js)},
		"assets/favicon.png": {Data: []byte("\x89PNG\r\n\x1a\n....")},
	}
	get := func(h http.Handler, path, ae string) *http.Response {
		r := httptest.NewRequest("GET", path, nil)
		if ae != "" {
			r.Header.Set("Accept-Encoding", ae)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}
	body := func(r *http.Response) string {
		var rd io.Reader = r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(r.Body)
			if err != nil {
				t.Fatal(err)
			}
			rd = zr
		}
		b, _ := io.ReadAll(rd)
		return string(b)
	}
	plain, gz := siteHandler(fsys, false), siteHandler(fsys, true)
	tests := []struct {
		h        http.Handler
		path, ae string
		status   int
		encoding string
		body     string
	}{
		{plain, "/search/?q=database", "gzip", 200, "", "search page"},
		{plain, "/", "gzip", 200, "", "home"},
		{plain, "/assets/search.js", "gzip, deflate", 200, "", js},
		{gz, "/assets/search.js", "gzip, deflate, br", 200, "gzip", js},
		{gz, "/search/meta.json", "gzip", 200, "gzip", `{"shards":2}`},
		{gz, "/search/meta.json", "", 200, "", `{"shards":2}`},
		{gz, "/search/meta.json", "gzip;q=0", 200, "", `{"shards":2}`},
		{gz, "/assets/favicon.png", "gzip", 200, "", "\x89PNG\r\n\x1a\n...."},
		{gz, "/search", "gzip", 301, "", ""},
		{gz, "/search/nothing.json", "gzip", 404, "", ""},
		{gz, "/../../etc/passwd", "gzip", 404, "", ""},
	}
	for _, tt := range tests {
		r := get(tt.h, tt.path, tt.ae)
		if r.StatusCode != tt.status || r.Header.Get("Content-Encoding") != tt.encoding {
			t.Errorf("%s (Accept-Encoding %q): status %d, encoding %q; want %d, %q", tt.path, tt.ae, r.StatusCode, r.Header.Get("Content-Encoding"), tt.status, tt.encoding)
			continue
		}
		if tt.status == 200 {
			if b := body(r); b != tt.body {
				t.Errorf("%s: body %q, want %q", tt.path, b, tt.body)
			}
		}
	}
	if r := get(gz, "/assets/search.js", "gzip"); r.ContentLength >= int64(len(js)) {
		t.Errorf("gzip Content-Length %d, want less than %d", r.ContentLength, len(js))
	}
}

func TestLastBefore(t *testing.T) {
	if got, err := lastBefore([]float64{947.6, 1231.8, 1500}, 1265.8); err != nil || got != 1231.8 {
		t.Errorf("lastBefore = %v, %v; want 1231.8", got, err)
	}
	if _, err := lastBefore([]float64{1500}, 1265.8); err == nil {
		t.Error("no timer before: no error")
	}
}

func TestSearchSummaryTable(t *testing.T) {
	run := func(bytes int64, shown, dataEnd, warm float64) queryRun {
		return queryRun{first: firstQuery{Bytes: bytes, DataEnd: dataEnd}, shown: shown, warm: warm}
	}
	r := searchResult{n: 1000, index: indexSize{files: 1064, raw: 2_200_000, gzip: 1_100_000}, queries: []queryCell{
		{word: "database", way: wayURL, raw: []queryRun{run(74300, 110, 100, 20)}, gz: []queryRun{run(40600, 114, 100, 30)}},
		{word: "database", way: wayHeader, raw: []queryRun{run(56300, 10, 5, 1)}, gz: []queryRun{run(24400, 10, 5, 1)}},
		{word: "証明書", way: wayURL, raw: []queryRun{run(92100, 150, 100, 40), run(92200, 160, 100, 60)}, gz: []queryRun{run(38500, 170, 100, 50)}},
	}}
	got := searchSummaryTable([]searchResult{r})
	want := "| 1000 | 1064 files, 2.2 MB / 1.1 MB | 74.3 KB / 40.6 KB | 92.1–92.2 KB / 38.5 KB | 12.0 / 60.0 ms | 25.0 / 50.0 ms |\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("summary table:\n%s\nwant its row:\n%s", got, want)
	}
}

func TestParseFlagsSearch(t *testing.T) {
	cfg, err := parseFlags([]string{"-search", "-v", "-n", "1000", "-runs", "2"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.search || !cfg.verbose || cfg.runs != 2 || !slices.Equal(cfg.sizes, []int{1000}) {
		t.Errorf("parseFlags = %+v", cfg)
	}
}

// TestMeasureQueryInBrowser runs the browser half of -search on a small
// generated site (200 postmortems: the smallest of seed 1 with 証明書):
// both words, both ways, and one of them gzipped. Like the other
// browser tests it fails when no Chromium is found, unless
// PMKB_NO_BROWSER=1.
func TestMeasureQueryInBrowser(t *testing.T) {
	if os.Getenv("PMKB_NO_BROWSER") == "1" {
		t.Skip("PMKB_NO_BROWSER=1: browser test skipped")
	}
	chromium, err := findChromium()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	today, _ := model.ParseDate("2026-11-27")
	if err := corpus.Generate(corpus.Options{N: 200, Seed: 1, Today: today, Formats: true}).WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	opts := generator.Options{Source: os.DirFS(dir), Today: today, Version: "pmkb bench test"}
	if _, _, err := generator.BuildAndPublish(context.Background(), opts, dest, generator.PublishOptions{SourceDir: dir}); err != nil {
		t.Fatal(err)
	}
	site := os.DirFS(dest)
	pm, err := firstPostmortemPage(site)
	if err != nil {
		t.Fatal(err)
	}
	plainBytes := map[string]int64{}
	for _, compress := range []bool{false, true} {
		srv, err := listen(siteHandler(site, compress))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.Close() })
		for _, word := range searchWords {
			for _, way := range searchWays {
				if compress && (word != searchWords[0] || way != wayURL) {
					continue // one gzip run shows the server compresses
				}
				q, err := measureQuery(chromium, t.TempDir(), srv.url, pm, word, way)
				if err != nil {
					t.Errorf("%s by %s (gzip %v): %v", word, way, compress, err)
					continue
				}
				if q.hits == 0 || q.warmHits != q.hits {
					t.Errorf("%s by %s: %d results, %d warm: want the same, more than none", word, way, q.hits, q.warmHits)
				}
				if q.first.ByCategory[catScript] == 0 || q.first.ByCategory[catIndex] == 0 || q.first.ByCategory[catDocs] == 0 {
					t.Errorf("%s by %s: first query by kind %v: want script, index and docs", word, way, q.first.ByCategory)
				}
				for _, f := range q.first.Files {
					if f.Body <= 0 || f.Bytes <= f.Body {
						t.Errorf("%s by %s: %s received %d bytes with a body of %d: want headers besides a body", word, way, f.Path, f.Bytes, f.Body)
					}
				}
				if q.queryTime() < 0 || q.warm <= 0 || q.shown <= q.started {
					t.Errorf("%s by %s: query time %.1f, warm %.1f, shown %.1f after %.1f", word, way, q.queryTime(), q.warm, q.shown, q.started)
				}
				// The search page counts its facets after its results.
				if way == wayURL && (len(q.first.Later) != 1 || q.first.Later[0].Path != "/search/facets.json") {
					t.Errorf("%s by %s: later %+v, want facets.json", word, way, q.first.Later)
				}
				if !compress {
					plainBytes[word+way] = q.first.Bytes
				} else if q.first.Bytes*3/2 > plainBytes[word+way] {
					t.Errorf("%s by %s: %d bytes gzipped against %d plain: want under two thirds", word, way, q.first.Bytes, plainBytes[word+way])
				}
			}
		}
	}
}
