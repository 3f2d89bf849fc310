package main

import (
	"path/filepath"
	"testing"
)

// TestTablesUpToDate fails when search.js's generated tables differ from
// what segment's ragel sources, Go's unicode tables and bleve's stop words
// give today (after a dependency upgrade, say).
func TestTablesUpToDate(t *testing.T) {
	js := filepath.Join("..", "..", "..", "..", "..", "themes", "default", "static", "assets", "search.js")
	if err := run(js, false); err != nil {
		t.Fatal(err)
	}
}
