package render

import (
	"io/fs"
	"testing/fstest"
)

// fsCopy copies every file of src into dst.
func fsCopy(src fs.FS, dst fstest.MapFS) error {
	return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		dst[p] = &fstest.MapFile{Data: data}
		return nil
	})
}
