package output

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Options controls how Write publishes a site.
type Options struct {
	// Clean removes every file in the destination that this build does not
	// produce, also files pmkb never wrote. Paths with a segment that
	// starts with a dot (.git/, .well-known/, .nojekyll) are kept anyway.
	Clean bool
	// SourceDir is the folder of the site source. The destination may not
	// be it, contain it, or lie inside its content/ folder. Empty skips
	// these checks.
	SourceDir string
	// HomeDir is the user's home folder. The destination may not be it or
	// contain it. Empty skips the check.
	HomeDir string
}

// Result counts what Write did.
type Result struct {
	// Written counts files that are new or whose bytes changed.
	Written int
	// Unchanged counts files whose bytes were already published; they are
	// kept as they are, modification time included.
	Unchanged int
	// Removed counts files (and empty folders) of the previous site that
	// the new one no longer has: stale files listed in the previous
	// manifest, and with Options.Clean files nobody generated.
	Removed int
}

// Names of the folders Write keeps beside the destination. For a
// destination "public" they are ".public.pmkb-staging-<random>" and
// ".public.pmkb-old-<random>".
const (
	stagingInfix = ".pmkb-staging-"
	oldInfix     = ".pmkb-old-"
)

// maxManifest bounds the size of a manifest Write is willing to read.
const maxManifest = 64 << 20

// Write publishes files as the complete site in the folder dest.
//
// It first validates every path (see File) and checks dest with
// CheckDestination; on any problem it returns an error and touches
// nothing. It then builds the new site in a staging folder beside dest and
// swaps it into place only once it is complete, so dest always holds
// either the previous complete site or the new one: a failed or killed
// build leaves dest as it was, and the staging folder it leaves behind is
// removed by the next Write.
//
// Files in dest that pmkb did not write survive: the manifest
// (ManifestName) lists the paths of the previous build, and only those
// that this build no longer produces are dropped. Everything else (CNAME,
// robots.txt, .git/) is carried into the new site: hard-linked, so nothing
// is copied, or copied when the file system has no hard links. Symbolic
// links are carried as links and never followed. A generated path that
// would replace such a file is an error unless opts.Clean is set.
//
// Concurrent Writes to the same dest are not supported: the later one
// removes the earlier one's staging folder, which makes the earlier fail.
func Write(dest string, files []File, opts Options) (Result, error) {
	return write(dest, files, opts, nil)
}

// write is Write with a hook that, when not nil, runs before each
// generated file goes into the staging folder; tests use it to make a build
// fail or die half-way.
//
// Why a staging folder and a swap rather than replacing files one by one
// in dest: a per-file replace is atomic per file only, so a build that dies
// half-way publishes a mix of two sites. Building a whole new tree and
// exchanging it with dest in one rename (RENAME_EXCHANGE on Linux, two
// renames elsewhere) makes the site switch at once. User files are
// hard-linked into the staging tree, not moved, so at every instant dest
// still holds all of them; removing the old tree afterwards only drops
// the extra links.
func write(dest string, files []File, opts Options, beforeFile func(path string) error) (Result, error) {
	if err := CheckDestination(dest, opts); err != nil {
		return Result{}, err
	}
	sorted, err := validateFiles(files)
	if err != nil {
		return Result{}, err
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return Result{}, fmt.Errorf("output: destination %q: %w", dest, err)
	}
	// Publish into the real folder when dest, or a folder above it, is a
	// symbolic link: the swap renames folders, and renaming the link itself
	// would replace it with a folder.
	dest = resolveExisting(abs)
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Result{}, fmt.Errorf("output: %w", err)
	}
	if err := removeLeftovers(parent, base, dest); err != nil {
		return Result{}, err
	}

	gen := make(map[string]bool, len(sorted))
	genDirs := make(map[string]bool)
	for _, f := range sorted {
		gen[f.Path] = true
		for dir := range parentDirs(f.Path) {
			genDirs[dir] = true
		}
	}
	old, err := readSite(dest, gen, genDirs, opts.Clean)
	if err != nil {
		return Result{}, err
	}

	stage, err := newStage(parent, base, old)
	if err != nil {
		return Result{}, err
	}
	published := false
	defer func() {
		if !published {
			os.RemoveAll(stage)
		}
	}()

	st := &stager{root: stage, old: old, made: map[string]bool{}}
	res := Result{Removed: old.removed}
	for _, f := range sorted {
		if beforeFile != nil {
			if err := beforeFile(f.Path); err != nil {
				return Result{}, err
			}
		}
		same, err := st.putFile(f)
		if err != nil {
			return Result{}, err
		}
		if same {
			res.Unchanged++
		} else {
			res.Written++
		}
	}
	for _, e := range old.carry {
		if err := st.carry(e); err != nil {
			return Result{}, err
		}
	}
	if err := writeManifest(stage, sorted); err != nil {
		return Result{}, err
	}
	if err := syncTree(stage); err != nil {
		return Result{}, fmt.Errorf("output: flushing %s to disk: %w", stage, err)
	}

	previous, err := swap(stage, dest, parent, base, old.exists, exchange)
	if err != nil {
		return Result{}, err
	}
	published = true
	// Best effort: the swap is done; a folder that cannot be synced (some
	// network file systems refuse) only weakens durability after a crash.
	_ = syncDir(parent)
	if previous != "" {
		if err := os.RemoveAll(previous); err != nil {
			return res, fmt.Errorf("output: published %s, but could not remove the previous site at %s (the next build retries): %w", dest, previous, err)
		}
	}
	return res, nil
}

// removeLeftovers removes staging folders that killed builds left beside
// dest. If a build died between the two renames of the fallback swap, dest
// is missing and its previous site waits in an old folder: that one is put
// back.
func removeLeftovers(parent, base, dest string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	var olds []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."+base+stagingInfix):
			if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
				return fmt.Errorf("output: removing the staging folder of an earlier build: %w", err)
			}
		case strings.HasPrefix(name, "."+base+oldInfix):
			olds = append(olds, filepath.Join(parent, name))
		}
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 {
		if len(olds) > 1 {
			return fmt.Errorf("output: %s is missing and earlier builds left several previous sites beside it (%s); rename the one to keep to %s", dest, strings.Join(olds, ", "), base)
		}
		if err := os.Rename(olds[0], dest); err != nil {
			return fmt.Errorf("output: restoring the previous site: %w", err)
		}
		olds = nil
	}
	for _, o := range olds {
		if err := os.RemoveAll(o); err != nil {
			return fmt.Errorf("output: removing the previous site of an earlier build: %w", err)
		}
	}
	return nil
}

// oldSite is what Write needs to know about the site currently in dest.
type oldSite struct {
	dir    string
	exists bool
	// perm holds the permission bits of dest.
	perm fs.FileMode
	// dirPerm maps each folder of dest (slash path) to its permission bits,
	// so carried folders keep them.
	dirPerm map[string]fs.FileMode
	// reusable holds generated paths where dest has a regular file this
	// build may replace; if its bytes are the same it is linked, not written.
	reusable map[string]bool
	// carry lists the entries to move into the new site, sorted by path.
	carry []entry
	// removed counts entries the new site drops.
	removed int
}

// entry is a file, symbolic link or empty folder of dest.
type entry struct {
	path string      // slash-separated, relative to dest
	typ  fs.FileMode // type bits
}

// readSite walks dest without following symbolic links and sorts every
// file, symbolic link and empty folder into: replaced by a generated file,
// dropped (stale or cleaned), or carried over. A carried entry in the way
// of a generated path, and a generated path that would replace a file
// pmkb did not write (unless clean), are errors, all reported together.
func readSite(dest string, gen, genDirs map[string]bool, clean bool) (*oldSite, error) {
	site := &oldSite{dir: dest, dirPerm: map[string]fs.FileMode{}, reusable: map[string]bool{}}
	info, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return site, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("output: %s exists and is not a folder", dest)
	}
	site.exists = true
	site.perm = info.Mode().Perm()
	manifest, err := readManifest(dest)
	if err != nil {
		return nil, err
	}

	var dirs []string
	nonEmpty := map[string]bool{}
	var leaves []entry
	err = filepath.WalkDir(dest, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if full == dest {
			return nil
		}
		rel, err := filepath.Rel(dest, full)
		if err != nil {
			return err
		}
		p := filepath.ToSlash(rel)
		nonEmpty[path.Dir(p)] = true
		if p == ManifestName {
			return nil
		}
		if d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			dirs = append(dirs, p)
			site.dirPerm[p] = info.Mode().Perm()
			return nil
		}
		leaves = append(leaves, entry{path: p, typ: d.Type()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("output: reading the current site: %w", err)
	}
	for _, dir := range dirs {
		if !nonEmpty[dir] {
			leaves = append(leaves, entry{path: dir, typ: fs.ModeDir})
		}
	}
	slices.SortFunc(leaves, func(a, b entry) int { return strings.Compare(a.path, b.path) })

	var conflicts []string
	for _, e := range leaves {
		p := e.path
		switch {
		case gen[p]:
			if !manifest[p] && !clean {
				conflicts = append(conflicts, fmt.Sprintf("%q was not written by pmkb and this build would replace it", p))
			} else if e.typ.IsRegular() {
				site.reusable[p] = true
			}
		case manifest[p]:
			site.removed++ // stale: an earlier build wrote it, this one does not
		case clean && !isDotPath(p):
			site.removed++
		case genDirs[p] && e.typ.IsDir():
			// An empty folder where this build makes a folder anyway.
		case genDirs[p]:
			conflicts = append(conflicts, fmt.Sprintf("%q was not written by pmkb and is in the way of the folder this build writes there", p))
		default:
			blocked := false
			for dir := range parentDirs(p) {
				if gen[dir] {
					conflicts = append(conflicts, fmt.Sprintf("%q was not written by pmkb and lies in the folder %q, where this build writes a file", p, dir))
					blocked = true
					break
				}
			}
			if !blocked {
				site.carry = append(site.carry, e)
			}
		}
	}
	if len(conflicts) > 0 {
		return nil, conflictError(dest, conflicts, clean)
	}
	return site, nil
}

// conflictError reports files of dest that the build would have to destroy,
// listing at most ten of them.
func conflictError(dest string, conflicts []string, clean bool) error {
	const shown = 10
	var b strings.Builder
	fmt.Fprintf(&b, "output: cannot publish to %s without destroying files pmkb did not write:", dest)
	for i, c := range conflicts {
		if i == shown {
			fmt.Fprintf(&b, "\n\t... and %d more", len(conflicts)-shown)
			break
		}
		b.WriteString("\n\t" + c)
	}
	if clean {
		b.WriteString("\nmove them away; dot paths are kept even when cleaning")
	} else {
		b.WriteString("\nmove them away, or publish with the clean option to replace them")
	}
	return errors.New(b.String())
}

// readManifest returns the set of paths the previous build listed in the
// manifest of dest; no manifest means an empty set.
func readManifest(dest string) (map[string]bool, error) {
	full := filepath.Join(dest, ManifestName)
	info, err := os.Lstat(full)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	damaged := func(why string) error {
		return fmt.Errorf("output: the manifest %s %s; delete it to continue (the files of earlier builds are then kept as if a person had put them there)", full, why)
	}
	if !info.Mode().IsRegular() {
		return nil, damaged("is not a regular file")
	}
	if info.Size() > maxManifest {
		return nil, damaged(fmt.Sprintf("is %d bytes, more than the %d a manifest can be", info.Size(), maxManifest))
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	var paths []string
	if err := json.Unmarshal(data, &paths); err != nil {
		return nil, damaged(fmt.Sprintf("is not a JSON list of paths (%v)", err))
	}
	set := make(map[string]bool, len(paths))
	for _, p := range paths {
		if why := checkPath(p); why != "" {
			return nil, damaged(fmt.Sprintf("lists the path %q, which %s", p, why))
		}
		set[p] = true
	}
	return set, nil
}

// writeManifest writes the sorted paths of files, one per line, as a JSON
// list to the manifest of the folder dir.
func writeManifest(dir string, files []File) error {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	data, err := json.MarshalIndent(paths, "", "  ")
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestName), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// newStage creates an empty staging folder beside dest, with the
// permissions of the current dest if there is one.
func newStage(parent, base string, old *oldSite) (string, error) {
	for {
		dir := filepath.Join(parent, "."+base+stagingInfix+rand.Text()[:12])
		err := os.Mkdir(dir, 0o755)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("output: cannot create a staging folder beside %s: %w", old.dir, err)
		}
		if old.exists {
			if err := os.Chmod(dir, old.perm); err != nil {
				os.Remove(dir)
				return "", fmt.Errorf("output: %w", err)
			}
		}
		return dir, nil
	}
}

// stager fills the staging folder.
type stager struct {
	root string
	old  *oldSite
	// made holds the folders (slash paths) already created in root.
	made map[string]bool
}

// mkdirAll creates the folder dir (slash path) and its parents in the
// staging folder. Folders that exist in the current site keep their
// permissions; new ones get 0755 less the umask.
func (s *stager) mkdirAll(dir string) error {
	if dir == "." || dir == "" || s.made[dir] {
		return nil
	}
	if err := s.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	full := filepath.Join(s.root, filepath.FromSlash(dir))
	perm, kept := s.old.dirPerm[dir]
	if !kept {
		perm = 0o755
	}
	if err := os.Mkdir(full, perm); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if kept {
		if err := os.Chmod(full, perm); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	s.made[dir] = true
	return nil
}

// putFile puts the generated file f into the staging folder and reports
// whether the current site already has it with the same bytes; such a
// file is hard-linked rather than written, so it keeps its modification
// time.
func (s *stager) putFile(f File) (same bool, err error) {
	if err := s.mkdirAll(path.Dir(f.Path)); err != nil {
		return false, err
	}
	to := filepath.Join(s.root, filepath.FromSlash(f.Path))
	if s.old.reusable[f.Path] {
		from := filepath.Join(s.old.dir, filepath.FromSlash(f.Path))
		if sameBytes(from, f.Data) {
			if os.Link(from, to) == nil {
				return true, nil
			}
			same = true // no hard links here: write the same bytes anew
		}
	}
	if err := createFile(to, bytes.NewReader(f.Data), 0o644); err != nil {
		return false, fmt.Errorf("output: writing %s: %w", f.Path, err)
	}
	return same, nil
}

// carry puts the entry e of the current site into the staging folder:
// a hard link to a file, a copy of a symbolic link (never followed), or
// an empty folder. Regular files are copied where hard links fail.
func (s *stager) carry(e entry) error {
	if e.typ.IsDir() {
		return s.mkdirAll(e.path)
	}
	if err := s.mkdirAll(path.Dir(e.path)); err != nil {
		return err
	}
	from := filepath.Join(s.old.dir, filepath.FromSlash(e.path))
	to := filepath.Join(s.root, filepath.FromSlash(e.path))
	if e.typ&fs.ModeSymlink != 0 {
		target, err := os.Readlink(from)
		if err == nil {
			err = os.Symlink(target, to)
		}
		if err != nil {
			return fmt.Errorf("output: keeping %s: %w", e.path, err)
		}
		return nil
	}
	linkErr := os.Link(from, to)
	if linkErr == nil || !e.typ.IsRegular() {
		if linkErr != nil {
			return fmt.Errorf("output: keeping %s: %w", e.path, linkErr)
		}
		return nil
	}
	if err := copyFile(from, to); err != nil {
		return fmt.Errorf("output: keeping %s: %w", e.path, err)
	}
	return nil
}

// sameBytes reports whether the regular file at name holds exactly data.
func sameBytes(name string, data []byte) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	got, err := os.ReadFile(name)
	return err == nil && bytes.Equal(got, data)
}

// createFile writes a new file name (it must not exist) with the content
// of r.
func createFile(name string, r io.Reader, perm fs.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// copyFile copies the regular file from to the new file to, keeping its
// permissions.
func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	info, err := src.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is no longer a regular file", from)
	}
	if err := createFile(to, src, info.Mode().Perm()); err != nil {
		return err
	}
	return os.Chmod(to, info.Mode().Perm())
}

// swap puts the complete staging folder in the place of dest and returns
// the folder that now holds the previous site ("" if there was none), for
// the caller to remove. exchange swaps two folders atomically or returns
// errNoExchange. On error dest is as it was.
func swap(stage, dest, parent, base string, exists bool, exchange func(a, b string) error) (previous string, err error) {
	if !exists {
		if err := os.Rename(stage, dest); err != nil {
			return "", fmt.Errorf("output: publishing %s: %w", dest, err)
		}
		return "", nil
	}
	err = exchange(stage, dest)
	if err == nil {
		return stage, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", swapError(dest, err)
	}
	// No atomic exchange here: two renames. A build killed between them
	// leaves dest missing; the next Write puts the old folder back.
	old := filepath.Join(parent, "."+base+oldInfix+rand.Text()[:12])
	if err := os.Rename(dest, old); err != nil {
		return "", swapError(dest, err)
	}
	if err := os.Rename(stage, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return "", fmt.Errorf("output: publishing %s failed (%w) and the previous site could not be put back from %s: %v", dest, err, old, rerr)
		}
		return "", swapError(dest, err)
	}
	return old, nil
}

// swapError explains a failed swap; the usual cause is a destination that
// is a mount point, which cannot be renamed.
func swapError(dest string, err error) error {
	return fmt.Errorf("output: cannot swap the new site into %s (if it is a mount point, publish to a folder inside it): %w", dest, err)
}

// errNoExchange says the file system cannot exchange two paths atomically.
var errNoExchange = errors.New("atomic exchange not supported")
