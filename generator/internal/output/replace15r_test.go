package output

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReplaceFileRemovesStaleTemporaries: replacing a file removes the
// temporary files of that file that a killed run left beside it, those
// over an hour old, and nothing else (review 15 R9: the random temporary
// names of ReplaceFile were never removed, where the old manifest writer
// reused one path.tmp, so a cache folder could collect them).
func TestReplaceFileRemovesStaleTemporaries(t *testing.T) {
	for _, tt := range []struct {
		name   string
		entry  string
		age    time.Duration
		folder bool
		kept   bool
	}{
		{"a killed run's", ".cache.bin-3k9x1f0a2b.tmp", 2 * time.Hour, false, false},
		{"another killed run's", ".cache.bin-0.tmp", 25 * time.Hour, false, false},
		{"a live writer's", ".cache.bin-abc123.tmp", time.Minute, false, true},
		{"another file's", ".other.bin-3k9x1f0a2b.tmp", 2 * time.Hour, false, true},
		{"a file named like one with a dash", ".cache.bin-old-3k9x.tmp", 2 * time.Hour, false, true},
		{"not a random suffix", ".cache.bin-Keep.tmp", 2 * time.Hour, false, true},
		{"not .tmp", ".cache.bin-3k9x1f0a2b.bak", 2 * time.Hour, false, true},
		{"a folder", ".cache.bin-3k9x1f0a2b.tmp", 2 * time.Hour, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "cache.bin")
			if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, tt.entry)
			var err error
			if tt.folder {
				err = os.Mkdir(p, 0o755)
			} else {
				err = os.WriteFile(p, []byte("half"), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			then := time.Now().Add(-tt.age)
			if err := os.Chtimes(p, then, then); err != nil {
				t.Fatal(err)
			}
			if err := ReplaceFile(name, []byte("new")); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Lstat(p); (err == nil) != tt.kept {
				t.Errorf("%s, %v old: kept %v, want %v", tt.entry, tt.age, err == nil, tt.kept)
			}
			if got, err := os.ReadFile(name); err != nil || string(got) != "new" {
				t.Errorf("read %q, %v; want %q", got, err, "new")
			}
		})
	}
}
