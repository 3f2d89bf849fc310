package source_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
	"github.com/pmkb/pmkb/generator/model"
)

// vanishingFS lists every file of its MapFS, but the ones in gone are
// deleted by the time they are opened, and the folders in goneDirs by the
// time they are read.
type vanishingFS struct {
	fstest.MapFS
	gone, goneDirs map[string]bool
}

func (v vanishingFS) Open(name string) (fs.File, error) {
	if v.gone[name] || v.goneDirs[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.Open(name)
}

func (v vanishingFS) ReadFile(name string) ([]byte, error) {
	if v.gone[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.ReadFile(name)
}

func (v vanishingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if v.goneDirs[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.MapFS.ReadDir(name)
}

// TestFileGoneBeforeRead: a postmortem or folder deleted between the walk
// that lists it and its read (300 files moved out one by one under pmkb
// serve) is a deletion, not a "cannot read … no such file" error of the
// file, which sent the author looking for a problem in a file that is
// simply gone (QA 16 B-F6); a log deleted so is not published, without
// an error.
func TestFileGoneBeforeRead(t *testing.T) {
	const dir = "content/postmortems/2024/"
	fsys := vanishingFS{
		MapFS: fstest.MapFS{
			dir + "a.md":                    {Data: []byte(linkFront + "[log](logs/a.log)\n")},
			dir + "b.md":                    {Data: []byte(linkFront + "x\n")},
			dir + "logs/a.log":              {Data: []byte("log\n")},
			"content/postmortems/2025/c.md": {Data: []byte(linkFront + "x\n")},
		},
		gone:     map[string]bool{dir + "b.md": true, dir + "logs/a.log": true},
		goneDirs: map[string]bool{"content/postmortems/2025": true},
	}
	cfg := model.DefaultSiteConfig()
	files, diags := source.LoadFiles(fsys, &cfg)
	if diags.Len() != 0 {
		t.Errorf("diagnostics:\n%s", diags)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if strings.Join(paths, " ") != dir+"a.md" {
		t.Errorf("files %q, want only a.md", paths)
	}
	var read []string
	d := source.TextAttachments(fsys, []*model.Postmortem{{Path: dir + "a.md", Attachments: []string{dir + "logs/a.log"}}}, func(name string, _ []byte) { read = append(read, name) })
	if d.Len() != 0 || len(read) != 0 {
		t.Errorf("a deleted log: read %q, diagnostics:\n%s", read, d)
	}
}

// TestMetadataFileGoneBeforeRead is TestFileGoneBeforeRead for the
// metadata cache of pmkb stats and actions: a postmortem deleted between
// the listing and its read is left out, not a "cannot read" error.
func TestMetadataFileGoneBeforeRead(t *testing.T) {
	const dir = "content/postmortems/2024/"
	fsys := vanishingFS{
		MapFS: fstest.MapFS{
			dir + "a.md": {Data: []byte(linkFront + "x\n")},
			dir + "b.md": {Data: []byte(linkFront + "x\n")},
		},
		gone: map[string]bool{dir + "b.md": true},
	}
	cfg := model.DefaultSiteConfig()
	files, diags := source.LoadMetadata(fsys, &cfg, t.TempDir())
	if diags.Len() != 0 {
		t.Errorf("diagnostics:\n%s", diags)
	}
	if len(files) != 1 || files[0].Path != dir+"a.md" {
		t.Errorf("files %+v, want only a.md", files)
	}
}
