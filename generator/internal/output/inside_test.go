//go:build unix

package output

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPublishInside(t *testing.T) {
	denied := &fs.PathError{Op: "mkdir", Path: "/srv/.pm.pmkb-staging-X", Err: syscall.EACCES}
	tests := []struct {
		name       string
		exists     bool
		mountPoint bool
		besideErr  error
		want       bool
	}{
		{"a usual folder", true, false, nil, false},
		{"a mount point", true, true, nil, true},
		{"parent not writable", true, false, denied, true},
		{"parent on a read-only file system", true, false, &fs.PathError{Op: "mkdir", Err: syscall.EROFS}, true},
		{"parent not writable, destination missing", false, false, denied, false},
		{"another error", true, false, &fs.PathError{Op: "mkdir", Err: syscall.ENOSPC}, false},
	}
	for _, tt := range tests {
		if got := publishInside(tt.exists, tt.mountPoint, tt.besideErr); got != tt.want {
			t.Errorf("%s: publishInside = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// inode returns the inode number of name.
func inode(t *testing.T, name string) uint64 {
	t.Helper()
	info, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

// insideSite is the site TestWriteInside publishes over: a previous build
// with a stale page and a folder that loses its only page, and files of
// other people at the top and inside a generated folder.
func insideSite(t *testing.T, dest string) {
	t.Helper()
	mustWrite(t, dest, files("index.html", "v1", "postmortems/a/index.html", "a1", "tags/x/index.html", "x", "old.html", "o"), Options{})
	writeTree(t, dest, map[string]string{"CNAME": "kb.example.org", "other-site/index.html": "other", "postmortems/notes.txt": "n"})
}

// insideWant is the site TestWriteInside expects after publishing v2.
var insideWant = map[string]string{
	"CNAME":                    "file:kb.example.org",
	"index.html":               "file:v2",
	"new.html":                 "file:new",
	"other-site":               "dir",
	"other-site/index.html":    "file:other",
	"postmortems":              "dir",
	"postmortems/a":            "dir",
	"postmortems/a/index.html": "file:a2",
	"postmortems/notes.txt":    "file:n",
	ManifestName:               "file:[\n  \"index.html\",\n  \"new.html\",\n  \"postmortems/a/index.html\"\n]\n",
}

func TestWriteInside(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	insideSite(t, dest)
	if err := os.Chmod(dest, 0o750|fs.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	ino, otherIno := inode(t, dest), inode(t, filepath.Join(dest, "other-site"))

	st, err := begin(t.Context(), dest, Options{}, placeInside)
	if err != nil {
		t.Fatal(err)
	}
	if !st.inside || filepath.Dir(st.st.root) != dest {
		t.Fatalf("staging folder %s, want one inside %s", st.st.root, dest)
	}
	res, err := fill(st, files("index.html", "v2", "new.html", "new", "postmortems/a/index.html", "a2"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Result{Written: 3, Removed: 2}); !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	if diff := cmp.Diff(insideWant, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	if got := inode(t, dest); got != ino {
		t.Errorf("destination is a new folder (inode %d, was %d): a bind mount of it would show the old one", got, ino)
	}
	if got := inode(t, filepath.Join(dest, "other-site")); got != otherIno {
		t.Error("other-site/, which holds no file of pmkb, was made anew")
	}
	info, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode() & (fs.ModePerm | fs.ModeSetgid); got != 0o750|fs.ModeSetgid {
		t.Errorf("destination mode %v, want it unchanged", got)
	}
	assertNoLeftovers(t, dest)
}

func TestPublishInPlaceWithoutExchange(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	insideSite(t, dest)
	st, err := begin(t.Context(), dest, Options{}, placeInside)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	for _, f := range files("index.html", "v2", "new.html", "new", "postmortems/a/index.html", "a2") {
		if err := st.Put(f); err != nil {
			t.Fatal(err)
		}
	}
	st.done = true
	carry, removed, err := st.old.sort(map[string]bool{"index.html": true, "new.html": true, "postmortems/a/index.html": true}, map[string]bool{"postmortems": true, "postmortems/a": true}, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	untouched := untouchedTops(st.paths, carry, removed, nil)
	for _, e := range carry {
		if !untouched[top(e.path)] {
			if err := st.st.carry(e); err != nil {
				t.Fatal(err)
			}
		}
	}
	noExchange := func(a, b string) error { return errNoExchange }
	if _, err := publishInPlace(st.st.root, dest, st.paths, nil, st.old, untouched, noExchange); err != nil {
		t.Fatal(err)
	}
	st.lock.release()
	if diff := cmp.Diff(insideWant, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}

func TestWriteRestoresWhatAKilledInsideBuildLeft(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustWrite(t, dest, files("index.html", "v1", "postmortems/a/index.html", "a1"), Options{})
	writeTree(t, dest, map[string]string{"postmortems/notes.txt": "n"})
	// Killed between the two renames that replace postmortems/, and with
	// its staging folder still there.
	writeTree(t, dest, map[string]string{".pmkb-staging-KILLED/index.html": "v2"})
	aside := filepath.Join(dest, ".pmkb-old-KILLED")
	if err := os.Mkdir(aside, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dest, "postmortems"), filepath.Join(aside, "postmortems")); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, dest, files("index.html", "v3", "postmortems/a/index.html", "a3"), Options{})
	want := map[string]string{
		"index.html":               "file:v3",
		"postmortems":              "dir",
		"postmortems/a":            "dir",
		"postmortems/a/index.html": "file:a3",
		"postmortems/notes.txt":    "file:n",
		ManifestName:               "file:[\n  \"index.html\",\n  \"postmortems/a/index.html\"\n]\n",
	}
	if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
		t.Errorf("site (-want +got):\n%s", diff)
	}
	assertNoLeftovers(t, dest)
}

// TestSecondBuildWaits proves that a build into a destination another
// build is publishing to waits for it, instead of removing its staging
// folder (qa7-b #5), and is told the other's process id.
func TestSecondBuildWaits(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Begin(t.Context(), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan int, 1)
	type begun struct {
		st  *Stage
		err error
	}
	second := make(chan begun, 1)
	go func() {
		st, err := Begin(t.Context(), dest, Options{Waiting: func(pid int) { waiting <- pid }})
		second <- begun{st, err}
	}()
	select {
	case pid := <-waiting:
		if pid != os.Getpid() {
			t.Errorf("waiting for pid %d, want %d", pid, os.Getpid())
		}
	case b := <-second:
		t.Fatalf("the second build did not wait (err %v)", b.err)
	}
	putAll(t, first, manyFiles(30, "first-"), 2)
	if _, err := first.Commit(); err != nil {
		t.Fatalf("the first build failed: %v", err)
	}
	b := <-second
	if b.err != nil {
		t.Fatal(b.err)
	}
	putAll(t, b.st, manyFiles(20, "second-"), 2)
	res, err := b.st.Commit()
	if err != nil {
		t.Fatalf("the second build failed: %v", err)
	}
	if res.Removed != 11 {
		t.Errorf("result = %+v, want the first build's 11 extra pages removed", res)
	}
	if got := snapshot(t, dest)["index.html"]; got != "file:second-" {
		t.Errorf("index.html = %q, want the second build's", got)
	}
	assertNoLeftovers(t, dest)
}

func TestBeginWaitEndsWithContext(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Begin(t.Context(), dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	ctx, cancel := context.WithCancel(t.Context())
	_, err = Begin(ctx, dest, Options{Waiting: func(int) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(first.st.root); err != nil {
		t.Errorf("the first build's staging folder is gone: %v", err)
	}
}

func TestWriteKeepsFolderModeOwnerAndGroup(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "www")
	mustWrite(t, dest, files("index.html", "v1"), Options{})
	writeTree(t, dest, map[string]string{"other-site/index.html": "A"})
	// As root, the owner and group of a web root prepared the usual way
	// (nobody:www-data); as anyone else, their own.
	uid, gid := os.Getuid(), os.Getgid()
	if uid == 0 {
		uid, gid = 65534, 33
	}
	for p, mode := range map[string]fs.FileMode{".": 0o777 | fs.ModeSticky, "other-site": 0o775 | fs.ModeSetgid} {
		full := filepath.Join(dest, p)
		if err := os.Lchown(full, uid, gid); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(full, mode); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(t, dest, files("index.html", "v2"), Options{})
	for p, mode := range map[string]fs.FileMode{".": 0o777 | fs.ModeSticky, "other-site": 0o775 | fs.ModeSetgid} {
		info, err := os.Lstat(filepath.Join(dest, p))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode() & (fs.ModePerm | fs.ModeSticky | fs.ModeSetgid | fs.ModeSetuid); got != mode {
			t.Errorf("%s: mode %v, want %v", p, got, mode)
		}
		if u, g := ownerOf(info); u != uid || g != gid {
			t.Errorf("%s: owner %d:%d, want %d:%d", p, u, g, uid, gid)
		}
	}
}

func TestWriteErrorsFromTheFileSystemAreErrIO(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	writeTree(t, dest, map[string]string{"index.html": "x"})
	if err := os.Mkdir(filepath.Join(dest, ManifestName), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Write(dest, files("index.html", "y"), Options{})
	if !errors.Is(err, ErrIO) || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("damaged manifest: err = %v, want an ErrIO", err)
	}
	_, err = Write(dest, files("../x", "y"), Options{})
	if err == nil || errors.Is(err, ErrIO) {
		t.Errorf("bad path: err = %v, want an error that is not an ErrIO", err)
	}
}

// TestWriteAtAMountRootKeepsLostFound proves that publishing at the root
// of a mount leaves lost+found where it is, also when cleaning, which
// would otherwise delete it (code review).
func TestWriteAtAMountRootKeepsLostFound(t *testing.T) {
	for _, clean := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		mustWrite(t, dest, files("index.html", "v1"), Options{})
		writeTree(t, dest, map[string]string{"lost+found/#1234": "x", "notes.txt": "n"})
		st, err := begin(t.Context(), dest, Options{Clean: clean}, placeMountRoot)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fill(st, files("index.html", "v2"), nil); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"index.html":       "file:v2",
			"lost+found":       "dir",
			"lost+found/#1234": "file:x",
			"notes.txt":        "file:n",
			ManifestName:       "file:[\n  \"index.html\"\n]\n",
		}
		if clean {
			delete(want, "notes.txt")
		}
		if diff := cmp.Diff(want, snapshot(t, dest)); diff != "" {
			t.Errorf("clean %v: site (-want +got):\n%s", clean, diff)
		}
	}
}

// TestWriteAtAMountRootWithoutManifest proves that publishing for the
// first time at the root of a mount neither records lost+found as an entry
// pmkb found there (which would make every later cleaning build ask for
// --force) nor counts it among what cleaning would delete (code review).
func TestWriteAtAMountRootWithoutManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	writeTree(t, dest, map[string]string{"lost+found/#1234": "x", "notes.txt": "n"})
	for _, mountRoot := range []bool{false, true} {
		want := []string{"lost+found/", "notes.txt"}
		if mountRoot {
			want = want[1:]
		}
		if got, err := neverBuilt(dest, mountRoot); err != nil || !slices.Equal(got, want) {
			t.Errorf("neverBuilt(mountRoot %v) = %q, %v, want %q", mountRoot, got, err, want)
		}
	}
	st, err := begin(t.Context(), dest, Options{}, placeMountRoot)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fill(st, files("index.html", "v1"), nil); err != nil {
		t.Fatal(err)
	}
	if _, foreign, _, err := readManifest(dest); err != nil || !slices.Equal(foreign, []string{"notes.txt"}) {
		t.Errorf("manifest foreign = %q, %v, want [notes.txt]", foreign, err)
	}
	if _, err := os.Stat(filepath.Join(dest, "lost+found", "#1234")); err != nil {
		t.Errorf("lost+found: %v", err)
	}
}

func TestCheckStays(t *testing.T) {
	o := &oldSite{dir: "/srv/pm", stays: []string{"private", "docs/internal"}}
	tests := []struct {
		name      string
		untouched map[string]bool
		wantErr   string
	}{
		{"published inside, both tops untouched", map[string]bool{"private": true, "docs": true}, ""},
		{"published beside: the swap would drop them", nil, "may not read private, docs/internal"},
		{"this build writes in docs/", map[string]bool{"private": true}, "may not read docs/internal, so"},
	}
	for _, tt := range tests {
		err := o.checkStays(tt.untouched)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
		}
	}
}

// TestPublishInsideRecordsForeignEntries proves that publishing inside a
// folder (a mount point) for the first time warns about and records the
// entries pmkb did not make, as the swap does, so that cleaning it later
// is refused (qa8 #3: a tmpfs mount's other.txt and site-b/ were deleted).
func TestPublishInsideRecordsForeignEntries(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "mnt")
	writeTree(t, dest, map[string]string{"other.txt": "O", "site-b/index.html": "B"})
	st, err := begin(t.Context(), dest, Options{}, placeInside)
	if err != nil {
		t.Fatal(err)
	}
	res, err := fill(st, files("index.html", "v1"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := dest + " already holds other.txt, site-b/, which pmkb did not make; they are kept, but --clean would delete them"; res.Warning != want {
		t.Errorf("warning = %q, want %q", res.Warning, want)
	}
	if _, foreign, _, err := readManifest(dest); err != nil || !slices.Equal(foreign, []string{"other.txt", "site-b"}) {
		t.Errorf("manifest foreign = %q, %v", foreign, err)
	}
	if _, err := begin(t.Context(), dest, Options{Clean: true}, placeInside); err == nil || !strings.Contains(err.Error(), "it held other.txt, site-b/ before pmkb first published there") {
		t.Errorf("cleaning: %v, want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "site-b", "index.html")); err != nil {
		t.Errorf("site-b/ lost: %v", err)
	}
}
