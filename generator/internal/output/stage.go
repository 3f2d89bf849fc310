package output

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// Stage is a site being published: its files go into a staging folder
// as they are made, and Commit puts the folder in place of the
// destination once the site is complete. A builder that streams its files
// into a Stage never holds the whole site in memory, and the destination
// changes only at Commit; Abort (or a build that dies) leaves it as it
// was.
//
// Put is safe for concurrent use; Begin, Commit and Abort are not.
type Stage struct {
	dest, parent, base string
	opts               Options
	old                *oldSite
	st                 *stager
	// inside says the staging folder is in dest and Commit moves its
	// entries in one by one, instead of swapping dest as a whole.
	inside bool
	lock   *lock
	// inner holds the locks of the destinations inside dest (see
	// lockInner), until Commit or Abort.
	inner []innerLock

	mu    sync.Mutex
	paths []string
	// bad holds the problems of paths that Commit reports together with
	// those only the whole list shows (duplicates, letter case).
	bad       []string
	written   int
	unchanged int
	// failed is the first error of a file that could not be written:
	// Commit refuses to publish.
	failed error
	done   bool
	// warnings are what Begin could not tidy up (see Result.Warning).
	warnings []string
	// given is dest as the caller named it, for warnings.
	given string
}

// Begin checks dest with CheckDestination, takes the destination's lock,
// reads the site currently in dest and creates an empty staging folder.
// Nothing in dest changes until Commit.
//
// The lock is the file ".<base>.pmkb-lock" beside dest (or ".pmkb-lock"
// inside it, when the parent folder may not be written): a second build
// into dest waits until the first has published or failed, calling
// opts.Waiting first, or returns ctx.Err() when ctx ends before. So a
// build never removes the staging folder of a live one.
//
// Builds into pmkb destinations inside one another (public/preview in
// public/) take turns too (see lockOwn and lockInner): Begin first waits
// for a build under way into a destination that holds dest, and takes
// and holds until Commit or Abort the locks of the destinations inside
// dest, waiting for their builds under way, before it reads the site.
// The working entries of builds (staging and old folders, lock files)
// are never carried into the new site as files pmkb did not make.
//
// The staging folder is made beside dest, so that Commit swaps the whole
// folder in one step. When dest exists and is a mount point (which cannot
// be renamed), or its parent folder may not be written, it is made inside
// dest, and Commit moves the new site's top-level entries in one at a
// time: dest itself is never replaced (see Commit).
func Begin(ctx context.Context, dest string, opts Options) (*Stage, error) {
	return begin(ctx, dest, opts, placeAuto)
}

// placement says where begin stages the new site; tests force it.
type placement int

const (
	// placeAuto stages as Begin says.
	placeAuto placement = iota
	// placeInside stages inside dest whatever its parent allows.
	placeInside
	// placeMountRoot stages inside dest and takes it for the root of a
	// mount (see readSite).
	placeMountRoot
)

// begin is Begin, staging where place says.
func begin(ctx context.Context, dest string, opts Options, place placement) (_ *Stage, err error) {
	given := dest
	if err := CheckDestination(dest, opts); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("output: destination %q: %w", dest, err)
	}
	// Publish into the real folder when dest, or a folder above it, is a
	// symbolic link: the swap renames folders, and renaming the link itself
	// would replace it with a folder.
	dest = resolveExisting(abs)
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, ioErr(fmt.Errorf("output: %w", err))
	}
	waiting := waitNotice(opts, dest, given)
	lk, err := lockOwn(ctx, parent, base, dest, waiting)
	if err != nil {
		return nil, err
	}
	var inner []innerLock
	defer func() {
		if err != nil {
			releaseInner(inner)
			lk.release()
		}
	}()
	warnings, err := removeLeftovers(parent, base, dest)
	if err != nil {
		return nil, ioErr(err)
	}
	mountRoot := place == placeMountRoot || isMountPoint(dest)
	old, err := readSite(dest, mountRoot)
	if err != nil {
		return nil, ioErr(err)
	}
	old, inner, innerWarnings, err := lockInner(ctx, dest, old, waiting)
	if err != nil {
		if ctx.Err() == nil {
			err = ioErr(err)
		}
		return nil, err
	}
	warnings = append(warnings, innerWarnings...)
	inside := place != placeAuto || publishInside(old.exists, mountRoot, nil)
	var root string
	if !inside {
		root, err = newStage(parent, "."+base, old)
		if err != nil && !publishInside(old.exists, false, err) {
			return nil, ioErr(err)
		}
		inside = err != nil
	}
	if inside {
		if root, err = newStage(dest, "", old); err != nil {
			return nil, ioErr(err)
		}
	}
	return &Stage{
		dest: dest, parent: parent, base: base, opts: opts, old: old, inside: inside, lock: lk, inner: inner, warnings: warnings, given: given,
		st: &stager{root: root, old: old, clean: opts.Clean, made: map[string]bool{}, adopted: map[string]bool{}},
	}, nil
}

// publishInside reports whether a build publishes inside dest rather than
// swapping a staging folder beside it for dest: when dest exists and is a
// mount point, which cannot be renamed, or when creating the staging
// folder beside it failed with besideErr because its parent folder may
// not be written (permissions, a read-only file system).
func publishInside(destExists, mountPoint bool, besideErr error) bool {
	return destExists && (mountPoint || denied(besideErr))
}

// denied reports whether err says the process may not write there.
func denied(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// lockDestination takes the lock of dest (see Begin): the lock file beside
// it, or inside it when the parent folder may not be written.
func lockDestination(ctx context.Context, parent, base, dest string, waiting func(int)) (*lock, error) {
	lk, err := acquire(ctx, filepath.Join(parent, "."+base+lockSuffix), waiting)
	if denied(err) {
		if _, serr := os.Stat(dest); serr == nil {
			lk, err = acquire(ctx, filepath.Join(dest, lockSuffix), waiting)
		}
	}
	if err != nil && ctx.Err() == nil {
		err = ioErr(fmt.Errorf("output: cannot lock %s against other builds: %w", dest, err))
	}
	return lk, err
}

// Put writes one file of the new site into the staging folder. A path that
// is not valid (see File) is not written and fails Commit, which reports
// every such path at once; Put returns an error only when the file could
// not be written, and the build should then stop.
func (s *Stage) Put(f File) error {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return errors.New("output: Put after Commit or Abort")
	}
	s.paths = append(s.paths, f.Path)
	why := checkPath(f.Path)
	if why != "" {
		s.bad = append(s.bad, fmt.Sprintf("file path %q %s", f.Path, why))
	}
	s.mu.Unlock()
	if why != "" {
		return nil
	}
	same, err := s.st.putFile(f)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case err != nil && (errors.Is(err, os.ErrExist) || isNotDir(err)):
		// The same path twice, or a path that is both a file and a
		// folder: Commit explains it from the whole list.
		s.failed = cmp.Or(s.failed, err)
		return nil
	case err != nil:
		err = ioErr(err)
		s.failed = cmp.Or(s.failed, err)
		return err
	case same:
		s.unchanged++
	default:
		s.written++
	}
	return nil
}

// isNotDir reports whether err says a path runs through a file, or names
// a folder where a file should be.
func isNotDir(err error) bool {
	return errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EISDIR)
}

// Commit checks the whole list of paths, carries the files of the current
// site that pmkb did not write into the new one, writes the manifest and
// puts the new site in place. On any error the staging folder is removed
// and the destination is as it was. Once the new site is in place, a
// folder of the previous site that cannot be deleted is not an error but
// Result.Warning. It releases the lock.
//
// Beside dest, the staging folder is swapped for dest in one step. Inside
// dest (see Begin), dest keeps its inode, mode, owner and mounts, and the
// staging folder's top-level entries replace dest's one by one, each in
// one step: a reader may see a mix of the two sites for that moment. If
// an entry cannot be moved (a folder this user may not move), those
// already moved are moved back and the error returned, so dest is as it
// was; only when moving back fails too does the error say dest holds
// parts of both builds. A build killed half-way leaves the mix until the
// next build. Top-level entries that hold only files pmkb did not write
// are left where they are.
func (s *Stage) Commit() (Result, error) {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return Result{}, errors.New("output: Commit after Commit or Abort")
	}
	s.done = true
	s.mu.Unlock()
	defer s.lock.release()
	defer releaseInner(s.inner)
	published := false
	defer func() {
		if !published {
			s.st.remove()
		}
	}()

	if len(s.bad) > 0 {
		return Result{}, pathsError(s.bad)
	}
	files := make([]File, len(s.paths))
	for i, p := range s.paths {
		files[i] = File{Path: p}
	}
	if _, err := validateFiles(files); err != nil {
		return Result{}, err
	}
	if s.failed != nil {
		return Result{}, s.failed
	}
	slices.Sort(s.paths)
	gen := make(map[string]bool, len(s.paths))
	genDirs := make(map[string]bool)
	for _, p := range s.paths {
		gen[p] = true
		for dir := range parentDirs(p) {
			genDirs[dir] = true
		}
	}
	carry, removed, err := s.old.sort(gen, genDirs, s.st.adopted, s.opts.Clean)
	if err != nil {
		return Result{}, err
	}
	// The lock files of the destinations inside dest go on being the
	// files their builds wait on (see lockInner).
	carry = append(carry, innerLockEntries(s.dest, s.inner)...)
	var untouched map[string]bool
	if s.inside {
		untouched = untouchedTops(s.paths, carry, removed, s.old.stays)
		carry = slices.DeleteFunc(carry, func(e entry) bool { return untouched[top(e.path)] })
	}
	if err := s.old.checkStays(untouched); err != nil {
		return Result{}, ioErr(err)
	}
	for _, e := range carry {
		if err := s.st.carry(e); err != nil {
			return Result{}, ioErr(err)
		}
	}
	if err := s.st.finish(); err != nil {
		return Result{}, ioErr(err)
	}
	res := Result{Written: s.written, Unchanged: s.unchanged, Removed: len(removed)}
	for _, e := range removed {
		if !s.old.manifest[e.path] {
			res.Cleaned = append(res.Cleaned, e.path)
		}
	}
	foreign, err := s.old.foreignTops(s.paths, s.opts.Clean)
	if err != nil {
		return Result{}, ioErr(err)
	}
	if !s.old.hasManifest && len(foreign) > 0 {
		s.warnings = append(s.warnings, foreignWarning(s.given, s.old.dir, foreign))
	}
	if s.inside {
		warnings, err := publishInPlace(s.st.root, s.dest, s.paths, foreign, s.old, untouched, exchange)
		if err != nil {
			return Result{}, ioErr(err)
		}
		published = true
		res.Warning = strings.Join(append(s.warnings, warnings...), "\n")
		return res, nil
	}
	if err := writeManifest(s.st.root, s.paths, foreign); err != nil {
		return Result{}, ioErr(err)
	}
	// No fsync: a site is rebuilt from its source at any time, and the
	// swap already guarantees that a failed or killed build never leaves a
	// half-written site. Waiting until every byte reached the disk made
	// publishing a large site several times slower on slow disks. After a
	// power loss the next build compares bytes and rewrites what was lost.
	previous, err := swap(s.st.root, s.dest, s.parent, s.base, s.old.exists, exchange)
	if err != nil {
		return Result{}, ioErr(err)
	}
	published = true
	warnings := s.warnings
	if previous != "" {
		// The new site is live: a previous site that cannot be deleted
		// (a folder in it this user may not empty) is only in the way of
		// the disk, and the next build tries again.
		if err := os.RemoveAll(previous); err != nil {
			warnings = append(warnings, fmt.Sprintf("published %s, but could not remove the previous site at %s (the next build tries again): %v", s.dest, previous, err))
		}
	}
	res.Warning = strings.Join(warnings, "\n")
	return res, nil
}

// top returns the first segment of the slash path p.
func top(p string) string {
	first, _, _ := strings.Cut(p, "/")
	return first
}

// untouchedTops returns the top-level names of the current site that
// publishing inside it may leave where they are: those that hold only
// carried entries or entries that stay (oldSite.stays), with no generated
// path and nothing to remove.
func untouchedTops(paths []string, carry, removed []entry, stays []string) map[string]bool {
	keep := map[string]bool{}
	for _, e := range carry {
		keep[top(e.path)] = true
	}
	for _, p := range stays {
		keep[top(p)] = true
	}
	for _, p := range paths {
		delete(keep, top(p))
	}
	for _, e := range removed {
		delete(keep, top(e.path))
	}
	return keep
}

// publishInPlace moves the complete site in the staging folder stage,
// which lies inside dest, into dest (see Commit). It first writes a
// manifest listing the paths of both builds (oldManifest and paths), so
// that a build killed half-way leaves every file either build wrote known
// as pmkb's; the manifest of paths alone comes last. Entries of dest that
// are neither in stage nor untouched, nor the staging folders and lock,
// are removed. exchange is as for swap.
//
// Every step is undone when a later one fails (an entry this user may
// not move, such as a folder owned by root): on error dest holds the
// previous site and its manifest again, unless undoing failed too, which
// the error says. A folder it cannot delete once the new site is in place
// is a warning.
func publishInPlace(stage, dest string, paths, foreign []string, old *oldSite, untouched map[string]bool, exchange func(a, b string) error) (warnings []string, err error) {
	oldManifest := old.manifest
	union := slices.Clone(paths)
	for p := range oldManifest {
		union = append(union, p)
	}
	slices.Sort(union)
	if err := putManifest(stage, dest, slices.Compact(union), foreign); err != nil {
		return nil, err
	}
	// undo holds the steps that take back what was done, in order.
	var undo []func() error
	// oldDir holds the entries replaced where there is no atomic exchange,
	// trash those the new site drops; each is made for its first entry.
	var oldDir, trash string
	defer func() {
		if err != nil {
			err = rollBack(err, dest, stage, undo, old, old.hasManifest)
		}
		for _, dir := range []string{oldDir, trash} {
			// When putting the previous site back failed, its entries
			// may still be in these folders: they stay for the next
			// build to restore (removeInsideLeftovers).
			if dir == "" || errors.Is(err, ErrMixed) {
				continue
			}
			if rerr := os.RemoveAll(dir); rerr != nil && err == nil {
				warnings = append(warnings, fmt.Sprintf("published %s, but could not remove the previous site's files in %s (the next build tries again): %v", dest, dir, rerr))
			}
		}
	}()
	entries, err := os.ReadDir(stage)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	staged := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		staged[name] = true
		from, to := filepath.Join(stage, name), filepath.Join(dest, name)
		current, err := os.Lstat(to)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err = os.Rename(from, to); err == nil {
				undo = append(undo, func() error { return os.Rename(to, from) })
			}
		case err != nil:
		default:
			// The previous entry goes to the staging folder (exchange)
			// or the old folder, where undoing finds it.
			if err = exchange(from, to); err == nil {
				undo = append(undo, func() error { return exchange(from, to) })
				break
			}
			if !errors.Is(err, errNoExchange) {
				break
			}
			if oldDir == "" {
				if oldDir, err = mkdirUnique(dest, oldInfix, 0o700); err != nil {
					oldDir = ""
					break
				}
			}
			aside := filepath.Join(oldDir, name)
			if !current.IsDir() && !e.IsDir() && os.Link(to, aside) == nil {
				err = os.Rename(from, to) // replaces the file in one step
			} else {
				err = replaceByTwoRenames(from, to, aside)
			}
			if err == nil {
				undo = append(undo, func() error {
					if err := os.Rename(to, from); err != nil {
						return err
					}
					return os.Rename(aside, to)
				})
			}
		}
		if err != nil {
			return nil, fmt.Errorf("output: publishing %s inside %s: %w", name, dest, err)
		}
	}
	current, err := os.ReadDir(dest)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	for _, e := range current {
		name := e.Name()
		if staged[name] || untouched[name] || isInternal(name) || name == ManifestName {
			continue
		}
		// Moved aside rather than deleted, so that it can be put back.
		if trash == "" {
			if trash, err = mkdirUnique(dest, stagingInfix, 0o700); err != nil {
				trash = ""
				return nil, fmt.Errorf("output: %w", err)
			}
		}
		from, to := filepath.Join(dest, name), filepath.Join(trash, name)
		if err := os.Rename(from, to); err != nil {
			return nil, fmt.Errorf("output: removing %s from %s: %w", name, dest, err)
		}
		undo = append(undo, func() error { return os.Rename(to, from) })
	}
	if err := putManifest(stage, dest, paths, foreign); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(stage); err != nil {
		warnings = append(warnings, fmt.Sprintf("published %s, but could not remove the previous site in its staging folder %s (the next build tries again): %v", dest, stage, err))
	}
	return warnings, nil
}

// mixedError marks an error as an ErrMixed (and an ErrIO).
type mixedError struct{ err error }

func (e mixedError) Error() string        { return e.err.Error() }
func (e mixedError) Unwrap() error        { return e.err }
func (e mixedError) Is(target error) bool { return target == ErrMixed || target == ErrIO }

// rollBack takes back the steps of a failed publishInPlace (undo, last
// first) and puts the previous manifest (old's, or none when hadManifest
// is false) back in dest, and returns err, saying so when something could
// not be taken back.
func rollBack(err error, dest, stage string, undo []func() error, old *oldSite, hadManifest bool) error {
	var failed []error
	for i := len(undo) - 1; i >= 0; i-- {
		if uerr := undo[i](); uerr != nil {
			failed = append(failed, uerr)
		}
	}
	if hadManifest {
		if merr := putManifest(stage, dest, slices.Sorted(maps.Keys(old.manifest)), old.foreign); merr != nil {
			failed = append(failed, merr)
		}
	} else if merr := os.Remove(filepath.Join(dest, ManifestName)); merr != nil && !errors.Is(merr, fs.ErrNotExist) {
		failed = append(failed, merr)
	}
	if len(failed) > 0 {
		return mixedError{fmt.Errorf("%w; putting the previous site back failed too, so %s holds parts of both builds until the next one: %w", err, dest, errors.Join(failed...))}
	}
	return err
}

// putManifest writes the manifest of paths and foreign top-level names
// into the folder stage and renames it into dest, replacing dest's
// manifest in one step.
func putManifest(stage, dest string, paths, foreign []string) error {
	if err := writeManifest(stage, paths, foreign); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(stage, ManifestName), filepath.Join(dest, ManifestName)); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// replaceByTwoRenames moves to aside to the path aside and from into its
// place, where there is no atomic exchange. If the second rename fails,
// to is put back. A build killed between the two leaves to in the old
// folder, and the next build puts it back (removeInsideLeftovers).
func replaceByTwoRenames(from, to, aside string) error {
	if err := os.Rename(to, aside); err != nil {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		if rerr := os.Rename(aside, to); rerr != nil {
			return fmt.Errorf("%w, and %s could not be put back from %s: %v", err, to, aside, rerr)
		}
		return err
	}
	return nil
}

// Abort removes the staging folder; the destination is left as it was.
// It does nothing after Commit, so it can be deferred.
func (s *Stage) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return
	}
	s.done = true
	s.st.remove()
	releaseInner(s.inner)
	s.lock.release()
}

// foreignTops returns the sorted top-level names of the current site that
// pmkb did not make and the new site keeps, for the new manifest: when
// the site has no manifest (pmkb publishes there for the first time),
// every entry but dot paths, lost+found at the root of a mount and the
// new site's own top-level names; otherwise those of the manifest's
// foreign names that are still there and not the new site's. Cleaning
// keeps none of them.
func (o *oldSite) foreignTops(paths []string, clean bool) ([]string, error) {
	if clean || !o.exists {
		return nil, nil
	}
	entries, err := foreignEntries(o.dir, o.foreign, o.hasManifest, o.mountRoot)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	made := map[string]bool{}
	for _, p := range paths {
		made[top(p)] = true
	}
	var foreign []string
	for _, e := range entries {
		// A site another pmkb build published there (public/preview,
		// built before the main site) is no file of the user's: --clean
		// keeps it (QA 21r2 F7: the first build warned that --clean would
		// delete it, and --clean then refused).
		if name := e.Name(); !made[name] && !strings.HasPrefix(name, ".") && !o.inner[name] { // a manifest edited by hand may record dot paths
			foreign = append(foreign, name)
		}
	}
	slices.Sort(foreign)
	return slices.Compact(foreign), nil
}

// foreignWarning says that the folder dest (as the user named it; dir is
// its path) already held the foreign top-level names, which a build keeps
// and cleaning would delete.
func foreignWarning(dest, dir string, foreign []string) string {
	names := make([]string, len(foreign))
	for i, name := range foreign {
		names[i] = name
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && info.IsDir() {
			names[i] += "/"
		}
	}
	if len(names) == 1 {
		return fmt.Sprintf("%s already holds %s, which pmkb did not make; it is kept, but --clean would delete it", dest, names[0])
	}
	return fmt.Sprintf("%s already holds %s, which pmkb did not make; they are kept, but --clean would delete them", dest, strings.Join(names, ", "))
}
