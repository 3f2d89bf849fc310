package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/pmkb/pmkb/generator/internal/source"
)

// watcher turns file-system events under the watched sources into
// debounced batches of changed paths. fsnotify is not recursive, so every
// directory is added, and directories created later are added as they
// appear. A watched file (the config) is watched through its directory,
// because editors replace files by renaming, which ends a watch on the
// file itself.
type watcher struct {
	fsn *fsnotify.Watcher
	// files maps a watched directory that holds watched files (not whole
	// trees) to those files' names.
	files map[string][]string
	// trees are the directories watched recursively.
	trees   []string
	exclude []string
	logf    func(string, ...any)
	// found are files met in directories created after the start.
	found []string
	// known are the paths that existed at the start or at the last
	// batch: a path that is gone at the end of a batch changed only if it
	// was known (deleted), and otherwise was a temporary file that came
	// and went (an editor's or sed -i's write-then-rename).
	known map[string]bool
}

func newWatcher(opts Options) (*watcher, error) {
	fsn, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w := &watcher{fsn: fsn, files: map[string][]string{}, logf: opts.Logf, known: map[string]bool{}}
	for _, e := range opts.Exclude {
		w.exclude = append(w.exclude, filepath.Clean(e))
	}
	for _, p := range opts.Watch {
		p = filepath.Clean(p)
		info, err := os.Stat(p)
		if err != nil {
			w.logf("not watching %s: %v", p, err)
			continue
		}
		if info.IsDir() {
			w.trees = append(w.trees, p)
			w.addTree(p, false)
			continue
		}
		w.known[p] = true
		w.addFile(p)
	}
	for _, p := range opts.WatchFiles {
		p = filepath.Clean(p)
		if _, err := os.Lstat(p); err == nil {
			w.known[p] = true
		}
		w.addFile(p)
	}
	return w, nil
}

// addFile watches the file p, which may not exist yet, through its
// directory.
func (w *watcher) addFile(p string) {
	dir := filepath.Dir(p)
	if slices.Contains(w.files[dir], filepath.Base(p)) {
		return
	}
	w.files[dir] = append(w.files[dir], filepath.Base(p))
	if err := w.fsn.Add(dir); err != nil {
		w.logf("cannot watch %s: %v", dir, err)
	}
}

func (w *watcher) close() { _ = w.fsn.Close() }

// excluded reports whether p is an excluded directory or inside one.
func (w *watcher) excluded(p string) bool {
	for _, e := range w.exclude {
		if p == e || strings.HasPrefix(p, e+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// addTree watches dir and every directory below it, skipping hidden and
// excluded ones. When late is set (a directory created while running),
// the files already inside are remembered as changed: they may have been
// written before the watch was in place.
//
// A tree that is itself a symbolic link to a folder (content/ linked to a
// checkout elsewhere) is walked through the link, and named by it; links
// below it are not followed, as the build does not follow them.
func (w *watcher) addTree(dir string, late bool) {
	walk := dir
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		walk += string(filepath.Separator) // a trailing separator makes WalkDir resolve the link
	}
	_ = filepath.WalkDir(walk, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		p = filepath.Clean(p)
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") || w.excluded(p) {
				return filepath.SkipDir
			}
			if err := w.fsn.Add(p); err != nil {
				w.logf("cannot watch %s: %v", p, err)
			}
			w.known[p] = true
			return nil
		}
		if ignoredName(d.Name()) {
			return nil
		}
		w.known[p] = true
		if late {
			w.found = append(w.found, p)
		}
		return nil
	})
}

// ignoredName reports editor and tool droppings whose changes alone never
// need a rebuild (the file they stand for changes too): the names the
// loader neither reads nor warns about (QA 16 B-F5).
func ignoredName(name string) bool { return source.EditorFile(name) }

// relevant reports whether an event should trigger a rebuild, and adds
// watches for new directories.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	name := filepath.Clean(ev.Name)
	dir, base := filepath.Dir(name), filepath.Base(name)
	if files, ok := w.files[dir]; ok && !w.inTree(name) {
		return slices.Contains(files, base)
	}
	if ignoredName(base) || w.excluded(name) {
		return false
	}
	if ev.Has(fsnotify.Rename) {
		w.unwatch(name)
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(name); err == nil {
			switch {
			case info.IsDir():
				w.addTree(name, true)
			case info.Mode()&fs.ModeSymlink != 0 && slices.Contains(w.trees, name):
				w.rewatch(name)
			}
		}
	}
	return true
}

// rewatch watches the folder that the tree root dir, a symbolic link made
// anew (re-pointed to another checkout), names now, instead of the one it
// named: the watches of the old folder's folders, named by the same
// paths, are dropped first, so its edits no longer rebuild and the new
// folder's do (QA 19 B-F3: after ln -sfn to another checkout, the preview
// watched the old one).
func (w *watcher) rewatch(dir string) {
	for p := range w.known {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			_ = w.fsn.Remove(p) // a file's path has no watch: nothing to drop
			delete(w.known, p)
		}
	}
	w.addTree(dir, true)
}

// unwatch drops the watches of the folder p, renamed away, and of the
// folders below it. inotify watches a folder, not a path: the moved
// folders' watches went on, named by the paths they had, and a folder
// renamed back into the tree (content/pm2 moved to content/postmortems)
// was found watched already when walked under its new name, so its
// events kept the old names and no later edit rebuilt (QA 19r F2). A
// folder renamed in is walked anew from its Create event. The paths stay
// known: the rename itself is a change if nothing takes their place.
func (w *watcher) unwatch(p string) {
	_ = w.fsn.Remove(p) // nothing to drop for a file
	prefix := p + string(filepath.Separator)
	for k := range w.known {
		if strings.HasPrefix(k, prefix) {
			_ = w.fsn.Remove(k)
		}
	}
}

// changed reports whether p, named by an event of the batch that ends,
// changed a source: it exists (written or made), or it existed before
// (deleted or renamed away). A path that neither exists nor existed came
// and went within the batch: a temporary file, which changes nothing.
func (w *watcher) changed(p string) bool {
	if _, err := os.Lstat(p); err == nil {
		w.known[p] = true
		return true
	}
	was := w.known[p]
	delete(w.known, p)
	return was
}

func (w *watcher) inTree(p string) bool {
	for _, t := range w.trees {
		if p == t || strings.HasPrefix(p, t+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// run collects events until the sources have been quiet for debounce (or
// have kept changing for 20 debounce periods), then calls rebuild with the
// sorted changed paths. rebuild runs on this goroutine, so builds never
// overlap; events that arrive meanwhile make the next batch.
func (w *watcher) run(ctx context.Context, debounce time.Duration, rebuild func(changed []string)) {
	pending := map[string]bool{}
	full := false // events were lost: rebuild everything
	var quiet, deadline <-chan time.Time
	quietT := time.NewTimer(time.Hour)
	quietT.Stop()
	arm := func() {
		quietT.Reset(debounce)
		quiet = quietT.C
		if deadline == nil {
			deadline = time.After(20 * debounce)
		}
	}
	fire := func() {
		quiet, deadline = nil, nil
		for _, p := range w.found {
			pending[p] = true
		}
		w.found = nil
		if full {
			full = false
			clear(pending)
			rebuild(nil)
			return
		}
		changed := make([]string, 0, len(pending))
		for p := range pending {
			if w.changed(p) {
				changed = append(changed, p)
			}
		}
		clear(pending)
		if len(changed) == 0 {
			return
		}
		slices.Sort(changed)
		rebuild(changed)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsn.Events:
			if !ok {
				return
			}
			if !w.relevant(ev) {
				continue
			}
			pending[filepath.Clean(ev.Name)] = true
			arm()
		case err, ok := <-w.fsn.Errors:
			if !ok {
				return
			}
			// An overflow loses events: rebuild everything to be safe.
			w.logf("watcher: %v", err)
			full = true
			arm()
		case <-quiet:
			fire()
		case <-deadline:
			fire()
		}
	}
}
