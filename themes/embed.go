// Package themes holds the site themes shipped inside the pmkb binary. A
// theme is a folder with layouts/ (html/template files), i18n/ (UI strings,
// one JSON file per language) and static/ (copied to the site root as is).
// A site's own theme folder is laid over it (Overlay): it holds only the
// files and UI strings it changes.
package themes

import (
	"embed"
	"io/fs"
)

//go:generate go run gen_chroma_css.go

//go:embed default
var embedded embed.FS

// Default returns the default theme, rooted at the theme folder (so it holds
// "layouts/base.html", "i18n/en.json", "static/assets/pmkb.css", …).
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		// fs.Sub fails only for an invalid name, and "default" is valid.
		panic(err)
	}
	return sub
}
