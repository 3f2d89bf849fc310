//go:build !unix

package output

// isMountPoint reports false: on Windows a destination that is a mount
// point (a volume mounted in a folder) is found when the staging folder
// cannot be swapped into it, and the error says to publish inside it.
func isMountPoint(string) bool { return false }
