package main

import (
	"bytes"
	"context"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSearchInterrupted is QA 17 C-F1's signal half: a search stopped by
// Ctrl-C or SIGTERM (its context cancelled) exits as README says, 130
// (main makes it 143 for SIGTERM), not 1 with the library's "context
// canceled".
func TestSearchInterrupted(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
	if code := e.dispatch(ctx, []string{"search", "--source", root, "disk"}); code != exitInterrupted || errOut.String() != "pmkb: search interrupted\n" {
		t.Errorf("exit %d, want %d\n%s", code, exitInterrupted, errOut.String())
	}
}

// TestSearchDamagedCacheQuiet is QA 17 C-F3 as the command shows it: a
// cache with a zap file cut short is rebuilt, the search answers with
// exit 0, and neither pmkb nor the index library's logger (bleve's
// "unable to load snapshot …, continuing") writes anything on stderr.
func TestSearchDamagedCacheQuiet(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	want, _, _ := pmkb(t, "search", "--source", root, "--json", "disk")
	if want != exitOK {
		t.Fatalf("cold search: exit %d", want)
	}
	zaps, _ := filepath.Glob(filepath.Join(root, ".pmkb-cache", "search", "bleve", "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no zap file in the cache")
	}
	for _, z := range zaps {
		if err := os.Truncate(z, 100); err != nil {
			t.Fatal(err)
		}
	}
	var logged bytes.Buffer
	defer log.SetOutput(log.Writer())
	log.SetOutput(&logged)
	code, out, errOut := pmkb(t, "search", "--source", root, "disk")
	if code != exitOK || !strings.Contains(out, "disk.md") || errOut != "" || logged.Len() > 0 {
		t.Errorf("exit %d\n%s--- stderr:\n%s--- standard logger:\n%s", code, out, errOut, logged.String())
	}
}
