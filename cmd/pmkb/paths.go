package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/pmkb/pmkb/generator/diag"
)

// shownPaths returns how messages name the files of the site at source:
// as a path from the current folder, the way the user named the site, so
// it opens from where pmkb ran ("pmkb lint --source site" prints
// site/content/…; with --source . it is content/…, which is also what
// GitHub annotations want from the repository root). A file outside the
// current folder is named by its absolute path. p is a slash path in the
// site; "" stays "".
func shownPaths(source string) func(p string) string {
	wd, wdErr := os.Getwd()
	return func(p string) string {
		if p == "" || source == "" {
			return p
		}
		full := filepath.Join(source, filepath.FromSlash(p))
		if !filepath.IsAbs(full) || wdErr != nil {
			return full
		}
		if r, err := filepath.Rel(wd, full); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return r
		}
		return full
	}
}

// withShownPaths returns a copy of l whose positions name files as
// shownPaths does.
func withShownPaths(l *diag.List, source string) *diag.List {
	shown := shownPaths(source)
	out := &diag.List{}
	for _, d := range l.Items() {
		d.Pos.Path = shown(d.Pos.Path)
		out.Add(d)
	}
	return out
}
