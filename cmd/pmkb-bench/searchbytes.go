package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// What a first query downloads, by the kind of file (see category).
const (
	catScript = "script" // assets/search.js
	catIndex  = "index"  // search/meta.json and the dictionary (t/), postings (p/) and positions (q/) shards
	catDocs   = "docs"   // search/d/: the result documents
	catFacets = "facets" // search/facets.json: facet counts, fetched after the results for a word alone
	catPage   = "page"   // anything else: the page's stylesheets, other scripts, icons
)

// searchCategories are the categories that make up a query's transfer, in
// the order they are listed.
var searchCategories = []string{catScript, catIndex, catDocs, catFacets}

// category returns the kind of the file at the URL path p of a site served
// at its root.
func category(p string) string {
	switch {
	case p == "/assets/search.js":
		return catScript
	case p == "/search/facets.json":
		return catFacets
	case strings.HasPrefix(p, "/search/d/"):
		return catDocs
	case strings.HasPrefix(p, "/search/") && path.Ext(p) == ".json":
		return catIndex
	}
	return catPage
}

// transfer is one response the browser received, from the DevTools
// protocol's Network events joined by URL with the page's Resource Timing
// entries (the page's clock: milliseconds since the navigation began).
type transfer struct {
	Path     string  // URL path
	Document bool    // the page's own HTML (the navigation)
	Timed    bool    // the page has a Resource Timing entry: Start, End and Body are known
	Start    float64 // when the request began (ms)
	End      float64 // when the last byte of the response arrived (ms)
	Bytes    int64   // Network.loadingFinished encodedDataLength: headers and body as received
	Body     int64   // Resource Timing encodedBodySize: the body as sent (compressed when gzip)
}

// firstQuery is what a query cost the browser up to its results being put
// on the page.
type firstQuery struct {
	// Files are the counted transfers: search.js and the search data
	// received before the results were put on the page, in request order.
	Files []transfer
	// Bytes and Body sum Files; ByCategory splits Bytes by category.
	Bytes, Body int64
	ByCategory  map[string]int64
	// DataEnd is when the last counted response arrived (ms, page clock).
	DataEnd float64
	// Later are search files the results did not use: received after
	// they were put on the page, or asked for by the listing (facets.json,
	// which the search page asks for while it lists a word's results).
	// Page are the page's other assets. Neither is counted.
	Later, Page []transfer
}

// accountFirstQuery splits the responses a page received into what its
// first query needed and the rest. listed is when the results were put on
// the page (ms, page clock). A search file is counted when it arrived by
// then and was asked for no later than the last result document arrived:
// search.js lists the results once every document is in, so a file asked
// for after that was asked for by the listing itself (the search page's
// facet counts), even when a busy machine delays the listing past its
// arrival. The page's own HTML is left out, and its other assets are
// listed apart. A search file without timings is an error, since it
// cannot be placed.
func accountFirstQuery(ts []transfer, listed float64) (firstQuery, error) {
	q := firstQuery{ByCategory: map[string]int64{}}
	docsIn := -1.0 // when the last result document arrived
	for _, t := range ts {
		if !t.Document && t.Timed && category(t.Path) == catDocs && t.End <= listed {
			docsIn = max(docsIn, t.End)
		}
	}
	if docsIn < 0 {
		docsIn = listed // no documents: nothing matched
	}
	for _, t := range ts {
		if t.Document {
			continue
		}
		c := category(t.Path)
		switch {
		case c == catPage:
			q.Page = append(q.Page, t)
			continue
		case !t.Timed:
			return q, fmt.Errorf("%s: no Resource Timing entry, so it cannot be placed before or after the results", t.Path)
		case t.End > listed || t.Start > docsIn:
			q.Later = append(q.Later, t)
			continue
		}
		q.Files = append(q.Files, t)
		q.Bytes += t.Bytes
		q.Body += t.Body
		q.ByCategory[c] += t.Bytes
		q.DataEnd = max(q.DataEnd, t.End)
	}
	if len(q.Files) == 0 {
		return q, fmt.Errorf("no search file was received before the results were listed at %.1f ms", listed)
	}
	slices.SortStableFunc(q.Files, func(a, b transfer) int { return cmpFloat(a.Start, b.Start) })
	return q, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// indexSize is the search index as published: the files search.js may
// load (everything under search/ but the search page's HTML) and the
// script itself.
type indexSize struct {
	files                 int
	raw, gzip             int64 // the index files; gzip is the sum of each file compressed on its own
	script, scriptGzip    int64 // assets/search.js
	facetsRaw, facetsGzip int64 // search/facets.json, part of raw and gzip
}

// measureIndex sizes the search index of the built site fsys.
func measureIndex(fsys fs.FS) (indexSize, error) {
	var s indexSize
	err := fs.WalkDir(fsys, "search", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || path.Ext(p) == ".html" {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		s.files++
		s.raw += int64(len(data))
		gz := gzipLen(data)
		s.gzip += gz
		if p == "search/facets.json" {
			s.facetsRaw, s.facetsGzip = int64(len(data)), gz
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	if s.files == 0 {
		return s, fmt.Errorf("no search index under search/")
	}
	script, err := fs.ReadFile(fsys, "assets/search.js")
	if err != nil {
		return s, err
	}
	s.script, s.scriptGzip = int64(len(script)), gzipLen(script)
	return s, nil
}

// gzipLen is the length of data compressed with gzip at the default level,
// as the benchmark's server sends it.
func gzipLen(data []byte) int64 {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write(data)
	_ = w.Close()
	return int64(b.Len())
}
