//go:build unix

package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pmkb/pmkb/generator"
	"github.com/pmkb/pmkb/generator/model"
)

// TestSessionNeverOpensNamedPipe is QA 17 C-F2 under pmkb serve: a
// postmortem replaced by a named pipe while serving (rm a.md; mkfifo
// a.md) made the quick rebuild block in open(2), and serve built nothing
// more. The quick rebuild now gives way to a whole one, whose walk skips
// the pipe with a files/not-read warning. The build runs under a timeout,
// and the pipe is opened to write at the end, so a failing test ends.
func TestSessionNeverOpensNamedPipe(t *testing.T) {
	dir, write := sessionSite(t)
	a, b := filepath.Join(dir, "content", "postmortems", "a.md"), filepath.Join(dir, "content", "postmortems", "b.md")
	write(a, sessionPM)
	write(b, strings.Replace(sessionPM, "Orders DB ran out of connections", "Second incident", 1))
	s := generator.NewSession(generator.Options{Source: os.DirFS(dir), Today: model.Date{Year: 2026, Month: 11, Day: 27}}, dir)
	ctx := context.Background()
	if _, diags, _, err := s.Build(ctx, nil); err != nil {
		t.Fatalf("first build: %v\n%s", err, diags)
	}

	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(a, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	t.Cleanup(func() {
		for range 50 { // ends a read blocked on the pipe
			if f, err := os.OpenFile(a, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
			time.Sleep(time.Millisecond)
		}
	})
	done := make(chan string)
	go func() {
		_, diags, _, err := s.Build(ctx, []string{a})
		done <- diags.String() + "\n" + errString(err)
	}()
	select {
	case got := <-done:
		if !strings.Contains(got, "content/postmortems/a.md: warning: not read: not a regular file (a named pipe)") {
			t.Errorf("rebuild with a.md a named pipe: no files/not-read warning:\n%s", got)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the rebuild still runs after 20 s: it opened the named pipe (QA 17 C-F2)")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
