package corpus

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden pins the exact bytes of a small corpus (every file and the
// truth) so that any change to the output is seen in review. Refresh with
// go test ./generator/corpus -run Golden -update.
func TestGolden(t *testing.T) {
	c := Generate(Options{N: 12, Seed: 4, Today: testToday, Formats: true})
	ar := &txtar.Archive{Comment: []byte("Generate(Options{N: 12, Seed: 4, Today: 2026-11-27, Formats: true})\n")}
	for _, p := range c.Paths() {
		ar.Files = append(ar.Files, txtar.File{Name: p, Data: c.Files[p]})
	}
	truth, err := c.TruthJSON()
	if err != nil {
		t.Fatal(err)
	}
	ar.Files = append(ar.Files, txtar.File{Name: "truth.json", Data: truth})
	got := txtar.Format(ar)

	path := filepath.Join("testdata", "n12-seed4.txtar")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("corpus differs from %s (-want +got):\n%s", path, diff)
	}
}
