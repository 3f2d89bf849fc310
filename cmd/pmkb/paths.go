package main

import (
	"errors"
	"fmt"
	"io/fs"
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

// checkContentFolder reports whether the site at source has a
// content/postmortems folder; when it has not, it prints a first-run hint
// instead of the loader's raw stat error, and ok is false with the exit
// code.
func (e *env) checkContentFolder(source string) (code int, ok bool) {
	dir := filepath.Join(source, "content", "postmortems")
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return 0, true
	}
	shown := shownPaths(source)("content/postmortems")
	fmt.Fprintf(e.stderr, "pmkb: no %s here: run `pmkb new \"Title\"` to start the first postmortem, or pass --source with the site's folder (the one with content/postmortems)\n", shown)
	return exitContent, false
}

// leftUntouched says what a failed build did to the destination dest: it
// was left untouched, or, when it does not exist, nothing was published.
func leftUntouched(dest string) string {
	if _, err := os.Stat(dest); err != nil {
		return "nothing was published"
	}
	return dest + " left untouched"
}
