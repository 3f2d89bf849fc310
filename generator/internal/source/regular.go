package source

import (
	"errors"
	"fmt"
	"io/fs"
)

// ErrNotRegular is the error of ReadRegular for a file that is neither a
// regular file nor a folder: a named pipe, a socket or a device.
var ErrNotRegular = errors.New("not a regular file")

// nonRegular names the kind of file mode m is when it is a named pipe, a
// socket or a device ("a named pipe"), or returns "" for a regular file, a
// folder or a symbolic link (which callers handle apart). Opening a named
// pipe to read blocks until another process opens it to write, and a
// device may never end: pmkb opens neither, so that a stray mkfifo in a
// site cannot hang a CI job (QA 17 C-F2).
func nonRegular(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "a file of unknown type"
	}
	return ""
}

// notRegularMessage is the files/not-read warning about a file the walk
// of content/ leaves unread because it is kind (nonRegular).
func notRegularMessage(kind string) string {
	return "not read: not a regular file (" + kind + "); pmkb reads only regular files, so it does not open it: replace it with a file or remove it"
}

// ReadRegular is fs.ReadFile for a file pmkb reads but does not list (a
// config file, a theme's file): it stats name first and returns an error
// that wraps ErrNotRegular, saying "not a regular file (a named pipe)",
// instead of opening a named pipe, a socket or a device, whose read could
// block forever (QA 17 C-F2). Any other error is fs.ReadFile's.
func ReadRegular(fsys fs.FS, name string) ([]byte, error) {
	if fi, err := fs.Stat(fsys, name); err == nil {
		if kind := nonRegular(fi.Mode()); kind != "" {
			return nil, fmt.Errorf("%w (%s)", ErrNotRegular, kind)
		}
	}
	return fs.ReadFile(fsys, name)
}
