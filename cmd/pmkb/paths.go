package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pmkb/pmkb/generator"
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
	var real struct { // wd and source with their links resolved, when needed
		once             sync.Once
		wd, source       string
		wdErr, sourceErr error
	}
	return func(p string) string {
		if p == "" || source == "" {
			return p
		}
		full := filepath.Join(source, filepath.FromSlash(p))
		if !filepath.IsAbs(full) || wdErr != nil {
			// From a folder inside the site (source "../.."), a file
			// in that folder is "x.md", not "../../content/…/x.md".
			if abs, err := filepath.Abs(full); err == nil && wdErr == nil {
				if r, err := filepath.Rel(wd, abs); err == nil {
					return r
				}
			}
			return full
		}
		if r, ok := inside(wd, full); ok {
			return r
		}
		// The current folder and the site may be one folder reached by
		// two spellings (a link; macOS's /tmp is /private/tmp): compared
		// with their links resolved, a file inside is still named from
		// here (QA 21 B-F3: every path, also GitHub's annotations, was
		// absolute).
		real.once.Do(func() {
			real.wd, real.wdErr = filepath.EvalSymlinks(wd)
			real.source, real.sourceErr = filepath.EvalSymlinks(source)
		})
		if real.wdErr == nil && real.sourceErr == nil {
			if r, ok := inside(real.wd, filepath.Join(real.source, filepath.FromSlash(p))); ok {
				return r
			}
		}
		return full
	}
}

// inside returns path from the folder wd when path is inside it.
func inside(wd, path string) (string, bool) {
	r, err := filepath.Rel(wd, path)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return r, true
}

// withShownPaths returns a copy of l whose positions name files as
// shownPaths does, a problem about a whole file at its line 1
// (atFileStart).
func withShownPaths(l *diag.List, source string) *diag.List {
	shown := shownPaths(source)
	out := &diag.List{}
	for _, d := range l.Items() {
		d = atFileStart(d, source)
		d.Pos.Path = shown(d.Pos.Path)
		out.Add(d)
	}
	return out
}

// siteLookup says where a command that reads a site looks for it when
// --source is not given.
type siteLookup int

const (
	// lookUpward: the site that holds the current folder (siteSource).
	lookUpward siteLookup = iota
	// currentFolder: the current folder itself, for pmkb build (the
	// README: "pmkb build uses the current folder, or --source DIR").
	currentFolder
)

// site settles *source, the --source of a command that reads a site (the
// flags of f), as lookup says, and checks that the site has a
// content/postmortems folder. When it has not, site prints a first-run
// hint instead of the loader's raw stat error, and ok is false with the
// exit code (a usage error: the command was run in the wrong place).
func (e *env) site(f *flags, source *string, lookup siteLookup) (code int, ok bool) {
	if lookup == lookUpward {
		*source = siteSource(f, *source)
	}
	if code, ok := e.sourceNotAFile(*source); !ok {
		return code, false
	}
	dir := filepath.Join(*source, "content", "postmortems")
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return 0, true
	}
	shown := shownPaths(*source)("content/postmortems")
	if root, ok := siteAbove(*source); ok {
		fmt.Fprintf(e.stderr, "pmkb: no %s here: --source names a folder inside the site; pass --source %s, the site's folder (the one with content/postmortems)\n", shown, root)
		return exitUsage, false
	}
	if lookup == currentFolder && !given(f, "source") {
		// pmkb build reads the current folder only; run inside a site,
		// name the site every other command would have used.
		if root := siteSource(f, *source); root != *source {
			fmt.Fprintf(e.stderr, "pmkb: no %s here: pmkb build runs in the site's folder (the one with content/postmortems): cd %s, or pass --source %s\n", shown, root, root)
			return exitUsage, false
		}
	}
	if other := generator.PostmortemDirLookalike(os.DirFS(*source)); other != "" {
		fmt.Fprintf(e.stderr, "pmkb: no %s here; did you mean %s? (folder names are case-sensitive: rename it to postmortems)\n",
			shown, shownPaths(*source)(other))
		return exitUsage, false
	}
	fmt.Fprintf(e.stderr, "pmkb: no %s here: run `pmkb new \"Title\"` to start the first postmortem, or pass --source with the site's folder (the one with content/postmortems)\n", shown)
	return exitUsage, false
}

// sourceNotAFile refuses a --source (source) that names a file, with the
// folder that holds it: the slip is to pass the site's config file
// (--source site/pmkb.toml, Hugo's --config habit), and without this check
// each command failed its own way, reading "site/pmkb.toml/content" (QA 9a
// #3). ok is false with the usage error's exit code.
// A trailing slash (site/pmkb.toml/, from a shell's completion) names
// the file too.
func (e *env) sourceNotAFile(source string) (code int, ok bool) {
	file := filepath.Clean(source)
	if st, err := os.Stat(file); err != nil || st.IsDir() {
		return 0, true
	}
	return e.usageErrorf("--source %s is a file; pass the folder that holds it: --source %s", source, filepath.Dir(file)), false
}

// siteAbove returns the site whose content or content/postmortems folder
// source is, as a path like source (its parent or grandparent): a common
// slip is to pass the content folder as --source.
func siteAbove(source string) (string, bool) {
	parent := filepath.Dir(filepath.Clean(source))
	for _, root := range []string{parent, filepath.Dir(parent)} {
		if st, err := os.Stat(filepath.Join(root, "content", "postmortems")); err == nil && st.IsDir() {
			if rel, err := filepath.Rel(root, source); err == nil && (rel == "content" || rel == filepath.Join("content", "postmortems")) {
				return root, true
			}
		}
	}
	return "", false
}

// isSiteRoot reports whether dir is the root of a site: it holds a config
// file or a content/postmortems folder.
func isSiteRoot(dir string) bool {
	for _, name := range generator.ConfigFiles() {
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && !st.IsDir() {
			return true
		}
	}
	st, err := os.Stat(filepath.Join(dir, "content", "postmortems"))
	return err == nil && st.IsDir()
}

// findSiteRoot returns the site root that holds the folder dir: dir
// itself or the nearest parent that is a site root (isSiteRoot), as git
// finds the repository from any of its folders. ok is false when none is.
func findSiteRoot(dir string) (root string, ok bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if isSiteRoot(dir) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// siteSource is the site folder a command reads when --source was not
// given (source is then "."): the site root that holds the current folder,
// written from it ("../.." inside content/postmortems), so that pmkb works
// from any folder of the site and messages still name files from where it
// ran. Outside any site it is ".", and the command says there is no site
// here (see site; pmkb new starts one there). An explicit --source is kept
// as given.
func siteSource(f *flags, source string) string {
	if given(f, "source") {
		return source
	}
	wd, err := os.Getwd()
	if err != nil {
		return source
	}
	root, ok := findSiteRoot(wd)
	if !ok {
		return source
	}
	rel, err := filepath.Rel(wd, root)
	if err != nil {
		return root
	}
	// The current folder's path may lead through a link (cd into a
	// content/postmortems linked to a checkout elsewhere): the system then
	// reads "../.." from the folder the link leads to, so the root is
	// named by its whole path instead.
	a, errA := os.Stat(rel)
	b, errB := os.Stat(root)
	if errA != nil || errB != nil || !os.SameFile(a, b) {
		return root
	}
	return rel
}

// leftUntouched says what a failed build did to the destination dest: it
// was left untouched, or, when it does not exist, nothing was published.
func leftUntouched(dest string) string {
	if _, err := os.Stat(dest); err != nil {
		return "nothing was published"
	}
	return dest + " left untouched"
}
