package render

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pmkb/pmkb/themes"
)

func TestSmoke(t *testing.T) {
	files, err := Site(testKB("en", "https://git.example.com/acme/pm/edit/main/"), themes.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Log(f.Path, len(f.Data))
	}
}

func TestDumpSite(t *testing.T) {
	dir := os.Getenv("PMKB_DUMP")
	if dir == "" {
		return
	}
	files, err := Site(testKB("en", "https://git.example.com/acme/pm/edit/main/"), themes.Default(), Options{Similar: map[string][]string{"2024-03-14-checkout-cert": {"2024-02-01-billing-batch"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
}
