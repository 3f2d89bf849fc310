package output

import (
	"bytes"
	"context"
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
	"sync"
	"sync/atomic"
)

// Options controls how Write publishes a site.
type Options struct {
	// Clean removes every file in the destination that this build does not
	// produce, also files pmkb never wrote. Paths with a segment that
	// starts with a dot (.git/, .well-known/, .nojekyll) are kept anyway.
	// CheckDestination refuses it for some folders (see Force).
	Clean bool
	// SourceDir is the folder of the site source. The destination may not
	// be it, contain it, or lie inside its content/ folder. Empty skips
	// these checks.
	SourceDir string
	// HomeDir is the user's home folder. The destination may not be it or
	// contain it. Empty skips the check.
	HomeDir string
	// ThemeDir is the site's theme folder (--theme). The destination may
	// not be it, lie inside it (a site published into its static/ would
	// be copied into itself at each build) or contain it (cleaning would
	// delete the theme). Empty skips the check.
	ThemeDir string
	// Force lets Clean empty a destination that pmkb never built (one that
	// exists, holds files other than dotfiles and has no manifest, or
	// whose manifest records entries that were there before pmkb first
	// published and still are); without it CheckDestination refuses, as
	// the folder was probably given by mistake.
	Force bool
	// Waiting, when not nil, is called once when another build holds the
	// destination's lock, with that build's process id (0 when unknown),
	// before Begin waits for it to finish.
	Waiting func(pid int)
	// WaitingFor, when not nil, is called instead of Waiting, with the
	// destination the other build publishes to: dest as given, or a
	// pmkb destination inside it or holding it, which builds into dest
	// take turns with too (see Begin).
	WaitingFor func(pid int, dest string)
}

// ErrIO is matched (errors.Is) by every error of publishing that comes
// from the file system rather than from the site: a folder that cannot be
// created, read or renamed, a full disk, a lock that cannot be taken, a
// damaged manifest. The destination is left as it was: a build that
// publishes inside it (see Commit) moves back what it had moved, and only
// if that fails too does the error say the destination holds parts of
// both builds.
var ErrIO = errors.New("output: file-system error")

// ErrMixed is matched (errors.Is), together with ErrIO, by the error of a
// build that failed half-way publishing inside the destination and could
// not move back what it had moved: the destination holds parts of both
// builds until the next one.
var ErrMixed = errors.New("output: the destination holds parts of both builds")

// ioError marks err as an ErrIO.
type ioError struct{ err error }

func (e ioError) Error() string        { return e.err.Error() }
func (e ioError) Unwrap() error        { return e.err }
func (e ioError) Is(target error) bool { return target == ErrIO }

// ioErr marks err, unless it is nil or already marked, as an ErrIO.
func ioErr(err error) error {
	if err == nil || errors.Is(err, ErrIO) {
		return err
	}
	return ioError{err}
}

// ErrConflict is matched (errors.Is) by the error of a build that would
// replace files in the destination that pmkb did not write, or that lie in
// the way of the folders it writes: the destination is refused as it is,
// and nothing was published.
var ErrConflict = errors.New("output: files pmkb did not write are in the way")

// Conflict is the error of a build that would destroy files of Dest that
// pmkb did not write (an ErrConflict). Its text lists at most ten of
// Conflicts and ends in advice: move them away, and, when the build was
// not cleaning (Clean), publish with the clean option. A command that
// names the option as its users type it writes its own advice with
// Advised instead of editing the text (review 15 R7).
type Conflict struct {
	Dest string
	// Conflicts say, each in a sentence, what is in the way and why.
	Conflicts []string
	// Clean is set when the build was cleaning the folder, which keeps
	// dot paths: the only advice is then to move them away.
	Clean bool
}

// DefaultAdvice is the advice of Conflict's text, after "move them away,",
// for a build that was not cleaning.
const DefaultAdvice = "or publish with the clean option to replace them"

func (e *Conflict) Error() string        { return e.Advised(DefaultAdvice) }
func (e *Conflict) Is(target error) bool { return target == ErrConflict }

// Advised returns the error's text with advice, for a build that was not
// cleaning, in place of DefaultAdvice after "move them away, " (a build
// that was cleaning gets no other advice).
func (e *Conflict) Advised(advice string) string {
	const shown = 10
	var b strings.Builder
	fmt.Fprintf(&b, "output: cannot publish to %s without destroying files pmkb did not write:", e.Dest)
	for i, c := range e.Conflicts {
		if i == shown {
			fmt.Fprintf(&b, "\n\t... and %d more", len(e.Conflicts)-shown)
			break
		}
		b.WriteString("\n\t" + c)
	}
	if e.Clean {
		b.WriteString("\nmove them away; dot paths are kept even when cleaning")
	} else {
		b.WriteString("\nmove them away, " + advice)
	}
	return b.String()
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
	// Cleaned lists, sorted, the removed entries pmkb had not made (files
	// and empty folders of the destination that Options.Clean deleted), so
	// that a command can name them: a robots.txt or CNAME someone put
	// there is gone, and the log should say so.
	Cleaned []string
	// Warning, when not empty, says what publishing could not tidy up, one
	// problem a line: a folder of the previous site or of an earlier
	// build it could not delete (the next build tries again), or, at the
	// first build into a folder without a manifest, the entries pmkb did
	// not make that the folder held (kept, and recorded so that cleaning
	// stays refused while they are there). The site was published all the
	// same.
	Warning string
}

// Names of the folders Write keeps beside the destination. For a
// destination "public" they are ".public.pmkb-staging-<random>",
// ".public.pmkb-old-<random>" and the lock file ".public.pmkb-lock". When
// it publishes inside the destination (see Begin) they are
// ".pmkb-staging-<random>", ".pmkb-old-<random>" and ".pmkb-lock" in it.
const (
	stagingInfix = ".pmkb-staging-"
	oldInfix     = ".pmkb-old-"
	lockSuffix   = ".pmkb-lock"
)

// isInternal reports whether name, at the top of a destination, is one
// of the folders or the lock file that publishing inside it uses.
func isInternal(name string) bool {
	return strings.HasPrefix(name, stagingInfix) || strings.HasPrefix(name, oldInfix) || name == lockSuffix
}

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
// removed by the next Write. Where dest cannot be swapped (a mount point,
// a parent folder that may not be written), the new site is staged and
// moved in inside dest, entry by entry (see Begin and Commit): a reader
// may see both sites for that moment, and a build that fails half-way
// moves back what it moved, so dest is again as it was.
//
// Files in dest that pmkb did not write survive: the manifest
// (ManifestName) lists the paths of the previous build, and only those
// that this build no longer produces are dropped. Everything else (CNAME,
// robots.txt, .git/) is carried into the new site: hard-linked, so nothing
// is copied, or copied when the file system has no hard links. Symbolic
// links are carried as links and never followed. A generated path that
// would replace such a file is an error unless opts.Clean is set.
//
// Writes to the same dest take turns: each holds a lock (see Begin) from
// before it looks at dest until it has published. Write is Begin, Put for every file and Commit; a builder that makes its
// files one at a time calls those itself and never holds the whole site.
func Write(dest string, files []File, opts Options) (Result, error) {
	return write(dest, files, opts, nil)
}

// write is Write with a hook that, when not nil, runs before each
// generated file goes into the staging folder, in path order and one at a
// time; tests use it to make a build fail or die half-way. Without the
// hook the files are written by several goroutines: most of the time of
// writing a site goes into creating files, which the kernel does for
// several callers at once.
func write(dest string, files []File, opts Options, beforeFile func(path string) error) (Result, error) {
	if err := CheckDestination(dest, opts); err != nil {
		return Result{}, err
	}
	sorted, err := validateFiles(files)
	if err != nil {
		return Result{}, err
	}
	st, err := begin(context.Background(), dest, opts, placeAuto)
	if err != nil {
		return Result{}, err
	}
	return fill(st, sorted, beforeFile)
}

// fill puts the sorted files into st, with beforeFile as write says, and
// commits it.
func fill(st *Stage, sorted []File, beforeFile func(path string) error) (Result, error) {
	defer st.Abort()
	if beforeFile != nil {
		for _, f := range sorted {
			if err := beforeFile(f.Path); err != nil {
				return Result{}, err
			}
			if err := st.Put(f); err != nil {
				return Result{}, err
			}
		}
		return st.Commit()
	}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		errs = make([]error, writers)
	)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(sorted) || errs[w] != nil {
					return
				}
				errs[w] = st.Put(sorted[i])
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Result{}, err
	}
	return st.Commit()
}

// writers is how many goroutines Write puts files with. Creating a file is
// a system call that waits on the file system more than on the CPU, so a
// few more than the usual two cores pay off.
const writers = 4

// removeLeftovers removes staging folders that killed builds left beside
// dest. If a build died between the two renames of the fallback swap, dest
// is missing and its previous site waits in an old folder: that one is put
// back. Then it does the same inside dest (see removeInsideLeftovers).
// The caller holds the lock, so no live build owns these folders. A
// folder of a dead build that cannot be deleted is only a warning: it is
// no part of the site, and the next build tries again.
func removeLeftovers(parent, base, dest string) (warnings []string, err error) {
	entries, err := os.ReadDir(parent)
	if err != nil && !denied(err) { // a parent that may not be read holds no staging folder of ours
		return nil, fmt.Errorf("output: %w", err)
	}
	remove := func(dir string) {
		if err := os.RemoveAll(dir); err != nil {
			warnings = append(warnings, fmt.Sprintf("could not remove %s, which an earlier build left: %v", dir, err))
		}
	}
	var olds []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."+base+stagingInfix):
			remove(filepath.Join(parent, name))
		case strings.HasPrefix(name, "."+base+oldInfix):
			olds = append(olds, filepath.Join(parent, name))
		}
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 {
		if len(olds) > 1 {
			return warnings, fmt.Errorf("output: %s is missing and earlier builds left several previous sites beside it (%s); rename the one to keep to %s", dest, strings.Join(olds, ", "), base)
		}
		if err := os.Rename(olds[0], dest); err != nil {
			return warnings, fmt.Errorf("output: restoring the previous site: %w", err)
		}
		olds = nil
	}
	for _, o := range olds {
		remove(o)
	}
	inside, err := removeInsideLeftovers(dest)
	return append(warnings, inside...), err
}

// removeInsideLeftovers removes the staging folders that builds killed
// while publishing inside dest left in it. A build killed between the two
// renames that replace one entry (where there is no atomic exchange) left
// that entry of the previous site in an old folder: it is put back first.
// A folder it cannot delete is a warning, as for removeLeftovers.
func removeInsideLeftovers(dest string) (warnings []string, err error) {
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(dest, name)
		switch {
		case strings.HasPrefix(name, stagingInfix):
		case strings.HasPrefix(name, oldInfix):
			kept, err := os.ReadDir(full)
			if err != nil {
				return warnings, fmt.Errorf("output: %w", err)
			}
			for _, k := range kept {
				to := filepath.Join(dest, k.Name())
				if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
					if err := os.Rename(filepath.Join(full, k.Name()), to); err != nil {
						return warnings, fmt.Errorf("output: restoring the previous site: %w", err)
					}
				}
			}
		default:
			continue
		}
		if err := os.RemoveAll(full); err != nil {
			warnings = append(warnings, fmt.Sprintf("could not remove %s, which an earlier build left: %v", full, err))
		}
	}
	return warnings, nil
}

// oldSite is what Write needs to know about the site currently in dest.
type oldSite struct {
	dir    string
	exists bool
	// meta holds the mode, owner and group of dest.
	meta meta
	// dirMeta maps each folder of dest (slash path) to its mode, owner and
	// group, so folders made anew keep them.
	dirMeta map[string]meta
	// manifest holds the paths the previous build wrote; hasManifest says
	// dest had a manifest, foreign the top-level names it records as not
	// made by pmkb (see CheckDestination).
	manifest    map[string]bool
	hasManifest bool
	foreign     []string
	// leaves lists every file, symbolic link and empty folder, sorted by
	// path; types maps each leaf's path to its type bits.
	leaves []entry
	types  map[string]fs.FileMode
	// stays lists the folders (slash paths) that cannot be carried into a
	// new site and must stay where they are: those this user may not read,
	// and lost+found at the root of a mount (which fsck uses, and which
	// cleaning never empties). Only publishing inside dest, where their
	// top-level folder is left untouched, can keep them (see checkStays).
	stays []string
	// mountRoot says dest is the root of a mount, as the build decided
	// (see readSite): its lost+found is neither site nor foreign.
	mountRoot bool
	// inner holds the pmkb destinations inside dest (slash paths), which
	// a manifest or the working entries of their builds show (innerDest).
	inner map[string]bool
}

// entry is a file, symbolic link or empty folder of dest.
type entry struct {
	path string      // slash-separated, relative to dest
	typ  fs.FileMode // type bits
}

// readSite walks dest without following symbolic links and lists every
// file, symbolic link and empty folder in it, with the previous manifest.
// The working entries of builds (staging and old folders, lock files;
// isWorking), this build's and those of builds into destinations inside
// dest, at any depth, are not part of the site; the destinations inside
// dest are listed in inner. A folder this user may not read, and
// lost+found when dest is the root of a mount (mountRoot), are listed in
// stays instead of walked: an ext4 or xfs volume's root has a lost+found
// only root may read.
func readSite(dest string, mountRoot bool) (*oldSite, error) {
	site := &oldSite{dir: dest, dirMeta: map[string]meta{}, manifest: map[string]bool{}, types: map[string]fs.FileMode{}, mountRoot: mountRoot, inner: map[string]bool{}}
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
	site.meta = metaOf(info)
	if site.manifest, site.foreign, site.hasManifest, err = readManifest(dest); err != nil {
		return nil, err
	}

	var dirs []string
	nonEmpty := map[string]bool{}
	err = filepath.WalkDir(dest, func(full string, d fs.DirEntry, err error) error {
		if full == dest {
			return err
		}
		rel, rerr := filepath.Rel(dest, full)
		if rerr != nil {
			return rerr
		}
		p := filepath.ToSlash(rel)
		if err != nil {
			if d != nil && d.IsDir() && errors.Is(err, fs.ErrPermission) {
				// Called again after reading the folder failed: it was
				// listed as an empty folder; it stays instead.
				site.stays = append(site.stays, p)
				nonEmpty[p] = true
				return fs.SkipDir
			}
			return err
		}
		if mountRoot && p == lostFound && d.IsDir() {
			site.stays = append(site.stays, p)
			return fs.SkipDir
		}
		if inner, ok := innerDest(path.Dir(p), d.Name()); ok {
			site.inner[inner] = true
		}
		if isWorking(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
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
			site.dirMeta[p] = metaOf(info)
			return nil
		}
		site.leaves = append(site.leaves, entry{path: p, typ: d.Type()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("output: reading the current site: %w", err)
	}
	for _, dir := range dirs {
		if !nonEmpty[dir] {
			site.leaves = append(site.leaves, entry{path: dir, typ: fs.ModeDir})
		}
	}
	slices.SortFunc(site.leaves, func(a, b entry) int { return strings.Compare(a.path, b.path) })
	for _, e := range site.leaves {
		site.types[e.path] = e.typ
	}
	return site, nil
}

// lostFound is the folder fsck keeps at the root of an ext2/3/4 or xfs
// file system.
const lostFound = "lost+found"

// checkStays returns an error when a folder that must stay where it is
// (o.stays) would not: when publishing beside dest (untouched is nil), as
// the swap replaces dest as a whole, or when its top-level folder is not
// untouched (this build writes in it, or cleaning removes in it).
func (o *oldSite) checkStays(untouched map[string]bool) error {
	var bad []string
	for _, p := range o.stays {
		if !untouched[top(p)] {
			bad = append(bad, p)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return fmt.Errorf("output: cannot publish to %s: this user may not read %s, so the new site could not keep what is in it; give the user read access, or move it away", o.dir, strings.Join(bad, ", "))
}

// reusable reports whether the generated path p may replace what dest has
// there by a hard link when the bytes are the same: a regular file that an
// earlier build wrote (or any regular file, when cleaning).
func (o *oldSite) reusable(p string, clean bool) bool {
	typ, ok := o.types[p]
	return ok && typ.IsRegular() && (o.manifest[p] || clean)
}

// sort sorts every entry of dest, now that the generated paths (gen) and
// the folders they need (genDirs) are known, into: replaced by a generated
// file, dropped (stale or cleaned), or carried over, and returns the
// carried and the dropped ones, sorted by path. A carried entry in the way of a
// generated path, and a generated path that would replace a file pmkb did
// not write (unless clean), are errors, all reported together.
func (o *oldSite) sort(gen, genDirs, adopted map[string]bool, clean bool) (carry, removed []entry, err error) {
	var conflicts []string
	for _, e := range o.leaves {
		p := e.path
		switch {
		case gen[p]:
			if !o.manifest[p] && !clean && !adopted[p] {
				conflicts = append(conflicts, fmt.Sprintf("%q was not written by pmkb and this build would replace it", p))
			}
		case o.manifest[p]:
			removed = append(removed, e) // stale: an earlier build wrote it, this one does not
		case clean && !isDotPath(p) && !o.inInner(p):
			// Another pmkb build's site inside this one (a PR preview in
			// public/preview) is no file pmkb had not made: --clean keeps
			// it whole (QA 21r2 F5: it emptied the preview's pages and
			// kept its manifest, calling them files pmkb had not made).
			removed = append(removed, e)
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
				carry = append(carry, e)
			}
		}
	}
	if len(conflicts) > 0 {
		return nil, nil, &Conflict{Dest: o.dir, Conflicts: conflicts, Clean: clean}
	}
	return carry, removed, nil
}

// inInner reports whether p lies in one of the pmkb destinations inside
// the old site (oldSite.inner).
func (o *oldSite) inInner(p string) bool {
	for dir := range parentDirs(p) {
		if o.inner[dir] {
			return true
		}
	}
	return false
}

// manifestFile is the manifest when it records foreign top-level entries:
// a JSON object. Without them it is the JSON list of Paths alone, as
// every manifest was before Foreign existed.
type manifestFile struct {
	Paths []string `json:"paths"`
	// Foreign lists the top-level names that were in the folder, not made
	// by pmkb, when pmkb first published there and are still there (see
	// CheckDestination).
	Foreign []string `json:"foreign,omitempty"`
}

// readManifest returns the set of paths the previous build listed in the
// manifest of dest and the foreign top-level names it records; no
// manifest means an empty set, and found is false.
func readManifest(dest string) (set map[string]bool, foreign []string, found bool, err error) {
	full := filepath.Join(dest, ManifestName)
	info, err := os.Lstat(full)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, fmt.Errorf("output: %w", err)
	}
	damaged := func(why string) error {
		return fmt.Errorf("output: the manifest %s %s; delete it to continue (the files of earlier builds are then kept as if a person had put them there)", full, why)
	}
	if !info.Mode().IsRegular() {
		return nil, nil, false, damaged("is not a regular file")
	}
	if info.Size() > maxManifest {
		return nil, nil, false, damaged(fmt.Sprintf("is %d bytes, more than the %d a manifest can be", info.Size(), maxManifest))
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, nil, false, fmt.Errorf("output: %w", err)
	}
	var m manifestFile
	if err := json.Unmarshal(data, &m.Paths); err != nil {
		if oerr := json.Unmarshal(data, &m); oerr != nil {
			return nil, nil, false, damaged(fmt.Sprintf("is not a JSON list of paths (%v)", err))
		}
	}
	set = make(map[string]bool, len(m.Paths))
	for _, p := range m.Paths {
		if why := checkPath(p); why != "" {
			return nil, nil, false, damaged(fmt.Sprintf("lists the path %q, which %s", p, why))
		}
		set[p] = true
	}
	for _, name := range m.Foreign {
		if why := checkPath(name); why != "" || strings.Contains(name, "/") {
			return nil, nil, false, damaged(fmt.Sprintf("lists the foreign entry %q, which is not a top-level name", name))
		}
	}
	return set, m.Foreign, true, nil
}

// writeManifest writes the sorted paths, one per line, as a JSON list to
// the manifest of the folder dir; with foreign top-level names, as a
// manifestFile object.
func writeManifest(dir string, paths, foreign []string) error {
	var v any = paths
	if len(foreign) > 0 {
		v = manifestFile{Paths: paths, Foreign: foreign}
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestName), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// newStage creates an empty staging folder in the folder dir: beside
// dest (dir is its parent, prefix "."+base), where it gets the mode, owner
// and group of the current dest if there is one, or inside dest (dir is
// dest, prefix ""), where only this build may enter it.
func newStage(dir, prefix string, old *oldSite) (string, error) {
	perm := fs.FileMode(0o755)
	if prefix == "" {
		perm = 0o700
	}
	stage, err := mkdirUnique(dir, prefix+stagingInfix, perm)
	if err != nil {
		return "", fmt.Errorf("output: cannot create a staging folder in %s: %w", dir, err)
	}
	if old.exists && prefix != "" {
		if err := old.meta.apply(stage); err != nil {
			os.Remove(stage)
			return "", fmt.Errorf("output: %w", err)
		}
	}
	return stage, nil
}

// mkdirUnique creates a new folder in dir named prefix and a random
// suffix.
func mkdirUnique(dir, prefix string, perm fs.FileMode) (string, error) {
	for {
		name := filepath.Join(dir, prefix+rand.Text()[:12])
		err := os.Mkdir(name, perm)
		if !errors.Is(err, fs.ErrExist) {
			return name, err
		}
	}
}

// stager fills the staging folder; its methods are safe for concurrent
// use.
type stager struct {
	root  string
	old   *oldSite
	clean bool
	// mu guards made, the folders (slash paths) already created in root,
	// adopted and readOnly.
	mu   sync.Mutex
	made map[string]bool
	// adopted holds the generated paths where the current site has a
	// regular file pmkb did not write with the very bytes this build
	// writes there (a CNAME or robots.txt moved into the theme's static/,
	// as README advises): replacing it destroys nothing, so it is no
	// conflict (QA 14 D-F9).
	adopted map[string]bool
	// readOnly maps the folders (full paths) whose kept mode does not let
	// their owner write to that mode, which finish gives them once they
	// are filled.
	readOnly map[string]fs.FileMode
	// dirGroup caches newFileGroup's answer per folder; guarded by mu.
	dirGroup map[string]int
	// fresh is how a file written now comes out (newFile), found once.
	fresh     newFile
	freshOnce sync.Once
}

// newFile is what a file written now gets: its permissions (0644 less the
// umask) and, where files have owners, its owner and the group it gets in
// a folder without the setgid bit (-1 where there are none).
type newFile struct {
	perm     fs.FileMode
	uid, gid int
	ok       bool
}

// newFileMeta writes and removes a file in the staging folder to learn
// what a file written now gets (the umask cannot be read without setting
// it, which would race with the build's other goroutines).
func (s *stager) newFileMeta() newFile {
	s.freshOnce.Do(func() {
		f, err := os.CreateTemp(s.root, ".pmkb-mode-")
		if err != nil {
			return
		}
		name := f.Name()
		f.Close()
		defer os.Remove(name)
		// CreateTemp makes 0600 whatever the umask: make it anew as
		// createFile does.
		if os.Remove(name) != nil || createFile(name, nil, 0o644) != nil {
			return
		}
		info, err := os.Lstat(name)
		if err != nil {
			return
		}
		s.fresh.perm = info.Mode().Perm()
		s.fresh.uid, s.fresh.gid = ownerOf(info)
		if s.fresh.uid >= 0 {
			s.fresh.gid = os.Getegid()
		}
		s.fresh.ok = true
	})
	return s.fresh
}

// likeNew reports whether the file of the current site that info
// describes has what the same file written now into the staging folder
// dir (slash path) would get: the permissions the umask gives, this
// user, and the group of a setgid folder or else this user's. Only such
// a file is reused by a hard link, so that a build into the current site
// gives what a build into an empty folder gives after a change of umask
// or of the folder's group (QA 19 C-F5: README's 'set umask 022' left
// every unchanged page 0600).
func (s *stager) likeNew(info fs.FileInfo, dir string) bool {
	n := s.newFileMeta()
	if !n.ok || info.Mode().Perm() != n.perm {
		return false
	}
	uid, gid := ownerOf(info)
	if n.uid < 0 {
		return true
	}
	return uid == n.uid && gid == s.newFileGroup(dir, n.gid)
}

// newFileGroup returns the group a file written now into the staging
// folder dir gets: the folder's when it has the setgid bit, else gid.
func (s *stager) newFileGroup(dir string, gid int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.dirGroup[dir]; ok {
		return g
	}
	g := gid
	if d, err := os.Lstat(filepath.Join(s.root, filepath.FromSlash(dir))); err == nil && d.Mode()&fs.ModeSetgid != 0 {
		_, g = ownerOf(d)
	}
	if s.dirGroup == nil {
		s.dirGroup = map[string]int{}
	}
	s.dirGroup[dir] = g
	return g
}

// mkdirAll creates the folder dir (slash path) and its parents in the
// staging folder. The folders of generated files (ours) are made as in an
// empty destination: 0755 less the umask, and the group and setgid bit of
// a setgid parent; other folders that exist in the current site (those
// of files pmkb did not make) keep their mode, owner and group (see
// meta), as the destination folder itself does. Until the nineteenth
// session every folder kept them, so a fixed umask never reached the
// pages (QA 19 C-F5).
func (s *stager) mkdirAll(dir string, ours bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mkdirAllLocked(dir, ours)
}

func (s *stager) mkdirAllLocked(dir string, ours bool) error {
	if dir == "." || dir == "" || s.made[dir] {
		return nil
	}
	if err := s.mkdirAllLocked(path.Dir(dir), ours); err != nil {
		return err
	}
	full := filepath.Join(s.root, filepath.FromSlash(dir))
	m, kept := s.old.dirMeta[dir]
	kept = kept && !ours
	if err := os.Mkdir(full, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if kept {
		// A folder its owner may not write (0555) is filled first and
		// gets its mode at the end (finish).
		final := m.mode
		if m.mode&0o700 != 0o700 {
			m.mode |= 0o700
			if s.readOnly == nil {
				s.readOnly = map[string]fs.FileMode{}
			}
			s.readOnly[full] = final
		}
		if err := m.apply(full); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	s.made[dir] = true
	return nil
}

// remove deletes the staging folder, giving the folders that finish
// made read-only their owner's write permission back first.
func (s *stager) remove() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for dir, mode := range s.readOnly {
		os.Chmod(dir, mode|0o700)
	}
	os.RemoveAll(s.root)
}

// finish gives the folders that their owner may not write their kept
// mode, now that nothing more goes into them.
func (s *stager) finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for dir, mode := range s.readOnly {
		if err := os.Chmod(dir, mode); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	return nil
}

// putFile puts the generated file f into the staging folder and reports
// whether the current site already has it with the same bytes; such a
// file is hard-linked rather than written, so it keeps its modification
// time.
func (s *stager) putFile(f File) (same bool, err error) {
	dir := path.Dir(f.Path)
	if err := s.mkdirAll(dir, true); err != nil {
		return false, err
	}
	to := filepath.Join(s.root, filepath.FromSlash(f.Path))
	from := filepath.Join(s.old.dir, filepath.FromSlash(f.Path))
	if s.old.reusable(f.Path, s.clean) {
		if info, ok := sameBytesInfo(from, f.Data); ok {
			// A file whose mode, owner or group a file written now would
			// not have is written anew, and counted as written.
			if !s.likeNew(info, dir) {
				same = false
			} else if os.Link(from, to) == nil {
				return true, nil
			} else {
				same = true // no hard links here: write the same bytes anew
			}
		}
	} else if typ, ok := s.old.types[f.Path]; ok && typ.IsRegular() && sameBytes(from, f.Data) {
		s.mu.Lock()
		s.adopted[f.Path] = true
		s.mu.Unlock()
	}
	if err := createFile(to, f.Data, 0o644); err != nil {
		return false, fmt.Errorf("output: writing %s: %w", f.Path, err)
	}
	return same, nil
}

// carry puts the entry e of the current site into the staging folder:
// a hard link to a file, a copy of a symbolic link (never followed), or
// an empty folder. Regular files are copied where hard links fail.
//
// An entry that another process removed since readSite listed it (git
// creates and deletes .git/index.lock in a worktree) is gone from the
// current site too, so it is not kept: that is no error (QA 21 D-F3).
// The folder that held it is kept, now that it may be empty.
func (s *stager) carry(e entry) error {
	from := filepath.Join(s.old.dir, filepath.FromSlash(e.path))
	if vanished(from) {
		return s.carryParent(e.path)
	}
	if e.typ.IsDir() {
		return s.mkdirAll(e.path, false)
	}
	if err := s.mkdirAll(path.Dir(e.path), false); err != nil {
		return err
	}
	to := filepath.Join(s.root, filepath.FromSlash(e.path))
	err := s.carryFile(e, from, to)
	if err != nil && vanished(from) {
		return s.carryParent(e.path)
	}
	if err != nil {
		return fmt.Errorf("output: keeping %s: %w", e.path, err)
	}
	return nil
}

// carryFile puts the file or symbolic link e at from into the staging
// folder at to (see carry).
func (s *stager) carryFile(e entry, from, to string) error {
	if e.typ&fs.ModeSymlink != 0 {
		target, err := os.Readlink(from)
		if err != nil {
			return err
		}
		return os.Symlink(target, to)
	}
	linkErr := os.Link(from, to)
	if linkErr == nil || !e.typ.IsRegular() {
		return linkErr
	}
	return copyFile(from, to)
}

// carryParent puts into the staging folder the innermost folder above
// the vanished entry p that the current site still has.
func (s *stager) carryParent(p string) error {
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		if !vanished(filepath.Join(s.old.dir, filepath.FromSlash(dir))) {
			return s.mkdirAll(dir, false)
		}
	}
	return nil
}

// vanished reports whether nothing is at the path name any more.
func vanished(name string) bool {
	_, err := os.Lstat(name)
	return errors.Is(err, fs.ErrNotExist)
}

// sameBytes reports whether the regular file at name holds exactly data.
func sameBytes(name string, data []byte) bool {
	_, ok := sameBytesInfo(name, data)
	return ok
}

// sameBytesInfo is sameBytes that also returns the file's information.
func sameBytesInfo(name string, data []byte) (fs.FileInfo, bool) {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return nil, false
	}
	got, err := os.ReadFile(name)
	return info, err == nil && bytes.Equal(got, data)
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
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
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
