package themes

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Folder returns the theme folder dir (os.DirFS) that also knows how its
// user named it: shown is the folder as given, such as the --theme flag's
// "../th", so that an error in one of its files can name the file as the
// user opens it ("../th/layouts/partials.html:12:", see FilePath), the way
// errors in postmortems name theirs.
func Folder(dir, shown string) fs.FS {
	return folder{fsys: os.DirFS(dir), shown: shown}
}

// FilePath names the file at path name (slash-separated, "layouts/x.html")
// of a site's theme as its user can open it: inside the folder of Folder,
// or, for any other file system (a test's, or no folder at all), name
// itself. A theme made by Overlay is named by its top layer, the site's.
func FilePath(theme fs.FS, name string) string {
	if f, ok := Layers(theme)[0].(folder); ok {
		return filepath.Join(f.shown, filepath.FromSlash(name))
	}
	return name
}

// folder is a theme folder with the name its user gave it.
type folder struct {
	fsys  fs.FS
	shown string
}

// Open implements fs.FS. It never opens a named pipe, a socket or a
// device: reading a named pipe waits for a writer, so a stray mkfifo in a
// theme folder hung the build (QA 17 C-F2's leftover); such a file is an
// error that says so.
func (f folder) Open(name string) (fs.File, error) {
	if err := f.regular(name); err != nil {
		return nil, err
	}
	return f.fsys.Open(name)
}

// errNotRegular is Open's error for a file that is neither a regular file
// nor a folder.
var errNotRegular = errors.New("not a regular file (a named pipe, a socket or a device): replace it with a file or remove it")

// ReadFile implements fs.ReadFileFS.
func (f folder) ReadFile(name string) ([]byte, error) {
	if err := f.regular(name); err != nil {
		return nil, err
	}
	return fs.ReadFile(f.fsys, name)
}

// regular returns an error for name when it is neither a regular file nor
// a folder, nil otherwise (an error to stat it is Open's to report).
func (f folder) regular(name string) error {
	if fi, err := fs.Stat(f.fsys, name); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return nil
}

// ReadDir implements fs.ReadDirFS.
func (f folder) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }

// Stat implements fs.StatFS.
func (f folder) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }
