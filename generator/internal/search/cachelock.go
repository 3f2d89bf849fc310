package search

import (
	"context"
	"os"
	"path/filepath"
	"time"
)

// cacheLockName is the lock file of a search cache, in its folder. It is
// never removed: a cache is disposable, and a lock file that stays put
// cannot be taken on a file another process has just unlinked.
const cacheLockName = ".pmkb-lock"

// cacheLockPoll is how often a pmkb waiting for the cache tries its lock
// again.
const cacheLockPoll = 50 * time.Millisecond

// cacheLock is a process's hold on a search cache folder: shared while it
// reads the cache (a warm search), exclusive while it creates, rebuilds
// or refreshes it and answers from it. The lock is on an open file
// (flock(2) on Unix, LockFileEx on Windows), so the system drops it when
// the process dies: a killed pmkb leaves no stale lock. Two pmkb on a
// cold or stale cache so take turns: the second waits, then finds the
// cache the first made and reads it (QA 17 C-F1).
type cacheLock struct{ f *os.File }

// lockCache takes the lock of the cache folder dir, shared or exclusive,
// waiting while another process holds it the other way; ctx ending first
// returns ctx.Err(). exclusive creates dir when missing. A lock file that
// can be neither created nor opened (a read-only cache, on a read-only
// file system or without its lock file) gives no lock and no error: no
// pmkb can write that cache either, and a warm one is read as it is (QA
// 17r-b R3: EROFS is not ErrPermission, and such a cache failed).
func lockCache(ctx context.Context, dir string, exclusive bool) (*cacheLock, error) {
	name := filepath.Join(dir, cacheLockName)
	if exclusive {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		r, rerr := os.Open(name)
		if rerr != nil {
			return &cacheLock{}, nil
		}
		f = r
	}
	notice, _ := ctx.Value(waitNoticeKey{}).(func(string))
	start := time.Now()
	for {
		ok, err := tryLock(f, exclusive)
		if err != nil {
			f.Close()
			return nil, &os.PathError{Op: "lock", Path: name, Err: err}
		}
		if ok {
			return &cacheLock{f: f}, nil
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(cacheLockPoll):
		}
		if notice != nil && time.Since(start) >= cacheLockNotice {
			notice(dir)
			notice = nil
		}
	}
}

// waitNoticeKey is the context key of WithWaitNotice's function.
type waitNoticeKey struct{}

// WithWaitNotice returns ctx with notice, which a pmkb that finds the
// cache folder dir locked by another calls once, after waiting
// cacheLockNotice, so that a user sees why a search takes long (a
// stopped or hung holder made every later search wait without a word,
// QA 17r-b R4).
func WithWaitNotice(ctx context.Context, notice func(dir string)) context.Context {
	return context.WithValue(ctx, waitNoticeKey{}, notice)
}

// cacheLockNotice is how long lockCache waits before it says so.
const cacheLockNotice = time.Second

// release drops the lock; nil or released already does nothing.
func (l *cacheLock) release() {
	if l == nil || l.f == nil {
		return
	}
	unlock(l.f)
	l.f.Close()
	l.f = nil
}
