//go:build linux

package source

import (
	"io/fs"
	"strconv"
	"syscall"
)

// fileID is what identifies a version of a file beyond its size and
// modification time: its inode and change time ("i123 c1764230400123456789"),
// or "" when fi is not from the operating system (an in-memory fs.FS).
// The change time moves on every write and every metadata change, even
// when the modification time is restored (touch -r, cp -p, rsync -a),
// and the inode changes when an editor saves through a new file.
func fileID(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st == nil {
		return ""
	}
	return "i" + strconv.FormatUint(uint64(st.Ino), 10) + " c" + strconv.FormatInt(st.Ctim.Nano(), 10)
}
