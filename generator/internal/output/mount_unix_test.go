//go:build unix

package output

import (
	"runtime"
	"testing"
)

// TestOnOtherDevice proves the device comparison isMountPoint falls back
// on where the kernel does not mark mount roots (every Unix but Linux):
// /dev is a file system of its own on Linux, macOS and the BSDs.
func TestOnOtherDevice(t *testing.T) {
	dirs := map[string]bool{t.TempDir(): false}
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" || runtime.GOOS == "freebsd" {
		dirs["/dev"] = true
	}
	for dir, want := range dirs {
		if got := onOtherDevice(dir); got != want {
			t.Errorf("onOtherDevice(%q) = %v, want %v", dir, got, want)
		}
	}
}
