package source

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadFileBuffer checks readFile's reuse of a worker's buffer: a file
// is read as fs.ReadFile reads it, into a buffer grown to fit it,
// and a file over the size limit (rejected by parsing) is read without
// growing the buffer to its size, which the worker would keep to the end
// of loading.
func TestReadFileBuffer(t *testing.T) {
	small := strings.Repeat("a line of a postmortem\n", 100)
	large := strings.Repeat("a pasted log line\n", 200_000) // ~3.6 MB
	fsys := fstest.MapFS{
		"small.md": {Data: []byte(small)},
		"large.md": {Data: []byte(large)},
		"empty.md": {Data: nil},
	}
	const limit = 2 << 20
	var buf bytes.Buffer
	for _, c := range []struct {
		name, want string
		maxCap     int
	}{
		{"small.md", small, 2 * (len(small) + bytes.MinRead)},
		{"empty.md", "", 2 * (len(small) + bytes.MinRead)},
		{"large.md", large, 2 * (len(small) + bytes.MinRead)},
	} {
		got, err := readFile(fsys, c.name, &buf, limit)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(got) != c.want {
			t.Errorf("%s: read %d bytes, want %d", c.name, len(got), len(c.want))
		}
		if buf.Cap() > c.maxCap {
			t.Errorf("after %s the buffer holds %d bytes, want at most %d", c.name, buf.Cap(), c.maxCap)
		}
	}
	if _, err := readFile(fsys, "missing.md", &buf, limit); err == nil {
		t.Error("a missing file read without an error")
	}
}
