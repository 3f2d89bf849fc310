package output

import "golang.org/x/sys/unix"

// mountRootAttr reports whether the kernel marks the folder dir as the
// root of a mount (statx STATX_ATTR_MOUNT_ROOT, bind mounts included);
// known is false where it does not say (kernels before 5.8).
func mountRootAttr(dir string) (root, known bool) {
	var stx unix.Statx_t
	err := unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_INO, &stx)
	if err != nil || stx.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT == 0 {
		return false, false
	}
	return stx.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0, true
}
