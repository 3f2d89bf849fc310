//go:build unix

package output

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeAsEnv names the variable that turns a test calling writeAsUser into
// the child process that runs Write as nobody.
const writeAsEnv = "PMKB_OUTPUT_TEST_WRITE_AS"

// writeAsJob is what the child process of writeAsUser is given and
// answers.
type writeAsJob struct {
	Dest  string
	Files []File
	Res   Result
	Err   string
	IsIO  bool
}

// writeAsUser runs Write(dest, site, Options{}) as a user whom permissions
// stop: the test user, or, when the tests run as root (whom chmod does not
// stop), nobody, in a child process that runs the test named test again.
// As root, everything in tree (a t.TempDir holding dest) is given to nobody
// first, so that the modes the test set hold for nobody as they would for
// its owner. A test calling it must call childWriteAs first.
func writeAsUser(t *testing.T, test, tree, dest string, site []File) (Result, error) {
	t.Helper()
	if os.Geteuid() != 0 {
		return Write(dest, site, Options{})
	}
	const nobody = 65534
	if err := os.Chmod(filepath.Dir(tree), 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(filepath.Dir(tree), "output-as-nobody.test")
	if _, err := os.Stat(bin); err != nil {
		copyExecutable(t, bin)
	}
	if err := filepath.WalkDir(tree, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, nobody, nobody)
	}); err != nil {
		t.Fatal(err)
	}
	in, err := json.Marshal(writeAsJob{Dest: dest, Files: site})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), writeAsEnv+"="+string(in))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("Write as nobody: %v\n%s", err, out)
	}
	var job writeAsJob
	if err := json.Unmarshal(out, &job); err != nil {
		t.Fatalf("Write as nobody: %v\n%s", err, out)
	}
	switch {
	case job.Err == "":
		return job.Res, nil
	case job.IsIO:
		return job.Res, ioErr(errors.New(job.Err))
	default:
		return job.Res, errors.New(job.Err)
	}
}

// childWriteAs, in the child process of writeAsUser, runs the Write it was
// given, prints the outcome and exits; elsewhere it does nothing.
func childWriteAs() {
	in := os.Getenv(writeAsEnv)
	if in == "" {
		return
	}
	var job writeAsJob
	if err := json.Unmarshal([]byte(in), &job); err != nil {
		os.Stderr.WriteString(err.Error())
		os.Exit(2)
	}
	res, err := Write(job.Dest, job.Files, Options{})
	job.Res, job.Files = res, nil
	if err != nil {
		job.Err, job.IsIO = err.Error(), errors.Is(err, ErrIO)
	}
	out, _ := json.Marshal(job)
	os.Stdout.Write(out)
	os.Exit(0)
}

// chmodAll gives every folder in tree the mode 0755 again, so that the
// test's temporary folder can be removed.
func chmodAll(tree string) {
	filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
}

// TestWriteWarnsWhenThePreviousSiteStays proves that a build whose new
// site went live, but whose previous site holds a folder this user may not
// empty, succeeds with a warning instead of failing with "left untouched",
// and that the next build succeeds too, warning about the leftover,
// instead of failing on it (code review).
func TestWriteWarnsWhenThePreviousSiteStays(t *testing.T) {
	childWriteAs()
	tree := t.TempDir()
	t.Cleanup(func() { chmodAll(tree) })
	dest := filepath.Join(tree, "public")
	mustWrite(t, dest, files("index.html", "v1"), Options{})
	writeTree(t, dest, map[string]string{"z/kept.txt": "k"})
	if err := os.Chmod(filepath.Join(dest, "z"), 0o555); err != nil {
		t.Fatal(err)
	}
	for i, v := range []string{"v2", "v3"} {
		res, err := writeAsUser(t, "TestWriteWarnsWhenThePreviousSiteStays", tree, dest, files("index.html", v))
		if err != nil {
			t.Fatalf("build %d failed: %v", i+2, err)
		}
		if res.Written != 1 || res.Warning == "" {
			t.Errorf("build %d: result %+v, want 1 written and a warning", i+2, res)
		}
		if got := snapshot(t, dest)["index.html"]; got != "file:"+v {
			t.Errorf("build %d: index.html = %q, want %s", i+2, got, v)
		}
	}
}

// TestWriteInsideFailingHalfWayPutsThePreviousSiteBack proves that a
// build publishing inside the destination that cannot move one of its
// top-level entries (z/, a folder this user may not move) takes back the
// entries it already moved (a/) and the manifest, so that a failed build
// leaves the site untouched, as it says (code review).
func TestWriteInsideFailingHalfWayPutsThePreviousSiteBack(t *testing.T) {
	childWriteAs()
	tree := t.TempDir()
	t.Cleanup(func() { chmodAll(tree) })
	parent := filepath.Join(tree, "var-www")
	dest := filepath.Join(parent, "pm")
	mustWrite(t, dest, files("a/index.html", "a1", "old.html", "o", "z/index.html", "z1"), Options{})
	writeTree(t, dest, map[string]string{"CNAME": "kb.example.org"})
	// The parent may not be written: the build publishes inside pm/. z/
	// may not be written, so it cannot be moved to another folder.
	for _, dir := range []string{filepath.Join(dest, "z"), parent} {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, dest)
	_, err := writeAsUser(t, "TestWriteInsideFailingHalfWayPutsThePreviousSiteBack", tree, dest,
		files("a/index.html", "a2", "new.html", "n", "z/index.html", "z2"))
	if err == nil || !errors.Is(err, ErrIO) || !strings.Contains(err.Error(), "publishing z inside") || strings.Contains(err.Error(), "parts of both builds") {
		t.Fatalf("err = %v, want an ErrIO about z that was taken back", err)
	}
	if diff := cmp.Diff(before, snapshot(t, dest)); diff != "" {
		t.Errorf("site after the failed build (-before +after):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}

// TestRollBackThatFailsSaysTheSiteIsMixed proves that when moving back
// fails too, the error is an ErrMixed, for which the CLI does not say
// "left untouched".
func TestRollBackThatFailsSaysTheSiteIsMixed(t *testing.T) {
	dest := t.TempDir()
	stage := filepath.Join(dest, stagingInfix+"X")
	if err := os.Mkdir(stage, 0o700); err != nil {
		t.Fatal(err)
	}
	cause := errors.New("output: publishing z inside: permission denied")
	undo := []func() error{func() error { return errors.New("rename a: permission denied") }}
	err := rollBack(cause, dest, stage, undo, nil, false)
	if !errors.Is(err, ErrMixed) || !errors.Is(err, ErrIO) || !strings.Contains(err.Error(), "parts of both builds") {
		t.Errorf("err = %v, want an ErrMixed and ErrIO", err)
	}
	if err := rollBack(cause, dest, stage, nil, nil, false); errors.Is(err, ErrMixed) || err != cause {
		t.Errorf("nothing to move back: err = %v, want %v", err, cause)
	}
}

// TestWriteInsideKeepsAFolderItMayNotRead proves that a build publishing
// inside the destination leaves a folder this user may not read where it
// is, as a root-only lost+found, instead of failing on reading the
// current site (code review).
func TestWriteInsideKeepsAFolderItMayNotRead(t *testing.T) {
	childWriteAs()
	tree := t.TempDir()
	t.Cleanup(func() { chmodAll(tree) })
	parent := filepath.Join(tree, "var-www")
	dest := filepath.Join(parent, "pm")
	mustWrite(t, dest, files("index.html", "v1", "old.html", "o"), Options{})
	writeTree(t, dest, map[string]string{"private/secret.txt": "s"})
	for dir, mode := range map[string]fs.FileMode{filepath.Join(dest, "private"): 0, parent: 0o555} {
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
	}
	res, err := writeAsUser(t, "TestWriteInsideKeepsAFolderItMayNotRead", tree, dest, files("index.html", "v2"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 1 || res.Removed != 1 {
		t.Errorf("result %+v, want 1 written, 1 removed", res)
	}
	chmodAll(tree)
	want := map[string]string{
		"index.html":         "file:v2",
		"private":            "dir",
		"private/secret.txt": "file:s",
		ManifestName:         "file:[\n  \"index.html\"\n]\n",
	}
	if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}
