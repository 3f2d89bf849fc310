//go:build unix

package output

import (
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// createFile writes a new file name (it must not exist) with data, with
// the errors os.OpenFile, Write and Close give. It makes the system calls
// itself: an os.File costs two more per file (making the descriptor
// non-blocking and offering it to the poller, which refuses regular
// files), and a build writes one file per page.
func createFile(name string, data []byte, perm fs.FileMode) error {
	var fd int
	var err error
	for {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, uint32(perm.Perm()))
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		// At most 1 GiB a call, as os.File writes: darwin refuses larger
		// writes with EINVAL.
		n, err := unix.Write(fd, data[:min(len(data), 1<<30)])
		if err == unix.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
