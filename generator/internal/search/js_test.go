package search

import (
	"os"
	"regexp"
	"testing"
)

// TestSearchJSBuildsNoHTML keeps search.js to DOM nodes and textContent:
// no API that parses a string as HTML may appear in it at all.
func TestSearchJSBuildsNoHTML(t *testing.T) {
	src, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function`)
	if m := re.FindAll(src, -1); len(m) > 0 {
		t.Errorf("search.js uses %q", m)
	}
}
