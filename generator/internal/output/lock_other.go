//go:build !unix

package output

import "context"

// lock is a build's hold on a destination. This platform has no flock(2):
// builds into the same destination are not kept apart.
type lock struct{}

// acquire returns a lock that holds nothing.
func acquire(context.Context, string, func(pid int)) (*lock, error) {
	return &lock{}, nil
}

// release does nothing.
func (l *lock) release() {}

// file returns "": there is no lock file.
func (l *lock) file() string { return "" }
