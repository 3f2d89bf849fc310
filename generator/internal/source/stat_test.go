package source

import (
	"fmt"
	"testing"
	"testing/fstest"
	"time"
)

// TestStatAll checks that every path gets its own result, in order, over
// more paths than one goroutine's share, with errors kept per path.
func TestStatAll(t *testing.T) {
	fsys := fstest.MapFS{}
	var paths []string
	for i := range 600 {
		p := fmt.Sprintf("content/postmortems/%03d.md", i)
		if i%7 != 3 { // every seventh path is missing
			fsys[p] = &fstest.MapFile{Data: make([]byte, i), ModTime: time.Unix(int64(1e9+i), 0)}
		}
		paths = append(paths, p)
	}
	infos, errs := StatAll(fsys, paths)
	for i, p := range paths {
		switch {
		case i%7 == 3 && errs[i] == nil:
			t.Errorf("%s: missing file, no error", p)
		case i%7 != 3 && (errs[i] != nil || infos[i].Size() != int64(i) || !infos[i].ModTime().Equal(time.Unix(int64(1e9+i), 0))):
			t.Errorf("%s: info %v, err %v; want size %d", p, infos[i], errs[i], i)
		}
	}
	if got, want := Fingerprint(infos[1]), fmt.Sprintf("1@%d", time.Unix(1e9+1, 0).UnixNano()); got != want {
		t.Errorf("Fingerprint = %q, want %q", got, want)
	}
}
