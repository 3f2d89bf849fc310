//go:build linux

package source

import (
	"io/fs"
	"strconv"
	"syscall"
)

// appendFileID appends to b what identifies a version of a file beyond its
// size and modification time: a space, its inode and its change time
// (" i123 c1764230400123456789"), or nothing when fi is not from the
// operating system (an in-memory fs.FS). The change time moves on every
// write and every metadata change, even when the modification time is
// restored (touch -r, cp -p, rsync -a), and the inode changes when an
// editor saves through a new file.
func appendFileID(b []byte, fi fs.FileInfo) []byte {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st == nil {
		return b
	}
	b = strconv.AppendUint(append(b, " i"...), uint64(st.Ino), 10)
	return strconv.AppendInt(append(b, " c"...), st.Ctim.Nano(), 10)
}
