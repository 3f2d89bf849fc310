package output

import "testing"

func TestIsMountPoint(t *testing.T) {
	for dir, want := range map[string]bool{"/": true, "/proc": true, t.TempDir(): false} {
		if got := isMountPoint(dir); got != want {
			t.Errorf("isMountPoint(%q) = %v, want %v", dir, got, want)
		}
	}
}
