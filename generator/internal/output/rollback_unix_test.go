//go:build unix

package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublishInPlaceKeepsAsideEntriesWhenRollBackFails proves that when
// publishing inside the destination fails and putting the previous site
// back fails too, the previous site's entries set aside in the old folder
// (where there is no atomic exchange) are kept for the next build to
// restore, instead of being deleted with the folder (code review).
func TestPublishInPlaceKeepsAsideEntriesWhenRollBackFails(t *testing.T) {
	dest := t.TempDir()
	writeTree(t, dest, map[string]string{"a.html": "old a", "b.html": "old b"})
	stage := filepath.Join(dest, stagingInfix+"X")
	writeTree(t, stage, map[string]string{"a.html": "new a", "b.html": "new b"})
	exchange := func(from, to string) error {
		if filepath.Base(from) == "a.html" {
			return errNoExchange // a.html goes through the old folder
		}
		// b.html fails, and the staging folder is gone, so a.html
		// cannot be moved back.
		if err := os.RemoveAll(stage); err != nil {
			t.Fatal(err)
		}
		return errors.New("exchange b.html: input/output error")
	}
	old := &oldSite{dir: dest, exists: true, manifest: map[string]bool{"a.html": true, "b.html": true}}
	_, err := publishInPlace(stage, dest, []string{"a.html", "b.html"}, nil, old, map[string]bool{}, exchange)
	if !errors.Is(err, ErrMixed) {
		t.Fatalf("err = %v, want an ErrMixed", err)
	}
	var kept []string
	entries, rerr := os.ReadDir(dest)
	if rerr != nil {
		t.Fatal(rerr)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), oldInfix) {
			data, err := os.ReadFile(filepath.Join(dest, e.Name(), "a.html"))
			if err == nil {
				kept = append(kept, string(data))
			}
		}
	}
	if len(kept) != 1 || kept[0] != "old a" {
		t.Errorf("the previous a.html set aside: %q, want it kept once as \"old a\"", kept)
	}
}
