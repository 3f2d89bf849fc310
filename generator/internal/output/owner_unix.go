//go:build unix

package output

import (
	"io/fs"
	"os"
	"syscall"
)

// ownerOf returns the owner and group of the file that info describes.
func ownerOf(info fs.FileInfo) (uid, gid int) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return -1, -1
	}
	return int(st.Uid), int(st.Gid)
}

// chown gives name the owner uid and group gid as far as the process may:
// both, else the group alone, else nothing. It does nothing when name has
// them already.
func chown(name string, uid, gid int) {
	info, err := os.Lstat(name)
	if err != nil {
		return
	}
	if u, g := ownerOf(info); u == uid && g == gid {
		return
	}
	if os.Lchown(name, uid, gid) != nil {
		os.Lchown(name, -1, gid) // not allowed either: left as it is
	}
}
