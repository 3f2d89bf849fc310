//go:build unix

package output

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// lock is a build's hold on a destination: an flock(2) on a lock file,
// which the kernel drops when the process ends, so a killed build never
// leaves a stale lock behind.
type lock struct {
	name string
	f    *os.File
}

// lockPoll is how often a waiting build tries the lock again.
const lockPoll = 200 * time.Millisecond

// acquire takes the lock file name (see openLock), waiting while another
// build holds it. waiting, when not nil, is called once before the wait
// with that build's process id (from the lock file; 0 when unknown). It
// returns ctx.Err() when ctx ends first.
//
// The holder removes the file when it is done, so a lock taken on a file
// that is no longer at name (or another one is) is tried again on the
// file now there.
func acquire(ctx context.Context, name string, waiting func(pid int)) (*lock, error) {
	told := false
	for {
		f, err := openLock(name)
		if err != nil {
			return nil, err
		}
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			if held(f, name) {
				// Say who holds it. A lock file this process may only
				// read keeps the id of an earlier build.
				if f.Truncate(0) == nil {
					f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
				}
				return &lock{name: name, f: f}, nil
			}
			f.Close()
			continue
		}
		if !errors.Is(err, unix.EWOULDBLOCK) {
			f.Close()
			return nil, &os.PathError{Op: "flock", Path: name, Err: err}
		}
		if !told && waiting != nil {
			waiting(holder(f))
		}
		told = true
		f.Close()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// openLock opens the lock file name, creating it if needed. One that
// exists but may not be written is opened for reading: flock needs no
// more.
func openLock(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if errors.Is(err, os.ErrPermission) {
		if r, rerr := os.Open(name); rerr == nil {
			return r, nil
		}
	}
	return f, err
}

// held reports whether the open file f is still the file at name.
func held(f *os.File, name string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(name)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// holder reads the process id written in the lock file f, or 0.
func holder(f *os.File) int {
	buf := make([]byte, 24)
	n, _ := f.ReadAt(buf, 0)
	pid, err := strconv.Atoi(string(bytes.TrimSpace(buf[:n])))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// file returns the path of the lock file, or "" when l holds nothing.
func (l *lock) file() string {
	if l == nil || l.f == nil {
		return ""
	}
	return l.name
}

// release removes the lock file (where the process may, and while it is
// still the file locked: a build of an outer destination may have swapped
// the folder that held it away, see lockInner) and drops the lock.
func (l *lock) release() {
	if l == nil || l.f == nil {
		return
	}
	if held(l.f, l.name) {
		os.Remove(l.name)
	}
	unix.Flock(int(l.f.Fd()), unix.LOCK_UN)
	l.f.Close()
	l.f = nil
}
