//go:build !linux

package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// exchange reports that this platform has no atomic exchange of two
// folders; swap falls back to two renames.
func exchange(a, b string) error { return errNoExchange }

// syncTree flushes every regular file under dir to disk. Windows can
// flush only files opened for writing; carried read-only files are skipped
// there (they were on disk already).
func syncTree(dir string) error {
	flag := os.O_RDONLY
	if runtime.GOOS == "windows" {
		flag = os.O_RDWR
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := os.OpenFile(p, flag, 0)
		if errors.Is(err, fs.ErrPermission) && runtime.GOOS == "windows" {
			return nil
		}
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// syncDir flushes the entries of the folder dir (renames in it) to disk;
// Windows cannot open folders for that and needs no such call.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
