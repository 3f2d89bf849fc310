package output

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Destinations inside destinations (QA 21 D-F1). A site may be published
// into a folder of another pmkb site (public/preview beside public/, for
// PR previews). The two builds take different locks, yet the outer one
// carries the inner site from its start to its end, and its swap takes
// away whatever the inner build had put inside it meanwhile. So they take
// turns too, and a build that waits for a lock holds none but its own and
// those of destinations inside it, so that none waits for another that
// waits for it:
//
//   - A build takes its own lock, then makes sure no build into a pmkb
//     destination above its own (a folder with a manifest, or with a
//     lock file of a build under way) is under way; if one is, it lets go
//     of its own lock, waits for that build and starts again (lockOwn).
//     Once it holds its own lock, an outer build that starts finds its
//     lock file.
//   - A build then takes the locks of the pmkb destinations inside its
//     own (folders with a manifest, lock files and working folders of
//     their builds) and holds them until Commit or Abort, so a build into
//     one of them waits. Holding them it clears what killed builds of
//     them left there, as their next build would, and only then reads
//     the site it carries.
//
// The working entries of every build (staging and old folders, lock
// files) are never part of a site (isWorking). The lock files of the
// inner destinations it holds are carried into the new site by hard link:
// the same file, so a build waiting on one still waits on the lock this
// build holds after the swap, until it lets go.

// isWorking reports whether the name of an entry, at any depth of a
// site, is a working entry of a build: a staging or old folder or a lock
// file, of a build publishing beside a destination
// (".<base>.pmkb-staging-…") or inside it (".pmkb-staging-…").
func isWorking(name string) bool {
	return isInternal(name) || workingBase(name) != ""
}

// workingBase returns, for the name of a working entry beside a
// destination (".<base>.pmkb-staging-…", ".<base>.pmkb-old-…",
// ".<base>.pmkb-lock"), the destination's base name; otherwise "".
func workingBase(name string) string {
	if !strings.HasPrefix(name, ".") {
		return ""
	}
	rest := name[1:]
	if base, ok := strings.CutSuffix(rest, lockSuffix); ok && base != "" {
		return base
	}
	for _, infix := range []string{stagingInfix, oldInfix} {
		if i := strings.Index(rest, infix); i > 0 {
			return rest[:i]
		}
	}
	return ""
}

// innerDest returns the destination, as a slash path relative to the
// site, that the entry name in the site's folder dir ("." for the top)
// shows to be a pmkb destination inside the site: dir itself for a
// manifest or a working entry inside a destination (not at the top,
// which is the site's own), dir/<base> for a working entry beside one.
// ok is false for other entries.
func innerDest(dir, name string) (dest string, ok bool) {
	if base := workingBase(name); base != "" {
		return path.Join(dir, base), true
	}
	if dir != "." && (name == ManifestName || isInternal(name)) {
		return dir, true
	}
	return "", false
}

// innerLock is a build's hold on a destination inside its own.
type innerLock struct {
	dest string // the destination's path
	lk   *lock
}

// lockInner takes the locks of the destinations inside dest that old
// names (see the comment above), in path order, clears what killed
// builds left beside and inside each, and reads the site again, until no
// other such destination shows up. It returns the site and the locks
// held; on error it holds none. waiting is as for lockOwn.
func lockInner(ctx context.Context, dest string, old *oldSite, waiting func(other string) func(int)) (_ *oldSite, held []innerLock, warnings []string, err error) {
	defer func() {
		if err != nil {
			releaseInner(held)
			held = nil
		}
	}()
	// notTaken are the destinations inside whose lock this user may not
	// take (a preview folder another CI user owns): not waited for, as
	// lockOwn does not wait for such an outer one, and kept as they are
	// (QA 21r2 F1: the main site stopped publishing for it).
	notTaken := map[string]bool{}
	for round := 0; ; round++ {
		want := make([]string, 0, len(old.inner))
		for rel := range old.inner {
			want = append(want, filepath.Join(dest, filepath.FromSlash(rel)))
		}
		slices.Sort(want)
		if !slices.ContainsFunc(want, func(d string) bool {
			return !notTaken[d] && !slices.ContainsFunc(held, func(h innerLock) bool { return h.dest == d })
		}) {
			return old, held, warnings, nil
		}
		if round == 10 {
			return nil, held, nil, fmt.Errorf("output: the pmkb destinations inside %s keep changing while this build waits for their builds; try again", dest)
		}
		// Taken again from the outermost, in one order with every build.
		releaseInner(held)
		held = nil
		for _, d := range want {
			if notTaken[d] {
				continue
			}
			lk, err := lockInnerDestination(ctx, filepath.Dir(d), filepath.Base(d), d, waiting(d))
			if err != nil && ctx.Err() == nil && denied(err) {
				notTaken[d] = true
				warnings = append(warnings, fmt.Sprintf("%s is kept as it is without taking turns with builds into it: %v", d, err))
				continue
			}
			if err != nil {
				return nil, held, nil, err
			}
			held = append(held, innerLock{dest: d, lk: lk})
			w, err := removeLeftovers(filepath.Dir(d), filepath.Base(d), d)
			warnings = append(warnings, w...)
			if err != nil {
				return nil, held, nil, err
			}
		}
		if old, err = readSite(dest, old.mountRoot); err != nil {
			return nil, held, nil, err
		}
	}
}

// lockInnerDestination is lockDestination, for a destination inside the
// one a build publishes to (tests set another).
var lockInnerDestination = lockDestination

// releaseInner lets go of the locks held.
func releaseInner(held []innerLock) {
	for i := len(held) - 1; i >= 0; i-- {
		held[i].lk.release()
	}
}

// innerLockEntries returns the lock files of held that lie in the site
// dest, as entries to carry into the new site.
func innerLockEntries(dest string, held []innerLock) []entry {
	var entries []entry
	for _, h := range held {
		name := h.lk.file()
		if name == "" {
			continue
		}
		rel, err := filepath.Rel(dest, name)
		if err != nil || rel == "." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || rel == ".." {
			continue
		}
		entries = append(entries, entry{path: filepath.ToSlash(rel)})
	}
	return entries
}

// outerDests returns the pmkb destinations that hold dest, outermost
// first: the folders above it with a manifest in them or a lock file of a
// build into them beside or inside them.
func outerDests(dest string) []string {
	var outer []string
	for dir := filepath.Dir(dest); ; dir = filepath.Dir(dir) {
		if filepath.Dir(dir) == dir {
			break
		}
		parent, base := filepath.Dir(dir), filepath.Base(dir)
		for _, name := range []string{filepath.Join(dir, ManifestName), filepath.Join(parent, "."+base+lockSuffix), filepath.Join(dir, lockSuffix)} {
			if info, err := os.Lstat(name); err == nil && info.Mode().IsRegular() {
				outer = append(outer, dir)
				break
			}
		}
	}
	slices.Reverse(outer)
	return outer
}

// lockOwn takes the lock of dest (lockDestination) and makes sure no
// build into a destination that holds dest (outerDests) is under way, as
// the comment above says: holding its own lock, it only tries theirs,
// and when one is taken it lets go of its own (which that build may be
// waiting for, see lockInner), waits for that build and starts again. So
// it never waits holding a lock, and builds into the outer destination or
// beside dest never wait for a build that waits for dest. The outer
// destinations are looked for once dest's lock file is there: an outer
// build that begins later finds it. An outer destination whose lock this
// user may not take is not waited for. waiting returns what to call
// before waiting for the build into the destination other (see
// Options.WaitingFor).
func lockOwn(ctx context.Context, parent, base, dest string, waiting func(other string) func(int)) (*lock, error) {
	for {
		// An outer build that published meanwhile may have taken away
		// the parent folder begin made.
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, ioErr(fmt.Errorf("output: %w", err))
		}
		lk, err := lockDestination(ctx, parent, base, dest, waiting(dest))
		if err != nil {
			return nil, err
		}
		busy := ""
		var held []innerLock
		for _, d := range outerDests(dest) {
			olk, taken, err := tryLock(d)
			if taken {
				busy = d
				break
			}
			if err == nil {
				held = append(held, innerLock{dest: d, lk: olk})
			}
		}
		releaseInner(held)
		if busy == "" {
			return lk, nil
		}
		lk.release()
		olk, err := lockDestination(ctx, filepath.Dir(busy), filepath.Base(busy), busy, waiting(busy))
		if err != nil && ctx.Err() != nil {
			return nil, err
		}
		olk.release()
	}
}

// tryLock takes the lock of the destination d if no build holds it;
// taken says one does.
func tryLock(d string) (_ *lock, taken bool, err error) {
	try, stop := context.WithCancel(context.Background())
	defer stop()
	lk, err := lockDestination(try, filepath.Dir(d), filepath.Base(d), d, func(int) {
		taken = true
		stop()
	})
	if taken {
		return nil, true, nil
	}
	return lk, false, err
}

// waitNotice returns what begin calls before it waits for the build into
// the destination other (an absolute path): opts.WaitingFor, or
// opts.Waiting. The destination is named as the caller named dest
// (given), or a folder inside it; an outer one by its absolute path.
func waitNotice(opts Options, dest, given string) func(other string) func(int) {
	return func(other string) func(int) {
		switch {
		case opts.WaitingFor != nil:
			name := other
			if other == dest {
				name = given
			} else if rel, err := filepath.Rel(dest, other); err == nil && isInside(other, dest) {
				name = filepath.Join(given, rel)
			}
			return func(pid int) { opts.WaitingFor(pid, name) }
		case opts.Waiting != nil:
			return opts.Waiting
		}
		return nil
	}
}
