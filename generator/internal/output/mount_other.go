//go:build !linux

package output

// isMountPoint reports false: off Linux, a destination that is a mount
// point is found when the staging folder cannot be swapped into it.
func isMountPoint(string) bool { return false }
