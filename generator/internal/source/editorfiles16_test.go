package source_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
)

// TestEditorFilesNotWarned: the files editors leave beside a postmortem
// (Emacs's x.md~ backup and #x.md# auto-save, vim's .x.md.swp, a .tmp,
// vim's 4913 probe) are not read and get no files/not-read warning, as
// the dev server's watcher ignores them (one list, source.EditorFile):
// an Emacs user got one warning per postmortem ever edited, and serve's
// box kept listing a deleted backup. Merge leftovers (.orig, .rej) are
// mistakes and are still warned about (QA 16 B-F5).
func TestEditorFilesNotWarned(t *testing.T) {
	const dir = "content/postmortems/2024/"
	fsys := fstest.MapFS{dir + "a.md": {Data: []byte(linkFront + "x\n")}}
	droppings := []string{"a.md~", "#a.md#", ".#a.md", ".a.md.swp", ".a.md.swx", "a.md.tmp", "4913", "b.MD~"}
	for _, name := range droppings {
		fsys[dir+name] = &fstest.MapFile{Data: []byte("x")}
		if !source.EditorFile(name) {
			t.Errorf("EditorFile(%q) = false", name)
		}
	}
	// A postmortem named after its ticket is one (QA 16r b-2: it vanished
	// from the site without a word).
	for _, name := range []string{"a.md.orig", "a.md.rej", "a.md", "notes.txt", "#42-black-friday.md", "#"} {
		if source.EditorFile(name) {
			t.Errorf("EditorFile(%q) = true", name)
		}
	}
	fsys[dir+"#42-black-friday.md"] = &fstest.MapFile{Data: []byte(linkFront + "x\n")}
	fsys[dir+"a.md.orig"] = &fstest.MapFile{Data: []byte("x")}
	fsys[dir+"a.md.rej"] = &fstest.MapFile{Data: []byte("x")}
	files, diags := source.Files(fsys)
	if want := dir + "#42-black-friday.md " + dir + "a.md"; strings.Join(files, " ") != want {
		t.Errorf("files %q, want %q", files, want)
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.Pos.Path)
	}
	if want := []string{dir + "a.md.orig", dir + "a.md.rej"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("warnings about %q, want %q:\n%s", got, want, diags)
	}
}
