package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWriteHugoSite checks the Hugo site reads the corpus's content
// folder and has a template for every kind of page the comparison counts.
func TestWriteHugoSite(t *testing.T) {
	dir := t.TempDir()
	content := `/corpus dir/"quoted"/content`
	if err := writeHugoSite(dir, content); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `contentDir = "/corpus dir/\"quoted\"/content"`; !strings.Contains(string(cfg), want) {
		t.Errorf("hugo.toml lacks %s:\n%s", want, cfg)
	}
	for _, tax := range []string{`system = "systems"`, `cause = "causes"`, `team = "teams"`} {
		if !strings.Contains(string(cfg), tax) {
			t.Errorf("hugo.toml lacks taxonomy %s", tax)
		}
	}
	for _, p := range []string{"baseof.html", "single.html", "list.html", "terms.html"} {
		data, err := os.ReadFile(filepath.Join(dir, "layouts", "_default", p))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "{{") {
			t.Errorf("layouts/_default/%s is not a template", p)
		}
	}
}

// TestHugoOnce runs a stand-in for hugo that writes two files where it is
// told to, and checks the arguments and the measurement.
func TestHugoOnce(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(t.TempDir(), "hugo")
	script := `#!/bin/sh
# --source DIR --destination DEST --quiet
[ "$1" = --source ] && [ "$3" = --destination ] && [ "$5" = --quiet ] || { echo "bad args: $*" >&2; exit 3; }
mkdir -p "$4/a" && echo one > "$4/index.html" && echo two > "$4/a/index.html"
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	// A stale file from an earlier run must not be counted.
	if err := os.MkdirAll(filepath.Join(dir, "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "public", "stale.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := hugoOnce(bin, dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.wall <= 0 || s.maxRSS <= 0 {
		t.Errorf("sample %+v: want a wall time and a peak RSS", s)
	}
	files, bytes, err := du(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if files != 2 || bytes != 8 {
		t.Errorf("public holds %d files, %d bytes; want the 2 files, 8 bytes of this run", files, bytes)
	}

	// A failing hugo is an error that shows what it printed.
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho 'ERROR render failed' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := hugoOnce(bin, dir); err == nil || !strings.Contains(err.Error(), "ERROR render failed") {
		t.Errorf("hugoOnce with a failing hugo: err = %v, want its output", err)
	}
}

func TestComparisonTable(t *testing.T) {
	p := result{n: 10, wallMedian: 2 * time.Second, wallMin: time.Second, cpuMedian: 3 * time.Second, cpuMin: 3 * time.Second,
		maxRSS: 100 << 20, outFiles: 20, outBytes: 1 << 20}
	h := result{n: 10, wallMedian: 9 * time.Second, wallMin: 8 * time.Second, cpuMedian: 15 * time.Second, cpuMin: 14 * time.Second,
		maxRSS: 1800 << 20, outFiles: 12, outBytes: 2 << 20}
	got := comparisonTable([]result{p}, []result{h}, "hugo v0.0.1")
	for _, want := range []string{
		"Hugo: hugo v0.0.1",
		"| 10 | pmkb | 2.00 s | 1.00 s | 3.00 s | 3.00 s | 100.0 MB | 20 files, 1.0 MB |",
		"| 10 | Hugo | 9.00 s | 8.00 s | 15.00 s | 14.00 s | 1800.0 MB | 12 files, 2.0 MB |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
}
