package source_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pmkb/pmkb/generator/internal/source"
)

// caseBlindFS is fsys on a file system that ignores case, as macOS's and
// Windows's do, for the one folder content/Postmortems: content/postmortems
// opens it, while content/ lists it by its own name.
type caseBlindFS struct{ fsys fstest.MapFS }

func (c caseBlindFS) Open(name string) (fs.File, error) {
	if rest, ok := strings.CutPrefix(name, "content/postmortems"); ok && (rest == "" || rest[0] == '/') {
		name = "content/Postmortems" + rest
	}
	return c.fsys.Open(name)
}

// TestMisplacedCaseBlind: on a file system that ignores case, a folder
// content/Postmortems is content/postmortems, and its postmortems are read:
// they get no "not read" warning (review 14: each was told it was not read
// and that content/Postmortems/ is another folder, while the site built
// them). On one that tells cases apart, misplaced.txtar has the warning.
func TestMisplacedCaseBlind(t *testing.T) {
	fsys := caseBlindFS{fstest.MapFS{
		"content/Postmortems/2024/2024-01-02-ok.md": {Data: []byte("---\ntitle: Ok\n---\n")},
		"content/2025/2025-05-02-misplaced.md":      {Data: []byte("---\ntitle: Misplaced\n---\n")},
	}}
	files, diags := source.Files(fsys)
	if len(files) != 1 || files[0] != "content/postmortems/2024/2024-01-02-ok.md" {
		t.Fatalf("files = %v, want the one postmortem, read through content/postmortems", files)
	}
	got := diags.String()
	if strings.Contains(got, "Postmortems") {
		t.Errorf("a postmortem that is read is told it is not:\n%s", got)
	}
	if !strings.Contains(got, "content/2025/2025-05-02-misplaced.md:1: warning: not read") {
		t.Errorf("the misplaced postmortem is not warned about:\n%s", got)
	}
}
