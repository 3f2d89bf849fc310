package main

import (
	"bytes"
	"context"
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
