package output

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// isMountPoint reports whether the folder dir is the root of a mount,
// bind mounts included, which cannot be renamed. Kernels before 5.8 do
// not say; there it is a mount point if it is on another device than its
// parent (which misses a bind mount within one file system).
func isMountPoint(dir string) bool {
	var stx unix.Statx_t
	err := unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_INO, &stx)
	if err == nil && stx.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return stx.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
	}
	var st, up unix.Stat_t
	if unix.Lstat(dir, &st) != nil || unix.Stat(filepath.Dir(dir), &up) != nil {
		return false
	}
	return st.Dev != up.Dev
}
