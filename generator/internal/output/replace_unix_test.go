//go:build unix

package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReplaceFileUmask checks that ReplaceFile makes the file as
// os.WriteFile with 0644 would: readable by all but for what the
// process's umask takes away. A user whose umask is 077 keeps the caches
// (which hold the text and titles of internal postmortems) to themselves;
// review 15: ReplaceFile chmod-ed every cache to 0644 whatever the umask,
// where the search manifest honoured it and the metadata cache was 0600.
func TestReplaceFileUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	name := filepath.Join(t.TempDir(), "cache.bin")
	if err := ReplaceFile(name, []byte("internal")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("mode %v under umask 077, want -rw-------", got)
	}
}
