package output

import (
	"io/fs"
	"os"
)

// meta is what a folder keeps when publishing makes it anew: its mode
// (permission, setuid, setgid and sticky bits), owner and group.
type meta struct {
	mode fs.FileMode
	// uid and gid are -1 where the platform has no owners.
	uid, gid int
}

// metaOf returns the meta of the folder that info describes.
func metaOf(info fs.FileInfo) meta {
	uid, gid := ownerOf(info)
	return meta{mode: info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky), uid: uid, gid: gid}
}

// apply gives the folder dir the meta m. The owner and group come first,
// because changing them may clear the setgid bit; they are set where the
// process may (any user may give a folder a group they belong to) and
// left as they are where it may not. An error means the mode could not be
// set.
func (m meta) apply(dir string) error {
	if m.uid >= 0 {
		chown(dir, m.uid, m.gid)
	}
	return os.Chmod(dir, m.mode)
}
