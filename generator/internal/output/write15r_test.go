package output

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestConflictIsStructured: the refusal of a build for files pmkb did not
// write is a *Conflict that names the destination, lists what is in the
// way and says whether the build was cleaning, so a command writes its
// own advice (Advised) instead of replacing output's in the text (review
// 15 R7: a file named like the advice had its name replaced in the list).
func TestConflictIsStructured(t *testing.T) {
	const named = "docs/or publish with the clean option to replace them"
	for _, tt := range []struct {
		name      string
		user      map[string]string
		files     []File
		clean     bool
		conflicts []string
		text      string // the end of Error()
	}{
		{"replace", map[string]string{"robots.txt": "own"}, files("robots.txt", "gen"), false,
			[]string{`"robots.txt" was not written by pmkb and this build would replace it`},
			"\nmove them away, " + DefaultAdvice},
		{"named like the advice", map[string]string{named: "x"}, files("docs", "gen"), false,
			[]string{fmt.Sprintf("%q was not written by pmkb and lies in the folder \"docs\", where this build writes a file", named)},
			"\nmove them away, " + DefaultAdvice},
		{"cleaning", map[string]string{"docs/.keep": ""}, files("docs", "gen"), true,
			[]string{`"docs/.keep" was not written by pmkb and lies in the folder "docs", where this build writes a file`},
			"\nmove them away; dot paths are kept even when cleaning"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			writeTree(t, dest, tt.user)
			_, err := Write(dest, tt.files, Options{Clean: tt.clean, Force: tt.clean})
			var c *Conflict
			if !errors.As(err, &c) || !errors.Is(err, ErrConflict) {
				t.Fatalf("error %v is not a *Conflict and an ErrConflict", err)
			}
			if c.Dest != dest || c.Clean != tt.clean || !slices.Equal(c.Conflicts, tt.conflicts) {
				t.Errorf("conflict %+v, want Dest %s, Clean %v, Conflicts %q", *c, dest, tt.clean, tt.conflicts)
			}
			if !strings.HasSuffix(err.Error(), tt.text) {
				t.Errorf("error %q does not end in %q", err, tt.text)
			}
			head := "output: cannot publish to " + dest + " without destroying files pmkb did not write:\n\t" + tt.conflicts[0] + "\nmove them away"
			advised := c.Advised("or build again with --clean")
			switch want := "\nmove them away, or build again with --clean"; {
			case tt.clean && advised != err.Error():
				t.Errorf("cleaning: Advised = %q, want the error's text %q", advised, err.Error())
			case !tt.clean && !strings.HasSuffix(advised, want):
				t.Errorf("Advised = %q, want it to end in %q", advised, want)
			}
			if !strings.HasPrefix(advised, head) {
				t.Errorf("Advised = %q, want it to start with %q", advised, head)
			}
		})
	}
}
