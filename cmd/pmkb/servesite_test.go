package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeAndSearchOutsideASite checks that serve and search, outside any
// site, say there is none and exit 2 as build does, instead of serving an
// empty site (qa6 #7).
func TestServeAndSearchOutsideASite(t *testing.T) {
	t.Chdir(t.TempDir())
	want := "pmkb: no " + filepath.FromSlash("content/postmortems") + " here: run `pmkb new \"Title\"`"
	code, out, errOut := pmkb(t, "search", "disk")
	if code != exitUsage || out != "" || !strings.HasPrefix(errOut, want) {
		t.Errorf("search: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	// serve must stop at once; were it serving, the timeout stops it.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var stderr lockedBuffer
	e := &env{stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
	if code := e.dispatch(ctx, []string{"serve", "--port", "0"}); code != exitUsage || !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("serve: exit %d\nstderr:\n%s", code, stderr.String())
	}
}

// TestServeAndSearchFromASubFolder checks that serve and search, run in a
// folder of the site without --source, use the site root above it, as
// lint does (qa6 #7).
func TestServeAndSearchFromASubFolder(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/disk.md": okPM})
	t.Chdir(filepath.Join(root, "content", "postmortems", "2024"))

	code, out, errOut := pmkb(t, "search", "disk")
	if code != exitOK || !strings.Contains(out, "Search index disk filled up") {
		t.Errorf("search: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var stderr lockedBuffer
	e := &env{stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }}
	done := make(chan int, 1)
	go func() { done <- e.dispatch(ctx, []string{"serve", "--port", "0"}) }()
	defer func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("serve: exit %d\n%s", code, stderr.String())
		}
	}()
	serving := regexp.MustCompile(`serving (.*) on (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n`)
	var m []string
	for deadline := time.Now().Add(10 * time.Second); m == nil; time.Sleep(10 * time.Millisecond) {
		if m = serving.FindStringSubmatch(stderr.String()); m == nil && time.Now().After(deadline) {
			t.Fatalf("no serving line:\n%s", stderr.String())
		}
	}
	if want, _ := filepath.EvalSymlinks(root); m[1] != root && m[1] != want {
		t.Errorf("serving %s, want the site root %s", m[1], root)
	}
	resp, err := http.Get(m[2] + "postmortems/disk/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Search index disk filled up") {
		t.Errorf("GET postmortems/disk/ = %d:\n%s", resp.StatusCode, body)
	}
}
