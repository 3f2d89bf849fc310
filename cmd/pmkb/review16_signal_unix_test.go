//go:build unix

package main

import (
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalChildNohup is not a test: run by TestServeKeepsIgnoredHangup
// as a child process, it is pmkb serve started with SIGHUP ignored, as
// nohup starts it.
func TestSignalChildNohup(t *testing.T) {
	if os.Getenv("PMKB_CHILD_NOHUP") == "" {
		t.Skip("run as a child of TestServeKeepsIgnoredHangup")
	}
	signal.Ignore(syscall.SIGHUP)
	os.Args = []string{"pmkb", "serve", "--port", "0"}
	main()
}

// TestServeKeepsIgnoredHangup checks that pmkb serve started with SIGHUP
// ignored (nohup pmkb serve &) keeps serving when it gets SIGHUP, as the
// terminal closing sends it, and still stops on SIGTERM (review 16: the
// SIGHUP handling of QA 16 B-F4 took the signal up again, so the server
// nohup was meant to keep running stopped).
func TestServeKeepsIgnoredHangup(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/2024-01-18-disk.md": okPM})
	cmd := exec.Command(os.Args[0], "-test.run=^TestSignalChildNohup$")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "PMKB_CHILD_NOHUP=1")
	var errOut lockedBuffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	defer func() {
		_ = cmd.Process.Kill()
		<-done
	}()
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(errOut.String(), "serving ") && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
	}
	if !strings.Contains(errOut.String(), "serving ") {
		t.Fatalf("serve did not start:\n%s", errOut.String())
	}
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
		t.Fatalf("serve started with SIGHUP ignored stopped on SIGHUP (%v):\n%s", cmd.ProcessState, errOut.String())
	case <-time.After(time.Second):
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("serve still running 20 s after SIGTERM")
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit %d after SIGTERM, want 0:\n%s", code, errOut.String())
	}
}
