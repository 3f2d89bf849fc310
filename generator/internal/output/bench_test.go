package output

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/pmkb/pmkb/generator/internal/benchtest"
)

// BenchmarkStagePut2k puts 2,000 pages, each in its own folder as a
// site's pages are, into a new stage (in the system's temporary folder),
// and publishes it.
func BenchmarkStagePut2k(b *testing.B) {
	data := make([]byte, 20_000)
	files := make([]File, 2000)
	for i := range files {
		files[i] = File{Path: fmt.Sprintf("postmortems/2024-01-%04d-page/index.html", i), Data: data}
	}
	dir := b.TempDir()
	start := benchtest.CPUTime()
	for n := 0; b.Loop(); n++ {
		st, err := Begin(context.Background(), filepath.Join(dir, fmt.Sprint(n)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			if err := st.Put(f); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := st.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchtest.CPUTime()-start)/float64(b.N), "cpu-ns/op")
}
