//go:build unix

package output

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// isMountPoint reports whether the folder dir is the root of a mount,
// which cannot be renamed. Where the kernel says (Linux 5.8 and later,
// bind mounts included) its word is taken; elsewhere it is a mount point
// if it is on another device than its parent, which misses a bind mount
// (a nullfs mount on the BSDs) within one file system.
func isMountPoint(dir string) bool {
	if root, known := mountRootAttr(dir); known {
		return root
	}
	return onOtherDevice(dir)
}

// onOtherDevice reports whether the folder dir is on another device than
// its parent folder.
func onOtherDevice(dir string) bool {
	var st, up unix.Stat_t
	if unix.Lstat(dir, &st) != nil || unix.Stat(filepath.Dir(dir), &up) != nil {
		return false
	}
	return st.Dev != up.Dev
}
