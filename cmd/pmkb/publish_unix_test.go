//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// cancelOn is a writer that cancels when what was written contains want.
type cancelOn struct {
	bytes.Buffer
	want   string
	cancel func()
}

func (w *cancelOn) Write(p []byte) (int, error) {
	n, err := w.Buffer.Write(p)
	if strings.Contains(w.String(), w.want) {
		w.cancel()
	}
	return n, err
}

// TestBuildWaitsForAnotherBuild proves that a build into a destination
// another build holds says whom it waits for, and that Ctrl-C while it
// waits gives 130 with nothing published (qa7-b #5).
func TestBuildWaitsForAnotherBuild(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	dest := filepath.Join(root, "public")
	// Another build (pid 4242) holds the lock beside the destination.
	f, err := os.OpenFile(filepath.Join(root, ".public.pmkb-lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("4242\n"); err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errOut := &cancelOn{want: "waiting for", cancel: cancel}
	e := &env{stdout: &bytes.Buffer{}, stderr: errOut, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
	code := e.dispatch(ctx, []string{"build", "--source", root})
	want := "pmkb: waiting for another pmkb build (pid 4242) publishing to " + dest + "\n"
	if code != exitInterrupted || !strings.Contains(errOut.String(), want) || !strings.Contains(errOut.String(), "pmkb: build interrupted; nothing was published") {
		t.Errorf("exit %d, want %d and %q\n%s", code, exitInterrupted, want, errOut)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("the waiting build published")
	}
}
