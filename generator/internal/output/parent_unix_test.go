//go:build unix

package output

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// nobodyEnv names the variable that turns
// TestWriteWhenTheParentMayNotBeWritten into the child process that builds
// as a user who may not write the destination's parent folder.
const nobodyEnv = "PMKB_OUTPUT_TEST_NOBODY_DEST"

// TestWriteWhenTheParentMayNotBeWritten proves that a deploy user who owns
// /var/www/pm but not /var/www publishes inside pm/ instead of failing,
// and that pm/ stays the same folder (qa7-b #1). chmod does not stop
// root, so as root the build runs in a child process as nobody.
func TestWriteWhenTheParentMayNotBeWritten(t *testing.T) {
	if dest := os.Getenv(nobodyEnv); dest != "" {
		if _, err := Write(dest, files("index.html", "v2", "new.html", "n"), Options{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}

	root := t.TempDir()
	parent := filepath.Join(root, "var-www")
	dest := filepath.Join(parent, "pm")
	mustWrite(t, dest, files("index.html", "v1", "old.html", "o"), Options{})
	writeTree(t, dest, map[string]string{"CNAME": "kb.example.org"})
	ino := inode(t, dest)

	if os.Geteuid() == 0 {
		const nobody = 65534
		for _, dir := range []string{filepath.Dir(root), root, parent} {
			if err := os.Chmod(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range []string{dest, filepath.Join(dest, "index.html"), filepath.Join(dest, "old.html"), filepath.Join(dest, "CNAME"), filepath.Join(dest, ManifestName)} {
			if err := os.Lchown(p, nobody, nobody); err != nil {
				t.Fatal(err)
			}
		}
		bin := filepath.Join(root, "output.test")
		copyExecutable(t, bin)
		cmd := exec.Command(bin, "-test.run=^TestWriteWhenTheParentMayNotBeWritten$")
		cmd.Env = append(os.Environ(), nobodyEnv+"="+dest)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build as nobody: %v\n%s", err, out)
		}
	} else {
		if err := os.Chmod(parent, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(parent, 0o755)
		mustWrite(t, dest, files("index.html", "v2", "new.html", "n"), Options{})
	}

	want := map[string]string{
		"CNAME":      "file:kb.example.org",
		"index.html": "file:v2",
		"new.html":   "file:n",
		ManifestName: "file:[\n  \"index.html\",\n  \"new.html\"\n]\n",
	}
	if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	if got := inode(t, dest); got != ino {
		t.Errorf("destination is a new folder (inode %d, was %d)", got, ino)
	}
	assertNoLeftovers(t, dest)
}

// copyExecutable copies the running test binary to name, so that another
// user can run it.
func copyExecutable(t *testing.T, name string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
