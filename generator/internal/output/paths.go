package output

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ManifestName is the file, at the root of a published site, that lists
// every path the last build wrote. It is how Write tells its own stale files
// from files a person put there (CNAME, robots.txt, .git/).
const ManifestName = ".pmkb-manifest"

// maxSegment is the longest file or folder name, in bytes, that common file
// systems (ext4, APFS, NTFS) accept.
const maxSegment = 255

// checkPath returns why p cannot be a site path, or "" when it can. A site
// path is slash-separated, relative, and made of non-empty segments other
// than "." and "..".
func checkPath(p string) string {
	switch {
	case p == "":
		return "is empty"
	case !utf8.ValidString(p):
		return "is not valid UTF-8"
	case strings.HasPrefix(p, "/"):
		return "is absolute; site paths are relative to the site root"
	case strings.Contains(p, `\`):
		return `contains a backslash; separate folders with "/"`
	case p == ManifestName:
		return "is reserved for pmkb's manifest"
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return fmt.Sprintf("contains the control character %U", r)
		}
	}
	for seg := range strings.SplitSeq(p, "/") {
		switch {
		case seg == "":
			return `has an empty segment ("//" or a trailing "/")`
		case seg == "." || seg == "..":
			return fmt.Sprintf("has a %q segment", seg)
		case len(seg) > maxSegment:
			return fmt.Sprintf("has a segment of %d bytes; the limit is %d", len(seg), maxSegment)
		}
	}
	return ""
}

// validateFiles checks every path of files and returns the files sorted by
// path. All problems are reported together: malformed paths, duplicates,
// paths that differ only in letter case (they collide on macOS and Windows
// file systems), and a path used both as a file and as a folder.
func validateFiles(files []File) ([]File, error) {
	sorted := slices.Clone(files)
	slices.SortStableFunc(sorted, func(a, b File) int { return strings.Compare(a.Path, b.Path) })

	var problems []string
	for i, f := range sorted {
		if i > 0 && sorted[i-1].Path == f.Path {
			continue // reported once, below
		}
		if why := checkPath(f.Path); why != "" {
			problems = append(problems, fmt.Sprintf("file path %q %s", f.Path, why))
		}
	}
	if len(problems) > 0 {
		return nil, pathsError(problems)
	}

	// byFold maps the case-folded form of each file path to the first path
	// with that form, in sorted order.
	byFold := make(map[string]string, len(sorted))
	for i, f := range sorted {
		if i > 0 && sorted[i-1].Path == f.Path {
			if i == 1 || sorted[i-2].Path != f.Path {
				problems = append(problems, fmt.Sprintf("file path %q is given more than once", f.Path))
			}
			continue
		}
		key := FoldCase(f.Path)
		if first, ok := byFold[key]; ok {
			problems = append(problems, fmt.Sprintf("file paths %q and %q differ only in letter case", first, f.Path))
			continue
		}
		byFold[key] = f.Path
	}
	for i, f := range sorted {
		if i > 0 && sorted[i-1].Path == f.Path {
			continue
		}
		for dir := range parentDirs(f.Path) {
			if file, ok := byFold[FoldCase(dir)]; ok {
				problems = append(problems, fmt.Sprintf("file path %q needs %q to be a folder, but %q is a file", f.Path, dir, file))
				break
			}
		}
	}
	if len(problems) > 0 {
		return nil, pathsError(problems)
	}
	return sorted, nil
}

// pathsError joins problems, in the order found, into one error.
func pathsError(problems []string) error {
	errs := make([]error, len(problems))
	for i, p := range problems {
		errs[i] = errors.New("output: " + p)
	}
	return errors.Join(errs...)
}

// parentDirs yields the folders that contain the slash-separated path p,
// outermost first: "a/b/c" yields "a" and "a/b".
func parentDirs(p string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for i := 0; i < len(p); i++ {
			if p[i] == '/' && !yield(p[:i]) {
				return
			}
		}
	}
}

// FoldCase maps s to a key that is equal for strings that differ only in
// letter case, using Unicode simple case folding: each rune becomes the
// smallest rune of its folding orbit (K, k and the Kelvin sign all map to
// K). Write refuses two paths with one key; the loader settles attachments
// with it before they get that far.
func FoldCase(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

// isDotPath reports whether any segment of the slash-separated path p
// starts with a dot (".git/config", "a/.well-known/x"). Such paths are
// never removed unless the manifest says pmkb wrote them.
func isDotPath(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}
