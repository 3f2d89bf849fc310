package themes

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Overlay returns a theme made of top over the default theme: a file of top
// replaces the default's file of the same name, and a file top lacks comes
// from the default, as a Hugo project's layouts override its theme's. A
// site's theme can so hold only what it changes (one stylesheet, a few UI
// strings), and a theme copied from an older pmkb keeps building when a
// newer one adds a layout or a string. The result also lists its layers,
// top first (see Layers), for readers that merge files such as the i18n
// JSON key by key. Overlay(nil) is Default().
func Overlay(top fs.FS) fs.FS {
	if top == nil {
		return Default()
	}
	return overlay{top: top, base: Default()}
}

// Layers returns the layers of a theme made by Overlay, top first, or the
// theme alone.
func Layers(theme fs.FS) []fs.FS {
	if o, ok := theme.(overlay); ok {
		return []fs.FS{o.top, o.base}
	}
	return []fs.FS{theme}
}

type overlay struct{ top, base fs.FS }

// Open opens name in top, or in the default theme when top has no such
// file.
// A folder of either layer opens as the union of both (see ReadDir).
func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		f, err = o.base.Open(name)
		if err != nil {
			return nil, err
		}
	}
	info, err := f.Stat()
	if err != nil || !info.IsDir() {
		return f, err
	}
	entries, err := o.ReadDir(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &dir{File: f, entries: entries}, nil
}

// dir is an open folder of an overlay: its own file for Stat and Close,
// the union of the layers' entries for ReadDir.
type dir struct {
	fs.File
	entries []fs.DirEntry
}

// ReadDir implements fs.ReadDirFile.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}

// ReadDir lists the entries of folder name in either layer, top's entry
// where both have one, sorted by name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, errTop := fs.ReadDir(o.top, name)
	base, errBase := fs.ReadDir(o.base, name)
	if errTop != nil && errBase != nil {
		if !errors.Is(errTop, fs.ErrNotExist) {
			return nil, errTop
		}
		return nil, errBase
	}
	out := slices.Clone(top)
	for _, e := range base {
		if !slices.ContainsFunc(top, func(t fs.DirEntry) bool { return t.Name() == e.Name() }) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}
