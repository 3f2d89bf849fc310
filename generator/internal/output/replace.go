package output

import (
	"os"
	"path/filepath"
)

// ReplaceFile writes data to the file name on disk through a temporary
// file beside it and a rename, creating the file's folder as needed: a
// reader, or a run killed halfway, sees the old file or the new one, never
// half of one. pmkb's caches are written with it; a site is published
// with Write or a Stage.
func ReplaceFile(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+"-*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// CreateTemp makes the file readable by its owner only; a cache
		// or a generated file is as readable as the files beside it.
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
