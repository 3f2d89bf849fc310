//go:build unix

package output

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// killEnv names the variable that turns TestWriteKilledMidBuild into the
// child process that dies half-way through a build.
const killEnv = "PMKB_OUTPUT_TEST_KILL_DEST"

func TestWriteKilledMidBuild(t *testing.T) {
	if dest := os.Getenv(killEnv); dest != "" {
		// Child: die with SIGKILL after two files are in the staging folder.
		n := 0
		write(dest, files("a.html", "a2", "b.html", "b2", "c.html", "c2"), Options{}, func(string) error {
			if n++; n == 3 {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
				select {}
			}
			return nil
		})
		os.Exit(3) // not reached: the build must be killed
	}

	dest := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dest, files("a.html", "a1", "b.html", "b1", "c.html", "c1"), Options{})
	writeTree(t, dest, map[string]string{"CNAME": "kb.example.org"})
	before := snapshot(t, dest)

	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteKilledMidBuild$")
	cmd.Env = append(os.Environ(), killEnv+"="+dest)
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child: err = %v, want killed by SIGKILL", err)
	}
	if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
		t.Errorf("previous site changed after a killed build (-before +after):\n%s", diff)
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.pmkb-staging-*"))
	if len(matches) != 1 {
		t.Fatalf("staging folders after the kill = %q, want the one the killed build left", matches)
	}

	res := mustWrite(t, dest, files("a.html", "a1", "b.html", "b3"), Options{})
	if want := (Result{Written: 1, Unchanged: 1, Removed: 1}); !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	assertNoLeftovers(t, dest)
}
