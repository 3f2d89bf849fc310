package output

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
)

// Stage is a site being published: its files go into a staging folder
// beside the destination as they are made, and Commit swaps the folder into
// place once the site is complete. A builder that streams its files into a
// Stage never holds the whole site in memory, and the destination changes
// only at Commit, at once; Abort (or a build that dies) leaves it as it
// was.
//
// Put is safe for concurrent use; Begin, Commit and Abort are not.
type Stage struct {
	dest, parent, base string
	opts               Options
	old                *oldSite
	st                 *stager

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
}

// Begin checks dest with CheckDestination, reads the site currently in it
// and creates an empty staging folder beside it. Nothing in dest changes
// until Commit.
func Begin(dest string, opts Options) (*Stage, error) {
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
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := removeLeftovers(parent, base, dest); err != nil {
		return nil, err
	}
	old, err := readSite(dest)
	if err != nil {
		return nil, err
	}
	root, err := newStage(parent, base, old)
	if err != nil {
		return nil, err
	}
	return &Stage{
		dest: dest, parent: parent, base: base, opts: opts, old: old,
		st: &stager{root: root, old: old, clean: opts.Clean, made: map[string]bool{}},
	}, nil
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
// swaps the staging folder into the destination. On any error the staging
// folder is removed and the destination is as it was.
func (s *Stage) Commit() (Result, error) {
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return Result{}, errors.New("output: Commit after Commit or Abort")
	}
	s.done = true
	s.mu.Unlock()
	published := false
	defer func() {
		if !published {
			os.RemoveAll(s.st.root)
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
	carry, removed, err := s.old.sort(gen, genDirs, s.opts.Clean)
	if err != nil {
		return Result{}, err
	}
	for _, e := range carry {
		if err := s.st.carry(e); err != nil {
			return Result{}, err
		}
	}
	if err := writeManifest(s.st.root, s.paths); err != nil {
		return Result{}, err
	}
	// No fsync: a site is rebuilt from its source at any time, and the
	// swap already guarantees that a failed or killed build never leaves a
	// half-written site. Waiting until every byte reached the disk made
	// publishing a large site several times slower on slow disks. After a
	// power loss the next build compares bytes and rewrites what was lost.
	previous, err := swap(s.st.root, s.dest, s.parent, s.base, s.old.exists, exchange)
	if err != nil {
		return Result{}, err
	}
	published = true
	res := Result{Written: s.written, Unchanged: s.unchanged, Removed: removed}
	if previous != "" {
		if err := os.RemoveAll(previous); err != nil {
			return res, fmt.Errorf("output: published %s, but could not remove the previous site at %s (the next build retries): %w", s.dest, previous, err)
		}
	}
	return res, nil
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
	os.RemoveAll(s.st.root)
}
