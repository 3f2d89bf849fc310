package main

import "golang.org/x/sys/unix"

// fsType names the file system that holds dir ("tmpfs", "ext4"), or ""
// when it is not one of the common ones. It matters: on a virtual
// machine's rate-limited disk, writing a 10k site can cost more than
// building it.
func fsType(dir string) string {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return ""
	}
	switch st.Type {
	case unix.TMPFS_MAGIC:
		return "tmpfs (memory)"
	case unix.EXT4_SUPER_MAGIC:
		return "ext4"
	case unix.XFS_SUPER_MAGIC:
		return "xfs"
	case unix.BTRFS_SUPER_MAGIC:
		return "btrfs"
	case unix.OVERLAYFS_SUPER_MAGIC:
		return "overlayfs"
	}
	return ""
}
