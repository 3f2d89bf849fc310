//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalChild is not a test: run by the tests below as a child
// process, it is pmkb with the arguments in PMKB_CHILD_ARGS.
func TestSignalChild(t *testing.T) {
	args := os.Getenv("PMKB_CHILD_ARGS")
	if args == "" {
		t.Skip("run as a child of TestBuildStopsOnSignal")
	}
	os.Args = append([]string{"pmkb"}, strings.Split(args, "\x1f")...)
	main()
}

// startPmkb starts pmkb args as a child process in dir. Its stderr is a
// lockedBuffer: the child writes it while the test polls it.
func startPmkb(t *testing.T, dir string, args ...string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSignalChild$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PMKB_CHILD_ARGS="+strings.Join(args, "\x1f"))
	errOut := &lockedBuffer{}
	cmd.Stderr = errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, errOut
}

// TestBuildStopsOnSignal sends SIGTERM and SIGHUP, as CI's cancel,
// docker stop, timeout and a closed terminal do, to pmkb build while it
// writes its staging folder: it must stop as it does for Ctrl-C, saying
// so, with its staging folder and lock removed and public/ untouched, and
// exit 128 + the signal's number. Before, only SIGINT was handled, and
// the others killed it with a copy of the site and its lock left beside
// public/ (QA 16 B-F4).
func TestBuildStopsOnSignal(t *testing.T) {
	files := map[string]string{}
	for i := range 600 {
		files[fmt.Sprintf("content/postmortems/2024/2024-01-18-disk-%03d.md", i)] = okPM
	}
	root := site(t, files)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd, errOut := startPmkb(t, root, "build")
			// Wait for the staging folder, as kill.sh of the QA round did.
			var staged bool
			for deadline := time.Now().Add(30 * time.Second); !staged && time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
				m, _ := filepath.Glob(filepath.Join(root, ".public.pmkb-staging-*"))
				staged = len(m) > 0
			}
			if !staged {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				t.Skipf("the build was over before its staging folder was seen:\n%s", errOut)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			_ = cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			if want := 128 + int(sig); code != want || !strings.Contains(errOut.String(), "pmkb: build interrupted") {
				t.Errorf("exit %d (%v), want %d, and stderr saying the build was interrupted:\n%s", code, cmd.ProcessState, want, errOut)
			}
			left, _ := filepath.Glob(filepath.Join(root, ".public.pmkb-*"))
			if len(left) > 0 {
				t.Errorf("left beside public/: %q", left)
			}
		})
	}
}

// TestServeStopsOnSignal: pmkb serve stops on SIGTERM and SIGHUP as on
// Ctrl-C, exit 0 (QA 16 B-F4).
func TestServeStopsOnSignal(t *testing.T) {
	root := site(t, map[string]string{"content/postmortems/2024/2024-01-18-disk.md": okPM})
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd, errOut := startPmkb(t, root, "serve", "--port", "0")
			for deadline := time.Now().Add(30 * time.Second); !strings.Contains(errOut.String(), "serving ") && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				_ = cmd.Process.Kill()
				<-done
				t.Fatalf("serve still running 20 s after %v", sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 0 {
				t.Errorf("exit %d (%v), want 0:\n%s", code, cmd.ProcessState, errOut)
			}
		})
	}
}
