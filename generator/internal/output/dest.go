package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckDestination returns an error when dest is a folder a build must never
// publish to, because replacing it would destroy something: the root of the
// file system, the home folder (opts.HomeDir) or a folder that contains it,
// the site source (opts.SourceDir) or a folder that contains it, anything
// inside the source's content/ folder or the folder a content/ link leads
// to (a build would then feed on its own output), the theme folder
// (opts.ThemeDir), anything inside it or a folder that contains it, or an
// existing path that is not a folder. Both the path as given
// and the path with symbolic links resolved are checked. Empty
// opts.HomeDir or opts.SourceDir skip their checks.
//
// It also refuses the well-known system folders (systemFolders: /tmp,
// /var, /usr, …) as they are, and with opts.Clean the folders right inside
// them too (/var/www, /srv/www): a build there would replace or, cleaning,
// empty a folder other programs and sites use. With opts.Clean and
// without opts.Force it refuses a folder pmkb never built: one that
// exists, has no manifest and holds entries other than dot paths, which
// cleaning would delete, and a folder whose manifest records entries that
// were there before pmkb first published in it (see Commit) while any of
// them is still there. Write and Begin call it first.
func CheckDestination(dest string, opts Options) error {
	if dest == "" {
		return errors.New("output: no destination folder given")
	}
	given, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("output: destination %q: %w", dest, err)
	}
	refuse := func(why string, args ...any) error {
		return fmt.Errorf("output: refusing to publish to %q: "+why, append([]any{dest}, args...)...)
	}
	var home, source, theme []string
	if opts.HomeDir != "" {
		home = pathForms(opts.HomeDir)
	}
	if opts.ThemeDir != "" {
		if abs, err := filepath.Abs(opts.ThemeDir); err == nil {
			theme = pathForms(abs)
		}
	}
	if opts.SourceDir != "" {
		source = pathForms(opts.SourceDir)
	}
	for _, d := range pathForms(given) {
		if filepath.Dir(d) == d {
			return refuse("it is the root of the file system")
		}
		if systemFolders[d] {
			return refuse("it is the system folder %s; publish to a folder inside it, such as %s", d, filepath.Join(d, "pm"))
		}
		if up := filepath.Dir(d); opts.Clean && systemFolders[up] {
			return refuse("cleaning a folder right inside the system folder %s would delete what other programs keep there; publish to a folder inside it, such as %s", up, filepath.Join(d, "pm"))
		}
		for _, h := range home {
			if d == h {
				return refuse("it is the home folder")
			}
			if isInside(h, d) {
				return refuse("it contains the home folder %q", h)
			}
		}
		// A destination inside the theme folder (its static/) would be
		// published into itself, lock and staging folder included, one
		// level deeper at each build.
		for _, t := range theme {
			if d == t || isInside(d, t) {
				return refuse("it is inside the theme folder %q", t)
			}
			if isInside(t, d) {
				return refuse("it contains the theme folder %q", t)
			}
		}
		for _, s := range source {
			switch {
			case d == s:
				return refuse("it is the site source folder; choose a folder such as %q", filepath.Join(s, "public"))
			case isInside(s, d):
				return refuse("it contains the site source folder %q", s)
			}
			// content/ or content/postmortems/ may be a link to a folder
			// elsewhere (a checkout of the postmortems), which is then the
			// folder to keep out of, and to keep from deleting.
			for _, content := range append(pathForms(filepath.Join(s, "content")), pathForms(filepath.Join(s, "content", "postmortems"))...) {
				if d == content || isInside(d, content) {
					return refuse("it is inside the content folder %q", content)
				}
				if isInside(content, d) {
					return refuse("it contains the content folder %q", content)
				}
			}
		}
	}
	if info, err := os.Stat(given); err == nil && !info.IsDir() {
		return refuse("it exists and is not a folder")
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: destination %q: %w", dest, err)
	}
	if opts.Clean && !opts.Force {
		others, err := neverBuilt(given, isMountPoint(given))
		if err != nil {
			return fmt.Errorf("output: destination %q: %w", dest, err)
		}
		if len(others) == 0 {
			others = stillForeign(given)
			if len(others) > 0 {
				return refuse("it held %s before pmkb first published there, which pmkb did not make and cleaning would delete; check the destination, or confirm with the force option (--force)", strings.Join(others, ", "))
			}
		}
		if len(others) > 0 {
			return refuse("pmkb never built it (it has no %s) and cleaning would delete everything in it that pmkb did not create (%s); check the destination, or confirm with the force option (--force)", ManifestName, strings.Join(others, ", "))
		}
	}
	return nil
}

// systemFolders are the folders of a Unix system that a build must never
// replace, nor clean the folders right inside.
var systemFolders = map[string]bool{
	"/tmp": true, "/var": true, "/usr": true, "/etc": true, "/srv": true, "/opt": true, "/home": true,
	"/private/tmp": true, "/private/var": true, "/private/etc": true, // macOS's real paths
}

// neverBuilt returns, when the folder dir exists and has no manifest, the
// names of the entries in it that cleaning would delete (at most four, and
// "…"); nil when there are none or dir does not exist. lost+found is not
// one of them when dir is the root of a mount (mountRoot).
func neverBuilt(dir string, mountRoot bool) ([]string, error) {
	if _, err := os.Lstat(filepath.Join(dir, ManifestName)); err == nil {
		return nil, nil
	}
	entries, err := foreignEntries(dir, nil, false, mountRoot)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(entries) > 4 {
		return append(shownNames(entries[:4]), "…"), nil
	}
	return shownNames(entries), nil
}

// stillForeign returns the top-level names (folders with a "/") that the
// manifest of the folder dir records as there before pmkb first published
// in it and that are still there. A manifest that cannot be read gives
// none: Begin reports it.
func stillForeign(dir string) []string {
	_, recorded, _, err := readManifest(dir)
	if err != nil {
		return nil
	}
	entries, _ := foreignEntries(dir, recorded, true, false) // only Lstat, whose errors mean gone
	return shownNames(entries)
}

// foreignEntries returns the top-level entries of the folder dir that pmkb
// did not make. With a manifest (hasManifest), they are the foreign names
// it records that are still there, in its order; without one, every entry
// but dot paths (which cleaning keeps, as it keeps the staging folders and
// the lock) and lost+found at the root of a mount (mountRoot), sorted.
func foreignEntries(dir string, recorded []string, hasManifest, mountRoot bool) ([]fs.DirEntry, error) {
	var entries []fs.DirEntry
	if hasManifest {
		for _, name := range recorded {
			if info, err := os.Lstat(filepath.Join(dir, name)); err == nil {
				entries = append(entries, fs.FileInfoToDirEntry(info))
			}
		}
		return entries, nil
	}
	all, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range all {
		if strings.HasPrefix(e.Name(), ".") || e.Name() == lostFound && e.IsDir() && mountRoot {
			continue
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// shownNames returns the names of entries as messages show them: a
// folder's (not a symbolic link's) with a "/".
func shownNames(entries []fs.DirEntry) []string {
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		names = append(names, name)
	}
	return names
}

// pathForms returns p made absolute and clean, followed by the same path
// with symbolic links resolved when that differs. Only the longest existing
// prefix of p can be resolved; the rest is appended unchanged.
func pathForms(p string) []string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return []string{filepath.Clean(p)}
	}
	real := resolveExisting(abs)
	if real == abs {
		return []string{abs}
	}
	return []string{abs, real}
}

// resolveExisting resolves symbolic links in the longest existing prefix of
// the absolute, clean path p.
func resolveExisting(p string) string {
	var rest []string
	for dir := p; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				real = filepath.Join(real, rest[i])
			}
			return real
		}
		if filepath.Dir(dir) == dir {
			return p
		}
		rest = append(rest, filepath.Base(dir))
	}
}

// isInside reports whether the clean absolute path p lies strictly inside
// the folder dir.
func isInside(p, dir string) bool {
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return len(p) > len(dir) && strings.HasPrefix(p, dir)
}

// WritesTo reports whether Write, publishing to dest, may create, change or
// remove the path p: dest itself, anything inside it, and the staging and
// previous-site folders and the lock file it keeps beside dest. A file watcher uses it to
// ignore the build's own writes. Both paths are made absolute first.
func WritesTo(dest, p string) bool {
	d, err1 := filepath.Abs(dest)
	q, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return false
	}
	if q == d || isInside(q, d) {
		return true
	}
	parent, base := filepath.Dir(d), filepath.Base(d)
	if filepath.Dir(q) != parent && !isInside(q, parent) {
		return false
	}
	rel, err := filepath.Rel(parent, q)
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(rel, string(filepath.Separator))
	return strings.HasPrefix(first, "."+base+stagingInfix) || strings.HasPrefix(first, "."+base+oldInfix) || first == "."+base+lockSuffix
}
