package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// liveDirFS is dirFS for pmkb serve, which runs for hours: the os.Root of
// content/postmortems that dirFS opens holds the folder that was there
// when it was opened, so after the folder was replaced (a linked
// content/postmortems re-pointed to another checkout, a folder deleted
// and restored from a copy, a git checkout that removed and re-made it)
// the preview kept reading the old one until restarted, without a word
// (QA 19 B-F3). Refresh, which the session calls before every build,
// opens it again when the path names another folder than the one open.
type liveDirFS struct {
	dir string
	mu  sync.RWMutex
	cur fs.FS
	// open is content/postmortems as it was when cur was opened (nil
	// when it did not exist).
	open os.FileInfo
}

func newLiveDirFS(dir string) *liveDirFS {
	l := &liveDirFS{dir: dir}
	l.Refresh()
	return l
}

// Refresh opens the site again when content/postmortems is no longer the
// folder that was opened.
func (l *liveDirFS) Refresh() {
	now, err := os.Stat(filepath.Join(l.dir, filepath.FromSlash(contentDir)))
	if err != nil {
		now = nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur != nil && (now == nil) == (l.open == nil) && (now == nil || os.SameFile(now, l.open)) {
		return
	}
	l.cur, l.open = dirFS(l.dir), now
}

func (l *liveDirFS) fs() fs.FS {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur
}

func (l *liveDirFS) Open(name string) (fs.File, error)          { return l.fs().Open(name) }
func (l *liveDirFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(l.fs(), name) }
func (l *liveDirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(l.fs(), name) }
func (l *liveDirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(l.fs(), name) }
func (l *liveDirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(l.fs(), name) }
func (l *liveDirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(l.fs(), name) }
