package output

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// ReplaceFile writes data to the file name on disk through a temporary
// file beside it and a rename, creating the file's folder as needed: a
// reader, or a run killed halfway, sees the old file or the new one, never
// half of one. The file is made as os.WriteFile with 0644 makes one,
// readable by all but for what the umask takes away (the caches hold the
// text of internal postmortems: a umask of 077 keeps them private).
// pmkb's caches are written with it; a site is published with Write or a
// Stage.
func ReplaceFile(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := createTemp(dir, filepath.Base(name))
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// createTemp creates a new file ".<base>-<random>.tmp" in dir with mode
// 0644 less the umask: os.CreateTemp makes 0600 whatever the umask.
func createTemp(dir, base string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, "."+base+"-"+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, "."+base+"-*.tmp"), Err: fs.ErrExist}
}
