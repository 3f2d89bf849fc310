package main

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pmkb/pmkb/themes"
)

// themeFolder checks the folder the --theme flag names (theme; "" for
// none) and returns its absolute path and its files, or, when it is not a
// folder, ok false and the usage error's exit code. build, serve and notify
// share it, so they refuse a bad --theme alike.
func (e *env) themeFolder(theme string) (dir string, fsys fs.FS, code int, ok bool) {
	if theme == "" {
		return "", nil, 0, true
	}
	dir, err := filepath.Abs(theme)
	if err != nil {
		return "", nil, e.usageErrorf("%v", err), false
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", nil, e.usageErrorf("--theme %q is not a folder", theme), false
	}
	// The folder as given names its files in errors ("../th/layouts/…").
	return dir, themes.Folder(dir, theme), 0, true
}
